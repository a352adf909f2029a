"""`/health` says the process is up; `/ready` that it can reach the database."""

from fastapi import APIRouter, Request
from sqlalchemy import text

from anchang.core.db import get_database
from anchang.core.errors import AppError, responses
from anchang.core.routing import AppRoute
from anchang.core.schemas import ResponseModel

router = APIRouter(tags=["health"], route_class=AppRoute)


class Status(ResponseModel):
    status: str


class DatabaseUnavailable(AppError):
    status, code, title = 503, "database_unavailable", "The database cannot be reached"


@router.get("/health", summary="The process is up")
async def health() -> Status:
    return Status(status="ok")


@router.get("/ready", responses=responses(DatabaseUnavailable), summary="The database is reachable")
async def ready(request: Request) -> Status:
    try:
        async with get_database(request).session(read_only=True) as session:
            await session.execute(text("SELECT 1"))
    except Exception as exc:
        raise DatabaseUnavailable() from exc
    return Status(status="ready")
