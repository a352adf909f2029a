"""The fast read path's pact with SQLAlchemy: the exact version and the private names it was verified on.

core/reader.py compiles statements through SQLAlchemy internals (see PRIVATE_SQLALCHEMY_API there). On
another version these tests fail first, loudly, before anything subtler does: re-verify each name's
behaviour (tests/core/test_reader.py compares the fast path's rows with the ORM's), re-run
`bench/run.py`, then update SQLALCHEMY_VERIFIED and the pin in pyproject.toml together.
"""

import tomllib
import uuid
from pathlib import Path

import sqlalchemy
from sqlalchemy import select
from sqlalchemy.dialects.postgresql.psycopg import PGDialect_psycopg
from sqlalchemy.sql.compiler import SQLCompiler

from anchang.core import reader
from anchang.core.roles import ProjectRole
from anchang.org.models import ProjectMember

RE_VERIFY = (
    "core/reader.py uses private SQLAlchemy API verified on {verified} only: re-verify "
    + "; ".join(f"{name} ({why})" for name, why in reader.PRIVATE_SQLALCHEMY_API.items())
    + ", run tests/core/test_reader.py and bench/run.py, then update SQLALCHEMY_VERIFIED and pyproject.toml"
)


def test_sqlalchemy_is_the_verified_version() -> None:
    installed, verified = sqlalchemy.__version__, reader.SQLALCHEMY_VERIFIED
    assert installed == verified, f"SQLAlchemy {installed} installed. " + RE_VERIFY.format(verified=verified)


def test_pyproject_pins_the_verified_version() -> None:
    pyproject = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
    pins = [d for d in pyproject["project"]["dependencies"] if d.startswith("sqlalchemy")]
    assert pins == [f"sqlalchemy[asyncio]=={reader.SQLALCHEMY_VERIFIED}"], (
        f"pyproject.toml has {pins}. " + RE_VERIFY.format(verified=reader.SQLALCHEMY_VERIFIED)
    )


def test_the_private_names_are_there_and_behave() -> None:
    where = RE_VERIFY.format(verified=reader.SQLALCHEMY_VERIFIED)
    statement = select(ProjectMember.id).where(
        ProjectMember.role.in_([ProjectRole.consultant, ProjectRole.finance]),
        ProjectMember.user_id == uuid.UUID(int=1),
    )
    assert callable(getattr(statement, "_generate_cache_key", None)), "Select._generate_cache_key: " + where
    key = statement._generate_cache_key()
    assert key is not None and hasattr(key, "key") and hasattr(key, "bindparams"), where
    compiled = statement.compile(dialect=PGDialect_psycopg(), cache_key=key)
    assert isinstance(compiled, SQLCompiler)
    for name in ("_process_parameters_for_postcompile", "_bind_processors"):
        assert hasattr(compiled, name), f"SQLCompiler.{name}: " + where
    assert compiled.post_compile_params, where
    sql, params = reader._compiled.prepare(statement)
    # The IN list expanded into one parameter per value; the enum bound as its value.
    assert sql.count("%(") == 3, (sql, where)
    assert sorted(v for v in params.values() if isinstance(v, str)) == ["consultant", "finance"], (
        params,
        where,
    )
