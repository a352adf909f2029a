"""Live unit changes: NOTIFY in the business transaction, one LISTEN connection per process.

A status change calls `notify_unit_changes` inside its transaction; PostgreSQL delivers the
notification only if that transaction commits, so nobody sees a change that did not happen. Each API
process keeps one autocommit connection LISTENing on `unit_changes` and fans each notification out to
the server-sent-event streams of that project, so every worker sees every worker's changes.
"""

import asyncio
import contextlib
import logging
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import Any

import orjson
import psycopg
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.credentials import credentials

log = logging.getLogger(__name__)

CHANNEL = "unit_changes"
HEARTBEAT_SECONDS = 15.0
RESYNC = "resync"  # the event telling a client its board may be stale: load it again
RECHECK: dict[str, Any] = {"type": "recheck"}  # internal: the caller's rights may have changed


async def notify_unit_changes(session: AsyncSession, payloads: Sequence[dict[str, Any]]) -> None:
    """Queue one notification per payload; sent when the transaction commits."""
    if not payloads:
        return
    await session.execute(
        text("SELECT pg_notify(:channel, p) FROM unnest(CAST(:payloads AS text[])) AS p"),
        {"channel": CHANNEL, "payloads": [orjson.dumps(p).decode() for p in payloads]},
    )


def libpq_conninfo(sqlalchemy_url: str) -> str:
    url = make_url(sqlalchemy_url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


class EventHub:
    """Subscribers by project; one listener task per process feeding them."""

    def __init__(self, conninfo: str):
        self.conninfo = conninfo
        self._subscribers: dict[uuid.UUID, set[asyncio.Queue[dict[str, Any]]]] = {}
        self._task: asyncio.Task[None] | None = None
        self._ready = asyncio.Event()

    async def start(self) -> None:
        if self._task is None or self._task.done():
            self._ready = asyncio.Event()
            self._task = asyncio.create_task(self._listen(), name="inventory-listen")
        await asyncio.wait_for(self._ready.wait(), timeout=10)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
            self._task = None

    async def _listen(self) -> None:
        connected_before = False
        while True:
            try:
                async with await psycopg.AsyncConnection.connect(self.conninfo, autocommit=True) as conn:
                    await conn.execute(f"LISTEN {CHANNEL}")
                    if connected_before:
                        # Changes committed while we were not listening never reach us: every open
                        # board must be loaded again.
                        self._broadcast({"type": RESYNC})
                    connected_before = True
                    self._ready.set()
                    async for note in conn.notifies():
                        self._dispatch(note.payload)
            except asyncio.CancelledError:
                raise
            except Exception:  # the database restarted or the connection dropped: listen again
                log.exception("unit_changes listener failed; reconnecting")
                await asyncio.sleep(1)

    def _broadcast(self, payload: dict[str, Any]) -> None:
        for queues in self._subscribers.values():
            for queue in queues:
                queue.put_nowait(payload)

    def _dispatch(self, raw: str) -> None:
        try:
            payload = orjson.loads(raw)
            project_id = uuid.UUID(payload["project_id"])
        except (ValueError, KeyError, TypeError):
            return
        for queue in self._subscribers.get(project_id, ()):
            if queue.qsize() < 10000:  # a stalled client must not grow without bound
                queue.put_nowait(payload)

    @contextlib.asynccontextmanager
    async def subscribe(self, project_id: uuid.UUID) -> AsyncIterator[asyncio.Queue[dict[str, Any]]]:
        await self.start()
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._subscribers.setdefault(project_id, set()).add(queue)
        try:
            yield queue
        finally:
            subscribers = self._subscribers.get(project_id)
            if subscribers is not None:
                subscribers.discard(queue)
                if not subscribers:
                    del self._subscribers[project_id]


async def stop_hub(app_state: Any) -> None:
    """At shutdown: the listener task and its connection end with the app."""
    hub: EventHub | None = getattr(app_state, "inventory_event_hub", None)
    if hub is not None:
        await hub.stop()


def hub_for(app_state: Any, database_url: str) -> EventHub:
    hub: EventHub | None = getattr(app_state, "inventory_event_hub", None)
    if hub is None:
        hub = EventHub(libpq_conninfo(database_url))
        app_state.inventory_event_hub = hub
    return hub


def sse(event: str, data: dict[str, Any], event_id: str | None = None) -> bytes:
    head = f"id: {event_id}\n" if event_id else ""
    return f"{head}event: {event}\ndata: ".encode() + orjson.dumps(data) + b"\n\n"


async def board_stream(
    app_state: Any,
    database_url: str,
    project_id: uuid.UUID,
    *,
    shown: Callable[[dict[str, Any]], dict[str, Any]],
    disconnected: Callable[[], Awaitable[bool]],
    user_id: uuid.UUID,
    still_allowed: Callable[[], Awaitable[bool]],
) -> AsyncIterator[bytes]:
    """The server-sent events of one project's board: `ready`, then each unit change as `shown` makes
    it for the caller, with a keep-alive comment when quiet (which also notices a client gone).

    When the caller's rights may have changed (core/credentials.py tells: a logout, a deactivation, a
    change of their project roles) the stream asks `still_allowed` and, if not, sends `revoked` and
    ends. After the listener lost its connection (changes may have been missed) it sends `resync`: the
    client reloads the board. The listener starts before this returns, so a database that cannot be reached
    fails the request instead of an already-started stream."""
    hub = hub_for(app_state, database_url)
    await hub.start()

    async def forward_rights_changes(
        rights_changed: asyncio.Event, queue: asyncio.Queue[dict[str, Any]]
    ) -> None:
        while True:
            await rights_changed.wait()
            rights_changed.clear()
            queue.put_nowait(RECHECK)

    async def stream() -> AsyncIterator[bytes]:
        async with hub.subscribe(project_id) as queue:
            with credentials.watch(user_id) as rights_changed:
                watcher = asyncio.create_task(forward_rights_changes(rights_changed, queue))
                try:
                    yield sse("ready", {"project_id": str(project_id)})
                    n = 0
                    while True:
                        try:
                            payload = await asyncio.wait_for(queue.get(), timeout=HEARTBEAT_SECONDS)
                        except TimeoutError:
                            if await disconnected():
                                break
                            yield b": keep-alive\n\n"
                            continue
                        if payload is RECHECK:
                            if not await still_allowed():
                                yield sse("revoked", {"project_id": str(project_id)})
                                break
                            continue
                        n += 1
                        if payload.get("type") == RESYNC:
                            yield sse(RESYNC, {"project_id": str(project_id)}, str(n))
                            continue
                        yield sse(payload.get("type", "unit.status_changed"), shown(payload), str(n))
                finally:
                    watcher.cancel()

    return stream()
