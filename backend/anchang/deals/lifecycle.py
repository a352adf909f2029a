"""The deal's way forward: signing the purchase contract (签约) and handing the unit over (交房), each
moving the unit along in inventory in the same transaction."""

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.access import ProjectAccess
from anchang.customers.service import Stage
from anchang.deals import policy
from anchang.deals.base import lock_deal, no_pending_operation
from anchang.deals.buyers import mark_buyers
from anchang.deals.errors import ContractNumberTaken, DealNotPaid
from anchang.deals.ledger import outstanding
from anchang.deals.models import Deal, DealStatus
from anchang.deals.schemas import ContractRequest, HandoverRequest
from anchang.deals.timeline import record_event
from anchang.inventory import service as inventory
from anchang.inventory.service import UnitStatus


async def contract(session: AsyncSession, deal: Deal, access: ProjectAccess, data: ContractRequest) -> Deal:
    """签约 with a contract number unique in the project; the unit becomes contracted."""
    deal = await lock_deal(session, deal)
    policy.check("contract", deal, access)
    await no_pending_operation(session, deal)
    taken = await session.scalar(
        select(Deal.id).where(
            Deal.project_id == deal.project_id, Deal.contract_number == data.contract_number
        )
    )
    if taken is not None:
        raise ContractNumberTaken(f"Contract number {data.contract_number} is already used")
    await inventory.advance_unit(
        session, access.principal, deal.unit_id, UnitStatus.contracted, deal_id=deal.id
    )
    deal.status = DealStatus.contracted
    deal.contract_number = data.contract_number
    deal.signed_on = data.signed_on
    deal.contracted_at = await session.scalar(select(func.now()))
    try:
        async with session.begin_nested():  # a concurrent signing with the same number: 409, not 500
            await session.flush()
    except IntegrityError as exc:
        raise ContractNumberTaken(f"Contract number {data.contract_number} is already used") from exc
    await mark_buyers(session, access, deal.customer_ids, Stage.contracted)
    await record_event(
        session, deal, access, "contracted", contract_number=data.contract_number, signed_on=data.signed_on
    )
    await session.flush()
    return deal


async def handover(session: AsyncSession, deal: Deal, access: ProjectAccess, data: HandoverRequest) -> Deal:
    """交房 once nothing is outstanding; 409 `deal_not_paid` with the amount otherwise."""
    deal = await lock_deal(session, deal)
    policy.check("handover", deal, access)
    await no_pending_operation(session, deal)
    # A disbursed loan is a payment on the schedule like any other: if it was reversed, it is owed.
    _, owed = await outstanding(session, deal)
    if owed > 0:
        raise DealNotPaid(f"{owed:.2f} is still outstanding", outstanding=f"{owed:.2f}")
    await inventory.advance_unit(
        session, access.principal, deal.unit_id, UnitStatus.handed_over, deal_id=deal.id
    )
    deal.status = DealStatus.handed_over
    deal.handed_over_at = await session.scalar(select(func.now()))
    await record_event(session, deal, access, "handed_over", on=data.handed_over_on, note=data.note)
    await session.flush()
    return deal
