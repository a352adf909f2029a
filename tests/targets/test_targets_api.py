"""Targets through the API: a month's plan with its mismatches, edits, the equal split, submission,
approval and return, immutability, bad input, and what each role reads."""

import io
import uuid
from decimal import Decimal
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.security import Principal
from anchang.targets import service as targets
from tests.targets.conftest import Office, figures, first_of, put_plan

pytestmark = pytest.mark.asyncio


def _plan_body(office: Office) -> dict[str, Any]:
    return {
        "project": figures(units_subscribed=10, amount_contracted="1000000.00", broker_referrals=12),
        "teams": [
            {
                "supervisor_id": office.id("supervisor"),
                **figures(units_subscribed=6, amount_contracted="600000.00"),
            },
            {
                "supervisor_id": office.id("supervisor2"),
                **figures(units_subscribed=3, amount_contracted="300000.00"),
            },
        ],
        "consultants": [
            {
                "user_id": office.id("consultant"),
                **figures(units_subscribed=3, amount_contracted="350000.00"),
            },
            {
                "user_id": office.id("consultant2"),
                **figures(units_subscribed=2, amount_contracted="250000.00"),
            },
            {
                "user_id": office.id("consultant3"),
                **figures(units_subscribed=3, amount_contracted="300000.50"),
            },
        ],
    }


async def test_a_month_never_saved_reads_as_its_defaults(client: AsyncClient, office: Office) -> None:
    response = await client.get(office.path, headers=office.headers["supervisor"])
    assert response.status_code == 200, response.text
    plan = response.json()
    assert plan["kind"] == "plan" and plan["stored"] is False and plan["status"] == "draft"
    assert plan["version"] == 0 and response.headers["ETag"] == '"v0"'
    assert plan["allowed_actions"] == ["edit", "split", "submit"]
    assert len(plan["consultants"]) == 3 and {c["broker_referrals"] for c in plan["consultants"]} == {4}
    assert plan["project"]["broker_referrals"] == 12
    by_team = {t["supervisor_id"]: t["broker_referrals"] for t in plan["teams"]}
    assert by_team == {office.id("supervisor"): 8, office.id("supervisor2"): 4}
    assert set(plan["mismatch"]["consultants"].values()) <= {0, "0.00"}


async def test_mismatches_show_the_parts_less_the_whole(
    client: AsyncClient, office: Office, next_month_str: str
) -> None:
    response = await put_plan(client, office, next_month_str, _plan_body(office))
    assert response.status_code == 200, response.text
    plan = response.json()
    assert plan["stored"] is True and response.headers["ETag"] == f'"v{plan["version"]}"'
    assert plan["mismatch"]["teams"]["units_subscribed"] == -1
    assert plan["mismatch"]["teams"]["amount_contracted"] == "-100000.00"
    assert plan["mismatch"]["consultants"]["units_subscribed"] == -2
    assert plan["mismatch"]["consultants"]["amount_contracted"] == "-99999.50"
    assert plan["mismatch"]["consultants"]["broker_referrals"] == -12
    teams = {t["supervisor_id"]: t["mismatch"] for t in plan["teams"]}
    assert teams[office.id("supervisor")]["units_subscribed"] == -1
    assert teams[office.id("supervisor")]["amount_contracted"] == "0.00"
    assert teams[office.id("supervisor2")]["amount_contracted"] == "0.50"
    again = await client.get(
        f"{office.path}?month={next_month_str}", headers=office.headers["project_manager"]
    )
    assert again.json()["mismatch"] == plan["mismatch"]


async def test_an_edit_against_a_stale_etag_is_refused(
    client: AsyncClient, office: Office, next_month_str: str
) -> None:
    first = await put_plan(client, office, next_month_str, _plan_body(office), etag='"v0"')
    assert first.status_code == 200, first.text
    stale = await put_plan(client, office, next_month_str, _plan_body(office), etag='"v0"')
    assert stale.status_code == 412
    fresh = await put_plan(client, office, next_month_str, _plan_body(office), etag=first.headers["ETag"])
    assert fresh.status_code == 200


@pytest.mark.parametrize(
    ("where", "value", "field"),
    [
        ("project", {"units_subscribed": -1}, "project.units_subscribed"),
        ("project", {"amount_collected": "-0.01"}, "project.amount_collected"),
        ("consultant", {"first_visits": -3}, "consultants.0.first_visits"),
        ("consultant", {"broker_referrals": 1.5}, "consultants.0.broker_referrals"),
        ("consultant", {"amount_subscribed": 100}, "consultants.0.amount_subscribed"),
    ],
)
async def test_negative_and_malformed_figures_are_refused_by_name(
    client: AsyncClient, office: Office, next_month_str: str, where: str, value: dict[str, Any], field: str
) -> None:
    body = _plan_body(office)
    target = body["project"] if where == "project" else body["consultants"][0]
    target.update(value)
    response = await put_plan(client, office, next_month_str, body)
    assert response.status_code == 422
    assert field in [e["field"] for e in response.json()["errors"]]


