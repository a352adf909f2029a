import asyncio
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
from httpx import ASGITransport, AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from anchang.auth.models import RefreshToken
from anchang.core.config import Settings, get_settings
from anchang.core.db import Database
from anchang.core.security import burn_password_check
from anchang.main import create_app
from tests import factories as f
from tests.conftest import TransactionalDatabase


async def _login(client: AsyncClient, email: str, password: str = f.PASSWORD):  # type: ignore[no-untyped-def]
    return await client.post("/auth/token", data={"username": email, "password": password})


class TestLogin:
    async def test_password_login_gives_a_token_pair_that_works(
        self, client: AsyncClient, session: AsyncSession
    ):
        org = await f.create_organization(session)
        user = await f.create_user(session, organization=org, email="Lin@Example.com")
        response = await _login(client, "lin@example.com")
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["token_type"] == "bearer"
        assert body["expires_in"] == get_settings().access_token_minutes * 60
        assert body["refresh_token"].startswith("rt_")
        me = await client.get("/me", headers={"Authorization": f"Bearer {body['access_token']}"})
        assert me.status_code == 200
        assert me.json()["user"]["id"] == str(user.id)

    async def test_refresh_tokens_are_stored_only_as_digests(
        self, client: AsyncClient, session: AsyncSession
    ):
        org = await f.create_organization(session)
        user = await f.create_user(session, organization=org)
        refresh = (await _login(client, user.email)).json()["refresh_token"]
        digests = (await session.scalars(select(RefreshToken.token_digest))).all()
        assert refresh not in digests and len(digests) >= 1

    async def test_unknown_email_and_wrong_password_get_the_same_answer(
        self, client: AsyncClient, session: AsyncSession
    ):
        org = await f.create_organization(session)
        user = await f.create_user(session, organization=org)
        wrong = await _login(client, user.email, "not-the-password")
        unknown = await _login(client, "nobody@example.com", "not-the-password")
        assert wrong.status_code == unknown.status_code == 401
        assert wrong.headers["content-type"] == "application/problem+json"
        assert {k: v for k, v in wrong.json().items()} == {k: v for k, v in unknown.json().items()}
        assert wrong.json()["code"] == "invalid_credentials"

    async def test_inactive_user_cannot_log_in(self, client: AsyncClient, session: AsyncSession):
        org = await f.create_organization(session)
        user = await f.create_user(session, organization=org, is_active=False)
        assert (await _login(client, user.email)).json()["code"] == "invalid_credentials"

    async def test_five_failures_in_fifteen_minutes_throttle_the_account(
        self, client: AsyncClient, session: AsyncSession
    ):
        org = await f.create_organization(session)
        user = await f.create_user(session, organization=org)
        for _ in range(5):
            assert (await _login(client, user.email, "wrong-password")).status_code == 401
        throttled = await _login(client, user.email)  # even the right password now waits
        assert throttled.status_code == 429
        assert throttled.json()["code"] == "login_throttled"
        assert 0 < int(throttled.headers["retry-after"]) <= 15 * 60 + 1
        other = await f.create_user(session, organization=org)
        assert (await _login(client, other.email)).status_code == 200  # per account, not global

    async def test_a_success_clears_earlier_failures(self, client: AsyncClient, session: AsyncSession):
        org = await f.create_organization(session)
        user = await f.create_user(session, organization=org)
        for _ in range(4):
            await _login(client, user.email, "wrong-password")
        assert (await _login(client, user.email)).status_code == 200
        for _ in range(4):
            await _login(client, user.email, "wrong-password")
        assert (await _login(client, user.email)).status_code == 200


