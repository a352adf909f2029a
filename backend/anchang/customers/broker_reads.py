"""Brokers, their agents and referrals (报备) on the lean read path (core/reads.py): one statement per
page or view; a referral's phone is masked in the row loop by the policy, as on the write path."""

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, bindparam, func, select, union_all

from anchang.core.access import ProjectAccess
from anchang.core.calendar import day_bounds, now_utc, project_zone, today_in
from anchang.core.pagination import PageParams, read_page
from anchang.core.reader import Reader, Row
from anchang.core.reads import per_caller
from anchang.core.repository import AnySelect
from anchang.core.roles import ProjectRole
from anchang.core.security import Principal
from anchang.customers import policy
from anchang.customers.models import (
    Broker,
    BrokerAgent,
    Referral,
    ReferralStatus,
)
from anchang.customers.phones import mask_phone
from anchang.customers.repository import (
    AgentRepository,
    BrokerRepository,
    ReferralRepository,
)
from anchang.customers.settings import CustomerSettings
from anchang.org import service as org

BROKER_FIELDS: tuple[str, ...] = ("id", "created_at", "updated_at", "version", "project_id", "name")
BROKER_FIELDS += ("contact_name", "contact_phone", "is_active")


@per_caller
def brokers_of_project(caller: Principal) -> AnySelect:
    """The brokers of the project `:project_id` (everyone of the project)."""
    return (
        BrokerRepository(None, caller)
        .scoped()
        .with_only_columns(*(getattr(Broker, name) for name in BROKER_FIELDS))
        .where(Broker.project_id == bindparam("project_id"))
    )


async def list_brokers(
    reader: Reader, access: ProjectAccess, page: PageParams
) -> tuple[list[Row], str | None]:
    """The project's brokers, oldest first (everyone of the project)."""
    return await read_page(
        reader,
        brokers_of_project(access.principal),
        page,
        {"project_id": access.project.id},
        order_by=[Broker.created_at, Broker.id],
        updated_at=Broker.updated_at,
    )


def present_broker(broker: Row) -> dict[str, Any]:
    """A broker read by the route (all its columns) as `schemas.Broker`."""
    return {name: broker[name] for name in BROKER_FIELDS}


@per_caller
def agents_of_broker(caller: Principal) -> AnySelect:
    """The agents of the broker `:broker_id`."""
    return (
        AgentRepository(None, caller)
        .scoped()
        .with_only_columns(
            BrokerAgent.id,
            BrokerAgent.created_at,
            BrokerAgent.updated_at,
            BrokerAgent.version,
            BrokerAgent.broker_id,
            BrokerAgent.name,
            BrokerAgent.phone,
        )
        .where(BrokerAgent.broker_id == bindparam("broker_id"))
    )


async def list_agents(
    reader: Reader, broker: Row, access: ProjectAccess, page: PageParams
) -> tuple[list[Row], str | None]:
    """A broker's agents, oldest first."""
    return await read_page(
        reader,
        agents_of_broker(access.principal),
        page,
        {"broker_id": broker.id},
        order_by=[BrokerAgent.created_at, BrokerAgent.id],
        updated_at=BrokerAgent.updated_at,
    )


REFERRAL_FIELDS: tuple[str, ...] = (
    "id",
    "created_at",
    "updated_at",
    "version",
    "project_id",
    "broker_id",
    "agent_id",
)
REFERRAL_FIELDS += ("customer_name", "phone", "registered_at", "valid_until", "status", "customer_id")
REFERRAL_FIELDS += ("visit_id", "credited_consultant_id", "credited_at")


def present_referral(referral: Row, access: ProjectAccess, now: datetime) -> dict[str, Any]:
    """A referral row as `schemas.Referral`: the phone in full for its registrar and supervisors."""
    full = policy.sees_full_referral_phone(referral, access)
    shown = {name: referral[name] for name in REFERRAL_FIELDS}
    if not full:
        shown["phone"] = mask_phone(referral.phone)
    shown["phone_masked"] = not full
    shown["expired"] = referral.status is ReferralStatus.registered and referral.valid_until < now
    return shown


