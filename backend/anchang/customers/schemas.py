"""Request and response bodies of the customers domain."""

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from anchang.core.schemas import (
    AwareTime,
    Money,
    NonNegativeMoney,
    PastTime,
    Record,
    RequestModel,
    ResponseModel,
)
from anchang.customers.models import CallDirection, Channel, Intent, ReferralStatus, Stage, VisitKind
from anchang.customers.phones import normalize_phone

Phone = Annotated[
    str,
    Field(
        min_length=5,
        max_length=32,
        description="A Chinese mobile number; `+86`, spaces and dashes are allowed and normalised away",
        examples=["139 1234 5678"],
    ),
    AfterValidator(normalize_phone),
]
Name = Annotated[str, Field(min_length=1, max_length=100)]
Notes = Annotated[str, Field(max_length=2000)]
Layout = Annotated[str, Field(min_length=1, max_length=32, examples=["3室2厅"])]


class UserRef(ResponseModel):
    id: uuid.UUID
    full_name: str


# --- customers ------------------------------------------------------------------------------


class CoBuyerIn(RequestModel):
    name: Name
    phone: Phone | None = None
    relation: Annotated[str, Field(max_length=32)] | None = None


class CoBuyer(ResponseModel):
    name: str
    phone: str | None = None
    relation: str | None = None


class CustomerCreate(RequestModel):
    name: Name
    phone: Phone
    channel: Channel = Channel.walk_in
    intent: Intent | None = None
    budget: NonNegativeMoney | None = None
    wanted_layouts: Annotated[list[Layout], Field(default_factory=list, max_length=10)]
    notes: Notes | None = None
    co_buyers: Annotated[list[CoBuyerIn], Field(default_factory=list, max_length=5)]
    owner_id: uuid.UUID | None = Field(
        default=None, description="Supervisors and above may register for a consultant; default: the caller"
    )
    campaign_id: uuid.UUID | None = Field(
        default=None, description="The project's campaign that brought them (来源活动), if any"
    )


class CustomerUpdate(RequestModel):
    name: Name | None = None
    phone: Phone | None = None
    channel: Channel | None = None
    intent: Intent | None = None
    budget: NonNegativeMoney | None = None
    wanted_layouts: Annotated[list[Layout], Field(max_length=10)] | None = None
    notes: Notes | None = None
    co_buyers: Annotated[list[CoBuyerIn], Field(max_length=5)] | None = None
    lost_reason: Annotated[str, Field(min_length=1, max_length=300)] | None = Field(
        default=None, description="Marks the customer lost, with the reason"
    )


class Customer(Record):
    """A customer as the caller may see them: `phone_masked` tells whether the phone is `139****5678`."""

    project_id: uuid.UUID
    name: str
    phone: str
    phone_masked: bool
    channel: Channel
    intent: Intent | None
    stage: Stage
    budget: Money | None
    wanted_layouts: list[str]
    notes: str | None
    co_buyers: list[CoBuyer]
    lost_reason: str | None
    owner: UserRef | None
    protected_until: datetime | None
    in_pool: bool
    last_activity_at: datetime | None
    campaign_id: uuid.UUID | None
    allowed_actions: list[str] = Field(
        description="What the caller may do with the customer now: `edit`, `record_visit`, `record_call`, "
        "`add_follow_up` (owner while protected, supervisors), `read_history` (visits, calls, follow-ups, "
        "timeline), `claim` (from the public pool), `reassign` (supervisors), `subscribe` (sell a unit: "
        "a consultant only to their own customers)"
    )


class Reassign(RequestModel):
    to_user_id: uuid.UUID
    reason: Annotated[str, Field(min_length=1, max_length=500)]


class DuplicateAttempt(Record):
    project_id: uuid.UUID
    customer_id: uuid.UUID
    attempted_by: UserRef
    owner: UserRef
    attempted_name: str
    channel: Channel


# --- visits, calls, follow-ups --------------------------------------------------------------


class VisitCreate(RequestModel):
    visited_at: PastTime | None = Field(default=None, description="Default: now")
    party_size: Annotated[int, Field(ge=1, le=50)] = 1
    channel: Channel | None = Field(default=None, description="Default: the customer's channel")
    notes: Notes | None = None
    consultant_id: uuid.UUID | None = Field(
        default=None, description="Supervisors and above may log for a consultant; default: the caller"
    )
    campaign_id: uuid.UUID | None = Field(
        default=None, description="The project's campaign that brought them this time, if any"
    )


class Visit(Record):
    project_id: uuid.UUID
    customer_id: uuid.UUID
    consultant_id: uuid.UUID
    on_behalf_of_id: uuid.UUID | None
    kind: VisitKind
    channel: Channel
    party_size: int
    visited_at: datetime
    notes: str | None
    via_rotation: bool
    campaign_id: uuid.UUID | None


class CallCreate(RequestModel):
    direction: CallDirection = CallDirection.inbound
    called_at: PastTime | None = Field(default=None, description="Default: now")
    duration_seconds: Annotated[int, Field(ge=0, le=86400)] | None = None
    notes: Notes | None = None


