"""A project manager sets the project's complaint rules; new deadlines apply to complaints filed after."""

from datetime import datetime, timedelta
from typing import Any

from httpx import AsyncClient

from tests.complaints.conftest import Site


async def test_defaults_then_a_change_applies_from_then_on(
    client: AsyncClient, site: Site, file: Any
) -> None:
    url = f"/projects/{site.project.id}/settings/complaints"
    shown = await client.get(url, headers=site.headers["consultant"])
    assert shown.status_code == 200
    defaults = shown.json()
    assert defaults["deadlines"]["minor"] == {"acknowledge_minutes": 120, "resolve_minutes": 1440}
    assert defaults["deadlines"]["critical"] == {"acknowledge_minutes": 30, "resolve_minutes": 480}
    assert defaults["remedy_authority"] == {
        "supervisor": "1000.00", "site_manager": "10000.00", "project_manager": "50000.00",
    }  # fmt: skip
    before = await file()

    etag = shown.headers["etag"]
    changed = await client.patch(
        url,
        json={"deadlines": {"minor": {"acknowledge_minutes": 30, "resolve_minutes": 240}}, "reopen_days": 60},
        headers={**site.headers["project_manager"], "If-Match": etag},
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["deadlines"]["minor"] == {"acknowledge_minutes": 30, "resolve_minutes": 240}
    assert changed.json()["deadlines"]["major"]["acknowledge_minutes"] == 60  # untouched
    assert changed.json()["reopen_days"] == 60

    after = await file()
    created = datetime.fromisoformat(after["created_at"])
    assert datetime.fromisoformat(after["acknowledge_due_at"]) - created == timedelta(minutes=30)
    kept = (await client.get(f"/complaints/{before['id']}", headers=site.headers["supervisor"])).json()
    assert kept["acknowledge_due_at"] == before["acknowledge_due_at"]

    stale = await client.patch(
        url, json={"reopen_days": 10}, headers={**site.headers["project_manager"], "If-Match": etag}
    )
    assert stale.status_code == 412


async def test_bad_rules_are_refused_naming_the_field(client: AsyncClient, site: Site) -> None:
    url = f"/projects/{site.project.id}/settings/complaints"
    headers = site.headers["project_manager"]
    shorter = await client.patch(
        url,
        json={"deadlines": {"major": {"acknowledge_minutes": 120, "resolve_minutes": 60}}},
        headers=headers,
    )
    assert (
        shorter.status_code == 422
        and shorter.json()["errors"][0]["field"] == "deadlines.major.resolve_minutes"
    )
    falling = await client.patch(url, json={"remedy_authority": {"site_manager": "500.00"}}, headers=headers)
    assert falling.status_code == 422 and falling.json()["errors"][0]["field"] == "remedy_authority"
    too_fast = await client.patch(
        url, json={"deadlines": {"minor": {"acknowledge_minutes": 1, "resolve_minutes": 60}}}, headers=headers
    )
    assert too_fast.status_code == 422
    assert (
        await client.patch(url, json={"reopen_days": 10}, headers=site.headers["supervisor"])
    ).status_code == 403
