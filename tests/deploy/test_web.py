"""deploy/web: nginx serves the built SPA and proxies /api to the compose `api` service."""

import json
import re
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import pytest

from anchang.core.config import Settings
from tests.deploy import parsing
from tests.deploy.parsing import ROOT, Directive

PROJECT = "0b7e4c52-5a43-4a7e-9b7d-2f4f9f1f6e01"
API_URIS = [
    "/api/v1/health",
    "/api/v1/auth/token",
    f"/api/v1/projects/{PROJECT}/members",
    "/api/v1/openapi.json",
]
BOARD_EVENTS = f"/api/v1/projects/{PROJECT}/board/events"
SPA_URIS = ["/", "/login", f"/projects/{PROJECT}/board", "/settings/users"]
PROXY_HEADERS = {"Host", "X-Forwarded-For", "X-Forwarded-Proto", "X-Real-IP", "X-Request-ID"}


def proxy_target(location: Directive) -> str:
    passes = location.children("proxy_pass")
    assert passes, f"location {' '.join(location.args)} does not proxy"
    return parsing.resolve_variables(passes[-1].args[0], location)


def seconds(value: str) -> int:
    """An nginx time (`90s`, `1h`, `1y`) in whole seconds."""
    units = {"ms": 0.001, "": 1, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400, "M": 30 * 86400}
    units["y"] = 365 * 86400
    return int(sum(int(n) * units[u] for n, u in re.findall(r"(\d+)(ms|[smhdwMy]?)", value)))


