"""Typed application errors and their one rendering as RFC 9457 problem details.

Domains declare subclasses of `AppError` with a status and a stable `code`; services raise them;
the handlers registered here render every error — ours, FastAPI's and Starlette's — the same way.
"""

import logging
from collections.abc import Sequence
from http import HTTPStatus
from typing import Any, ClassVar

import orjson
import psycopg
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel
from sqlalchemy.exc import DataError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"
UNIQUE_VIOLATION = "23505"  # PostgreSQL's SQLSTATE
# A row still refers to one being deleted (23001 under RESTRICT) or to one that is gone (23503).
REFERENCE_VIOLATIONS = frozenset({"23503", "23001"})
DATA_EXCEPTION_CLASS = "22"  # SQLSTATE class of values PostgreSQL cannot take (NUL, out of range…)
RETRY_AFTER_SECONDS = 5  # what a client waits before trying again while the database is away
# RFC 9457's members and ours: an error's extension fields never overwrite them.
PROBLEM_MEMBERS = frozenset({"type", "title", "status", "detail", "instance", "code", "errors"})


class ProblemResponse(Response):
    media_type = PROBLEM_JSON

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


class FieldError(BaseModel):
    field: str
    message: str


class Problem(BaseModel):
    """RFC 9457 problem details as this API sends them."""

    type: str
    title: str
    status: int
    detail: str | None = None
    code: str
    errors: list[FieldError] | None = None


class AppError(Exception):
    """Base of every error a service raises on purpose."""

    status: ClassVar[int] = 400
    code: ClassVar[str] = "bad_request"
    title: ClassVar[str] = "Bad request"
    # Set on errors whose request must still leave a trace (a failed login is counted).
    commit_on_error: ClassVar[bool] = False

    def __init__(self, detail: str | None = None, *, headers: dict[str, str] | None = None, **extra: Any):
        super().__init__(detail or self.title)
        self.detail = detail or self.title
        self.headers = headers or {}
        self.extra = extra


class NotFound(AppError):
    status, code, title = 404, "not_found", "Not found"


class Unauthorized(AppError):
    status, code, title = 401, "not_authenticated", "Not authenticated"

    def __init__(self, detail: str | None = None, **extra: Any):
        super().__init__(detail, headers={"WWW-Authenticate": "Bearer"}, **extra)


class Forbidden(AppError):
    status, code, title = 403, "forbidden", "Forbidden"


class Conflict(AppError):
    status, code, title = 409, "conflict", "Conflict"


class PreconditionFailed(AppError):
    status, code, title = 412, "precondition_failed", "Precondition failed"


class ValidationFailed(AppError):
    """A rule on the input that a schema cannot express; names the fields."""

    status, code, title = 422, "validation_error", "Validation error"

    def __init__(self, errors: Sequence[FieldError] | dict[str, str], detail: str | None = None):
        if isinstance(errors, dict):
            errors = [FieldError(field=f, message=m) for f, m in errors.items()]
        super().__init__(detail or "; ".join(f"{e.field}: {e.message}" for e in errors))
        self.errors = list(errors)


class TooManyRequests(AppError):
    status, code, title = 429, "too_many_requests", "Too many requests"

    def __init__(self, detail: str | None = None, *, retry_after: int):
        super().__init__(detail, headers={"Retry-After": str(retry_after)})


def problem_response(
    status: int,
    code: str,
    title: str | None = None,
    detail: str | None = None,
    *,
    errors: Sequence[FieldError] | None = None,
    headers: dict[str, str] | None = None,
    extra: dict[str, Any] | None = None,
) -> ProblemResponse:
    body: dict[str, Any] = {
        "type": f"https://anchang.dev/problems/{code}",
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "code": code,
    }
    if errors is not None:
        body["errors"] = [e.model_dump() for e in errors]
    if extra:
        shadowing = PROBLEM_MEMBERS.intersection(extra)
        if shadowing:
            log.error("problem extension fields %s shadow problem members; dropped", sorted(shadowing))
        body.update({k: v for k, v in extra.items() if k not in PROBLEM_MEMBERS})
    return ProblemResponse(body, status_code=status, headers=headers)


_STATUS_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    412: "precondition_failed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "too_many_requests",
}


def _field_name(loc: Sequence[Any]) -> str:
    # ("body", "email") → "email"; ("query", "limit") → "limit"; nested → "buyers.0.name"
    parts = [str(p) for p in loc]
    if parts and parts[0] in {"body", "query", "path", "header", "cookie", "form"}:
        parts = parts[1:]
    return ".".join(parts) or "body"


async def _app_error(_: Request, exc: Exception) -> ProblemResponse:
    assert isinstance(exc, AppError)
    errors = exc.errors if isinstance(exc, ValidationFailed) else None
    return problem_response(
        exc.status,
        exc.code,
        exc.title,
        exc.detail,
        errors=errors,
        headers=exc.headers,
        extra=exc.extra or None,
    )


async def _validation_error(_: Request, exc: Exception) -> ProblemResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [
        FieldError(field=_field_name(e.get("loc", ())), message=str(e.get("msg", ""))) for e in exc.errors()
    ]
    detail = "; ".join(f"{e.field}: {e.message}" for e in errors)
    return problem_response(422, "validation_error", "Validation error", detail, errors=errors)


