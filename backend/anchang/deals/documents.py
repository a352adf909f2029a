"""The subscription agreement (认购书) as a PDF: what it shows, with the buyers' phones as fully as the
API would show them to the caller, rendered off the event loop."""

from decimal import Decimal

import anyio
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.access import ProjectAccess
from anchang.deals.buyers import buyer_contacts
from anchang.deals.errors import PdfUnavailable
from anchang.deals.ledger import schedule_of
from anchang.deals.models import Deal
from anchang.deals.pdf import Agreement, AgreementLine, FontMissing, render
from anchang.inventory import service as inventory
from anchang.org import service as org


async def agreement(session: AsyncSession, deal: Deal, access: ProjectAccess) -> Agreement:
    """What the subscription agreement (认购书) shows."""
    principal = access.principal
    units = await inventory.units_for_deals(session, principal, [deal.unit_id])
    unit = units[deal.unit_id]
    developer = await org.developer_name(session, principal, access.project.developer_id)
    consultant = await org.user_name(session, principal, deal.consultant_id) if deal.consultant_id else None
    lines = await schedule_of(session, deal, access)
    return Agreement(
        project=access.project.name,
        developer=developer,
        unit_code=unit.code,
        building=unit.building,
        layout=unit.layout,
        gross_area=unit.gross_area,
        buyers=await buyer_contacts(session, access, deal.customer_ids),
        consultant=consultant,
        payment_method=deal.payment_method.value,
        list_price=deal.list_price,
        method_discount_rate=deal.method_discount_rate,
        discounts=[(d["reason"], Decimal(d["amount"])) for d in deal.discounts],
        final_price=deal.final_price,
        deposit=deal.deposit,
        subscribed_on=deal.subscribed_on,
        status=deal.status.value,
        lines=[AgreementLine(ln.kind.value, ln.due_on, ln.amount) for ln in lines],
    )


async def subscription_pdf(session: AsyncSession, deal: Deal, access: ProjectAccess) -> bytes:
    """The 认购书 as PDF bytes; 503 `pdf_unavailable` when the server has no CJK font."""
    data = await agreement(session, deal, access)
    try:
        return await anyio.to_thread.run_sync(render, data)
    except FontMissing as exc:
        raise PdfUnavailable(str(exc)) from exc
