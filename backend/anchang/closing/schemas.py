"""Bodies of the daily close: the list's summary, the close with its snapshot, and the build request."""

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import Field

from anchang.closing.policy import Action
from anchang.core.schemas import Money, Record, RequestModel, ResponseModel, SaneDate

Status = Literal["open", "closed", "countersigned"]


class CloseCreate(RequestModel):
    date: SaneDate | None = Field(
        default=None, description="The project's day (YYYY-MM-DD); today in its time zone by default"
    )


class StatusFigure(ResponseModel):
    """Units of one status: how many, their m² and their amount (sold ones at the deal's price)."""

    status: str
    count: int
    gross_area: Money
    amount: Money


class BuildingFigures(ResponseModel):
    id: uuid.UUID
    name: str
    statuses: list[StatusFigure]


class BoardSnapshot(ResponseModel):
    buildings: list[BuildingFigures]
    totals: list[StatusFigure]


class Receipt(ResponseModel):
    """A payment of the day: a receipt, or a reversal (冲正, negative)."""

    id: uuid.UUID
    deal_id: uuid.UUID
    kind: Literal["receipt", "reversal"]
    method: str
    amount: Money
    paid_at: datetime


class MethodTotal(ResponseModel):
    method: str
    count: int
    amount: Money


class Receipts(ResponseModel):
    payments: list[Receipt]
    by_method: list[MethodTotal]
    total: Money


class Difference(ResponseModel):
    """Where the board and the deals, or the receipts and the deals' paid amounts, disagree."""

    kind: Literal["sold_without_deal", "deal_without_sale", "status_differs", "receipts_differ"]
    unit_id: uuid.UUID | None
    unit_code: str | None
    deal_id: uuid.UUID | None
    board_says: str | None = Field(description="The board's status, or the day's receipts of the deal")
    deals_say: str | None = Field(description="The deal's status, or what its paid amount moved by")


class CloseSummary(Record):
    project_id: uuid.UUID
    date: date
    status: Status
    cutoff_at: datetime
    differences_count: int
    receipts_total: Money
    closed_at: datetime | None
    finance_signed_at: datetime | None
    developer_signed_at: datetime | None


class Close(CloseSummary):
    board_at: datetime = Field(description="The board as the close counted it: `?at=` of the board")
    built_at: datetime
    built_by: uuid.UUID | None
    built_by_name: str | None
    closed_by: uuid.UUID | None
    closed_by_name: str | None
    finance_signed_by: uuid.UUID | None
    finance_signed_by_name: str | None
    developer_signed_by: uuid.UUID | None
    developer_signed_by_name: str | None
    board: BoardSnapshot
    receipts: Receipts
    differences: list[Difference]
    allowed_actions: list[Action]
