"""Keyset (cursor) pagination for every list, with `updated_since` for mobile sync."""

import base64
import uuid
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from functools import lru_cache
from typing import Annotated, Any

import orjson
from fastapi import Depends, Request
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import Integer, Select, bindparam, tuple_
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.sql.elements import KeyedColumnElement

from anchang.core.errors import ValidationFailed
from anchang.core.reader import Reader, Row
from anchang.core.schemas import AwareTime

# A column a list is ordered or filtered by: a model's, or one of a subquery or CTE the page reads from.
OrderColumn = InstrumentedAttribute[Any] | KeyedColumnElement[Any]

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


class PageParams(BaseModel):
    """The paging query of every list: `?limit=&cursor=&updated_since=`."""

    model_config = ConfigDict(frozen=True)

    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page (at most 200)")
    cursor: str | None = Field(None, max_length=512, description="`next_cursor` of the previous page")
    updated_since: AwareTime | None = Field(
        None, description="Only items changed after this time (RFC 3339 with offset)"
    )


_FIRST_PAGE = PageParams()


async def page_params(request: Request) -> PageParams:
    """The paging query, read from the query string by this one dependency.

    Not declared to FastAPI as query parameters: its per-parameter parsing cost about 60 µs a
    request, a fifth of a whole list request. `openapi_parameters()` declares them instead, for
    every route that depends on this (main.py's OpenAPI document).
    """
    query = request.query_params
    given = {name: query[name] for name in PageParams.model_fields if name in query}
    if not given:
        return _FIRST_PAGE
    try:
        return PageParams.model_validate(given)
    except ValidationError as exc:
        errors = [{**error, "loc": ("query", *error["loc"])} for error in exc.errors()]
        raise RequestValidationError(errors) from exc


PageDep = Annotated[PageParams, Depends(page_params)]


def pages(dependant: Dependant) -> bool:
    """Whether a route (its dependant) takes the paging query."""
    return any(d.call is page_params or pages(d) for d in dependant.dependencies)


def openapi_parameters() -> list[dict[str, Any]]:
    """The paging query as OpenAPI parameters, as FastAPI would have declared them."""
    properties = PageParams.model_json_schema()["properties"]
    return [
        {
            "name": name,
            "in": "query",
            "required": False,
            "schema": {k: v for k, v in schema.items() if not (k == "default" and v is None)},
            "description": schema["description"],
        }
        for name, schema in properties.items()
    ]


def _encode(values: list[Any]) -> str:
    raw = orjson.dumps([v.isoformat() if isinstance(v, datetime) else str(v) for v in values])
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str, columns: Sequence[OrderColumn]) -> list[Any]:
    try:
        raw = orjson.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(raw, list) or len(raw) != len(columns):
            raise ValueError
        return [_parse(value, column) for value, column in zip(raw, columns, strict=True)]
    except (ValueError, TypeError, ArithmeticError) as exc:  # anything a forged cursor can raise
        raise ValidationFailed({"cursor": "is not a cursor this list gave out"}) from exc


def encode_cursor(values: list[Any]) -> str:
    """A page's `next_cursor` from the values of its last row's ordering columns, for a list that pages
    by hand (a union of several sources) rather than through `read_page`."""
    return _encode(values)


def decode_cursor(cursor: str, columns: Sequence[OrderColumn]) -> list[Any]:
    """The values `encode_cursor` wrote, each as the Python type of its column (anything with a SQL
    `.type`); 422 for a cursor this API did not give out."""
    return _decode(cursor, columns)


def _parse(value: object, column: OrderColumn) -> Any:
    if not isinstance(value, str):
        raise TypeError("cursor values are strings")
    kind = column.type.python_type
    if kind is datetime:
        at = datetime.fromisoformat(value)
        if at.tzinfo is None:
            raise ValueError("cursor times carry an offset")
        return at
    if kind is uuid.UUID:
        return uuid.UUID(value)
    if kind in (int, Decimal):
        return kind(value)
    return value


@lru_cache(maxsize=4096)
def _page_statement(
    statement: Select[Any],
    order_by: tuple[OrderColumn, ...],
    updated_at: OrderColumn | None,
    after: bool,
    since: bool,
) -> Select[Any]:
    # One statement per (memoized) statement and paging shape: the values are bind parameters.
    if since and updated_at is not None:
        statement = statement.where(updated_at > bindparam("page_updated_since", type_=updated_at.type))
    if after:
        statement = statement.where(
            tuple_(*order_by)
            > tuple_(*(bindparam(f"page_after_{i}", type_=c.type) for i, c in enumerate(order_by)))
        )
    return statement.order_by(*order_by).limit(bindparam("page_limit", type_=Integer))


async def read_page(
    reader: Reader,
    statement: Select[Any],
    params: PageParams,
    values: dict[str, Any] | None = None,
    *,
    order_by: Sequence[OrderColumn],
    updated_at: OrderColumn | None = None,
) -> tuple[list[Row], str | None]:
    """A page of a statement built once per caller (core/reads.py), run with this call's `values`.

    Ordered by `order_by` (ascending, ending in a unique column); `updated_since` filters on
    `updated_at`."""
    since = params.updated_since is not None and updated_at is not None
    after = bool(params.cursor)
    page = _page_statement(statement, tuple(order_by), updated_at, after, since)
    bound = {**(values or {}), "page_limit": params.limit + 1}
    if since:
        bound["page_updated_since"] = params.updated_since
    if after:
        for i, value in enumerate(_decode(params.cursor or "", order_by)):
            bound[f"page_after_{i}"] = value
    rows = await reader.rows(page, bound)
    if len(rows) <= params.limit:
        return rows, None
    rows = rows[: params.limit]
    last = rows[-1]
    return rows, _encode([last[c.key] for c in order_by])
