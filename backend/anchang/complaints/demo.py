"""Demo complaints, made through the complaints service on a moved clock so their times, deadlines and
timelines are honest: every state and severity, an internal one, a money remedy waiting for the project
manager, one rated by the customer through the link, one reopened, and two escalated by the sweep
because their level missed the deadline to acknowledge. Nothing is left overdue when seeding ends (the
app's own sweep moves them on from there, as it would in an office)."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from anchang.complaints import schemas
from anchang.complaints.escalation import escalate_overdue
from anchang.complaints.filing import file_complaint
from anchang.complaints.handling import act
from anchang.complaints.ladder import clock_at
from anchang.complaints.models import Complaint
from anchang.complaints.rating import make_rating_link, rate
from anchang.core.access import ProjectAccess
from anchang.core.security import Principal
from anchang.customers import service as customers
from anchang.deals import service as deals
from anchang.org.service import project_access


@dataclass(frozen=True)
class Story:
    who: str  # who files it
    hours_ago: float
    title: str
    description: str
    steps: tuple[
        tuple[str, str, float, dict[str, Any]], ...
    ] = ()  # (who, action type, hours after filing, body)
    fields: tuple[tuple[str, Any], ...] = ()


def _body(**fields: Any) -> dict[str, Any]:
    return {"source": "customer", "channel": "on_site", "category": "service", "severity": "minor", **fields}


Step = tuple[str, str, float, dict[str, Any]]
ACK: Step = ("sup", "acknowledge", 0.5, {})
START: Step = ("sup", "start", 1, {})


STORIES = [
    Story("c1", 1, "前台无人接待", "客户到访后在前台等候二十分钟无人接待。"),
    Story(
        "c2",
        2,
        "价格与宣传不符",
        "客户称朋友圈广告价格低于案场报价。",
        (ACK,),
        (("category", "price"), ("channel", "phone")),
    ),
    Story(
        "c1",
        10,
        "样板间墙面开裂",
        "客户参观样板间时发现墙面有裂缝，担心交付质量。",
        (ACK, START),
        (("category", "quality"), ("severity", "major"), ("channel", "wechat")),
    ),
    Story(
        "c2",
        120,
        "承诺赠送车位管理费未兑现",
        "客户称置业顾问口头承诺赠送一年车位管理费。",
        (
            ACK,
            START,
            ("sup", "resolve", 20, {"resolution": "核实后向客户书面说明赠送政策", "remedy": "explanation"}),
        ),
        (("category", "sales_promise"), ("severity", "major"), ("channel", "hotline")),
    ),
    Story(
        "c1",
        240,
        "签约排队时间过长",
        "签约当天排队两个小时。",
        (
            ACK,
            ("sup", "resolve", 2, {"resolution": "增开签约窗口并致歉", "remedy": "explanation"}),
            ("sup", "close", 30, {"satisfaction": 5, "satisfaction_comment": "处理很快"}),
        ),
    ),
    Story(
        "c2",
        480,
        "交房资料缺页",
        "交房时发现使用说明书缺页。",
        (
            ACK,
            START,
            ("sup", "resolve", 18, {"resolution": "补发资料", "remedy": "other"}),
            ("sup", "close", 40, {"satisfaction": 3, "satisfaction_comment": "希望以后仔细核对"}),
        ),
        (("category", "handover"), ("severity", "major"), ("channel", "online")),
    ),
    Story(
        "c1",
        960,
        "合同条款解释不清",
        "客户对补充协议的违约条款有疑问。",
        (
            ACK,
            ("sup", "resolve", 5, {"resolution": "法务当面解释条款", "remedy": "explanation"}),
            ("sup", "close", 48, {"satisfaction": 4}),
        ),
        (("category", "contract"), ("channel", "phone")),
    ),
    Story(
        "c2",
        360,
        "首付款到账未确认",
        "客户转账三天后仍未收到到账确认。",
        (
            ACK,
            ("sup", "resolve", 3, {"resolution": "财务核实已到账并补发收据", "remedy": "explanation"}),
            ("sup", "close", 10, {"satisfaction": 2}),
            ("sup", "reopen", 350, {"comment": "客户称收据金额有误"}),
        ),
        (("category", "payment"), ("severity", "major")),
    ),
    Story(
        "sup",
        5,
        "业主群体投诉采光遮挡",
        "二十余位业主联名投诉新建楼栋遮挡采光，已有媒体询问。",
        (("pm", "acknowledge", 0.3, {}), ("pm", "start", 1, {})),
        (("category", "quality"), ("severity", "critical"), ("channel", "media")),
    ),
    Story(
        "c2",
        6,
        "同事抢客",
        "刘洋反映陈晓接待了本属于他的老客户。",
        (ACK,),
        (("source", "internal"), ("concerned", "c1")),
    ),
    Story(
        "c1",
        9,
        "物业费预收争议",
        "客户要求退还多收的物业费。",
        (
            ACK,
            (
                "sup",
                "resolve",
                2,
                {"resolution": "同意退还多收部分", "remedy": "refund", "remedy_amount": "20000.00"},
            ),
        ),
        (("category", "payment"), ("severity", "major"), ("channel", "phone")),
    ),
    Story(
        "c1",
        192,
        "精装标准与样板间不一致",
        "客户认为交付的地板品牌与样板间不同。",
        (ACK, START, ("sup", "resolve", 12, {"resolution": "更换为样板间同品牌地板", "remedy": "repair"})),
        (("category", "quality"), ("severity", "major"), ("channel", "wechat")),
    ),
]
RATED = "精装标准与样板间不一致"  # its customer rates it through the link
# Filed long enough ago that the sweep escalated them, and recently enough that nothing is overdue now.
ESCALATED = [
    Story("c1", 2.5, "电话咨询无人回复", "客户三次来电均无人回复。", (), (("channel", "phone"),)),
    Story(
        "c2",
        1.5,
        "停车场积水",
        "看房客户的车辆在停车场涉水。",
        (),
        (("category", "property"), ("severity", "major")),
    ),
]


async def seed_complaints(
    session: AsyncSession, organization_id: uuid.UUID, project_id: uuid.UUID, users: dict[str, uuid.UUID]
) -> None:
    slug = next((k[4:] for k, v in users.items() if k.startswith("org_") and v == organization_id), None)
    people: dict[str, ProjectAccess] = {}
    for local in ("c1", "c2", "sup", "sm", "pm"):
        user_id = users.get(f"{local}@{slug}")
        if user_id is None:
            return
        principal = Principal(
            user_id=user_id, organization_id=organization_id, is_admin=False, session_id=uuid.uuid4()
        )
        people[local] = await project_access(session, principal, project_id)
    now = datetime.now(UTC)
    owned = {
        local: list(await session.scalars(customers.ids_owned_by(people[local].principal).limit(3)))
        for local in ("c1", "c2")
    }
    sold = list(await session.scalars(deals.ids_sold_by(people["c2"].principal).limit(1)))

    async def tell(story: Story, index: int) -> uuid.UUID:
        fields = dict(story.fields)
        concerned = fields.pop("concerned", None)
        body = _body(title=story.title, description=story.description, **fields)
        if concerned:
            body["concerned_user_ids"] = [people[concerned].principal.user_id]
        elif fields.get("category") == "sales_promise" and sold:
            body["deal_id"] = sold[0]  # about what a consultant promised when selling it
        elif owned.get(story.who):
            body["customer_id"] = owned[story.who][index % len(owned[story.who])]
        filed_at = now - timedelta(hours=story.hours_ago)
        with clock_at(filed_at):
            complaint = await file_complaint(
                session, people[story.who], schemas.ComplaintCreate.model_validate(body)
            )
        for who, kind, after, extra in story.steps:
            with clock_at(filed_at + timedelta(hours=after)):
                request = schemas.ComplaintActionRequest.model_validate({"type": kind, **extra})
                complaint = await act(session, complaint, people[who], request)
        return complaint.id

    for index, story in enumerate(STORIES):
        complaint_id = await tell(story, index)
        if story.title == RATED:
            complaint = await session.get(Complaint, complaint_id)
            assert complaint is not None
            link = await make_rating_link(session, complaint, people["sup"])
            await rate(session, link.token, schemas.RatingRequest(score=4, comment="更换及时，满意"))
    for index, story in enumerate(ESCALATED):
        await tell(story, index)
    # Their level missed the hour (major) or two (minor) to acknowledge: the sweep, twenty minutes ago.
    await escalate_overdue(session, now - timedelta(minutes=20))
