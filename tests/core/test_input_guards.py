"""Input no route can take is a 4xx naming the field, never a 500 (issue #10, items 4, 8, 11, 12),
and the database being away is a 503 with Retry-After."""

import uuid
from pathlib import Path
from typing import Any

import pytest
from fastapi import APIRouter
from httpx import ASGITransport, AsyncClient
from pydantic import ValidationError
from sqlalchemy import text
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession

from anchang.core.config import Settings
from anchang.core.db import Database, SessionDep
from anchang.core.errors import Conflict, problem_response
from anchang.core.routing import AppRoute
from anchang.core.schemas import AwareTime, Money, PastTime, RequestModel, SaneDate
from anchang.core.security import Principal, create_access_token
from anchang.main import create_app
from tests import factories as f
from tests.conftest import TransactionalDatabase

SETTINGS = Settings(database_url="postgresql+psycopg://unused/unused", spa_dir=Path("/nonexistent"))


def _field_errors(response: Any) -> dict[str, str]:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    return {e["field"]: e["message"] for e in response.json()["errors"]}


class Sample(RequestModel):
    name: str
    tags: list[str] | None = None
    at: AwareTime | None = None
    happened: PastTime | None = None
    on: SaneDate | None = None
    price: Money | None = None


class TestNul:
    def test_a_request_model_refuses_nul_in_any_string_field_naming_it(self) -> None:
        with pytest.raises(ValidationError) as caught:
            Sample.model_validate({"name": "ok", "tags": ["a", "b\x00"]})
        assert [e["loc"] for e in caught.value.errors()] == [("tags",)]
        assert caught.value.errors()[0]["type"] == "nul_character"

    async def test_nul_in_a_body_is_a_422_naming_the_field(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        org = await f.create_organization(session)
        admin = await f.create_user(session, organization=org, is_admin=True)
        response = await client.post("/developers", json={"name": "甲\x00方"}, headers=f.auth_headers(admin))
        assert "nul" in _field_errors(response)["name"].lower()

    async def test_nul_in_a_query_parameter_or_the_path_is_a_422(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        org = await f.create_organization(session)
        admin = await f.create_user(session, organization=org, is_admin=True)
        response = await client.get("/users?q=a%00b", headers=f.auth_headers(admin))
        assert set(_field_errors(response)) == {"q"}
        response = await client.get("/projects/a%00b", headers=f.auth_headers(admin))
        assert set(_field_errors(response)) == {"path"}

    async def test_nul_in_the_login_form_is_a_422_not_a_500(self, client: AsyncClient) -> None:
        response = await client.post("/auth/token", data={"username": "a\x00@b.c", "password": "x"})
        assert response.status_code in {401, 422}, response.text


class TestTimesAndDates:
    @pytest.mark.parametrize("value", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59+00:00"])
    def test_client_times_outside_1990_to_2099_are_refused(self, value: str) -> None:
        with pytest.raises(ValidationError) as caught:
            Sample.model_validate({"name": "x", "at": value})
        assert caught.value.errors()[0]["type"] == "time_out_of_range"
        with pytest.raises(ValidationError):
            Sample.model_validate({"name": "x", "happened": value})

    def test_dates_outside_the_window_are_refused(self) -> None:
        with pytest.raises(ValidationError) as caught:
            Sample.model_validate({"name": "x", "on": "9999-12-31"})
        assert caught.value.errors()[0]["type"] == "date_out_of_range"
        assert Sample.model_validate({"name": "x", "on": "2026-12-03"}).on is not None


class TestMoney:
    @pytest.mark.parametrize("value", ["１２３.００", "١٢٣", "12\u0663"])
    def test_money_takes_ascii_digits_only(self, value: str) -> None:
        with pytest.raises(ValidationError):
            Sample.model_validate({"name": "x", "price": value})

    def test_ordinary_money_still_parses(self) -> None:
        assert str(Sample.model_validate({"name": "x", "price": "1250000.5"}).price) == "1250000.50"


class TestProblemMembers:
    def test_an_extension_field_never_shadows_a_problem_member(self) -> None:
        response = problem_response(409, "deal_status_conflict", extra={"status": "cancelled", "deal": "x"})
        body = response.body.decode()
        assert '"status":409' in body and '"cancelled"' not in body and '"deal":"x"' in body

    async def test_an_app_error_with_a_shadowing_extension_still_says_its_status(self) -> None:
        app = create_app(SETTINGS, database=Database.__new__(Database))
        router = APIRouter(route_class=AppRoute)

        @router.get("/conflict")
        async def conflict() -> None:
            raise Conflict("nope", status="cancelled", code="sneaky")

        app.include_router(router)
        async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client:
            body = (await client.get("/conflict")).json()
        assert body["status"] == 409 and body["code"] == "conflict"


class TestDatabaseRefusals:
    async def test_a_value_postgresql_refuses_is_a_422_not_a_500(self, connection: AsyncConnection) -> None:
        app = create_app(SETTINGS, database=TransactionalDatabase(connection))
        router = APIRouter(route_class=AppRoute)

        @router.post("/overflow")
        async def overflow(session: SessionDep) -> None:
            await session.execute(text("SELECT CAST(:n AS integer)"), {"n": "2147483648"})

        app.include_router(router)
        async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client:
            response = await client.post("/overflow")
        assert response.status_code == 422 and response.json()["code"] == "invalid_value"

    async def test_a_pool_with_no_connection_free_is_a_503_database_busy(self) -> None:
        app = create_app(SETTINGS, database=Database.__new__(Database))
        router = APIRouter(route_class=AppRoute)

        @router.get("/exhausted")
        async def exhausted() -> None:
            # What SQLAlchemy raises when every connection stayed lent for the pool's whole timeout.
            raise PoolTimeout("QueuePool limit of size 10 overflow 10 reached")

        app.include_router(router)
        async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client:
            response = await client.get("/exhausted")
        assert response.status_code == 503 and response.json()["code"] == "database_busy"
        assert response.headers["retry-after"] == "5"

    async def test_the_database_away_is_a_503_with_retry_after(self) -> None:
        # A server nobody listens on: what a worker sees while PostgreSQL is down or restarting.
        database = Database("postgresql+psycopg://anchang@127.0.0.1:9/anchang", pool_size=1)
        app = create_app(SETTINGS, database=database)
        transport = ASGITransport(app=app, raise_app_exceptions=False)
        async with AsyncClient(transport=transport, base_url="http://test/api/v1") as client:
            # The token alone authenticates: no database is needed for that.
            principal = Principal(uuid.uuid4(), uuid.uuid4(), is_admin=True, session_id=uuid.uuid4())
            token = {"Authorization": f"Bearer {create_access_token(principal)[0]}"}
            read = await client.get("/projects", headers=token)
            write = await client.post("/developers", json={"name": "X"}, headers=token)
        await database.dispose()
        for response in (read, write):
            assert response.status_code == 503, response.text
            assert response.json()["code"] == "database_unavailable"
            assert response.headers["retry-after"] == "5"


class TestAfterARestart:
    async def test_a_write_after_the_servers_connections_were_closed_succeeds(
        self, committed_database: Database, engine: AsyncEngine
    ) -> None:
        """What a quick PostgreSQL restart leaves in the pool: connections the server closed."""
        async with committed_database.session() as session:
            org = await f.create_organization(session)
            admin = await f.create_user(session, organization=org, is_admin=True)
            await session.commit()
        app = create_app(SETTINGS, database=committed_database)
        headers = f.auth_headers(admin)
        async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test/api/v1") as client:
            assert (
                await client.post("/developers", json={"name": "甲方一"}, headers=headers)
            ).status_code == 201
            async with engine.connect() as admin_conn:  # the tests' superuser may end the app's backends
                await admin_conn.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    )
                )
            again = await client.post("/developers", json={"name": "甲方二"}, headers=headers)
        assert again.status_code == 201, again.text
