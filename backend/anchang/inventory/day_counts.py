"""The daily report's figures this domain owns: reservations (预留) made, per consultant and for the
project, for a day with its month and year to date; and a unit's area, for the deals domain's m².

One statement on the (project, created_at) index range from 1 January to the day's end
(core/day_figures.py); a reservation counts on the day it was made, whatever became of it.
"""

from typing import Any

from sqlalchemy import ColumnElement, ScalarSelect, bindparam, func, literal
from sqlalchemy.orm import InstrumentedAttribute

from anchang.core.day_figures import DayCount, Window, attributed, counts, sums, within_year
from anchang.core.reader import Reader
from anchang.core.reads import per_caller
from anchang.core.repository import AnySelect
from anchang.core.security import Principal
from anchang.inventory.models import Reservation, Unit
from anchang.inventory.repository import ReservationRepository, UnitRepository


@per_caller
def _reservations(caller: Principal) -> AnySelect:
    return (
        ReservationRepository(None, caller)
        .readable()
        .with_only_columns(
            Reservation.consultant_id,
            func.grouping(Reservation.consultant_id).label("total"),
            *sums(literal(1), Reservation.created_at),
        )
        .where(Reservation.project_id == bindparam("project_id"), within_year(Reservation.created_at))
        .group_by(func.rollup(Reservation.consultant_id))
    )


async def reservation_counts(reader: Reader, caller: Principal, window: Window) -> list[DayCount]:
    """Reservations made (`reservations`), by the consultant who made them."""
    statement = _reservations(caller)
    rows = await reader.rows(statement, window.values(statement))
    return [counts(row, "reservations", who) for row, who in attributed(rows, "consultant_id")]


def unit_area_of(
    principal: Principal, unit_id: ColumnElement[Any] | InstrumentedAttribute[Any]
) -> ScalarSelect[Any]:
    """The gross area (建筑面积, m²) of the unit whose id is `unit_id` (a column of the caller's
    statement): a correlated subquery, for figures of units sold."""
    return (
        UnitRepository(None, principal)
        .scoped()
        .with_only_columns(Unit.gross_area)
        .where(Unit.id == unit_id)
        .scalar_subquery()
    )
