"""The deal's mortgage (按揭): started with the bank and the loan, moved through its stages
(`transitions.MORTGAGE_NEXT`); the disbursement is recorded as the payment it is."""

import uuid
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.access import ProjectAccess
from anchang.core.calendar import project_zone, today_in
from anchang.core.errors import ValidationFailed
from anchang.deals import policy
from anchang.deals import repository as repo
from anchang.deals.base import lock_deal
from anchang.deals.errors import MortgageExists, MortgageStageNotAllowed
from anchang.deals.models import Deal, Mortgage, MortgageStage, PaymentMethod
from anchang.deals.payments import receive
from anchang.deals.schemas import MortgageCreate, MortgageStageChange
from anchang.deals.timeline import record_event
from anchang.deals.transitions import MORTGAGE_NEXT, expect_status


async def mortgage_stage(session: AsyncSession, deal: Deal, access: ProjectAccess) -> MortgageStage | None:
    """The stage of the deal's mortgage (None: it has none)."""
    mortgage = await repo.MortgageRepository(session, access.principal).of_deal(deal.id)
    return mortgage.stage if mortgage else None


async def create_mortgage(
    session: AsyncSession, deal: Deal, access: ProjectAccess, data: MortgageCreate
) -> Mortgage:
    """Start the mortgage of a deal paid by one, its documents collected."""
    deal = await lock_deal(session, deal)
    policy.check("start_mortgage", deal, access)
    if not deal.payment_method.is_mortgage:
        raise ValidationFailed({"payment_method": "the deal is not paid by a mortgage"})
    if await repo.MortgageRepository(session, access.principal).of_deal(deal.id) is not None:
        raise MortgageExists("Change its stage instead")
    if data.loan_amount <= 0 or data.loan_amount > deal.final_price:
        raise ValidationFailed({"loan_amount": "must be more than 0.00 and at most the final price"})
    on = data.documents_collected_on or today_in(access)
    mortgage = Mortgage(
        id=uuid.uuid4(),
        organization_id=deal.organization_id,
        project_id=deal.project_id,
        deal_id=deal.id,
        bank=data.bank,
        loan_amount=data.loan_amount,
        stage=MortgageStage.documents_collected,
        stage_dates={MortgageStage.documents_collected.value: on.isoformat()},
        note=data.note,
    )
    session.add(mortgage)
    await record_event(
        session, deal, access, "mortgage_started", bank=data.bank, loan_amount=data.loan_amount
    )
    await session.flush()
    return mortgage


async def change_mortgage_stage(
    session: AsyncSession, deal: Deal, access: ProjectAccess, data: MortgageStageChange
) -> Mortgage:
    """Move the mortgage on; `disbursed` records the loan as a payment on the schedule."""
    deal = await lock_deal(session, deal)
    policy.check("advance_mortgage", deal, access)
    mortgage = await repo.MortgageRepository(session, access.principal).of_deal(deal.id, for_update=True)
    if mortgage is None:
        raise repo.MortgageNotFound("This deal has no mortgage yet")
    if data.stage not in MORTGAGE_NEXT[mortgage.stage]:
        raise MortgageStageNotAllowed(
            f"From {mortgage.stage.value} a mortgage goes to "
            f"{', '.join(sorted(s.value for s in MORTGAGE_NEXT[mortgage.stage])) or 'nothing'}",
            from_stage=mortgage.stage.value,
            to_stage=data.stage.value,
        )
    if data.stage is MortgageStage.disbursed:
        # The disbursement is the payment it is: matched to the schedule like any other.
        expect_status(deal, "disburse_mortgage")
        method = (
            "provident_loan" if deal.payment_method is PaymentMethod.mortgage_provident else "mortgage_loan"
        )
        paid_at = datetime.combine(data.on, datetime.min.time(), project_zone(access))
        payment = await receive(
            session, deal, access, mortgage.loan_amount, method, paid_at, mortgage.bank, "按揭放款"
        )
        mortgage.payment_id = payment.id
    mortgage.stage = data.stage
    mortgage.stage_dates = {**mortgage.stage_dates, data.stage.value: data.on.isoformat()}
    if data.note:
        mortgage.note = data.note
    await record_event(session, deal, access, "mortgage_stage", stage=data.stage.value, on=data.on)
    await session.flush()
    return mortgage
