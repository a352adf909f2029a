"""Every route declares who may call it, and answers accordingly: the role × operation matrix.

The routes are enumerated from the app, so a route added tomorrow is checked too. Access is read from
each route's dependencies: those made by `project_role(...)` and `entity_role(...)` carry the roles they
allow (`allowed_roles`, empty meaning any member), `AdminPrincipal` means the organization's admins,
and `CurrentPrincipal` alone means any authenticated user of the organization — accepted only where no
project is involved (no path parameter, or one naming an organization-wide object). A route that
declares none of these fails the first test, and so does one whose declaration differs from `MATRIX`,
the table of who may call what, so that widening a route's roles is a deliberate change of two places.

The second calls every operation of `MATRIX` as every project role of organization A, with ids of A's
data in the path and an empty JSON body, and expects 403 for a role the matrix does not allow and
anything but 403/404 for one it does. A 422 for the empty body means authorization passed: FastAPI
solves the dependencies (where authorization lives) before it validates the body, which the forbidden
roles' 403s show. An entity the role may not read (a row rule) answers 404 before the role is looked
at. Each call runs in a savepoint rolled back after it, so every call sees the same seeded data.
"""

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from anchang.apikeys.models import ApiKey
from anchang.commission.models import CommissionStatement, CommissionStatementStatus
from anchang.core import access
from anchang.core.roles import SUPERVISORS_AND_ABOVE, ProjectRole
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

R = ProjectRole
ROLES = list(ProjectRole)

# Routes anybody may call, before there is a principal.
PUBLIC = {
    ("GET", "/health"): "liveness probe: no data",
    ("GET", "/ready"): "readiness probe: no tenant data",
    ("POST", "/auth/token"): "login: gives the principal",
    ("POST", "/auth/refresh"): "exchanges a refresh token for a principal",
    ("POST", "/auth/web/token"): "login of the SPA (cookie): gives the principal",
    ("POST", "/auth/web/refresh"): "refresh of the SPA (cookie)",
    ("GET", "/public/complaint-ratings/{token}"): "the customer's rating page: a one-time token, no login",
    ("POST", "/public/complaint-ratings/{token}"): "the customer's rating: a one-time token, no login",
}

# Path parameters naming objects of the whole organization, not of a project: no project role applies,
# so `CurrentPrincipal` alone is a declaration for them (any user of the organization reads them).
ORGANIZATION_WIDE_PARAMS = {"user_id", "developer_id", "key_id"}

