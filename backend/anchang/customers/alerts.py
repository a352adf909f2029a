"""My alerts: what a consultant must not let slip — overdue follow-ups, and their customers about to
fall back to the public pool (公客). One statement on the lean read path (core/reads.py)."""

from datetime import timedelta
from typing import Any

from sqlalchemy import bindparam, cast, func, literal, null, select, union_all
from sqlalchemy.dialects.postgresql import UUID

from anchang.core.access import ProjectAccess
from anchang.core.calendar import now_utc
from anchang.core.reader import Reader, Row
from anchang.core.reads import per_caller
from anchang.core.repository import AnySelect
from anchang.core.security import Principal
from anchang.customers.models import (
    Customer,
    FollowUp,
    Stage,
)
from anchang.customers.repository import (
    CustomerRepository,
    FollowUpRepository,
)
from anchang.customers.settings import CustomerSettings

ALERT_LIMIT = 200


@per_caller
def alerts_of(caller: Principal) -> AnySelect:
    """The caller's (`:me`) overdue follow-ups (due before `:now`) and their customers falling to the
    pool (protection ending in `:now`–`:until`) in the project `:project_id`, at most 200 of each."""
    at = FollowUp.due_at.type
    me = bindparam("me", type_=UUID(as_uuid=True))
    now = bindparam("now", type_=at)
    overdue = (
        FollowUpRepository(None, caller)
        .scope(
            select(
                literal("follow_up_overdue").label("kind"),
                FollowUp.customer_id,
                Customer.name.label("customer_name"),
                FollowUp.due_at.label("at"),
                FollowUp.id.label("follow_up_id"),
            )
        )
        .join(Customer, Customer.id == FollowUp.customer_id)
        .where(
            FollowUp.project_id == bindparam("project_id"),
            FollowUp.assignee_id == me,
            FollowUp.done_at.is_(None),
            FollowUp.due_at < now,
        )
        .order_by(FollowUp.due_at)
        .limit(ALERT_LIMIT)
    )
    falling = (
        CustomerRepository(None, caller)
        .readable()
        .with_only_columns(
            literal("falling_to_pool").label("kind"),
            Customer.id.label("customer_id"),
            Customer.name.label("customer_name"),
            # The write path's `or now` for a null end; the WHERE below leaves none.
            func.coalesce(Customer.protected_until, now).label("at"),
            cast(null(), UUID(as_uuid=True)).label("follow_up_id"),
        )
        .where(
            Customer.project_id == bindparam("project_id"),
            Customer.owner_id == me,
            Customer.protected_until > now,
            Customer.protected_until <= bindparam("until", type_=at),
            Customer.stage.not_in([Stage.subscribed, Stage.contracted, Stage.lost]),
        )
        .order_by(Customer.protected_until)
        .limit(ALERT_LIMIT)
    )
    return union_all(overdue, falling)  # type: ignore[return-value]  # run like a SELECT


async def my_alerts(reader: Reader, access: ProjectAccess) -> dict[str, Any]:
    """The caller's overdue follow-ups, and their customers within `pool_warning_days` of the pool."""
    now = now_utc()
    settings = CustomerSettings.of(access.project.settings)
    rows = await reader.rows(
        alerts_of(access.principal),
        {
            "project_id": access.project.id,
            "me": access.principal.user_id,
            "now": now,
            "until": now + timedelta(days=settings.pool_warning_days),
        },
    )
    alerts: dict[str, list[Row]] = {"follow_up_overdue": [], "falling_to_pool": []}
    for row in rows:
        alerts[row.kind].append(row)
    for found in alerts.values():  # each kind in its own order (a UNION ALL promises none overall)
        found.sort(key=lambda row: row.at)
    return {"follow_ups_overdue": alerts["follow_up_overdue"], "falling_to_pool": alerts["falling_to_pool"]}
