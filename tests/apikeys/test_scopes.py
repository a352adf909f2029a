"""Every route says what an API key needs to call it: a known scope, person-only, or no token at all."""

from typing import Any

from fastapi.routing import APIRoute

from anchang.core.scopes import ANONYMOUS, ANY_KEY, PERSON_ONLY, SCOPES, grants, route_scope
from tests.routes import api_routes

# Routes that must stay out of every key's reach, whatever the tags say.
MUST_BE_PERSON_ONLY = {
    ("POST", "/api/v1/api-keys"),
    ("DELETE", "/api/v1/api-keys/{key_id}"),
    ("POST", "/api/v1/users"),
    ("PATCH", "/api/v1/users/{user_id}"),
    ("POST", "/api/v1/projects/{project_id}/members"),
    ("POST", "/api/v1/auth/logout"),
    ("GET", "/api/v1/me"),
}


def test_every_route_maps_to_a_scope_or_is_person_only(app: Any) -> None:
    seen: dict[tuple[str, str], str] = {}
    for path, route in api_routes(app):
        assert isinstance(route, APIRoute)
        needs = getattr(route, "key_scope", None)
        assert needs is not None, (
            f"{path} (tags {route.tags}): tag its router with a domain of core/scopes.py"
        )
        assert needs.needs in SCOPES | {PERSON_ONLY, ANY_KEY, ANONYMOUS}, path
        for method in route.methods:
            seen[(method, path)] = needs.needs
            if needs.scope is not None:
                assert needs.scope.endswith(":read" if method in ("GET", "HEAD") else ":write"), path
    for operation in MUST_BE_PERSON_ONLY:
        assert seen[operation] == PERSON_ONLY, operation
    assert seen[("GET", "/api/v1/projects")] == ANY_KEY
    assert seen[("PATCH", "/api/v1/projects/{project_id}")] == PERSON_ONLY
    assert seen[("GET", "/api/v1/health")] == ANONYMOUS
    assert seen[("GET", "/api/v1/projects/{project_id}/deals")] == "deals:read"
    assert seen[("POST", "/api/v1/units/{unit_id}/reservations")] == "inventory:write"


def test_a_write_scope_grants_its_domains_read_only() -> None:
    assert grants(frozenset({"deals:write"}), "deals:read")
    assert grants(frozenset({"deals:write"}), "deals:write")
    assert not grants(frozenset({"deals:read"}), "deals:write")
    assert not grants(frozenset({"deals:write"}), "customers:read")


def test_an_unknown_tag_maps_to_nothing() -> None:
    assert route_scope(["payroll"], {"GET"}) is None