class TestTokens:
    async def test_refresh_rotates_and_the_old_token_stops_working(
        self, client: AsyncClient, session: AsyncSession
    ):
        org = await f.create_organization(session)
        user = await f.create_user(session, organization=org)
        first = (await _login(client, user.email)).json()
        second = await client.post("/auth/refresh", json={"refresh_token": first["refresh_token"]})
        assert second.status_code == 200
        assert second.json()["refresh_token"] != first["refresh_token"]
        third = await client.post("/auth/refresh", json={"refresh_token": second.json()["refresh_token"]})
        assert third.status_code == 200

    async def test_reusing_a_rotated_token_ends_the_whole_login(
        self, client: AsyncClient, session: AsyncSession
    ):
        org = await f.create_organization(session)
        user = await f.create_user(session, organization=org)
        first = (await _login(client, user.email)).json()
        second = (await client.post("/auth/refresh", json={"refresh_token": first["refresh_token"]})).json()
        reuse = await client.post("/auth/refresh", json={"refresh_token": first["refresh_token"]})
        assert reuse.status_code == 401
        assert reuse.json()["code"] == "refresh_token_reused"
        # The thief's copy and the rightful newest token are both dead now.
        after = await client.post("/auth/refresh", json={"refresh_token": second["refresh_token"]})
        assert after.status_code == 401
        other_login = (await _login(client, user.email)).json()
        assert (
            await client.post("/auth/refresh", json={"refresh_token": other_login["refresh_token"]})
        ).status_code == 200

    async def test_logout_ends_refresh(self, client: AsyncClient, session: AsyncSession):
        org = await f.create_organization(session)
        user = await f.create_user(session, organization=org)
        pair = (await _login(client, user.email)).json()
        headers = {"Authorization": f"Bearer {pair['access_token']}"}
        out = await client.post(
            "/auth/logout", json={"refresh_token": pair["refresh_token"]}, headers=headers
        )
        assert out.status_code == 204
        again = await client.post("/auth/refresh", json={"refresh_token": pair["refresh_token"]})
        assert again.status_code == 401
        assert (
            await session.scalar(
                select(func.count()).select_from(RefreshToken).where(RefreshToken.revoked_at.is_(None))
            )
            == 0
        )

    async def test_unknown_refresh_token(self, client: AsyncClient):
        response = await client.post("/auth/refresh", json={"refresh_token": "rt_nonsense"})
        assert response.status_code == 401
        assert response.json()["code"] == "invalid_refresh_token"

    async def test_expired_access_token_says_so(self, client: AsyncClient, session: AsyncSession):
        org = await f.create_organization(session)
        user = await f.create_user(session, organization=org)
        now = datetime.now(UTC)
        token = jwt.encode(
            {
                "sub": str(user.id),
                "org": str(org.id),
                "adm": False,
                "sid": str(user.id),
                "typ": "access",
                "iat": int((now - timedelta(hours=1)).timestamp()),
                "exp": int((now - timedelta(minutes=1)).timestamp()),
            },
            get_settings().secret_key,
            algorithm="HS256",
        )
        response = await client.get("/me", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401
        assert response.json()["code"] == "token_expired"
        assert response.headers["www-authenticate"] == "Bearer"

    async def test_forged_or_missing_tokens_are_401(self, client: AsyncClient):
        assert (await client.get("/me")).json()["code"] == "not_authenticated"
        forged = jwt.encode(
            {"sub": "x", "org": "y", "exp": 9999999999, "typ": "access"}, "another-secret" * 4
        )
        response = await client.get("/me", headers={"Authorization": f"Bearer {forged}"})
        assert response.status_code == 401


class TestMe:
    async def test_me_lists_memberships_with_roles(self, client: AsyncClient, session: AsyncSession):
        org = await f.create_organization(session)
        project = await f.create_project(session, organization=org)
        other = await f.create_project(session, organization=org)
        _user, headers = await f.create_member(session, project=project, role=f.ProjectRole.supervisor)
        body = (await client.get("/me", headers=headers)).json()
        assert body["organization"]["id"] == str(org.id)
        assert body["memberships"] == [
            {
                "project_id": str(project.id),
                "project_name": project.name,
                "project_code": project.code,
                "role": "supervisor",
            }
        ]
        assert str(other.id) not in str(body)

    async def test_me_orders_memberships_by_project_name_and_leaves_out_inactive_projects(
        self, client: AsyncClient, session: AsyncSession
    ):
        org = await f.create_organization(session)
        zebra, alpha, closed = [await f.create_project(session, organization=org) for _ in range(3)]
        zebra.name, alpha.name, closed.name, closed.is_active = "斑马苑", "Alpha Court", "Closed", False
        user, headers = await f.create_member(session, project=zebra, role=f.ProjectRole.consultant)
        await f.add_member(session, project=alpha, user=user, role=f.ProjectRole.site_manager)
        await f.add_member(session, project=closed, user=user, role=f.ProjectRole.supervisor)
        await session.flush()
        body = (await client.get("/me", headers=headers)).json()
        assert [(m["project_name"], m["role"]) for m in body["memberships"]] == [
            ("Alpha Court", "site_manager"),
            ("斑马苑", "consultant"),
        ]

    async def test_me_without_memberships_is_an_empty_list(self, client: AsyncClient, session: AsyncSession):
        org = await f.create_organization(session)
        user = await f.create_user(session, organization=org)
        body = (await client.get("/me", headers=f.auth_headers(user))).json()
        assert body["user"]["id"] == str(user.id) and body["memberships"] == []


class TestStaleHeaders:
    async def test_logging_in_or_refreshing_with_an_old_bearer_header_still_works(
        self, client: AsyncClient, session: AsyncSession
    ):
        org = await f.create_organization(session)
        user = await f.create_user(session, organization=org)
        stale = {"Authorization": "Bearer expired.or.forged"}
        login = await client.post(
            "/auth/token", data={"username": user.email, "password": f.PASSWORD}, headers=stale
        )
        assert login.status_code == 200, login.text
        again = await client.post(
            "/auth/refresh", json={"refresh_token": login.json()["refresh_token"]}, headers=stale
        )
        assert again.status_code == 200, again.text
        assert (await client.get("/me", headers=stale)).status_code == 401  # a real route still refuses it


def _client_from(app: Any, connection: AsyncConnection, address: str) -> AsyncClient:
    """A client whose requests come from `address` (as uvicorn reports the client's address)."""
    app.state.database = TransactionalDatabase(connection)
    transport = ASGITransport(app=app, client=(address, 50000))
    return AsyncClient(transport=transport, base_url="http://test/api/v1")


class TestThrottlingBySource:
    async def test_a_strangers_guesses_do_not_lock_the_owner_out(
        self, app: Any, connection: AsyncConnection, session: AsyncSession
    ):
        org = await f.create_organization(session)
        user = await f.create_user(session, organization=org)
        async with (
            _client_from(app, connection, "203.0.113.7") as stranger,
            _client_from(app, connection, "198.51.100.2") as owner,
        ):
            for _ in range(5):
                assert (await _login(stranger, user.email, "guess")).status_code == 401
            assert (await _login(stranger, user.email)).status_code == 429
            assert (await _login(owner, user.email)).status_code == 200

    async def test_a_spray_of_made_up_emails_from_one_address_is_throttled(
        self, app: Any, connection: AsyncConnection, session: AsyncSession
    ):
        limit = get_settings().login_max_failures_per_source
        async with (
            _client_from(app, connection, "203.0.113.9") as sprayer,
            _client_from(app, connection, "198.51.100.3") as elsewhere,
        ):
            for i in range(limit):
                assert (await _login(sprayer, f"nobody{i}@example.com", "x")).status_code == 401
            throttled = await _login(sprayer, "someone-else@example.com", "x")
            assert throttled.status_code == 429 and throttled.json()["code"] == "login_throttled"
            assert (await _login(elsewhere, "nobody0@example.com", "x")).status_code == 401


class TestThrottlingUnderConcurrency:
    async def test_parallel_wrong_passwords_get_no_more_checks_than_allowed(
        self, committed_database: Database
    ):
        async with committed_database.session() as session:
            org = await f.create_organization(session)
            user = await f.create_user(session, organization=org)
            await session.commit()
            email = user.email
        app = create_app(
            Settings(database_url="postgresql+psycopg://unused/unused", anchang_env="test"),
            committed_database,
        )
        async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test/api/v1") as client:
            answers = await asyncio.gather(*(_login(client, email, "wrong") for _ in range(20)))
            statuses = sorted(a.status_code for a in answers)
            checked = statuses.count(401)
            # Never more checks than allowed: the rest throttled, or told another was under way.
            assert 1 <= checked <= 5 and statuses.count(429) == 20 - checked, statuses
            codes = {a.json()["code"] for a in answers if a.status_code == 429}
            assert codes <= {"login_throttled", "login_in_progress"}
            # Sequential attempts still reach the limit exactly.
            for _ in range(5 - checked):
                assert (await _login(client, email, "wrong")).status_code == 401
            assert (await _login(client, email, "wrong")).json()["code"] == "login_throttled"

    async def test_password_checks_do_not_stall_other_requests(self, committed_database: Database):
        """Argon2 runs off the event loop: /health keeps answering while logins are being checked."""
        started = time.perf_counter()
        burn_password_check("one check, timed on this machine")
        one_check = time.perf_counter() - started
        app = create_app(
            Settings(database_url="postgresql+psycopg://unused/unused", anchang_env="test"),
            committed_database,
        )
        async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test/api/v1") as client:
            await client.get("/health")
            logins = asyncio.gather(*(_login(client, f"nobody{i}@example.com", "x") for i in range(6)))
            lags = []  # how late each /health round came back, beyond the pause asked for
            while not logins.done():
                started = time.perf_counter()
                assert (await client.get("/health")).status_code == 200
                await asyncio.sleep(0.002)
                lags.append(time.perf_counter() - started - 0.002)
            done = await logins
        assert all(r.status_code == 401 for r in done)
        # On the loop, most rounds wait out a whole check (~one_check); off it, hardly any does (the
        # 90th percentile, so that a busy machine's scheduling hiccup is not taken for a stall).
        slow = sorted(lags)[int(len(lags) * 0.9)]
        assert len(lags) > 10 and slow < one_check / 2, (slow, one_check, len(lags))
