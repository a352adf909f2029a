"""The API's Dockerfile: the same entry point as `make run`, a supported Python, a working health check."""

import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
from packaging.specifiers import SpecifierSet

from anchang.core import config
from anchang.core.config import Settings
from tests.deploy import parsing
from tests.deploy.parsing import ROOT
from tests.deploy.test_compose import setting_env_names


def final_stage(api_image: list[parsing.Instruction]) -> list[parsing.Instruction]:
    return parsing.stages(api_image)[-1]


def last(stage: list[parsing.Instruction], keyword: str) -> parsing.Instruction:
    found = [i for i in stage if i.keyword == keyword]
    assert found, f"the API image has no {keyword}"
    return found[-1]


def image_env(stage: list[parsing.Instruction]) -> dict[str, str]:
    env: dict[str, str] = {}
    for instruction in stage:
        if instruction.keyword == "ENV":
            env.update(instruction.env_pairs())
    return env


def test_base_image_python_satisfies_requires_python(
    api_image: list[parsing.Instruction], pyproject: dict[str, Any]
) -> None:
    requires = SpecifierSet(pyproject["project"]["requires-python"])
    final = final_stage(api_image)[0].value.split()[0]
    match = re.fullmatch(r"(?:docker\.io/)?(?:library/)?python:(\d+\.\d+)[\w.-]*", final)
    assert match, f"the API image should run on the official python image, not {final}"
    assert requires.contains(match[1]), f"Python {match[1]} does not satisfy requires-python {requires}"


def test_cmd_is_the_entry_point_of_make_run(api_image: list[parsing.Instruction]) -> None:
    run = [line for line in parsing.make_recipe(ROOT / "Makefile", "run") if " -m " in line]
    assert run, "the Makefile's run target no longer starts a module"
    make_words = run[-1].split()
    make_entry = make_words[make_words.index("-m") : make_words.index("-m") + 3]  # -m anchang serve

    stage = final_stage(api_image)
    assert not [i for i in stage if i.keyword == "ENTRYPOINT"], "an ENTRYPOINT would change what CMD runs"
    cmd = last(stage, "CMD").exec_form()
    assert re.fullmatch(r"python3?(\.\d+)?", PurePosixPath(cmd[0]).name)
    assert cmd[1:4] == make_entry == ["-m", "anchang", "serve"]


def test_runs_as_a_non_root_user(api_image: list[parsing.Instruction]) -> None:
    stage = final_stage(api_image)
    user = last(stage, "USER").value.split(":")[0]
    assert user not in ("root", "0")
    created = [
        i for i in stage if i.keyword == "RUN" and re.search(rf"(useradd|adduser)\b.*\b{user}\b", i.value)
    ]
    assert created, f"user {user} is never created"
    positions = {id(i): n for n, i in enumerate(stage)}
    assert positions[id(last(stage, "USER"))] < positions[id(last(stage, "CMD"))]


def test_listens_on_all_interfaces_on_the_exposed_port(api_image: list[parsing.Instruction]) -> None:
    stage = final_stage(api_image)
    env = image_env(stage)
    assert env.get("HOST") == "0.0.0.0"  # noqa: S104 - a container's address, published by the web server
    assert last(stage, "EXPOSE").value.split("/")[0] == env["PORT"]


def test_environment_names_are_settings(api_image: list[parsing.Instruction]) -> None:
    fields = setting_env_names()
    names = [name for name in image_env(final_stage(api_image)) if not name.startswith(("PYTHON", "PIP_"))]
    unknown = [name for name in names if name.upper() not in fields]
    assert not unknown, f"not fields of anchang.core.config.Settings: {unknown}"
    assert image_env(final_stage(api_image)).get("ANCHANG_ENV") == "production", "safe default: no demo data"


def test_migrations_are_installed_where_the_cli_looks(api_image: list[parsing.Instruction]) -> None:
    # The CLI reads PROJECT_ROOT/alembic.ini, whose script_location is PROJECT_ROOT/backend/migrations,
    # with PROJECT_ROOT three levels above anchang/core/config.py: so the package must be installed in
    # place (editable) from a folder that also holds alembic.ini; a wheel ships neither file.
    source = Path(config.__file__).resolve().relative_to(config.PROJECT_ROOT)
    assert source.as_posix() == "backend/anchang/core/config.py"
    assert "%(here)s/backend/migrations" in (ROOT / "alembic.ini").read_text(encoding="utf-8")
    stage = final_stage(api_image)
    workdir = PurePosixPath("/")
    copied: set[PurePosixPath] = set()
    installed_from: list[PurePosixPath] = []
    for instruction in stage:
        if instruction.keyword == "WORKDIR":
            workdir = workdir / instruction.value
        elif instruction.keyword == "COPY" and "--from" not in instruction.value:
            *sources, target = instruction.value.split()
            destination = workdir / target
            for source in sources:
                copied.add(destination / source if target.endswith("/") else destination)
        elif instruction.keyword == "RUN" and "pip install" in instruction.value:
            match = re.search(r"(?:^|\s)(?:-e|--editable)\s+(\S+)", instruction.value)
            if match:
                installed_from.append(workdir / match[1])
    assert installed_from, "install the package in place: pip install -e ."
    project = installed_from[-1]
    assert project / "alembic.ini" in copied
    assert project / "backend" in copied


class _Health(BaseHTTPRequestHandler):
    status = 200

    def do_GET(self) -> None:
        code = self.status if self.path == "/api/v1/health" else 404
        self.send_response(code)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *_: Any) -> None:
        pass


@pytest.fixture
def health_server() -> Iterator[tuple[type[_Health], int]]:
    handler = type("Health", (_Health,), {})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield handler, server.server_address[1]
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(("status", "healthy"), [(200, True), (503, False)])
def test_healthcheck_asks_the_api_health_endpoint(
    api_image: list[parsing.Instruction],
    health_server: tuple[type[_Health], int],
    status: int,
    healthy: bool,
) -> None:
    handler, port = health_server
    handler.status = status
    command = last(final_stage(api_image), "HEALTHCHECK").exec_form()
    assert PurePosixPath(command[0]).name.startswith("python"), "the slim image has python, not curl"
    result = subprocess.run(
        [sys.executable, *command[1:]], env={"PORT": str(port)}, capture_output=True, timeout=30, check=False
    )
    assert (result.returncode == 0) is healthy, result.stderr.decode()


def test_the_health_endpoint_exists() -> None:
    from anchang.main import create_app

    app = create_app(Settings(database_url="postgresql+psycopg://unused/unused"))  # type: ignore[call-arg]
    assert "get" in app.openapi()["paths"]["/api/v1/health"]
