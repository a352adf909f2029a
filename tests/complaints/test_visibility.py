"""Who sees which complaint: consultants theirs and their customers', supervisors and up all of the
project, the developer's rep the top of the ladder and every critical one, finance those with money."""

from typing import Any

from httpx import AsyncClient

from tests.complaints.conftest import Site


async def _listed(client: AsyncClient, site: Site, role: str) -> set[str]:
    response = await client.get(f"/projects/{site.project.id}/complaints", headers=site.headers[role])
    assert response.status_code == 200, response.text
    return {c["id"] for c in response.json()["items"]}


async def test_each_role_sees_what_the_policy_says(client: AsyncClient, site: Site, file: Any) -> None:
    mine = (await file("consultant"))["id"]
    about_my_customer = (await file("supervisor", customer_id=str(site.customers["consultant"])))["id"]
    theirs = (await file("consultant2"))["id"]
    critical = (await file("supervisor", severity="critical"))["id"]

    assert await _listed(client, site, "consultant") == {mine, about_my_customer}
    assert await _listed(client, site, "consultant2") == {theirs}
    assert await _listed(client, site, "supervisor") == {mine, about_my_customer, theirs, critical}
    assert await _listed(client, site, "developer_rep") == {critical}
    assert await _listed(client, site, "finance") == set()
    assert (await client.get(f"/complaints/{theirs}", headers=site.headers["consultant"])).status_code == 404
    assert (await client.get(f"/complaints/{mine}", headers=site.headers["developer_rep"])).status_code == 404


async def test_lists_filter_by_status_level_and_overdue(
    client: AsyncClient, site: Site, file: Any, act: Any
) -> None:
    a = (await file())["id"]
    b = (await file())["id"]
    await act(b, "supervisor", type="acknowledge")
    url = f"/projects/{site.project.id}/complaints"
    headers = site.headers["supervisor"]
    acknowledged = await client.get(url, params={"status": "acknowledged"}, headers=headers)
    assert [c["id"] for c in acknowledged.json()["items"]] == [b]
    at_one = await client.get(url, params={"level": 1, "limit": 1}, headers=headers)
    assert len(at_one.json()["items"]) == 1 and at_one.json()["next_cursor"]
    overdue = await client.get(url, params={"overdue": "true"}, headers=headers)
    assert overdue.json()["items"] == []
    bad = await client.get(url, params={"severity": "urgent"}, headers=headers)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "severity"
    del a
