"""Webhooks: endpoints, signed deliveries by the worker, retries with the same id in per-object order,
a worker killed mid-delivery, giving up after three days, redelivery, tests, and SSRF in production."""

import asyncio
import uuid
from datetime import timedelta
from typing import Any

import orjson
import pytest
from httpx import AsyncClient
from sqlalchemy import func, select, update
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from anchang.core.audit import AuditEntry
from anchang.core.config import Settings
from anchang.core.db import Database
from anchang.core.roles import ProjectRole
from anchang.integrations import endpoints as endpoints_module
from anchang.integrations import service as integrations
from anchang.integrations import worker
from anchang.integrations.models import WebhookDelivery
from anchang.integrations.urls import UrlRefused, check_url
from tests import factories as f
from tests.integrations.conftest import Receiver


async def _admin(database: Database) -> tuple[Any, Any, dict[str, str]]:
    async with database.session() as session:
        org = await f.create_organization(session)
        project = await f.create_project(session, organization=org)
        _, headers = await f.create_member(session, project=project, role=ProjectRole.admin, is_admin=True)
        await session.commit()
    return org, project, headers


async def _endpoint(api: AsyncClient, headers: dict[str, str], url: str, types: list[str]) -> dict[str, Any]:
    created = await api.post("/webhooks", json={"url": url, "event_types": types}, headers=headers)
    assert created.status_code == 201, created.text
    body: dict[str, Any] = created.json()
    assert body["secret"].startswith("whsec_")
    return body


async def _emit(database: Database, project: Any, type_: str, object_id: uuid.UUID, n: int) -> None:
    async with database.session() as session:

        class Obj:  # an object of another domain, as emit sees one
            __tablename__ = "deals"
            id = object_id
            organization_id = project.organization_id
            project_id = project.id

        await integrations.emit(session, type_, Obj(), data={"n": n}, owner_id=None)
        await session.commit()


async def _drain(database: Database, rounds: int = 20) -> int:
    sent = 0
    async with worker.http_client() as client:
        for _ in range(rounds):
            batch = await worker.deliver_once(database, client)
            if not batch:
                break
            sent += batch
    return sent


async def _due_now(database: Database) -> None:
    """As if the backoff had passed."""
    async with database.session() as session:
        await session.execute(
            update(WebhookDelivery).values(next_attempt_at=func.now() - timedelta(seconds=1))
        )
        await session.commit()


async def test_a_delivery_is_signed_and_verifies(
    committed_database: Database, api: AsyncClient, receiver: Receiver
) -> None:
    _, project, headers = await _admin(committed_database)
    endpoint = await _endpoint(api, headers, receiver.url, ["deal.subscribed"])
    deal_id = uuid.uuid4()
    await _emit(committed_database, project, "deal.subscribed", deal_id, 1)
    await _emit(committed_database, project, "deal.contracted", deal_id, 2)  # not subscribed to
    assert await _drain(committed_database) == 1
    [got] = receiver.received
    payload = Webhook(endpoint["secret"]).verify(got.body, got.headers)
    assert (payload["type"], payload["object_id"], payload["data"]) == (
        "deal.subscribed",
        str(deal_id),
        {"n": 1},
    )
    assert got.headers["webhook-id"] == payload["id"]
    tampered = got.body.replace(b'"n":1', b'"n":2')
    with pytest.raises(WebhookVerificationError):
        Webhook(endpoint["secret"]).verify(tampered, got.headers)
    log = (await api.get(f"/webhooks/{endpoint['id']}/deliveries", headers=headers)).json()["items"]
    assert [(d["status"], d["attempts"], d["last_status_code"]) for d in log] == [("succeeded", 1, 200)]
    assert log[0]["event_type"] == "deal.subscribed" and log[0]["last_latency_ms"] is not None


async def test_a_receiver_down_then_back_gets_everything_once_per_id_in_object_order(
    committed_database: Database, api: AsyncClient, receiver: Receiver
) -> None:
    _, project, headers = await _admin(committed_database)
    await _endpoint(api, headers, receiver.url, ["deal.subscribed", "deal.contracted", "deal.handed_over"])
    a, b = uuid.uuid4(), uuid.uuid4()
    for n, (object_id, type_) in enumerate(
        [(a, "deal.subscribed"), (b, "deal.subscribed"), (a, "deal.contracted"), (a, "deal.handed_over")]
    ):
        await _emit(committed_database, project, type_, object_id, n)
    receiver.status = 503
    await _drain(committed_database)
    # Down: only the first event of each object was tried; the later ones of `a` wait behind its first.
    first_tries = receiver.ids()
    assert len(first_tries) == 2
    for _ in range(3):  # still down, after the backoff
        await _due_now(committed_database)
        await _drain(committed_database)
    assert set(receiver.ids()) == set(first_tries)
    receiver.status = 200
    receiver.received.clear()
    for _ in range(5):
        await _due_now(committed_database)
        await _drain(committed_database)
    bodies = [orjson.loads(r.body) for r in receiver.received]
    assert sorted(b["data"]["n"] for b in bodies) == [0, 1, 2, 3]  # all arrived
    of_a = [b["data"]["n"] for b in bodies if b["object_id"] == str(a)]
    assert of_a == [0, 2, 3]  # in the object's order
    assert set(first_tries) <= set(receiver.ids())  # retried with the ids first tried
    assert len(set(receiver.ids())) == 4


