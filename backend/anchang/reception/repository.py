"""Queries of reception, each from the base repository's scoped statement."""

import uuid
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert

from anchang.core.errors import NotFound
from anchang.core.repository import Repository
from anchang.reception.models import RosterEntry, RotationState, RotationTurn, TurnKind


class RosterEntryNotFound(NotFound):
    code = "roster_entry_not_found"


class RosterRepository(Repository[RosterEntry]):
    model = RosterEntry
    not_found = RosterEntryNotFound

    async def of_day(self, project_id: uuid.UUID, day: date) -> list[RosterEntry]:
        statement = (
            self.scoped()
            .where(RosterEntry.project_id == project_id, RosterEntry.work_date == day)
            .order_by(RosterEntry.position, RosterEntry.id)
        )
        return list((await self.session.scalars(statement)).all())

    async def locked(self, id: uuid.UUID) -> RosterEntry:
        """The entry locked FOR UPDATE until the commit, re-read so its status and version are current."""
        statement = self.scoped().where(RosterEntry.id == id).with_for_update()
        entry = await self.session.scalar(statement.execution_options(populate_existing=True))
        if entry is None:
            raise RosterEntryNotFound(f"No roster entry with id {id}")
        return entry


class RotationRepository(Repository[RotationState]):
    model = RotationState

    async def lock(self, organization_id: uuid.UUID, project_id: uuid.UUID) -> RotationState:
        """The project's rotation row, created if missing, locked FOR UPDATE until the commit:
        concurrent `next` calls of one project queue here and take their turns one by one."""
        await self.session.execute(
            insert(RotationState)
            .values(id=uuid.uuid4(), organization_id=organization_id, project_id=project_id)
            .on_conflict_do_nothing(index_elements=["project_id"])
        )
        statement = self.scoped().where(RotationState.project_id == project_id).with_for_update()
        state = (await self.session.execute(statement.execution_options(populate_existing=True))).scalar_one()
        return state

    async def current(self, project_id: uuid.UUID) -> RotationState | None:
        return await self.session.scalar(self.scoped().where(RotationState.project_id == project_id))


class TurnRepository(Repository[RotationTurn]):
    model = RotationTurn

    async def counts(self, project_id: uuid.UUID, day: date) -> dict[uuid.UUID, int]:
        statement = (
            self.scope(select(RotationTurn.consultant_id, func.count()).select_from(RotationTurn))
            .where(RotationTurn.project_id == project_id, RotationTurn.work_date == day)
            .where(RotationTurn.kind == TurnKind.turn)
            .group_by(RotationTurn.consultant_id)
        )
        return {uid: int(n) for uid, n in (await self.session.execute(statement)).all()}
