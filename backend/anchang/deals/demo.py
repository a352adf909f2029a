"""Demo deals, made through the deals service so unit statuses, histories and schedules are honest:
subscribed deals (one waiting for a supervisor's discount approval), contracted ones with payments,
a mortgage under way, and one instalment deal whose down payment is overdue."""

import uuid
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.access import ProjectAccess
from anchang.core.calendar import today_in
from anchang.core.security import Principal
from anchang.customers.models import Customer, Stage
from anchang.deals import service
from anchang.deals.models import Deal, MortgageStage, PaymentMethod
from anchang.deals.schemas import (
    ContractRequest,
    DealCreate,
    DiscountIn,
    MortgageCreate,
    MortgageStageChange,
    PaymentCreate,
)
from anchang.inventory.models import Unit, UnitStatus
from anchang.inventory.repository import UnitRepository
from anchang.org.service import project_access


def _user(users: dict[str, uuid.UUID], organization_id: uuid.UUID, local: str) -> uuid.UUID | None:
    slug = next((k[4:] for k, v in users.items() if k.startswith("org_") and v == organization_id), None)
    if slug is not None and f"{local}@{slug}" in users:
        return users[f"{local}@{slug}"]
    return users.get(local)


async def seed_deals(
    session: AsyncSession, organization_id: uuid.UUID, project_id: uuid.UUID, users: dict[str, uuid.UUID]
) -> None:
    people: dict[str, ProjectAccess] = {}
    for local in ("c1", "c2", "sm", "fin"):
        user_id = _user(users, organization_id, local)
        if user_id is None:
            return
        principal = Principal(
            user_id=user_id, organization_id=organization_id, is_admin=False, session_id=uuid.uuid4()
        )
        people[local] = await project_access(session, principal, project_id)
    units = list(
        (
            await session.scalars(
                UnitRepository(session, people["sm"].principal)
                .of_project(project_id)
                .where(Unit.status == UnitStatus.available)
                .order_by(Unit.floor.desc(), Unit.code)
                .limit(12)
            )
        ).all()
    )
    customers: dict[str, list[uuid.UUID]] = {}
    for local in ("c1", "c2"):
        rows = await session.scalars(
            select(Customer.id)
            .where(
                Customer.project_id == project_id,
                Customer.owner_id == people[local].principal.user_id,
                Customer.stage.in_([Stage.visited, Stage.pledged]),
            )
            .order_by(Customer.created_at.desc(), Customer.id)
            .limit(5)
        )
        customers[local] = list(rows)
    if len(units) < 6 or any(len(c) < 3 for c in customers.values()):
        return
    today = today_in(people["c1"])

    async def subscribe(
        who: str, unit: Unit, customer: uuid.UUID, method: PaymentMethod, deposit: str, **extra: object
    ) -> Deal:
        body = DealCreate.model_validate(
            {
                "unit_id": unit.id,
                "customer_ids": [customer],
                "payment_method": method,
                "deposit": deposit,
                **extra,
            }
        )
        return await service.subscribe(session, people[who], body)

    async def pay(who: str, deal: Deal, amount: Decimal, days_ago: int, reference: str) -> None:
        paid_at = datetime.combine(today - timedelta(days=days_ago), time(10, 30), UTC)
        data = PaymentCreate(amount=amount, method="transfer", paid_at=paid_at, reference=reference)
        await service.record_payment(session, deal, people[who], data)

    # 1. c1: subscribed yesterday on a commercial mortgage, deposit paid (yesterday's daily report).
    d1 = await subscribe("c1", units[0], customers["c1"][0], PaymentMethod.mortgage_commercial, "50000.00")
    await _backdate(session, d1, days=1)
    await pay("c1", d1, d1.deposit, 1, "POS-0001")
    # 2. c2: subscribed, paying in full, nothing received yet.
    await subscribe("c2", units[1], customers["c2"][0], PaymentMethod.full, "20000.00")
    # 3. c1: a 0.5 % discount beyond a consultant's authority, waiting for the supervisor.
    discount = DiscountIn(kind="percent", value="0.5", reason="老带新优惠")
    await subscribe(
        "c1", units[2], customers["c1"][1], PaymentMethod.mortgage_provident, "30000.00", discounts=[discount]
    )
    # 4. c2 contracted on a mortgage: deposit and down payment paid, the bank has the file.
    d4 = await subscribe("c2", units[3], customers["c2"][1], PaymentMethod.mortgage_commercial, "50000.00")
    lines = await service.schedule_of(session, d4, people["c2"])
    await pay(
        "fin", d4, sum((ln.amount for ln in lines if ln.kind.value != "mortgage"), Decimal(0)), 0, "TT-88"
    )
    d4 = await service.contract(
        session, d4, people["c2"], ContractRequest(contract_number=f"HT-{today:%Y}-0001", signed_on=today)
    )
    mortgage_line = next(ln for ln in lines if ln.kind.value == "mortgage")
    await service.create_mortgage(
        session, d4, people["c2"], MortgageCreate(bank="中国建设银行", loan_amount=mortgage_line.amount)
    )
    await service.change_mortgage_stage(
        session, d4, people["c2"], MortgageStageChange(stage=MortgageStage.submitted, on=today)
    )
    # 5. c1 contracted on instalments 75 days ago; the down payment is overdue (催款).
    d5 = await subscribe("c1", units[4], customers["c1"][2], PaymentMethod.installment, "50000.00")
    await _backdate(session, d5, days=75)
    await pay("c1", d5, d5.deposit, 75, "POS-0002")
    await service.contract(
        session,
        d5,
        people["c1"],
        ContractRequest(contract_number=f"HT-{today:%Y}-0002", signed_on=today - timedelta(days=70)),
    )
    # 6–9. Contracted last month and the month before, paid as their stages need: the agency fee's demo
    # statements settle them (a finance person can check each line against these deals).
    if len(units) < 9 or len(customers["c1"]) < 5 or len(customers["c2"]) < 4:
        await session.flush()
        return
    last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    month_before = (last_month - timedelta(days=1)).replace(day=1)
    for who, unit, customer, method, on, in_full in (
        ("c1", units[5], customers["c1"][3], PaymentMethod.full, last_month + timedelta(days=3), True),
        (
            "c2",
            units[6],
            customers["c2"][2],
            PaymentMethod.mortgage_commercial,
            last_month + timedelta(days=8),
            False,
        ),
        (
            "c1",
            units[7],
            customers["c1"][4],
            PaymentMethod.mortgage_provident,
            last_month + timedelta(days=12),
            False,
        ),
        ("c2", units[8], customers["c2"][3], PaymentMethod.full, month_before + timedelta(days=10), True),
    ):
        deal = await subscribe(who, unit, customer, method, "50000.00")
        days_ago = (today - on).days
        await _backdate(session, deal, days=days_ago + 2)
        schedule = await service.schedule_of(session, deal, people[who])
        due = (
            deal.final_price
            if in_full
            else sum((ln.amount for ln in schedule if ln.kind.value != "mortgage"), Decimal(0))
        )
        await pay("fin", deal, due, days_ago, f"TT-{unit.code}")
        await service.contract(
            session,
            deal,
            people[who],
            ContractRequest(contract_number=f"HT-{on:%Y%m}-{unit.code}", signed_on=on),
        )
    await session.flush()


async def _backdate(session: AsyncSession, deal: Deal, *, days: int) -> None:
    """Move a fresh demo deal's subscription and schedule into the past (only its own rows)."""
    from anchang.deals.models import ScheduleLine

    deal.subscribed_on -= timedelta(days=days)
    for line in await session.scalars(select(ScheduleLine).where(ScheduleLine.deal_id == deal.id)):
        line.due_on -= timedelta(days=days)
    await session.flush()
