"""What one caller is shown of units: floor prices or not, holds as holds or as sold, and what they
may do with each unit (`allowed_actions`)."""

import hashlib
import hmac
import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from anchang.core.access import ProjectAccess
from anchang.core.config import get_settings
from anchang.core.reader import Row
from anchang.core.roles import ProjectRole, sees_floor_price
from anchang.inventory import transitions
from anchang.inventory.models import Unit, UnitStatus
from anchang.inventory.policy import unit_actions
from anchang.inventory.settings import InventorySettings

S = UnitStatus


@dataclass(frozen=True, slots=True)
class Viewer:
    """How units are shown to one caller: floor prices or not, holds as holds or as sold."""

    role: ProjectRole | None
    settings: InventorySettings

    @property
    def sees_floor_price(self) -> bool:
        return sees_floor_price(self.role)

    @property
    def sees_holds(self) -> bool:
        return transitions.sees_holds(self.role, hide_holds=self.settings.hide_holds_from_consultants)

    def status(self, status: UnitStatus) -> UnitStatus:
        return transitions.shown_status(status, sees_holds=self.sees_holds)

    def event(self, payload: dict[str, Any]) -> dict[str, Any]:
        """A unit change as this caller may see it (a hold shows as sold to whom it is hidden from)."""
        if self.sees_holds:
            return payload
        shown = dict(payload)
        for key in ("from", "to"):
            if key in shown:
                shown[key] = self.status(UnitStatus(shown[key])).value
        return shown


def viewer(access: ProjectAccess) -> Viewer:
    """How units are shown to the caller of `access`."""
    return Viewer(role=access.role, settings=InventorySettings.of(access.project.settings))


# What a hold's history entries say to whom holds are hidden: what a deal's entries say
# (deal_units.take_unit_for_deal, deals' do_cancel), so the disguise cannot be told from a sale.
HIDDEN_HOLD_REASON = "subscribed"
HIDDEN_UNHOLD_REASON = "deal cancelled: customer withdrew"


def disguised_deal_id(hold_entry_id: uuid.UUID) -> uuid.UUID:
    """The deal a hidden hold pretends to be: stable for the hold (its start and its end name the same
    one) and, keyed with the secret, not to be derived from anything the caller sees. A consultant
    reading it gets the 404 any colleague's deal answers."""
    digest = hmac.new(get_settings().secret_key.encode(), hold_entry_id.bytes, hashlib.sha256).digest()
    return uuid.UUID(bytes=digest[:16], version=4)


def history_entry(
    entry: dict[str, Any], view: Viewer, hold_entry_id: uuid.UUID | None = None
) -> dict[str, Any]:
    """A unit's history entry as this viewer may see it. To whom holds are hidden, an entry into or out
    of a hold has what a sale's or a cancellation's has: its statuses shown as sold, the actor, a
    deal's reason and a deal as its source (`hold_entry_id` is the entry that began the hold)."""
    statuses = (entry["from_status"], entry["to_status"])
    shown = {**entry, "from_status": view.status(statuses[0]) if statuses[0] is not None else None}
    shown["to_status"] = view.status(statuses[1])
    if view.sees_holds or S.held not in statuses:
        return shown
    shown["reason"] = HIDDEN_HOLD_REASON if statuses[1] is S.held else HIDDEN_UNHOLD_REASON
    shown["source_type"] = "deal"
    shown["source_id"] = disguised_deal_id(hold_entry_id or entry["id"])
    return shown


def status_now(unit: Unit | Row, now: datetime) -> UnitStatus:
    """The unit's status in effect at `now`: a reservation past its end no longer holds it."""
    if unit.status is S.reserved and unit.reserved_until is not None and unit.reserved_until <= now:
        return S.available
    return unit.status


UNIT_FIELDS = (
    # What a unit's view reads of its row (reads.py selects exactly these).
    "id",
    "created_at",
    "updated_at",
    "version",
    "project_id",
    "building_id",
    "kind",
    "code",
    "entrance",
    "floor",
    "position",
    "layout",
    "gross_area",
    "net_area",
    "orientation",
    "list_price",
    "floor_price",
    "status",
    "reserved_until",
    "taken_price",
    "hold_reason",
)
_SHOWN_AS_IS = UNIT_FIELDS[:16]  # from id to list_price


def unit_view(unit: Unit | Row, view: Viewer, now: datetime, access: ProjectAccess) -> dict[str, Any]:
    """The fields of a unit this viewer may see, exactly those of its schema (`Unit` to whom sees
    floor prices, else `UnitPublic`), with what the caller may do with it."""
    # By key, not attribute: a list of units runs this per row, and a Row's attributes are its
    # slow path (`__getattr__`); an ORM unit (writes) is read into a dict first.
    u: dict[str, Any] = unit if isinstance(unit, dict) else {f: getattr(unit, f) for f in UNIT_FIELDS}
    status = u["status"]
    if status is S.reserved and u["reserved_until"] is not None and u["reserved_until"] <= now:
        status = S.available  # as `status_now`
    data = {f: u[f] for f in _SHOWN_AS_IS}
    taken_price = u["taken_price"]
    data["unit_price"] = per_m2(u["list_price"], u["gross_area"])
    data["price"] = (
        taken_price if taken_price is not None and status in transitions.TAKEN else u["list_price"]
    )
    data["status"] = view.status(status)
    data["reserved_until"] = u["reserved_until"] if status is S.reserved else None
    data["allowed_actions"] = unit_actions(status, access)
    if view.sees_floor_price:  # the full schema; the public one has neither field
        data["floor_price"] = u["floor_price"]
        data["hold_reason"] = u["hold_reason"] if view.sees_holds and status is S.held else None
    return data


_FEN = Decimal("0.01")


def per_m2(total: Decimal, area: Decimal) -> Decimal:
    """A total price per m² of `area`, to the fen; zero for no area."""

    if not area:
        return Decimal("0.00")
    return (total / area).quantize(_FEN, rounding=ROUND_HALF_UP)
