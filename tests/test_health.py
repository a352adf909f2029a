import json
import logging

from httpx import AsyncClient

from anchang.core.logging import JsonFormatter


class TestProbes:
    async def test_health_answers_without_database_or_auth(self, client: AsyncClient) -> None:
        response = await client.get("/health")
        assert response.status_code == 200
        assert response.json() == {"status": "ok"}

    async def test_ready_reaches_the_database(self, client: AsyncClient) -> None:
        response = await client.get("/ready")
        assert response.status_code == 200
        assert response.json() == {"status": "ready"}

    async def test_every_response_carries_a_request_id(self, client: AsyncClient) -> None:
        response = await client.get("/health", headers={"X-Request-ID": "abc-123"})
        assert response.headers["x-request-id"] == "abc-123"
        generated = await client.get("/health")
        assert len(generated.headers["x-request-id"]) == 32


class TestStructuredLogs:
    async def test_each_request_logs_one_json_line_with_its_request_id(self, client: AsyncClient) -> None:
        lines: list[str] = []
        handler = logging.Handler()
        handler.emit = lambda record: lines.append(JsonFormatter().format(record))  # type: ignore[method-assign]
        access = logging.getLogger("anchang.access")
        access.addHandler(handler)
        try:
            await client.get("/health", headers={"X-Request-ID": "log-42"})
        finally:
            access.removeHandler(handler)
        entry = json.loads(lines[-1])
        assert entry["request_id"] == "log-42"
        assert entry["path"] == "/api/v1/health" and entry["status"] == 200
        assert entry["level"] == "info" and isinstance(entry["duration_ms"], float)
