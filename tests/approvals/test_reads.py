"""Approvals on the lean read path: the inbox and one request cost the same statements whatever their
rows, and show the same as the session path (floor secrecy, names, allowed actions)."""

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from anchang.core.roles import ProjectRole
from tests.counting import statements_of_get as statements_of
from tests.inventory import factories as inv
from tests.inventory.site import Site


class TestInbox:
    async def test_a_page_is_one_statement_whatever_its_rows(
        self,
        client: AsyncClient,
        site: Site,
        session: AsyncSession,
        connection: AsyncConnection,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        asker = site.users["consultant"]
        await inv.create_approval(session, project=site.project, requested_by=asker)
        url, headers = "/approvals?status=pending", site.headers["supervisor"]
        one = await statements_of(client, connection, monkeypatch, url, headers)
        for _ in range(3):
            await inv.create_approval(session, project=site.project, requested_by=asker)
        assert len((await client.get(url, headers=headers)).json()["items"]) == 4
        four = await statements_of(client, connection, monkeypatch, url, headers)
        assert len(one) == len(four) == 1, four
        by_project = f"/approvals?project_id={site.project.id}"
        assert len(await statements_of(client, connection, monkeypatch, by_project, headers)) == 1

    async def test_one_request_is_one_statement_with_its_access_and_names(
        self,
        client: AsyncClient,
        site: Site,
        session: AsyncSession,
        connection: AsyncConnection,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        approval = await inv.create_approval(
            session,
            project=site.project,
            requested_by=site.users["consultant"],
            required_role=ProjectRole.developer_rep,
        )
        url = f"/approvals/{approval.id}"
        statements = await statements_of(client, connection, monkeypatch, url, site.headers["supervisor"])
        assert len(statements) == 1, statements  # the request, its names and the caller's access
        r = await client.get(url, headers=site.headers["supervisor"])
        assert r.headers["ETag"] and r.json()["required_role"] == "developer_rep"
        mine = (await client.get(url, headers=site.headers["consultant"])).json()
        assert mine["required_role"] == "approval" and mine["allowed_actions"] == []
        assert mine["requested_by_name"] == site.users["consultant"].full_name