# The matrix: who may call each operation. "user": any authenticated user of the organization; "admin":
# its admins; "members": any member of the project; otherwise the project roles allowed (AD admin, PM
# project manager, SM site manager, SU supervisor, CO consultant, FI finance, DR developer rep). Each
# route's declaration must say the same: change a route's roles and this table together, deliberately.
MATRIX = {
    ("POST", "/auth/logout"): "user",
    ("POST", "/auth/web/logout"): "user",
    ("GET", "/me"): "user",
    # Integrations: the feed is every user's (scoped by their access); webhooks are the admins'.
    ("GET", "/events"): "user",
    ("GET", "/event-types"): "user",
    ("POST", "/webhooks"): "admin",
    ("GET", "/webhooks"): "admin",
    ("GET", "/webhooks/{webhook_id}"): "admin",
    ("PATCH", "/webhooks/{webhook_id}"): "admin",
    ("DELETE", "/webhooks/{webhook_id}"): "admin",
    ("POST", "/webhooks/{webhook_id}/rotate-secret"): "admin",
    ("GET", "/webhooks/{webhook_id}/deliveries"): "admin",
    ("POST", "/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver"): "admin",
    ("POST", "/webhooks/{webhook_id}/test"): "admin",
    ("GET", "/api-keys"): "admin",
    ("POST", "/api-keys"): "admin",
    ("GET", "/api-keys/scopes"): "admin",
    ("GET", "/api-keys/{key_id}"): "admin",
    ("DELETE", "/api-keys/{key_id}"): "admin",
    ("GET", "/users"): "user",
    ("POST", "/users"): "admin",
    ("GET", "/users/{user_id}"): "user",
    ("PATCH", "/users/{user_id}"): "admin",
    ("GET", "/developers"): "user",
    ("POST", "/developers"): "admin",
    ("GET", "/developers/{developer_id}"): "user",
    ("PATCH", "/developers/{developer_id}"): "admin",
    ("GET", "/projects"): "user",
    ("POST", "/projects"): "admin",
    ("GET", "/projects/{project_id}"): "members",
    ("PATCH", "/projects/{project_id}"): "AD PM",
    ("GET", "/projects/{project_id}/members"): "members",
    ("POST", "/projects/{project_id}/members"): "AD PM",
    ("GET", "/projects/{project_id}/members/{member_id}"): "members",
    ("PATCH", "/projects/{project_id}/members/{member_id}"): "AD PM SM",
    ("DELETE", "/projects/{project_id}/members/{member_id}"): "AD PM",
    ("GET", "/projects/{project_id}/inventory-settings"): "members",
    ("PATCH", "/projects/{project_id}/inventory-settings"): "AD PM",
    ("GET", "/projects/{project_id}/buildings"): "members",
    ("POST", "/projects/{project_id}/buildings"): "AD PM",
    ("GET", "/projects/{project_id}/units"): "members",
    ("POST", "/projects/{project_id}/units"): "AD PM",
    ("GET", "/projects/{project_id}/reservations"): "members",
    ("GET", "/reservations/{reservation_id}"): "members",
    ("DELETE", "/reservations/{reservation_id}"): "members",
    ("POST", "/projects/{project_id}/releases"): "AD PM",
    ("POST", "/projects/{project_id}/withdrawals"): "AD PM",
    ("GET", "/projects/{project_id}/releases"): "members",
    ("POST", "/projects/{project_id}/units/import"): "AD PM",
    ("GET", "/projects/{project_id}/board"): "members",
    ("GET", "/projects/{project_id}/board.xlsx"): "members",
    ("GET", "/projects/{project_id}/board/events"): "members",
    ("GET", "/projects/{project_id}/price-lists"): "members",
    ("POST", "/projects/{project_id}/price-lists"): "AD PM SM",
    ("GET", "/approvals"): "user",
    ("GET", "/approvals/{approval_id}"): "members",
    ("POST", "/approvals/{approval_id}/approve"): "AD PM SM SU FI DR",
    ("POST", "/approvals/{approval_id}/reject"): "AD PM SM SU FI DR",
    ("POST", "/projects/{project_id}/customers"): "AD PM SM SU CO",
    ("GET", "/projects/{project_id}/customers"): "members",
    ("GET", "/projects/{project_id}/customers.xlsx"): "AD PM SM",
    ("GET", "/projects/{project_id}/duplicate-attempts"): "AD PM SM SU",
    ("GET", "/projects/{project_id}/alerts"): "members",
    ("GET", "/projects/{project_id}/visits"): "members",
    ("GET", "/projects/{project_id}/follow-ups"): "members",
    ("GET", "/projects/{project_id}/brokers"): "members",
    ("POST", "/projects/{project_id}/brokers"): "AD PM SM SU",
    ("POST", "/projects/{project_id}/referrals"): "AD PM SM SU CO",
    ("GET", "/projects/{project_id}/referrals"): "members",
    ("GET", "/projects/{project_id}/referrals/monthly"): "members",
    ("POST", "/projects/{project_id}/deals"): "AD PM SM SU CO",
    ("POST", "/projects/{project_id}/deals/quote"): "AD PM SM SU CO",
    ("GET", "/projects/{project_id}/deals"): "members",
    ("GET", "/projects/{project_id}/receivables"): "AD PM SM SU CO FI",
    ("GET", "/projects/{project_id}/roster"): "members",
    ("POST", "/projects/{project_id}/complaints"): "members",
    ("GET", "/projects/{project_id}/complaints"): "members",
    ("GET", "/complaints/{complaint_id}"): "members",
    ("GET", "/complaints/{complaint_id}/actions"): "members",
    ("POST", "/complaints/{complaint_id}/actions"): "members",
    ("POST", "/complaints/{complaint_id}/rating-link"): "members",
    ("GET", "/projects/{project_id}/settings/complaints"): "members",
    ("PATCH", "/projects/{project_id}/settings/complaints"): "AD PM",
    ("GET", "/projects/{project_id}/reports/complaints"): "AD PM SM SU DR",
    ("GET", "/projects/{project_id}/agency-fee-rules"): "AD PM SM SU FI DR",
    ("POST", "/projects/{project_id}/agency-fee-rules"): "AD PM",
    ("GET", "/projects/{project_id}/agency-fee-statements"): "AD PM SM SU FI DR",
    ("POST", "/projects/{project_id}/agency-fee-statements"): "AD PM SM SU FI",
    ("GET", "/agency-fee-statements/{statement_id}"): "AD PM SM SU FI DR",
    ("GET", "/agency-fee-statements/{statement_id}/lines"): "AD PM SM SU FI DR",
    ("GET", "/agency-fee-statements/{statement_id}/payments"): "AD PM SM SU FI DR",
    ("GET", "/agency-fee-statements/{statement_id}.xlsx"): "AD PM SM SU FI DR",
    ("POST", "/agency-fee-statements/{statement_id}/recompute"): "AD PM SM SU FI",
    ("POST", "/agency-fee-statements/{statement_id}/submit"): "AD PM SM FI",
    ("POST", "/agency-fee-statements/{statement_id}/confirm"): "AD DR",
    ("POST", "/agency-fee-statements/{statement_id}/dispute"): "AD DR",
    ("POST", "/agency-fee-statements/{statement_id}/return"): "AD DR",
    ("POST", "/agency-fee-statements/{statement_id}/invoice"): "AD PM FI",
    ("POST", "/agency-fee-statements/{statement_id}/pay"): "AD FI",
    ("GET", "/projects/{project_id}/reports/commission"): "AD PM SM SU FI",
    ("GET", "/projects/{project_id}/reports/commission.xlsx"): "AD PM SM SU FI",
    ("GET", "/projects/{project_id}/reports/complaints.xlsx"): "AD PM SM SU DR",
    ("GET", "/projects/{project_id}/reports/absorption"): "AD PM SM SU FI DR",
    ("GET", "/projects/{project_id}/reports/absorption.xlsx"): "AD PM SM SU FI DR",
    ("GET", "/projects/{project_id}/reports/receivables-aging"): "AD PM SM SU CO FI",
    ("GET", "/projects/{project_id}/reports/receivables-aging.xlsx"): "AD PM SM SU CO FI",
    # The daily report: every role; a consultant's is their own row, without the project's totals.
    ("GET", "/projects/{project_id}/reports/daily"): "AD PM SM SU CO FI DR",
    ("GET", "/projects/{project_id}/reports/daily.xlsx"): "AD PM SM SU CO FI DR",
    ("POST", "/projects/{project_id}/reports/daily/{date}/confirmations"): "AD PM SM SU",
    ("GET", "/projects/{project_id}/reports/funnel"): "AD PM SM SU CO FI DR",
    ("GET", "/projects/{project_id}/reports/funnel.xlsx"): "AD PM SM SU CO FI DR",
    ("GET", "/projects/{project_id}/reports/output"): "AD PM SM SU FI DR",
    ("GET", "/projects/{project_id}/reports/output.xlsx"): "AD PM SM SU FI DR",
    ("GET", "/projects/{project_id}/reports/summaries/{period}"): "AD PM SM SU FI DR",
    ("GET", "/projects/{project_id}/reports/summaries/{period}.xlsx"): "AD PM SM SU FI DR",
    ("GET", "/projects/{project_id}/reports/summaries/{period}.pdf"): "AD PM SM SU FI DR",
    ("PUT", "/projects/{project_id}/reports/summaries/{period}"): "AD PM SM SU",
    ("POST", "/projects/{project_id}/reports/summaries/{period}/submit"): "AD PM SM SU",
    ("POST", "/projects/{project_id}/reports/summaries/{period}/approve"): "AD PM",
    ("PUT", "/projects/{project_id}/roster"): "AD PM SM SU",
    ("PATCH", "/roster-entries/{roster_entry_id}"): "AD PM SM SU CO",
    ("GET", "/projects/{project_id}/rotation"): "members",
    ("POST", "/projects/{project_id}/rotation/next"): "AD PM SM SU",
    ("GET", "/buildings/{building_id}"): "members",
    ("PATCH", "/buildings/{building_id}"): "AD PM",
    ("DELETE", "/buildings/{building_id}"): "AD PM",
    ("GET", "/units/{unit_id}"): "members",
    ("PATCH", "/units/{unit_id}"): "AD PM",
    ("GET", "/units/{unit_id}/history"): "members",
    ("POST", "/units/{unit_id}/hold"): "AD PM SM",
    ("POST", "/units/{unit_id}/unhold"): "AD PM SM",
    ("POST", "/units/{unit_id}/reservations"): "AD PM SM SU CO",
    ("GET", "/price-lists/{price_list_id}"): "members",
    ("GET", "/price-lists/{price_list_id}/items"): "members",
    ("GET", "/customers/{customer_id}"): "members",
    ("PATCH", "/customers/{customer_id}"): "AD PM SM SU CO",
    ("POST", "/customers/{customer_id}/reassign"): "AD PM SM SU",
    ("POST", "/customers/{customer_id}/claim"): "AD PM SM SU CO",
    ("GET", "/customers/{customer_id}/timeline"): "AD PM SM SU CO",  # a customer's history: the sales line
    ("POST", "/customers/{customer_id}/visits"): "AD PM SM SU CO",
    ("GET", "/customers/{customer_id}/visits"): "AD PM SM SU CO",  # a customer's history: the sales line
    ("POST", "/customers/{customer_id}/calls"): "AD PM SM SU CO",
    ("GET", "/customers/{customer_id}/calls"): "AD PM SM SU CO",  # a customer's history: the sales line
    ("POST", "/customers/{customer_id}/follow-ups"): "AD PM SM SU CO",
    ("GET", "/customers/{customer_id}/follow-ups"): "AD PM SM SU CO",  # a customer's history: the sales line
    ("PATCH", "/follow-ups/{follow_up_id}"): "members",
    ("GET", "/brokers/{broker_id}"): "members",
    ("PATCH", "/brokers/{broker_id}"): "AD PM SM SU",
    ("GET", "/brokers/{broker_id}/agents"): "members",
    ("POST", "/brokers/{broker_id}/agents"): "AD PM SM SU",
    ("GET", "/referrals/{referral_id}"): "members",
    ("GET", "/deals/{deal_id}"): "members",
    ("GET", "/deals/{deal_id}/timeline"): "members",
    ("POST", "/deals/{deal_id}/contract"): "AD PM SM SU CO",
    ("POST", "/deals/{deal_id}/handover"): "AD PM SM SU CO",
    ("POST", "/deals/{deal_id}/cancel"): "AD PM SM SU CO",
    ("POST", "/deals/{deal_id}/change-unit"): "AD PM SM SU CO",
    ("POST", "/deals/{deal_id}/change-buyers"): "AD PM SM SU CO",
    ("GET", "/deals/{deal_id}/schedule"): "members",
    ("POST", "/deals/{deal_id}/schedule"): "AD PM SM SU CO",
    ("POST", "/deals/{deal_id}/payments"): "AD PM SM SU CO FI",
    ("GET", "/deals/{deal_id}/payments"): "members",
    ("POST", "/payments/{payment_id}/reverse"): "AD PM SM SU FI",
    ("POST", "/deals/{deal_id}/collection-notes"): "AD PM SM SU CO FI",
    ("GET", "/deals/{deal_id}/collection-notes"): "members",
    ("GET", "/deals/{deal_id}/mortgage"): "members",
    ("POST", "/deals/{deal_id}/mortgage"): "AD PM SM SU CO FI",
    ("POST", "/deals/{deal_id}/mortgage/stage"): "AD PM SM SU CO FI",
    ("GET", "/deals/{deal_id}/subscription.pdf"): "members",
    # The consultants' commission: the agency's side only (developer reps have no business with pay).
    ("GET", "/projects/{project_id}/commission-plans"): "AD PM SM SU CO FI",
    ("POST", "/projects/{project_id}/commission-plans"): "AD PM SM",
    ("GET", "/deals/{deal_id}/credits"): "AD PM SM SU CO FI",
    ("POST", "/deals/{deal_id}/credits"): "AD PM SM SU CO",
    ("GET", "/projects/{project_id}/rewards-penalties"): "AD PM SM SU CO FI",
    ("POST", "/projects/{project_id}/rewards-penalties"): "AD PM SM SU",
    ("POST", "/projects/{project_id}/commission-statements"): "AD PM SM SU",
    ("GET", "/projects/{project_id}/commission-statements"): "AD PM SM SU CO FI",
    ("GET", "/commission-statements/{commission_statement_id}"): "AD PM SM SU CO FI",
    ("GET", "/commission-statements/{commission_statement_id}/lines"): "AD PM SM SU CO FI",
    ("POST", "/commission-statements/{commission_statement_id}/submit"): "AD PM SM SU",
    ("POST", "/commission-statements/{commission_statement_id}/approve"): "AD PM SM",
    ("POST", "/commission-statements/{commission_statement_id}/pay"): "AD FI",
    # Targets: every member reads (a consultant their own row); the sales line writes drafts; PM approves.
    ("GET", "/projects/{project_id}/targets"): "members",
    ("GET", "/projects/{project_id}/targets.xlsx"): "members",
    ("PUT", "/projects/{project_id}/targets"): "AD PM SM SU",
    ("POST", "/projects/{project_id}/targets/split"): "AD PM SM SU",
    ("POST", "/projects/{project_id}/targets/submit"): "AD PM SM SU",
    ("POST", "/projects/{project_id}/targets/approve"): "AD PM",
    ("POST", "/projects/{project_id}/targets/return"): "AD PM",
    # Campaigns: consultants pick from today's names only (campaign-choices), never budgets or costs.
    ("POST", "/projects/{project_id}/campaigns"): "AD PM SM",
    ("GET", "/projects/{project_id}/campaigns"): "AD PM SM SU FI DR",
    ("GET", "/projects/{project_id}/campaign-choices"): "members",
    ("GET", "/campaigns/{campaign_id}"): "AD PM SM SU FI DR",
    ("PATCH", "/campaigns/{campaign_id}"): "AD PM SM",
    ("GET", "/campaigns/{campaign_id}/costs"): "AD PM SM SU FI DR",
    ("POST", "/campaigns/{campaign_id}/costs"): "AD PM SM",
    ("GET", "/projects/{project_id}/reports/channels"): "AD PM SM SU FI DR",
    ("GET", "/projects/{project_id}/reports/channels.xlsx"): "AD PM SM SU FI DR",
    # The daily close (日清日结): read by all but consultants; built and closed by the site manager and
    # up; countersigned by finance and the developer's rep.
    ("GET", "/projects/{project_id}/closes"): "AD PM SM SU FI DR",
    ("POST", "/projects/{project_id}/closes"): "AD PM SM",
    ("GET", "/projects/{project_id}/closes/{close_id}"): "AD PM SM SU FI DR",
    ("GET", "/projects/{project_id}/closes/{close_id}.xlsx"): "AD PM SM SU FI DR",
    ("POST", "/projects/{project_id}/closes/{close_id}/refresh"): "AD PM SM",
    ("POST", "/projects/{project_id}/closes/{close_id}/close"): "AD PM SM",
    ("POST", "/projects/{project_id}/closes/{close_id}/countersign"): "FI DR",
}
ROLE_CODES = {
    "AD": R.admin,
    "PM": R.project_manager,
    "SM": R.site_manager,
    "SU": R.supervisor,
    "CO": R.consultant,
    "FI": R.finance,
    "DR": R.developer_rep,
}

