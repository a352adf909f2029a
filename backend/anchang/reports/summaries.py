"""Summaries of a week, month or quarter (周报 / 月报 / 季报): the daily report's figures over the period,
project, team and consultant, against target and beside the previous period; the text sections the
server drafts from them and the supervisor completes; and the way to approval.

Targets come from the targets' facade: a month's as set, a quarter's the sum of its months, a week's each
month's target times the share of that month's days the week covers (counts to a tenth, money to the
fen). Figures are live until the summary is submitted; then they are stored with the text, and an
approved summary never changes again (409 `summary_immutable`).

`draft` → `submitted` (AD PM SM SU) → `approved` (AD PM); the text may be corrected until approval.
"""

import asyncio
import calendar
from collections import defaultdict
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.campaigns import service as campaigns
from anchang.core.access import ProjectAccess
from anchang.core.calendar import project_zone
from anchang.core.errors import Conflict
from anchang.core.etag import check_version
from anchang.core.reader import Reader
from anchang.core.roles import ProjectRole
from anchang.org import service as org
from anchang.reports import policy
from anchang.reports import summary_schemas as schemas
from anchang.reports.daily import METRICS
from anchang.reports.models import PeriodSummary, SummaryStatus
from anchang.reports.periods import Period, Sums, begun, parse_period, period_figures
from anchang.reports.repository import SummaryRepository
from anchang.reports.schemas import Metric
from anchang.reports.summary_drafts import SECTION_TITLES, drafts
from anchang.targets import service as targets

TARGETED = {
    "subscriptions.units": "units_subscribed",
    "subscriptions.amount": "amount_subscribed",
    "contracts.units": "units_contracted",
    "contracts.amount": "amount_contracted",
    "collections": "amount_collected",
    "visits.first": "first_visits",
    "new_customers": "new_customers",
    "broker_referrals": "broker_referrals",
}
"""The daily report's figures that have a target, with the target's name."""
_FEN, _TENTH, _RATIO = Decimal("0.01"), Decimal("0.1"), Decimal("0.0001")
_ZERO = Decimal(0)
Targets = dict[str, Decimal]


class SummaryImmutable(Conflict):
    code, title = "summary_immutable", "The summary is approved and can no longer change"


class SummaryNotDraft(Conflict):
    code, title = "summary_not_draft", "The summary is submitted already"


class SummaryNotSubmitted(Conflict):
    code, title = "summary_not_submitted", "Only a submitted summary can be approved"


# --- targets -------------------------------------------------------------------------------------


def month_shares(period: Period) -> dict[date, Decimal]:
    """Each month the period touches, with the share of its days the period covers (1 for whole months)."""
    shares: dict[date, Decimal] = {}
    day = period.start
    while day <= period.end:
        days_in = calendar.monthrange(day.year, day.month)[1]
        last = min(period.end, day.replace(day=days_in))
        shares[day.replace(day=1)] = Decimal((last - day).days + 1) / Decimal(days_in)
        day = date.fromordinal(last.toordinal() + 1)
    return shares


def _scaled(parts: list[tuple[Any, Decimal]]) -> Targets:
    out: Targets = {}
    for metric, field in TARGETED.items():
        exact = sum((Decimal(getattr(t, field)) * share for t, share in parts), _ZERO)
        out[metric] = exact.quantize(_FEN if field.startswith("amount") else _TENTH, rounding=ROUND_HALF_UP)
    return out


async def period_targets(
    session: AsyncSession, access: ProjectAccess, period: Period
) -> tuple[Targets, dict[UUID, Targets], dict[UUID, Targets]]:
    """The period's targets of the project, of each team (by supervisor) and of each consultant."""
    shares = month_shares(period)
    months = await targets.month_targets(
        session, access.principal, access.project.id, period.start, period.end
    )
    weighted = [(m, shares[m.month]) for m in months if m.month in shares]
    teams = {u for m, _ in weighted for u in m.teams}
    people = {u for m, _ in weighted for u in m.consultants}
    empty = targets.Targets()
    return (
        _scaled([(m.project, s) for m, s in weighted]),
        {u: _scaled([(m.teams.get(u, empty), s) for m, s in weighted]) for u in teams},
        {u: _scaled([(m.consultants.get(u, empty), s) for m, s in weighted]) for u in people},
    )


# --- figures -------------------------------------------------------------------------------------


