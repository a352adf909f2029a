"""Generated activity of a site over several days and two consultants, around midnight in Shanghai and
across a month's and a year's start, written straight into the tables (the owning domains' factories)."""

import itertools
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from anchang.complaints.models import ComplaintStatus
from anchang.customers.models import Call, CallDirection, Channel, ReferralStatus, Visit, VisitKind
from anchang.deals.day_counts import DISCOUNT_REFUSED
from anchang.deals.models import DealStatus, Payment, PaymentKind
from anchang.inventory.models import ReservationStatus, UnitStatus
from tests.complaints import factories as cpf
from tests.customers import factories as cf
from tests.deals import factories as df
from tests.inventory import factories as inv
from tests.inventory.site import Site

SHANGHAI = ZoneInfo("Asia/Shanghai")


def local(day: date, hour: int, minute: int = 0) -> datetime:
    """An instant of a Shanghai day."""
    return datetime.combine(day, time(hour, minute), SHANGHAI)


def instants(day: date) -> list[datetime]:
    """Times around the report's day: just after and before its midnights, the day before's last minutes,
    earlier in its month and year, and the last minutes of the year before (outside every period)."""
    return [
        local(day, 0, 5),
        local(day, 23, 55),
        local(day, 12),
        local(day - timedelta(days=1), 23, 58),
        local(day.replace(day=1), 0, 1),
        local(day.replace(month=1, day=1), 0, 2),
        local(day.replace(month=1, day=1) - timedelta(days=1), 23, 59),
    ]


@dataclass
class Generated:
    day: date
    customers: list[uuid.UUID]


async def generate(session: AsyncSession, site: Site, day: date) -> Generated:
    """Activity of both consultants (and one pooled customer) at each of `instants(day)`."""
    project = site.project
    consultants = [site.users["consultant"], site.users["consultant2"]]
    broker = await cf.create_broker(session, project=project)
    channels = itertools.cycle(list(Channel))
    positions = itertools.count(100)
    customers = []
    for n, (at, who) in enumerate(itertools.product(instants(day), consultants)):
        customer = await cf.create_customer(session, project=project, owner=who, channel=next(channels))
        customer.created_at = at
        customers.append(customer.id)
        for k, kind in enumerate((VisitKind.first, VisitKind.repeat)):
            session.add(
                Visit(
                    organization_id=project.organization_id,
                    project_id=project.id,
                    customer_id=customer.id,
                    consultant_id=who.id,
                    kind=kind,
                    channel=customer.channel,
                    party_size=1 + (n + k) % 3,
                    visited_at=at + timedelta(seconds=k),
                )
            )
        for direction in (CallDirection.inbound, CallDirection.outbound, CallDirection.inbound):
            session.add(
                Call(
                    organization_id=project.organization_id,
                    project_id=project.id,
                    customer_id=customer.id,
                    consultant_id=who.id,
                    direction=direction,
                    called_at=at,
                )
            )
        referral = await cf.create_referral(session, broker=broker, registered_at=at)
        if n % 2 == 0:
            referral.status = ReferralStatus.credited
            referral.credited_consultant_id = who.id
            referral.credited_at = at
        unit = await inv.create_unit(session, building=site.building, position=next(positions), floor=30 + n)
        reservation = await inv.create_reservation(
            session, unit=unit, consultant=who, customer_id=customer.id
        )
        reservation.created_at = at
        reservation.status = ReservationStatus.converted
        # A deal a day: subscribed, signed, some cancelled, one refused, one still pending.
        sold = await inv.create_unit(
            session,
            building=site.building,
            position=next(positions),
            floor=30 + n,
            gross_area=Decimal("80.50") + n,
            list_price=Decimal("2000000.00") + 1000 * n,
        )
        status = [DealStatus.subscribed, DealStatus.contracted, DealStatus.cancelled][n % 3]
        deal = await df.create_deal(
            session,
            unit=sold,
            customers=[customer],
            consultant=who,
            subscribed_on=at.astimezone(SHANGHAI).date(),
        )
        if status is not DealStatus.subscribed:
            deal.status = DealStatus.contracted
            deal.signed_on = at.astimezone(SHANGHAI).date()
            deal.contracted_at = at
        if status is DealStatus.cancelled:
            deal.status = DealStatus.cancelled
            deal.cancelled_at = at + timedelta(minutes=1)
            deal.cancel_reason = "客户退房"
            sold.status = UnitStatus.available
        if n == 3:
            deal.status, deal.cancelled_at, deal.cancel_reason = DealStatus.cancelled, at, DISCOUNT_REFUSED
            deal.signed_on = None
        if n == 5:
            deal.status = DealStatus.pending_approval
            deal.signed_on = None
        paid = await df.create_payment(session, deal=deal, amount=Decimal("10000.00") + n, by=who)
        paid.paid_at = at
        if n % 4 == 1:  # reversed the next day: the money counts on no day
            reversal = Payment(
                id=uuid.uuid4(),
                organization_id=project.organization_id,
                project_id=project.id,
                deal_id=deal.id,
                kind=PaymentKind.reversal,
                amount=-paid.amount,
                method=paid.method,
                paid_at=at + timedelta(days=1),
                allocations=[],
                reverses_id=paid.id,
            )
            session.add(reversal)
            paid.reversed_by_id = reversal.id
        complaint = await cpf.create_complaint(session, project=project, filed_at=at, customer_id=customer.id)
        complaint.created_at = at
        complaint.concerned_user_ids = [who.id] if n % 3 else [c.id for c in consultants]
        if n % 2:
            complaint.status = ComplaintStatus.closed
            complaint.closed_at = at + timedelta(minutes=2)
    pooled = await cf.create_customer(session, project=project, owner=None, channel=Channel.online)
    pooled.created_at = local(day, 9)
    await session.flush()
    return Generated(day=day, customers=[*customers, pooled.id])
