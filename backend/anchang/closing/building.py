"""Building a day's close: the board as it stood at the cut-off, the day's receipts, and every difference
between them and the deals, counted through the inventory and deals facades and stored in one row.

A past day is read as of its last moment (the board's `?at=`, the deals' statuses then), so rebuilding it
later gives the same board; today is read as it stands now, and a refresh reads it again."""

import asyncio
import uuid
from collections import defaultdict
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.closing.errors import AlreadyClosed, CloseExists, CloseImmutable
from anchang.closing.models import CloseStatus, DailyClose
from anchang.closing.repository import CloseRepository
from anchang.core.access import ProjectAccess
from anchang.core.calendar import day_bounds, project_zone, today_in
from anchang.core.errors import ValidationFailed
from anchang.core.reader import Reader
from anchang.deals import service as deals
from anchang.inventory import service as inventory

ZERO = Decimal("0.00")
SOLD = frozenset({"subscribed", "contracted", "handed_over"})
"""Board statuses that a live deal stands behind (a reservation is not a sale yet)."""
STATUSES = list(inventory.STATUS_LABELS)


def close_day_of(access: ProjectAccess, day: date | None) -> date:
    """The day asked (today in the project's time zone by default); 422 naming `date` for a future one."""
    today = today_in(access)
    if day is None:
        return today
    if day > today:
        raise ValidationFailed(
            {"date": f"cannot be after today ({today.isoformat()}) in the project's time zone"}
        )
    return day


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


def _figures(rows: dict[str, list[Any]]) -> list[dict[str, Any]]:
    return [
        {
            "status": status.value,
            "count": rows.get(status.value, [0, ZERO, ZERO])[0],
            "gross_area": _money(rows.get(status.value, [0, ZERO, ZERO])[1]),
            "amount": _money(rows.get(status.value, [0, ZERO, ZERO])[2]),
        }
        for status in STATUSES
    ]


def snapshot(
    units: list[inventory.BoardUnit], live: list[deals.DealAt], payments: list[deals.DayPayment]
) -> tuple[dict[str, Any], dict[str, Any], list[dict[str, Any]]]:
    """The board's figures by building and in total, the receipts, and the differences (pure)."""
    by_unit = {d.unit_id: d for d in live}
    left = dict(by_unit)
    names: dict[str, str] = {}
    per_building: dict[str, dict[str, list[Any]]] = defaultdict(dict)
    totals: dict[str, list[Any]] = {}
    differences: list[dict[str, Any]] = []
    for unit in units:
        names[unit.building_id] = unit.building_name
        deal = left.pop(uuid.UUID(unit.unit_id), None)
        sold = unit.status in SOLD
        # A sold unit counts at its deal's price; without a deal, at the board's.
        amount = deal.final_price if deal is not None and sold else unit.price
        for figures in (per_building[unit.building_id], totals):
            row = figures.setdefault(unit.status, [0, ZERO, ZERO])
            row[0] += 1
            row[1] += unit.gross_area
            row[2] += amount
        base = {"unit_id": unit.unit_id, "unit_code": unit.code, "board_says": unit.status}
        if sold and deal is None:
            differences.append({"kind": "sold_without_deal", **base, "deal_id": None, "deals_say": None})
        elif deal is not None and not sold:
            differences.append(
                {"kind": "deal_without_sale", **base, "deal_id": str(deal.id), "deals_say": deal.status}
            )
        elif deal is not None and deal.status != unit.status:
            differences.append(
                {"kind": "status_differs", **base, "deal_id": str(deal.id), "deals_say": deal.status}
            )
    for deal in left.values():  # a live deal whose unit is not on the board at all
        differences.append(
            {
                "kind": "deal_without_sale",
                "unit_id": str(deal.unit_id),
                "unit_code": None,
                "deal_id": str(deal.id),
                "board_says": None,
                "deals_say": deal.status,
            }
        )
    board = {
        "buildings": [
            {"id": b_id, "name": names[b_id], "statuses": _figures(rows)}
            for b_id, rows in per_building.items()
        ],
        "totals": _figures(totals),
    }
    methods: dict[str, list[Any]] = {}
    received: dict[str, list[Decimal]] = {}
    for p in payments:
        m = methods.setdefault(p.method, [0, ZERO])
        m[0] += 1
        m[1] += p.amount
        r = received.setdefault(str(p.deal_id), [ZERO, ZERO])
        r[0] += p.amount
        r[1] += p.moved
    for deal_id, (amount, moved) in received.items():
        if amount != moved:
            differences.append(
                {
                    "kind": "receipts_differ",
                    "unit_id": None,
                    "unit_code": None,
                    "deal_id": deal_id,
                    "board_says": _money(amount),
                    "deals_say": _money(moved),
                }
            )
    receipts = {
        "payments": [
            {
                "id": str(p.id),
                "deal_id": str(p.deal_id),
                "kind": p.kind,
                "method": p.method,
                "amount": _money(p.amount),
                "paid_at": p.paid_at.isoformat(),
            }
            for p in payments
        ],
        "by_method": [
            {"method": method, "count": count, "amount": _money(amount)}
            for method, (count, amount) in sorted(methods.items())
        ],
        "total": _money(sum((p.amount for p in payments), ZERO)),
    }
    return board, receipts, differences