# Codes of a 404 for a part of an entity that does not exist yet, not for the entity itself.
NOT_THERE_YET = {"mortgage_not_found"}

# Declared and checked for the roles it refuses, but not called for those it allows: the response
# never ends (server-sent events).
STREAMS = {("GET", "/projects/{project_id}/board/events")}

# Which roles read the seeded objects that a row rule limits (the acting consultant made them); the
# others get 404 from entity_role before their role is looked at.
READERS = {
    "reservation_id": frozenset(SUPERVISORS_AND_ABOVE | {R.consultant}),  # its consultant, supervisors up
    "follow_up_id": frozenset(
        SUPERVISORS_AND_ABOVE | {R.consultant}
    ),  # its assignee and owner, supervisors up
    # A minor complaint with no money: who filed it and the sales line from supervisor up.
    "complaint_id": frozenset(SUPERVISORS_AND_ABOVE | {R.consultant}),
    # A consultant's commission statement: theirs, and supervisors and up and finance (not developer reps).
    "commission_statement_id": frozenset(SUPERVISORS_AND_ABOVE | {R.consultant, R.finance}),
    # A customer: its owner, and every other role of the project (finance and developer reps masked).
    # A deal and its payments: its consultant, and every other role of the project.
}


@dataclass(frozen=True)
class Declared:
    """Who a route lets in: `roles` of the project (empty: any member), org `admin`s, or any `user`."""

    kind: str  # "roles" | "admin" | "user"
    roles: frozenset[ProjectRole] = frozenset()

    def allows(self, role: ProjectRole) -> bool:
        if self.kind == "admin":
            return role is R.admin  # the seeded admin is the organization's admin
        return self.kind == "user" or not self.roles or role in self.roles


