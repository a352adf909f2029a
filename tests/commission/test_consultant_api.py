"""The consultants' commission over the API: grades, plans and their approval, deal credits, rewards and
penalties, and monthly statements — computed, recomputed idempotently, submitted, approved, paid and
locked; a consultant sees only their own; a cancelled settled deal is clawed back next month."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from anchang.core.membership import ProjectMember
from anchang.deals.models import DealStatus
from tests.counting import statements_of_get as statements_of
from tests.deals import factories as df
from tests.deals.conftest import Office, office

__all__ = ["office"]

PLAN = {
    "effective_from": "2020-01-01",
    "rates": {"trainee": "0.10", "junior": "0.15", "mid": "0.20", "senior": "0.30"},
    "fixed_amounts": {"parking": "500.00"},
    "supervisor_override": "0.05",
    "stages": [
        {"name": "签约", "share": "50", "condition": "contracted"},
        {"name": "回款", "share": "50", "condition": "fully_paid_or_loan"},
    ],
}


async def _member_id(session: AsyncSession, office: Office, who: str) -> Any:
    return await session.scalar(
        select(ProjectMember.id).where(
            ProjectMember.project_id == office.project.id, ProjectMember.user_id == office.users[who].id
        )
    )


async def _approve(client: AsyncClient, office: Office, approval_id: str, who: str) -> None:
    response = await client.post(f"/approvals/{approval_id}/approve", json={}, headers=office.h(who))
    assert response.status_code == 200, response.text


async def _plan(client: AsyncClient, office: Office) -> dict[str, Any]:
    response = await client.post(
        f"{office.base}/commission-plans", json=PLAN, headers=office.h("project_manager")
    )
    assert response.status_code == 201, response.text
    plan: dict[str, Any] = response.json()
    await _approve(client, office, plan["approval_id"], "project_manager")
    return plan


async def _sold(session: AsyncSession, office: Office, n: int = 0) -> Any:
    """A contracted deal of the consultant's, paid in full an hour ago; and the month it is in."""
    deal = await df.create_deal(
        session,
        unit=office.units[n],
        customers=[office.customers[0]],
        consultant=office.users["consultant"],
        status=DealStatus.contracted,
    )
    deal.contracted_at = datetime.now(UTC) - timedelta(hours=1)
    await session.flush()
    await df.create_payment(session, deal=deal, amount=deal.final_price)
    day = deal.contracted_at.astimezone(ZoneInfo(office.project.timezone)).date()
    return deal, f"{day:%Y-%m}"


async def _grade(client: AsyncClient, session: AsyncSession, office: Office, who: str, grade: Any) -> Any:
    member_id = await _member_id(session, office, who)
    return await client.patch(
        f"{office.base}/members/{member_id}", json={"grade": grade}, headers=office.h("project_manager")
    )


