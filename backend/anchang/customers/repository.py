"""Queries of the customers domain, each from the base repository's scoped statement."""

import uuid
from datetime import datetime
from typing import TypeVarTuple

from sqlalchemy import ColumnElement, Select, delete, func, literal, select
from sqlalchemy.dialects.postgresql import insert

from anchang.core.errors import NotFound
from anchang.core.membership import projects_where_role
from anchang.core.repository import AnySelect, Repository, own_or_overseen
from anchang.customers.models import (
    Broker,
    BrokerAgent,
    Call,
    Customer,
    CustomerGram,
    DuplicateAttempt,
    FollowUp,
    OwnershipEvent,
    Referral,
    Visit,
)
from anchang.customers.policy import CUSTOMER_READERS, FOLLOW_UP_OVERSEERS, in_pool
from anchang.customers.search import SearchQuery, customer_grams

Ts = TypeVarTuple("Ts")


class CustomerNotFound(NotFound):
    code = "customer_not_found"


class FollowUpNotFound(NotFound):
    code = "follow_up_not_found"


class BrokerNotFound(NotFound):
    code = "broker_not_found"


class AgentNotFound(NotFound):
    code = "agent_not_found"


class ReferralNotFound(NotFound):
    code = "referral_not_found"


class CustomerRepository(Repository[Customer]):
    model = Customer
    not_found = CustomerNotFound

    def row_rule(self) -> ColumnElement[bool] | None:
        # A consultant reads their own customers and the pool; see customers/policy.py for the rest.
        if self.principal.is_admin:
            return None
        return (
            (Customer.owner_id == self.principal.user_id)
            | in_pool()
            | Customer.project_id.in_(projects_where_role(self.principal, CUSTOMER_READERS))
        )

    def readable_by_id(self) -> AnySelect:
        """The readable customer `:id` with what their view shows beside their columns (the owner's
        name), so `GET /customers/{id}` is one statement with its access (core/access.py)."""
        from anchang.customers.reads import customer_by_id  # the reads build on this repository

        return customer_by_id(self.principal)

    def of_project(self, project_id: uuid.UUID) -> Select[Customer]:
        """Every customer of the project, whoever owns them: what the rules must see (撞单, a phone taken)."""
        return self.scoped().where(Customer.project_id == project_id)

    def readable_of_project(self, project_id: uuid.UUID) -> Select[Customer]:
        """The project's customers the caller may read: where lists start."""
        return self.readable().where(Customer.project_id == project_id)

    async def lock(self, customer: Customer) -> Customer:
        """Lock an already authorized customer's row (FOR UPDATE) and reload it as it now stands."""
        await self.session.refresh(customer, with_for_update=True)
        return customer

    async def by_phone(
        self, project_id: uuid.UUID, phone: str, *, for_update: bool = False
    ) -> Customer | None:
        statement = self.of_project(project_id).where(Customer.phone == phone)
        if for_update:
            statement = statement.with_for_update()
        return await self.session.scalar(statement)

    @staticmethod
    def matching(
        statement: Select[*Ts], project_id: uuid.UUID | ColumnElement[uuid.UUID], query: SearchQuery
    ) -> Select[*Ts]:
        """Customers having every gram of the query (the index), rechecked with LIKE (the truth).

        One EXISTS per gram: see `customers.search` for why."""
        for gram in query.grams:
            statement = statement.where(
                select(CustomerGram.customer_id)
                .where(
                    CustomerGram.customer_id == Customer.id,
                    CustomerGram.project_id == project_id,
                    # Inlined, not bound: a prepared statement's generic plan cannot tell a common
                    # surname from a rare phone piece; the value lets the planner choose per query.
                    CustomerGram.gram == literal(gram, literal_execute=True),
                )
                .exists()
            )
        if query.field == "phone":
            return statement.where(Customer.phone.contains(query.text, autoescape=True))
        return statement.where(func.lower(Customer.name).contains(query.text, autoescape=True))

    async def index(self, customer: Customer) -> None:
        """(Re)write the customer's search grams."""
        await self.session.execute(delete(CustomerGram).where(CustomerGram.customer_id == customer.id))
        rows = [
            {
                "customer_id": customer.id,
                "gram": gram,
                "organization_id": customer.organization_id,
                "project_id": customer.project_id,
            }
            for gram in customer_grams(customer.name, customer.phone)
        ]
        if rows:
            await self.session.execute(insert(CustomerGram).values(rows).on_conflict_do_nothing())


class OwnershipEventRepository(Repository[OwnershipEvent]):
    model = OwnershipEvent


class DuplicateAttemptRepository(Repository[DuplicateAttempt]):
    model = DuplicateAttempt


class VisitRepository(Repository[Visit]):
    model = Visit

    async def count_for(self, customer_id: uuid.UUID) -> int:
        statement = self.scope(select(func.count()).select_from(Visit)).where(
            Visit.customer_id == customer_id
        )
        return int(await self.session.scalar(statement) or 0)


class CallRepository(Repository[Call]):
    model = Call


class FollowUpRepository(Repository[FollowUp]):
    model = FollowUp
    not_found = FollowUpNotFound

    def row_rule(self) -> ColumnElement[bool] | None:
        # Its assignee, the owner of its customer, and supervisors and above.
        rule = own_or_overseen(self.principal, FollowUp.assignee_id, FollowUp.project_id, FOLLOW_UP_OVERSEERS)
        if rule is None:
            return None
        owned = (
            CustomerRepository(None, self.principal)
            .scope(select(Customer.id))
            .where(Customer.owner_id == self.principal.user_id)
        )
        return rule | FollowUp.customer_id.in_(owned)

    def of_customer(self, customer_id: uuid.UUID) -> Select[FollowUp]:
        return self.readable().where(FollowUp.customer_id == customer_id)


class BrokerRepository(Repository[Broker]):
    model = Broker
    not_found = BrokerNotFound


class AgentRepository(Repository[BrokerAgent]):
    model = BrokerAgent
    not_found = AgentNotFound


class ReferralRepository(Repository[Referral]):
    model = Referral
    not_found = ReferralNotFound

    async def live_for_phone(self, project_id: uuid.UUID, phone: str, at: datetime) -> Referral | None:
        """The referral of this phone registered and still valid at `at`, if any (the earliest wins)."""
        statement = (
            self.scoped()
            .where(
                Referral.project_id == project_id,
                Referral.phone == phone,
                Referral.status.in_(["registered", "credited"]),
                Referral.registered_at <= at,
                Referral.valid_until >= at,
            )
            .order_by(Referral.registered_at, Referral.id)
            .limit(1)
        )
        return await self.session.scalar(statement)
