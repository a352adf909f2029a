"""Rules every route and table keeps, checked over the whole app so a new one cannot forget them."""

from typing import Any

from anchang.core.routing import AppRoute
from anchang.main import ANONYMOUS_PATHS
from anchang.models import metadata
from tests.routes import api_routes

# Tables that are not tenant data: the tenant itself and login throttling keyed by e-mail.
# Not tenant data: the tenant itself, and what authentication keeps before or beside a caller.
NOT_TENANT_TABLES = {"organizations", "login_attempts", "credential_versions", "revoked_sessions"}


def test_every_tenant_table_carries_organization_id() -> None:
    missing = [
        t.name
        for t in metadata.sorted_tables
        if t.name not in NOT_TENANT_TABLES and "organization_id" not in t.c
    ]
    assert missing == []


def test_every_route_uses_the_transactional_route_class(app: Any) -> None:
    routes = api_routes(app)
    assert len(routes) >= 15
    assert [path for path, route in routes if not isinstance(route, AppRoute)] == []


def test_every_route_is_under_api_v1_with_a_readable_operation_id(app: Any) -> None:
    spec = app.openapi()
    for path, operations in spec["paths"].items():
        assert path.startswith("/api/v1/"), path
        for method, operation in operations.items():
            assert operation["operationId"].startswith(operation["tags"][0] + "-"), (method, path)


def test_every_request_body_refuses_unknown_fields(app: Any) -> None:
    schemas = app.openapi()["components"]["schemas"]
    for path, operations in app.openapi()["paths"].items():
        for method, operation in operations.items():
            content = operation.get("requestBody", {}).get("content", {})
            body = content.get("application/json")
            if body is None:
                continue
            refs = [body["schema"], *body["schema"].get("anyOf", [])]
            names = [r["$ref"].rsplit("/", 1)[-1] for r in refs if "$ref" in r]
            assert names, (method, path)
            for name in names:
                assert schemas[name].get("additionalProperties") is False, (method, path, name)


def test_every_list_is_paginated_and_syncable(app: Any) -> None:
    spec = app.openapi()
    schemas = spec["components"]["schemas"]
    for path, operations in spec["paths"].items():
        get = operations.get("get")
        if not get:
            continue
        ref = get["responses"].get("200", {}).get("content", {}).get("application/json", {}).get("schema", {})
        name = ref.get("$ref", "").rsplit("/", 1)[-1]
        if name.startswith("Page_"):
            params = {p["name"] for p in get.get("parameters", [])}
            assert {"limit", "cursor", "updated_since"} <= params, path
            assert set(schemas[name]["properties"]) == {"items", "next_cursor"}
        else:
            # A JSON array at the top level would be an unpaginated list.
            assert ref.get("type") != "array", path


def test_every_error_response_is_documented_as_problem_json(app: Any) -> None:
    spec = app.openapi()
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                if status.startswith(("4", "5")):
                    assert set(response["content"]) == {"application/problem+json"}, (method, path, status)
                    schema = response["content"]["application/problem+json"]["schema"]
                    assert schema["$ref"].endswith("/Problem"), (method, path, status)


def test_every_authenticated_post_documents_the_idempotency_key(app: Any) -> None:
    for path, operations in app.openapi()["paths"].items():
        post = operations.get("post")
        if post is None:
            continue
        names = {p["name"] for p in post.get("parameters", [])}
        if path in ANONYMOUS_PATHS:
            assert "security" not in post and "Idempotency-Key" not in names, path
        else:
            assert "Idempotency-Key" in names, path
