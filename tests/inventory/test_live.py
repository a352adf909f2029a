"""Against a real server with 2 workers: a unit is never reserved twice, and every worker's change
reaches every board through LISTEN/NOTIFY."""

import asyncio
import itertools
import random
import time
import uuid
from collections import Counter
from collections.abc import Iterator

import httpx
import orjson
import psycopg
import pytest

from anchang.core.roles import ProjectRole
from tests.inventory.live import LiveServer, start_live_server


@pytest.fixture(scope="module")
def live(database_urls: tuple[str, str]) -> Iterator[LiveServer]:
    yield from start_live_server(*database_urls, workers=2)


async def _register_customer(client: httpx.AsyncClient, live: LiveServer, headers: dict[str, str]) -> str:
    phone = "139" + "".join(random.choices("0123456789", k=8))
    body = {"name": "并发客户", "phone": phone}
    r = await client.post(f"/projects/{live.project_id}/customers", json=body, headers=headers)
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


class TestNeverReservedTwice:
    async def test_100_concurrent_reservations_one_wins(self, live: LiveServer) -> None:
        consultants = [live.member(ProjectRole.consultant) for _ in range(10)]
        unit_id = live.available_unit()
        limits = httpx.Limits(max_connections=100, max_keepalive_connections=100)
        async with httpx.AsyncClient(base_url=live.base_url, timeout=60, limits=limits) as client:
            # Warm both workers' pools so the burst really is concurrent.
            await asyncio.gather(*[client.get("/ready") for _ in range(20)])

            customers = [await _register_customer(client, live, headers) for _, headers in consultants]

            async def attempt(i: int) -> httpx.Response:
                _, headers = consultants[i % len(consultants)]
                body = {"customer_id": customers[i % len(consultants)]}
                return await client.post(f"/units/{unit_id}/reservations", json=body, headers=headers)

            responses = await asyncio.gather(*[attempt(i) for i in range(100)])
        statuses = Counter(r.status_code for r in responses)
        assert statuses == {201: 1, 409: 99}, statuses
        assert {r.json()["code"] for r in responses if r.status_code == 409} == {"unit_not_available"}
        winner = next(r.json() for r in responses if r.status_code == 201)

        with psycopg.connect(live.conninfo) as conn:
            unit = conn.execute(
                "SELECT status, reserved_until FROM units WHERE id = %s", (unit_id,)
            ).fetchone()
            history = conn.execute(
                "SELECT from_status, to_status, source_id FROM unit_history WHERE unit_id = %s "
                "ORDER BY created_at, id",
                (unit_id,),
            ).fetchall()
            live_rows = conn.execute(
                "SELECT id FROM reservations WHERE unit_id = %s AND status = 'active'", (unit_id,)
            ).fetchall()
        assert unit is not None and unit[0] == "reserved"
        assert [str(r[0]) for r in live_rows] == [winner["id"]]
        assert [(h[0], h[1]) for h in history if h[1] == "reserved"] == [("available", "reserved")]
        assert str(history[-1][2]) == winner["id"]
        # Every step of the history follows from the one before.
        for before, after in itertools.pairwise(history):
            assert after[0] == before[1], history


def _events(lines: list[str]) -> list[tuple[str, dict[str, object]]]:
    out, event = [], ""
    for line in lines:
        if line.startswith("event: "):
            event = line[7:]
        elif line.startswith("data: "):
            out.append((event, orjson.loads(line[6:])))
    return out


