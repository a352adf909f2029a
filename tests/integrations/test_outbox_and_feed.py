"""The outbox and the feed: events are written in the change's transaction, numbered in commit order per
organization, and read back only by those who may read them."""

import asyncio
import uuid
from typing import Any

from httpx import AsyncClient
from sqlalchemy import func, select

from anchang.core.db import Database
from anchang.core.roles import ProjectRole
from anchang.integrations import service as integrations
from anchang.integrations.models import IntegrationEvent
from tests import factories as f


async def _org_with_project(database: Database) -> tuple[Any, Any]:
    async with database.session() as session:
        org = await f.create_organization(session)
        project = await f.create_project(session, organization=org)
        await session.commit()
        return org, project


async def _events(database: Database, organization_id: uuid.UUID) -> list[tuple[int | None, str, uuid.UUID]]:
    async with database.session() as session:
        rows = await session.execute(
            select(IntegrationEvent.sequence, IntegrationEvent.type, IntegrationEvent.object_id)
            .where(IntegrationEvent.organization_id == organization_id)
            .order_by(IntegrationEvent.sequence)
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]


async def test_an_event_is_written_with_its_change_or_not_at_all(committed_database: Database) -> None:
    org, project = await _org_with_project(committed_database)
    async with committed_database.session() as session:
        await integrations.emit(session, "customer.created", project)
        await session.rollback()
    assert await _events(committed_database, org.id) == []
    async with committed_database.session() as session:
        await integrations.emit(session, "customer.created", project)
        await session.commit()
    assert await _events(committed_database, org.id) == [(1, "customer.created", project.id)]


async def test_numbers_follow_commit_order_so_a_reader_misses_nothing(committed_database: Database) -> None:
    org, project = await _org_with_project(committed_database)
    async with committed_database.session() as a, committed_database.session() as b:
        # A writes first but commits last: a number taken at insert would give A 1 and B 2, and a reader
        # who read B's 2 before A committed would never see A's 1.
        await integrations.emit(a, "customer.created", project, data={"n": "a"}, owner_id=None)
        await integrations.emit(b, "customer.created", project, data={"n": "b"}, owner_id=None)
        await b.commit()
        seen_between = await _events(committed_database, org.id)
        await a.commit()
    assert [(s, t) for s, t, _ in seen_between] == [(1, "customer.created")]
    async with committed_database.session() as session:
        data = (
            await session.execute(
                select(IntegrationEvent.sequence, IntegrationEvent.data)
                .where(IntegrationEvent.organization_id == org.id)
                .order_by(IntegrationEvent.sequence)
            )
        ).all()
    assert [(s, d["n"]) for s, d in data] == [(1, "b"), (2, "a")]  # B committed first: B is 1


async def test_many_concurrent_writers_get_gapless_numbers_in_commit_order(
    committed_database: Database,
) -> None:
    org, project = await _org_with_project(committed_database)

    async def write(n: int) -> None:
        async with committed_database.session() as session:
            await integrations.emit(session, "customer.updated", project, data={"n": n}, owner_id=None)
            await asyncio.sleep(0.001 * (n % 3))
            await session.commit()

    await asyncio.gather(*(write(n) for n in range(30)))
    sequences = [s for s, _, _ in await _events(committed_database, org.id)]
    assert sequences == list(range(1, 31))


async def test_the_feed_pages_in_order_with_next_after(
    committed_database: Database, api: AsyncClient
) -> None:
    async with committed_database.session() as session:
        org = await f.create_organization(session)
        project = await f.create_project(session, organization=org)
        _, headers = await f.create_member(session, project=project, role=ProjectRole.admin, is_admin=True)
        await session.commit()
    for n in range(5):
        async with committed_database.session() as session:
            await integrations.emit(session, "unit.status_changed", project, data={"n": n}, owner_id=None)
            await session.commit()
    first = (await api.get("/events?limit=2", headers=headers)).json()
    assert [e["sequence"] for e in first["items"]] == [1, 2]
    assert (first["next_after"], first["has_more"]) == (2, True)
    rest = (await api.get("/events?after=2&limit=10", headers=headers)).json()
    assert [e["data"]["n"] for e in rest["items"]] == [2, 3, 4]
    assert (rest["next_after"], rest["has_more"]) == (5, False)
    empty = (await api.get("/events?after=5", headers=headers)).json()
    assert empty == {"items": [], "next_after": 5, "has_more": False}
    only = (await api.get("/events?types=customer.created", headers=headers)).json()
    assert only["items"] == []
    assert {e["type"] for e in rest["items"]} == {"unit.status_changed"}