def _from_matrix(entry: str) -> Declared:
    if entry in ("user", "admin"):
        return Declared(entry)
    if entry == "members":
        return Declared("roles")
    return Declared("roles", frozenset(ROLE_CODES[code] for code in entry.split()))


def _calls(dependant: Dependant) -> list[Callable[..., Any]]:
    out: list[Callable[..., Any]] = []
    for sub in dependant.dependencies:
        if sub.call is not None:
            out.append(sub.call)
        out.extend(_calls(sub))
    return out


def declared(path: str, route: APIRoute) -> Declared | None:
    """The access `route` declares, or None when it declares none."""
    calls = _calls(route.dependant)
    role_sets = [c.allowed_roles for c in calls if hasattr(c, "allowed_roles")]
    if role_sets:
        assert len(role_sets) == 1, f"{path}: more than one project_role/entity_role"
        return Declared("roles", frozenset(role_sets[0]))
    if access._require_admin in calls:
        return Declared("admin")
    params = set(re.findall(r"{(\w+)}", path))
    if access.get_principal in calls and params <= ORGANIZATION_WIDE_PARAMS:
        return Declared("user")
    return None


def _operations(app: Any) -> list[tuple[str, str, APIRoute]]:
    return [
        (method, full_path.removeprefix("/api/v1"), route)
        for full_path, route in api_routes(app)
        for method in sorted(route.methods - {"HEAD"})
    ]


