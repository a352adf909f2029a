"""Idempotency-Key: one effect per key, replayed answers, 422 for another body, 409 while running."""

import asyncio

from httpx import ASGITransport, AsyncClient
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.db import Database
from anchang.core.idempotency import IdempotencyRecord
from anchang.org.models import Developer
from tests import factories as f


class TestIdempotencyKey:
    async def test_a_retry_replays_the_first_answer_without_a_second_effect(
        self, client: AsyncClient, session: AsyncSession
    ):
        org = await f.create_organization(session)
        admin = await f.create_user(session, organization=org, is_admin=True)
        headers = {**f.auth_headers(admin), "Idempotency-Key": "create-dev-1"}
        first = await client.post("/developers", json={"name": "保利"}, headers=headers)
        second = await client.post("/developers", json={"name": "保利"}, headers=headers)
        assert first.status_code == second.status_code == 201
        assert first.json() == second.json()
        assert second.headers["idempotent-replayed"] == "true"
        assert first.headers["etag"] == second.headers["etag"]
        count = await session.scalar(
            select(func.count()).select_from(Developer).where(Developer.name == "保利")
        )
        assert count == 1

    async def test_the_same_key_with_another_body_is_refused(
        self, client: AsyncClient, session: AsyncSession
    ):
        org = await f.create_organization(session)
        admin = await f.create_user(session, organization=org, is_admin=True)
        headers = {**f.auth_headers(admin), "Idempotency-Key": "k-2"}
        assert (await client.post("/developers", json={"name": "A"}, headers=headers)).status_code == 201
        reused = await client.post("/developers", json={"name": "B"}, headers=headers)
        assert reused.status_code == 422
        assert reused.json()["code"] == "idempotency_key_reused"

    async def test_keys_are_scoped_to_the_caller(self, client: AsyncClient, session: AsyncSession):
        org = await f.create_organization(session)
        one = await f.create_user(session, organization=org, is_admin=True)
        two = await f.create_user(session, organization=org, is_admin=True)
        key = {"Idempotency-Key": "shared"}
        a = await client.post("/developers", json={"name": "A"}, headers={**f.auth_headers(one), **key})
        b = await client.post("/developers", json={"name": "B"}, headers={**f.auth_headers(two), **key})
        assert a.status_code == b.status_code == 201
        assert a.json()["id"] != b.json()["id"]

    async def test_a_failed_request_does_not_burn_the_key(self, client: AsyncClient, session: AsyncSession):
        org = await f.create_organization(session)
        admin = await f.create_user(session, organization=org, is_admin=True)
        await f.create_developer(session, organization=org, name="Taken")
        headers = {**f.auth_headers(admin), "Idempotency-Key": "k-3"}
        assert (await client.post("/developers", json={"name": "Taken"}, headers=headers)).status_code == 409
        assert await session.scalar(select(func.count()).select_from(IdempotencyRecord)) == 0

    async def test_a_key_over_255_characters_is_refused(self, client: AsyncClient, session: AsyncSession):
        org = await f.create_organization(session)
        admin = await f.create_user(session, organization=org, is_admin=True)
        headers = {**f.auth_headers(admin), "Idempotency-Key": "k" * 256}
        response = await client.post("/developers", json={"name": "A"}, headers=headers)
        assert response.status_code == 422 and response.json()["code"] == "invalid_idempotency_key"


class TestIdempotencyUnderConcurrency:
    async def test_while_the_first_request_runs_a_second_gets_409(self, app, committed_database: Database):  # type: ignore[no-untyped-def]
        async with committed_database.session() as session:
            org = await f.create_organization(session)
            admin = await f.create_user(session, organization=org, is_admin=True)
            await session.commit()
        app.state.database = committed_database
        headers = {**f.auth_headers(admin), "Idempotency-Key": "slow-one"}
        # Hold the key's claim the way a still-running first request does.
        async with committed_database.session() as holder:
            await holder.execute(
                text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))"),
                {"k": f"user:{admin.id}\nslow-one"},
            )
            async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test/api/v1") as client:
                busy = await client.post("/developers", json={"name": "A"}, headers=headers)
            await holder.rollback()
        assert busy.status_code == 409
        assert busy.json()["code"] == "idempotency_key_in_use"

    async def test_parallel_retries_create_exactly_one(self, app, committed_database: Database):  # type: ignore[no-untyped-def]
        async with committed_database.session() as session:
            org = await f.create_organization(session)
            admin = await f.create_user(session, organization=org, is_admin=True)
            await session.commit()
        app.state.database = committed_database
        headers = {**f.auth_headers(admin), "Idempotency-Key": "burst"}
        async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test/api/v1") as client:
            responses = await asyncio.gather(
                *[client.post("/developers", json={"name": "Burst"}, headers=headers) for _ in range(10)]
            )
        codes = sorted(r.status_code for r in responses)
        assert set(codes) <= {201, 409}
        created = {r.json()["id"] for r in responses if r.status_code == 201}
        assert len(created) == 1
        async with committed_database.session() as session:
            assert await session.scalar(select(func.count()).select_from(Developer)) == 1
