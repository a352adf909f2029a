"""ETag on single resources; a PATCH with a stale If-Match loses nothing and gets 412."""

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests import factories as f


class TestOptimisticLocking:
    async def test_get_returns_the_etag_and_patch_moves_it(self, client: AsyncClient, session: AsyncSession):
        org = await f.create_organization(session)
        admin = await f.create_user(session, organization=org, is_admin=True)
        developer = await f.create_developer(session, organization=org)
        headers = f.auth_headers(admin)
        got = await client.get(f"/developers/{developer.id}", headers=headers)
        assert got.headers["etag"] == '"v1"'
        patched = await client.patch(
            f"/developers/{developer.id}",
            json={"contact_name": "王"},
            headers={**headers, "If-Match": '"v1"'},
        )
        assert patched.status_code == 200
        assert patched.headers["etag"] == '"v2"' and patched.json()["version"] == 2

    async def test_a_stale_if_match_is_412_and_changes_nothing(
        self, client: AsyncClient, session: AsyncSession
    ):
        org = await f.create_organization(session)
        admin = await f.create_user(session, organization=org, is_admin=True)
        developer = await f.create_developer(session, organization=org, name="Before")
        headers = f.auth_headers(admin)
        await client.patch(f"/developers/{developer.id}", json={"contact_name": "A"}, headers=headers)
        stale = await client.patch(
            f"/developers/{developer.id}", json={"name": "After"}, headers={**headers, "If-Match": '"v1"'}
        )
        assert stale.status_code == 412
        assert stale.json()["code"] == "precondition_failed"
        assert stale.json()["current_etag"] == '"v2"'
        assert (await client.get(f"/developers/{developer.id}", headers=headers)).json()["name"] == "Before"

    async def test_a_malformed_if_match_names_the_header(self, client: AsyncClient, session: AsyncSession):
        org = await f.create_organization(session)
        admin = await f.create_user(session, organization=org, is_admin=True)
        developer = await f.create_developer(session, organization=org)
        response = await client.patch(
            f"/developers/{developer.id}",
            json={"name": "x"},
            headers={**f.auth_headers(admin), "If-Match": "nope"},
        )
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == "If-Match"
