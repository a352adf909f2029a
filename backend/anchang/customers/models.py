"""Tables of the customers domain. Other domains reach them only through `customers.service`."""

import uuid
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    Boolean,
    DateTime,
    Enum,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from anchang.core.audit import Audited
from anchang.core.models import Base, OrganizationOwned, RecordMixin


def _enum(kind: type[StrEnum], name: str) -> Enum:
    return Enum(kind, name=name, values_callable=lambda e: [m.value for m in e])


class Channel(StrEnum):
    walk_in = "walk_in"  # 自然到访
    advertising = "advertising"  # 广告
    online = "online"  # 网络
    customer_referral = "customer_referral"  # 老带新
    broker = "broker"  # 渠道 / 二、三级联动


class Intent(StrEnum):
    A = "A"
    B = "B"
    C = "C"
    D = "D"


class Stage(StrEnum):
    new = "new"
    visited = "visited"
    pledged = "pledged"  # 认筹
    subscribed = "subscribed"  # 认购
    contracted = "contracted"  # 签约
    lost = "lost"


class VisitKind(StrEnum):
    first = "first"
    repeat = "repeat"


class CallDirection(StrEnum):
    inbound = "inbound"  # 来电
    outbound = "outbound"  # 去电


class OwnershipChange(StrEnum):
    registered = "registered"
    reassigned = "reassigned"
    claimed = "claimed"  # from the public pool (公客)
    released = "released"  # back to the pool by hand


class ReferralStatus(StrEnum):
    registered = "registered"  # 报备, waiting for the visit
    credited = "credited"  # visited within the window
    rejected = "rejected"


# Business rows never vanish with what they refer to (issue #10): deleting a project, customer or
# broker that rows still refer to is refused, so no follow-up, referral or agent is lost by a cascade.
def project_fk() -> Mapped[uuid.UUID]:
    return mapped_column(
        UUID(as_uuid=True), ForeignKey("projects.id", ondelete="RESTRICT"), nullable=False, index=True
    )


def customer_fk() -> Mapped[uuid.UUID]:
    return mapped_column(
        UUID(as_uuid=True), ForeignKey("customers.id", ondelete="RESTRICT"), nullable=False, index=True
    )


def user_fk(*, nullable: bool = False) -> Mapped[Any]:
    return mapped_column(
        UUID(as_uuid=True), ForeignKey("users.id", ondelete="RESTRICT"), nullable=nullable, index=True
    )


CAMPAIGN_KEYS = frozenset({"fk_customers_campaign_id_campaigns", "fk_visits_campaign_id_campaigns"})


def campaign_key(table: str) -> ForeignKeyConstraint:
    """(campaign_id, project_id) → campaigns (id, project_id): the database refuses a campaign of another
    project, so this domain needs no import of campaigns to keep the rule; a null campaign is not checked."""
    return ForeignKeyConstraint(
        ["campaign_id", "project_id"],
        ["campaigns.id", "campaigns.project_id"],
        ondelete="RESTRICT",
        name=f"fk_{table}_campaign_id_campaigns",
    )


class Customer(Audited, OrganizationOwned, RecordMixin, Base):
    """A buyer prospect of one project, identified there by their normalised mobile number."""

    __tablename__ = "customers"
    __table_args__ = (
        UniqueConstraint("project_id", "phone"),
        Index("ix_customers_project_created", "project_id", "created_at", "id"),
        # A consultant's own customers in list order, without sorting all of them.
        Index("ix_customers_project_owner_created", "project_id", "owner_id", "created_at", "id"),
        Index("ix_customers_project_protected_until", "project_id", "protected_until"),
        campaign_key("customers"),
    )

    project_id: Mapped[uuid.UUID] = project_fk()
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    phone: Mapped[str] = mapped_column(String(16), nullable=False)  # normalised: 13912345678
    channel: Mapped[Channel] = mapped_column(_enum(Channel, "customer_channel"), nullable=False)
    intent: Mapped[Intent | None] = mapped_column(_enum(Intent, "customer_intent"))
    stage: Mapped[Stage] = mapped_column(
        _enum(Stage, "customer_stage"), nullable=False, default=Stage.new, server_default=Stage.new.value
    )
    budget: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    wanted_layouts: Mapped[list[str]] = mapped_column(
        ARRAY(String(32)), nullable=False, default=list, server_default="{}"
    )
    notes: Mapped[str | None] = mapped_column(Text)
    # [{name, phone, relation}] — co-buyers named on a later deal.
    co_buyers: Mapped[list[dict[str, Any]]] = mapped_column(
        JSONB, nullable=False, default=list, server_default="[]"
    )
    lost_reason: Mapped[str | None] = mapped_column(String(300))
    # Null owner, or protection past: the customer is in the public pool (公客).
    owner_id: Mapped[uuid.UUID | None] = user_fk(nullable=True)
    protected_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_activity_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    referral_broker_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("brokers.id", ondelete="SET NULL"), index=True
    )
    # The campaign that brought them (来源活动), one of the project's: see `campaign_key`.
    campaign_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))


