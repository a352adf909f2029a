"""AppRoute's quick refusal of a path (prefix and slashes) never refuses a path its regex would match."""

import re
from typing import Any

from starlette.routing import Match

from anchang.core.routing import AppRoute


def _example(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "0b7f1f0e-6d8c-4c1e-9a7e-3c2b1a0f9e8d", path)


def test_the_quick_check_agrees_with_every_routes_regex(app: Any) -> None:
    routes = [route for route in app.routes if isinstance(route, AppRoute)]
    assert len(routes) > 100
    paths = [_example(route.path) for route in routes]
    paths += [p + "/" for p in paths] + [p.rstrip("/").rsplit("/", 1)[0] for p in paths]
    for route in routes:
        for path in paths:
            scope = {"type": "http", "path": path, "method": "GET", "root_path": ""}
            match, _ = route.matches(scope)
            assert (match != Match.NONE) == (route.path_regex.match(path) is not None), (route.path, path)


def test_every_path_still_finds_its_route(app: Any) -> None:
    for route in app.routes:
        if isinstance(route, AppRoute):
            method = sorted(route.methods)[0]
            scope = {"type": "http", "path": _example(route.path), "method": method, "root_path": ""}
            match, child = route.matches(scope)
            assert match == Match.FULL and child["route"] is route
