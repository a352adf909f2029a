"""The lean read path: how every list and every detail of the API is read and answered.

A GET costs what PostgreSQL does plus as little Python as we can manage, in four steps:

1. **The statement is built once per caller and shape.** A domain's read function is decorated with
   `@per_caller`: it takes the caller and the *shape* of the request (which filters are present, not
   their values), starts from its repository's `readable()` statement — so the organization, the
   caller's projects and the domain's row rule are in the statement, exactly as for every other read —
   and names the request's values as bind parameters (`bindparam("project_id")`). Related names come
   from the owning domain's service as correlated subqueries in the same statement (one round trip
   per page, never one per row).
2. **It runs on psycopg directly** (`Reader.rows`, core/reader.py): compiled once per statement
   object, this call's values bound by name, no ORM session or identity map. Rows are dicts that also
   answer attribute access (`row.status`), with enums as the domain's enums, so the domain's policy
   functions (`allowed_actions`) run on them unchanged.
3. **Pages** (`read_page`, core/pagination.py) add the cursor, `updated_since` and the limit as bind
   parameters too, so paging never builds a statement.
4. **The answer is serialized once, by orjson** (`answer`): FastAPI's response validation is skipped
   (the route still declares its response model, which documents it in OpenAPI). We do not validate
   what we just read from our own database; instead, under tests (`CHECK_ANSWERS=1`), every answer is
   compared with what its response model would have produced, field by field, so a read that drifts
   from its schema fails the test that made it.
"""

from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache, wraps
from typing import Any, Concatenate, ParamSpec, TypeVar

import orjson
from fastapi import Response
from pydantic import BaseModel, TypeAdapter

from anchang.core.config import get_settings
from anchang.core.etag import etag_for
from anchang.core.repository import statement_principal
from anchang.core.security import Principal

P = ParamSpec("P")
S = TypeVar("S")

_OPTIONS = orjson.OPT_UTC_Z  # as pydantic writes UTC: "…Z"


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        # NUMERIC(14,2) reads back with two decimals, which is how Money is written ("1250000.00").
        return str(value)
    raise TypeError(f"{type(value).__name__} is not serializable")


def per_caller(build: Callable[Concatenate[Principal, P], S]) -> Callable[Concatenate[Principal, P], S]:
    """Memoize a statement builder per caller (who and where, not which login) and shape.

    Shape arguments must be hashable and few-valued (flags, enums): values go in as bind parameters."""
    cached = lru_cache(maxsize=4096)(build)

    @wraps(build)
    def statement(principal: Principal, *args: P.args, **kwargs: P.kwargs) -> S:
        caller = statement_principal(principal.user_id, principal.organization_id, principal.is_admin)
        return cached(caller, *args, **kwargs)  # type: ignore[arg-type]  # shapes are hashable

    statement.cache_clear = cached.cache_clear  # type: ignore[attr-defined]  # for what changes a shape
    return statement


@lru_cache(maxsize=512)
def _adapter(model: Any) -> TypeAdapter[Any]:
    return TypeAdapter(model)


def answer(
    model: Any,
    content: Any,
    *,
    status_code: int = 200,
    version: int | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """`content` (rows, dicts, lists) as the JSON of `model`, the route's declared response model.

    `version` sets the ETag, as `set_etag` does for other responses."""
    body = orjson.dumps(content, default=_default, option=_OPTIONS)
    if get_settings().check_answers:
        _check(model, body)
    response = Response(body, status_code=status_code, media_type="application/json", headers=headers)
    if version is not None:
        response.headers["ETag"] = etag_for(version)
    return response


def _check(model: Any, body: bytes) -> None:
    """Under tests: the answer must be exactly what `model` would have written."""
    adapter = _adapter(model)
    expected = orjson.loads(adapter.dump_json(adapter.validate_json(body)))
    written = orjson.loads(body)
    if expected != written:
        raise AnswerDrift(f"the answer differs from {_name(model)}: {_difference(expected, written)}")


class AnswerDrift(AssertionError):
    """A fast answer that its response model would have written differently (a defect in a read)."""


def _name(model: Any) -> str:
    return model.__name__ if isinstance(model, type) and issubclass(model, BaseModel) else repr(model)


def _difference(expected: Any, written: Any, path: str = "") -> str:
    if isinstance(expected, dict) and isinstance(written, dict):
        for key in sorted(set(expected) | set(written)):
            if key not in written:
                return f"{path}.{key} is missing"
            if key not in expected:
                return f"{path}.{key} is not in the schema"
            if expected[key] != written[key]:
                return _difference(expected[key], written[key], f"{path}.{key}")
    if isinstance(expected, list) and isinstance(written, list) and len(expected) == len(written):
        for i, (e, w) in enumerate(zip(expected, written, strict=True)):
            if e != w:
                return _difference(e, w, f"{path}[{i}]")
    return f"{path or 'the body'}: expected {expected!r}, wrote {written!r}"
