"""A roster's day is bounded (1990–2099), in the query and in the body: 422 naming it, never a 500."""

from httpx import AsyncClient

from tests.inventory.site import Site


async def test_a_roster_day_out_of_range(client: AsyncClient, site: Site) -> None:
    path = f"/projects/{site.project.id}/roster"
    headers = site.headers["supervisor"]
    for day in ("9999-12-31", "1989-12-31"):
        r = await client.get(path, params={"date": day}, headers=headers)
        assert r.status_code == 422 and [e["field"] for e in r.json()["errors"]] == ["date"], r.text
        r = await client.put(path, json={"date": day, "user_ids": []}, headers=headers)
        assert r.status_code == 422 and [e["field"] for e in r.json()["errors"]] == ["date"], r.text
    assert (await client.get(path, params={"date": "2026-11-25"}, headers=headers)).status_code == 200