def size(value: str) -> int:
    number, unit = re.fullmatch(r"(\d+)([kKmMgG]?)", value).groups()  # type: ignore[union-attr]
    return int(number) * {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[unit.lower()]


def setting(location: Directive, name: str) -> str | None:
    found = parsing.effective(location, name)
    return found[-1].args[0] if found else None


@pytest.mark.parametrize("uri", [*API_URIS, BOARD_EVENTS])
def test_api_requests_go_to_the_api_service(
    nginx_server: Directive, services: dict[str, Any], api_env: dict[str, str], uri: str
) -> None:
    target = urlsplit(proxy_target(parsing.select_location(nginx_server, uri)))
    assert target.scheme == "http"
    assert target.hostname == "api" and "api" in services, "proxy to the compose service named api"
    assert target.port == int(api_env["PORT"])
    assert target.path in ("", "/") and not target.query, "a URI part in proxy_pass would rewrite the path"


@pytest.mark.parametrize("uri", [*API_URIS, BOARD_EVENTS])
def test_proxied_requests_carry_the_client_and_request_id(nginx_server: Directive, uri: str) -> None:
    location = parsing.select_location(nginx_server, uri)
    sent = {d.args[0].lower(): d.args[1] for d in parsing.effective(location, "proxy_set_header")}
    assert {h.lower() for h in PROXY_HEADERS} <= set(sent)
    assert sent["x-forwarded-for"] == "$proxy_add_x_forwarded_for"
    assert sent["host"] == "$host"
    assert setting(location, "proxy_http_version") == "1.1"


def test_the_board_event_stream_is_not_buffered(nginx_server: Directive) -> None:
    location = parsing.select_location(nginx_server, BOARD_EVENTS)
    assert setting(location, "proxy_buffering") == "off"
    assert setting(location, "gzip") == "off"
    assert seconds(setting(location, "proxy_read_timeout") or "60s") >= 600, "an idle stream must stay open"
    # …and only it: ordinary API calls keep nginx's buffering, which frees the API's workers sooner.
    assert setting(parsing.select_location(nginx_server, API_URIS[2]), "proxy_buffering") != "off"


@pytest.mark.parametrize("uri", SPA_URIS)
def test_client_side_routes_fall_back_to_index_html(nginx_server: Directive, uri: str) -> None:
    location = parsing.select_location(nginx_server, uri)
    assert not location.children("proxy_pass")
    try_files = location.children("try_files")
    assert try_files and try_files[-1].args[-1] == "/index.html"


def test_the_index_page_is_revalidated_and_bundles_are_cached(nginx_server: Directive) -> None:
    assert setting(parsing.select_location(nginx_server, "/index.html"), "expires") in ("-1", "epoch", "off")
    bundle = parsing.select_location(nginx_server, "/assets/index-3f2a1b.js")
    assert seconds(setting(bundle, "expires") or "0") >= 86400


def test_the_body_limit_leaves_413s_to_the_api(nginx_server: Directive) -> None:
    # The API answers an oversized body with problem+json; nginx's own 413 would be an HTML page.
    limit = size(setting(nginx_server, "client_max_body_size") or "1m")
    assert limit > Settings.model_fields["max_body_bytes"].default


def test_the_web_image_builds_the_spa_like_make_build(web_image: list[parsing.Instruction]) -> None:
    build, serve = parsing.stages(web_image)[0], parsing.stages(web_image)[-1]
    assert build[0].value.split()[0].startswith("node:20")
    runs = [i.value for i in build if i.keyword == "RUN"]
    assert any(re.search(r"\bnpm ci\b", run) for run in runs)
    make_build = " ".join(parsing.make_recipe(ROOT / "Makefile", "frontend/dist/index.html"))
    assert "run build" in make_build
    assert any(re.search(r"\bnpm (--prefix \S+ )?run build\b", run) for run in runs)
    scripts = json.loads((ROOT / "frontend" / "package.json").read_text(encoding="utf-8"))["scripts"]
    assert "build" in scripts

    assert serve[0].value.split()[0].startswith("nginx:")
    copies = [i for i in serve if i.keyword == "COPY"]
    assert any(
        i.value.split()[-2:] == ["deploy/web/nginx.conf", "/etc/nginx/conf.d/default.conf"] for i in copies
    )


def test_the_built_spa_lands_in_the_served_root(
    web_image: list[parsing.Instruction], nginx_server: Directive
) -> None:
    build = parsing.stages(web_image)[0]
    workdirs = [i.value for i in build if i.keyword == "WORKDIR"]
    vite = (ROOT / "frontend" / "vite.config.ts").read_text(encoding="utf-8")
    out_dir = re.search(r"outDir:\s*['\"]([^'\"]+)['\"]", vite)
    dist = PurePosixPath(workdirs[-1]) / (out_dir[1] if out_dir else "dist")
    served = [
        i.value.split()[-2:]
        for i in parsing.stages(web_image)[-1]
        if i.keyword == "COPY" and i.options().get("from") is not None
    ]
    root = setting(nginx_server, "root")
    assert [str(dist), root] in [[str(PurePosixPath(src)), dst.rstrip("/")] for src, dst in served]


def test_the_build_context_leaves_local_builds_out() -> None:
    ignored = (ROOT / "deploy/web/Dockerfile.dockerignore").read_text(encoding="utf-8").split()
    assert "frontend/node_modules" in ignored and "frontend/dist" in ignored


def test_every_api_route_is_proxied_and_every_event_stream_unbuffered(nginx_server: Directive) -> None:
    from anchang.main import create_app

    spec = create_app(Settings(database_url="postgresql+psycopg://unused/unused")).openapi()  # type: ignore[call-arg]
    for path, operations in spec["paths"].items():
        uri = re.sub(r"\{[^}]*\}", PROJECT, path)
        location = parsing.select_location(nginx_server, uri)
        assert location.children("proxy_pass"), f"{path} would be answered by the SPA, not the API"
        content = operations.get("get", {}).get("responses", {}).get("200", {}).get("content", {})
        if "text/event-stream" in content:
            assert setting(location, "proxy_buffering") == "off", f"{path} streams events; nginx buffers it"


def test_the_web_app_gets_the_same_security_headers_as_under_make_run(nginx_server: Directive) -> None:
    from anchang.main import SPA_SECURITY_HEADERS

    sent = {d.args[0]: d.args[1] for d in nginx_server.children("add_header")}
    assert sent == SPA_SECURITY_HEADERS
    assert all(d.args[2:] == ["always"] for d in nginx_server.children("add_header"))
    # A location with an add_header of its own would silently drop the server's.
    assert not [d for d in nginx_server.walk() if d.name == "add_header" and d.parent is not nginx_server]
