"""Demo customers for one demo project: ~60 customers of c1 and c2 across channels and intents, visits
over the last 30 days, calls, follow-ups (some overdue), a 撞单 attempt, a reassignment, customers in
and about to fall into the public pool, brokers with agents and referrals, and today's roster.

Deterministic per project (seeded by its id), so a reset shows the same office again.
"""

import random
import uuid
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from anchang.customers.models import (
    Broker,
    BrokerAgent,
    Call,
    CallDirection,
    Channel,
    Customer,
    CustomerGram,
    DuplicateAttempt,
    FollowUp,
    Intent,
    OwnershipChange,
    OwnershipEvent,
    Referral,
    ReferralStatus,
    Stage,
    Visit,
    VisitKind,
)
from anchang.customers.search import customer_grams
from anchang.reception.models import DutyStatus, RosterEntry

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗"
GIVEN = [
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "秀英",
    "华",
    "慧",
]
LAYOUTS = ["2室1厅", "3室2厅", "4室2厅", "复式", "89㎡", "120㎡"]
CHANNELS = (
    [Channel.walk_in] * 4
    + [Channel.advertising] * 2
    + [Channel.online] * 2
    + [
        Channel.customer_referral,
        Channel.broker,
    ]
)
NOTES = ["关注学区", "改善型需求，预算灵活", "首套刚需", "带父母看房", "比较周边竞品", "关心交房时间", None]
OUTCOMES = ["约周末到访", "已发送户型图", "考虑中，下周再联系", "对价格有顾虑", "已加微信"]


def _user(users: dict[str, uuid.UUID], organization_id: uuid.UUID, local: str) -> uuid.UUID:
    """The demo user `local` (c1, c2, sup…) of this organization, from demo.py's ids ("c1@a")."""
    if local in users:
        return users[local]
    slug = next((k[4:] for k, v in users.items() if k.startswith("org_") and v == organization_id), None)
    if slug is not None and f"{local}@{slug}" in users:
        return users[f"{local}@{slug}"]
    matches = [v for k, v in users.items() if k.startswith(f"{local}@")]
    return matches[0]


