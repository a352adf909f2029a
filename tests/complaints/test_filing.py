"""Filing a complaint: where it starts on the ladder, who takes it, its deadlines, and bad input."""

from datetime import datetime, timedelta
from typing import Any

from httpx import AsyncClient

from tests.complaints.conftest import Site, complaint_body


async def test_a_consultants_complaint_starts_with_the_supervisor_and_its_deadlines(
    client: AsyncClient, site: Site, file: Any
) -> None:
    complaint = await file("consultant", customer_id=str(site.customers["consultant"]))

    assert complaint["status"] == "open"
    assert complaint["level"] == 1 and complaint["top_level"] == 4
    assert complaint["assignee_id"] == str(site.users["supervisor"].id)
    assert complaint["customer_name"] is not None
    created = datetime.fromisoformat(complaint["created_at"])
    acknowledge = datetime.fromisoformat(complaint["acknowledge_due_at"])
    resolve = datetime.fromisoformat(complaint["resolve_due_at"])
    # minor: acknowledge within 2 h, resolve within 24 h (a second for the time between the two clocks)
    assert abs(acknowledge - created - timedelta(hours=2)) < timedelta(seconds=5)
    assert abs(resolve - created - timedelta(hours=24)) < timedelta(seconds=5)
    assert complaint["overdue"] is False
    assert complaint["allowed_actions"] == ["comment"]  # the consultant files; the supervisor handles

    as_supervisor = await client.get(f"/complaints/{complaint['id']}", headers=site.headers["supervisor"])
    assert as_supervisor.json()["allowed_actions"] == ["comment", "acknowledge", "resolve", "escalate"]

    timeline = await client.get(f"/complaints/{complaint['id']}/actions", headers=site.headers["consultant"])
    [filed] = timeline.json()["items"]
    assert filed["type"] == "filed" and filed["actor_id"] == str(site.users["consultant"].id)
    assert filed["assignee_id"] == str(site.users["supervisor"].id)


async def test_a_critical_complaint_starts_with_the_project_manager_and_tells_the_developer_rep(
    client: AsyncClient, site: Site, file: Any
) -> None:
    complaint = await file("consultant", severity="critical", channel="media")

    assert complaint["level"] == 3
    assert complaint["assignee_id"] == str(site.users["project_manager"].id)
    timeline = await client.get(
        f"/complaints/{complaint['id']}/actions", headers=site.headers["developer_rep"]
    )
    assert timeline.status_code == 200  # the developer's rep sees every critical complaint
    notified = [a for a in timeline.json()["items"] if a["type"] == "notified"]
    assert notified[0]["data"]["user_ids"] == [str(site.users["developer_rep"].id)]


async def test_a_complaint_about_a_deal_carries_its_unit_and_buyer(
    client: AsyncClient, site: Site, file: Any, session: Any
) -> None:
    from tests.customers import factories as cf
    from tests.deals import factories as df

    customer = await cf.create_customer(session, project=site.project, owner=site.users["consultant"])
    unit = site.unit(site.units[1].status)
    deal = await df.create_deal(session, unit=unit, customers=[customer], consultant=site.users["consultant"])

    complaint = await file("supervisor", deal_id=str(deal.id), category="sales_promise")

    assert complaint["unit_id"] == str(unit.id) and complaint["unit_code"] == unit.code
    assert complaint["customer_id"] == str(customer.id)
    on_deal = await client.get(
        f"/projects/{site.project.id}/complaints",
        params={"deal_id": str(deal.id)},
        headers=site.headers["consultant"],  # the consultant who sold it sees it
    )
    assert [c["id"] for c in on_deal.json()["items"]] == [complaint["id"]]
    of_customer = await client.get(
        f"/projects/{site.project.id}/complaints",
        params={"customer_id": str(customer.id)},
        headers=site.headers["supervisor"],
    )
    assert [c["id"] for c in of_customer.json()["items"]] == [complaint["id"]]


async def test_bad_input_is_refused_naming_the_field_and_files_nothing(
    client: AsyncClient, site: Site
) -> None:
    url = f"/projects/{site.project.id}/complaints"
    headers = site.headers["consultant"]
    cases: list[tuple[dict[str, Any], str]] = [
        (complaint_body(category="noise"), "category"),
        (complaint_body(severity="urgent"), "severity"),
        (complaint_body(title="x" * 201), "title"),
        (complaint_body(description=""), "description"),
        (complaint_body(customer_id="00000000-0000-0000-0000-000000000001"), "customer_id"),
        (complaint_body(deal_id="00000000-0000-0000-0000-000000000001"), "deal_id"),
        (complaint_body(unit_id="00000000-0000-0000-0000-000000000001"), "unit_id"),
        (complaint_body(concerned_user_ids=["00000000-0000-0000-0000-000000000001"]), "concerned_user_ids.0"),
    ]
    for body, field in cases:
        response = await client.post(url, json=body, headers=headers)
        assert response.status_code == 422, (field, response.text)
        problem = response.json()
        assert any(e["field"].endswith(field) for e in problem["errors"]), (field, problem)
    listed = await client.get(url, headers=site.headers["supervisor"])
    assert listed.json()["items"] == []


async def test_the_customers_timeline_shows_the_complaint(client: AsyncClient, site: Site, file: Any) -> None:
    customer = str(site.customers["consultant"])
    complaint = await file("supervisor", customer_id=customer, title="销售承诺未兑现")

    timeline = await client.get(f"/customers/{customer}/timeline", headers=site.headers["consultant"])
    assert timeline.status_code == 200, timeline.text
    [entry] = [e for e in timeline.json()["entries"] if e["kind"] == "complaint"]
    assert entry["ref_id"] == complaint["id"] and entry["notes"] == "销售承诺未兑现"
    assert entry["outcome"] == "open" and entry["actor"]["id"] == str(site.users["supervisor"].id)
