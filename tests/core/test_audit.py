"""Every mutation leaves an audit row: actor, action, entity, before, after; secrets masked."""

from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.audit import AuditEntry
from tests import factories as f


async def _entries(session: AsyncSession, entity_id: object) -> list[AuditEntry]:
    rows = await session.scalars(
        select(AuditEntry)
        .where(AuditEntry.entity_id == entity_id)
        .order_by(AuditEntry.created_at, AuditEntry.action)
    )
    return list(rows)


class TestAuditTrail:
    async def test_create_and_update_are_recorded_with_actor_and_values(
        self, client: AsyncClient, session: AsyncSession
    ):
        org = await f.create_organization(session)
        admin = await f.create_user(session, organization=org, is_admin=True)
        headers = {**f.auth_headers(admin), "X-Request-ID": "req-audit-1"}
        created = (await client.post("/developers", json={"name": "绿地"}, headers=headers)).json()
        await client.patch(f"/developers/{created['id']}", json={"name": "绿地集团"}, headers=headers)
        create, update = await _entries(session, created["id"])
        assert (create.action, create.actor_id, create.organization_id) == ("create", admin.id, org.id)
        assert create.after is not None and create.after["name"] == "绿地"
        assert create.request_id == "req-audit-1"
        assert update.action == "update"
        assert update.before == {"name": "绿地"} and update.after == {"name": "绿地集团"}

    async def test_password_hashes_never_reach_the_log(self, client: AsyncClient, session: AsyncSession):
        org = await f.create_organization(session)
        admin = await f.create_user(session, organization=org, is_admin=True)
        user = (
            await client.post(
                "/users",
                json={"email": "new@example.com", "full_name": "新人", "password": "a-long-password"},
                headers=f.auth_headers(admin),
            )
        ).json()
        await client.patch(
            f"/users/{user['id']}", json={"password": "another-password"}, headers=f.auth_headers(admin)
        )
        create, update = await _entries(session, user["id"])
        assert create.after is not None and create.after["password_hash"] == "***"
        assert update.before == {"password_hash": "***"} and update.after == {"password_hash": "***"}

    async def test_deletes_keep_what_was_deleted(self, client: AsyncClient, session: AsyncSession):
        org = await f.create_organization(session)
        project = await f.create_project(session, organization=org)
        pm, headers = await f.create_member(session, project=project, role=f.ProjectRole.project_manager)
        other = await f.create_user(session, organization=org)
        member = await f.add_member(session, project=project, user=other, role=f.ProjectRole.consultant)
        response = await client.delete(f"/projects/{project.id}/members/{member.id}", headers=headers)
        assert response.status_code == 204
        entries = await _entries(session, member.id)
        assert entries[-1].action == "delete" and entries[-1].actor_id == pm.id
        assert entries[-1].before is not None and entries[-1].before["role"] == "consultant"

    async def test_a_failed_request_leaves_no_audit_row(self, client: AsyncClient, session: AsyncSession):
        org = await f.create_organization(session)
        admin = await f.create_user(session, organization=org, is_admin=True)
        await f.create_developer(session, organization=org, name="Dup")
        before = len(list(await session.scalars(select(AuditEntry.id))))
        assert (
            await client.post("/developers", json={"name": "Dup"}, headers=f.auth_headers(admin))
        ).status_code == 409
        assert len(list(await session.scalars(select(AuditEntry.id)))) == before
