"""The delivery worker: due deliveries taken with `FOR UPDATE SKIP LOCKED`, signed (Standard Webhooks),
POSTed, and their outcome written, in one transaction per batch.

- At least once, same id: the claimed rows stay locked while their requests are out; a worker that dies
  mid-batch takes its transaction with it, the rows are pending again, and the next worker sends them
  again with the same `webhook-id` (the event's id).
- Ordered per object: a delivery is taken only when no earlier delivery of the same object is still
  pending for the same endpoint, so event n+1 never leaves before n succeeded. "Earlier" is the
  deliveries' creation order, which per object is commit order: a domain changes an object under its
  row lock and emits in that transaction, so the next change of the object (and its emit) waits for
  the commit. (A redelivery by hand comes after what is pending, as asked for later.)
- Failures back off exponentially with jitter; a delivery still failing three days after it was made
  gives up, the endpoint is disabled (`disabled_at`, `disabled_reason`, shown in the SPA) and an audit
  row records it for the organization's admins.
- Out of the request path: the API only writes rows; a slow receiver slows this loop alone.
"""

import asyncio
import contextlib
import logging
import random
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import orjson
from sqlalchemy import text
from standardwebhooks import Webhook

from anchang.core.audit import AuditedChange, record_bulk_audit
from anchang.core.config import get_settings
from anchang.core.db import Database
from anchang.integrations.urls import UrlRefused, check_url

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 10.0
GIVE_UP_AFTER = timedelta(days=3)
FIRST_RETRY_SECONDS = 5.0
MAX_RETRY_SECONDS = 6 * 3600.0
RESPONSE_EXCERPT = 500
IDLE_SECONDS = 0.05  # how long an idle worker waits before looking again
LANES = 8  # requests in flight per worker
BATCH_SECONDS = 15.0  # a batch's rows stay locked while it runs: no longer than this, plus one timeout

_CLAIM = text(
    """
    SELECT d.id, d.organization_id, d.endpoint_id, d.created_at, d.attempts,
        e.id AS event_id, e.sequence, e.type, e.object_type, e.object_id, e.project_id, e.occurred_at, e.data,
        w.url, w.secret
    FROM webhook_deliveries d
    JOIN integration_events e ON e.id = d.event_id
    JOIN webhook_endpoints w ON w.id = d.endpoint_id
    WHERE d.status = 'pending' AND d.next_attempt_at <= clock_timestamp() AND w.enabled
        AND NOT EXISTS (
            SELECT 1 FROM webhook_deliveries p
            WHERE p.status = 'pending' AND p.endpoint_id = d.endpoint_id AND p.object_id = d.object_id
                AND (p.created_at, p.id) < (d.created_at, d.id)
        )
    ORDER BY d.next_attempt_at
    LIMIT :batch
    FOR UPDATE OF d SKIP LOCKED
    """
)

_RECORD = text(
    """
    UPDATE webhook_deliveries d SET
        attempts = d.attempts + 1,
        status = CAST(v.status AS webhook_delivery_status),
        last_attempt_at = v.at,
        delivered_at = CASE WHEN v.status = 'succeeded' THEN v.at END,
        next_attempt_at = v.next_at,
        last_status_code = v.code,
        last_latency_ms = v.latency,
        last_response = v.response,
        last_error = v.error
    FROM unnest(CAST(:ids AS uuid[]), CAST(:statuses AS text[]), CAST(:ats AS timestamptz[]),
        CAST(:next_ats AS timestamptz[]), CAST(:codes AS integer[]), CAST(:latencies AS integer[]),
        CAST(:responses AS text[]), CAST(:errors AS text[]))
        AS v(id, status, at, next_at, code, latency, response, error)
    WHERE d.id = v.id
    """
)

_DISABLE = text(
    """
    UPDATE webhook_endpoints SET enabled = false, disabled_at = clock_timestamp(),
        disabled_reason = :reason, version = version + 1, updated_at = clock_timestamp()
    WHERE id = ANY(CAST(:ids AS uuid[])) AND enabled
    RETURNING id, organization_id
    """
)

_signers: dict[str, Webhook] = {}


def _signer(secret: str) -> Webhook:
    signer = _signers.get(secret)
    if signer is None:
        if len(_signers) > 10_000:
            _signers.clear()
        signer = _signers[secret] = Webhook(secret)
    return signer


def body_of(row: Any) -> bytes:
    """What a receiver gets: the event as the feed shows it."""
    return orjson.dumps(
        {
            "id": row.event_id,
            "sequence": row.sequence,
            "type": row.type,
            "object_type": row.object_type,
            "object_id": row.object_id,
            "project_id": row.project_id,
            "occurred_at": row.occurred_at,
            "data": row.data,
        },
        option=orjson.OPT_UTC_Z,
    )


def retry_delay(attempts: int) -> float:
    """Seconds before the next try after `attempts` failed ones: doubling from 5 s to 6 h, with jitter."""
    base = min(MAX_RETRY_SECONDS, FIRST_RETRY_SECONDS * 2 ** min(attempts - 1, 30))
    return base * random.uniform(0.5, 1.0)


