"""Absorption (去化率): how much of what was released has sold, by building, layout, kind and price band,
with the days units spent on the market, and the same as a workbook.

Released is every unit put on sale (all but `unreleased`; held units count, they are released and kept
back); sold is subscribed, contracted or handed over. A unit's days on the market run from its first
release (its first change to `available`) to its latest subscription, or to now while it is unsold.
Counted by PostgreSQL in one statement: one pass over the project's units with grouping sets, joined to
each unit's release and sale times from its history.
"""

import io
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Integer, Numeric, String, bindparam, case, cast, func, literal, select, tuple_

from anchang.core.access import ProjectAccess
from anchang.core.calendar import now_utc
from anchang.core.errors import ValidationFailed
from anchang.core.reader import Reader, Row
from anchang.core.reads import per_caller
from anchang.core.repository import AnySelect
from anchang.core.security import Principal
from anchang.inventory import repository as repo
from anchang.inventory import schemas
from anchang.inventory.models import Building, Unit, UnitHistory, UnitStatus

SOLD = (UnitStatus.subscribed, UnitStatus.contracted, UnitStatus.handed_over)
DEFAULT_BAND = Decimal("500000.00")  # 50万: how offices talk of total prices (总价段)
MIN_BAND = Decimal("10000.00")
_SHARE = Decimal("0.0001")
_DAYS = Decimal("0.1")
GROUPS = ("building", "layout", "kind", "price_band")


@per_caller
def absorption_of_project(caller: Principal) -> AnySelect:
    """The project `:project_id`'s units by building, layout, kind and price band (`:band` yuan wide)
    and in total, as rows (group, key, figures); `:now` ends the days of units still on the market."""
    history = repo.HistoryRepository(None, caller)
    times = (
        history.scope(
            select(
                UnitHistory.unit_id,
                func.min(UnitHistory.created_at)
                .filter(UnitHistory.to_status == UnitStatus.available)
                .label("released_at"),
                func.max(UnitHistory.created_at)
                .filter(UnitHistory.to_status == UnitStatus.subscribed)
                .label("sold_at"),
            )
        )
        .where(UnitHistory.project_id == bindparam("project_id"))
        .group_by(UnitHistory.unit_id)
        .subquery("times")
    )
    now = bindparam("now", type_=UnitHistory.created_at.type)
    band = bindparam("band", type_=Numeric(14, 2))
    sold = Unit.status.in_(SOLD)
    released = Unit.status != UnitStatus.unreleased
    on_market = case(
        (
            released & times.c.released_at.is_not(None),
            func.date_part(
                "epoch", case((sold, func.coalesce(times.c.sold_at, now)), else_=now) - times.c.released_at
            )
            / 86400,
        )
    )
    taken = func.coalesce(Unit.taken_price, Unit.list_price)
    band_start = func.floor(Unit.list_price / band) * band
    keys = (Unit.building_id, Unit.layout, Unit.kind, band_start)
    bits = func.grouping(*keys)
    full = (1 << len(keys)) - 1
    group = case(
        *((bits == full ^ (1 << (len(keys) - 1 - i)), literal(name)) for i, name in enumerate(GROUPS)),
        else_=literal("total"),
    )

    def count_of(condition: Any) -> Any:
        return func.count().filter(condition)

    units = (
        repo.UnitRepository(None, caller)
        .scope(
            select(
                group.label("group"),
                cast(bits, Integer).label("bits"),
                Unit.building_id,
                Unit.layout,
                cast(Unit.kind, String).label("kind"),
                band_start.label("band_start"),
                func.count().label("units"),
                count_of(released).label("released"),
                count_of(Unit.status == UnitStatus.available).label("available"),
                count_of(Unit.status == UnitStatus.held).label("held"),
                count_of(Unit.status == UnitStatus.reserved).label("reserved"),
                count_of(sold).label("sold"),
                func.coalesce(func.sum(Unit.gross_area).filter(sold), 0).label("sold_area"),
                func.coalesce(func.sum(taken).filter(sold), 0).label("sold_amount"),
                func.percentile_cont(0.5).within_group(on_market).filter(sold).label("sold_days"),
                func.percentile_cont(0.5)
                .within_group(on_market)
                .filter(Unit.status.in_([UnitStatus.available, UnitStatus.held, UnitStatus.reserved]))
                .label("unsold_days"),
            )
        )
        .select_from(Unit)
        .outerjoin(times, times.c.unit_id == Unit.id)
        .where(Unit.project_id == bindparam("project_id"))
        .group_by(func.grouping_sets(*(tuple_(k) for k in keys), tuple_()))
        .subquery("figures")
    )
    buildings = repo.BuildingRepository(None, caller)
    name = buildings.scope(select(Building.name)).where(Building.id == units.c.building_id).scalar_subquery()
    return select(units, name.label("building_name"))


