"""Keyword-only async factories for inventory: buildings, units in any status, reservations, price lists."""

import itertools
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from anchang.approvals.models import Approval, ApprovalStatus
from anchang.core.roles import ProjectRole
from anchang.inventory.models import (
    Building,
    PriceListStatus,
    PriceListVersion,
    Reservation,
    ReservationStatus,
    Unit,
    UnitHistory,
    UnitKind,
    UnitStatus,
)
from anchang.org.models import Project, User

_seq = itertools.count(1)


async def create_building(session: AsyncSession, *, project: Project, name: str | None = None) -> Building:
    building = Building(
        organization_id=project.organization_id, project_id=project.id, name=name or f"{next(_seq)}号楼"
    )
    session.add(building)
    await session.flush()
    return building


async def create_unit(
    session: AsyncSession,
    *,
    building: Building,
    status: UnitStatus = UnitStatus.available,
    floor: int | None = None,
    position: int = 1,
    code: str | None = None,
    list_price: Decimal = Decimal("3000000.00"),
    floor_price: Decimal | None = Decimal("2850000.00"),
    gross_area: Decimal = Decimal("100.00"),
    layout: str = "三室两厅",
    reserved_until: datetime | None = None,
) -> Unit:
    n = next(_seq)
    floor = floor if floor is not None else n % 100 + 1
    unit = Unit(
        organization_id=building.organization_id,
        project_id=building.project_id,
        building_id=building.id,
        kind=UnitKind.residence,
        code=code or f"T{n}-{floor}{position:02d}",
        entrance="1",
        floor=floor,
        position=position,
        layout=layout,
        gross_area=gross_area,
        net_area=gross_area * Decimal("0.8"),
        orientation="南北",
        list_price=list_price,
        floor_price=floor_price,
        status=status,
        reserved_until=reserved_until,
        taken_price=list_price if status in (UnitStatus.reserved, UnitStatus.subscribed) else None,
        hold_reason="留给甲方" if status is UnitStatus.held else None,
    )
    session.add(unit)
    await session.flush()
    session.add(
        UnitHistory(
            organization_id=unit.organization_id,
            project_id=unit.project_id,
            unit_id=unit.id,
            from_status=None,
            to_status=status,
            reason="factory",
        )
    )
    await session.flush()
    return unit


async def create_reservation(
    session: AsyncSession,
    *,
    unit: Unit,
    consultant: User,
    minutes: int = 30,
    expires_at: datetime | None = None,
    customer_id: uuid.UUID | None = None,
) -> Reservation:
    """A live reservation (or a past one with `expires_at` in the past) with its unit reserved."""
    expires_at = expires_at or datetime.now(UTC) + timedelta(minutes=minutes)
    unit.status = UnitStatus.reserved
    unit.reserved_until = expires_at
    unit.taken_price = unit.list_price
    reservation = Reservation(
        organization_id=unit.organization_id,
        project_id=unit.project_id,
        unit_id=unit.id,
        consultant_id=consultant.id,
        customer_id=customer_id or uuid.uuid4(),
        status=ReservationStatus.active,
        minutes=minutes,
        expires_at=expires_at,
        list_price=unit.list_price,
    )
    session.add(reservation)
    await session.flush()
    return reservation


async def create_price_list(
    session: AsyncSession,
    *,
    project: Project,
    status: PriceListStatus = PriceListStatus.active,
    number: int = 1,
) -> PriceListVersion:
    version = PriceListVersion(
        organization_id=project.organization_id,
        project_id=project.id,
        number=number,
        status=status,
        description="v1",
    )
    session.add(version)
    await session.flush()
    return version


async def create_approval(
    session: AsyncSession,
    *,
    project: Project,
    requested_by: User | None = None,
    required_role: ProjectRole = ProjectRole.project_manager,
    kind: str = "test",
) -> Approval:
    approval = Approval(
        organization_id=project.organization_id,
        project_id=project.id,
        kind=kind,
        subject_id=uuid.uuid4(),
        required_role=required_role,
        status=ApprovalStatus.pending,
        title="A test request",
        summary={},
        requested_by=requested_by.id if requested_by else None,
    )
    session.add(approval)
    await session.flush()
    return approval
