"""Base schemas: writes reject unknown fields, reads build from ORM objects."""

import uuid
from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Annotated, Any, Generic, TypeVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError


class RequestModel(BaseModel):
    """Every request body: an unknown field is a 422, never silently dropped or mass-assigned."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ResponseModel(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class Record(ResponseModel):
    """The fields every stored resource shows."""

    id: uuid.UUID
    created_at: datetime
    updated_at: datetime
    version: int


def _with_offset(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise PydanticCustomError(
            "timezone_required", "must carry a time zone offset, e.g. 2026-01-01T00:00:00+08:00"
        )
    return value


_CLOCK_SKEW = timedelta(minutes=5)  # a phone's clock may run a little ahead


def _not_ahead(value: datetime) -> datetime:
    if value > datetime.now(UTC) + _CLOCK_SKEW:
        raise PydanticCustomError("time_in_future", "cannot be in the future")
    return value


AwareTime = Annotated[datetime, AfterValidator(_with_offset)]
"""A time a client sends: with its offset, or a 422 naming the field (never compared naive)."""

PastTime = Annotated[datetime, AfterValidator(_with_offset), AfterValidator(_not_ahead)]
"""When something happened (a visit, a call): with its offset and not in the future."""

MONEY_PATTERN = r"^-?\d{1,12}(\.\d{1,2})?$"
_FEN = Decimal("0.01")


def _parse_money(value: Any) -> Decimal:
    # Strings only: a JSON number has already been through a float somewhere and is refused.
    if isinstance(value, Decimal):
        return value.quantize(_FEN, rounding=ROUND_HALF_UP)
    if not isinstance(value, str):
        raise ValueError('money must be a decimal string such as "1250000.00", not a number')
    import re

    if not re.fullmatch(MONEY_PATTERN, value):
        raise ValueError('money must be a decimal string with at most 2 decimals, such as "1250000.00"')
    try:
        return Decimal(value).quantize(_FEN)
    except InvalidOperation as exc:  # pragma: no cover - the pattern already excludes this
        raise ValueError("not a decimal amount") from exc


Money = Annotated[
    Decimal,
    BeforeValidator(_parse_money),
    PlainSerializer(lambda d: f"{d:.2f}", return_type=str),
    WithJsonSchema({"type": "string", "pattern": MONEY_PATTERN, "examples": ["1250000.00"]}),
]
"""Yuan as a decimal string in JSON (`"1250000.00"`), `Decimal` in Python, `NUMERIC(14,2)` in SQL."""

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """A page of a list; pass `next_cursor` back as `?cursor=` for the next one (null at the end)."""

    items: list[T]
    next_cursor: str | None
