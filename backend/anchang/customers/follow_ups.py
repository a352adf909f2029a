"""Follow-ups: planned contacts with a customer, due at a time; recording an outcome closes one and
renews the owner's protection. "My follow-ups" are a consultant's work list for the day."""

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.access import ProjectAccess
from anchang.core.calendar import now_utc
from anchang.core.errors import Forbidden, ValidationFailed
from anchang.core.etag import check_version
from anchang.customers import policy, schemas
from anchang.customers.common import (
    fields_of,
    renew_protection,
    sales_member,
)
from anchang.customers.customers import require_handle
from anchang.customers.models import Customer, FollowUp
from anchang.customers.repository import CustomerRepository
from anchang.customers.settings import CustomerSettings


def present_follow_up(follow_up: FollowUp, now: datetime) -> schemas.FollowUp:
    """The follow-up as returned, with whether it is overdue at `now`."""
    return schemas.FollowUp.model_validate(
        {**fields_of(follow_up), "overdue": follow_up.done_at is None and follow_up.due_at < now}
    )


async def add_follow_up(
    session: AsyncSession, customer: Customer, access: ProjectAccess, data: schemas.FollowUpCreate
) -> FollowUp:
    """Plan a follow-up of a customer the caller handles; by default for the customer's owner."""
    me = access.principal.user_id
    require_handle(customer, access, now_utc())
    assignee = data.assignee_id or customer.owner_id or me
    if assignee != me:
        if not policy.may_assign_follow_up(customer, assignee, access):
            raise Forbidden("Only supervisors may assign follow-ups to others")
        assignee = (await sales_member(session, access, assignee, "assignee_id")).id
    follow_up = FollowUp(
        organization_id=customer.organization_id,
        project_id=customer.project_id,
        customer_id=customer.id,
        assignee_id=assignee,
        due_at=data.due_at,
        method=data.method,
        notes=data.notes,
    )
    session.add(follow_up)
    await session.flush()
    return follow_up


async def update_follow_up(
    session: AsyncSession,
    follow_up: FollowUp,
    access: ProjectAccess,
    data: schemas.FollowUpUpdate,
    expected: int | None,
) -> FollowUp:
    """Reschedule a follow-up or record its outcome (its assignee, supervisors); the first outcome
    closes it and renews the customer's protection."""
    await session.refresh(follow_up, with_for_update=True)
    if not policy.may_change_follow_up(follow_up, access):
        raise Forbidden("Only the assignee and supervisors may change this follow-up")
    check_version(expected, follow_up.version)
    changes = data.model_dump(exclude_unset=True)
    if "due_at" in changes:
        if changes["due_at"] is None:
            raise ValidationFailed({"due_at": "cannot be null"})
        follow_up.due_at = changes["due_at"]
    for field in ("method", "notes"):
        if field in changes:
            setattr(follow_up, field, changes[field])
    if changes.get("outcome"):
        now = now_utc()
        follow_up.outcome = changes["outcome"]
        if follow_up.done_at is None:
            follow_up.done_at = now
            # The customer as it stands, whoever may read it: the rule is about the follow-up.
            customer = await CustomerRepository(session, access.principal).get(
                follow_up.customer_id, for_update=True
            )
            renew_protection(customer, CustomerSettings.of(access.project.settings), now)
    await session.flush()
    return follow_up