class TestGradesAndPlans:
    async def test_a_project_manager_grades_a_consultant(
        self, client: AsyncClient, session: AsyncSession, office: Office
    ) -> None:
        response = await _grade(client, session, office, "consultant", "senior")
        assert response.status_code == 200, response.text
        assert response.json()["grade"] == "senior" and response.json()["role"] == "consultant"
        listed = (await client.get(f"{office.base}/members", headers=office.h("consultant"))).json()["items"]
        assert {m["user_id"]: m["grade"] for m in listed}[str(office.users["consultant"].id)] == "senior"
        assert (await _grade(client, session, office, "consultant", "expert")).status_code == 422
        assert (await _grade(client, session, office, "consultant", None)).json()["grade"] is None

    async def test_a_plan_is_proposed_then_approved_by_a_project_manager(
        self, client: AsyncClient, office: Office
    ) -> None:
        response = await client.post(
            f"{office.base}/commission-plans", json=PLAN, headers=office.h("site_manager")
        )
        assert response.status_code == 201, response.text
        plan = response.json()
        assert plan["status"] == "proposed" and plan["number"] == 1
        assert plan["rates"]["junior"] == "0.1500" and plan["fixed_amounts"] == {"parking": "500.00"}
        approval = (
            await client.get(f"/approvals/{plan['approval_id']}", headers=office.h("site_manager"))
        ).json()
        assert approval["kind"] == "commission_plan" and approval["required_role"] == "project_manager"
        refused = await client.post(
            f"/approvals/{plan['approval_id']}/approve", json={}, headers=office.h("site_manager")
        )
        assert refused.status_code == 403
        await _approve(client, office, plan["approval_id"], "project_manager")
        listed = (await client.get(f"{office.base}/commission-plans", headers=office.h("consultant"))).json()
        assert [p["status"] for p in listed["items"]] == ["approved"]

    async def test_bad_plans_are_refused_naming_the_field(self, client: AsyncClient, office: Office) -> None:
        pm = office.h("project_manager")
        too_high = {**PLAN, "rates": {**PLAN["rates"], "mid": "10.5"}}
        response = await client.post(f"{office.base}/commission-plans", json=too_high, headers=pm)
        assert response.status_code == 422
        assert any("rates" in e["field"] and "mid" in e["field"] for e in response.json()["errors"])
        stages = [{**PLAN["stages"][0], "share": "60"}, {**PLAN["stages"][1], "share": "30"}]
        response = await client.post(
            f"{office.base}/commission-plans", json={**PLAN, "stages": stages}, headers=pm
        )
        assert response.status_code == 422
        assert [e["field"] for e in response.json()["errors"]] == ["stages"]
        refused = await client.post(
            f"{office.base}/commission-plans", json=PLAN, headers=office.h("supervisor")
        )
        assert refused.status_code == 403