def _figures(now: Sums, before: Sums, goal: Targets | None) -> dict[str, schemas.SummaryFigure]:
    out = {}
    for key, _ in METRICS:
        target = goal.get(key) if goal is not None and key in TARGETED else None
        share = (now[key] / target).quantize(_RATIO, rounding=ROUND_HALF_UP) if target else None
        out[key] = schemas.SummaryFigure(
            value=now[key], previous=before[key], change=now[key] - before[key], target=target, share=share
        )
    return out


def _sum(parts: list[Sums]) -> Sums:
    out: Sums = {key: _ZERO for key, _ in METRICS}
    for part in parts:
        for key in out:
            out[key] += part[key]
    return out


def _campaigns(report: Any) -> list[schemas.CampaignLine]:
    return [
        schemas.CampaignLine(
            campaign_id=c.campaign_id,
            name=c.name,
            kind=str(c.kind),
            medium=str(c.medium),
            starts_on=c.starts_on,
            ends_on=c.ends_on,
            cost=c.cost or _ZERO,
            visits=c.visits,
            new_customers=c.new_customers,
            subscriptions=c.subscriptions,
            contracts=c.contracts,
            contracted_amount=c.contracted_amount,
            cost_per_deal=c.cost_per_deal,
        )
        for c in report.campaigns
    ]


async def live_figures(
    session: AsyncSession, reader: Reader, access: ProjectAccess, period: Period
) -> schemas.SummaryFigures:
    """The period's figures as the rows say now, through today for a period still running."""
    through = begun(access, period)
    previous = period.previous()
    (each, totals), (each_before, totals_before), channels = await asyncio.gather(
        period_figures(reader, access, period.start, through),
        period_figures(reader, access, previous.start, previous.end),
        campaigns.channel_report(reader, access, period.start, through),
    )
    goal, team_goals, people_goals = await period_targets(session, access, period)
    team = await org.sales_team(session, access.principal, access.project.id)
    names = {m.user_id: m.full_name for m in team}
    supervisor_of = {m.user_id: m.supervisor_id for m in team if m.role is ProjectRole.consultant}
    supervisors = {m.user_id for m in team if m.role is ProjectRole.supervisor} | set(team_goals)
    people = set(supervisor_of) | set(each) | set(each_before) | set(people_goals)
    people -= supervisors - set(people_goals)  # a supervisor shows as their team, unless targeted alone
    missing = (people | supervisors) - names.keys()
    names.update(await org.user_names(session, access.principal, missing))
    zero = _sum([])

    def mine(who: UUID, of: dict[UUID, Sums]) -> Sums:
        return of.get(who) or zero

    def order(ids: set[UUID]) -> list[UUID]:
        return sorted(ids, key=lambda u: (names.get(u) or "", str(u)))

    members: dict[UUID, list[UUID]] = defaultdict(list)
    for who, boss in supervisor_of.items():
        if boss is not None:
            members[boss].append(who)
    return schemas.SummaryFigures(
        through=through,
        previous_period=previous.key,
        project=_figures(totals, totals_before, goal),
        teams=[
            schemas.SummaryRow(
                user_id=boss,
                name=names.get(boss),
                supervisor_id=None,
                figures=_figures(
                    _sum([mine(u, each) for u in [boss, *members[boss]]]),
                    _sum([mine(u, each_before) for u in [boss, *members[boss]]]),
                    team_goals.get(boss, {}),
                ),
            )
            for boss in order(supervisors)
        ],
        consultants=[
            schemas.SummaryRow(
                user_id=who,
                name=names.get(who),
                supervisor_id=supervisor_of.get(who),
                figures=_figures(mine(who, each), mine(who, each_before), people_goals.get(who, {})),
            )
            for who in order(people)
        ],
        campaigns=_campaigns(channels),
    )


# --- the stored summary --------------------------------------------------------------------------


async def _stored(session: AsyncSession, access: ProjectAccess, period: Period) -> PeriodSummary | None:
    statement = (
        SummaryRepository(session, access.principal)
        .scoped()
        .where(PeriodSummary.project_id == access.project.id, PeriodSummary.period == period.key)
    )
    return (await session.scalars(statement)).one_or_none()


def _actions(access: ProjectAccess, status: SummaryStatus) -> list[schemas.SummaryAction]:
    out: list[schemas.SummaryAction] = []
    if status is not SummaryStatus.approved and access.allows(policy.SUMMARY_WRITERS):
        out.append("edit")
    if status is SummaryStatus.draft and access.allows(policy.SUMMARY_WRITERS):
        out.append("submit")
    if status is SummaryStatus.submitted and access.allows(policy.SUMMARY_APPROVERS):
        out.append("approve")
    return out


