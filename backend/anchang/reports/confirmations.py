"""每日确认当日业绩: a supervisor confirms consultants' days; each confirmation stores the day's figures as
the report showed them, once. Confirming a day again is refused (409 `already_confirmed`): a correction
of the rows afterwards is shown as a difference against the snapshot, never written over it."""

from datetime import date
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.access import ProjectAccess
from anchang.core.errors import Conflict, ValidationFailed
from anchang.core.reader import Reader
from anchang.core.roles import ProjectRole
from anchang.org import service as org
from anchang.reports import schemas
from anchang.reports.daily import figures_of, report_day, snapshot, zeros
from anchang.reports.models import DailyConfirmation
from anchang.reports.repository import ConfirmationRepository


class AlreadyConfirmed(Conflict):
    code, title = "already_confirmed", "The consultant's day is confirmed already"


async def confirm_day(
    session: AsyncSession, reader: Reader, access: ProjectAccess, day: date, consultant_ids: list[UUID]
) -> schemas.Confirmations:
    """Store the day's figures of each consultant named, as confirmed by the caller."""
    report_day(access, day)  # 422 for a future day
    wanted = list(dict.fromkeys(consultant_ids))
    each, _ = await figures_of(reader, access, day)
    consultants = set(await _consultants(session, access))
    unknown = [str(c) for c in wanted if c not in consultants and c not in each]
    if unknown:
        raise ValidationFailed(
            {"consultant_ids": f"not a consultant of the project's report: {', '.join(unknown)}"}
        )
    taken = await session.scalars(
        ConfirmationRepository(session, access.principal)
        .scoped()
        .with_only_columns(DailyConfirmation.consultant_id)
        .where(
            DailyConfirmation.project_id == access.project.id,
            DailyConfirmation.day == day,
            DailyConfirmation.consultant_id.in_(wanted),
        )
    )
    already = sorted(str(c) for c in taken)
    if already:
        raise AlreadyConfirmed(f"Already confirmed for {day.isoformat()}: {', '.join(already)}")
    now = await session.scalar(select(func.now()))
    assert now is not None
    rows = [
        DailyConfirmation(
            organization_id=access.principal.organization_id,
            project_id=access.project.id,
            day=day,
            consultant_id=who,
            figures=snapshot(each.get(who) or zeros()),
            confirmed_by=access.principal.user_id,
            confirmed_at=now,
        )
        for who in wanted
    ]
    session.add_all(rows)
    try:
        await session.flush()
    except IntegrityError as exc:  # confirmed by someone else at the same moment
        raise AlreadyConfirmed(f"Already confirmed for {day.isoformat()}") from exc
    return schemas.Confirmations(
        date=day,
        confirmed=[
            schemas.Confirmed(
                consultant_id=r.consultant_id, confirmed_by=r.confirmed_by, confirmed_at=r.confirmed_at
            )
            for r in rows
        ],
    )


async def _consultants(session: AsyncSession, access: ProjectAccess) -> list[UUID]:
    return await org.members_with_role(session, access, ProjectRole.consultant)
