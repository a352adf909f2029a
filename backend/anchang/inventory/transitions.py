"""The unit status machine and what each role is shown: pure rules, no I/O.

unreleased → available ↔ held            (release / withdrawal, hold / unhold)
available → reserved → available          (reservation, cancelled or expired)
available | reserved → subscribed → contracted → handed_over   (the deal)
subscribed | contracted → available       (the deal cancelled)
available | held → unreleased             (withdrawal, 收盘)
"""

from dataclasses import dataclass

from anchang.core.roles import ProjectRole
from anchang.inventory.models import UnitStatus

S = UnitStatus

ALLOWED: frozenset[tuple[UnitStatus, UnitStatus]] = frozenset(
    {
        (S.unreleased, S.available),
        (S.available, S.unreleased),
        (S.held, S.unreleased),
        (S.available, S.held),
        (S.held, S.available),
        (S.available, S.reserved),
        (S.reserved, S.available),
        (S.available, S.subscribed),
        (S.reserved, S.subscribed),
        (S.subscribed, S.contracted),
        (S.contracted, S.handed_over),
        (S.subscribed, S.available),
        (S.contracted, S.available),
    }
)


@dataclass(frozen=True, slots=True)
class Move:
    """A status change a caller asks for by name: from which statuses (in effect now) to which."""

    sources: frozenset[UnitStatus]
    to: UnitStatus


# The moves of one unit addressed by its id, named as the API names them (`POST /units/{id}/hold`, …).
UNIT_MOVES: dict[str, Move] = {
    "hold": Move(frozenset({S.available}), S.held),
    "unhold": Move(frozenset({S.held}), S.available),
    "reserve": Move(frozenset({S.available}), S.reserved),
}
assert all((a, m.to) in ALLOWED for m in UNIT_MOVES.values() for a in m.sources)


def can_move(name: str, status: UnitStatus) -> bool:
    """Whether a unit in `status` (in effect now) may take the named move."""
    return status in UNIT_MOVES[name].sources


# Statuses in which a unit counts as sold (or being sold) on the board.
TAKEN = frozenset({S.reserved, S.subscribed, S.contracted, S.handed_over})


def allowed(from_status: UnitStatus, to_status: UnitStatus) -> bool:
    return (from_status, to_status) in ALLOWED


def sources(to_status: UnitStatus) -> frozenset[UnitStatus]:
    """The statuses from which a unit may move to `to_status`."""
    return frozenset(a for a, b in ALLOWED if b is to_status)


# What a held unit looks like to those who must not know it is held: simply sold.
HELD_SHOWN_AS = S.subscribed


def sees_holds(role: ProjectRole | None, *, hide_holds: bool) -> bool:
    return not hide_holds or (role is not None and role is not ProjectRole.consultant)


def shown_status(status: UnitStatus, *, sees_holds: bool) -> UnitStatus:
    if status is S.held and not sees_holds:
        return HELD_SHOWN_AS
    return status