async def _view(
    session: AsyncSession, reader: Reader, access: ProjectAccess, period: Period, row: PeriodSummary | None
) -> schemas.Summary:
    if row is not None and row.figures is not None:
        figures = schemas.SummaryFigures.model_validate(row.figures)
    else:
        figures = await live_figures(session, reader, access, period)
    texts = (row.sections if row is not None else None) or {}
    status = row.status if row is not None else SummaryStatus.draft
    drafted = drafts(period, figures)
    return schemas.Summary(
        project_id=access.project.id,
        period=period.key,
        kind=period.kind,
        start=period.start,
        end=period.end,
        timezone=str(project_zone(access)),
        status=status,
        version=row.version if row is not None else 0,
        live=row is None or row.figures is None,
        metrics=[Metric(key=key, kind=kind) for key, kind in METRICS],
        figures=figures,
        sections=[
            schemas.Section(key=key, title=title, draft=drafted[key], text=texts.get(key))
            for key, title in SECTION_TITLES.items()
        ],
        submitted_by=row.submitted_by if row is not None else None,
        submitted_at=row.submitted_at if row is not None else None,
        approved_by=row.approved_by if row is not None else None,
        approved_at=row.approved_at if row is not None else None,
        allowed_actions=_actions(access, status),
    )


async def summary(session: AsyncSession, reader: Reader, access: ProjectAccess, text: str) -> schemas.Summary:
    """The summary of the period `text` names (422 naming `period` for a bad or future one)."""
    period = parse_period(text)
    begun(access, period)
    return await _view(session, reader, access, period, await _stored(session, access, period))


async def _for_change(
    session: AsyncSession, access: ProjectAccess, text: str, expected: int | None
) -> tuple[Period, PeriodSummary | None]:
    period = parse_period(text)
    begun(access, period)
    row = await _stored(session, access, period)
    check_version(expected, row.version if row is not None else 0)
    if row is not None and row.status is SummaryStatus.approved:
        raise SummaryImmutable(f"The summary of {period.key} is approved")
    return period, row


async def _flush(session: AsyncSession, row: PeriodSummary) -> None:
    try:
        await session.flush()
    except IntegrityError as exc:  # started by someone else at the same moment
        raise Conflict("The summary was just started by someone else; fetch it again") from exc


def _new(access: ProjectAccess, period: Period) -> PeriodSummary:
    return PeriodSummary(
        organization_id=access.principal.organization_id,
        project_id=access.project.id,
        period=period.key,
        status=SummaryStatus.draft,
        sections={},
    )


async def save_sections(
    session: AsyncSession,
    reader: Reader,
    access: ProjectAccess,
    text: str,
    sections: dict[str, str],
    expected: int | None,
) -> schemas.Summary:
    """Store the sections' text (others keep theirs), until the summary is approved."""
    period, row = await _for_change(session, access, text, expected)
    if row is None:
        row = _new(access, period)
        session.add(row)
    row.sections = {**(row.sections or {}), **sections}
    await _flush(session, row)
    return await _view(session, reader, access, period, row)


async def submit_summary(
    session: AsyncSession, reader: Reader, access: ProjectAccess, text: str, expected: int | None
) -> schemas.Summary:
    """Submit the summary: its figures are stored as they stand now."""
    period, row = await _for_change(session, access, text, expected)
    if row is not None and row.status is not SummaryStatus.draft:
        raise SummaryNotDraft(f"The summary of {period.key} is {row.status.value}")
    figures = await live_figures(session, reader, access, period)
    if row is None:
        row = _new(access, period)
        session.add(row)
    row.figures = figures.model_dump(mode="json")
    row.status = SummaryStatus.submitted
    row.submitted_by = access.principal.user_id
    row.submitted_at = await session.scalar(select(func.now()))
    await _flush(session, row)
    return await _view(session, reader, access, period, row)


async def approve_summary(
    session: AsyncSession, reader: Reader, access: ProjectAccess, text: str, expected: int | None
) -> schemas.Summary:
    """Approve a submitted summary; it never changes afterwards."""
    period, row = await _for_change(session, access, text, expected)
    if row is None or row.status is not SummaryStatus.submitted:
        raise SummaryNotSubmitted(f"The summary of {period.key} is not submitted")
    row.status = SummaryStatus.approved
    row.approved_by = access.principal.user_id
    row.approved_at = await session.scalar(select(func.now()))
    await _flush(session, row)
    return await _view(session, reader, access, period, row)