async def _http_error(_: Request, exc: Exception) -> ProblemResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = _STATUS_CODES.get(exc.status_code, f"http_{exc.status_code}")
    detail = exc.detail if isinstance(exc.detail, str) else None
    return problem_response(exc.status_code, code, detail=detail, headers=dict(exc.headers or {}))


async def _stale(_: Request, exc: Exception) -> ProblemResponse:
    # A concurrent write changed the row between our read and our versioned UPDATE.
    return problem_response(
        412,
        "precondition_failed",
        detail="The resource was changed by someone else; fetch it again and retry",
    )


async def _integrity(request: Request, exc: Exception) -> ProblemResponse:
    # Services check uniqueness first and answer with their own code; a concurrent request that
    # committed the same name or code between that check and our INSERT lands here.
    assert isinstance(exc, IntegrityError)
    if getattr(exc.orig, "sqlstate", None) == UNIQUE_VIOLATION:
        return problem_response(
            409,
            "already_exists",
            "Already exists",
            "Another request has just created the same thing; fetch and retry",
        )
    if getattr(exc.orig, "sqlstate", None) in REFERENCE_VIOLATIONS:
        # Foreign keys restrict deletes; services lock the parent row so that a delete and an insert
        # under it meet as a 404 or a 409 of their own. Anything else that still meets here lost a race
        # with a concurrent delete or insert: a conflict to retry, never a server error.
        return problem_response(
            409,
            "reference_conflict",
            "Refers to a changed row",
            "A row this refers to was just removed, or one still refers to this one; fetch and retry",
        )
    return await _unhandled(request, exc)


def _sqlstate(exc: Exception) -> str:
    return str(getattr(getattr(exc, "orig", exc), "sqlstate", None) or "")


async def _data_error(request: Request, exc: Exception) -> ProblemResponse:
    # Schemas refuse what they can name (NUL in a string, a number out of range); a value that still
    # reaches PostgreSQL (SQLSTATE class 22) or that psycopg cannot send (NUL) is the client's input
    # too, never a server error.
    orig = getattr(exc, "orig", exc)
    if not (isinstance(orig, psycopg.DataError) or _sqlstate(exc).startswith(DATA_EXCEPTION_CLASS)):
        return await _unhandled(request, exc)
    log.warning("database refused a value: %s", getattr(exc, "orig", exc))
    return problem_response(
        422, "invalid_value", "Invalid value", "A value in the request cannot be stored or compared"
    )


async def _database_unavailable(request: Request, exc: Exception) -> ProblemResponse:
    if isinstance(getattr(exc, "orig", exc), psycopg.errors.QueryCanceled):
        return await _read_timeout(request, exc)
    # PostgreSQL is down, restarting, or dropped the connection: the request did nothing, try again.
    log.error("database unavailable: %s", exc)
    return problem_response(
        503,
        "database_unavailable",
        "Database unavailable",
        "The database cannot be reached right now; nothing was changed. Try again shortly.",
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


async def _read_timeout(_: Request, exc: Exception) -> ProblemResponse:
    # The read ran past `read_timeout_seconds` and PostgreSQL stopped it (core/db.py): not an outage.
    log.warning("read stopped at its timeout: %s", exc)
    return problem_response(
        503,
        "read_timeout",
        "The read took too long",
        "The database stopped this read at its time limit; nothing was changed. Ask for a shorter period "
        "or try again later.",
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


async def _database_busy(_: Request, exc: Exception) -> ProblemResponse:
    # Every connection of the pool stayed lent for its whole timeout: the database is there, but
    # this worker has more requests than connections. The same answer as the fast read path's.
    log.error("database busy: %s", exc)
    return problem_response(
        503,
        "database_busy",
        "Too many requests are waiting for the database",
        "No database connection came free in time; nothing was changed. Try again shortly.",
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


async def _psycopg_error(request: Request, exc: Exception) -> ProblemResponse:
    # The fast read path (core/reader.py) runs on psycopg directly, so its errors arrive unwrapped.
    if isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError):
        return await _database_unavailable(request, exc)
    return await _data_error(request, exc)


async def _unhandled(_: Request, exc: Exception) -> ProblemResponse:
    log.exception("unhandled error", exc_info=exc)
    return problem_response(500, "internal_error", detail="An unexpected error occurred; it has been logged.")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(AppError, _app_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(StaleDataError, _stale)
    app.add_exception_handler(IntegrityError, _integrity)
    app.add_exception_handler(DataError, _data_error)
    app.add_exception_handler(OperationalError, _database_unavailable)
    app.add_exception_handler(InterfaceError, _database_unavailable)
    app.add_exception_handler(PoolTimeout, _database_busy)
    app.add_exception_handler(psycopg.Error, _psycopg_error)
    app.add_exception_handler(Exception, _unhandled)


def responses(*errors: type[AppError]) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` for a route: the problem schema under each error's status."""
    out: dict[int | str, dict[str, Any]] = {}
    for err in errors:
        entry = out.setdefault(err.status, {"model": Problem, "description": ""})
        entry["description"] = ", ".join(filter(None, [entry["description"], f"`{err.code}`"]))
    return out
