"""Acting on a complaint: the states, who may do what at which level, money remedies through approvals,
closing with satisfaction, reopening — and the refusals with their codes."""

from datetime import timedelta
from typing import Any

from httpx import AsyncClient
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.complaints.models import Complaint
from tests.complaints.conftest import Site


async def _types(client: AsyncClient, site: Site, complaint_id: str) -> list[str]:
    response = await client.get(f"/complaints/{complaint_id}/actions", headers=site.headers["supervisor"])
    return [a["type"] for a in response.json()["items"]]


async def test_from_open_to_closed_and_reopened_each_step_on_the_timeline(
    client: AsyncClient, site: Site, file: Any, act: Any
) -> None:
    c = await file()
    cid = c["id"]

    acknowledged = await act(cid, "supervisor", type="acknowledge", comment="我来处理")
    assert acknowledged.status_code == 200, acknowledged.text
    body = acknowledged.json()
    assert body["status"] == "acknowledged" and body["acknowledged_on_time"] is True
    assert (await act(cid, "supervisor", type="start")).json()["status"] == "in_progress"
    resolved = await act(
        cid, "supervisor", type="resolve", resolution="当面道歉，安排专人接待", remedy="explanation"
    )
    assert resolved.json()["status"] == "resolved" and resolved.json()["resolved_on_time"] is True

    missing = await act(cid, "supervisor", type="close")
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "satisfaction"
    closed = await act(cid, "supervisor", type="close", satisfaction=4, satisfaction_comment="满意")
    assert closed.json()["status"] == "closed" and closed.json()["satisfaction"] == 4
    assert closed.json()["allowed_actions"] == ["reopen"]

    refused = await act(cid, "consultant", type="comment", comment="还有问题")
    assert refused.status_code == 409 and refused.json()["code"] == "complaint_closed"

    reopened = await act(cid, "supervisor", type="reopen", comment="客户来电说仍未解决")
    assert reopened.json()["status"] == "in_progress" and reopened.json()["reopen_count"] == 1
    assert reopened.json()["satisfaction"] is None and reopened.json()["resolved_at"] is None

    assert await _types(client, site, cid) == [
        "filed", "acknowledge", "start", "resolve", "close", "reopen",
    ]  # fmt: skip
    timeline = (await client.get(f"/complaints/{cid}/actions", headers=site.headers["supervisor"])).json()[
        "items"
    ]
    assert timeline[1]["from_status"] == "open" and timeline[1]["to_status"] == "acknowledged"
    assert timeline[1]["actor_name"] is not None and timeline[1]["comment"] == "我来处理"


async def test_who_may_act_and_what_a_wrong_action_answers(
    client: AsyncClient, site: Site, file: Any, act: Any
) -> None:
    c = await file()
    cid = c["id"]

    assert (await act(cid, "consultant", type="acknowledge")).status_code == 403
    assert (await act(cid, "consultant", type="comment", comment="客户又来电了")).status_code == 200
    conflict = await act(cid, "supervisor", type="start")  # not acknowledged yet
    assert conflict.status_code == 409 and conflict.json()["code"] == "complaint_status_conflict"
    no_reason = await act(cid, "supervisor", type="escalate")
    assert no_reason.status_code == 422 and no_reason.json()["errors"][0]["field"] == "comment"
    stray = await act(cid, "supervisor", type="acknowledge", satisfaction=3)
    assert stray.status_code == 422 and stray.json()["errors"][0]["field"] == "satisfaction"
    unknown = await act(cid, "supervisor", type="archive")
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "type"
    # a consultant who may not read a colleague's complaint finds nothing at all
    hidden = await act(cid, "consultant2", type="comment", comment="看看")
    assert hidden.status_code == 404 and hidden.json()["code"] == "complaint_not_found"
    assert await _types(client, site, cid) == ["filed", "comment"]


async def test_escalation_by_hand_climbs_to_the_next_level_and_stops_at_the_top(
    client: AsyncClient, site: Site, file: Any, act: Any
) -> None:
    c = await file(
        source="internal", category="service", concerned_user_ids=[str(site.users["consultant2"].id)]
    )
    cid = c["id"]
    assert c["top_level"] == 3

    up = await act(cid, "supervisor", type="escalate", comment="涉及两位顾问，需案场经理协调")
    assert up.status_code == 200, up.text
    assert up.json()["level"] == 2 and up.json()["status"] == "open"
    assert up.json()["assignee_id"] == str(site.users["site_manager"].id)
    assert up.json()["escalation_count"] == 1
    # the supervisor is below level 2 now: no more handling, only comments
    assert (await act(cid, "supervisor", type="acknowledge")).status_code == 403
    assert (await act(cid, "site_manager", type="escalate", comment="上报项目经理")).json()["level"] == 3
    top = await act(cid, "project_manager", type="escalate", comment="再上报")
    assert top.status_code == 409 and top.json()["code"] == "already_at_top"

    timeline = (
        await client.get(f"/complaints/{cid}/actions", headers=site.headers["project_manager"])
    ).json()
    escalations = [a for a in timeline["items"] if a["type"] == "escalate"]
    assert [(a["from_level"], a["to_level"]) for a in escalations] == [(1, 2), (2, 3)]
    assert escalations[0]["comment"] == "涉及两位顾问，需案场经理协调"
    assert escalations[0]["data"] == {"cause": "manual"}
    # the colleague it concerns sees it
    seen = await client.get(f"/complaints/{cid}", headers=site.headers["consultant2"])
    assert seen.status_code == 200


