"""What other domains may call of inventory: the one public module of the domain.

Deals take, advance and give back units only through these functions (each a status change by the
rules of `transitions.py`, with history, audit and live events); inside inventory, each capability
has its own module (`units`, `buildings`, `holds`, `releases`, `reservations`, …).
"""

from anchang.core.roles import sees_floor_price
from anchang.inventory.board import LABELS as STATUS_LABELS
from anchang.inventory.board import BoardUnit, board_units
from anchang.inventory.day_counts import reservation_counts, unit_area_of
from anchang.inventory.deal_units import (
    TakenUnit,
    UnitFacts,
    UnitTerms,
    advance_unit,
    release_unit,
    take_unit_for_deal,
    unit_code_of,
    unit_terms_of_project,
    units_for_deals,
)
from anchang.inventory.errors import UnitNotAvailable, UnitTransitionNotAllowed
from anchang.inventory.models import UnitStatus
from anchang.inventory.repository import UnitNotFound

__all__ = [
    "STATUS_LABELS",
    "BoardUnit",
    "TakenUnit",
    "UnitFacts",
    "UnitNotAvailable",
    "UnitNotFound",
    "UnitStatus",
    "UnitTerms",
    "UnitTransitionNotAllowed",
    "advance_unit",
    "board_units",
    "release_unit",
    "reservation_counts",
    "sees_floor_price",
    "take_unit_for_deal",
    "unit_area_of",
    "unit_code_of",
    "unit_terms_of_project",
    "units_for_deals",
]
