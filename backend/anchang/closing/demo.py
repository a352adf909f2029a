"""Demo close: the demo project's yesterday built by the site manager, closed, and countersigned by finance
and the developer's rep, so the list and the developer rep's dashboard show a finished close."""

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from anchang.closing.building import build_close
from anchang.closing.signing import close_close, countersign
from anchang.core.access import ProjectAccess
from anchang.core.calendar import local_today
from anchang.core.reader import Reader
from anchang.core.security import Principal
from anchang.org.service import project_access


def session_reader(session: AsyncSession) -> Reader:
    """A reader on the session's own connection, so the lean read path sees the demo's unsaved rows."""

    @asynccontextmanager
    async def connect() -> AsyncIterator[Any]:
        connection = await session.connection()
        raw = await connection.get_raw_connection()
        yield raw.driver_connection

    return Reader(connect)


async def seed_closes(
    session: AsyncSession, organization_id: uuid.UUID, project_id: uuid.UUID, ids: dict[str, uuid.UUID]
) -> None:
    slug = next(
        k.removeprefix("org_") for k, v in ids.items() if k.startswith("org_") and v == organization_id
    )

    async def as_(who: str) -> ProjectAccess:
        principal = Principal(
            user_id=ids[f"{who}@{slug}"],
            organization_id=organization_id,
            is_admin=False,
            session_id=uuid.uuid4(),
        )
        return await project_access(session, principal, project_id)

    site_manager = await as_("sm")
    yesterday = local_today(site_manager.project.timezone) - timedelta(days=1)
    close = await build_close(session, session_reader(session), site_manager, yesterday)
    await close_close(session, site_manager, close)
    await countersign(session, await as_("fin"), close)
    await countersign(session, await as_("dev"), close)