class CustomerGram(Base):
    """The search index: one row per gram of a customer's name and phone (see `customers.search`)."""

    __tablename__ = "customer_search_grams"
    __table_args__ = (Index("ix_customer_search_grams_lookup", "project_id", "gram", "customer_id"),)

    # Cascades kept on purpose: the grams are derived from the customer's own name and phone (an
    # index, rebuilt on every change), not business rows of their own.
    customer_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True
    )
    gram: Mapped[str] = mapped_column(String(16), primary_key=True)
    organization_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("organizations.id", ondelete="CASCADE"), nullable=False
    )
    project_id: Mapped[uuid.UUID] = mapped_column(  # derived too, see customer_id
        UUID(as_uuid=True), ForeignKey("projects.id", ondelete="CASCADE"), nullable=False
    )


class OwnershipEvent(OrganizationOwned, RecordMixin, Base):
    """Who owned a customer from when, and why it changed: the customer's timeline shows these."""

    __tablename__ = "customer_ownership_events"

    project_id: Mapped[uuid.UUID] = project_fk()
    customer_id: Mapped[uuid.UUID] = customer_fk()
    kind: Mapped[OwnershipChange] = mapped_column(_enum(OwnershipChange, "ownership_change"), nullable=False)
    from_user_id: Mapped[uuid.UUID | None] = user_fk(nullable=True)
    to_user_id: Mapped[uuid.UUID | None] = user_fk(nullable=True)
    actor_id: Mapped[uuid.UUID | None] = user_fk(nullable=True)
    reason: Mapped[str | None] = mapped_column(String(500))


class DuplicateAttempt(OrganizationOwned, RecordMixin, Base):
    """撞单: a consultant tried to register a phone another consultant owns; supervisors settle it."""

    __tablename__ = "customer_duplicate_attempts"

    project_id: Mapped[uuid.UUID] = project_fk()
    customer_id: Mapped[uuid.UUID] = customer_fk()
    attempted_by_id: Mapped[uuid.UUID] = user_fk()
    owner_id: Mapped[uuid.UUID] = user_fk()
    attempted_name: Mapped[str] = mapped_column(String(100), nullable=False)
    channel: Mapped[Channel] = mapped_column(_enum(Channel, "customer_channel"), nullable=False)


class Visit(Audited, OrganizationOwned, RecordMixin, Base):
    """来访: a customer came to the sales office."""

    __tablename__ = "visits"
    __table_args__ = (
        # The list's order, carrying what the daily report counts: its year of visits is read from the
        # index alone (reports_0001).
        Index(
            "ix_visits_project_visited",
            "project_id",
            "visited_at",
            "id",
            postgresql_include=["organization_id", "consultant_id", "kind", "party_size"],
        ),
        campaign_key("visits"),
    )

    project_id: Mapped[uuid.UUID] = project_fk()
    customer_id: Mapped[uuid.UUID] = customer_fk()
    consultant_id: Mapped[uuid.UUID] = user_fk()
    # Set when the consultant received the visitor for an absent owner (代接).
    on_behalf_of_id: Mapped[uuid.UUID | None] = user_fk(nullable=True)
    kind: Mapped[VisitKind] = mapped_column(_enum(VisitKind, "visit_kind"), nullable=False)
    channel: Mapped[Channel] = mapped_column(_enum(Channel, "customer_channel"), nullable=False)
    party_size: Mapped[int] = mapped_column(Integer, nullable=False, default=1, server_default="1")
    visited_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    notes: Mapped[str | None] = mapped_column(Text)
    via_rotation: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False, server_default="false")
    campaign_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))


