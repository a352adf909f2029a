"""What the app answers to any route, whatever the route declares, is in the OpenAPI document.

The fuzzer found a class of undocumented answers (issue #10: "400 and 409 are answered but missing
from the OpenAPI document"): FastAPI's 400 for a body it cannot decode (not UTF-8), core's 409 for a
concurrent duplicate or an Idempotency-Key in use, the middleware's 422 for a NUL character and 413
for a body too large, the 503 of a database away. `main.py` declares them all in one place; these tests send
each on every route that can get it and require the answer to be declared there.
"""

import re
import uuid
from typing import Any

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests import factories as f
from tests.routes import api_routes


def _declared(app: Any, path: str, method: str) -> set[str]:
    return set(app.openapi()["paths"][path][method.lower()]["responses"])


def _concrete(path: str) -> str:
    return re.sub(r"{\w+}", lambda _: str(uuid.uuid4()), path).removeprefix("/api/v1")


async def _admin(session: AsyncSession) -> dict[str, str]:
    org = await f.create_organization(session)
    return f.auth_headers(await f.create_user(session, organization=org, is_admin=True))


async def test_every_route_with_a_body_declares_the_400_of_an_unparsable_one(
    app: Any, client: AsyncClient, session: AsyncSession
) -> None:
    headers = {**await _admin(session), "Content-Type": "application/json"}
    sent = 0
    for path, operations in app.openapi()["paths"].items():
        for method, operation in operations.items():
            if "application/json" not in operation.get("requestBody", {}).get("content", {}):
                continue
            response = await client.request(method, _concrete(path), content=b"\xff\xfe{", headers=headers)
            assert response.status_code == 400, (method, path, response.text)
            assert "400" in _declared(app, path, method), (method, path)
            sent += 1
    assert sent > 30


async def test_every_route_declares_the_422_of_a_nul_in_its_query_string(
    app: Any, client: AsyncClient, session: AsyncSession
) -> None:
    headers = await _admin(session)
    for path, route in api_routes(app):
        for method in route.methods or ():
            if path.endswith("/board/events"):  # a stream; the middleware answers before it all the same
                continue
            response = await client.request(method, _concrete(path), params={"q": "\x00"}, headers=headers)
            assert response.status_code == 422, (method, path, response.text)
            assert "422" in _declared(app, path, method), (method, path)


def test_every_write_declares_the_409_and_412_of_a_concurrent_one_and_every_post_its_idempotency_answers(
    app: Any,
) -> None:
    from anchang.main import ANONYMOUS_PATHS

    for path, operations in app.openapi()["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            if method != "get" and path not in ANONYMOUS_PATHS:
                assert {"409", "412"} <= set(responses), (method, path)
                assert "already_exists" in responses["409"]["description"], (method, path)
            if method == "post" and path not in ANONYMOUS_PATHS:
                assert "idempotency_key_in_use" in responses["409"]["description"], (method, path)
                assert "idempotency_key_reused" in responses["422"]["description"], (method, path)
            if "requestBody" in operation:
                assert "413" in responses, (method, path)
            if path != "/api/v1/health":
                assert "database_unavailable" in responses["503"]["description"], (method, path)
