"""Cursor pagination: every item once, in order, with `limit` ≤ 200 and `updated_since`."""

import asyncio
from datetime import UTC, datetime

from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tests import factories as f


class TestCursorPagination:
    async def test_walking_the_cursor_returns_every_item_once(
        self, client: AsyncClient, session: AsyncSession
    ):
        org = await f.create_organization(session)
        admin = await f.create_user(session, organization=org, is_admin=True)
        for _ in range(6):
            await f.create_developer(session, organization=org)
        seen: list[str] = []
        cursor = None
        pages = 0
        while True:
            params = {"limit": 4, **({"cursor": cursor} if cursor else {})}
            body = (await client.get("/developers", params=params, headers=f.auth_headers(admin))).json()
            seen += [d["id"] for d in body["items"]]
            pages += 1
            cursor = body["next_cursor"]
            if cursor is None:
                break
        assert pages == 2
        assert len(seen) == len(set(seen)) == 6

    async def test_items_created_in_one_transaction_are_still_paged_apart(
        self, client: AsyncClient, session: AsyncSession
    ):
        # Same created_at for all (now() is the transaction's time): the id breaks the tie.
        org = await f.create_organization(session)
        admin = await f.create_user(session, organization=org, is_admin=True)
        for _ in range(5):
            await f.create_user(session, organization=org)
        first = (await client.get("/users", params={"limit": 3}, headers=f.auth_headers(admin))).json()
        second = (
            await client.get(
                "/users", params={"limit": 3, "cursor": first["next_cursor"]}, headers=f.auth_headers(admin)
            )
        ).json()
        ids = [u["id"] for u in first["items"] + second["items"]]
        assert len(ids) == len(set(ids)) == 6 and second["next_cursor"] is None

    async def test_limit_is_capped_at_200(self, client: AsyncClient, session: AsyncSession):
        org = await f.create_organization(session)
        admin = await f.create_user(session, organization=org, is_admin=True)
        response = await client.get("/users", params={"limit": 201}, headers=f.auth_headers(admin))
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == "limit"

    async def test_a_forged_cursor_is_a_422_not_a_500(self, client: AsyncClient, session: AsyncSession):
        org = await f.create_organization(session)
        admin = await f.create_user(session, organization=org, is_admin=True)
        # Garbage, wrong lengths, numbers instead of strings, a time without offset, a null.
        for cursor in [
            "garbage",
            "WyJ4Il0",
            "W10",
            "WzUsIDVd",
            "WyIyMDI2LTAxLTAxVDAwOjAwOjAwIiwgIjAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMCJd",
            "WyIyMDI2LTAxLTAxVDAwOjAwOjAwKzA4OjAwIiwgN10",
            "W251bGwsIG51bGxd",
        ]:
            response = await client.get("/users", params={"cursor": cursor}, headers=f.auth_headers(admin))
            assert response.status_code == 422, cursor
            assert response.json()["errors"][0]["field"] == "cursor"

    async def test_updated_since_returns_only_later_changes(self, client: AsyncClient, session: AsyncSession):
        org = await f.create_organization(session)
        admin = await f.create_user(session, organization=org, is_admin=True)
        old = await f.create_developer(session, organization=org, name="old")
        await session.execute(
            text("UPDATE developers SET updated_at = now() - interval '1 day' WHERE id = :id"), {"id": old.id}
        )
        await asyncio.sleep(0)
        since = datetime.now(UTC).replace(microsecond=0).isoformat()
        since_earlier = "2000-01-01T00:00:00+08:00"
        recent = (
            await client.get(
                "/developers", params={"updated_since": since_earlier}, headers=f.auth_headers(admin)
            )
        ).json()
        assert {d["name"] for d in recent["items"]} == {"old"}
        newer = (
            await client.get("/developers", params={"updated_since": since}, headers=f.auth_headers(admin))
        ).json()
        assert newer["items"] == []

    async def test_updated_since_needs_an_offset(self, client: AsyncClient, session: AsyncSession):
        org = await f.create_organization(session)
        admin = await f.create_user(session, organization=org, is_admin=True)
        response = await client.get(
            "/developers", params={"updated_since": "2026-01-01T00:00:00"}, headers=f.auth_headers(admin)
        )
        assert response.status_code == 422
        assert response.json()["errors"] == [
            {
                "field": "updated_since",
                "message": "must carry a time zone offset, e.g. 2026-01-01T00:00:00+08:00",
            }
        ]

    async def test_every_bad_paging_value_is_a_422_naming_its_field(
        self, client: AsyncClient, session: AsyncSession
    ):
        org = await f.create_organization(session)
        admin = await f.create_user(session, organization=org, is_admin=True)
        for params, field in [
            ({"limit": 0}, "limit"),
            ({"limit": "ten"}, "limit"),
            ({"limit": ""}, "limit"),
            ({"cursor": "x" * 513}, "cursor"),
            ({"updated_since": "yesterday"}, "updated_since"),
        ]:
            response = await client.get("/projects", params=params, headers=f.auth_headers(admin))
            assert response.status_code == 422, params
            assert response.headers["content-type"] == "application/problem+json"
            assert [e["field"] for e in response.json()["errors"]] == [field], params

    async def test_paging_applies_next_to_a_list_s_own_filters(
        self, client: AsyncClient, session: AsyncSession
    ):
        org = await f.create_organization(session)
        admin = await f.create_user(session, organization=org, is_admin=True)
        for name in ("Ann", "Anna", "Bob"):
            await f.create_user(session, organization=org, full_name=name)
        response = await client.get("/users", params={"q": "ann", "limit": 1}, headers=f.auth_headers(admin))
        page = response.json()
        assert response.status_code == 200 and len(page["items"]) == 1 and page["next_cursor"]
        rest = await client.get(
            "/users",
            params={"q": "ann", "limit": 1, "cursor": page["next_cursor"]},
            headers=f.auth_headers(admin),
        )
        last = rest.json()
        assert {page["items"][0]["full_name"], last["items"][0]["full_name"]} == {"Ann", "Anna"}
        assert last["next_cursor"] is None
