"""The conversion funnel's first two stages, which this domain owns: the cohort of customers whose first
visit (来访, kind `first`) fell in a period, and whether each came back (a repeat visit after it).

A statement, so that the report joins it with the deals' stages in one round trip. The cohort starts from
the (project, visited_at) index range of the period; a customer's earlier first visit (a second `first`
recorded by mistake) takes them out of it, so each customer belongs to one period only.
"""

from typing import Any

from sqlalchemy import BindParameter, DateTime, and_, bindparam, select
from sqlalchemy.dialects.postgresql import UUID as PG_UUID
from sqlalchemy.orm import aliased

from anchang.core.reads import per_caller
from anchang.core.repository import AnySelect
from anchang.core.security import Principal
from anchang.customers.models import Customer, Visit, VisitKind
from anchang.customers.repository import CustomerRepository, VisitRepository

PROJECT: BindParameter[Any] = bindparam("project_id", type_=PG_UUID(as_uuid=True))
START: BindParameter[Any] = bindparam("start", type_=DateTime(timezone=True))
END: BindParameter[Any] = bindparam("end", type_=DateTime(timezone=True))


@per_caller
def funnel_cohort_of(caller: Principal, own_only: bool) -> AnySelect:
    """The customers of the project `:project_id` the caller may read whose first visit fell in
    [`:start`, `:end`): rows (customer_id, channel, owner_id, first_visit_at, came_back). `own_only`:
    the caller's own customers only (a consultant's funnel, without the pool)."""
    earlier = aliased(Visit)
    again = aliased(Visit)
    visits = VisitRepository(None, caller).readable()
    came_back = (
        select(again.id)
        .where(
            again.customer_id == Visit.customer_id,
            again.kind == VisitKind.repeat,
            again.visited_at > Visit.visited_at,
        )
        .exists()
    )
    first = (
        visits.with_only_columns(
            Visit.customer_id, Visit.visited_at.label("first_visit_at"), came_back.label("came_back")
        )
        .where(
            Visit.project_id == PROJECT,
            Visit.kind == VisitKind.first,
            Visit.visited_at >= START,
            Visit.visited_at < END,
            ~select(earlier.id)
            .where(
                earlier.customer_id == Visit.customer_id,
                earlier.kind == VisitKind.first,
                # The same instant twice: the lower id is the first.
                (earlier.visited_at < Visit.visited_at)
                | and_(earlier.visited_at == Visit.visited_at, earlier.id < Visit.id),
            )
            .exists(),
        )
        # Materialized: the period's range first, then joined to its customers. Inlined, the planner
        # misjudged the range as a few rows and probed the visits once per customer of the project.
        .cte("first_visits")
        .prefix_with("MATERIALIZED")
    )
    customers = CustomerRepository(None, caller).readable()
    if own_only:
        customers = customers.where(Customer.owner_id == caller.user_id)
    return customers.with_only_columns(
        first.c.customer_id, Customer.channel, Customer.owner_id, first.c.first_visit_at, first.c.came_back
    ).join(first, first.c.customer_id == Customer.id)
