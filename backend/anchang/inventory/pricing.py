"""Price lists (价目表): versions, adjustments (调价) waiting for approval, and their effect.

Every version holds every unit's prices, so an old version stays readable as it was. An adjustment
makes a pending version and an approval request: a project manager decides, or the developer's rep
when any new list price falls below a floor price. On approval the version becomes active and the
units' list prices follow it; a unit already reserved or sold keeps the price it was taken at
(`units.taken_price`, the reservation's `list_price`).
"""

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Table, and_, case, func, insert, literal, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.approvals import service as approvals
from anchang.approvals.service import Approval, ApprovalStatus
from anchang.core.access import ProjectAccess
from anchang.core.audit import AuditedChange, record_bulk_audit
from anchang.core.errors import Conflict, ValidationFailed
from anchang.core.roles import ProjectRole
from anchang.core.security import Principal
from anchang.inventory import repository as repo
from anchang.inventory.events import notify_unit_changes
from anchang.inventory.models import PriceListItem, PriceListStatus, PriceListVersion, Unit
from anchang.inventory.schemas import MONEY_MAX, PriceListCreate

KIND = "price_list_version"
items_t = cast(Table, PriceListItem.__table__)
units_t = cast(Table, Unit.__table__)


class PriceListOutdated(Conflict):
    code, title = (
        "price_list_outdated",
        "Another version became active since this one was made; make it again",
    )


def _adjusted(adjustment: dict[str, Any]) -> Any:
    """A unit's list price after `adjustment`, as SQL."""
    value = Decimal(str(adjustment["value"]))
    if adjustment["kind"] == "percent":
        return func.round(Unit.list_price * (1 + value / 100), 2)
    return func.greatest(Unit.list_price + value, 0)


async def _check_adjusted_prices(
    units: repo.UnitRepository,
    project_id: uuid.UUID,
    adjustment: dict[str, Any],
    targets: list[uuid.UUID] | None,
) -> None:
    """Refuse (422) an adjustment that would take a price past what a price holds (NUMERIC(14, 2)).

    PostgreSQL's arithmetic on numerics without a scale does not overflow here; only storing the
    result as a list price would."""
    statement = units.scope(select(func.max(_adjusted(adjustment)))).where(Unit.project_id == project_id)
    if targets is not None:
        statement = statement.where(Unit.id.in_(targets))
    highest = await units.session.scalar(statement)
    if highest is not None and highest > MONEY_MAX:
        raise ValidationFailed(
            {"adjustment.value": f"would take a list price to {highest}; at most {MONEY_MAX}"}
        )


async def _fill_items(
    session: AsyncSession,
    *,
    organization_id: uuid.UUID,
    project_id: uuid.UUID,
    version_id: uuid.UUID,
    adjustment: dict[str, Any] | None,
    targets: list[uuid.UUID] | None,
) -> None:
    """Every unit of the project into the version, in one INSERT … SELECT, adjusted where targeted."""
    new_price: Any = Unit.list_price
    if adjustment is not None:
        adjusted = _adjusted(adjustment)
        new_price = (
            adjusted if targets is None else case((Unit.id.in_(targets), adjusted), else_=Unit.list_price)
        )
    source = select(
        func.gen_random_uuid(),
        literal(organization_id),
        literal(version_id),
        Unit.id,
        new_price,
        Unit.floor_price,
        Unit.list_price,
    ).where(Unit.project_id == project_id, Unit.organization_id == organization_id)
    await session.execute(
        insert(items_t).from_select(
            [
                "id",
                "organization_id",
                "version_id",
                "unit_id",
                "list_price",
                "floor_price",
                "previous_list_price",
            ],
            source,
        )
    )


async def _summarize(session: AsyncSession, version: PriceListVersion) -> dict[str, Any]:
    # Unscoped: the items of the version in hand (just made, by a caller or for the first price list).
    row = (
        await session.execute(
            select(
                func.count(),
                func.coalesce(func.sum(PriceListItem.list_price), 0),
                func.coalesce(func.sum(PriceListItem.previous_list_price), 0),
                func.count().filter(
                    and_(
                        PriceListItem.floor_price.is_not(None),
                        PriceListItem.list_price < PriceListItem.floor_price,
                    )
                ),
                func.count().filter(PriceListItem.list_price != PriceListItem.previous_list_price),
            ).where(PriceListItem.version_id == version.id)
        )
    ).one()
    count, total, previous, below, changed = row
    version.unit_count = int(count)
    version.total_list_price = Decimal(total or 0)
    version.below_floor_count = int(below)
    return {
        "number": version.number,
        "unit_count": int(count),
        "changed_count": int(changed),
        "total_list_price": f"{Decimal(total or 0):.2f}",
        "previous_total_list_price": f"{Decimal(previous or 0):.2f}",
        "below_floor_count": int(below),
    }


