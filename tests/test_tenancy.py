"""One organization can neither read nor change another's data, through any route of the app.

The routes are enumerated from the app itself, so a route added tomorrow is walked too: each path
parameter is filled with an id of organization A's object and the call is made as organization B's
admin. It must answer 404 — exactly as if the object did not exist. Lists must not show A's ids.
A path parameter this test does not know makes it fail: add the object to `_a_objects`.
"""

import re
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.apikeys.models import ApiKey
from anchang.commission.models import CommissionStatement, CommissionStatementStatus
from anchang.core.audit import AuditEntry
from anchang.core.scopes import SCOPES
from anchang.core.security import new_api_key_secret, token_digest
from tests import factories as f
from tests.campaigns import factories as cpg
from tests.closing import factories as clf
from tests.commission import factories as cmf
from tests.complaints import factories as cpf
from tests.customers import factories as cf
from tests.deals import factories as df
from tests.integrations import factories as itg
from tests.inventory import factories as inv
from tests.routes import api_routes

# Routes anybody may call without an organization (they hold no tenant data).
PUBLIC = {
    ("GET", "/api/v1/health"),
    ("GET", "/api/v1/ready"),
    ("POST", "/api/v1/auth/token"),
    ("POST", "/api/v1/auth/refresh"),
    ("POST", "/api/v1/auth/web/token"),
    ("POST", "/api/v1/auth/web/refresh"),
    # The customer's rating page: a one-time token names the complaint, no organization is involved.
    ("GET", "/api/v1/public/complaint-ratings/{token}"),
    ("POST", "/api/v1/public/complaint-ratings/{token}"),
}


async def _a_objects(session: AsyncSession) -> dict[str, Any]:
    """Organization A's objects, by the path parameter (or body field) that names them (and a day of its
    daily report for `{date}`)."""
    org = await f.create_organization(session, name="Org A")
    developer = await f.create_developer(session, organization=org)
    project = await f.create_project(session, organization=org, developer=developer)
    user = await f.create_user(session, organization=org)
    member = await f.add_member(session, project=project, user=user, role=f.ProjectRole.consultant)
    customer = await cf.create_customer(session, project=project, owner=user)
    follow_up = await cf.create_follow_up(session, customer=customer, assignee=user)
    broker = await cf.create_broker(session, project=project)
    referral = await cf.create_referral(session, broker=broker)
    roster_entry = await cf.create_roster_entry(
        session, project=project, user=user, position=1, work_date=cf.today()
    )
    building = await inv.create_building(session, project=project)
    unit = await inv.create_unit(session, building=building)
    reserved = await inv.create_unit(session, building=building, position=2)
    reservation = await inv.create_reservation(session, unit=reserved, consultant=user)
    price_list = await inv.create_price_list(session, project=project)
    approval = await inv.create_approval(session, project=project, requested_by=user)
    sold = await inv.create_unit(session, building=building, position=3)
    deal = await df.create_deal(session, unit=sold, customers=[customer], consultant=user)
    payment = await df.create_payment(session, deal=deal, amount=deal.deposit, by=user)
    complaint = await cpf.create_complaint(session, project=project, filed_by=user, customer_id=customer.id)
    agency_statement = await cmf.create_statement(session, project=project)
    statement = CommissionStatement(
        organization_id=org.id,
        project_id=project.id,
        consultant_id=user.id,
        month=date(2026, 11, 1),
        status=CommissionStatementStatus.draft,
        total=Decimal("0.00"),
        computed_at=datetime.now(UTC),
    )
    session.add(statement)
    await session.flush()
    campaign = await cpg.create_campaign(session, project=project)
    webhook = await itg.create_webhook(session, organization=org)
    delivery = await itg.create_delivery(session, endpoint=webhook)
    close = await clf.create_close(session, project=project, day=cf.today() - timedelta(days=1))
    key = ApiKey(
        organization_id=org.id,
        name="A's CRM",
        prefix="ak_aaaaaaaa",
        secret_digest=token_digest(new_api_key_secret()),
        scopes=sorted(SCOPES),
        created_by=user.id,
    )
    session.add(key)
    await session.flush()
    return {
        "webhook_id": webhook.id,
        "delivery_id": delivery.id,
        "key_id": key.id,
        "campaign_id": campaign.id,
        "close_id": close.id,
        "date": cf.today() - timedelta(days=1),
        "period": f"{cf.today().replace(day=1) - timedelta(days=1):%Y-%m}",
        "complaint_id": complaint.id,
        "statement_id": agency_statement.id,
        "commission_statement_id": statement.id,
        "consultant_id": user.id,
        "deal_id": deal.id,
        "payment_id": payment.id,
        "building_id": building.id,
        "unit_id": unit.id,
        "reservation_id": reservation.id,
        "price_list_id": price_list.id,
        "approval_id": approval.id,
        "organization_id": org.id,
        "developer_id": developer.id,
        "project_id": project.id,
        "user_id": user.id,
        "member_id": member.id,
        "customer_id": customer.id,
        "follow_up_id": follow_up.id,
        "broker_id": broker.id,
        "referral_id": referral.id,
        "roster_entry_id": roster_entry.id,
    }