def _q(value: Any, step: Decimal) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(step, rounding=ROUND_HALF_UP)


def _figures(row: Row, key: str, name: str) -> schemas.AbsorptionFigures:
    released = row["released"]
    return schemas.AbsorptionFigures(
        key=key,
        name=name,
        units=row["units"],
        released=released,
        available=row["available"],
        held=row["held"],
        reserved=row["reserved"],
        sold=row["sold"],
        absorption=_q(Decimal(row["sold"]) / released, _SHARE) if released else None,
        sold_area=Decimal(row["sold_area"]),
        sold_amount=Decimal(row["sold_amount"]).quantize(Decimal("0.01")),
        median_days_to_sell=_q(row["sold_days"], _DAYS),
        median_days_on_market_unsold=_q(row["unsold_days"], _DAYS),
    )


def band_width(value: Decimal | None) -> Decimal:
    """The price band's width asked (default 50万); 422 naming `band` below ¥10,000 (thousands of bands)."""
    if value is None:
        return DEFAULT_BAND
    if value < MIN_BAND:
        raise ValidationFailed({"band": f"a price band is at least {MIN_BAND} yuan wide"})
    return value


async def absorption(reader: Reader, access: ProjectAccess, band: Decimal | None) -> schemas.Absorption:
    """The project's absorption now: in total and by building, layout, kind and total-price band."""
    width = band_width(band)
    now = now_utc()
    rows = await reader.rows(
        absorption_of_project(access.principal), {"project_id": access.project.id, "now": now, "band": width}
    )
    by: dict[str, list[schemas.AbsorptionFigures]] = {name: [] for name in GROUPS}
    total = None
    for row in rows:
        group = row["group"]
        if group == "total":
            total = _figures(row, "total", "total")
        elif group == "building":
            by[group].append(_figures(row, str(row["building_id"]), row["building_name"]))
        elif group == "layout":
            layout = row["layout"] or ""
            by[group].append(_figures(row, layout, layout))
        elif group == "kind":
            by[group].append(_figures(row, row["kind"], row["kind"]))
        else:
            start = Decimal(row["band_start"]).quantize(Decimal("0.01"))
            by[group].append(_figures(row, str(start), f"{start}–{start + width}"))
    by["building"].sort(key=lambda f: f.name)
    by["layout"].sort(key=lambda f: f.key)
    by["kind"].sort(key=lambda f: f.key)
    by["price_band"].sort(key=lambda f: Decimal(f.key))
    return schemas.Absorption(
        at=now,
        band=width,
        total=total or _empty(),
        by_building=by["building"],
        by_layout=by["layout"],
        by_kind=by["kind"],
        by_price_band=by["price_band"],
    )


def _empty() -> schemas.AbsorptionFigures:
    # A project without units: grouping sets give no total row then.
    zero = Decimal("0.00")
    return schemas.AbsorptionFigures(
        key="total", name="total", units=0, released=0, available=0, held=0, reserved=0, sold=0,
        absorption=None, sold_area=zero, sold_amount=zero, median_days_to_sell=None,
        median_days_on_market_unsold=None,
    )  # fmt: skip


def absorption_workbook(figures: schemas.Absorption, zone: ZoneInfo) -> bytes:
    """The absorption as a workbook: a sheet per grouping, each with the total; the project's time."""
    from openpyxl import Workbook

    from anchang.core.spreadsheet import append

    book = Workbook(write_only=True)
    at = figures.at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
    header = [
        "group", "units", "released", "available", "held", "reserved", "sold", "absorption",
        "sold area (m²)", "sold amount", "median days to sell", "median days on market (unsold)",
    ]  # fmt: skip
    for name in GROUPS:
        sheet = book.create_sheet(f"By {name.replace('_', ' ')}")
        append(sheet, ["At", at])
        append(sheet, header)
        for f in [*getattr(figures, f"by_{name}"), figures.total]:
            append(
                sheet,
                [
                    f.name, f.units, f.released, f.available, f.held, f.reserved, f.sold, f.absorption,
                    f.sold_area, f.sold_amount, f.median_days_to_sell, f.median_days_on_market_unsold,
                ],
            )  # fmt: skip
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
