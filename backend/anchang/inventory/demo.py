"""Demo inventory: two buildings of 25 floors × 6 flats per project, released, a few held and
reserved, with honest history rows and an active price list v1."""

import uuid
from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.inventory import pricing
from anchang.inventory.models import (
    Building,
    Release,
    ReleaseKind,
    Reservation,
    ReservationStatus,
    Unit,
    UnitHistory,
    UnitKind,
    UnitStatus,
)

S = UnitStatus
FLOORS = 25
RELEASED_FLOORS = 20  # the top five floors wait for the second release
# Position on the floor → (layout, gross area m², orientation).
LAYOUTS = {
    1: ("四室两厅两卫", Decimal("143.00"), "南北"),
    2: ("三室两厅两卫", Decimal("118.00"), "南北"),
    3: ("两室两厅一卫", Decimal("89.00"), "南"),
    4: ("两室两厅一卫", Decimal("89.00"), "南"),
    5: ("三室两厅两卫", Decimal("118.00"), "南北"),
    6: ("四室两厅两卫", Decimal("143.00"), "南北"),
}
BUILDINGS = (("1号楼", Decimal(36000)), ("2号楼", Decimal(41000)))  # base price per m²
HELD = ((1, 18, 1), (1, 18, 6), (2, 20, 2))  # (building, floor, position): kept back for the developer
RESERVED = {"c1": ((1, 12, 2), (2, 15, 5)), "c2": ((1, 8, 3), (2, 10, 1))}

units_t = cast(Table, Unit.__table__)
history_t = cast(Table, UnitHistory.__table__)


def _user(users: dict[str, uuid.UUID], local: str) -> uuid.UUID | None:
    if local in users:
        return users[local]
    return next((v for k, v in users.items() if k.startswith(f"{local}@")), None)


def _price(area: Decimal, per_m2: Decimal) -> Decimal:
    return (area * per_m2).quantize(Decimal("100"), rounding=ROUND_HALF_UP).quantize(Decimal("0.01"))


async def _customers_of(
    session: AsyncSession, project_id: uuid.UUID, owner: uuid.UUID | None
) -> list[uuid.UUID]:
    """The consultant's demo customers, when the customers domain is there to provide them."""
    try:
        from anchang.customers.models import Customer
    except ImportError:  # pragma: no cover - the customers domain ships with the app
        return []
    rows = await session.scalars(
        select(Customer.id).where(Customer.project_id == project_id, Customer.owner_id == owner).limit(10)
    )
    return list(rows)


async def seed_inventory(
    session: AsyncSession, organization_id: uuid.UUID, project_id: uuid.UUID, users: dict[str, uuid.UUID]
) -> None:
    pm, sm = _user(users, "pm"), _user(users, "sm")
    now = datetime.now(UTC)
    opened = now - timedelta(days=30)
    imported = opened - timedelta(days=7)
    org = {"organization_id": organization_id, "project_id": project_id}
    units: list[dict[str, Any]] = []
    places: dict[tuple[int, int, int], uuid.UUID] = {}
    for b_index, (name, base) in enumerate(BUILDINGS, start=1):
        building = Building(id=uuid.uuid4(), name=name, sort_order=b_index, **org)
        session.add(building)
        await session.flush()
        for floor in range(1, FLOORS + 1):
            for position, (layout, area, orientation) in LAYOUTS.items():
                entrance = 1 if position <= 3 else 2
                per_m2 = (
                    base + Decimal(180) * floor + (Decimal(1500) if orientation == "南北" else Decimal(0))
                )
                list_price = _price(area, per_m2)
                unit_id = uuid.uuid4()
                places[(b_index, floor, position)] = unit_id
                units.append(
                    {
                        "id": unit_id,
                        **org,
                        "building_id": building.id,
                        "kind": UnitKind.residence,
                        "code": f"{b_index}-{entrance}-{floor:02d}{(position - 1) % 3 + 1:02d}",
                        "entrance": str(entrance),
                        "floor": floor,
                        "position": position,
                        "layout": layout,
                        "gross_area": area,
                        "net_area": (area * Decimal("0.80")).quantize(Decimal("0.01")),
                        "orientation": orientation,
                        "list_price": list_price,
                        "floor_price": (list_price * Decimal("0.95"))
                        .quantize(Decimal("100"))
                        .quantize(Decimal("0.01")),
                        "status": S.available if floor <= RELEASED_FLOORS else S.unreleased,
                        "created_at": imported,
                        "updated_at": opened,
                    }
                )
    history: list[dict[str, Any]] = []

    def happened(
        unit_id: uuid.UUID,
        a: UnitStatus | None,
        b: UnitStatus,
        at: datetime,
        who: uuid.UUID | None,
        why: str,
        source: str | None = None,
        source_id: uuid.UUID | None = None,
    ) -> None:
        history.append(
            {
                "id": uuid.uuid4(),
                **org,
                "unit_id": unit_id,
                "from_status": a,
                "to_status": b,
                "actor_id": who,
                "reason": why,
                "source_type": source,
                "source_id": source_id,
                "created_at": at,
            }
        )

    released = [u["id"] for u in units if u["status"] is S.available]
    release = Release(
        id=uuid.uuid4(),
        kind=ReleaseKind.release,
        name="首次开盘",
        unit_ids=[str(i) for i in released],
        unit_count=len(released),
        created_by=pm,
        **org,
    )
    session.add(release)
    await session.flush()
    for u in units:
        happened(u["id"], None, S.unreleased, imported, pm, "imported", "import")
        if u["status"] is S.available:
            happened(u["id"], S.unreleased, S.available, opened, pm, "首次开盘", "release", release.id)
    by_id = {u["id"]: u for u in units}
    for key in HELD:
        u = by_id[places[key]]
        u["status"], u["hold_reason"] = S.held, "甲方保留房源"
        happened(u["id"], S.available, S.held, opened + timedelta(days=1), sm, "甲方保留房源", "hold")
    reservations: list[Reservation] = []
    for local, keys in RESERVED.items():
        consultant = _user(users, local)
        if consultant is None:
            continue
        customers = await _customers_of(session, project_id, consultant)
        for i, key in enumerate(keys):
            u = by_id[places[key]]
            started = now - timedelta(minutes=20 + 7 * i)
            expires = started + timedelta(minutes=1440)
            reservation = Reservation(
                id=uuid.uuid4(),
                unit_id=u["id"],
                consultant_id=consultant,
                customer_id=customers[i] if i < len(customers) else uuid.uuid4(),
                status=ReservationStatus.active,
                minutes=1440,
                expires_at=expires,
                list_price=u["list_price"],
                **org,
            )
            reservations.append(reservation)
            u["status"], u["reserved_until"], u["taken_price"] = S.reserved, expires, u["list_price"]
            happened(
                u["id"],
                S.available,
                S.reserved,
                started,
                consultant,
                "reserved for 1440 min",
                "reservation",
                reservation.id,
            )
    for u in units:
        u.setdefault("hold_reason", None)
        u.setdefault("reserved_until", None)
        u.setdefault("taken_price", None)
    await session.execute(insert(units_t), units)
    await session.execute(insert(history_t), history)
    session.add_all(reservations)
    await session.flush()
    await pricing.create_initial_version(
        session, organization_id=organization_id, project_id=project_id, description="首批价目表（开盘）"
    )
