"""docker-compose.yml: PostgreSQL, the API and the web server, wired for production."""

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url

from anchang.core.config import Settings, get_settings
from tests.deploy import parsing
from tests.deploy.parsing import ROOT

# What an operator exports before `docker compose up` (docs/configuration.md).
OPERATOR_ENV = {"ANCHANG_SECRET_KEY": "k" * 64, "ANCHANG_DB_PASSWORD": "0123abcd" * 3}


def setting_env_names() -> dict[str, str]:
    """Environment variable → Settings field, as pydantic-settings reads them."""
    prefix = Settings.model_config.get("env_prefix") or ""
    return {f"{prefix}{name}".upper(): name for name in Settings.model_fields}


def resolved(env: dict[str, str], operator_env: dict[str, str] | None = None) -> dict[str, str]:
    source = OPERATOR_ENV if operator_env is None else operator_env
    return {key: parsing.interpolate(value, source) for key, value in env.items()}


def named_volume(mount: Any) -> tuple[str, str]:
    """(source, target) of a service volume in short or long syntax."""
    if isinstance(mount, dict):
        return str(mount.get("source", "")), str(mount["target"])
    source, target = str(mount).split(":")[:2]
    return source, target


def published_ports(service: dict[str, Any]) -> list[tuple[str, int]]:
    """(published, target) of a service's `ports`, interpolated."""
    out = []
    for port in service.get("ports") or []:
        if isinstance(port, dict):
            out.append((str(port.get("published", "")), int(port["target"])))
        else:
            text = parsing.interpolate(str(port), OPERATOR_ENV).split("/")[0]
            published, _, target = text.rpartition(":")
            out.append((published.rpartition(":")[2], int(target)))
    return out


class TestServices:
    def test_db_api_and_web_exist(self, services: dict[str, Any]) -> None:
        assert {"db", "api", "web"} <= set(services)

    def test_db_is_postgresql_18_like_the_embedded_server_on_a_named_volume(
        self, compose: dict[str, Any], services: dict[str, Any]
    ) -> None:
        db = services["db"]
        assert str(db["image"]).startswith("postgres:18")
        mounts = [named_volume(m) for m in db.get("volumes") or []]
        # PostgreSQL 18 images keep PGDATA in a versioned folder below /var/lib/postgresql.
        data = [source for source, target in mounts if target == "/var/lib/postgresql"]
        assert data, "the database files must live on a volume"
        assert data[0] in (compose.get("volumes") or {}), f"{data[0]} is not a named volume of the file"

    def test_db_healthcheck_asks_pg_isready_for_the_app_database(self, services: dict[str, Any]) -> None:
        db = services["db"]
        test = db["healthcheck"]["test"]
        words = test if isinstance(test, list) else ["CMD-SHELL", test]
        command = " ".join(words[1:])
        assert words[0] in ("CMD", "CMD-SHELL") and "pg_isready" in command
        env = parsing.environment(db)
        assert f"-U {env['POSTGRES_USER']}" in command and f"-d {env['POSTGRES_DB']}" in command

    def test_api_waits_for_a_healthy_db(self, services: dict[str, Any]) -> None:
        depends = services["api"].get("depends_on")
        assert isinstance(depends, dict), "depends_on needs the long form to wait for health"
        assert depends["db"]["condition"] == "service_healthy"

    def test_web_waits_for_the_api_and_publishes_port_80(self, services: dict[str, Any]) -> None:
        web = services["web"]
        depends = web.get("depends_on")
        assert depends and "api" in depends
        assert ("80", 80) in published_ports(web)

    def test_only_the_web_server_is_published(self, services: dict[str, Any]) -> None:
        for name in ("db", "api"):
            assert not services[name].get("ports"), f"{name} must not be reachable from outside"

    def test_images_build_from_this_repository(self, services: dict[str, Any]) -> None:
        for name, dockerfile in (("api", "Dockerfile"), ("web", "deploy/web/Dockerfile")):
            build = services[name]["build"]
            context = ROOT / build["context"]
            assert (context / build.get("dockerfile", "Dockerfile")).resolve() == (
                ROOT / dockerfile
            ).resolve()
        # BuildKit reads <Dockerfile>.dockerignore beside the Dockerfile.
        assert (ROOT / "deploy/web/Dockerfile.dockerignore").is_file()