class Call(Audited, OrganizationOwned, RecordMixin, Base):
    """来电 / 去电."""

    __tablename__ = "calls"
    # The daily report's calls of a day, month and year (reports_0001).
    __table_args__ = (
        Index(
            "ix_calls_project_called",
            "project_id",
            "called_at",
            postgresql_include=["organization_id", "consultant_id", "direction"],
        ),
    )

    project_id: Mapped[uuid.UUID] = project_fk()
    customer_id: Mapped[uuid.UUID] = customer_fk()
    consultant_id: Mapped[uuid.UUID] = user_fk()
    direction: Mapped[CallDirection] = mapped_column(_enum(CallDirection, "call_direction"), nullable=False)
    called_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    duration_seconds: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)


class FollowUp(Audited, OrganizationOwned, RecordMixin, Base):
    """A planned contact with a due time; done when its outcome is recorded."""

    __tablename__ = "follow_ups"
    __table_args__ = (Index("ix_follow_ups_assignee_due", "project_id", "assignee_id", "due_at"),)

    project_id: Mapped[uuid.UUID] = project_fk()
    customer_id: Mapped[uuid.UUID] = customer_fk()
    assignee_id: Mapped[uuid.UUID] = user_fk()
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    method: Mapped[str | None] = mapped_column(String(32))
    notes: Mapped[str | None] = mapped_column(Text)
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    outcome: Mapped[str | None] = mapped_column(Text)


class Broker(Audited, OrganizationOwned, RecordMixin, Base):
    """A brokerage (分销 / 中介) that refers customers to the project."""

    __tablename__ = "brokers"
    __table_args__ = (UniqueConstraint("project_id", "name"),)

    project_id: Mapped[uuid.UUID] = project_fk()
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    contact_name: Mapped[str | None] = mapped_column(String(100))
    contact_phone: Mapped[str | None] = mapped_column(String(16))
    is_active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True, server_default="true")


class BrokerAgent(Audited, OrganizationOwned, RecordMixin, Base):
    """An agent (经纪人) of a broker."""

    __tablename__ = "broker_agents"
    __table_args__ = (UniqueConstraint("broker_id", "phone"),)

    project_id: Mapped[uuid.UUID] = project_fk()
    broker_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("brokers.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    phone: Mapped[str] = mapped_column(String(16), nullable=False)


class Referral(Audited, OrganizationOwned, RecordMixin, Base):
    """报备: a broker registers a customer before the visit; a visit within the window credits them."""

    __tablename__ = "referrals"
    __table_args__ = (
        Index("ix_referrals_project_phone", "project_id", "phone"),
        Index("ix_referrals_project_registered", "project_id", "registered_at"),  # the daily report
    )

    project_id: Mapped[uuid.UUID] = project_fk()
    broker_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("brokers.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    agent_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("broker_agents.id", ondelete="SET NULL"), index=True
    )
    customer_name: Mapped[str] = mapped_column(String(100), nullable=False)
    phone: Mapped[str] = mapped_column(String(16), nullable=False)
    registered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    valid_until: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    status: Mapped[ReferralStatus] = mapped_column(
        _enum(ReferralStatus, "referral_status"),
        nullable=False,
        default=ReferralStatus.registered,
        server_default=ReferralStatus.registered.value,
    )
    customer_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("customers.id", ondelete="SET NULL"), index=True
    )
    visit_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("visits.id", ondelete="SET NULL")
    )
    credited_consultant_id: Mapped[uuid.UUID | None] = user_fk(nullable=True)
    credited_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    registered_by_id: Mapped[uuid.UUID | None] = user_fk(nullable=True)
    notes: Mapped[str | None] = mapped_column(Text)