async def test_a_worker_killed_mid_delivery_leaves_it_to_be_sent_again_with_the_same_id(
    committed_database: Database, api: AsyncClient, receiver: Receiver
) -> None:
    _, project, headers = await _admin(committed_database)
    await _endpoint(api, headers, receiver.url, ["deal.subscribed"])
    await _emit(committed_database, project, "deal.subscribed", uuid.uuid4(), 1)
    receiver.delay = 0.5
    async with worker.http_client() as client:
        dying = asyncio.create_task(worker.deliver_once(committed_database, client))
        await asyncio.sleep(0.2)  # claimed, its request out
        dying.cancel()  # the process dies: its transaction is never committed
        with pytest.raises(asyncio.CancelledError):
            await dying
    receiver.delay = 0
    await asyncio.sleep(0.5)
    assert await _drain(committed_database) == 1
    async with committed_database.session() as session:
        status = await session.scalar(select(WebhookDelivery.status))
    assert status == "succeeded"
    ids = receiver.ids()
    assert len(ids) >= 1 and len(set(ids)) == 1  # every try carried the same webhook-id


async def test_three_days_of_failures_disable_the_endpoint_and_tell_the_admins(
    committed_database: Database, api: AsyncClient, receiver: Receiver
) -> None:
    org, project, headers = await _admin(committed_database)
    endpoint = await _endpoint(api, headers, receiver.url, ["deal.subscribed"])
    await _emit(committed_database, project, "deal.subscribed", uuid.uuid4(), 1)
    async with committed_database.session() as session:
        await session.execute(
            update(WebhookDelivery).values(created_at=func.now() - timedelta(days=3, minutes=1))
        )
        await session.commit()
    receiver.status = 500
    assert await _drain(committed_database) == 1
    shown = (await api.get(f"/webhooks/{endpoint['id']}", headers=headers)).json()
    assert shown["enabled"] is False and shown["disabled_reason"]
    log = (await api.get(f"/webhooks/{endpoint['id']}/deliveries", headers=headers)).json()["items"]
    assert [d["status"] for d in log] == ["failed"]
    async with committed_database.session() as session:
        audited = await session.scalar(
            select(func.count()).where(AuditEntry.organization_id == org.id, AuditEntry.action == "disable")
        )
    assert audited == 1
    # Re-enabled, it delivers again; the failed delivery can be sent once more by hand.
    receiver.status = 200
    again = await api.patch(f"/webhooks/{endpoint['id']}", json={"enabled": True}, headers=headers)
    assert again.json()["enabled"] is True and again.json()["disabled_reason"] is None
    redone = await api.post(
        f"/webhooks/{endpoint['id']}/deliveries/{log[0]['id']}/redeliver", headers=headers
    )
    assert redone.status_code == 202, redone.text
    assert await _drain(committed_database) == 1
    assert receiver.received[-1].headers["webhook-id"] == receiver.received[0].headers["webhook-id"]


async def test_a_test_event_reaches_that_endpoint_alone_and_never_the_feed(
    committed_database: Database, api: AsyncClient, receiver: Receiver
) -> None:
    _, _, headers = await _admin(committed_database)
    endpoint = await _endpoint(api, headers, receiver.url, ["deal.subscribed"])
    other = await _endpoint(api, headers, receiver.url + "/other", ["deal.subscribed"])
    sent = await api.post(f"/webhooks/{endpoint['id']}/test", headers=headers)
    assert sent.status_code == 202, sent.text
    assert sent.json()["event_type"] == "webhook.test"
    assert await _drain(committed_database) == 1
    assert orjson.loads(receiver.received[0].body)["type"] == "webhook.test"
    assert (await api.get("/events", headers=headers)).json()["items"] == []
    rotated = await api.post(f"/webhooks/{other['id']}/rotate-secret", headers=headers)
    assert rotated.json()["secret"] != other["secret"]
    assert (await api.delete(f"/webhooks/{other['id']}", headers=headers)).status_code == 204
    listed = (await api.get("/webhooks", headers=headers)).json()["items"]
    assert [w["id"] for w in listed] == [endpoint["id"]] and "secret" not in listed[0]


async def test_only_admins_manage_webhooks(committed_database: Database, api: AsyncClient) -> None:
    async with committed_database.session() as session:
        org = await f.create_organization(session)
        project = await f.create_project(session, organization=org)
        _, headers = await f.create_member(session, project=project, role=ProjectRole.project_manager)
        await session.commit()
    body = {"url": "https://example.com/hook", "event_types": ["deal.subscribed"]}
    assert (await api.post("/webhooks", json=body, headers=headers)).status_code == 403


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/hook",  # not https
        "https://127.0.0.1/hook",
        "https://10.1.2.3/hook",
        "https://169.254.169.254/latest/meta-data",
        "https://[::1]/hook",
        "https://localhost/hook",
        "https://user:pw@example.com/hook",
    ],
)
async def test_production_refuses_urls_that_reach_inside(url: str) -> None:
    production = Settings(anchang_env="production", secret_key="x" * 40)
    with pytest.raises(UrlRefused):
        await check_url(url, production)
    if "@" not in url:  # development allows them (a receiver on your laptop)
        await check_url(url, Settings(anchang_env="development"))


async def test_a_private_url_is_422_in_production(
    committed_database: Database, api: AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, _, headers = await _admin(committed_database)
    production = Settings(anchang_env="production", secret_key="x" * 40)
    monkeypatch.setattr(endpoints_module, "get_settings", lambda: production)
    body = {"url": "https://127.0.0.1:8443/hook", "event_types": ["deal.subscribed"]}
    refused = await api.post("/webhooks", json=body, headers=headers)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "url"
