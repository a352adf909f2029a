"""Rules of reception: the daily roster (排班) and the walk-in rotation (轮接).

Turns go round the day's roster in order, skipping whoever is absent or on a break. Every `next`
locks the project's rotation row (SELECT … FOR UPDATE), so concurrent presses hand out turns one by
one: none is given twice and nobody is skipped. A returning customer goes to their owner and uses
nobody's turn; when the owner is away, the next consultant receives them on the owner's behalf,
also without using a turn.
"""

import uuid
from collections.abc import Mapping
from datetime import date

from sqlalchemy import Date, bindparam, cast, func, select
from sqlalchemy.dialects.postgresql import UUID as PG_UUID
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.access import ProjectAccess
from anchang.core.calendar import now_utc, today_in
from anchang.core.errors import Conflict, Forbidden, ValidationFailed
from anchang.core.etag import check_version
from anchang.core.reads import per_caller
from anchang.core.repository import AnySelect
from anchang.core.security import Principal
from anchang.customers import schemas as customer_schemas
from anchang.customers import service as customers
from anchang.customers.service import CustomerSettings
from anchang.reception import schemas
from anchang.reception.models import DutyStatus, RosterEntry, RotationTurn, TurnKind
from anchang.reception.policy import may_update_roster_entry
from anchang.reception.repository import RosterRepository, RotationRepository


class NobodyOnDuty(Conflict):
    code, title = "nobody_on_duty", "Nobody on today's roster is available to receive a visitor"


# --- roster ---------------------------------------------------------------------------------


async def _present_roster(
    session: AsyncSession, principal: Principal, day: date, entries: list[RosterEntry]
) -> schemas.Roster:
    users = await customers.users_by_id(session, principal, {e.user_id for e in entries})
    return schemas.Roster(date=day, entries=[_entry(e, users) for e in entries])


def _entry(entry: RosterEntry, users: Mapping[uuid.UUID, object]) -> schemas.RosterEntry:
    user = users.get(entry.user_id)
    return schemas.RosterEntry(
        id=entry.id,
        created_at=entry.created_at,
        updated_at=entry.updated_at,
        version=entry.version,
        project_id=entry.project_id,
        work_date=entry.work_date,
        user=customer_schemas.UserRef(id=entry.user_id, full_name=getattr(user, "full_name", "")),
        position=entry.position,
        status=entry.status,
        note=entry.note,
    )


async def set_roster(session: AsyncSession, access: ProjectAccess, data: schemas.RosterSet) -> schemas.Roster:
    """Replace a day's roster with `user_ids` in rotation order; kept consultants keep their status."""
    if len(set(data.user_ids)) != len(data.user_ids):
        raise ValidationFailed({"user_ids": "names a consultant twice"})
    for user_id in data.user_ids:
        await customers.sales_member(session, access, user_id, "user_ids")
    day = data.date or today_in(access)
    repo = RosterRepository(session, access.principal)
    existing = {e.user_id: e for e in await repo.of_day(access.project.id, day)}
    for user_id, entry in existing.items():
        if user_id not in data.user_ids:
            await session.delete(entry)
    await session.flush()
    for position, user_id in enumerate(data.user_ids, start=1):
        kept = existing.get(user_id)
        if kept is None:
            session.add(
                RosterEntry(
                    organization_id=access.principal.organization_id,
                    project_id=access.project.id,
                    work_date=day,
                    user_id=user_id,
                    position=position,
                )
            )
        elif kept.position != position:
            kept.position = position
    await session.flush()
    return await _present_roster(session, access.principal, day, await repo.of_day(access.project.id, day))


async def update_roster_entry(
    session: AsyncSession,
    entry: RosterEntry,
    access: ProjectAccess,
    data: schemas.RosterEntryUpdate,
    expected: int | None,
) -> schemas.RosterEntry:
    """Mark an absence or a break (supervisors; consultants may mark their own break and return)."""
    entry = await RosterRepository(session, access.principal).locked(entry.id)
    if not may_update_roster_entry(entry, data.status, access):
        raise Forbidden("Only supervisors and above mark a colleague, or set or end an absence")
    check_version(expected, entry.version)
    entry.status = data.status
    if "note" in data.model_fields_set:
        entry.note = data.note
    await session.flush()
    users = await customers.users_by_id(session, access.principal, {entry.user_id})
    return _entry(entry, users)


# --- rotation -------------------------------------------------------------------------------


def _pick(entries: list[RosterEntry], last_position: int) -> RosterEntry | None:
    """The first available consultant after `last_position`, going round."""
    available = [e for e in entries if e.status is DutyStatus.on_duty]
    if not available:
        return None
    return next((e for e in available if e.position > last_position), available[0])


