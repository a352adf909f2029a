"""ETag on single resources; a PATCH with a stale If-Match loses nothing and gets 412."""

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.exc import StaleDataError

from anchang.org import service as org_service
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


class TestLostUpdateWithoutIfMatch:
    async def test_a_versioned_update_that_matches_no_row_is_412_not_500(
        self, client: AsyncClient, session: AsyncSession, monkeypatch: pytest.MonkeyPatch
    ):
        # What SQLAlchemy raises when another transaction changed the row's version in between.
        async def raced(*args: object, **kwargs: object) -> None:
            raise StaleDataError(
                "UPDATE statement on table 'developers' expected to update 1 row(s); 0 were matched."
            )

        org = await f.create_organization(session)
        admin = await f.create_user(session, organization=org, is_admin=True)
        developer = await f.create_developer(session, organization=org)
        monkeypatch.setattr(org_service, "update_developer", raced)
        response = await client.patch(
            f"/developers/{developer.id}", json={"name": "x"}, headers=f.auth_headers(admin)
        )
        assert response.status_code == 412
        assert response.json()["code"] == "precondition_failed"
