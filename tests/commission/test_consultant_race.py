"""Two people pressing "compute" for the same month at once, with real commits: both answer 200 with the
same drafts, one per consultant and month (the project's lock, and the partial unique index behind it)."""

import asyncio

from httpx import ASGITransport, AsyncClient
from sqlalchemy import func, select

from anchang.commission.models import CommissionStatement
from anchang.core.config import Settings
from anchang.core.db import Database
from anchang.core.roles import ProjectRole
from anchang.main import create_app
from tests import factories as f


async def test_two_computations_at_once_make_one_draft_per_consultant(committed_database: Database) -> None:
    async with committed_database.session() as session:
        project = await f.create_project(session, organization=await f.create_organization(session))
        _, supervisor = await f.create_member(session, project=project, role=ProjectRole.supervisor)
        _, manager = await f.create_member(session, project=project, role=ProjectRole.site_manager)
        for _ in range(3):
            await f.create_member(session, project=project, role=ProjectRole.consultant)
        await session.commit()
        project_id = project.id
    app = create_app(
        Settings(database_url="postgresql+psycopg://unused/unused", anchang_env="test"), committed_database
    )
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test/api/v1") as client:
        url = f"/projects/{project_id}/commission-statements"
        responses = await asyncio.gather(
            *(client.post(url, json={"month": "2026-11"}, headers=h) for h in (supervisor, manager) * 2)
        )
    assert [r.status_code for r in responses] == [200] * 4, [r.text for r in responses]
    ids = [{s["id"] for s in r.json()["statements"]} for r in responses]
    assert all(len(i) == 3 for i in ids) and len(set(map(frozenset, ids))) == 1
    async with committed_database.session() as session:
        count = await session.scalar(select(func.count()).where(CommissionStatement.project_id == project_id))
    assert count == 3
