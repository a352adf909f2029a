"""Taking rights away takes effect at once (issue #10 item 2): not when the access token expires."""

import asyncio
import uuid

from httpx import AsyncClient, Response
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.credentials import Credentials, revoke_credentials
from anchang.core.db import Database
from anchang.core.roles import ProjectRole
from tests import factories as f


async def _login(client: AsyncClient, email: str, password: str = f.PASSWORD) -> dict[str, str]:
    response = await client.post("/auth/token", data={"username": email, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def _revoked(response: Response) -> bool:
    return response.status_code == 401 and response.json()["code"] == "token_revoked"


class TestRevocation:
    async def test_a_demoted_admins_token_can_no_longer_make_admins(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        org = await f.create_organization(session)
        boss = await f.create_user(session, organization=org, is_admin=True)
        demoted = await f.create_user(session, organization=org, is_admin=True)
        token = await _login(client, demoted.email)
        assert (await client.get("/users", headers=token)).status_code == 200
        changed = await client.patch(
            f"/users/{demoted.id}", json={"is_admin": False}, headers=await _login(client, boss.email)
        )
        assert changed.status_code == 200 and changed.json()["is_admin"] is False, changed.text
        new_admin = {"email": "new-admin@example.com", "full_name": "X", "password": "a-long-password"}
        made = await client.post("/users", json={**new_admin, "is_admin": True}, headers=token)
        assert _revoked(made), made.text
        again = await _login(client, demoted.email)  # a new login carries what they may do now
        assert (await client.post("/users", json=new_admin, headers=again)).status_code == 403

    async def test_a_deactivated_consultant_can_do_nothing_more(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        org = await f.create_organization(session)
        admin = await f.create_user(session, organization=org, is_admin=True)
        project = await f.create_project(session, organization=org)
        consultant, _ = await f.create_member(session, project=project, role=ProjectRole.consultant)
        token = await _login(client, consultant.email)
        assert (await client.get(f"/projects/{project.id}", headers=token)).status_code == 200
        await client.patch(
            f"/users/{consultant.id}", json={"is_active": False}, headers=await _login(client, admin.email)
        )
        assert _revoked(await client.get(f"/projects/{project.id}", headers=token))
        assert _revoked(await client.get("/me", headers=token))

    async def test_logout_ends_the_access_token_at_once_and_only_that_login(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        org = await f.create_organization(session)
        user = await f.create_user(session, organization=org)
        phone, laptop = await _login(client, user.email), await _login(client, user.email)
        assert (await client.post("/auth/logout", headers=phone)).status_code == 204
        assert _revoked(await client.get("/me", headers=phone))
        assert (await client.get("/me", headers=laptop)).status_code == 200

    async def test_a_new_password_ends_every_login(self, client: AsyncClient, session: AsyncSession) -> None:
        org = await f.create_organization(session)
        admin = await f.create_user(session, organization=org, is_admin=True)
        user = await f.create_user(session, organization=org)
        token = await _login(client, user.email)
        await client.patch(
            f"/users/{user.id}",
            json={"password": "another-long-password"},
            headers=await _login(client, admin.email),
        )
        assert _revoked(await client.get("/me", headers=token))
        fresh = await _login(client, user.email, "another-long-password")
        assert (await client.get("/me", headers=fresh)).status_code == 200

    async def test_a_harmless_change_keeps_the_login(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        org = await f.create_organization(session)
        admin = await f.create_user(session, organization=org, is_admin=True)
        user = await f.create_user(session, organization=org)
        token = await _login(client, user.email)
        await client.patch(
            f"/users/{user.id}", json={"full_name": "新名字"}, headers=await _login(client, admin.email)
        )
        assert (await client.get("/me", headers=token)).status_code == 200


class TestAcrossWorkers:
    async def test_another_workers_cache_hears_of_the_change_when_it_commits(
        self, committed_database: Database
    ) -> None:
        other_worker = Credentials()
        ready = asyncio.Event()
        listener = asyncio.create_task(other_worker.listen(committed_database.libpq_conninfo, ready=ready))
        try:
            await asyncio.wait_for(ready.wait(), timeout=10)
            async with committed_database.session() as session:
                org = await f.create_organization(session)
                user = await f.create_user(session, organization=org)
                await session.commit()
            with other_worker.watch(user.id) as changed:
                async with committed_database.session() as session:
                    await revoke_credentials(session, user.id)
                    await asyncio.sleep(0.2)
                    assert not changed.is_set()  # nothing is told before the commit
                    await session.commit()
                await asyncio.wait_for(changed.wait(), timeout=5)
            assert other_worker._versions[user.id] == 1
        finally:
            listener.cancel()
            await asyncio.gather(listener, return_exceptions=True)

    async def test_a_missed_notification_cannot_keep_a_token_alive(self) -> None:
        cache = Credentials()
        cache._versions[uuid.uuid4()] = 3
        cache.apply("user:not-a-uuid:1")  # ignored, logged
        cache.apply(f"user:{next(iter(cache._versions))}:4")
        assert next(iter(cache._versions.values())) == 4