async def test_a_money_remedy_beyond_the_callers_authority_waits_for_its_approval(
    client: AsyncClient, site: Site, file: Any, act: Any
) -> None:
    c = await file()
    cid = c["id"]
    asked = await act(
        cid,
        "supervisor",
        type="resolve",
        resolution="补偿物业费一年",
        remedy="compensation",
        remedy_amount="5000.00",
    )
    assert asked.status_code == 200, asked.text
    waiting = asked.json()
    assert waiting["status"] == "in_progress" and waiting["remedy_pending"] is True
    assert waiting["remedy_amount"] == "5000.00"
    again = await act(cid, "supervisor", type="resolve", resolution="x", remedy="explanation")
    assert again.status_code == 409 and again.json()["code"] == "remedy_pending"
    finance = await client.get(f"/complaints/{cid}", headers=site.headers["finance"])
    assert finance.status_code == 200  # a complaint with money is finance's to see

    inbox = await client.get("/approvals", params={"status": "pending"}, headers=site.headers["site_manager"])
    [approval] = [a for a in inbox.json()["items"] if a["subject_id"] == cid]
    assert approval["kind"] == "complaint_remedy" and approval["required_role"] == "site_manager"
    approved = await client.post(
        f"/approvals/{approval['id']}/approve", json={"comment": "同意"}, headers=site.headers["site_manager"]
    )
    assert approved.status_code == 200, approved.text

    resolved = (await client.get(f"/complaints/{cid}", headers=site.headers["supervisor"])).json()
    assert resolved["status"] == "resolved" and resolved["remedy_pending"] is False
    assert await _types(client, site, cid) == ["filed", "remedy_requested", "resolve"]


async def test_a_rejected_remedy_sends_the_complaint_back_and_one_within_authority_resolves_at_once(
    client: AsyncClient, site: Site, file: Any, act: Any
) -> None:
    c = await file()
    await act(
        c["id"], "supervisor", type="resolve", resolution="退款", remedy="refund", remedy_amount="20000.00"
    )
    inbox = await client.get(
        "/approvals", params={"status": "pending"}, headers=site.headers["project_manager"]
    )
    [approval] = [a for a in inbox.json()["items"] if a["subject_id"] == c["id"]]
    assert approval["required_role"] == "project_manager"
    rejected = await client.post(
        f"/approvals/{approval['id']}/reject",
        json={"comment": "金额过高"},
        headers=site.headers["project_manager"],
    )
    assert rejected.status_code == 200
    back = (await client.get(f"/complaints/{c['id']}", headers=site.headers["supervisor"])).json()
    assert (
        back["status"] == "in_progress" and back["remedy_pending"] is False and back["remedy_amount"] is None
    )
    assert "resolve" in back["allowed_actions"]

    small = await act(
        c["id"],
        "supervisor",
        type="resolve",
        resolution="赠送车位管理费",
        remedy="compensation",
        remedy_amount="800.00",
    )
    assert small.json()["status"] == "resolved" and small.json()["remedy_amount"] == "800.00"
    no_amount = await act((await file())["id"], "supervisor", type="resolve", resolution="x", remedy="refund")
    assert no_amount.status_code == 422 and no_amount.json()["errors"][0]["field"] == "remedy_amount"


async def test_reopening_is_possible_for_thirty_days(
    client: AsyncClient, site: Site, file: Any, act: Any, session: AsyncSession
) -> None:
    c = await file(source="internal")
    await act(c["id"], "supervisor", type="resolve", resolution="已协调", remedy="explanation")
    closed = await act(c["id"], "supervisor", type="close")  # an internal complaint needs no satisfaction
    assert closed.status_code == 200, closed.text
    await session.execute(
        update(Complaint)
        .where(Complaint.id == c["id"])
        .values(
            closed_at=Complaint.closed_at - timedelta(days=31),
            resolved_at=Complaint.resolved_at - timedelta(days=31),
        )
    )
    late = await act(c["id"], "supervisor", type="reopen", comment="又发生了")
    assert late.status_code == 409 and late.json()["code"] == "reopen_window_passed"
