"""Per-project complaint rules, read from `projects.settings` (JSONB) with defaults.

`complaint_deadlines`: per severity, minutes to acknowledge and to resolve at each level, e.g.
`{"major": {"acknowledge_minutes": 60, "resolve_minutes": 1440}}`; the clock restarts at each level.
`complaint_remedy_authority`: the money remedy (yuan) each role may grant on its own, like the
discount authority of deals; beyond the project manager's, the developer's rep decides.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from anchang.complaints.models import ComplaintSeverity
from anchang.core.roles import ProjectRole

MINUTES_IN_A_YEAR = 525_600


@dataclass(frozen=True, slots=True)
class Deadlines:
    acknowledge: timedelta
    resolve: timedelta


DEFAULT_DEADLINES = {
    ComplaintSeverity.minor: Deadlines(timedelta(hours=2), timedelta(hours=24)),  # resolved on site
    ComplaintSeverity.major: Deadlines(timedelta(hours=1), timedelta(hours=24)),
    ComplaintSeverity.critical: Deadlines(timedelta(minutes=30), timedelta(hours=8)),
}

# Yuan a role may grant as a money remedy without asking anyone (the sales line's ranks).
DEFAULT_REMEDY_AUTHORITY = {
    ProjectRole.supervisor: Decimal("1000"),
    ProjectRole.site_manager: Decimal("10000"),
    ProjectRole.project_manager: Decimal("50000"),
}
REMEDY_LADDER = (ProjectRole.supervisor, ProjectRole.site_manager, ProjectRole.project_manager)


@dataclass(frozen=True, slots=True)
class ComplaintSettings:
    deadlines: dict[ComplaintSeverity, Deadlines] = field(default_factory=lambda: dict(DEFAULT_DEADLINES))
    remedy_authority: dict[ProjectRole, Decimal] = field(
        default_factory=lambda: dict(DEFAULT_REMEDY_AUTHORITY)
    )
    reopen_days: int = 30  # a resolved or closed complaint may be reopened this long after
    rating_link_days: int = 14  # the customer's rating link is valid this long

    @classmethod
    def of(cls, settings: dict[str, Any] | None) -> "ComplaintSettings":
        s = settings or {}
        return cls(
            deadlines=_deadlines(s.get("complaint_deadlines")),
            remedy_authority=_authority(s.get("complaint_remedy_authority")),
            reopen_days=_int(s.get("complaint_reopen_days"), 30, 1, 365),
            rating_link_days=_int(s.get("complaint_rating_link_days"), 14, 1, 90),
        )

    def authority(self, role: ProjectRole | None) -> Decimal:
        """The money remedy `role` may grant on its own (admins as project managers)."""
        if role is ProjectRole.admin:
            role = ProjectRole.project_manager
        return self.remedy_authority.get(role, Decimal(0)) if role is not None else Decimal(0)

    def approver_for(self, role: ProjectRole | None, amount: Decimal) -> ProjectRole | None:
        """None when `role` may grant `amount` itself; else the lowest role whose authority covers it."""
        if amount <= self.authority(role):
            return None
        for candidate in REMEDY_LADDER:
            if amount <= self.authority(candidate):
                return candidate
        return ProjectRole.developer_rep


def _int(value: Any, default: int, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        return default
    return max(low, min(high, value))


def _deadlines(configured: Any) -> dict[ComplaintSeverity, Deadlines]:
    out = dict(DEFAULT_DEADLINES)
    if not isinstance(configured, dict):
        return out
    for severity, default in DEFAULT_DEADLINES.items():
        entry = configured.get(severity.value)
        if not isinstance(entry, dict):
            continue
        acknowledge = _int(entry.get("acknowledge_minutes"), -1, 1, MINUTES_IN_A_YEAR)
        resolve = _int(entry.get("resolve_minutes"), -1, 1, MINUTES_IN_A_YEAR)
        out[severity] = Deadlines(
            timedelta(minutes=acknowledge) if acknowledge > 0 else default.acknowledge,
            timedelta(minutes=resolve) if resolve > 0 else default.resolve,
        )
    return out


def _authority(configured: Any) -> dict[ProjectRole, Decimal]:
    out = dict(DEFAULT_REMEDY_AUTHORITY)
    if not isinstance(configured, dict):
        return out
    for role in REMEDY_LADDER:
        value = configured.get(role.value)
        if isinstance(value, bool) or value is None:
            continue
        try:
            parsed = Decimal(str(value))
        except (InvalidOperation, ValueError):
            continue
        if parsed.is_finite() and parsed >= 0:
            out[role] = parsed
    return out
