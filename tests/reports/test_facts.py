"""The daily report's stored facts (reports/facts.py) stay equal to the detail pages after writes that
touch a day already stored: a backdated visit, a reversal, a backdated cancellation; a write open or
committed while a reader counts never leaves stale facts stored; another organization neither sees the
facts nor forgets them; a consultant's row from the facts is the one they would count."""

import asyncio
import uuid
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from httpx import AsyncClient
from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.access import ProjectAccess
from anchang.core.config import get_settings
from anchang.core.context import organization_id_var
from anchang.core.db import Database
from anchang.core.roles import ProjectRole
from anchang.core.security import Principal
from anchang.customers.models import Visit
from anchang.deals.models import Deal, DealStatus, Payment, PaymentKind
from anchang.reports import facts
from tests import factories as f
from tests.customers import factories as cf
from tests.reports.conftest import Site
from tests.reports.generated import generate, local
from tests.reports.test_daily_equals_details import PERIODS, _count_from_details, _figures


async def _report(client: AsyncClient, site: Site, day: date, role: str = "supervisor") -> dict[str, Any]:
    response = await client.get(
        f"/projects/{site.project.id}/reports/daily?date={day.isoformat()}", headers=site.headers[role]
    )
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


async def _stored(session: AsyncSession, project_id: uuid.UUID, day: date | None = None) -> int:
    sql = "SELECT count(*) FROM daily_fact_days WHERE project_id = :p AND stored"
    if day is not None:
        sql += " AND day = :d"
    return int(await session.scalar(text(sql), {"p": project_id, "d": day}) or 0)


async def _assert_equal_to_details(client: AsyncClient, site: Site, day: date, customers: list[Any]) -> None:
    report = await _report(client, site, day)
    expected = await _count_from_details(client, site, day, customers)
    zero = dict.fromkeys(PERIODS, Decimal(0))
    got = _figures(report["totals"])
    for key in (m["key"] for m in report["metrics"]):
        assert got[key] == expected.figures[None].get(key, zero), key


def _earlier(day: date) -> date:
    """A day stored before `day` in its year (the day itself on 1 January)."""
    return max(day.replace(month=1, day=1), day - timedelta(days=2))


async def test_a_backdated_visit_after_the_facts_were_stored_shows_up(
    client: AsyncClient, site: Site, session: AsyncSession
) -> None:
    day = cf.today() - timedelta(days=1)
    generated = await generate(session, site, day)
    before = await _report(client, site, day)
    assert await _stored(session, site.project.id) == (day - day.replace(month=1, day=1)).days + 1
    customer = await cf.create_customer(session, project=site.project, owner=site.users["consultant"])
    visit = await cf.create_visit(session, customer=customer, consultant=site.users["consultant"])
    visit.visited_at = local(_earlier(day), 10)
    await session.flush()
    after = await _report(client, site, day)
    assert (
        Decimal(after["totals"]["visits"]["year_to_date"])
        == Decimal(before["totals"]["visits"]["year_to_date"]) + 1
    )
    customers = [*generated.customers, *site.customers.values(), customer.id]
    await _assert_equal_to_details(client, site, day, customers)


async def test_a_reversal_takes_its_amount_off_the_stored_day(
    client: AsyncClient, site: Site, session: AsyncSession
) -> None:
    day = cf.today() - timedelta(days=1)
    generated = await generate(session, site, day)
    before = await _report(client, site, day)
    payment = (
        await session.scalars(
            select(Payment)
            .join(Deal, Deal.id == Payment.deal_id)
            .where(
                Deal.status.in_([DealStatus.subscribed, DealStatus.contracted]),
                Payment.project_id == site.project.id,
                Payment.kind == PaymentKind.receipt,
                Payment.reversed_by_id.is_(None),
                Payment.paid_at >= local(day.replace(month=1, day=1), 0, 30),
                Payment.paid_at < local(day, 0),
            )
            .order_by(Payment.paid_at)
        )
    ).first()
    assert payment is not None
    response = await client.post(
        f"/payments/{payment.id}/reverse", json={"reason": "录入错误"}, headers=site.headers["finance"]
    )
    assert response.status_code in (200, 201), response.text
    after = await _report(client, site, day)
    assert (
        Decimal(after["totals"]["collections"]["year_to_date"])
        == Decimal(before["totals"]["collections"]["year_to_date"]) - payment.amount
    )
    await _assert_equal_to_details(client, site, day, [*generated.customers, *site.customers.values()])