class TestDeclarations:
    def test_every_route_declares_who_may_call_it(self, app: Any) -> None:
        undeclared, differ = [], []
        for method, path, route in _operations(app):
            key = (method, path)
            if key in PUBLIC:
                continue
            found = declared(path, route)
            if found is None:
                undeclared.append(f"{method} {path}")
            if found is not None and (key not in MATRIX or _from_matrix(MATRIX[key]) != found):
                differ.append(f"{method} {path}: declares {found}, the matrix says {MATRIX.get(key)}")
        assert not undeclared, (
            "routes declaring no access (project_role, entity_role, AdminPrincipal; CurrentPrincipal "
            f"alone only for organization-wide routes): {undeclared}"
        )
        assert not differ, "declarations and MATRIX disagree:\n" + "\n".join(differ)

    def test_the_allowlists_name_real_routes(self, app: Any) -> None:
        routes = {(method, path) for method, path, _ in _operations(app)}
        for listed in (PUBLIC.keys(), STREAMS, MATRIX.keys()):
            assert set(listed) <= routes, set(listed) - routes


@dataclass
class OrgA:
    ids: dict[str, Any]  # ids, and a day for `{date}`
    users: dict[ProjectRole, Any]
    per_role: dict[ProjectRole, dict[str, uuid.UUID]]  # ids that differ by the calling role
    colleague: dict[str, uuid.UUID]  # objects another consultant made


