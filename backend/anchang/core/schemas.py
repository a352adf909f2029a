"""Base schemas: writes reject unknown fields, reads build from ORM objects."""

import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Annotated, Any, Generic, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    PlainSerializer,
    WithJsonSchema,
    field_validator,
)
from pydantic_core import PydanticCustomError


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list | tuple):
        return any(_has_nul(v) for v in value)
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    return False


class RequestModel(BaseModel):
    """Every request body: an unknown field is a 422, never silently dropped or mass-assigned."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="before")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        # PostgreSQL cannot store NUL in text: refused here, naming the field, instead of a 500 there.
        if _has_nul(value):
            raise PydanticCustomError("nul_character", "must not contain the NUL character (\\u0000)")
        return value


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
# Times and dates a client may send: wide enough for any sale, narrow enough that arithmetic on them
# (a day later, a protection period) and PostgreSQL's conversions never overflow.
EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)


def _in_window(value: datetime) -> datetime:
    if not EARLIEST <= value < LATEST:
        raise PydanticCustomError("time_out_of_range", "must be between 1990 and 2099")
    return value


def _date_in_window(value: date) -> date:
    if not EARLIEST.date() <= value < LATEST.date():
        raise PydanticCustomError("date_out_of_range", "must be between 1990-01-01 and 2099-12-31")
    return value


def _not_ahead(value: datetime) -> datetime:
    if value > datetime.now(UTC) + _CLOCK_SKEW:
        raise PydanticCustomError("time_in_future", "cannot be in the future")
    return value


AwareTime = Annotated[datetime, AfterValidator(_with_offset), AfterValidator(_in_window)]
"""A time a client sends: with its offset and within 1990–2099, or a 422 naming the field."""

PastTime = Annotated[
    datetime, AfterValidator(_with_offset), AfterValidator(_in_window), AfterValidator(_not_ahead)
]
"""When something happened (a visit, a call): with its offset and not in the future."""

SaneDate = Annotated[date, AfterValidator(_date_in_window)]
"""A calendar date a client sends (a due date, a day to list): within 1990–2099."""

MONEY_PATTERN = r"^-?[0-9]{1,12}(\.[0-9]{1,2})?$"  # ASCII digits: \d would take full-width ones
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

NON_NEGATIVE_MONEY_PATTERN = r"^[0-9]{1,12}(\.[0-9]{1,2})?$"


def _not_negative(value: Decimal) -> Decimal:
    if value < 0:
        raise PydanticCustomError("money_negative", "must not be negative")
    return value if value else abs(value)  # "-0.00" is 0.00


NonNegativeMoney = Annotated[
    Decimal,
    BeforeValidator(_parse_money),
    AfterValidator(_not_negative),
    PlainSerializer(lambda d: f"{d:.2f}", return_type=str),
    WithJsonSchema({"type": "string", "pattern": NON_NEGATIVE_MONEY_PATTERN, "examples": ["1250000.00"]}),
]
"""Money where a sign makes no sense (a budget, a deposit, a payment): `Money`, 0.00 or more."""


def _month(value: Any) -> date:
    if isinstance(value, date):
        return _date_in_window(value.replace(day=1))
    import re

    if not isinstance(value, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}", value):
        raise PydanticCustomError("month_format", "must be a month as YYYY-MM, e.g. 2026-11")
    year, month = int(value[:4]), int(value[5:])
    if not 1 <= month <= 12:
        raise PydanticCustomError("month_format", "must be a month as YYYY-MM, e.g. 2026-11")
    return _date_in_window(date(year, month, 1))


SaneMonth = Annotated[
    date,
    BeforeValidator(_month),
    PlainSerializer(lambda d: f"{d:%Y-%m}", return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}$", "examples": ["2026-11"]}),
]
"""A month a client sends as `YYYY-MM`, within 1990–2099; the first day of it in Python."""

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """A page of a list; pass `next_cursor` back as `?cursor=` for the next one (null at the end)."""

    items: list[T]
    next_cursor: str | None
