"""The customer's own rating: a one-time link to a public page that shows nothing but the complaint's
title and resolution, takes one rating, and says plainly when it is used or expired."""

from datetime import timedelta
from typing import Any

from httpx import AsyncClient
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.complaints.models import Complaint
from tests.complaints.conftest import Site


async def _resolved(file: Any, act: Any) -> str:
    c = await file(title="交房延期未通知")
    await act(c["id"], "supervisor", type="resolve", resolution="已书面致歉并说明原因", remedy="explanation")
    return str(c["id"])


async def test_the_customer_rates_once_through_the_link_without_logging_in(
    client: AsyncClient, site: Site, file: Any, act: Any
) -> None:
    cid = await _resolved(file, act)
    link = await client.post(f"/complaints/{cid}/rating-link", headers=site.headers["supervisor"])
    assert link.status_code == 201, link.text
    token = link.json()["token"]
    assert link.json()["path"] == f"/rate/{token}" and len(token) >= 40

    page = await client.get(f"/public/complaint-ratings/{token}")
    assert page.status_code == 200
    assert page.json() == {"title": "交房延期未通知", "resolution": "已书面致歉并说明原因", "state": "open"}

    bad = await client.post(f"/public/complaint-ratings/{token}", json={"score": 6})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "score"
    rated = await client.post(f"/public/complaint-ratings/{token}", json={"score": 4, "comment": "处理及时"})
    assert rated.status_code == 200 and rated.json()["state"] == "used"
    again = await client.post(f"/public/complaint-ratings/{token}", json={"score": 1})
    assert again.status_code == 409 and again.json()["code"] == "rating_link_used"
    assert (await client.get(f"/public/complaint-ratings/{token}")).json()["state"] == "used"

    shown = (await client.get(f"/complaints/{cid}", headers=site.headers["supervisor"])).json()
    assert (shown["satisfaction"], shown["satisfaction_source"]) == (4, "customer")
    assert "rating_link" not in shown["allowed_actions"]
    closed = await act(cid, "supervisor", type="close")  # the customer's own rating stands
    assert closed.status_code == 200 and closed.json()["satisfaction"] == 4


async def test_an_expired_or_unknown_link_says_so_and_a_link_needs_a_resolved_complaint(
    client: AsyncClient, site: Site, file: Any, act: Any, session: AsyncSession
) -> None:
    open_one = await file()
    early = await client.post(f"/complaints/{open_one['id']}/rating-link", headers=site.headers["supervisor"])
    assert early.status_code == 409 and early.json()["code"] == "complaint_status_conflict"

    cid = await _resolved(file, act)
    token = (await client.post(f"/complaints/{cid}/rating-link", headers=site.headers["supervisor"])).json()[
        "token"
    ]
    await session.execute(
        update(Complaint)
        .where(Complaint.id == cid)
        .values(rating_expires_at=Complaint.rating_expires_at - timedelta(days=15))
    )
    assert (await client.get(f"/public/complaint-ratings/{token}")).json()["state"] == "expired"
    expired = await client.post(f"/public/complaint-ratings/{token}", json={"score": 5})
    assert expired.status_code == 410 and expired.json()["code"] == "rating_link_expired"

    unknown = await client.get("/public/complaint-ratings/" + "x" * 43)
    assert unknown.status_code == 404 and unknown.json()["code"] == "rating_link_not_found"
    # a new link replaces the old one
    fresh = (await client.post(f"/complaints/{cid}/rating-link", headers=site.headers["supervisor"])).json()[
        "token"
    ]
    assert (await client.get(f"/public/complaint-ratings/{token}")).status_code == 404
    assert (await client.get(f"/public/complaint-ratings/{fresh}")).json()["state"] == "open"
