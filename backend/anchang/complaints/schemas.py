"""Bodies of complaints, their actions, rating links and statistics."""

import enum
import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field

from anchang.complaints.models import (
    ComplaintCategory,
    ComplaintChannel,
    ComplaintSeverity,
    ComplaintSource,
    ComplaintStatus,
    Remedy,
    SatisfactionSource,
)
from anchang.core.schemas import Money, NonNegativeMoney, Record, RequestModel, ResponseModel

Comment = Annotated[str, Field(max_length=2000)]


class ComplaintCreate(RequestModel):
    source: ComplaintSource
    channel: ComplaintChannel
    category: ComplaintCategory
    severity: ComplaintSeverity = Field(description="`critical`: a group complaint or media attention")
    title: Annotated[str, Field(min_length=1, max_length=200)]
    description: Annotated[str, Field(min_length=1, max_length=4000)]
    customer_id: uuid.UUID | None = None
    deal_id: uuid.UUID | None = None
    unit_id: uuid.UUID | None = None
    concerned_user_ids: Annotated[list[uuid.UUID], Field(max_length=20)] = Field(
        default_factory=list, description="The staff the complaint is about (members of the project)"
    )


class Complaint(Record):
    project_id: uuid.UUID
    source: ComplaintSource
    channel: ComplaintChannel
    category: ComplaintCategory
    severity: ComplaintSeverity
    status: ComplaintStatus
    title: str
    description: str
    customer_id: uuid.UUID | None
    customer_name: str | None = Field(description="Null when the caller may not see the customer")
    deal_id: uuid.UUID | None
    unit_id: uuid.UUID | None
    unit_code: str | None
    concerned_user_ids: list[uuid.UUID]
    filed_by: uuid.UUID | None
    filed_by_name: str | None
    level: int = Field(description="1 supervisor, 2 site manager, 3 project manager, 4 developer's rep")
    top_level: int = Field(description="The highest level it can reach: 3 for internal complaints")
    assignee_id: uuid.UUID | None
    assignee_name: str | None
    acknowledge_due_at: datetime
    resolve_due_at: datetime
    overdue: bool = Field(description="Whether the deadline of its status has passed")
    acknowledged_at: datetime | None
    acknowledged_on_time: bool | None
    resolved_at: datetime | None
    resolved_on_time: bool | None
    closed_at: datetime | None
    escalation_count: int
    reopen_count: int
    resolution: str | None
    remedy: Remedy | None
    remedy_amount: Money | None
    remedy_pending: bool = Field(description="A money remedy waits for its approval")
    satisfaction: int | None
    satisfaction_comment: str | None
    satisfaction_source: SatisfactionSource | None
    allowed_actions: list[str] = Field(description="What the caller may do with it now")


class ComplaintActionType(enum.StrEnum):
    acknowledge = "acknowledge"  # 受理
    start = "start"  # 开始处理
    comment = "comment"
    escalate = "escalate"  # 升级, with the reason in `comment`
    resolve = "resolve"  # 解决: `resolution` and `remedy` (and `remedy_amount` for money)
    close = "close"  # 关闭: the customer's `satisfaction`
    reopen = "reopen"  # 重新打开, with the reason in `comment`


class ComplaintActionRequest(RequestModel):
    """One action; which fields it takes depends on `type` (a field another type takes is refused)."""

    type: ComplaintActionType
    comment: Comment | None = Field(
        default=None, description="Required for comment, escalate (the reason) and reopen (the reason)"
    )
    resolution: Annotated[str, Field(min_length=1, max_length=2000)] | None = Field(
        default=None, description="resolve: what was done (required)"
    )
    remedy: Remedy | None = Field(default=None, description="resolve: the kind of remedy (required)")
    remedy_amount: NonNegativeMoney | None = Field(
        default=None,
        description="resolve: yuan, for a price concession, refund or compensation; beyond the caller's "
        "authority it waits for an approval, and the complaint is resolved when that is approved",
    )
    satisfaction: Annotated[int, Field(ge=1, le=5)] | None = Field(
        default=None,
        description="close: the customer's satisfaction, 1–5; required for a customer's complaint the "
        "customer has not rated through their link",
    )
    satisfaction_comment: Annotated[str, Field(max_length=500)] | None = None


