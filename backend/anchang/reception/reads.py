"""Reception on the lean read path (core/reads.py): a day's roster and today's rotation, one statement
each, with the consultants' names (org's subquery) and, for the rotation, the turns taken today."""

from datetime import date
from typing import Any

from sqlalchemy import Date, bindparam, func, literal, select, true

from anchang.core.access import ProjectAccess
from anchang.core.calendar import today_in
from anchang.core.reader import Reader, Row
from anchang.core.reads import per_caller
from anchang.core.repository import AnySelect
from anchang.core.security import Principal
from anchang.org import service as org
from anchang.reception.models import DutyStatus, RosterEntry, RotationState, RotationTurn, TurnKind
from anchang.reception.repository import RosterRepository, RotationRepository, TurnRepository

ENTRY_COLUMNS = (
    RosterEntry.id,
    RosterEntry.created_at,
    RosterEntry.updated_at,
    RosterEntry.version,
    RosterEntry.project_id,
    RosterEntry.work_date,
    RosterEntry.user_id,
    RosterEntry.position,
    RosterEntry.status,
    RosterEntry.note,
)


def _entries_of_day(caller: Principal) -> AnySelect:
    # The roster of `:project_id` on `:day`, in rotation order, with each consultant's name.
    return (
        RosterRepository(None, caller)
        .scoped()
        .with_only_columns(*ENTRY_COLUMNS, org.user_name_of(caller, RosterEntry.user_id).label("full_name"))
        .where(
            RosterEntry.project_id == bindparam("project_id"),
            RosterEntry.work_date == bindparam("day", type_=Date),
        )
    )


@per_caller
def roster_of_day(caller: Principal) -> AnySelect:
    """The roster of the project `:project_id` on `:day`, in rotation order, with names."""
    return _entries_of_day(caller).order_by(RosterEntry.position, RosterEntry.id)


async def roster(reader: Reader, access: ProjectAccess, day: date | None) -> dict[str, Any]:
    """A day's roster (default today, project time), as `schemas.Roster`."""
    day = day or today_in(access)
    rows = await reader.rows(roster_of_day(access.principal), {"project_id": access.project.id, "day": day})
    for row in rows:
        row["user"] = {"id": row.pop("user_id"), "full_name": row.pop("full_name") or ""}
    return {"date": day, "entries": rows}


@per_caller
def rotation_of_day(caller: Principal) -> AnySelect:
    """Today's (`:day`) roster of the project `:project_id` with each consultant's turns taken, beside
    the project's rotation state; one row with null entry columns when nobody is on the roster."""
    turns_taken = (
        TurnRepository(None, caller)
        .scoped()
        .with_only_columns(func.count())
        .where(
            RotationTurn.project_id == bindparam("project_id"),
            RotationTurn.work_date == bindparam("day", type_=Date),
            RotationTurn.kind == TurnKind.turn,
            RotationTurn.consultant_id == RosterEntry.user_id,
        )
        .scalar_subquery()
    )
    entries = _entries_of_day(caller).add_columns(turns_taken.label("turns_today")).subquery("entries")
    state = (
        RotationRepository(None, caller)
        .scoped()
        .where(RotationState.project_id == bindparam("project_id"))
        .subquery("state")
    )

    def of_state(column: Any) -> Any:
        return select(column).scalar_subquery()

    anchor = select(literal(1).label("one")).subquery("anchor")
    return (
        select(
            of_state(state.c.work_date).label("state_date"),
            of_state(state.c.last_position).label("state_last_position"),
            of_state(state.c.turns).label("state_turns"),
            entries.c.id,
            entries.c.user_id,
            entries.c.full_name,
            entries.c.position,
            entries.c.status,
            entries.c.turns_today,
        )
        .select_from(anchor.outerjoin(entries, true()))
        .order_by(entries.c.position, entries.c.id)
    )


async def rotation(reader: Reader, access: ProjectAccess) -> dict[str, Any]:
    """Today's reception queue, from whoever takes the next walk-in (as `service.rotation` gives it)."""
    day = today_in(access)
    rows = await reader.rows(rotation_of_day(access.principal), {"project_id": access.project.id, "day": day})
    first = rows[0]
    today = first.state_date == day
    last = first.state_last_position if today else 0
    entries = [row for row in rows if row.id is not None]
    available = [e for e in entries if e.status is DutyStatus.on_duty]
    # The first available consultant after the last turn, going round (`service._pick`).
    following: Row | None = (
        next((e for e in available if e.position > last), available[0]) if available else None
    )
    start = next((i for i, e in enumerate(entries) if following is not None and e.id == following.id), 0)
    queue = [
        {
            "roster_entry_id": e.id,
            "user": {"id": e.user_id, "full_name": e.full_name},
            "position": e.position,
            "status": e.status,
            "turns_today": e.turns_today,
            "is_next": following is not None and e.id == following.id,
        }
        for e in entries[start:] + entries[:start]
        if e.full_name is not None
    ]
    return {
        "date": day,
        "turns_today": first.state_turns if today else 0,
        "next": (
            {"id": following.user_id, "full_name": following.full_name}
            if following is not None and following.full_name is not None
            else None
        ),
        "queue": queue,
    }
