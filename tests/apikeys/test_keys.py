"""API keys: made by admins and shown once, a principal within its scopes, projects and creator's
rights, revoked or expired at once, audited as the actor, and held to a rate limit."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.apikeys.models import ApiKey
from anchang.core.audit import AuditEntry
from anchang.core.roles import ProjectRole
from anchang.core.throttle import RateLimit
from anchang.org.models import Organization, Project, User
from tests import factories as f


class Office:
    """An organization with an admin, two projects, and a plain member."""

    def __init__(self, org: Organization, admin: User, first: Project, second: Project) -> None:
        self.org, self.admin, self.first, self.second = org, admin, first, second
        self.headers = f.auth_headers(admin)


@pytest.fixture
async def office(session: AsyncSession) -> Office:
    org = await f.create_organization(session)
    admin = await f.create_user(session, organization=org, is_admin=True)
    first = await f.create_project(session, organization=org)
    second = await f.create_project(session, organization=org)
    return Office(org, admin, first, second)


async def make_key(client: AsyncClient, headers: dict[str, str], **body: Any) -> dict[str, Any]:
    body.setdefault("name", "CRM")
    body.setdefault("scopes", ["inventory:read"])
    response = await client.post("/api-keys", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return dict(response.json())


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


class TestAdmin:
    async def test_the_secret_is_shown_once_and_then_works(self, client: AsyncClient, office: Office):
        created = await make_key(client, office.headers, scopes=["inventory:read", "deals:write"])
        secret = created["secret"]
        assert secret.startswith("ak_") and len(secret) > 40
        assert created["prefix"] == secret[:11]
        assert created["scopes"] == ["deals:write", "inventory:read"]
        listed = await client.get("/api-keys", headers=office.headers)
        assert listed.status_code == 200
        (item,) = listed.json()["items"]
        assert item["id"] == created["id"] and item["prefix"] == created["prefix"]
        assert (
            item["created_by"] == str(office.admin.id) and item["created_by_name"] == office.admin.full_name
        )
        assert "secret" not in item and secret not in listed.text
        one = await client.get(f"/api-keys/{created['id']}", headers=office.headers)
        assert one.status_code == 200 and secret not in one.text
        units = await client.get(f"/projects/{office.first.id}/units", headers=bearer(secret))
        assert units.status_code == 200, units.text

    async def test_only_admins_make_keys(self, client: AsyncClient, session: AsyncSession, office: Office):
        _, manager = await f.create_member(session, project=office.first, role=ProjectRole.project_manager)
        response = await client.post(
            "/api-keys", json={"name": "x", "scopes": ["deals:read"]}, headers=manager
        )
        assert response.status_code == 403
        assert (await client.get("/api-keys", headers=manager)).status_code == 403

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"name": "x", "scopes": ["deals:admin"]}, "scopes"),
            ({"name": "x", "scopes": ["payroll:read"]}, "scopes"),
            ({"name": "x", "scopes": []}, "scopes"),
            ({"name": "", "scopes": ["deals:read"]}, "name"),
            (
                {"name": "x", "scopes": ["deals:read"], "expires_at": "2020-01-01T00:00:00+08:00"},
                "expires_at",
            ),
            ({"name": "x", "scopes": ["deals:read"], "project_ids": [str(uuid.uuid4())]}, "project_ids"),
        ],
    )
    async def test_bad_input_is_a_422_naming_the_field(
        self, client: AsyncClient, office: Office, body: dict[str, Any], field: str
    ):
        response = await client.post("/api-keys", json=body, headers=office.headers)
        assert response.status_code == 422, response.text
        assert field in {e["field"].split(".")[-1] for e in response.json()["errors"]} | {
            e["field"].split(".")[0] for e in response.json()["errors"]
        }

    async def test_another_organizations_project_cannot_be_named(
        self, client: AsyncClient, session: AsyncSession, office: Office
    ):
        other = await f.create_project(session, organization=await f.create_organization(session))
        response = await client.post(
            "/api-keys",
            json={"name": "x", "scopes": ["deals:read"], "project_ids": [str(other.id)]},
            headers=office.headers,
        )
        assert response.status_code == 422

    async def test_scopes_catalog(self, client: AsyncClient, office: Office):
        catalog = (await client.get("/api-keys/scopes", headers=office.headers)).json()
        assert "inventory" in catalog["domains"] and "customers:write" in catalog["scopes"]


class TestRevocation:
    async def test_revoked_is_refused_at_once(
        self, client: AsyncClient, session: AsyncSession, office: Office
    ):
        created = await make_key(client, office.headers)
        secret = created["secret"]
        assert (await client.get("/projects", headers=bearer(secret))).status_code == 200  # cached now
        revoked = await client.delete(f"/api-keys/{created['id']}", headers=office.headers)
        assert revoked.status_code == 204
        refused = await client.get("/projects", headers=bearer(secret))
        assert refused.status_code == 401 and refused.json()["code"] == "api_key_invalid"
        listed = (await client.get("/api-keys", headers=office.headers)).json()["items"]
        assert listed[0]["revoked_at"] is not None
        audit = (
            await session.scalars(select(AuditEntry).where(AuditEntry.entity_id == uuid.UUID(created["id"])))
        ).all()
        assert [a.action for a in audit] == ["create", "update"]
        assert all(
            (a.actor_id == office.admin.id and "secret_digest" not in str(a.after))
            or a.after.get("secret_digest") == "***"
            for a in audit
        )

    async def test_expired_is_refused_at_once(
        self, client: AsyncClient, session: AsyncSession, office: Office
    ):
        soon = datetime.now(UTC) + timedelta(hours=1)
        created = await make_key(client, office.headers, expires_at=soon.isoformat())
        secret = created["secret"]
        assert (await client.get("/projects", headers=bearer(secret))).status_code == 200
        # Its expiry passes (moved back, and the cached verification forgotten as a new worker would).
        await session.execute(
            update(ApiKey)
            .where(ApiKey.id == uuid.UUID(created["id"]))
            .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )
        from anchang.core.security import api_keys

        api_keys.forget_key(uuid.UUID(created["id"]))
        refused = await client.get("/projects", headers=bearer(secret))
        assert refused.status_code == 401 and refused.json()["code"] == "api_key_expired"

    async def test_an_unknown_key_is_401(self, client: AsyncClient, office: Office):
        refused = await client.get("/projects", headers=bearer("ak_" + "x" * 43))
        assert refused.status_code == 401 and refused.json()["code"] == "api_key_invalid"


class TestScopes:
    async def test_read_write_and_other_domains(self, client: AsyncClient, office: Office):
        reader = bearer((await make_key(client, office.headers, scopes=["inventory:read"]))["secret"])
        writer = bearer((await make_key(client, office.headers, scopes=["inventory:write"]))["secret"])
        buildings = f"/projects/{office.first.id}/buildings"
        assert (await client.get(buildings, headers=reader)).status_code == 200
        denied = await client.post(buildings, json={"name": "1号楼"}, headers=reader)
        assert denied.status_code == 403 and denied.json()["code"] == "insufficient_scope"
        assert (await client.post(buildings, json={"name": "1号楼"}, headers=writer)).status_code == 201
        assert (await client.get(buildings, headers=writer)).status_code == 200  # write implies read
        other = await client.get(f"/projects/{office.first.id}/customers", headers=reader)
        assert other.status_code == 403 and other.json()["code"] == "insufficient_scope"

    @pytest.mark.parametrize(
        ("method", "path"),
        [
            ("GET", "/users"),
            ("GET", "/api-keys"),
            ("GET", "/me"),
            ("POST", "/api-keys"),
            ("GET", "/approvals"),
        ],
    )
    async def test_person_only_routes(self, client: AsyncClient, office: Office, method: str, path: str):
        scopes = ["inventory:write", "deals:write", "customers:write"]
        key = bearer((await make_key(client, office.headers, scopes=scopes))["secret"])
        response = await client.request(
            method, path, headers=key, json={"name": "x", "scopes": ["deals:read"]}
        )
        assert response.status_code == 403 and response.json()["code"] == "api_key_not_allowed"


class TestPrincipal:
    async def test_project_restriction(self, client: AsyncClient, office: Office):
        key = bearer((await make_key(client, office.headers, project_ids=[str(office.first.id)]))["secret"])
        projects = (await client.get("/projects", headers=key)).json()["items"]
        assert [p["id"] for p in projects] == [str(office.first.id)]
        assert (await client.get(f"/projects/{office.first.id}/units", headers=key)).status_code == 200
        hidden = await client.get(f"/projects/{office.second.id}/units", headers=key)
        assert hidden.status_code == 404 and hidden.json()["code"] == "project_not_found"

    async def test_another_organizations_objects_are_404(
        self, client: AsyncClient, session: AsyncSession, office: Office
    ):
        other = await f.create_project(session, organization=await f.create_organization(session))
        key = bearer((await make_key(client, office.headers))["secret"])
        assert (await client.get(f"/projects/{other.id}/units", headers=key)).status_code == 404
        assert (await client.get(f"/projects/{other.id}", headers=key)).status_code == 404

    async def test_audit_names_the_key(self, client: AsyncClient, session: AsyncSession, office: Office):
        created = await make_key(client, office.headers, scopes=["inventory:write"])
        made = await client.post(
            f"/projects/{office.first.id}/buildings",
            json={"name": "9号楼"},
            headers=bearer(created["secret"]),
        )
        assert made.status_code == 201, made.text
        row = await session.scalar(
            select(AuditEntry).where(AuditEntry.entity_id == uuid.UUID(made.json()["id"]))
        )
        assert row is not None
        assert row.api_key_id == uuid.UUID(created["id"]) and row.actor_id == office.admin.id

    async def test_the_creator_demoted_takes_the_keys_rights(
        self, client: AsyncClient, session: AsyncSession, office: Office
    ):
        other_admin = await f.create_user(session, organization=office.org, is_admin=True)
        key = bearer((await make_key(client, office.headers))["secret"])
        units = f"/projects/{office.first.id}/units"
        assert (await client.get(units, headers=key)).status_code == 200
        demoted = await client.patch(
            f"/users/{office.admin.id}", json={"is_admin": False}, headers=f.auth_headers(other_admin)
        )
        assert demoted.status_code == 200, demoted.text
        # The creator is no member of the project: neither is the key now.
        assert (await client.get(units, headers=key)).status_code == 404
        await f.add_member(session, project=office.first, user=office.admin, role=ProjectRole.supervisor)
        assert (await client.get(units, headers=key)).status_code == 200
        deactivated = await client.patch(
            f"/users/{office.admin.id}", json={"is_active": False}, headers=f.auth_headers(other_admin)
        )
        assert deactivated.status_code == 200
        refused = await client.get(units, headers=key)
        assert refused.status_code == 401

    async def test_last_use_is_noted(self, client: AsyncClient, office: Office):
        created = await make_key(client, office.headers)
        await client.get("/projects", headers=bearer(created["secret"]))
        listed = (await client.get("/api-keys", headers=office.headers)).json()["items"]
        assert listed[0]["last_used_at"] is not None


class TestRateLimit:
    async def test_429_with_headers_past_the_limit(self, app: Any, client: AsyncClient, office: Office):
        saved = app.state.key_rate_limit
        app.state.key_rate_limit = RateLimit(3)
        try:
            key = bearer((await make_key(client, office.headers))["secret"])
            answers = [await client.get("/projects", headers=key) for _ in range(4)]
        finally:
            app.state.key_rate_limit = saved
        assert [a.status_code for a in answers] == [200, 200, 200, 429]
        assert [a.headers["RateLimit-Remaining"] for a in answers] == ["2", "1", "0", "0"]
        assert all(a.headers["RateLimit-Limit"] == "3" for a in answers)
        refused = answers[-1]
        assert refused.json()["code"] == "rate_limited"
        assert 1 <= int(refused.headers["Retry-After"]) <= 60
        assert refused.headers["RateLimit-Reset"] == refused.headers["Retry-After"]
        people = await client.get("/projects", headers=office.headers)
        assert "RateLimit-Limit" not in people.headers