@per_caller
def referrals_of_project(caller: Principal, *, broker: bool, status: bool) -> AnySelect:
    """The referrals of the project `:project_id`; `:broker_id` and `:status` when the shape has them."""
    statement = (
        ReferralRepository(None, caller)
        .scoped()
        .with_only_columns(*(getattr(Referral, name) for name in REFERRAL_FIELDS), Referral.registered_by_id)
        .where(Referral.project_id == bindparam("project_id"))
    )
    if broker:
        statement = statement.where(Referral.broker_id == bindparam("broker_id"))
    if status:
        statement = statement.where(Referral.status == bindparam("status", type_=Referral.status.type))
    return statement


async def list_referrals(
    reader: Reader,
    access: ProjectAccess,
    page: PageParams,
    *,
    broker_id: uuid.UUID | None = None,
    status: ReferralStatus | None = None,
) -> tuple[list[dict[str, Any]], str | None]:
    """The project's referrals by registration time, phones as the caller may see them."""
    values: dict[str, Any] = {"project_id": access.project.id}
    if broker_id is not None:
        values["broker_id"] = broker_id
    if status is not None:
        values["status"] = status
    statement = referrals_of_project(
        access.principal, broker=broker_id is not None, status=status is not None
    )
    rows, cursor = await read_page(
        reader,
        statement,
        page,
        values,
        order_by=[Referral.registered_at, Referral.id],
        updated_at=Referral.updated_at,
    )
    now = now_utc()
    return [present_referral(row, access, now) for row in rows], cursor


@per_caller
def credited_per_consultant(caller: Principal) -> AnySelect:
    """Credited referrals of the project `:project_id` between `:start` and `:end` per consultant,
    with every consultant of the project (none credited: 0), and their names."""
    at = Referral.credited_at.type
    counts = (
        ReferralRepository(None, caller)
        .scoped()
        .with_only_columns(Referral.credited_consultant_id.label("user_id"), func.count().label("credited"))
        .where(
            Referral.project_id == bindparam("project_id"),
            Referral.status == ReferralStatus.credited,
            and_(
                Referral.credited_at >= bindparam("start", type_=at),
                Referral.credited_at < bindparam("end", type_=at),
            ),
        )
        .group_by(Referral.credited_consultant_id)
        .cte("credited")
    )
    consultants = org.member_ids_with_role(caller, bindparam("project_id"), ProjectRole.consultant)
    people = union_all(select(counts.c.user_id), consultants).subquery("people")
    credited = select(counts.c.credited).where(counts.c.user_id == people.c.user_id).scalar_subquery()
    return (
        select(
            people.c.user_id.label("id"),
            org.user_name_of(caller, people.c.user_id).label("full_name"),
            func.coalesce(credited, 0).label("credited"),
        )
        .where(people.c.user_id.is_not(None))
        .distinct()
    )


async def referral_month(reader: Reader, access: ProjectAccess, month: date | None) -> dict[str, Any]:
    """Credited referrals per consultant in a month (project time; `month` is its first day, within
    1990–2099 as `SaneMonth` gives it), against the monthly target."""
    first = month.replace(day=1) if month else today_in(access).replace(day=1)
    following = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    zone = project_zone(access)
    start, _ = day_bounds(first, zone)
    end, _ = day_bounds(following, zone)
    rows = await reader.rows(
        credited_per_consultant(access.principal),
        {"project_id": access.project.id, "start": start, "end": end},
    )
    target = CustomerSettings.of(access.project.settings).referral_monthly_target
    known = sorted(
        (row for row in rows if row.full_name is not None), key=lambda row: (-row.credited, row.full_name)
    )
    consultants = [
        {
            "consultant": {"id": row.id, "full_name": row.full_name},
            "credited": int(row.credited),
            "target": target,
        }
        for row in known
    ]
    return {"month": first.strftime("%Y-%m"), "target": target, "consultants": consultants}
