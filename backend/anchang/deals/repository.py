"""Queries of deals, each from the base repository's scoped statement; what a caller reads of deals and
payments starts from `readable()`, which adds the row rule of `deals/policy.py`."""

import uuid
from collections.abc import Sequence

from sqlalchemy import ColumnElement, Select, select

from anchang.core.errors import NotFound
from anchang.core.repository import Repository
from anchang.deals.models import (
    CollectionNote,
    Deal,
    DealEvent,
    DealOperation,
    Mortgage,
    Payment,
    ScheduleLine,
)
from anchang.deals.policy import deal_row_rule


class DealNotFound(NotFound):
    code = "deal_not_found"


class PaymentNotFound(NotFound):
    code = "payment_not_found"


class MortgageNotFound(NotFound):
    code = "mortgage_not_found"


class DealRepository(Repository[Deal]):
    model = Deal
    not_found = DealNotFound

    def row_rule(self) -> ColumnElement[bool] | None:
        return deal_row_rule(self.principal, Deal.consultant_id, Deal.project_id)

    def readable_of_project(self, project_id: uuid.UUID) -> Select[Deal]:
        """The project's deals the caller may read."""
        return self.readable().where(Deal.project_id == project_id)


class ScheduleRepository(Repository[ScheduleLine]):
    model = ScheduleLine

    async def active_of(self, deal_id: uuid.UUID, *, for_update: bool = False) -> Sequence[ScheduleLine]:
        statement = (
            self.scoped()
            .where(ScheduleLine.deal_id == deal_id, ScheduleLine.active.is_(True))
            .order_by(ScheduleLine.due_on, ScheduleLine.seq)
        )
        if for_update:
            statement = statement.with_for_update()
        return (await self.session.scalars(statement)).all()


class PaymentRepository(Repository[Payment]):
    model = Payment
    not_found = PaymentNotFound

    def row_rule(self) -> ColumnElement[bool] | None:
        # A payment is read as its deal is: the deal's consultant, or an overseer of the project.
        consultant = select(Deal.consultant_id).where(Deal.id == Payment.deal_id).scalar_subquery()
        return deal_row_rule(self.principal, consultant, Payment.project_id)

    def of_deal(self, deal_id: uuid.UUID) -> Select[Payment]:
        return self.scoped().where(Payment.deal_id == deal_id)


class EventRepository(Repository[DealEvent]):
    model = DealEvent

    async def of_deal(self, deal_id: uuid.UUID) -> Sequence[DealEvent]:
        statement = self.scoped().where(DealEvent.deal_id == deal_id).order_by(DealEvent.at, DealEvent.id)
        return (await self.session.scalars(statement)).all()


class OperationRepository(Repository[DealOperation]):
    model = DealOperation

    async def of_deal(self, deal_id: uuid.UUID) -> Sequence[DealOperation]:
        statement = (
            self.scoped()
            .where(DealOperation.deal_id == deal_id)
            .order_by(DealOperation.created_at, DealOperation.id)
        )
        return (await self.session.scalars(statement)).all()


class CollectionNoteRepository(Repository[CollectionNote]):
    model = CollectionNote

    def of_deal(self, deal_id: uuid.UUID) -> Select[CollectionNote]:
        return self.scoped().where(CollectionNote.deal_id == deal_id)


class MortgageRepository(Repository[Mortgage]):
    model = Mortgage
    not_found = MortgageNotFound

    async def of_deal(self, deal_id: uuid.UUID, *, for_update: bool = False) -> Mortgage | None:
        statement = self.scoped().where(Mortgage.deal_id == deal_id)
        if for_update:
            statement = statement.with_for_update()
        return await self.session.scalar(statement)


def receivable_lines(
    repository: ScheduleRepository, project_id: uuid.UUID | ColumnElement[uuid.UUID]
) -> Select[ScheduleLine]:
    """Open lines (something still owed) of the project's live deals (`project_id` a value or a bind
    parameter)."""
    from anchang.deals.models import DealStatus

    return (
        repository.scoped()
        .join(Deal, Deal.id == ScheduleLine.deal_id)
        .where(
            ScheduleLine.project_id == project_id,
            ScheduleLine.active.is_(True),
            ScheduleLine.paid < ScheduleLine.amount,
            Deal.status.in_([DealStatus.pending_approval, DealStatus.subscribed, DealStatus.contracted]),
        )
    )
