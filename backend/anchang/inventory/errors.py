"""Inventory's errors with their stable codes (409s and 403s of units, buildings and reservations)."""

from anchang.core.errors import Conflict, Forbidden


class UnitNotAvailable(Conflict):
    code, title = "unit_not_available", "The unit is not available"


class UnitTransitionNotAllowed(Conflict):
    code, title = "unit_transition_not_allowed", "This status change is not allowed for the unit"


class ReservationLimitReached(Conflict):
    code, title = "reservation_limit_reached", "You already hold as many live reservations as allowed"


class CustomerNotYours(Forbidden):
    code, title = "customer_not_yours", "Consultants reserve only for their own customers"


class ReservationNotActive(Conflict):
    code, title = "reservation_not_active", "The reservation has already ended"


class BuildingNameTaken(Conflict):
    code, title = "building_name_taken", "Another building of the project has this name"


class UnitCodeTaken(Conflict):
    code, title = "unit_code_taken", "Another unit of the project has this code or this place"


class BuildingNotEmpty(Conflict):
    code, title = "building_not_empty", "The building still has units"
