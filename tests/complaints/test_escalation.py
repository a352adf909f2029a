"""The ladder moves by itself: a level that misses its deadline hands the complaint up, with the reason on
its timeline, to the least loaded member of the next level — once, however often the sweep runs."""

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from httpx import AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.complaints import service
from anchang.complaints.models import ComplaintAction, ComplaintSource
from anchang.core.roles import ProjectRole
from tests import factories as f
from tests.complaints import factories as cpf
from tests.complaints.conftest import Site


async def test_a_missed_acknowledgement_escalates_to_the_site_manager_with_the_reason(
    client: AsyncClient, site: Site, file: Any, session: AsyncSession
) -> None:
    c = await file()  # minor: to be acknowledged within 2 h
    assert await service.escalate_overdue(session, datetime.now(UTC) + timedelta(hours=1)) == 0

    later = datetime.now(UTC) + timedelta(hours=2, minutes=1)
    assert await service.escalate_overdue(session, later) == 1
    assert await service.escalate_overdue(session, later) == 0  # a second sweep finds nothing to do

    shown = (await client.get(f"/complaints/{c['id']}", headers=site.headers["consultant"])).json()
    assert shown["level"] == 2 and shown["status"] == "open"
    assert shown["assignee_id"] == str(site.users["site_manager"].id)
    # the new level's clock starts at the escalation: 2 h to acknowledge again
    assert datetime.fromisoformat(shown["acknowledge_due_at"]) == later + timedelta(hours=2)
    timeline = (await client.get(f"/complaints/{c['id']}/actions", headers=site.headers["consultant"])).json()
    escalation = timeline["items"][-1]
    assert escalation["type"] == "escalate" and escalation["actor_id"] is None
    assert escalation["data"] == {"cause": "acknowledge_deadline"}
    assert "Not acknowledged by level 1" in escalation["comment"]
    assert (escalation["from_level"], escalation["to_level"]) == (1, 2)

    # acknowledged at once by the site manager, it still counts as late: level 1 missed its deadline
    acknowledged = await client.post(
        f"/complaints/{c['id']}/actions", json={"type": "acknowledge"}, headers=site.headers["site_manager"]
    )
    assert acknowledged.json()["acknowledged_on_time"] is False


async def test_a_missed_resolution_escalates_too_and_the_top_records_the_miss_once(
    site: Site, session: AsyncSession
) -> None:
    internal = await cpf.create_complaint(
        session,
        project=site.project,
        source=ComplaintSource.internal,
        level=3,
        filed_by=site.users["consultant"],
    )
    at = datetime.now(UTC) + timedelta(hours=3)
    assert await service.escalate_overdue(session, at) == 0  # at the top of an internal ladder: no climb
    await session.refresh(internal)
    assert internal.level == 3 and internal.escalates_at is None
    kinds = await session.scalars(
        select(ComplaintAction.type)
        .where(ComplaintAction.complaint_id == internal.id)
        .order_by(ComplaintAction.at)
    )
    assert list(kinds) == ["filed", "deadline_missed"]
    assert await service.escalate_overdue(session, at + timedelta(days=2)) == 0
    missed = await session.scalar(
        select(func.count()).where(
            ComplaintAction.complaint_id == internal.id, ComplaintAction.type == "deadline_missed"
        )
    )
    assert missed == 1


async def test_the_least_loaded_member_of_the_level_takes_it(
    client: AsyncClient, site: Site, file: Any, session: AsyncSession
) -> None:
    busy = site.users["supervisor"]
    idle, _ = await f.create_member(session, project=site.project, role=ProjectRole.supervisor)
    for _ in range(2):
        await cpf.create_complaint(session, project=site.project, assignee=busy)
    await cpf.create_complaint(session, project=site.project, assignee=idle)

    first = await file()
    second = await file()
    assert first["assignee_id"] == str(idle.id)  # 1 open against 2
    assert {second["assignee_id"]} <= {str(idle.id), str(busy.id)}  # 2 against 2: the lower id


async def test_ten_overdue_complaints_climb_in_one_sweep_and_only_once_under_two_concurrent_sweeps(
    committed_database: Any,
) -> None:
    from anchang.complaints.models import Complaint

    async with committed_database.session() as session:
        org = await f.create_organization(session)
        project = await f.create_project(session, organization=org)
        await f.create_member(session, project=project, role=ProjectRole.site_manager)
        ids = [
            (
                await cpf.create_complaint(
                    session, project=project, filed_at=datetime.now(UTC) - timedelta(hours=3)
                )
            ).id
            for _ in range(10)
        ]
        await session.commit()
    results = await asyncio.gather(
        service.sweep_once(committed_database), service.sweep_once(committed_database)
    )
    assert sum(results) == 10  # one sweep had the lock (or the other found nothing left)
    async with committed_database.session() as session:
        levels = await session.scalars(select(Complaint.level).where(Complaint.id.in_(ids)))
        assert set(levels) == {2}
        escalations = await session.scalar(
            select(func.count()).where(
                ComplaintAction.complaint_id.in_(ids), ComplaintAction.type == "escalate"
            )
        )
        assert escalations == 10