async def next_walk_in(
    session: AsyncSession, access: ProjectAccess, data: schemas.NextWalkIn
) -> schemas.WalkInResult:
    principal = access.principal
    project_id = access.project.id
    state = await RotationRepository(session, principal).lock(principal.organization_id, project_id)
    day = today_in(access)
    if state.work_date != day:
        state.work_date, state.last_position, state.turns = day, 0, 0
    entries = await RosterRepository(session, principal).of_day(project_id, day)
    now = now_utc()

    customer = None
    if data.phone is not None:
        customer = await customers.find_by_phone(session, principal, project_id, data.phone)
    owner_id = None
    if customer is not None and not customers.is_pooled(customer, now):
        owner_id = customer.owner_id

    on_behalf_of = None
    if owner_id is not None:
        owner_entry = next((e for e in entries if e.user_id == owner_id), None)
        if owner_entry is not None and owner_entry.status is DutyStatus.on_duty:
            kind, consultant_id = TurnKind.returning, owner_id
        else:
            stand_in = _pick(entries, state.last_position)
            if stand_in is None:
                raise NobodyOnDuty("The owner is away and nobody else is available")
            kind, consultant_id, on_behalf_of = TurnKind.on_behalf, stand_in.user_id, owner_id
    else:
        chosen = _pick(entries, state.last_position)
        if chosen is None:
            raise NobodyOnDuty("Put consultants on today's roster, or mark someone back on duty")
        kind, consultant_id = TurnKind.turn, chosen.user_id
        state.last_position = chosen.position

    if customer is None and data.phone is not None:
        if data.name is None:
            raise ValidationFailed({"name": "is needed to register a new customer with this phone"})
        customer = await customers.register_customer(
            session,
            access,
            customer_schemas.CustomerCreate(
                name=data.name,
                phone=data.phone,
                channel=data.channel,
                owner_id=consultant_id,
                campaign_id=data.campaign_id,
                wanted_layouts=[],
                co_buyers=[],
            ),
        )
    visit = None
    if customer is not None:
        visit = await customers.record_visit(
            session,
            principal,
            customer,
            CustomerSettings.of(access.project.settings),
            consultant_id=consultant_id,
            visited_at=now,
            party_size=data.party_size,
            channel=data.channel,
            notes=data.notes,
            on_behalf_of_id=on_behalf_of,
            via_rotation=True,
            campaign_id=data.campaign_id,
        )
    state.turns += 1
    turn = RotationTurn(
        organization_id=principal.organization_id,
        project_id=project_id,
        work_date=day,
        sequence=state.turns,
        kind=kind,
        consultant_id=consultant_id,
        customer_id=customer.id if customer else None,
        visit_id=visit.id if visit else None,
        assigned_by_id=principal.user_id,
        taken_at=now,
    )
    session.add(turn)
    await session.flush()
    users = await customers.users_by_id(session, principal, {consultant_id, on_behalf_of})
    shown = (await customers.present_many(session, access, [customer]))[0] if customer else None
    return schemas.WalkInResult(
        turn=schemas.Turn(
            sequence=turn.sequence,
            kind=kind,
            consultant=customers.user_ref(users, consultant_id)
            or customer_schemas.UserRef(id=consultant_id, full_name=""),
            on_behalf_of=customers.user_ref(users, on_behalf_of),
            customer_id=turn.customer_id,
            visit_id=turn.visit_id,
            taken_at=turn.taken_at,
        ),
        customer=shown,
        visit=customer_schemas.Visit.model_validate(visit) if visit else None,
    )


@per_caller
def roster_by_month_of(caller: Principal) -> AnySelect:
    """How many people stood on the roster (排班) of the project `:project_id` in each month of the days
    `:start` to `:end`: rows (month, its first day; headcount). A statement, so that a report reads it
    with its other figures in one round trip."""
    month = func.date_trunc("month", RosterEntry.work_date)
    return (
        RosterRepository(None, caller)
        .scope(
            select(
                cast(month, Date).label("month"),
                func.count(func.distinct(RosterEntry.user_id)).label("headcount"),
            )
        )
        .where(
            RosterEntry.project_id == bindparam("project_id", type_=PG_UUID(as_uuid=True)),
            RosterEntry.work_date.between(bindparam("start", type_=Date), bindparam("end", type_=Date)),
        )
        .group_by(month)
    )


async def consultants_on_roster(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID, start: date, end: date
) -> dict[date, int]:
    """How many people stood on the project's roster (排班) in each month of [start, end], by the
    month's first day: the headcount per-capita output (人均单产) divides by."""
    rows = await session.execute(
        roster_by_month_of(principal), {"project_id": project_id, "start": start, "end": end}
    )
    return {first: count for first, count in rows}