class TestLiveBoard:
    async def test_a_change_reaches_the_board_stream(self, live: LiveServer) -> None:
        _, consultant = live.member(ProjectRole.consultant)
        _, manager = live.member(ProjectRole.site_manager)
        unit_id = live.available_unit()
        async with (
            httpx.AsyncClient(base_url=live.base_url, timeout=10) as client,
            client.stream("GET", f"/projects/{live.project_id}/board/events", headers=consultant) as stream,
        ):
            assert stream.status_code == 200
            assert stream.headers["content-type"].startswith("text/event-stream")
            lines = stream.aiter_lines()
            seen: list[str] = []
            while not any(line.startswith("event: ready") for line in seen):
                seen.append(await asyncio.wait_for(anext(lines), 5))
            # Several writes: whichever worker takes them, this stream hears each one.
            started = time.perf_counter()
            r = await client.post(f"/units/{unit_id}/hold", json={"reason": "甲方保留"}, headers=manager)
            assert r.status_code == 200, r.text
            got: list[tuple[str, dict[str, object]]] = []
            while not got:
                seen.append(await asyncio.wait_for(anext(lines), 5))
                got = [e for e in _events(seen) if e[0] == "unit.status_changed"]
            latency = time.perf_counter() - started
            _, data = got[0]
            assert data["unit_id"] == str(unit_id) and data["project_id"] == str(live.project_id)
            assert data["to"] == "subscribed"  # a hold shows to a consultant as sold
            assert "held" not in "".join(seen)
            for _ in range(3):
                await client.post(f"/units/{unit_id}/unhold", json={}, headers=manager)
                await client.post(f"/units/{unit_id}/hold", json={"reason": "x"}, headers=manager)
            while len([e for e in _events(seen) if e[0] == "unit.status_changed"]) < 7:
                seen.append(await asyncio.wait_for(anext(lines), 5))
        assert latency < 2.0

    async def test_a_stream_ends_when_its_rights_are_taken_away(self, live: LiveServer) -> None:
        """Removed from the project, or logged out: the open stream says `revoked` and ends, whichever
        worker serves it (the change reaches every worker through NOTIFY)."""
        admin = live.admin()
        for take_away in ("remove_member", "logout"):
            user_id, consultant = live.member(ProjectRole.consultant)
            async with (
                httpx.AsyncClient(base_url=live.base_url, timeout=10) as client,
                client.stream(
                    "GET", f"/projects/{live.project_id}/board/events", headers=consultant
                ) as stream,
            ):
                lines = stream.aiter_lines()
                seen: list[str] = []
                while not any(line.startswith("event: ready") for line in seen):
                    seen.append(await asyncio.wait_for(anext(lines), 5))
                if take_away == "remove_member":
                    members = await client.get(
                        f"/projects/{live.project_id}/members?limit=200", headers=admin
                    )
                    member = next(m for m in members.json()["items"] if m["user_id"] == str(user_id))
                    r = await client.delete(
                        f"/projects/{live.project_id}/members/{member['id']}", headers=admin
                    )
                else:
                    r = await client.post("/auth/logout", headers=consultant)
                assert r.status_code == 204, r.text
                async for line in lines:  # ends when the server closes the stream
                    seen.append(line)
                    if len(seen) > 50:
                        break
                assert any(e[0] == "revoked" for e in _events(seen)), (take_away, seen)

    async def test_a_stream_is_told_to_resync_after_the_listener_reconnects(self, live: LiveServer) -> None:
        _, consultant = live.member(ProjectRole.consultant)
        async with (
            httpx.AsyncClient(base_url=live.base_url, timeout=10) as client,
            client.stream("GET", f"/projects/{live.project_id}/board/events", headers=consultant) as stream,
        ):
            lines = stream.aiter_lines()
            seen: list[str] = []
            while not any(line.startswith("event: ready") for line in seen):
                seen.append(await asyncio.wait_for(anext(lines), 5))
            # What a PostgreSQL restart does to the listening connections.
            with psycopg.connect(live.conninfo, autocommit=True) as conn:
                conn.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE query LIKE 'LISTEN unit_changes%'"
                )
            while not any(e[0] == "resync" for e in _events(seen)):
                seen.append(await asyncio.wait_for(anext(lines), 10))

    async def test_another_projects_stream_is_404(self, live: LiveServer) -> None:
        _, consultant = live.member(ProjectRole.consultant)
        async with httpx.AsyncClient(base_url=live.base_url, timeout=10) as client:
            r = await client.get(f"/projects/{uuid.uuid4()}/board/events", headers=consultant)
        assert r.status_code == 404


class TestPriceListsUnderConcurrency:
    async def test_two_approvals_at_once_one_becomes_active(self, live: LiveServer) -> None:
        _, pm = live.member(ProjectRole.project_manager)
        async with httpx.AsyncClient(base_url=live.base_url, timeout=30) as client:
            body = {"adjustment": {"kind": "percent", "value": "1.00"}}
            made = [
                (await client.post(f"/projects/{live.project_id}/price-lists", json=body, headers=pm)).json()
                for _ in range(2)
            ]
            results = await asyncio.gather(
                *[client.post(f"/approvals/{v['approval_id']}/approve", json={}, headers=pm) for v in made]
            )
        assert sorted(r.status_code for r in results) == [200, 409], [r.text for r in results]
        assert next(r for r in results if r.status_code == 409).json()["code"] == "price_list_outdated"
        with psycopg.connect(live.conninfo) as conn:
            active = conn.execute(
                "SELECT count(*) FROM price_list_versions WHERE project_id = %s AND status = 'active'",
                (live.project_id,),
            ).fetchone()
        assert active is not None and active[0] == 1
