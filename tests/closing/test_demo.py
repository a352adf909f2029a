"""The demo project's yesterday has a countersigned close, built from consistent rows: no difference."""

from datetime import timedelta

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.demo import seed
from anchang.org.models import User
from tests import factories as f
from tests.customers import factories as cf


async def test_yesterdays_close_of_the_demo_project(session: AsyncSession, client: AsyncClient) -> None:
    ids = await seed(session)
    developer_rep = await session.get(User, ids["dev@a"])
    assert developer_rep is not None
    headers = f.auth_headers(developer_rep)
    listed = await client.get(f"/projects/{ids['project_a']}/closes", headers=headers)
    assert listed.status_code == 200, listed.text
    [latest] = listed.json()["items"]
    assert latest["date"] == (cf.today() - timedelta(days=1)).isoformat()
    assert latest["status"] == "countersigned"
    close = (await client.get(f"/projects/{ids['project_a']}/closes/{latest['id']}", headers=headers)).json()
    assert close["differences"] == [], close["differences"]
    assert close["finance_signed_by"] == str(ids["fin@a"])
    assert close["developer_signed_by"] == str(ids["dev@a"])
    assert sum(t["count"] for t in close["board"]["totals"]) > 0
    assert close["allowed_actions"] == []
