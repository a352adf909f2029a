"""docs/ stays true to the code: every setting, compose variable, command and API path it names exists."""

import re
from pathlib import Path
from typing import Any

import pytest

from anchang.core.config import Settings
from tests.deploy import parsing
from tests.deploy.parsing import ROOT
from tests.deploy.test_compose import setting_env_names

DOCS = ROOT / "docs"
# The documents this suite owns (performance.md is written and checked elsewhere).
OWN_DOCS = [
    "architecture.md",
    "configuration.md",
    "operations.md",
    "api-conventions.md",
    "backend-conventions.md",
]


def text(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def table(document: str, heading: str) -> dict[str, list[str]]:
    """The rows of the first table under `## heading`, keyed by the first cell without backticks."""
    section = document.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows: dict[str, list[str]] = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and cells[0].startswith("`"):
            rows[cells[0].strip("`")] = cells[1:]
    return rows


@pytest.mark.parametrize("name", OWN_DOCS)
def test_the_document_exists(name: str) -> None:
    assert len(text(name)) > 500


def test_configuration_lists_every_setting_with_its_default() -> None:
    rows = table(text("configuration.md"), "Application settings")
    names = setting_env_names()
    assert set(rows) == set(names), "docs/configuration.md and Settings disagree"
    for variable, field in names.items():
        default = Settings.model_fields[field].default
        cell = rows[variable][0]
        if default is None:
            assert cell == "unset", variable
        elif isinstance(default, int | str) and field != "secret_key":
            assert f"`{default}`" in cell, f"{variable}: the default is {default}, the doc says {cell}"


def test_configuration_lists_every_compose_variable(compose: dict[str, Any]) -> None:
    rows = table(text("configuration.md"), "docker-compose variables")
    used: dict[str, str | None] = {}
    for service in compose["services"].values():
        for value in parsing.environment(service).values():
            used.update(parsing.variables(value))
        for port in service.get("ports") or []:
            used.update(parsing.variables(str(port)))
    assert set(used) == set(rows)
    for name, op in used.items():
        required = rows[name][0].startswith("yes")
        assert required == (op in (":?", "?")), f"{name}: required in the file is not what the doc says"


def test_named_make_targets_exist() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([A-Za-z][\w-]*)\s*:(?!=)", makefile, re.MULTILINE))
    for name in OWN_DOCS:
        for target in re.findall(r"`make ([\w-]+)", text(name)):
            assert target in targets, f"docs/{name} names make {target}"


def test_named_cli_commands_exist() -> None:
    cli = (ROOT / "backend/anchang/cli.py").read_text(encoding="utf-8")
    commands = set(re.findall(r"add_parser\(\s*\"([\w-]+)\"", cli))
    for name in OWN_DOCS:
        for command in re.findall(r"-m anchang ([a-z][\w-]*)", text(name)):
            assert command in commands, f"docs/{name} names `python -m anchang {command}`"


def _shape(path: str) -> str:
    return re.sub(r"\{[^}]*\}", "{}", path.split("?")[0].rstrip("/.,:;"))


def test_named_api_paths_exist() -> None:
    from anchang.main import create_app

    app = create_app(Settings(database_url="postgresql+psycopg://unused/unused"))  # type: ignore[call-arg]
    served = [*app.openapi()["paths"], app.openapi_url or "", app.docs_url or ""]
    routes = {_shape(path) for path in served}
    for name in OWN_DOCS:
        document = text(name)
        named = re.findall(r"(/api/v1/[\w{}./-]+)", document)
        named += re.findall(r"`(?:GET|POST|PATCH|PUT|DELETE) (/[\w{}./-]+)", document)
        named += re.findall(r"`(/(?:auth|me|users|projects|developers)[\w{}/-]*)`", document)
        for path in named:
            if not path.startswith("/api/v1/"):
                path = "/api/v1" + path
            assert _shape(path) in routes, f"docs/{name} names {path}, which the app does not serve"


def test_operations_describes_every_compose_service(services: dict[str, Any]) -> None:
    rows = table(text("operations.md"), "Production with Docker Compose")
    assert set(rows) == set(services)


def test_docs_link_to_each_other() -> None:
    for name in OWN_DOCS:
        for target in re.findall(r"\]\(([\w-]+\.md)(?:#[\w-]+)?\)", text(name)):
            assert Path(DOCS / target).is_file(), f"docs/{name} links to {target}"
