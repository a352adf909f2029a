"""The demo office has complaints in every state and severity, two of them escalated by the sweep, a
money remedy waiting for its approval and one rated by the customer — and none left overdue."""

from datetime import timedelta

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.calendar import DEFAULT_ZONE, local_today
from anchang.demo import seed
from anchang.org.models import User
from tests import factories as f


async def test_the_demo_shows_the_ladder_at_work(client: AsyncClient, session: AsyncSession) -> None:
    ids = await seed(session)
    sm = await session.get(User, ids["sm@a"])
    assert sm is not None
    headers = f.auth_headers(sm)
    listed = await client.get(
        f"/projects/{ids['project_a']}/complaints", params={"limit": 200}, headers=headers
    )
    complaints = listed.json()["items"]

    assert len(complaints) >= 12
    assert {c["status"] for c in complaints} == {"open", "acknowledged", "in_progress", "resolved", "closed"}
    assert {c["severity"] for c in complaints} == {"minor", "major", "critical"}
    assert not any(c["overdue"] for c in complaints)
    assert any(c["source"] == "internal" for c in complaints)
    assert any(c["remedy_pending"] for c in complaints)
    assert any(c["satisfaction_source"] == "customer" for c in complaints)
    assert any(c["reopen_count"] for c in complaints)
    at_two = [c for c in complaints if c["level"] == 2]
    assert len(at_two) == 2 and all(c["assignee_id"] == str(sm.id) for c in at_two)
    for complaint in at_two:
        timeline = await client.get(f"/complaints/{complaint['id']}/actions", headers=headers)
        [escalation] = [a for a in timeline.json()["items"] if a["type"] == "escalate"]
        assert escalation["actor_id"] is None and escalation["data"]["cause"] == "acknowledge_deadline"

    stats = await client.get(
        f"/projects/{ids['project_a']}/reports/complaints",
        params={"from": str(local_today(DEFAULT_ZONE) - timedelta(days=90))},
        headers=headers,
    )
    assert stats.json()["total"] == len(complaints) and stats.json()["rated"] >= 4
