"""Every error, ours or the framework's, is problem+json with a stable code and no stack trace."""

import uuid
from pathlib import Path
from typing import Any

import pytest
from fastapi import APIRouter
from httpx import ASGITransport, AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from anchang.core.config import Settings
from anchang.core.db import Database, SessionDep
from anchang.core.routing import AppRoute
from anchang.main import create_app
from tests import factories as f
from tests.conftest import TransactionalDatabase


def _assert_problem(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["code"] == code
    assert {"type", "title", "detail"} <= body.keys()
    return body


class TestProblemDetails:
    async def test_401_without_token(self, client: AsyncClient) -> None:
        _assert_problem(await client.get("/projects"), 401, "not_authenticated")

    async def test_403_for_a_role_that_may_not(self, client: AsyncClient, session: AsyncSession) -> None:
        org = await f.create_organization(session)
        user = await f.create_user(session, organization=org)
        response = await client.post("/developers", json={"name": "X"}, headers=f.auth_headers(user))
        _assert_problem(response, 403, "forbidden")

    async def test_404_unknown_route_and_unknown_object(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        org = await f.create_organization(session)
        user = await f.create_user(session, organization=org, is_admin=True)
        _assert_problem(await client.get("/no-such-thing"), 404, "not_found")
        body = _assert_problem(
            await client.get(f"/projects/{uuid.uuid4()}", headers=f.auth_headers(user)),
            404,
            "project_not_found",
        )
        assert "id" in body["detail"]

    async def test_405_wrong_method(self, client: AsyncClient) -> None:
        _assert_problem(await client.put("/health"), 405, "method_not_allowed")

    async def test_422_names_each_field(self, client: AsyncClient, session: AsyncSession) -> None:
        org = await f.create_organization(session)
        admin = await f.create_user(session, organization=org, is_admin=True)
        response = await client.post(
            "/users",
            json={"email": "not-an-email", "full_name": "", "password": "short"},
            headers=f.auth_headers(admin),
        )
        body = _assert_problem(response, 422, "validation_error")
        assert {e["field"] for e in body["errors"]} == {"email", "full_name", "password"}

    async def test_422_for_unknown_fields_no_mass_assignment(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        org = await f.create_organization(session)
        admin = await f.create_user(session, organization=org, is_admin=True)
        response = await client.post(
            "/developers",
            json={"name": "甲方", "organization_id": str(uuid.uuid4())},
            headers=f.auth_headers(admin),
        )
        body = _assert_problem(response, 422, "validation_error")
        assert body["errors"][0]["field"] == "organization_id"

    async def test_422_for_malformed_json(self, client: AsyncClient, session: AsyncSession) -> None:
        org = await f.create_organization(session)
        admin = await f.create_user(session, organization=org, is_admin=True)
        headers = {**f.auth_headers(admin), "Content-Type": "application/json"}
        _assert_problem(
            await client.post("/developers", content=b"{not json", headers=headers), 422, "validation_error"
        )

    async def test_413_for_a_body_over_one_mebibyte(self, client: AsyncClient, session: AsyncSession) -> None:
        org = await f.create_organization(session)
        admin = await f.create_user(session, organization=org, is_admin=True)
        big = b'{"name": "' + b"x" * (1024 * 1024) + b'"}'
        headers = {**f.auth_headers(admin), "Content-Type": "application/json"}
        _assert_problem(
            await client.post("/developers", content=big, headers=headers), 413, "payload_too_large"
        )

    async def test_413_for_a_chunked_body_over_the_limit(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        org = await f.create_organization(session)
        admin = await f.create_user(session, organization=org, is_admin=True)

        async def chunks():  # type: ignore[no-untyped-def]
            for _ in range(20):
                yield b"x" * 65536

        headers = {**f.auth_headers(admin), "Content-Type": "application/json"}
        _assert_problem(
            await client.post("/developers", content=chunks(), headers=headers), 413, "payload_too_large"
        )

    async def test_500_hides_the_stack_trace(self) -> None:
        settings = Settings(database_url="postgresql+psycopg://unused/unused", spa_dir=Path("/nonexistent"))
        app = create_app(settings, database=Database.__new__(Database))
        boom = APIRouter(route_class=AppRoute)

        @boom.get("/boom")
        async def explode() -> None:
            raise RuntimeError("secret internals")

        app.include_router(boom)
        transport = ASGITransport(app=app, raise_app_exceptions=False)
        async with AsyncClient(transport=transport, base_url="http://test") as client:
            response = await client.get("/boom")
        body = _assert_problem(response, 500, "internal_error")
        assert "secret" not in response.text and "Traceback" not in response.text
        assert body["title"] == "Internal Server Error"

    async def test_a_unique_violation_lost_to_a_concurrent_request_is_a_409_not_a_500(
        self, connection: AsyncConnection
    ) -> None:
        settings = Settings(database_url="postgresql+psycopg://unused/unused", spa_dir=Path("/nonexistent"))
        app = create_app(settings, database=TransactionalDatabase(connection))
        race = APIRouter(route_class=AppRoute)

        @race.post("/race")
        async def insert_twice(session: SessionDep) -> None:
            # What a second request does when the first committed the same code after our check.
            await session.execute(text("CREATE TEMP TABLE codes (code text PRIMARY KEY)"))
            await session.execute(text("INSERT INTO codes VALUES ('A1'), ('A1')"))

        app.include_router(race)
        async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client:
            response = await client.post("/race")
        body = _assert_problem(response, 409, "already_exists")
        assert "codes" not in response.text  # no SQL leaks
        assert body["status"] == 409

    @pytest.mark.parametrize(
        "race",
        [
            "INSERT INTO children VALUES (1)",  # an insert under a parent deleted after its check
            # a delete of a parent a row still refers to (RESTRICT)
            "INSERT INTO parents VALUES (1); INSERT INTO children VALUES (1); DELETE FROM parents",
        ],
    )
    async def test_a_reference_violation_lost_to_a_concurrent_write_is_a_409_not_a_500(
        self, connection: AsyncConnection, race: str
    ) -> None:
        settings = Settings(database_url="postgresql+psycopg://unused/unused", spa_dir=Path("/nonexistent"))
        app = create_app(settings, database=TransactionalDatabase(connection))
        router = APIRouter(route_class=AppRoute)

        @router.post("/race")
        async def write(session: SessionDep) -> None:
            await session.execute(text("CREATE TEMP TABLE parents (id int PRIMARY KEY)"))
            await session.execute(
                text("CREATE TEMP TABLE children (parent int REFERENCES parents ON DELETE RESTRICT)")
            )
            for statement in race.split("; "):
                await session.execute(text(statement))

        app.include_router(router)
        async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client:
            response = await client.post("/race")
        _assert_problem(response, 409, "reference_conflict")
        assert "parents" not in response.text  # no SQL leaks
