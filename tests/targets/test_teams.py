"""A consultant's team is their supervisor: set on the membership by admins and project or site
managers, only to a supervisor of the same project, and shown in the members list."""

import uuid
from typing import Any

import pytest
from httpx import AsyncClient

from tests.targets.conftest import Office

pytestmark = pytest.mark.asyncio


async def _members(client: AsyncClient, office: Office, as_: str = "supervisor") -> dict[str, dict[str, Any]]:
    response = await client.get(f"/projects/{office.project.id}/members", headers=office.headers[as_])
    assert response.status_code == 200
    return {m["user_id"]: m for m in response.json()["items"]}


async def _patch(
    client: AsyncClient, office: Office, member: dict[str, Any], body: dict[str, Any], as_: str
) -> Any:
    return await client.patch(
        f"/projects/{office.project.id}/members/{member['id']}", json=body, headers=office.headers[as_]
    )


async def test_the_team_shows_in_the_members_list_and_a_site_manager_moves_it(
    client: AsyncClient, office: Office
) -> None:
    members = await _members(client, office)
    consultant3 = members[office.id("consultant3")]
    assert consultant3["supervisor_id"] == office.id("supervisor2")
    moved = await _patch(
        client, office, consultant3, {"supervisor_id": office.id("supervisor")}, "site_manager"
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["supervisor_id"] == office.id("supervisor")
    cleared = await _patch(client, office, consultant3, {"supervisor_id": None}, "project_manager")
    assert cleared.status_code == 200 and cleared.json()["supervisor_id"] is None


@pytest.mark.parametrize("who", ["consultant2", "site_manager", "nobody"])
async def test_a_team_is_led_by_a_supervisor_of_the_project(
    client: AsyncClient, office: Office, who: str
) -> None:
    members = await _members(client, office)
    supervisor_id = str(uuid.uuid4()) if who == "nobody" else office.id(who)
    response = await _patch(
        client, office, members[office.id("consultant")], {"supervisor_id": supervisor_id}, "admin"
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["supervisor_id"]


async def test_a_site_manager_changes_the_team_only(client: AsyncClient, office: Office) -> None:
    members = await _members(client, office)
    response = await _patch(
        client, office, members[office.id("consultant")], {"role": "supervisor"}, "site_manager"
    )
    assert response.status_code == 403
    response = await _patch(
        client, office, members[office.id("consultant")], {"supervisor_id": None}, "supervisor"
    )
    assert response.status_code == 403


async def test_a_supervisor_who_leaves_the_role_leaves_no_team_behind(
    client: AsyncClient, office: Office
) -> None:
    members = await _members(client, office)
    demoted = await _patch(
        client, office, members[office.id("supervisor2")], {"role": "consultant"}, "project_manager"
    )
    assert demoted.status_code == 200
    assert (await _members(client, office))[office.id("consultant3")]["supervisor_id"] is None
    removed = await client.delete(
        f"/projects/{office.project.id}/members/{members[office.id('supervisor')]['id']}",
        headers=office.headers["admin"],
    )
    assert removed.status_code == 204
    after = await _members(client, office, "consultant")
    assert after[office.id("consultant")]["supervisor_id"] is None
