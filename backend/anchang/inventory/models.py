"""Tables of inventory and sales control: buildings, units and their history, releases, reservations,
price-list versions and their items."""

import enum
import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from anchang.core.audit import Audited
from anchang.core.models import Base, OrganizationOwned, RecordMixin

MONEY = Numeric(14, 2)
AREA = Numeric(10, 2)


def _values(e: type[enum.Enum]) -> list[str]:
    return [m.value for m in e]


class UnitKind(enum.StrEnum):
    residence = "residence"  # 住宅
    parking = "parking"  # 车位
    storage = "storage"  # 储藏室
    shop = "shop"  # 商铺


class UnitStatus(enum.StrEnum):
    unreleased = "unreleased"  # 未推售
    available = "available"  # 可售
    held = "held"  # 销控保留
    reserved = "reserved"  # 预留
    subscribed = "subscribed"  # 已认购
    contracted = "contracted"  # 已签约
    handed_over = "handed_over"  # 已交房


class ReservationStatus(enum.StrEnum):
    active = "active"  # live until expires_at
    cancelled = "cancelled"
    expired = "expired"
    converted = "converted"  # became a deal


class ReleaseKind(enum.StrEnum):
    release = "release"  # 推售
    withdrawal = "withdrawal"  # 收盘


class PriceListStatus(enum.StrEnum):
    pending = "pending"  # waiting for its approval
    active = "active"  # the prices units are sold at
    superseded = "superseded"  # an older active version
    rejected = "rejected"


def _project_fk() -> Mapped[uuid.UUID]:
    # Business rows never vanish with what they refer to (issue #10): a delete of a referenced row is
    # refused while rows still refer to it, so no unit, reservation or price is lost by a cascade.
    return mapped_column(
        UUID(as_uuid=True), ForeignKey("projects.id", ondelete="RESTRICT"), nullable=False, index=True
    )


class Building(Audited, OrganizationOwned, RecordMixin, Base):
    """A building (楼栋) of a project."""

    __tablename__ = "buildings"
    __table_args__ = (UniqueConstraint("project_id", "name"),)

    project_id: Mapped[uuid.UUID] = _project_fk()
    name: Mapped[str] = mapped_column(String(64), nullable=False)
    sort_order: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default="0")


class Unit(Audited, OrganizationOwned, RecordMixin, Base):
    """A unit (房号): a flat, a parking space, a storage room or a shop."""

    __tablename__ = "units"
    __table_args__ = (
        UniqueConstraint("project_id", "code"),
        UniqueConstraint("building_id", "entrance", "floor", "position"),
        CheckConstraint("gross_area > 0", name="gross_area_positive"),
        CheckConstraint("net_area IS NULL OR (net_area > 0 AND net_area <= gross_area)", name="net_area"),
        CheckConstraint("list_price >= 0", name="list_price"),
        CheckConstraint("floor_price IS NULL OR floor_price >= 0", name="floor_price"),
        Index("ix_units_project_board", "project_id", "building_id", "floor", "entrance", "position"),
    )

    project_id: Mapped[uuid.UUID] = _project_fk()
    building_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("buildings.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    kind: Mapped[UnitKind] = mapped_column(
        Enum(UnitKind, name="unit_kind", values_callable=_values),
        nullable=False,
        default=UnitKind.residence,
        server_default=UnitKind.residence.value,
    )
    code: Mapped[str] = mapped_column(String(32), nullable=False)
    entrance: Mapped[str] = mapped_column(String(16), nullable=False, default="1", server_default="1")
    floor: Mapped[int] = mapped_column(Integer, nullable=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    layout: Mapped[str | None] = mapped_column(String(64))
    gross_area: Mapped[Decimal] = mapped_column(AREA, nullable=False)
    net_area: Mapped[Decimal | None] = mapped_column(AREA)
    orientation: Mapped[str | None] = mapped_column(String(32))
    list_price: Mapped[Decimal] = mapped_column(MONEY, nullable=False)
    floor_price: Mapped[Decimal | None] = mapped_column(MONEY)
    status: Mapped[UnitStatus] = mapped_column(
        Enum(UnitStatus, name="unit_status", values_callable=_values),
        nullable=False,
        default=UnitStatus.unreleased,
        server_default=UnitStatus.unreleased.value,
        index=True,
    )
    # While reserved: when the reservation runs out. A unit `reserved` past this moment is available.
    reserved_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The list price the unit was taken at (reserved or subscribed); kept when price lists change.
    taken_price: Mapped[Decimal | None] = mapped_column(MONEY)
    hold_reason: Mapped[str | None] = mapped_column(String(500))


class UnitHistory(OrganizationOwned, Base):
    """One row per status change of a unit: who, when, why, from, to."""

    __tablename__ = "unit_history"
    __table_args__ = (Index("ix_unit_history_unit_time", "unit_id", "created_at"),)

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    project_id: Mapped[uuid.UUID] = _project_fk()
    unit_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("units.id", ondelete="RESTRICT"), nullable=False
    )
    from_status: Mapped[UnitStatus | None] = mapped_column(
        Enum(UnitStatus, name="unit_status", values_callable=_values, create_type=False)
    )
    to_status: Mapped[UnitStatus] = mapped_column(
        Enum(UnitStatus, name="unit_status", values_callable=_values, create_type=False), nullable=False
    )
    actor_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("users.id", ondelete="SET NULL")
    )
    reason: Mapped[str | None] = mapped_column(String(500))
    # What caused it: a release batch, a reservation, a deal…
    source_type: Mapped[str | None] = mapped_column(String(32))
    source_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.clock_timestamp(), index=True
    )