async def test_the_feed_shows_only_what_the_caller_may_read(
    committed_database: Database, api: AsyncClient
) -> None:
    async with committed_database.session() as session:
        org = await f.create_organization(session)
        mine = await f.create_project(session, organization=org)
        other = await f.create_project(session, organization=org)
        me, my_headers = await f.create_member(session, project=mine, role=ProjectRole.consultant)
        colleague, _ = await f.create_member(session, project=mine, role=ProjectRole.consultant)
        _, supervisor = await f.create_member(session, project=mine, role=ProjectRole.supervisor)
        foreign = await f.create_organization(session)
        foreign_project = await f.create_project(session, organization=foreign)
        await session.commit()
    async with committed_database.session() as session:
        await integrations.emit(
            session, "unit.status_changed", mine, mine.id, data={"n": "board"}, owner_id=None
        )
        await integrations.emit(
            session, "customer.created", mine, mine.id, data={"n": "mine"}, owner_id=me.id
        )
        await integrations.emit(
            session, "customer.created", mine, mine.id, data={"n": "theirs"}, owner_id=colleague.id
        )
        await integrations.emit(
            session, "customer.created", other, other.id, data={"n": "other project"}, owner_id=None
        )
        await integrations.emit(
            session,
            "customer.created",
            foreign_project,
            foreign_project.id,
            data={"n": "other org"},
            owner_id=None,
        )
        await session.commit()

    async def seen(headers: dict[str, str]) -> list[str]:
        answer = await api.get("/events", headers=headers)
        assert answer.status_code == 200, answer.text
        return [e["data"]["n"] for e in answer.json()["items"]]

    assert await seen(my_headers) == ["board", "mine"]
    assert await seen(supervisor) == ["board", "mine", "theirs"]
    project_filter = await api.get(f"/events?project_id={other.id}", headers=my_headers)
    assert project_filter.json()["items"] == []


async def test_unknown_event_types_are_422(committed_database: Database, api: AsyncClient) -> None:
    async with committed_database.session() as session:
        org = await f.create_organization(session)
        project = await f.create_project(session, organization=org)
        _, headers = await f.create_member(session, project=project, role=ProjectRole.admin, is_admin=True)
        await session.commit()
    feed = await api.get("/events?types=deal.subscribed,deal.exploded", headers=headers)
    assert feed.status_code == 422
    assert feed.json()["errors"][0]["field"] == "types"
    created = await api.post(
        "/webhooks",
        json={"url": "https://example.com/hook", "event_types": ["deal.exploded"]},
        headers=headers,
    )
    assert created.status_code == 422
    assert "event_types" in created.json()["errors"][0]["field"]


async def test_a_change_through_the_api_writes_its_event(
    committed_database: Database, api: AsyncClient
) -> None:
    async with committed_database.session() as session:
        org = await f.create_organization(session)
        project = await f.create_project(session, organization=org)
        _, headers = await f.create_member(session, project=project, role=ProjectRole.consultant)
        await session.commit()
    body = {"name": "张三", "phone": "13912340001"}
    created = await api.post(f"/projects/{project.id}/customers", json=body, headers=headers)
    assert created.status_code == 201, created.text
    events = (await api.get("/events?types=customer.created", headers=headers)).json()["items"]
    assert [(e["object_id"], e["data"]["name"]) for e in events] == [(created.json()["id"], "张三")]
    async with committed_database.session() as session:
        count = await session.scalar(select(func.count()).select_from(IntegrationEvent))
    assert count == 1


async def test_a_complaint_escalated_by_the_sweep_is_published(committed_database: Database) -> None:
    from datetime import timedelta

    from anchang.complaints import service as complaints
    from anchang.complaints.ladder import now_utc
    from tests.complaints import factories as cpf

    async with committed_database.session() as session:
        org = await f.create_organization(session)
        project = await f.create_project(session, organization=org)
        filer, _ = await f.create_member(session, project=project, role=ProjectRole.consultant)
        await f.create_member(session, project=project, role=ProjectRole.supervisor)
        complaint = await cpf.create_complaint(session, project=project, filed_by=filer)
        await session.commit()
    climbed = await complaints.sweep_once(committed_database, now_utc() + timedelta(days=30))
    assert climbed >= 1
    escalated = [e for e in await _events(committed_database, org.id) if e[1] == "complaint.escalated"]
    assert escalated and escalated[0][2] == complaint.id