async def test_rows_must_name_members_of_the_right_role(
    client: AsyncClient, office: Office, next_month_str: str
) -> None:
    body = _plan_body(office)
    body["consultants"][1]["user_id"] = office.id("supervisor")
    response = await put_plan(client, office, next_month_str, body)
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "consultants.1.user_id"
    body = _plan_body(office)
    body["teams"][0]["supervisor_id"] = str(uuid.uuid4())
    response = await put_plan(client, office, next_month_str, body)
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "teams.0.supervisor_id"
    body = _plan_body(office)
    body["consultants"].append(body["consultants"][0])
    response = await put_plan(client, office, next_month_str, body)
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "consultants.3.user_id"


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("month=2026-13", "month"),
        ("month=1900-01", "month"),
        ("month=2026-1", "month"),
        ("period=week", "start"),
        ("period=decade&start=2026-01-01", "period"),
        ("period=week&start=2026-02-30", "start"),
        ("start=2026-01-01", "period"),
        ("month=2026-01&period=month&start=2026-01-01", "month"),
    ],
)
async def test_bad_months_and_periods_are_refused_by_name(
    client: AsyncClient, office: Office, query: str, field: str
) -> None:
    response = await client.get(f"{office.path}?{query}", headers=office.headers["supervisor"])
    assert response.status_code == 422, response.text
    assert field in [e["field"] for e in response.json()["errors"]]


async def test_split_spreads_the_project_equally_to_the_fen(
    client: AsyncClient, office: Office, next_month_str: str
) -> None:
    body = {"project": figures(units_subscribed=10, amount_collected="1000000.01", new_customers=2)}
    assert (await put_plan(client, office, next_month_str, body)).status_code == 200
    response = await client.post(
        f"{office.path}/split?month={next_month_str}", headers=office.headers["site_manager"]
    )
    assert response.status_code == 200, response.text
    plan = response.json()
    assert sorted(c["units_subscribed"] for c in plan["consultants"]) == [3, 3, 4]
    assert sorted(c["new_customers"] for c in plan["consultants"]) == [0, 1, 1]
    amounts = sorted(Decimal(c["amount_collected"]) for c in plan["consultants"])
    assert amounts == [Decimal("333333.33"), Decimal("333333.34"), Decimal("333333.34")]
    assert sum(amounts) == Decimal("1000000.01")
    for level in ("teams", "consultants"):
        assert set(plan["mismatch"][level].values()) <= {0, "0.00"}, plan["mismatch"]
    for team in plan["teams"]:
        assert set(team["mismatch"].values()) <= {0, "0.00"}


async def test_submit_approve_and_then_the_plan_is_locked(
    client: AsyncClient, office: Office, next_month_str: str
) -> None:
    assert (await put_plan(client, office, next_month_str, _plan_body(office))).status_code == 200
    submitted = await client.post(
        f"{office.path}/submit?month={next_month_str}",
        json={"comment": "请审批"},
        headers=office.headers["supervisor"],
    )
    assert submitted.status_code == 200, submitted.text
    plan = submitted.json()
    assert plan["status"] == "submitted" and plan["submitted_late"] is False
    assert plan["allowed_actions"] == [] and plan["project"]["allowed_actions"] == []
    edit = await put_plan(client, office, next_month_str, _plan_body(office))
    assert edit.status_code == 409 and edit.json()["code"] == "plan_not_draft"

    inbox = await client.get("/approvals?status=pending", headers=office.headers["project_manager"])
    request = next(a for a in inbox.json()["items"] if a["kind"] == "target_plan")
    assert request["subject_id"] == str(plan["approval_id"] and request["subject_id"])
    assert request["id"] == plan["approval_id"] and request["allowed_actions"] == ["approve", "reject"]
    decided = await client.post(
        f"/approvals/{request['id']}/approve", json={}, headers=office.headers["project_manager"]
    )
    assert decided.status_code == 200, decided.text

    approved = (
        await client.get(f"{office.path}?month={next_month_str}", headers=office.headers["supervisor"])
    ).json()
    assert approved["status"] == "approved" and approved["allowed_actions"] == []
    for response in (
        await put_plan(client, office, next_month_str, _plan_body(office), as_="admin"),
        await client.post(f"{office.path}/split?month={next_month_str}", headers=office.headers["admin"]),
        await client.post(f"{office.path}/submit?month={next_month_str}", headers=office.headers["admin"]),
        await client.post(f"{office.path}/approve?month={next_month_str}", headers=office.headers["admin"]),
    ):
        assert response.status_code == 409 and response.json()["code"] == "plan_locked", response.text