class Release(Audited, OrganizationOwned, RecordMixin, Base):
    """A release batch (推售批次) or a withdrawal (收盘) of many units at once."""

    __tablename__ = "releases"

    project_id: Mapped[uuid.UUID] = _project_fk()
    kind: Mapped[ReleaseKind] = mapped_column(
        Enum(ReleaseKind, name="release_kind", values_callable=_values), nullable=False
    )
    name: Mapped[str | None] = mapped_column(String(100))
    unit_ids: Mapped[list[str]] = mapped_column(JSONB, nullable=False, default=list)
    unit_count: Mapped[int] = mapped_column(Integer, nullable=False)
    created_by: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("users.id", ondelete="SET NULL")
    )


class Reservation(Audited, OrganizationOwned, RecordMixin, Base):
    """A consultant's reservation (预留) of a unit for a customer, live until `expires_at`."""

    __tablename__ = "reservations"
    __table_args__ = (
        # At most one live reservation per unit, whatever the application does.
        Index(
            "uq_reservations_live_unit", "unit_id", unique=True, postgresql_where=text("status = 'active'")
        ),
        Index("ix_reservations_consultant_live", "consultant_id", "project_id", "status", "expires_at"),
        Index("ix_reservations_project_created", "project_id", "created_at"),  # the daily report
    )

    project_id: Mapped[uuid.UUID] = _project_fk()
    unit_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("units.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    consultant_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("users.id", ondelete="RESTRICT"), nullable=False
    )
    customer_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False, index=True)
    status: Mapped[ReservationStatus] = mapped_column(
        Enum(ReservationStatus, name="reservation_status", values_callable=_values),
        nullable=False,
        default=ReservationStatus.active,
    )
    minutes: Mapped[int] = mapped_column(Integer, nullable=False)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    list_price: Mapped[Decimal] = mapped_column(MONEY, nullable=False)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    ended_by: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("users.id", ondelete="SET NULL")
    )


class PriceListVersion(Audited, OrganizationOwned, RecordMixin, Base):
    """A version of the project's price list (价目表); an adjustment (调价) makes a pending one."""

    __tablename__ = "price_list_versions"
    __table_args__ = (
        UniqueConstraint("project_id", "number"),
        Index(
            "uq_price_list_versions_active",
            "project_id",
            unique=True,
            postgresql_where=text("status = 'active'"),
        ),
    )

    project_id: Mapped[uuid.UUID] = _project_fk()
    number: Mapped[int] = mapped_column(Integer, nullable=False)
    status: Mapped[PriceListStatus] = mapped_column(
        Enum(PriceListStatus, name="price_list_status", values_callable=_values), nullable=False
    )
    description: Mapped[str | None] = mapped_column(String(500))
    # The adjustment that made it from the previous version: kind, value, building or units.
    adjustment: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    based_on_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("price_list_versions.id", ondelete="SET NULL")
    )
    approval_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    created_by: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("users.id", ondelete="SET NULL")
    )
    activated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    unit_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    total_list_price: Mapped[Decimal] = mapped_column(MONEY, nullable=False, default=Decimal(0))
    below_floor_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class PriceListItem(OrganizationOwned, Base):
    """A unit's prices in one version; every version holds every unit, so old prices stay readable."""

    __tablename__ = "price_list_items"
    __table_args__ = (UniqueConstraint("version_id", "unit_id"),)

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    # The one cascade between inventory tables: the items are the version's own content (its price
    # sheet), not business rows of their own; a version is never deleted while it has been used.
    version_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("price_list_versions.id", ondelete="CASCADE"), nullable=False
    )
    unit_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("units.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    list_price: Mapped[Decimal] = mapped_column(MONEY, nullable=False)
    floor_price: Mapped[Decimal | None] = mapped_column(MONEY)
    previous_list_price: Mapped[Decimal | None] = mapped_column(MONEY)
