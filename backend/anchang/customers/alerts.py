"""My alerts: what a consultant must not let slip — overdue follow-ups, and their customers about to
fall back to the public pool (公客)."""

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.access import ProjectAccess
from anchang.customers import schemas
from anchang.customers.common import now_utc
from anchang.customers.models import Customer, FollowUp, Stage
from anchang.customers.repository import CustomerRepository, FollowUpRepository
from anchang.customers.settings import CustomerSettings

ALERT_LIMIT = 200


async def my_alerts(session: AsyncSession, access: ProjectAccess) -> schemas.MyAlerts:
    """The caller's overdue follow-ups, and their customers within `pool_warning_days` of the pool."""
    me = access.principal.user_id
    now = now_utc()
    settings = CustomerSettings.of(access.project.settings)
    customers = CustomerRepository(session, access.principal)
    follow_ups = FollowUpRepository(session, access.principal)
    overdue = (
        await session.execute(
            follow_ups.scope(select(FollowUp, Customer.name))
            .join(Customer, Customer.id == FollowUp.customer_id)
            .where(
                FollowUp.project_id == access.project.id,
                FollowUp.assignee_id == me,
                FollowUp.done_at.is_(None),
                FollowUp.due_at < now,
            )
            .order_by(FollowUp.due_at)
            .limit(ALERT_LIMIT)
        )
    ).all()
    falling = (
        await session.scalars(
            customers.readable_of_project(access.project.id)
            .where(
                Customer.owner_id == me,
                Customer.protected_until > now,
                Customer.protected_until <= now + timedelta(days=settings.pool_warning_days),
                Customer.stage.not_in([Stage.subscribed, Stage.contracted, Stage.lost]),
            )
            .order_by(Customer.protected_until)
            .limit(ALERT_LIMIT)
        )
    ).all()
    return schemas.MyAlerts(
        follow_ups_overdue=[
            schemas.Alert(
                kind="follow_up_overdue",
                customer_id=f.customer_id,
                customer_name=name,
                at=f.due_at,
                follow_up_id=f.id,
            )
            for f, name in overdue
        ],
        falling_to_pool=[
            schemas.Alert(
                kind="falling_to_pool", customer_id=c.id, customer_name=c.name, at=c.protected_until or now
            )
            for c in falling
        ],
    )
