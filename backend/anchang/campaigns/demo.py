"""Demo campaigns, made through the campaigns, customers and deals services so every figure of the
channel and campaign report is honest: an opening event, a Douyin feed and an outdoor billboard with
their costs; customers registered and visits recorded through them; a deal subscribed by a customer the
opening brought (and contracted), another by one the Douyin feed brought — so the report of the last 30
days shows a cost per deal and a return on spend."""

import uuid
from datetime import timedelta
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from anchang.campaigns import schemas
from anchang.campaigns.campaigns import add_cost, create_campaign
from anchang.campaigns.models import CampaignKind, CampaignMedium
from anchang.core.access import ProjectAccess
from anchang.core.calendar import now_utc, today_in
from anchang.core.security import Principal
from anchang.customers import service as customers
from anchang.customers.schemas import CustomerCreate
from anchang.deals import service as deals
from anchang.deals.models import PaymentMethod
from anchang.deals.schemas import ContractRequest, DealCreate, PaymentCreate
from anchang.inventory.models import Unit, UnitStatus
from anchang.inventory.repository import UnitRepository
from anchang.org.service import project_access

# (name, kind, medium, days from today it starts and ends, budget, costs as (days ago, amount, what))
CAMPAIGNS = (
    (
        "开盘盛典",
        CampaignKind.event,
        CampaignMedium.opening,
        (-20, 10),
        "300000.00",
        ((20, "120000.00", "舞台搭建与开盘礼品"), (15, "60000.00", "暖场演艺")),
    ),
    (
        "抖音信息流投放",
        CampaignKind.advertising,
        CampaignMedium.douyin,
        (-30, 30),
        "100000.00",
        ((28, "25000.00", "首期投放"), (7, "25000.00", "二期投放")),
    ),
    (
        "地铁站户外大牌",
        CampaignKind.advertising,
        CampaignMedium.outdoor,
        (-45, 45),
        "150000.00",
        ((25, "80000.00", "三个月画面与租金"),),
    ),
)
# (campaign, consultant, name, phone, channel, tens of minutes ago they came in)
VISITORS = (
    (0, "c1", "开盘 钱先生", "13700010001", customers.Channel.walk_in, 12),
    (0, "c2", "开盘 孙女士", "13700010002", customers.Channel.walk_in, 11),
    (0, "c1", "开盘 周先生", "13700010003", customers.Channel.customer_referral, 10),
    (1, "c2", "抖音 吴女士", "13700010004", customers.Channel.online, 6),
    (1, "c1", "抖音 郑先生", "13700010005", customers.Channel.online, 5),
    (2, "c2", "户外 冯女士", "13700010006", customers.Channel.advertising, 3),
)


async def _people(
    session: AsyncSession, organization_id: uuid.UUID, project_id: uuid.UUID, users: dict[str, uuid.UUID]
) -> dict[str, ProjectAccess] | None:
    slug = next((k[4:] for k, v in users.items() if k.startswith("org_") and v == organization_id), None)
    people: dict[str, ProjectAccess] = {}
    for local in ("c1", "c2", "sm", "fin"):
        user_id = users.get(f"{local}@{slug}")
        if user_id is None:
            return None
        principal = Principal(
            user_id=user_id, organization_id=organization_id, is_admin=False, session_id=uuid.uuid4()
        )
        people[local] = await project_access(session, principal, project_id)
    return people


async def seed_campaigns(
    session: AsyncSession, organization_id: uuid.UUID, project_id: uuid.UUID, users: dict[str, uuid.UUID]
) -> None:
    """The demo campaigns of a project, after its customers and deals (see the module's docstring)."""
    people = await _people(session, organization_id, project_id, users)
    if people is None:
        return
    today = today_in(people["sm"])
    made = []
    for name, kind, medium, (starts, ends), budget, costs in CAMPAIGNS:
        campaign = await create_campaign(
            session,
            people["sm"],
            schemas.CampaignCreate(
                name=name,
                kind=kind,
                medium=medium,
                starts_on=today + timedelta(days=starts),
                ends_on=today + timedelta(days=ends),
                budget=Decimal(budget),
            ),
        )
        for days_ago, amount, what in costs:
            await add_cost(
                session,
                campaign,
                people["sm"],
                schemas.CampaignCostCreate(
                    spent_on=today - timedelta(days=days_ago), amount=Decimal(amount), description=what
                ),
            )
        made.append(campaign)

    brought: list[tuple[str, uuid.UUID]] = []
    settings = customers.CustomerSettings.of(people["sm"].project.settings)
    for index, who, name, phone, channel, days_ago in VISITORS:
        access, campaign_id = people[who], made[index].id
        customer = await customers.register_customer(
            session,
            access,
            CustomerCreate(
                name=name,
                phone=phone,
                channel=channel,
                campaign_id=campaign_id,
                wanted_layouts=[],
                co_buyers=[],
            ),
        )
        visited_at = now_utc() - timedelta(minutes=10 * days_ago)
        await customers.record_visit(
            session,
            access.principal,
            customer,
            settings,
            consultant_id=access.principal.user_id,
            visited_at=visited_at,
            channel=channel,
            campaign_id=campaign_id,
        )
        brought.append((who, customer.id))

    units = list(
        (
            await session.scalars(
                UnitRepository(session, people["sm"].principal)
                .of_project(project_id)
                .where(Unit.status == UnitStatus.available)
                .order_by(Unit.floor, Unit.code)
                .limit(2)
            )
        ).all()
    )
    if len(units) < 2:
        return
    # The opening's third visitor subscribes and contracts; the Douyin feed's first subscribes.
    for (who, customer_id), unit, signs in ((brought[2], units[0], True), (brought[3], units[1], False)):
        deal = await deals.subscribe(
            session,
            people[who],
            DealCreate.model_validate(
                {
                    "unit_id": unit.id,
                    "customer_ids": [customer_id],
                    "payment_method": PaymentMethod.full,
                    "deposit": "50000.00",
                }
            ),
        )
        if signs:
            paid_at = now_utc()
            await deals.record_payment(
                session,
                deal,
                people["fin"],
                PaymentCreate(amount=deal.deposit, method="transfer", paid_at=paid_at),
            )
            await deals.contract(
                session,
                deal,
                people[who],
                ContractRequest(contract_number=f"HT-{today:%Y}-KP01", signed_on=today),
            )
    await session.flush()