class Call(Record):
    project_id: uuid.UUID
    customer_id: uuid.UUID
    consultant_id: uuid.UUID
    direction: CallDirection
    called_at: datetime
    duration_seconds: int | None
    notes: str | None


class FollowUpCreate(RequestModel):
    due_at: AwareTime
    method: Annotated[str, Field(max_length=32, examples=["call", "wechat", "visit"])] | None = None
    notes: Notes | None = None
    assignee_id: uuid.UUID | None = Field(default=None, description="Default: the customer's owner")


class FollowUpUpdate(RequestModel):
    due_at: AwareTime | None = None
    method: Annotated[str, Field(max_length=32)] | None = None
    notes: Notes | None = None
    outcome: Notes | None = Field(default=None, description="Recording an outcome marks the follow-up done")


class FollowUp(Record):
    project_id: uuid.UUID
    customer_id: uuid.UUID
    assignee_id: uuid.UUID
    due_at: datetime
    method: str | None
    notes: str | None
    done_at: datetime | None
    outcome: str | None
    overdue: bool


DueFilter = Literal["today", "overdue", "open", "all"]


# --- alerts and timeline --------------------------------------------------------------------


class Alert(ResponseModel):
    kind: Literal["follow_up_overdue", "falling_to_pool"]
    customer_id: uuid.UUID
    customer_name: str
    at: datetime = Field(description="When the follow-up was due, or when protection ends")
    follow_up_id: uuid.UUID | None = None


class MyAlerts(ResponseModel):
    """The caller's customers that need attention now (at most 200 of each kind)."""

    follow_ups_overdue: list[Alert]
    falling_to_pool: list[Alert]


class TimelineEntry(ResponseModel):
    at: datetime
    kind: Literal[
        "registered",
        "reassigned",
        "claimed",
        "released",
        "protection_expired",
        "visit",
        "call",
        "follow_up",
        "follow_up_done",
        "duplicate_attempt",
        "complaint",
    ]
    actor: UserRef | None
    summary: str = Field(description="English prose for logs and integrations; apps render the fields below")
    ref_id: uuid.UUID | None = None
    # What the entry is about, by kind, so an app can say it in the user's language:
    from_user: UserRef | None = Field(None, description="reassigned: the previous owner")
    to_user: UserRef | None = Field(
        None, description="registered, reassigned, claimed: the new owner; protection_expired: the owner"
    )
    on_behalf_of: UserRef | None = Field(None, description="visit: the consultant it was received for")
    reason: str | None = Field(None, description="reassigned: why")
    notes: str | None = Field(
        None, description="visit, call, follow_up: what was noted; complaint: its title"
    )
    visit_kind: VisitKind | None = None
    party_size: int | None = None
    call_direction: CallDirection | None = None
    due_at: datetime | None = Field(None, description="follow_up: when it is due")
    outcome: str | None = Field(None, description="follow_up_done: how it went; complaint: its status now")
    attempted_name: str | None = Field(None, description="duplicate_attempt: the name it was tried under")


class Timeline(ResponseModel):
    """A page of the customer's history, newest first (`?limit=&cursor=`, as every list)."""

    customer_id: uuid.UUID
    entries: list[TimelineEntry]
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the older entries; null on the last page"
    )


# --- brokers and referrals ------------------------------------------------------------------


class BrokerCreate(RequestModel):
    name: Annotated[str, Field(min_length=1, max_length=200)]
    contact_name: Name | None = None
    contact_phone: Phone | None = None


class BrokerUpdate(RequestModel):
    name: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    contact_name: Name | None = None
    contact_phone: Phone | None = None
    is_active: bool | None = None


class Broker(Record):
    project_id: uuid.UUID
    name: str
    contact_name: str | None
    contact_phone: str | None
    is_active: bool


class AgentCreate(RequestModel):
    name: Name
    phone: Phone


class Agent(Record):
    broker_id: uuid.UUID
    name: str
    phone: str


class ReferralCreate(RequestModel):
    broker_id: uuid.UUID
    agent_id: uuid.UUID | None = None
    customer_name: Name
    phone: Phone
    notes: Notes | None = None


class Referral(Record):
    project_id: uuid.UUID
    broker_id: uuid.UUID
    agent_id: uuid.UUID | None
    customer_name: str
    phone: str
    phone_masked: bool
    registered_at: datetime
    valid_until: datetime
    status: ReferralStatus
    expired: bool
    customer_id: uuid.UUID | None
    visit_id: uuid.UUID | None
    credited_consultant_id: uuid.UUID | None
    credited_at: datetime | None


class ConsultantReferrals(ResponseModel):
    consultant: UserRef
    credited: int
    target: int


class ReferralMonth(ResponseModel):
    """Credited broker referrals per consultant in a month, against the monthly target."""

    month: str
    target: int
    consultants: list[ConsultantReferrals]