async def test_the_approver_may_return_a_plan_with_a_comment(
    client: AsyncClient, office: Office, next_month_str: str
) -> None:
    path = f"{office.path}/%s?month={next_month_str}"
    assert (await put_plan(client, office, next_month_str, _plan_body(office))).status_code == 200
    assert (await client.post(path % "submit", headers=office.headers["supervisor"])).status_code == 200
    refused = await client.post(
        path % "return", json={"comment": "x"}, headers=office.headers["site_manager"]
    )
    assert refused.status_code == 403
    no_comment = await client.post(path % "return", json={}, headers=office.headers["project_manager"])
    assert no_comment.status_code == 422 and no_comment.json()["errors"][0]["field"] == "comment"
    returned = await client.post(
        path % "return", json={"comment": "回款目标偏低"}, headers=office.headers["project_manager"]
    )
    assert returned.status_code == 200, returned.text
    plan = returned.json()
    assert plan["status"] == "returned" and plan["return_comment"] == "回款目标偏低"
    as_supervisor = (
        await client.get(f"{office.path}?month={next_month_str}", headers=office.headers["supervisor"])
    ).json()
    assert as_supervisor["allowed_actions"] == ["edit", "split", "submit"]
    again = await client.post(path % "submit", headers=office.headers["supervisor"])
    assert again.status_code == 200 and again.json()["status"] == "submitted"
    approved = await client.post(path % "approve", headers=office.headers["project_manager"])
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    not_submitted = await client.post(
        f"{office.path}/approve?month=2030-01", headers=office.headers["project_manager"]
    )
    assert not_submitted.status_code == 409 and not_submitted.json()["code"] == "plan_not_submitted"


async def test_a_plan_sent_once_its_month_began_is_taken_but_marked_late(
    client: AsyncClient, office: Office
) -> None:
    from tests.factories import project_today

    this_month = f"{project_today(office.project):%Y-%m}"
    response = await client.post(
        f"{office.path}/submit?month={this_month}", headers=office.headers["site_manager"]
    )
    assert response.status_code == 200, response.text
    assert response.json()["submitted_late"] is True


async def test_a_consultant_reads_the_project_row_and_their_own(
    client: AsyncClient, office: Office, next_month_str: str
) -> None:
    assert (await put_plan(client, office, next_month_str, _plan_body(office))).status_code == 200
    response = await client.get(
        f"{office.path}?month={next_month_str}", headers=office.headers["consultant2"]
    )
    assert response.status_code == 200
    plan = response.json()
    assert [c["user_id"] for c in plan["consultants"]] == [office.id("consultant2")]
    assert plan["teams"] == [] and plan["mismatch"] is None and plan["allowed_actions"] == []
    assert plan["project"]["units_subscribed"] == 10
    never_saved = (
        await client.get(f"{office.path}?month=2031-05", headers=office.headers["consultant"])
    ).json()
    assert [c["user_id"] for c in never_saved["consultants"]] == [office.id("consultant")]
    period = (
        await client.get(
            f"{office.path}?period=quarter&start={next_month_str}-01", headers=office.headers["consultant"]
        )
    ).json()
    assert [c["user_id"] for c in period["consultants"]] == [office.id("consultant")]
    assert period["teams"] == [] and period["mismatch"] is None
    for role in ("finance", "developer_rep"):
        read = await client.get(f"{office.path}?month={next_month_str}", headers=office.headers[role])
        assert read.status_code == 200 and len(read.json()["consultants"]) == 3
    write = await put_plan(client, office, next_month_str, _plan_body(office), as_="consultant")
    assert write.status_code == 403


