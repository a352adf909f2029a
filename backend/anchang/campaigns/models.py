"""Tables of campaigns: a campaign of a project with its dates and budget, and its cost entries (the
campaign's cost is their sum; an entry is never edited away, a correction is another entry)."""

import enum
import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import CheckConstraint, Date, Enum, ForeignKey, Index, Numeric, String, UniqueConstraint
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from anchang.core.audit import Audited
from anchang.core.models import Base, OrganizationOwned, RecordMixin


class CampaignKind(enum.StrEnum):
    advertising = "advertising"  # 广告
    event = "event"  # 活动: opening, show-flat day, exhibition
    promotion = "promotion"  # 促销


class CampaignMedium(enum.StrEnum):
    outdoor = "outdoor"  # 户外
    print = "print"  # 报纸 / 杂志 / 单页
    radio_tv = "radio_tv"
    online = "online"
    wechat = "wechat"
    douyin = "douyin"
    sms = "sms"
    exhibition = "exhibition"  # 房展会
    show_flat = "show_flat"  # 样板间开放
    opening = "opening"  # 开盘
    other = "other"


def _enum(kind: type[enum.Enum], name: str) -> Enum:
    return Enum(kind, name=name, values_callable=lambda e: [m.value for m in e])


class Campaign(Audited, OrganizationOwned, RecordMixin, Base):
    """A campaign of one project, from `starts_on` to `ends_on` (the project's days, inclusive)."""

    __tablename__ = "campaigns"
    __table_args__ = (
        # The target of customers' and visits' (campaign_id, project_id) keys: a campaign named on them
        # is always one of their own project's, whoever wrote the row.
        UniqueConstraint("id", "project_id"),
        Index("ix_campaigns_project_starts", "project_id", "starts_on", "id"),
        CheckConstraint("ends_on >= starts_on", name="ends_after_start"),
        CheckConstraint("budget IS NULL OR budget >= 0", name="budget_not_negative"),
    )

    project_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("projects.id", ondelete="RESTRICT"), nullable=False
    )
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    kind: Mapped[CampaignKind] = mapped_column(_enum(CampaignKind, "campaign_kind"), nullable=False)
    medium: Mapped[CampaignMedium] = mapped_column(_enum(CampaignMedium, "campaign_medium"), nullable=False)
    starts_on: Mapped[date] = mapped_column(Date, nullable=False)
    ends_on: Mapped[date] = mapped_column(Date, nullable=False)
    budget: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    notes: Mapped[str | None] = mapped_column(String(2000))
    created_by: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("users.id", ondelete="SET NULL")
    )


class CampaignCost(Audited, OrganizationOwned, RecordMixin, Base):
    """One amount spent on a campaign on a day (a printing bill, a media buy, the opening's stage)."""

    __tablename__ = "campaign_costs"
    __table_args__ = (
        Index("ix_campaign_costs_campaign_spent", "campaign_id", "spent_on", "id"),
        # The report's costs of a period, per project.
        Index("ix_campaign_costs_project_spent", "project_id", "spent_on"),
        CheckConstraint("amount > 0", name="amount_positive"),
    )

    project_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("projects.id", ondelete="RESTRICT"), nullable=False
    )
    campaign_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("campaigns.id", ondelete="RESTRICT"), nullable=False
    )
    spent_on: Mapped[date] = mapped_column(Date, nullable=False)
    amount: Mapped[Decimal] = mapped_column(Numeric(14, 2), nullable=False)
    description: Mapped[str] = mapped_column(String(500), nullable=False)
    recorded_by: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("users.id", ondelete="SET NULL")
    )
