"""Filing a complaint (立案): anyone in the project, about a customer, a deal, a unit or colleagues."""

import uuid
from collections.abc import Awaitable
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from anchang.complaints import schemas
from anchang.complaints.ladder import Assigner, action_row, announce, now_utc, start_level
from anchang.complaints.models import Complaint, ComplaintSeverity, ComplaintSource
from anchang.complaints.settings import ComplaintSettings
from anchang.core.access import ProjectAccess
from anchang.core.errors import ValidationFailed
from anchang.core.roles import ProjectRole
from anchang.customers import service as customers
from anchang.deals import service as deals
from anchang.inventory import service as inventory
from anchang.org import service as org

T = TypeVar("T")


async def file_complaint(
    session: AsyncSession, access: ProjectAccess, data: schemas.ComplaintCreate
) -> Complaint:
    """File a complaint: it starts at level 1 (a critical one at level 3, with the developer's reps told
    at once), assigned to the least loaded member of that level, with its deadlines running."""
    project_id = access.project.id
    customer_id, unit_id = data.customer_id, data.unit_id
    if data.deal_id is not None:
        deal = await _in_project(
            deals.deal_in_project(session, access.principal, data.deal_id, project_id), "deal_id"
        )
        unit_id = unit_id or deal.unit_id
        if customer_id is None and deal.customer_ids:
            customer_id = deal.customer_ids[0]
    if customer_id is not None:
        await _in_project(
            customers.get_customer_for_deal(session, access.principal, customer_id, project_id), "customer_id"
        )
    if unit_id is not None:
        units = await inventory.units_for_deals(session, access.principal, [unit_id])
        if unit_id not in units or units[unit_id].project_id != project_id:
            raise ValidationFailed({"unit_id": "no such unit in this project"})
    concerned = list(dict.fromkeys(data.concerned_user_ids))
    for index, user_id in enumerate(concerned):
        if await org.member_role(session, access, user_id) is None:
            raise ValidationFailed({f"concerned_user_ids.{index}": "not a member of this project"})

    settings = ComplaintSettings.of(access.project.settings)
    at = now_utc()
    complaint = Complaint(
        id=uuid.uuid4(),
        organization_id=access.project.organization_id,
        project_id=project_id,
        created_at=at,  # the deadlines count from the same instant
        source=data.source,
        channel=data.channel,
        category=data.category,
        severity=data.severity,
        title=data.title,
        description=data.description,
        customer_id=customer_id,
        deal_id=data.deal_id,
        unit_id=unit_id,
        concerned_user_ids=concerned,
        filed_by=access.principal.user_id,
        escalation_count=0,
        reopen_count=0,
    )
    level = 3 if data.severity is ComplaintSeverity.critical else 1
    start_level(complaint, level, settings, at)
    assigner = await Assigner.load(session, {project_id}, {level})
    complaint.assignee_id = assigner.pick(project_id, level)
    session.add(complaint)
    await session.flush()
    session.add(
        action_row(complaint, "filed", actor_id=access.principal.user_id, at=at, comment=data.description)
    )
    if data.severity is ComplaintSeverity.critical and data.source is ComplaintSource.customer:
        reps = await org.members_with_role(session, access, ProjectRole.developer_rep)
        session.add(
            action_row(
                complaint,
                "notified",
                actor_id=None,
                at=at,
                data={"role": ProjectRole.developer_rep.value, "user_ids": [str(u) for u in sorted(reps)]},
            )
        )
    await session.flush()
    await announce(session, "complaint.created", complaint)
    return complaint


async def _in_project(lookup: Awaitable[T], field: str) -> T:
    """A referenced object of the project, or a 422 naming the field (not a 404: the complaint's
    path exists; it is the body that names something wrong)."""
    try:
        return await lookup
    except (customers.CustomerNotFound, deals.DealNotFound) as exc:
        raise ValidationFailed({field: "no such record in this project"}) from exc
