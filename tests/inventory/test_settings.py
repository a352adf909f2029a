"""The project's inventory rules over HTTP: read by every member, changed by project managers."""

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.inventory.site import Site


class TestInventorySettings:
    async def test_defaults_then_a_change_that_keeps_other_domains_keys(
        self, client: AsyncClient, site: Site, session: AsyncSession
    ) -> None:
        site.project.settings = {"protection_days": 20}  # another domain's rule
        await session.flush()
        url = f"/projects/{site.project.id}/inventory-settings"
        r = await client.get(url, headers=site.headers["consultant"])
        assert r.json() == {
            "reservation_minutes": 30,
            "max_live_reservations": 3,
            "hide_holds_from_consultants": True,
        }
        pm = site.headers["project_manager"]
        etag = (await client.get(url, headers=pm)).headers["etag"]
        r = await client.patch(url, json={"reservation_minutes": 45}, headers={**pm, "If-Match": etag})
        assert r.status_code == 200 and r.json()["reservation_minutes"] == 45, r.text
        stale = await client.patch(url, json={"max_live_reservations": 5}, headers={**pm, "If-Match": etag})
        assert stale.status_code == 412
        await session.refresh(site.project)
        assert site.project.settings == {"protection_days": 20, "reservation_minutes": 45}

    async def test_bounds_and_roles(self, client: AsyncClient, site: Site) -> None:
        url = f"/projects/{site.project.id}/inventory-settings"
        too_long = await client.patch(
            url, json={"reservation_minutes": 1441}, headers=site.headers["project_manager"]
        )
        assert too_long.status_code == 422
        r = await client.patch(url, json={"reservation_minutes": 10}, headers=site.headers["site_manager"])
        assert r.status_code == 403
        unknown = await client.patch(url, json={"colour": "red"}, headers=site.headers["project_manager"])
        assert unknown.status_code == 422