async def seed_customers(
    session: AsyncSession, organization_id: uuid.UUID, project_id: uuid.UUID, users: dict[str, uuid.UUID]
) -> None:
    rng = random.Random(project_id.int)
    c1, c2 = _user(users, organization_id, "c1"), _user(users, organization_id, "c2")
    sup = _user(users, organization_id, "sup")
    now = datetime.now(UTC)
    org = {"organization_id": organization_id, "project_id": project_id}

    brokers = [Broker(id=uuid.uuid4(), name=n, contact_name=c, contact_phone=p, **org) for n, c, p in (
        ("链家地产", "周经理", "13701010101"), ("贝壳找房", "吴经理", "13702020202"))]  # fmt: skip
    session.add_all(brokers)
    await session.flush()
    agents = [
        BrokerAgent(
            id=uuid.uuid4(), broker_id=b.id, name=f"{b.name[:2]}经纪人{i}", phone=f"1370303{k:04d}", **org
        )
        for k, (b, i) in enumerate([(brokers[0], 1), (brokers[0], 2), (brokers[1], 1)])
    ]
    session.add_all(agents)

    phones: set[str] = set()
    customers: list[Customer] = []
    for i in range(60):
        while True:
            phone = f"1{rng.choice('35789')}{rng.randrange(10**9):09d}"
            if phone not in phones:
                phones.add(phone)
                break
        owner = c1 if i % 2 == 0 else c2
        # Within the last 26 days: only the customers picked below are in or near the pool.
        registered = now - timedelta(days=rng.uniform(0, 26), hours=rng.uniform(0, 8))
        channel = CHANNELS[(i // 2) % len(CHANNELS)]  # both consultants get every channel
        customer = Customer(
            id=uuid.uuid4(),
            name=rng.choice(SURNAMES) + rng.choice(GIVEN) + ("" if rng.random() < 0.6 else rng.choice(GIVEN)),
            phone=phone,
            channel=channel,
            intent=rng.choice(list(Intent)),
            budget=Decimal(rng.randrange(150, 600) * 10_000),
            wanted_layouts=rng.sample(LAYOUTS, rng.randint(1, 2)),
            notes=rng.choice(NOTES),
            co_buyers=[{"name": rng.choice(SURNAMES) + "太太", "relation": "spouse"}] if i % 7 == 0 else [],
            owner_id=owner,
            protected_until=registered + timedelta(days=30),
            last_activity_at=registered,
            created_at=registered,
            referral_broker_id=brokers[i % 2].id if channel is Channel.broker else None,
            **org,
        )
        customers.append(customer)
    session.add_all(customers)
    await session.flush()
    for customer in customers:
        for gram in customer_grams(customer.name, customer.phone):
            session.add(CustomerGram(customer_id=customer.id, gram=gram, **org))
        session.add(
            OwnershipEvent(
                customer_id=customer.id,
                kind=OwnershipChange.registered,
                to_user_id=customer.owner_id,
                actor_id=customer.owner_id,
                created_at=customer.created_at,
                **org,
            )
        )

    # Visits over the last 30 days: most customers came once or more.
    for customer in customers:
        at = customer.created_at
        for n in range(rng.choice([0, 1, 1, 1, 2, 3])):
            at = at + timedelta(days=rng.uniform(0, 5) if n else 0, minutes=rng.randint(0, 90))
            if at > now:
                break
            session.add(
                Visit(
                    customer_id=customer.id,
                    consultant_id=customer.owner_id,
                    kind=VisitKind.first if n == 0 else VisitKind.repeat,
                    channel=customer.channel,
                    party_size=rng.choice([1, 2, 2, 3, 4]),
                    visited_at=at,
                    notes=rng.choice(NOTES),
                    via_rotation=customer.channel is Channel.walk_in and n == 0,
                    **org,
                )
            )
            customer.stage = Stage.visited
            customer.last_activity_at = at
            if customer.protected_until and customer.protected_until > now:
                customer.protected_until = max(customer.protected_until, at + timedelta(days=30))
    # Yesterday, the day the daily report (日报) shows a supervisor in the morning: each consultant had a
    # customer back (a repeat visit) and took a call.
    shanghai = ZoneInfo("Asia/Shanghai")
    yesterday = now.astimezone(shanghai).date() - timedelta(days=1)
    for owner in (c1, c2):
        regular = next(
            c
            for c in customers
            if c.owner_id == owner and c.stage is Stage.visited and c.created_at < now - timedelta(days=2)
        )
        at = datetime.combine(yesterday, time(15, 10), shanghai)
        session.add(
            Visit(
                customer_id=regular.id,
                consultant_id=owner,
                kind=VisitKind.repeat,
                channel=regular.channel,
                party_size=2,
                visited_at=at,
                notes="二次到访，看了样板间",
                **org,
            )
        )
        session.add(
            Call(
                customer_id=regular.id,
                consultant_id=owner,
                direction=CallDirection.inbound,
                called_at=at - timedelta(hours=4),
                duration_seconds=180,
                **org,
            )
        )
        regular.last_activity_at = max(regular.last_activity_at or at, at)
    # A few past their protection (the public pool), a few about to fall back (alerts).
    for customer in customers[:3]:
        customer.protected_until = now - timedelta(days=rng.randint(1, 5))
    # Each consultant's two oldest: the deals' demo sells to the newest, which would take them off alerts.
    for owner in (c1, c2):
        theirs = sorted((c for c in customers[3:40] if c.owner_id == owner), key=lambda c: c.created_at)
        for customer in theirs[:2]:
            customer.protected_until = now + timedelta(days=rng.uniform(0.5, 2.5))
    for customer in customers[40:44]:
        customer.stage = Stage.pledged
    customers[44].stage, customers[44].lost_reason = Stage.lost, "已在别处购房"

    # Calls and follow-ups: some overdue, some due today, some later, some done.
    zone = ZoneInfo("Asia/Shanghai")
    end_of_today = datetime.combine(
        now.astimezone(zone).date() + timedelta(days=1), datetime.min.time(), zone
    )
    for k, customer in enumerate(customers[7:40]):
        session.add(
            Call(
                customer_id=customer.id,
                consultant_id=customer.owner_id,
                direction=CallDirection.inbound if k % 3 else CallDirection.outbound,
                called_at=customer.created_at + timedelta(hours=rng.uniform(1, 48)),
                duration_seconds=rng.randint(30, 600),
                notes=rng.choice(NOTES),
                **org,
            )
        )
        kind = (k // 2) % 4  # both consultants get every kind
        due = {
            0: now - timedelta(days=rng.uniform(1, 4)),  # overdue
            1: min(
                now + timedelta(minutes=rng.uniform(10, 180)), end_of_today - timedelta(minutes=1)
            ),  # today
            2: now + timedelta(days=rng.uniform(1, 7)),  # later
            3: now - timedelta(days=rng.uniform(2, 6)),  # done
        }[kind]
        done = kind == 3
        session.add(
            FollowUp(
                customer_id=customer.id,
                assignee_id=customer.owner_id,
                due_at=due,
                method=rng.choice(["call", "wechat", "visit"]),
                notes="回访：" + (rng.choice(NOTES) or "了解意向"),
                done_at=due + timedelta(hours=2) if done else None,
                outcome=rng.choice(OUTCOMES) if done else None,
                **org,
            )
        )

    # A 撞单 settled by the supervisor: c2 tried to register c1's customer, then got it reassigned.
    disputed = customers[10]
    session.add(
        DuplicateAttempt(
            customer_id=disputed.id,
            attempted_by_id=c2 if disputed.owner_id == c1 else c1,
            owner_id=disputed.owner_id,
            attempted_name=disputed.name,
            channel=Channel.online,
            **org,
        )
    )
    settled = customers[12]
    session.add(
        OwnershipEvent(
            customer_id=settled.id,
            kind=OwnershipChange.reassigned,
            from_user_id=settled.owner_id,
            to_user_id=c2 if settled.owner_id == c1 else c1,
            actor_id=sup,
            reason="撞单裁定：以首次接待为准",
            **org,
        )
    )
    settled.owner_id = c2 if settled.owner_id == c1 else c1

    # Referrals (报备): the broker customers were registered before their visit and credited.
    await session.flush()
    for customer in customers:
        if customer.channel is not Channel.broker:
            continue
        broker = brokers[0] if customer.referral_broker_id == brokers[0].id else brokers[1]
        registered = customer.created_at - timedelta(days=rng.uniform(0.5, 3))
        visited = customer.stage is not Stage.new
        session.add(
            Referral(
                broker_id=broker.id,
                agent_id=agents[0].id if broker is brokers[0] else agents[2].id,
                customer_name=customer.name,
                phone=customer.phone,
                registered_at=registered,
                valid_until=registered + timedelta(days=7),
                status=ReferralStatus.credited if visited else ReferralStatus.registered,
                customer_id=customer.id,
                credited_consultant_id=customer.owner_id if visited else None,
                credited_at=customer.created_at if visited else None,
                **org,
            )
        )
    for n in range(3):  # registered, not yet visited (one already expired)
        registered = now - timedelta(days=10 if n == 0 else rng.uniform(0, 3))
        session.add(
            Referral(
                broker_id=brokers[n % 2].id,
                agent_id=agents[n % 2].id if n % 2 == 0 else agents[2].id,
                customer_name=rng.choice(SURNAMES) + rng.choice(GIVEN),
                phone=f"1360404{n:04d}",
                registered_at=registered,
                valid_until=registered + timedelta(days=7),
                **org,
            )
        )

    # Today's roster: both consultants on duty, the supervisor on a break.
    today = now.astimezone(zone).date()
    for position, (user_id, status) in enumerate(
        [(c1, DutyStatus.on_duty), (c2, DutyStatus.on_duty), (sup, DutyStatus.on_break)], start=1
    ):
        session.add(RosterEntry(work_date=today, user_id=user_id, position=position, status=status, **org))
    await session.flush()