async def test_weeks_take_their_days_share_and_quarters_sum_months(
    client: AsyncClient, office: Office
) -> None:
    january = {
        "project": figures(units_contracted=10, amount_contracted="1000000.00"),
        "consultants": [
            {
                "user_id": office.id("consultant"),
                **figures(units_contracted=10, amount_contracted="1000000.00"),
            }
        ],
    }
    february = {
        "project": figures(units_contracted=8, amount_contracted="1000000.00", amount_collected="0.01"),
        "consultants": [{"user_id": office.id("consultant2"), **figures(units_contracted=8)}],
    }
    assert (await put_plan(client, office, "2026-01", january)).status_code == 200
    assert (await put_plan(client, office, "2026-02", february)).status_code == 200
    assert (
        await client.post(f"{office.path}/submit?month=2026-01", headers=office.headers["supervisor"])
    ).status_code == 200
    assert (
        await client.post(f"{office.path}/approve?month=2026-01", headers=office.headers["project_manager"])
    ).status_code == 200

    week = (
        await client.get(f"{office.path}?period=week&start=2026-01-29", headers=office.headers["supervisor"])
    ).json()
    assert week["kind"] == "period" and week["derived"] is True
    assert (week["start"], week["end"]) == ("2026-01-29", "2026-02-04")
    assert [(m["month"], m["status"]) for m in week["months"]] == [
        ("2026-01", "approved"),
        ("2026-02", "draft"),
    ]
    # 3/31 of January's and 4/28 of February's: 96774.193… + 142857.142… = 239631.34; 0.9677 + 1.1429 = 2.1
    assert week["project"]["amount_contracted"] == "239631.34"
    assert week["project"]["units_contracted"] == "2.1"
    assert week["project"]["amount_collected"] == "0.00"  # 4/28 of a fen rounds to nothing
    consultants = {c["user_id"]: c for c in week["consultants"]}
    assert consultants[office.id("consultant")]["amount_contracted"] == "96774.19"
    assert consultants[office.id("consultant2")]["units_contracted"] == "1.1"

    quarter = (
        await client.get(
            f"{office.path}?period=quarter&start=2026-02-15", headers=office.headers["supervisor"]
        )
    ).json()
    assert (quarter["start"], quarter["end"]) == ("2026-01-01", "2026-03-31") and quarter["derived"] is True
    assert [m["status"] for m in quarter["months"]] == ["approved", "draft", None]
    assert quarter["project"]["amount_contracted"] == "2000000.00"
    assert quarter["project"]["amount_collected"] == "0.01"
    assert quarter["project"]["units_contracted"] == "18.0"
    assert quarter["mismatch"]["consultants"]["units_contracted"] == "0.0"

    year = (
        await client.get(f"{office.path}?period=year&start=2026-07-01", headers=office.headers["supervisor"])
    ).json()
    assert len(year["months"]) == 12 and year["project"]["amount_contracted"] == "2000000.00"
    month = (
        await client.get(f"{office.path}?period=month&start=2026-02-10", headers=office.headers["supervisor"])
    ).json()
    assert month["derived"] is False and month["project"]["units_contracted"] == "8.0"


async def test_the_facade_gives_each_months_figures(
    client: AsyncClient, session: AsyncSession, office: Office
) -> None:
    assert (await put_plan(client, office, "2026-03", _plan_body(office))).status_code == 200

    def principal(key: str) -> Principal:
        user = office.users[key]
        return Principal(
            user_id=user.id,
            organization_id=user.organization_id,
            is_admin=user.is_admin,
            session_id=uuid.uuid4(),
        )

    months = await targets.month_targets(
        session, principal("project_manager"), office.project.id, first_of("2026-02"), first_of("2026-03")
    )
    assert [(m.month, m.status) for m in months] == [
        (first_of("2026-02"), None),
        (first_of("2026-03"), "draft"),
    ]
    march = months[1]
    assert march.project.units_subscribed == 10 and march.project.amount_contracted == Decimal("1000000.00")
    assert march.teams[office.users["supervisor2"].id].units_subscribed == 3
    assert len(march.consultants) == 3
    mine = await targets.month_targets(
        session, principal("consultant"), office.project.id, first_of("2026-03"), first_of("2026-03")
    )
    assert list(mine[0].consultants) == [office.users["consultant"].id] and mine[0].teams == {}


async def test_the_plan_as_a_workbook(client: AsyncClient, office: Office, next_month_str: str) -> None:
    from openpyxl import load_workbook

    assert (await put_plan(client, office, next_month_str, _plan_body(office))).status_code == 200
    response = await client.get(
        f"{office.path}.xlsx?month={next_month_str}", headers=office.headers["supervisor"]
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[1][3] == "认购套数"
    assert rows[2][0] == "项目" and rows[2][3] == 10
    consultant_rows = [r for r in rows if r[0] == "顾问"]
    assert sum(r[3] for r in consultant_rows) == 8
    assert sum(Decimal(str(r[6])) for r in consultant_rows) == Decimal("900000.50")
    assert any(r[0] == "差异：顾问合计−项目" and r[3] == -2 for r in rows)