async def _seed_key(session: AsyncSession, admin: Any) -> uuid.UUID:
    key = ApiKey(
        organization_id=admin.organization_id,
        name="CRM",
        prefix="ak_seeded0",
        secret_digest=token_digest(new_api_key_secret()),
        scopes=["deals:read"],
        created_by=admin.id,
    )
    session.add(key)
    await session.flush()
    return key.id


async def _seed(session: AsyncSession) -> OrgA:
    org = await f.create_organization(session, name="Org A")
    developer = await f.create_developer(session, organization=org)
    project = await f.create_project(session, organization=org, developer=developer)
    users = {}
    for role in ROLES:
        users[role], _ = await f.create_member(session, project=project, role=role, is_admin=role is R.admin)
    me = users[R.consultant]
    colleague = await f.create_user(session, organization=org)
    member = await f.add_member(session, project=project, user=colleague, role=R.consultant)
    their_customer = await cf.create_customer(session, project=project, owner=colleague)
    their_follow_up = await cf.create_follow_up(session, customer=their_customer, assignee=colleague)
    customer = await cf.create_customer(session, project=project, owner=me)
    follow_up = await cf.create_follow_up(session, customer=customer, assignee=me)
    broker = await cf.create_broker(session, project=project)
    referral = await cf.create_referral(session, broker=broker)
    roster_entry = await cf.create_roster_entry(
        session, project=project, user=me, position=1, work_date=cf.today()
    )
    building = await inv.create_building(session, project=project)
    unit = await inv.create_unit(session, building=building, position=1)
    reservation = await inv.create_reservation(
        session, unit=await inv.create_unit(session, building=building, position=2), consultant=me
    )
    theirs = await inv.create_reservation(
        session, unit=await inv.create_unit(session, building=building, position=3), consultant=colleague
    )
    price_list = await inv.create_price_list(session, project=project)
    sold = await inv.create_unit(session, building=building, position=4)
    deal = await df.create_deal(session, unit=sold, customers=[customer], consultant=me)
    payment = await df.create_payment(session, deal=deal, amount=deal.deposit, by=me)
    their_unit = await inv.create_unit(session, building=building, position=5)
    their_deal = await df.create_deal(
        session, unit=their_unit, customers=[their_customer], consultant=colleague
    )
    their_payment = await df.create_payment(session, deal=their_deal, amount=their_deal.deposit, by=colleague)
    # One request per role, each needing that role, so each role's decision is within its authority.
    approvals = {
        role: (await inv.create_approval(session, project=project, requested_by=me, required_role=role)).id
        for role in ROLES
    }
    their_approval = await inv.create_approval(
        session, project=project, requested_by=colleague, required_role=R.supervisor
    )
    complaint = await cpf.create_complaint(session, project=project, filed_by=me, customer_id=customer.id)
    their_complaint = await cpf.create_complaint(
        session, project=project, filed_by=colleague, customer_id=their_customer.id
    )
    agency_statement = await cmf.create_statement(session, project=project)
    statement = await _commission_statement(session, project=project, consultant=me)
    their_statement = await _commission_statement(session, project=project, consultant=colleague)
    campaign = await cpg.create_campaign(session, project=project)
    webhook = await itg.create_webhook(session, organization=org)
    delivery = await itg.create_delivery(session, endpoint=webhook)
    close = await clf.create_close(session, project=project, day=cf.today() - timedelta(days=1))
    ids: dict[str, Any] = {
        "webhook_id": webhook.id,
        "delivery_id": delivery.id,
        "campaign_id": campaign.id,
        "close_id": close.id,
        "date": cf.today() - timedelta(days=1),
        "period": f"{cf.today().replace(day=1) - timedelta(days=1):%Y-%m}",  # last month's summary
        "organization_id": org.id,
        "developer_id": developer.id,
        "key_id": await _seed_key(session, users[R.admin]),
        "project_id": project.id,
        "complaint_id": complaint.id,
        "statement_id": agency_statement.id,
        "user_id": colleague.id,
        "member_id": member.id,
        "customer_id": customer.id,
        "follow_up_id": follow_up.id,
        "broker_id": broker.id,
        "referral_id": referral.id,
        "roster_entry_id": roster_entry.id,
        "building_id": building.id,
        "unit_id": unit.id,
        "reservation_id": reservation.id,
        "price_list_id": price_list.id,
        "deal_id": deal.id,
        "payment_id": payment.id,
        "commission_statement_id": statement.id,
    }
    return OrgA(
        ids=ids,
        users=users,
        per_role={role: {"approval_id": approvals[role]} for role in ROLES},
        colleague={
            "reservation_id": theirs.id,
            "approval_id": their_approval.id,
            "customer_id": their_customer.id,
            "follow_up_id": their_follow_up.id,
            "deal_id": their_deal.id,
            "payment_id": their_payment.id,
            "complaint_id": their_complaint.id,
            "commission_statement_id": their_statement.id,
        },
    )