async def test_a_backdated_cancellation_shows_up(
    client: AsyncClient, site: Site, session: AsyncSession
) -> None:
    day = cf.today() - timedelta(days=1)
    generated = await generate(session, site, day)
    before = await _report(client, site, day)
    deal = (
        await session.scalars(
            select(Deal).where(Deal.project_id == site.project.id, Deal.status == DealStatus.contracted)
        )
    ).first()
    assert deal is not None
    # An import that records a 退房 of an earlier day, written straight into the table.
    await session.execute(
        update(Deal)
        .where(Deal.id == deal.id)
        .values(status=DealStatus.cancelled, cancelled_at=local(_earlier(day), 15), cancel_reason="客户退房")
    )
    after = await _report(client, site, day)
    assert (
        Decimal(after["totals"]["cancellations.units"]["year_to_date"])
        == Decimal(before["totals"]["cancellations.units"]["year_to_date"]) + 1
    )
    await _assert_equal_to_details(client, site, day, [*generated.customers, *site.customers.values()])


async def test_a_consultant_reads_their_row_of_the_facts(
    client: AsyncClient, site: Site, session: AsyncSession
) -> None:
    day = cf.today() - timedelta(days=1)
    await generate(session, site, day)
    live = await _report(client, site, day, "consultant")  # nothing stored yet: counted live
    assert await _stored(session, site.project.id) == 0  # a consultant never stores
    whole = await _report(client, site, day)
    who = str(site.users["consultant"].id)
    from_facts = await _report(client, site, day, "consultant")
    assert from_facts["consultants"] == live["consultants"]
    mine = next(r for r in whole["consultants"] if r["consultant_id"] == who)
    assert mine["figures"] == live["consultants"][0]["figures"]


async def test_another_organization_neither_sees_nor_forgets_the_facts(
    client: AsyncClient, site: Site, session: AsyncSession
) -> None:
    day = cf.today() - timedelta(days=1)
    await generate(session, site, day)
    await _report(client, site, day)
    stored = await _stored(session, site.project.id)
    other = await f.create_organization(session, name="Other")
    project = await f.create_project(session, organization=other)
    consultant, _ = await f.create_member(session, project=project, role=ProjectRole.consultant)
    customer = await cf.create_customer(session, project=project, owner=consultant)
    visit = await cf.create_visit(session, customer=customer, consultant=consultant)
    visit.visited_at = local(day, 10)
    await session.flush()
    assert await _stored(session, site.project.id) == stored  # their writes forget only their days
    role = get_settings().db_app_role
    await session.execute(text(f"SET LOCAL ROLE {role}"))
    await session.execute(text("SELECT set_config('app.org_id', :o, true)"), {"o": str(other.id)})
    try:
        assert await session.scalar(text("SELECT count(*) FROM daily_facts")) == 0
        assert await session.scalar(text("SELECT count(*) FROM daily_fact_days WHERE stored")) == 0
    finally:
        await session.execute(text("RESET ROLE"))
        await session.execute(text("SELECT set_config('app.org_id', '', true)"))


# With real commits: a reader and a writer on connections of their own.