async def create_version(
    session: AsyncSession, access: ProjectAccess, data: PriceListCreate
) -> PriceListVersion:
    project_id = access.project.id
    units = repo.UnitRepository(session, access.principal)
    targets: list[uuid.UUID] | None = None
    adjustment = data.adjustment
    if adjustment is not None and adjustment.unit_ids:
        wanted = list(dict.fromkeys(adjustment.unit_ids))
        found = await units.ids_in(project_id, wanted)
        missing = sorted(str(i) for i in set(wanted) - set(found))
        if missing:
            raise ValidationFailed(
                {"adjustment.unit_ids": f"not units of this project: {', '.join(missing[:20])}"}
            )
        targets = wanted
    if adjustment is not None and adjustment.building_id is not None:
        building = await repo.BuildingRepository(session, access.principal).get(adjustment.building_id)
        if building.project_id != project_id:
            raise repo.BuildingNotFound(f"No building with id {adjustment.building_id} in this project")
        in_building = await units.ids_of_building(project_id, building.id)
        targets = [*(targets or []), *in_building]
    if adjustment is not None:
        # The scoped units of the project (create_version's caller manages it); in Python's decimals,
        # so the check itself cannot overflow.
        await _check_adjusted_prices(
            units, project_id, adjustment.model_dump(mode="json", exclude_none=True), targets
        )
    versions = repo.PriceListRepository(session, access.principal)
    # Numbers are given out one at a time per project.
    await session.execute(
        select(func.pg_advisory_xact_lock(func.hashtextextended(f"price_list:{project_id}", 0)))
    )
    active = await versions.active(project_id)
    version = PriceListVersion(
        id=uuid.uuid4(),
        organization_id=access.project.organization_id,
        project_id=project_id,
        number=await versions.next_number(project_id),
        status=PriceListStatus.pending,
        description=data.description,
        adjustment=adjustment.model_dump(mode="json", exclude_none=True) if adjustment is not None else None,
        based_on_id=active.id if active is not None else None,
        created_by=access.principal.user_id,
    )
    session.add(version)
    await session.flush()
    await _fill_items(
        session,
        organization_id=access.project.organization_id,
        project_id=project_id,
        version_id=version.id,
        adjustment=version.adjustment,
        targets=targets,
    )
    summary = await _summarize(session, version)
    required = ProjectRole.developer_rep if version.below_floor_count else ProjectRole.project_manager
    approval = await approvals.request_approval(
        session,
        access,
        kind=KIND,
        subject_id=version.id,
        required_role=required,
        title=f"价目表 v{version.number}" + (f": {data.description}" if data.description else ""),
        summary=summary,
        comment=data.description,
    )
    version.approval_id = approval.id
    await session.flush()
    return version


async def on_price_list_decided(session: AsyncSession, approval: Approval, access: ProjectAccess) -> None:
    version = await session.scalar(
        repo.PriceListRepository(session, access.principal)
        .scoped()
        .where(PriceListVersion.id == approval.subject_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if version is None or version.status is not PriceListStatus.pending:
        return
    if approval.status is ApprovalStatus.rejected:
        version.status = PriceListStatus.rejected
        await session.flush()
        return
    await activate(session, version, access.principal)


async def activate(session: AsyncSession, version: PriceListVersion, principal: Principal | None) -> int:
    """Make `version` the active one and move the units' prices to it; returns how many changed."""
    # One activation per project at a time: the second of two concurrent approvals then sees the first
    # one's version active and is refused (409), instead of tripping the one-active-version index.
    await session.execute(
        select(func.pg_advisory_xact_lock(func.hashtextextended(f"price_list:{version.project_id}", 0)))
    )
    # Unscoped: activation may run for no caller (a project's first price list), and the version in
    # hand was authorized by whoever decided it; the project pins the read.
    versions = select(PriceListVersion).where(
        PriceListVersion.project_id == version.project_id, PriceListVersion.status == PriceListStatus.active
    )
    active = await session.scalar(versions.with_for_update().execution_options(populate_existing=True))
    if active is not None and active.id != version.based_on_id:
        raise PriceListOutdated(f"v{active.number} became active after v{version.number} was made")
    now: datetime | None = await session.scalar(select(func.now()))
    if active is not None:
        active.status = PriceListStatus.superseded
        await session.flush()
    version.status = PriceListStatus.active
    version.activated_at = now
    await session.flush()
    changed = (
        await session.execute(
            update(units_t)
            .where(
                units_t.c.id == items_t.c.unit_id,
                items_t.c.version_id == version.id,
                units_t.c.list_price.is_distinct_from(items_t.c.list_price),
            )
            .values(
                list_price=items_t.c.list_price,
                floor_price=items_t.c.floor_price,
                version=units_t.c.version + 1,
                updated_at=func.clock_timestamp(),
            )
            .returning(units_t.c.id, items_t.c.previous_list_price, items_t.c.list_price)
        )
    ).all()
    await record_bulk_audit(
        session,
        (
            AuditedChange(
                "units",
                unit_id,
                version.organization_id,
                before={"list_price": f"{before:.2f}" if before is not None else None},
                after={"list_price": f"{after:.2f}", "price_list_version": version.number},
            )
            for unit_id, before, after in changed
        ),
    )
    await notify_unit_changes(
        session,
        [
            {
                "type": "prices.changed",
                "project_id": str(version.project_id),
                "price_list_version": version.number,
                "changed": len(changed),
            }
        ],
    )
    return len(changed)


async def create_initial_version(
    session: AsyncSession, *, organization_id: uuid.UUID, project_id: uuid.UUID, description: str
) -> PriceListVersion:
    """The developer's first price list, active at once (as units arrive with their prices).

    Unscoped reads: it runs for no caller (demo data, tests), for the project it is given."""
    number = int(
        await session.scalar(
            select(func.coalesce(func.max(PriceListVersion.number), 0)).where(
                PriceListVersion.project_id == project_id
            )
        )
        or 0
    )
    version = PriceListVersion(
        id=uuid.uuid4(),
        organization_id=organization_id,
        project_id=project_id,
        number=number + 1,
        status=PriceListStatus.pending,
        description=description,
    )
    session.add(version)
    await session.flush()
    await _fill_items(
        session,
        organization_id=organization_id,
        project_id=project_id,
        version_id=version.id,
        adjustment=None,
        targets=None,
    )
    await _summarize(session, version)
    version.based_on_id = None
    await activate(session, version, None)
    return version