class TestCredits:
    async def test_credits_default_to_the_consultant_and_change_by_approval(
        self, client: AsyncClient, session: AsyncSession, office: Office
    ) -> None:
        deal, _ = await _sold(session, office)
        me, other = office.users["consultant"], office.users["consultant2"]
        url = f"/deals/{deal.id}/credits"
        shown = (await client.get(url, headers=office.h("consultant"))).json()
        assert shown["default"] is True
        assert shown["credits"] == [
            {"consultant_id": str(me.id), "consultant_name": me.full_name, "share": "100.00"}
        ]
        bad = [{"consultant_id": str(me.id), "share": "50"}, {"consultant_id": str(other.id), "share": "40"}]
        response = await client.post(url, json={"credits": bad}, headers=office.h("supervisor"))
        assert response.status_code == 422 and response.json()["errors"][0]["field"] == "credits"
        stranger = [{"consultant_id": str(office.users["supervisor"].id), "share": "100"}]
        response = await client.post(url, json={"credits": stranger}, headers=office.h("supervisor"))
        assert response.status_code == 422 and response.json()["errors"][0]["field"] == "credits"
        good = [{"consultant_id": str(me.id), "share": "60"}, {"consultant_id": str(other.id), "share": "40"}]
        response = await client.post(url, json={"credits": good}, headers=office.h("consultant"))
        assert response.status_code == 201, response.text
        pending = response.json()
        assert pending["default"] is True and len(pending["pending"]) == 2
        # Read on the lean path, the deal's credits show just as the write answered them.
        assert (await client.get(url, headers=office.h("supervisor"))).json() == pending
        again = await client.post(url, json={"credits": good}, headers=office.h("supervisor"))
        assert again.status_code == 409 and again.json()["code"] == "approval_already_pending"
        # The colleague does not see a deal they did not sell (and share only once approved).
        assert (await client.get(url, headers=office.h("consultant2"))).status_code == 404
        await _approve(client, office, pending["pending_approval_id"], "site_manager")
        shown = (await client.get(url, headers=office.h("supervisor"))).json()
        assert shown["default"] is False and shown["pending"] is None
        assert {c["share"] for c in shown["credits"]} == {"60.00", "40.00"}
        assert {c["consultant_name"] for c in shown["credits"]} == {me.full_name, other.full_name}

    async def test_a_deals_credits_are_one_statement_whatever_their_number(
        self,
        client: AsyncClient,
        session: AsyncSession,
        office: Office,
        connection: AsyncConnection,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        deal, _ = await _sold(session, office)
        url = f"/deals/{deal.id}/credits"
        alone = await statements_of(client, connection, monkeypatch, url, office.h("supervisor"))
        me, other = office.users["consultant"], office.users["consultant2"]
        shares = [
            {"consultant_id": str(me.id), "share": "55"},
            {"consultant_id": str(other.id), "share": "45"},
        ]
        response = await client.post(url, json={"credits": shares}, headers=office.h("supervisor"))
        assert response.status_code == 201, response.text
        shared = await statements_of(client, connection, monkeypatch, url, office.h("supervisor"))
        # The deal with the caller's access to its project, then its credits with their names.
        assert len(alone) == len(shared) == 2, shared


class TestRewardsPenalties:
    async def test_a_penalty_is_proposed_and_approved_and_bad_ones_refused(
        self, client: AsyncClient, office: Office
    ) -> None:
        url = f"{office.base}/rewards-penalties"
        body = {
            "consultant_id": str(office.users["consultant"].id),
            "month": "2026-11",
            "amount": "-200.00",
            "category": "lateness",
            "reason": "迟到三次",
        }
        response = await client.post(url, json=body, headers=office.h("supervisor"))
        assert response.status_code == 201, response.text
        entry = response.json()
        assert entry["status"] == "proposed" and entry["month"] == "2026-11" and entry["amount"] == "-200.00"
        await _approve(client, office, entry["approval_id"], "site_manager")
        mine = (await client.get(url, headers=office.h("consultant"))).json()["items"]
        assert [(e["id"], e["status"]) for e in mine] == [(entry["id"], "approved")]
        assert (await client.get(url, headers=office.h("consultant2"))).json()["items"] == []
        for field, value in (("amount", "0.00"), ("month", "2026-13"), ("category", "mood")):
            response = await client.post(url, json={**body, field: value}, headers=office.h("supervisor"))
            assert response.status_code == 422, field
            assert any(field in e["field"] for e in response.json()["errors"]), response.json()
        stranger = {**body, "consultant_id": str(office.users["finance"].id)}
        response = await client.post(url, json=stranger, headers=office.h("supervisor"))
        assert response.status_code == 422 and response.json()["errors"][0]["field"] == "consultant_id"
        assert (await client.post(url, json=body, headers=office.h("consultant"))).status_code == 403


class TestStatements:
    async def test_a_month_from_plan_to_payment_and_the_clawback_next_month(
        self, client: AsyncClient, session: AsyncSession, office: Office
    ) -> None:
        await _plan(client, office)
        assert (await _grade(client, session, office, "consultant", "junior")).status_code == 200
        assert (await _grade(client, session, office, "consultant2", "junior")).status_code == 200
        deal, month = await _sold(session, office)  # 1,000,000.00 at 0.15 % → 1,500.00
        me, other = office.users["consultant"], office.users["consultant2"]
        credits = [
            {"consultant_id": str(me.id), "share": "60"},
            {"consultant_id": str(other.id), "share": "40"},
        ]
        pending = (
            await client.post(
                f"/deals/{deal.id}/credits", json={"credits": credits}, headers=office.h("supervisor")
            )
        ).json()
        await _approve(client, office, pending["pending_approval_id"], "site_manager")
        penalty = {
            "consultant_id": str(me.id),
            "month": month,
            "amount": "-200.00",
            "category": "lateness",
            "reason": "迟到",
        }
        entry = (
            await client.post(
                f"{office.base}/rewards-penalties", json=penalty, headers=office.h("supervisor")
            )
        ).json()
        await _approve(client, office, entry["approval_id"], "site_manager")

        url = f"{office.base}/commission-statements"
        computed = await client.post(url, json={"month": month}, headers=office.h("supervisor"))
        assert computed.status_code == 200, computed.text
        totals = {s["consultant_id"]: s["total"] for s in computed.json()["statements"]}
        sup = office.users["supervisor"]
        assert totals == {str(me.id): "700.00", str(other.id): "600.00", str(sup.id): "500.00"}
        again = await client.post(url, json={"month": month}, headers=office.h("site_manager"))
        assert {s["id"]: s["total"] for s in again.json()["statements"]} == {
            s["id"]: s["total"] for s in computed.json()["statements"]
        }

        mine = (await client.get(f"{url}?month={month}", headers=office.h("consultant"))).json()["items"]
        assert [s["consultant_id"] for s in mine] == [str(me.id)]
        statement = mine[0]
        theirs = next(s for s in computed.json()["statements"] if s["consultant_id"] == str(other.id))
        assert (
            await client.get(f"/commission-statements/{theirs['id']}", headers=office.h("consultant"))
        ).status_code == 404
        assert (
            await client.get(f"/commission-statements/{theirs['id']}/lines", headers=office.h("consultant"))
        ).status_code == 404
        shown = (
            await client.get(f"/commission-statements/{statement['id']}", headers=office.h("consultant"))
        ).json()
        assert shown["total"] == "700.00" and shown["status"] == "draft" and shown["grade"] == "junior"
        assert shown["allowed_actions"] == []  # the consultant reads it; supervisors and up move it
        assert statement["allowed_actions"] == []
        as_supervisor = await client.get(
            f"/commission-statements/{statement['id']}", headers=office.h("supervisor")
        )
        assert as_supervisor.json()["allowed_actions"] == ["submit"]
        first = (
            await client.get(
                f"/commission-statements/{statement['id']}/lines?limit=2", headers=office.h("consultant")
            )
        ).json()
        assert len(first["items"]) == 2 and first["next_cursor"]
        rest = (
            await client.get(
                f"/commission-statements/{statement['id']}/lines?limit=2&cursor={first['next_cursor']}",
                headers=office.h("consultant"),
            )
        ).json()
        lines = first["items"] + rest["items"]
        assert [(li["kind"], li["amount"]) for li in lines] == [
            ("earned", "450.00"),
            ("earned", "450.00"),
            ("penalty", "-200.00"),
        ]
        assert sum(Decimal(li["amount"]) for li in lines) == Decimal(shown["total"])

        sid = statement["id"]
        act = lambda what, who: client.post(f"/commission-statements/{sid}/{what}", headers=office.h(who))  # noqa: E731
        early = await act("approve", "site_manager")
        assert early.status_code == 409 and early.json()["code"] == "statement_status_conflict"
        assert (await act("submit", "consultant")).status_code == 403
        submitted = (await act("submit", "supervisor")).json()
        assert submitted["status"] == "submitted" and submitted["allowed_actions"] == []
        assert (await act("approve", "supervisor")).status_code == 403
        approved = (await act("approve", "site_manager")).json()
        assert approved["status"] == "approved" and approved["allowed_actions"] == []  # finance pays it
        for what, who in (("submit", "supervisor"), ("approve", "project_manager")):
            locked = await act(what, who)
            assert locked.status_code == 409 and locked.json()["code"] == "statement_locked", what
        recomputed = await client.post(url, json={"month": month}, headers=office.h("supervisor"))
        assert str(me.id) not in {s["consultant_id"] for s in recomputed.json()["statements"]}
        assert (await act("pay", "site_manager")).status_code == 403
        assert (await act("pay", "finance")).json()["status"] == "paid"
        assert (await act("pay", "finance")).json()["code"] == "statement_locked"

        # The deal is cancelled (退房) after it was settled: next month claws back what was paid.
        deal.status, deal.cancelled_at = DealStatus.cancelled, datetime.now(UTC)
        await session.flush()
        year, number = int(month[:4]), int(month[5:])
        following = f"{year + number // 12}-{number % 12 + 1:02d}"
        nxt = (await client.post(url, json={"month": following}, headers=office.h("supervisor"))).json()
        mine = next(s for s in nxt["statements"] if s["consultant_id"] == str(me.id))
        assert mine["total"] == "-900.00"
        lines = (
            await client.get(f"/commission-statements/{mine['id']}/lines", headers=office.h("consultant"))
        ).json()
        assert {(li["kind"], li["amount"]) for li in lines["items"]} == {("clawback", "-450.00")}
        # Corrections go forward: the month before cannot be computed again once a later one is settled.
        nxt_id = mine["id"]
        await client.post(f"/commission-statements/{nxt_id}/submit", headers=office.h("supervisor"))
        refused = await client.post(url, json={"month": month}, headers=office.h("supervisor"))
        assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "month"

    async def test_recomputing_rewrites_the_drafts_that_changed_and_keeps_the_others(
        self, client: AsyncClient, session: AsyncSession, office: Office
    ) -> None:
        await _plan(client, office)
        _deal, month = await _sold(session, office)
        url = f"{office.base}/commission-statements"

        async def lines() -> dict[str, list[dict[str, Any]]]:
            computed = await client.post(url, json={"month": month}, headers=office.h("supervisor"))
            assert computed.status_code == 200, computed.text
            out = {}
            for s in computed.json()["statements"]:
                page = await client.get(
                    f"/commission-statements/{s['id']}/lines", headers=office.h("supervisor")
                )
                out[s["consultant_id"]] = page.json()["items"]
                assert s["line_count"] == len(out[s["consultant_id"]])
            return out

        first = await lines()
        me, sup = str(office.users["consultant"].id), str(office.users["supervisor"].id)
        assert [line["amount"] for line in first[me]] == ["500.00", "500.00"]  # 0.10 % of 1,000,000.00
        assert [line["seq"] for line in first[me]] == [1, 2] and len(first[sup]) == 2
        assert await lines() == first  # nothing changed: the very same lines, ids and all

        reward = {"consultant_id": me, "month": month, "amount": "300.00", "category": "top_seller"}
        entry = (
            await client.post(
                f"{office.base}/rewards-penalties",
                json={**reward, "reason": "销冠"},
                headers=office.h("supervisor"),
            )
        ).json()
        await _approve(client, office, entry["approval_id"], "site_manager")
        second = await lines()
        assert second[sup] == first[sup]
        assert [(line["seq"], line["kind"], line["amount"]) for line in second[me]] == [
            (1, "earned", "500.00"),
            (2, "earned", "500.00"),
            (3, "reward", "300.00"),
        ]
        assert {line["id"] for line in second[me]}.isdisjoint(line["id"] for line in first[me])

    async def test_bad_months_and_roles(self, client: AsyncClient, office: Office) -> None:
        url = f"{office.base}/commission-statements"
        for bad in ("2026-13", "2026/11", "", None):
            response = await client.post(url, json={"month": bad}, headers=office.h("supervisor"))
            assert response.status_code == 422 and response.json()["errors"][0]["field"].endswith("month")
        assert (
            await client.post(url, json={"month": "2026-11"}, headers=office.h("consultant"))
        ).status_code == 403
        assert (await client.get(url, headers=office.h("developer_rep"))).status_code == 403
        empty = await client.post(url, json={"month": "2026-11"}, headers=office.h("supervisor"))
        # No plan yet: every consultant still gets a statement of the month, with nothing on it.
        assert {s["total"] for s in empty.json()["statements"]} == {"0.00"}
        assert len(empty.json()["statements"]) == 2
