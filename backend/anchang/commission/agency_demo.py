"""Demo agency fee, made through the commission and approvals services: a rule the developer's rep
approved, the month before last's statement confirmed by the developer, and last month's submitted —
each line one of the demo deals contracted in that month (deals/demo.py), checkable by hand."""

import uuid
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from anchang.approvals import service as approvals
from anchang.commission import schemas
from anchang.commission.agency_rules import propose_rule
from anchang.commission.agency_statements import act_on_statement, generate_statement
from anchang.core.access import ProjectAccess
from anchang.core.calendar import today_in
from anchang.core.security import Principal
from anchang.org.service import project_access

RULE = schemas.AgencyFeeRuleCreate.model_validate(
    {
        "effective_from": "2020-01-01",
        "base": "contracted_price",
        "rate": "1.0",
        "premium_share": "30",
        "fixed_amounts": {"parking": "5000.00"},
        "stages": [
            {"name": "contract", "share": "70", "condition": "down_payment_received"},
            {"name": "full", "share": "30", "condition": "fully_paid_or_loan"},
        ],
        "note": "代理合同第五条：合同价 1%，溢价部分 30% 分成，车位每个 5,000 元",
    }
)


async def seed_agency_fee(
    session: AsyncSession, organization_id: uuid.UUID, project_id: uuid.UUID, users: dict[str, uuid.UUID]
) -> None:
    slug = next((k[4:] for k, v in users.items() if k.startswith("org_") and v == organization_id), None)
    people: dict[str, ProjectAccess] = {}
    for local in ("pm", "fin", "dev"):
        user_id = users.get(f"{local}@{slug}")
        if user_id is None:
            return
        principal = Principal(
            user_id=user_id, organization_id=organization_id, is_admin=False, session_id=uuid.uuid4()
        )
        people[local] = await project_access(session, principal, project_id)
    rule = await propose_rule(session, people["pm"], RULE)
    approval = await session.get(approvals.Approval, rule.approval_id)
    assert approval is not None
    await approvals.decide(session, approval, people["dev"], approve=True, comment="按代理合同执行")

    today = today_in(people["pm"])
    last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    month_before = (last_month - timedelta(days=1)).replace(day=1)
    for start, end, confirm in (
        (month_before, last_month - timedelta(days=1), True),
        (last_month, today.replace(day=1) - timedelta(days=1), False),
    ):
        period = schemas.StatementCreate(period_start=start, period_end=end)
        statement, _ = await generate_statement(session, people["fin"], period)
        statement = await act_on_statement(session, statement, people["fin"], "submit")
        if confirm:
            statement = await act_on_statement(session, statement, people["dev"], "confirm")