def _example(schema: dict[str, Any], spec: dict[str, Any], ids: dict[str, uuid.UUID], name: str = "") -> Any:
    """A minimal valid value for `schema`; id fields point at organization A's objects."""
    if "$ref" in schema:
        return _example(spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]], spec, ids, name)
    if "anyOf" in schema:
        return _example(next(s for s in schema["anyOf"] if s.get("type") != "null"), spec, ids, name)
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object":
        return {
            prop: _example(sub, spec, ids, prop)
            for prop, sub in schema.get("properties", {}).items()
            if prop in schema.get("required", [])
        }
    if kind == "array":
        return [_example(schema["items"], spec, ids, name)]
    if kind == "string":
        fmt = schema.get("format")
        if fmt == "uuid":
            return str(ids.get(name, uuid.uuid4()))
        if fmt == "email":
            return f"tenancy-{uuid.uuid4().hex[:8]}@example.com"
        if fmt == "date-time":
            return "2026-01-01T00:00:00+08:00"
        if fmt == "date":
            return "2026-01-01"
        if "pattern" in schema and "[0-9]" in schema["pattern"]:  # money
            return "100.00"
        return "X" + "x" * max(0, schema.get("minLength", 1) - 1)
    if kind == "integer":
        return max(1, schema.get("minimum", 1))
    if kind == "number":
        return 1
    if kind == "boolean":
        return True
    return None


def _body(path: str, method: str, spec: dict[str, Any], ids: dict[str, uuid.UUID]) -> Any:
    operation = spec["paths"][path][method.lower()]
    content = operation.get("requestBody", {}).get("content", {})
    if "application/json" in content:
        return {"json": _example(content["application/json"]["schema"], spec, ids)}
    return {}


async def _snapshot(session: AsyncSession, ids: dict[str, uuid.UUID]) -> list[tuple[Any, ...]]:
    rows = await session.execute(
        select(AuditEntry.entity_id, AuditEntry.action).where(
            AuditEntry.organization_id == ids["organization_id"]
        )
    )
    return sorted((str(a), b) for a, b in rows)


async def _key_of(session: AsyncSession, admin: Any) -> dict[str, str]:
    """Headers of an API key of `admin`'s organization with every scope."""
    secret = new_api_key_secret()
    session.add(
        ApiKey(
            organization_id=admin.organization_id,
            name="B's CRM",
            prefix=secret[:11],
            secret_digest=token_digest(secret),
            scopes=sorted(SCOPES),
            created_by=admin.id,
        )
    )
    await session.flush()
    return {"Authorization": f"Bearer {secret}"}


class TestTenantIsolation:
    @pytest.mark.parametrize("caller", ["token", "api_key"])
    async def test_no_route_reads_or_changes_another_organizations_objects(
        self, app: Any, client: AsyncClient, session: AsyncSession, caller: str
    ) -> None:
        ids = await _a_objects(session)
        org_b = await f.create_organization(session, name="Org B")
        admin_b = await f.create_user(session, organization=org_b, is_admin=True)
        await f.create_project(session, organization=org_b)
        key_headers = await _key_of(session, admin_b) if caller == "api_key" else None
        spec = app.openapi()
        a_ids = {str(v) for k, v in ids.items() if k not in ("date", "period")}
        before = await _snapshot(session, ids)

        walked = 0
        for full_path, route in api_routes(app):
            if all((method, full_path) in PUBLIC for method in route.methods - {"HEAD"}):
                continue  # no organization's objects behind it (a one-time token names what it shows)
            params = re.findall(r"{(\w+)}", full_path)
            unknown = [p for p in params if p not in ids]
            assert not unknown, f"{full_path}: add an organization-A object for {unknown} to _a_objects"
            for method in sorted(route.methods - {"HEAD"}):
                if (method, full_path) in PUBLIC:
                    continue
                path = full_path.removeprefix("/api/v1")
                for param in params:
                    path = path.replace(f"{{{param}}}", str(ids[param]))
                # A login of its own per call: the logout routes end the login that calls them.
                headers = key_headers or f.auth_headers(admin_b)
                response = await client.request(
                    method, path, headers=headers, **_body(full_path, method, spec, ids)
                )
                walked += 1
                where = f"{method} {full_path} -> {response.status_code}: {response.text[:200]}"
                assert response.status_code < 500, where
                if key_headers and response.status_code == 403:
                    # A person-only route refuses every key before it looks at any object.
                    assert response.json()["code"] == "api_key_not_allowed", where
                    continue
                if params:
                    assert response.status_code == 404, where
                else:
                    assert not any(i in response.text for i in a_ids) or response.status_code == 404, where
                    assert response.status_code != 403, where

        assert walked >= 15
        assert await _snapshot(session, ids) == before, "organization A's data changed"

    async def test_a_consultant_sees_only_projects_they_belong_to(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        org = await f.create_organization(session)
        mine = await f.create_project(session, organization=org)
        other = await f.create_project(session, organization=org)
        _, headers = await f.create_member(session, project=mine, role=f.ProjectRole.consultant)
        listed = (await client.get("/projects", headers=headers)).json()["items"]
        assert [p["id"] for p in listed] == [str(mine.id)]
        assert (await client.get(f"/projects/{other.id}", headers=headers)).status_code == 404
        assert (await client.get(f"/projects/{other.id}/members", headers=headers)).status_code == 404