async def _committed_site(database: Database) -> tuple[ProjectAccess, Any, Any]:
    async with database.session() as session:
        project = await f.create_project(session, organization=await f.create_organization(session))
        supervisor, _ = await f.create_member(session, project=project, role=ProjectRole.supervisor)
        consultant, _ = await f.create_member(session, project=project, role=ProjectRole.consultant)
        customer = await cf.create_customer(session, project=project, owner=consultant)
        await session.commit()
    principal = Principal(supervisor.id, project.organization_id, False, uuid.uuid4())
    organization_id_var.set(project.organization_id)
    access = ProjectAccess(project=project, role=ProjectRole.supervisor, principal=principal)
    return access, consultant, customer


async def _visit_on(session: AsyncSession, customer: Any, consultant: Any, day: date) -> None:
    visit = await cf.create_visit(session, customer=customer, consultant=consultant)
    await session.execute(update(Visit).where(Visit.id == visit.id).values(visited_at=local(day, 10)))


async def _visits_of(database: Database, access: ProjectAccess, day: date) -> Decimal:
    _, project = await facts.figures_between(database.reader, access, day, day)
    assert project is not None
    return project["visits"]


async def _is_stored(database: Database, project_id: uuid.UUID, day: date) -> bool:
    async with database.session() as session:
        return await _stored(session, project_id, day) == 1


async def test_a_write_open_while_a_reader_counts_leaves_no_stale_facts(committed_database: Database) -> None:
    access, consultant, customer = await _committed_site(committed_database)
    day = f.project_today(access.project) - timedelta(days=3)
    async with committed_database.session() as writer:
        await _visit_on(writer, customer, consultant, day)  # the day's row is now locked by the write
        reading = asyncio.create_task(facts.ensure(committed_database.reader, access, day, day))
        await asyncio.sleep(0.5)
        assert not reading.done()  # the store waits for the write
        await writer.commit()
    await reading
    assert not await _is_stored(committed_database, access.project.id, day)  # counted before the write
    assert await _visits_of(committed_database, access, day) == 1
    assert await _is_stored(committed_database, access.project.id, day)


async def test_a_write_committed_between_count_and_store_is_not_stored(
    committed_database: Database, monkeypatch: Any
) -> None:
    access, consultant, customer = await _committed_site(committed_database)
    day = f.project_today(access.project) - timedelta(days=3)
    count = facts._facts_of

    async def count_then_write(*args: Any) -> Any:
        counted = await count(*args)
        async with committed_database.session() as writer:
            await _visit_on(writer, customer, consultant, day)
            await writer.commit()
        return counted

    monkeypatch.setattr(facts, "_facts_of", count_then_write)
    await facts.ensure(committed_database.reader, access, day, day)
    monkeypatch.undo()
    assert not await _is_stored(committed_database, access.project.id, day)
    assert await _visits_of(committed_database, access, day) == 1


async def test_two_readers_store_a_day_once(committed_database: Database) -> None:
    access, consultant, customer = await _committed_site(committed_database)
    day = f.project_today(access.project) - timedelta(days=3)
    async with committed_database.session() as writer:
        await _visit_on(writer, customer, consultant, day)
        await writer.commit()
    await asyncio.gather(*(facts.ensure(committed_database.reader, access, day, day) for _ in range(3)))
    async with committed_database.session() as session:
        rows = await session.scalar(
            text(
                "SELECT count(*) FROM daily_facts "
                "WHERE project_id = :p AND day = :d AND consultant_id IS NULL"
            ),
            {"p": access.project.id, "d": day},
        )
    assert rows == 1
    assert await _visits_of(committed_database, access, day) == 1


async def test_a_report_stores_a_month_at_most_and_counts_live_meanwhile(
    client: AsyncClient, site: Site, session: AsyncSession, monkeypatch: Any
) -> None:
    monkeypatch.setattr(facts, "MOST_PER_REPORT", 5)
    day = cf.today() - timedelta(days=1)
    generated = await generate(session, site, day)
    days = (day - day.replace(month=1, day=1)).days + 1
    await _assert_equal_to_details(client, site, day, [*generated.customers, *site.customers.values()])
    assert await _stored(session, site.project.id) == min(5, days)
    await _report(client, site, day)
    assert await _stored(session, site.project.id) == min(10, days)
