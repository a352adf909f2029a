"""The reservation sweeper: expired reservations (预留到期) free their units, with history and live events.

Reads already show an expired reservation's unit as available; the sweep writes that change down,
so the unit's history says when it happened and watching boards get the event. Every worker runs
one; an advisory lock lets one sweep at a time.
"""

import asyncio
import logging

from sqlalchemy import text

from anchang.core.db import Database
from anchang.inventory import reservations

log = logging.getLogger(__name__)
SWEEP_LOCK = 7421001  # pg_try_advisory_xact_lock key: one sweeping worker at a time


async def sweep_once(database: Database) -> int:
    """Free the units of expired reservations if no other worker is at it; how many were freed."""
    async with database.session() as session:
        if not await session.scalar(text(f"SELECT pg_try_advisory_xact_lock({SWEEP_LOCK})")):
            return 0
        freed = await reservations.expire_reservations(session)
        await session.commit()
        return freed


async def sweep_forever(database: Database, interval_seconds: float) -> None:
    while True:
        await asyncio.sleep(interval_seconds)
        try:
            freed = await sweep_once(database)
        except Exception:
            log.exception("reservation sweep failed; retrying in %s s", interval_seconds)
        else:
            if freed:
                log.info("reservation sweep freed %d units", freed)
