"""The project's calendar: a sales office counts its days in its own time zone, never in UTC.

A contract signed at 01:00 in Shanghai belongs to that Shanghai day, although UTC still calls it
yesterday; every "today", month and day boundary of a domain comes from here.
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from anchang.core.access import ProjectAccess

DEFAULT_ZONE = "Asia/Shanghai"


def now_utc() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


def zone_named(name: str | None) -> ZoneInfo:
    """A time zone by name; Asia/Shanghai when none or an unknown one is named (validated on write)."""
    try:
        return ZoneInfo(name or DEFAULT_ZONE)
    except (KeyError, ValueError):
        return ZoneInfo(DEFAULT_ZONE)


def project_zone(access: ProjectAccess) -> ZoneInfo:
    """The project's time zone, in which its days, months and due dates are counted."""
    return zone_named(access.project.timezone)


def local_today(timezone: str | None, now: datetime | None = None) -> date:
    """The date in a time zone at `now` (by default, at this moment)."""
    return (now or now_utc()).astimezone(zone_named(timezone)).date()


def today_in(access: ProjectAccess, now: datetime | None = None) -> date:
    """Today in the project's time zone."""
    return local_today(access.project.timezone, now)


def day_bounds(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """A day of the project's calendar as a UTC interval [start, end)."""
    start = datetime.combine(day, time.min, tzinfo=zone)
    return start.astimezone(UTC), (start + timedelta(days=1)).astimezone(UTC)
