"""The deployment files, parsed once per module. None of these tests needs Docker or a database."""

import tomllib
from typing import Any

import pytest
import yaml

from tests.deploy import parsing
from tests.deploy.parsing import ROOT

COMPOSE = ROOT / "docker-compose.yml"
API_DOCKERFILE = ROOT / "Dockerfile"
WEB_DIR = ROOT / "deploy" / "web"
NGINX_CONF = WEB_DIR / "nginx.conf"
WEB_DOCKERFILE = WEB_DIR / "Dockerfile"
MAKEFILE = ROOT / "Makefile"


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    data = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and isinstance(data.get("services"), dict), (
        "docker-compose.yml has no services"
    )
    return data


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return compose["services"]


@pytest.fixture(scope="module")
def api_env(services: dict[str, dict[str, Any]]) -> dict[str, str]:
    return parsing.environment(services["api"])


@pytest.fixture(scope="module")
def api_image() -> list[parsing.Instruction]:
    return parsing.dockerfile(API_DOCKERFILE)


@pytest.fixture(scope="module")
def web_image() -> list[parsing.Instruction]:
    return parsing.dockerfile(WEB_DOCKERFILE)


@pytest.fixture(scope="module")
def nginx_server() -> parsing.Directive:
    root = parsing.nginx(NGINX_CONF.read_text(encoding="utf-8"))
    servers = root.children("server")
    assert len(servers) == 1, f"deploy/web/nginx.conf should hold one server block, not {len(servers)}"
    return servers[0]


@pytest.fixture(scope="module")
def pyproject() -> dict[str, Any]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