async def _send(client: httpx.AsyncClient, row: Any, check: bool) -> dict[str, Any]:
    body = body_of(row)
    now = datetime.now(UTC)
    msg_id = str(row.event_id)
    headers = {
        "content-type": "application/json",
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": _signer(row.secret).sign(msg_id, now, body),
        "user-agent": "Anchang-Webhooks/1",
    }
    started = time.perf_counter()
    outcome: dict[str, Any] = {"code": None, "response": None, "error": None}
    try:
        if check:  # production: the address is checked again at each send (DNS may have changed)
            await check_url(row.url, get_settings())
        response = await client.post(row.url, content=body, headers=headers)
        outcome["code"] = response.status_code
        outcome["response"] = response.text[:RESPONSE_EXCERPT]
        outcome["ok"] = 200 <= response.status_code < 300
    except UrlRefused as exc:
        outcome |= {"ok": False, "error": f"refused: {exc}"}
    except httpx.HTTPError as exc:
        outcome |= {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:500]}
    outcome["latency"] = int((time.perf_counter() - started) * 1000)
    outcome["at"] = now
    return outcome


async def _send_all(client: httpx.AsyncClient, rows: list[Any]) -> list[dict[str, Any]]:
    # A few lanes, each sending one request after another on its kept-alive connection: measured faster
    # than a request per row at once, where httpx's pool spends more time queueing than sending.
    # A batch stops taking rows after BATCH_SECONDS (slow receivers): those not sent stay as they were.
    check = not get_settings().webhooks_may_reach_private
    outcomes: list[dict[str, Any]] = [{} for _ in rows]
    queue = iter(range(len(rows)))
    stop_at = time.monotonic() + BATCH_SECONDS

    async def lane() -> None:
        for i in queue:
            if time.monotonic() > stop_at:
                return
            outcomes[i] = await _send(client, rows[i], check)

    await asyncio.gather(*(lane() for _ in range(min(LANES, len(rows)))))
    return outcomes


async def deliver_once(database: Database, client: httpx.AsyncClient, *, batch: int = 500) -> int:
    """Send one batch of due deliveries and record their outcome; how many were sent."""
    async with database.session() as session:
        rows = list((await session.execute(_CLAIM, {"batch": batch})).all())
        if not rows:
            await session.rollback()
            return 0
        sent = await _send_all(client, rows)
        rows, outcomes = [r for r, o in zip(rows, sent, strict=True) if o], [o for o in sent if o]
        now = datetime.now(UTC)
        statuses, next_ats, gave_up = [], [], set()
        for row, outcome in zip(rows, outcomes, strict=True):
            if outcome["ok"]:
                statuses.append("succeeded")
                next_ats.append(outcome["at"])
            elif now - row.created_at >= GIVE_UP_AFTER:
                statuses.append("failed")
                next_ats.append(outcome["at"])
                gave_up.add(row.endpoint_id)
            else:
                statuses.append("pending")
                next_ats.append(now + timedelta(seconds=retry_delay(row.attempts + 1)))
        await session.execute(
            _RECORD,
            {
                "ids": [r.id for r in rows],
                "statuses": statuses,
                "ats": [o["at"] for o in outcomes],
                "next_ats": next_ats,
                "codes": [o["code"] for o in outcomes],
                "latencies": [o["latency"] for o in outcomes],
                "responses": [o["response"] for o in outcomes],
                "errors": [o["error"] for o in outcomes],
            },
        )
        if gave_up:
            await _disable(session, sorted(gave_up))
        await session.commit()
        return len(rows)


async def _disable(session: Any, endpoint_ids: list[Any]) -> None:
    reason = f"Deliveries failed for {GIVE_UP_AFTER.days} days; fix the receiver, then enable it again"
    disabled = (await session.execute(_DISABLE, {"ids": endpoint_ids, "reason": reason})).all()
    await record_bulk_audit(
        session,
        (
            AuditedChange(
                "webhook_endpoints",
                endpoint_id,
                organization_id,
                action="disable",
                before={"enabled": True},
                after={"enabled": False, "disabled_reason": reason},
            )
            for endpoint_id, organization_id in disabled
        ),
    )
    for endpoint_id, _ in disabled:
        log.warning("webhook endpoint %s disabled after %s days of failures", endpoint_id, GIVE_UP_AFTER.days)


def http_client() -> httpx.AsyncClient:
    """The worker's client: 10 s per request, no redirects followed (a redirect could lead anywhere)."""
    limits = httpx.Limits(max_connections=LANES * 4, max_keepalive_connections=LANES * 4)
    return httpx.AsyncClient(timeout=TIMEOUT_SECONDS, follow_redirects=False, limits=limits)


async def run_forever(database: Database, *, idle_seconds: float = IDLE_SECONDS) -> None:
    """Deliver until cancelled: batch after batch while there is work, a short wait when there is none."""
    async with http_client() as client:
        while True:
            try:
                sent = await deliver_once(database, client)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("webhook delivery failed; retrying")
                sent = 0
                await asyncio.sleep(1)
            if not sent:
                await asyncio.sleep(idle_seconds)


async def main(url: str) -> None:
    """`python -m anchang worker`: the delivery loop alone, until interrupted."""
    settings = get_settings()
    database = Database(url, pool_size=2)
    try:
        log.info("webhook worker started")
        await run_forever(database)
    finally:
        with contextlib.suppress(Exception):
            await database.dispose()
        del settings
