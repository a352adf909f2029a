"""Request and response bodies of reception: roster and rotation."""

import datetime as dt
import uuid
from typing import Annotated

from pydantic import Field

from anchang.core.schemas import Record, RequestModel, ResponseModel, SaneDate
from anchang.customers.schemas import Customer, Name, Notes, Phone, UserRef, Visit
from anchang.customers.service import Channel
from anchang.reception.models import DutyStatus, TurnKind


class RosterEntry(Record):
    project_id: uuid.UUID
    work_date: dt.date
    user: UserRef
    position: int
    status: DutyStatus
    note: str | None


class Roster(ResponseModel):
    """Who is on duty on a day, in rotation order."""

    date: dt.date
    entries: list[RosterEntry]


class RosterSet(RequestModel):
    date: SaneDate | None = Field(default=None, description="Default: today in the project's time zone")
    user_ids: Annotated[list[uuid.UUID], Field(max_length=100, description="In rotation order")]


class RosterEntryUpdate(RequestModel):
    status: DutyStatus
    note: Annotated[str, Field(max_length=200)] | None = None


class QueueEntry(ResponseModel):
    roster_entry_id: uuid.UUID
    user: UserRef
    position: int
    status: DutyStatus
    turns_today: int
    is_next: bool


class Rotation(ResponseModel):
    """Today's queue, starting from whoever takes the next walk-in; away consultants are skipped."""

    date: dt.date
    turns_today: int
    next: UserRef | None
    queue: list[QueueEntry]


class NextWalkIn(RequestModel):
    phone: Phone | None = Field(
        default=None, description="If known: a returning customer goes to their owner without using a turn"
    )
    name: Name | None = Field(default=None, description="Registers a new customer with the phone")
    channel: Channel = Channel.walk_in
    party_size: Annotated[int, Field(ge=1, le=50)] = 1
    notes: Notes | None = None
    campaign_id: uuid.UUID | None = Field(
        default=None, description="The project's campaign that brought them (来源活动), if any"
    )


class Turn(ResponseModel):
    sequence: int
    kind: TurnKind
    consultant: UserRef
    on_behalf_of: UserRef | None
    customer_id: uuid.UUID | None
    visit_id: uuid.UUID | None
    taken_at: dt.datetime


class WalkInResult(ResponseModel):
    """Who receives the visitor, and the customer and visit recorded when the phone was given."""

    turn: Turn
    customer: Customer | None
    visit: Visit | None