async def _read(reader: Reader, access: ProjectAccess, day: date, now: datetime) -> dict[str, Any]:
    start, end = day_bounds(day, project_zone(access))
    # The day's last moment for a past day; now for today (the board's `?at=` counts rows up to it).
    live = end > now
    cutoff = now if live else end - timedelta(microseconds=1)
    at = None if live else cutoff
    units, live_deals, payments = await asyncio.gather(
        inventory.board_units(reader, access, at),
        deals.deals_at(reader, access.principal, access.project.id, at),
        deals.payments_between(reader, access.principal, access.project.id, start, end),
    )
    board, receipts, differences = snapshot(units, live_deals, payments)
    return {
        "cutoff_at": cutoff,
        "built_at": now,
        "built_by": access.principal.user_id,
        "board": board,
        "receipts": receipts,
        "differences": differences,
        "differences_count": len(differences),
        "receipts_total": Decimal(receipts["total"]),
    }


async def _now(session: AsyncSession) -> datetime:
    now = await session.scalar(select(func.now()))
    assert now is not None
    return now


def refuse_change(close: DailyClose) -> None:
    """409 for a change of a day closed (`already_closed`) or countersigned (`close_immutable`)."""
    if close.status == CloseStatus.countersigned:
        raise CloseImmutable(f"The close of {close.day.isoformat()} is countersigned")
    if close.status == CloseStatus.closed:
        raise AlreadyClosed(f"{close.day.isoformat()} is closed already")


async def build_close(
    session: AsyncSession, reader: Reader, access: ProjectAccess, day: date | None
) -> DailyClose:
    """Build and store the close of the project's day; 409 if the day has one (refresh an open one)."""
    day = close_day_of(access, day)
    existing = await session.scalar(
        CloseRepository(session, access.principal)
        .scoped()
        .where(DailyClose.project_id == access.project.id, DailyClose.day == day)
    )
    if existing is not None:
        refuse_change(existing)
        raise CloseExists(f"{day.isoformat()} has an open close ({existing.id}): refresh it")
    figures = await _read(reader, access, day, await _now(session))
    close = DailyClose(
        organization_id=access.principal.organization_id,
        project_id=access.project.id,
        day=day,
        status=CloseStatus.open.value,
        **figures,
    )
    session.add(close)
    try:
        async with session.begin_nested():
            await session.flush()
    except IntegrityError as exc:  # built by someone else at the same moment
        raise CloseExists(f"{day.isoformat()} has a close already") from exc
    return close


async def refresh_close(
    session: AsyncSession, reader: Reader, access: ProjectAccess, close: DailyClose
) -> DailyClose:
    """Read an open close's day again (the rows may have been corrected since); 409 once closed."""
    refuse_change(close)
    figures = await _read(reader, access, close.day, await _now(session))
    for key, value in figures.items():
        setattr(close, key, value)
    await session.flush()
    return close