# For each action: the fields it requires, and those it takes besides `type`.
ACTION_FIELDS: dict[ComplaintActionType, tuple[frozenset[str], frozenset[str]]] = {
    ComplaintActionType.acknowledge: (frozenset(), frozenset({"comment"})),
    ComplaintActionType.start: (frozenset(), frozenset({"comment"})),
    ComplaintActionType.comment: (frozenset({"comment"}), frozenset({"comment"})),
    ComplaintActionType.escalate: (frozenset({"comment"}), frozenset({"comment"})),
    ComplaintActionType.resolve: (
        frozenset({"resolution", "remedy"}),
        frozenset({"resolution", "remedy", "remedy_amount", "comment"}),
    ),
    ComplaintActionType.close: (frozenset(), frozenset({"satisfaction", "satisfaction_comment", "comment"})),
    ComplaintActionType.reopen: (frozenset({"comment"}), frozenset({"comment"})),
}


class ComplaintActionView(ResponseModel):
    id: uuid.UUID
    type: str = Field(
        description="filed, acknowledge, start, comment, escalate, resolve, remedy_requested, "
        "remedy_rejected, close, reopen, notified, deadline_missed, rating_link, rated"
    )
    at: datetime
    actor_id: uuid.UUID | None = Field(
        description="Null for the system (an escalation by deadline) or the customer"
    )
    actor_name: str | None
    comment: str | None
    from_status: ComplaintStatus | None
    to_status: ComplaintStatus | None
    from_level: int | None
    to_level: int | None
    assignee_id: uuid.UUID | None
    assignee_name: str | None
    data: dict[str, object]


class RatingLink(ResponseModel):
    token: str = Field(description="Shown once: only its hash is kept")
    path: str = Field(description="The public page to send the customer, relative to the app's origin")
    expires_at: datetime


class PublicRating(ResponseModel):
    """All the public page shows of a complaint: nothing else of the project."""

    title: str
    resolution: str | None
    state: Literal["open", "used", "expired"]


class RatingRequest(RequestModel):
    score: Annotated[int, Field(ge=1, le=5)]
    comment: Annotated[str, Field(max_length=500)] | None = None


class Count(ResponseModel):
    key: str
    count: int


class MonthFigures(ResponseModel):
    month: str
    filed: int
    resolved: int
    average_satisfaction: Decimal | None


class StaffFigures(ResponseModel):
    user_id: uuid.UUID
    name: str | None
    count: int


class ComplaintStatistics(ResponseModel):
    date_from: date
    date_to: date
    total: int
    by_category: list[Count]
    by_severity: list[Count]
    by_source: list[Count]
    by_channel: list[Count]
    by_status: list[Count]
    acknowledged_on_time_share: Decimal | None = Field(description="Of those acknowledged, 0–1")
    resolved_on_time_share: Decimal | None = Field(description="Of those resolved, 0–1")
    median_hours_to_resolve: Decimal | None
    p90_hours_to_resolve: Decimal | None
    reopen_rate: Decimal | None = Field(description="Share of complaints reopened at least once, 0–1")
    average_satisfaction: Decimal | None
    rated: int
    by_month: list[MonthFigures]
    by_staff: list[StaffFigures] = Field(description="Complaints by the staff they concern, most first")


class SeverityDeadlines(ResponseModel):
    acknowledge_minutes: int = Field(description="To acknowledge, at each level, from when it reached it")
    resolve_minutes: int = Field(description="To resolve, at each level, from when it reached it")


class SeverityDeadlinesIn(RequestModel):
    acknowledge_minutes: Annotated[int, Field(ge=5, le=43_200)]
    resolve_minutes: Annotated[int, Field(ge=30, le=129_600)]


class RemedyAuthority(ResponseModel):
    supervisor: Money
    site_manager: Money
    project_manager: Money


class RemedyAuthorityIn(RequestModel):
    supervisor: NonNegativeMoney | None = None
    site_manager: NonNegativeMoney | None = None
    project_manager: NonNegativeMoney | None = None


class ComplaintSettingsView(ResponseModel):
    deadlines: dict[ComplaintSeverity, SeverityDeadlines]
    remedy_authority: RemedyAuthority = Field(
        description="The money remedy (yuan) each role grants without approval; beyond the project "
        "manager's, the developer's rep decides"
    )
    reopen_days: int
    rating_link_days: int


class ComplaintSettingsUpdate(RequestModel):
    """Only what is sent changes; a change applies to deadlines started from then on."""

    deadlines: dict[ComplaintSeverity, SeverityDeadlinesIn] | None = None
    remedy_authority: RemedyAuthorityIn | None = None
    reopen_days: Annotated[int, Field(ge=1, le=365)] | None = None
    rating_link_days: Annotated[int, Field(ge=1, le=90)] | None = None
