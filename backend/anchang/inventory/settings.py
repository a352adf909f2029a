"""Per-project inventory rules, read from `projects.settings` (JSONB) with defaults."""

from dataclasses import dataclass
from typing import Any

MAX_RESERVATION_MINUTES = 1440


@dataclass(frozen=True, slots=True)
class InventorySettings:
    reservation_minutes: int = 30  # a reservation's length, and the longest a consultant may ask
    max_live_reservations: int = 3  # per consultant and project
    hide_holds_from_consultants: bool = True  # a held unit shows to consultants as sold

    @classmethod
    def of(cls, settings: dict[str, Any] | None) -> "InventorySettings":
        s = settings or {}

        def _int(key: str, default: int, low: int, high: int) -> int:
            value = s.get(key, default)
            if isinstance(value, bool) or not isinstance(value, int):
                return default
            return max(low, min(high, value))

        hide = s.get("hide_holds_from_consultants", True)
        return cls(
            reservation_minutes=_int("reservation_minutes", 30, 1, MAX_RESERVATION_MINUTES),
            max_live_reservations=_int("max_live_reservations", 3, 0, 1000),
            hide_holds_from_consultants=hide if isinstance(hide, bool) else True,
        )