class TestApiEnvironment:
    def test_every_variable_is_a_setting(self, api_env: dict[str, str]) -> None:
        fields = setting_env_names()
        unknown = sorted(name for name in api_env if name.upper() not in fields)
        assert not unknown, f"not fields of anchang.core.config.Settings: {unknown}"

    def test_the_secret_key_comes_from_the_operator(self, api_env: dict[str, str]) -> None:
        raw = api_env["SECRET_KEY"]
        refs = parsing.variables(raw)
        assert len(refs) == 1 and refs[0][1] in (":?", "?"), "SECRET_KEY must be ${VAR:?…}, required"
        assert raw.startswith("${") and raw.endswith("}"), "nothing of the secret may be written in the file"
        with pytest.raises(parsing.MissingVariable):
            parsing.interpolate(raw, {})

    def test_the_database_password_comes_from_the_operator(
        self, services: dict[str, Any], api_env: dict[str, str]
    ) -> None:
        password = parsing.environment(services["db"])["POSTGRES_PASSWORD"]
        refs = parsing.variables(password)
        assert len(refs) == 1 and refs[0][1] in (":?", "?")
        assert refs[0][0] in {name for name, _ in parsing.variables(api_env["DATABASE_URL"])}
        with pytest.raises(parsing.MissingVariable):
            parsing.interpolate(password, {})

    def test_database_url_names_the_db_service(
        self, services: dict[str, Any], api_env: dict[str, str]
    ) -> None:
        db = resolved(parsing.environment(services["db"]))
        url = make_url(resolved(api_env)["DATABASE_URL"])
        assert url.drivername == "postgresql+psycopg"
        assert (url.host, url.port or 5432) == ("db", 5432)
        assert (url.username, url.password, url.database) == (
            db["POSTGRES_USER"],
            db["POSTGRES_PASSWORD"],
            db["POSTGRES_DB"],
        )

    def test_settings_read_it_as_production(
        self, api_env: dict[str, str], settings_env: Callable[..., None]
    ) -> None:
        env = resolved(api_env)
        settings_env(env)
        settings = Settings(_env_file=None)  # type: ignore[call-arg]
        assert settings.is_production
        assert settings.secret_key == OPERATOR_ENV["ANCHANG_SECRET_KEY"]
        assert settings.database_url == env["DATABASE_URL"]
        assert settings.workers > 1


@pytest.fixture
def settings_env(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[Callable[[dict[str, str]], None]]:
    """Replace every Settings variable of this process's environment with `env`."""

    def apply(env: dict[str, str]) -> None:
        for name in setting_env_names():
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        monkeypatch.chdir(tmp_path)  # no .env of a developer's checkout is read
        get_settings.cache_clear()

    yield apply
    get_settings.cache_clear()


class TestContainerStart:
    """The image's CMD, run through the real CLI with the compose environment (server and DB stubbed)."""

    def serve(
        self, api_image: list[parsing.Instruction], env: dict[str, str], settings_env: Callable[..., None]
    ) -> tuple[bool, dict[str, Any], list[str]]:
        import uvicorn

        import anchang.cli
        import anchang.demo

        cmd = [i for i in parsing.stages(api_image)[-1] if i.keyword == "CMD"][-1].exec_form()
        argv = cmd[cmd.index("-m") + 2 :]
        settings_env(env)
        seeded: list[str] = []
        migrated: list[str] = []
        served: dict[str, Any] = {}

        async def seed_if_empty(url: str) -> bool:
            seeded.append(url)
            return True

        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(anchang.demo, "seed_if_empty", seed_if_empty)
            mp.setattr(anchang.cli, "migrate", lambda url, *a, **k: migrated.append(url))
            mp.setattr(uvicorn, "run", lambda app, **kwargs: served.update(app=app, **kwargs))
            anchang.cli.main(argv)
        return bool(seeded), served, migrated

    def test_production_migrates_and_loads_no_demo_data(
        self, api_image: list[parsing.Instruction], api_env: dict[str, str], settings_env: Callable[..., None]
    ) -> None:
        env = resolved(api_env)
        seeded, served, migrated = self.serve(api_image, env, settings_env)
        assert migrated == [env["DATABASE_URL"]]
        assert not seeded
        assert served["app"] == "anchang.main:create_app" and served["factory"] is True
        assert (served["host"], served["port"], served["workers"]) == (
            env["HOST"],
            int(env["PORT"]),
            int(env["WORKERS"]),
        )
        assert served["host"] == "0.0.0.0"  # noqa: S104 - inside its container, behind the web server

    def test_the_same_start_outside_production_would_seed(
        self, api_image: list[parsing.Instruction], api_env: dict[str, str], settings_env: Callable[..., None]
    ) -> None:
        # The control for the test above: the stubs do see the demo data being loaded.
        env = resolved(api_env) | {"ANCHANG_ENV": "development"}
        seeded, _, _ = self.serve(api_image, env, settings_env)
        assert seeded
