"""Where customers and visits came from, for the channel and campaign report: statements other domains
embed (through `customers.service`), each from this domain's scoped statements, never its tables.

Each counts the project `:project_id` in [`:start`, `:end`) (instants; the caller makes them the project's
days). The report's readers oversee the whole project, so these are scoped, not row-ruled."""

from typing import Any

from sqlalchemy import bindparam, func

from anchang.core.reads import per_caller
from anchang.core.repository import AnySelect
from anchang.core.security import Principal
from anchang.customers.models import Customer, Visit, VisitKind
from anchang.customers.repository import CustomerRepository, VisitRepository


@per_caller
def visits_by_source(caller: Principal) -> AnySelect:
    """The period's visits by (`channel`, `campaign_id`): `first` and `repeat` counts."""
    return (
        VisitRepository(None, caller)
        .scoped()
        .with_only_columns(
            Visit.channel.label("channel"),
            Visit.campaign_id.label("campaign_id"),
            func.count().filter(Visit.kind == VisitKind.first).label("first"),
            func.count().filter(Visit.kind == VisitKind.repeat).label("repeat"),
        )
        .where(
            Visit.project_id == bindparam("project_id"),
            Visit.visited_at >= bindparam("start", type_=Visit.visited_at.type),
            Visit.visited_at < bindparam("end", type_=Visit.visited_at.type),
        )
        .group_by(Visit.channel, Visit.campaign_id)
    )


@per_caller
def new_customers_by_source(caller: Principal) -> AnySelect:
    """The customers registered in the period by (`channel`, `campaign_id`): `count`."""
    return (
        CustomerRepository(None, caller)
        .scoped()
        .with_only_columns(
            Customer.channel.label("channel"),
            Customer.campaign_id.label("campaign_id"),
            func.count().label("count"),
        )
        .where(
            Customer.project_id == bindparam("project_id"),
            Customer.created_at >= bindparam("start", type_=Customer.created_at.type),
            Customer.created_at < bindparam("end", type_=Customer.created_at.type),
        )
        .group_by(Customer.channel, Customer.campaign_id)
    )


def sources_of_customers(caller: Principal) -> Any:
    """Every customer of `:project_id` with the `channel` and `campaign_id` that brought them (a subquery
    to join another domain's figures on `id`)."""
    return (
        CustomerRepository(None, caller)
        .scoped()
        .with_only_columns(Customer.id, Customer.channel, Customer.campaign_id)
        .where(Customer.project_id == bindparam("project_id"))
        .subquery("sources")
    )