async def _commission_statement(session: AsyncSession, *, project: Any, consultant: Any) -> Any:
    """A consultant's draft commission statement of last month, with no lines."""
    statement = CommissionStatement(
        organization_id=project.organization_id,
        project_id=project.id,
        consultant_id=consultant.id,
        month=date(2026, 11, 1),
        status=CommissionStatementStatus.draft,
        total=Decimal("0.00"),
        computed_at=datetime.now(UTC),
    )
    session.add(statement)
    await session.flush()
    return statement


def _fill(path: str, ids: dict[str, Any]) -> str:
    params = re.findall(r"{(\w+)}", path)
    missing = [p for p in params if p not in ids]
    assert not missing, f"{path}: seed an object of organization A for {missing} in _seed"
    for param in params:
        path = path.replace(f"{{{param}}}", str(ids[param]))
    return path


def _expected(path: str, found: Declared, role: ProjectRole) -> str:
    params = re.findall(r"{(\w+)}", path)
    if found.kind == "roles" and any(role not in READERS.get(p, frozenset(ROLES)) for p in params):
        return "hidden"
    return "allowed" if found.allows(role) else "forbidden"


class TestRoleMatrix:
    async def test_every_role_gets_what_the_route_declares(
        self, app: Any, client: AsyncClient, session: AsyncSession, connection: AsyncConnection
    ) -> None:
        a = await _seed(session)

        async def call(method: str, path: str, role: ProjectRole) -> Any:
            savepoint = await connection.begin_nested()
            try:
                # A login of its own per call: a logout ends the login that calls it.
                headers = f.auth_headers(a.users[role])
                return await client.request(method, path, headers=headers, json={})
            finally:
                await savepoint.rollback()

        wrong, checked = [], 0
        refused: set[tuple[str, str]] = set()
        unprocessable: set[tuple[str, str]] = set()
        for method, path, _ in _operations(app):
            if (method, path) not in MATRIX:
                continue  # public, or not yet declared (the first test fails for any other route)
            found = _from_matrix(MATRIX[(method, path)])
            for role in ROLES:
                expected = _expected(path, found, role)
                if (method, path) in STREAMS and expected == "allowed":
                    continue
                response = await call(method, _fill(path, {**a.ids, **a.per_role[role]}), role)
                checked += 1
                status = response.status_code
                # A 404 of a thing not there yet (the deal has no mortgage) means the caller got past
                # authorization; a 404 of the path's own entity means a row rule hid it.
                missing_part = status == 404 and response.json()["code"] in NOT_THERE_YET
                ok = {
                    "forbidden": status == 403,
                    "hidden": status == 404 and not missing_part,
                    "allowed": (status not in (403, 404) or missing_part) and status < 500,
                }[expected]
                if status == 403:
                    refused.add((method, path))
                if status == 422:
                    unprocessable.add((method, path))
                if not ok:
                    wrong.append(f"{method} {path} as {role.value}: {status}, expected {expected}")
        assert not wrong, "\n".join(wrong)
        assert checked >= 300
        # The empty body is invalid for these, yet the refused roles got 403, not 422: authorization
        # (the dependencies) ran before body validation, so an allowed role's 422 means it passed.
        assert len(refused & unprocessable) >= 5, refused & unprocessable

    async def test_a_consultant_acting_on_a_colleagues_objects_finds_nothing(
        self, app: Any, client: AsyncClient, session: AsyncSession
    ) -> None:
        a = await _seed(session)
        ids = {**a.ids, **a.colleague}
        walked = []
        for method, path, _ in _operations(app):
            params = set(re.findall(r"{(\w+)}", path))
            if not params & a.colleague.keys() or (method, path) not in MATRIX:
                continue
            response = await client.request(
                method, _fill(path, ids), headers=f.auth_headers(a.users[R.consultant]), json={}
            )
            assert response.status_code == 404, (
                f"{method} {path}: {response.status_code} {response.text[:200]}"
            )
            walked.append((method, path))
        # A reservation, an approval request, a customer, a follow-up, a deal and a payment, and what is
        # done to each: every route naming one of them.
        assert len(walked) >= 30, walked
        # Supervisors read each of them.
        reads = {
            "reservation_id": "/reservations/{id}",
            "approval_id": "/approvals/{id}",
            "customer_id": "/customers/{id}",
            "deal_id": "/deals/{id}",
        }
        supervisor = f.auth_headers(a.users[R.supervisor])
        for key, path in reads.items():
            response = await client.get(path.format(id=a.colleague[key]), headers=supervisor)
            assert response.status_code == 200, key
