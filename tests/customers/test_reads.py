"""The domain's GET routes on the lean read path: what a page or a view costs in SQL statements does
not grow with its rows (one statement for the page, besides the project or entity the route reads)."""

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from anchang.customers.models import Call, CallDirection, DuplicateAttempt, OwnershipChange, OwnershipEvent
from tests.counting import counted as statements_of
from tests.customers import factories as cf
from tests.customers.conftest import Office

Grow = Callable[[AsyncSession, Office, dict[str, Any]], Awaitable[None]]


async def _customers(session: AsyncSession, office: Office, ids: dict[str, Any]) -> None:
    for owner in (office.c1.user, office.c2.user, None):
        await cf.create_customer(session, project=office.project, owner=owner)


async def _history(session: AsyncSession, office: Office, ids: dict[str, Any]) -> None:
    customer = ids["customer"]
    await cf.create_visit(session, customer=customer, consultant=office.c1.user)
    follow_up = await cf.create_follow_up(
        session, customer=customer, assignee=office.c1.user, due_in=timedelta(days=-1)
    )
    follow_up.done_at, follow_up.outcome = follow_up.due_at, "来访了"
    await cf.create_follow_up(session, customer=customer, assignee=office.c1.user, due_in=timedelta(days=-2))
    session.add_all(
        [
            Call(
                organization_id=customer.organization_id,
                project_id=customer.project_id,
                customer_id=customer.id,
                consultant_id=office.c1.user.id,
                direction=CallDirection.inbound,
                called_at=follow_up.due_at,
            ),
            OwnershipEvent(
                organization_id=customer.organization_id,
                project_id=customer.project_id,
                customer_id=customer.id,
                kind=OwnershipChange.reassigned,
                from_user_id=office.c2.user.id,
                to_user_id=office.c1.user.id,
                actor_id=office.sup.user.id,
                reason="主管调配",
            ),
            DuplicateAttempt(
                organization_id=customer.organization_id,
                project_id=customer.project_id,
                customer_id=customer.id,
                attempted_by_id=office.c2.user.id,
                owner_id=office.c1.user.id,
                attempted_name="王",
                channel=customer.channel,
            ),
        ]
    )
    await cf.create_customer(session, project=office.project, owner=office.c1.user, protected_days=2)
    await session.flush()


async def _channels(session: AsyncSession, office: Office, ids: dict[str, Any]) -> None:
    broker = await cf.create_broker(session, project=office.project)
    await cf.create_agent(session, broker=ids["broker"])
    referral = await cf.create_referral(session, broker=broker)
    referral.status, referral.credited_consultant_id = "credited", office.c2.user.id
    referral.credited_at = referral.registered_at
    await session.flush()


async def _roster(session: AsyncSession, office: Office, ids: dict[str, Any]) -> None:
    ids["position"] = position = ids.get("position", 0) + 1
    people = (office.c1, office.c2, office.sup, office.sm)
    await cf.create_roster_entry(
        session,
        project=office.project,
        user=people[position - 1].user,
        position=position,
        work_date=cf.today(),
    )


ROUTES: list[tuple[str, str, str, Grow]] = [
    ("{base}/customers?limit=20", "sup", "customers", _customers),
    ("{base}/customers?limit=20&view=all", "c1", "customers", _customers),
    ("{base}/customers?limit=20&q=王", "sup", "customers", _customers),
    ("/customers/{customer}", "c1", "customers", _customers),
    ("/customers/{customer}/timeline", "c1", "customer_ownership_events", _history),
    ("/customers/{customer}/visits?limit=20", "c1", "visits", _history),
    ("/customers/{customer}/calls?limit=20", "c1", "calls", _history),
    ("/customers/{customer}/follow-ups?limit=20", "c1", "follow_ups", _history),
    ("{base}/follow-ups?limit=20&due=all", "c1", "follow_ups", _history),
    ("{base}/visits?limit=20", "sup", "visits", _history),
    ("{base}/alerts", "c1", "follow_ups", _history),
    ("{base}/duplicate-attempts?limit=20", "sup", "customer_duplicate_attempts", _history),
    ("{base}/brokers?limit=20", "c1", "brokers", _channels),
    ("/brokers/{broker}", "c1", "brokers", _channels),
    ("/brokers/{broker}/agents?limit=20", "c1", "broker_agents", _channels),
    ("{base}/referrals?limit=20", "c1", "referrals", _channels),
    ("/referrals/{referral}", "c1", "referrals", _channels),
    ("{base}/referrals/monthly", "c1", "referrals", _channels),
    ("{base}/roster", "c1", "roster_entries", _roster),
    ("{base}/rotation", "c1", "roster_entries", _roster),
]


@pytest.mark.parametrize(("path", "who", "table", "grow"), ROUTES, ids=[r[0] for r in ROUTES])
async def test_a_page_costs_the_same_statements_whatever_its_rows(
    client: AsyncClient,
    office: Office,
    session: AsyncSession,
    connection: AsyncConnection,
    monkeypatch: pytest.MonkeyPatch,
    path: str,
    who: str,
    table: str,
    grow: Grow,
) -> None:
    customer = await cf.create_customer(session, project=office.project, owner=office.c1.user)
    broker = await cf.create_broker(session, project=office.project)
    referral = await cf.create_referral(session, broker=broker)
    referral.registered_by_id = office.c1.user.id
    ids: dict[str, Any] = {"customer": customer, "broker": broker}
    url = path.format(base=office.base, customer=customer.id, broker=broker.id, referral=referral.id)
    headers = getattr(office, who).headers
    await client.get("/me", headers=headers)  # the credentials version is read once per process

    async def cost() -> list[str]:
        async with statements_of(connection, monkeypatch) as statements:
            response = await client.get(url, headers=headers)
        assert response.status_code == 200, response.text
        return statements

    await grow(session, office, ids)
    few = await cost()
    for _ in range(3):
        await grow(session, office, ids)
    many = await cost()
    assert len(many) == len(few), many
    # The project, or the entity with its project, that the route reads (one statement); then one for
    # the page, unless the entity the route read is all the answer shows (a customer, a broker, a referral).
    entity = 1
    page = 0 if path in ("/customers/{customer}", "/brokers/{broker}", "/referrals/{referral}") else 1
    assert len(many) == entity + page, many
    assert f"FROM {table}" in (many[-1] if page else many[0]), many
