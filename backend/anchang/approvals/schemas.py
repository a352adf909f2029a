"""Bodies of approval requests and decisions."""

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import Field

from anchang.approvals.models import ApprovalStatus
from anchang.core.roles import ProjectRole
from anchang.core.schemas import Record, RequestModel


class Approval(Record):
    project_id: uuid.UUID
    kind: str = Field(description='What is asked, e.g. "price_list_version" or "deal_discount"')
    subject_id: uuid.UUID = Field(description="The id of the thing asked about (a version, a deal…)")
    required_role: ProjectRole | Literal["approval"] = Field(
        description="The role that decides (or a higher one of the sales line); `approval` to a consultant, "
        "from whom the level is kept (a developer's approval would give away that a price is below the floor)"
    )
    status: ApprovalStatus
    title: str
    summary: dict[str, Any]
    requested_by: uuid.UUID | None
    requested_by_name: str | None = None
    request_comment: str | None
    decided_by: uuid.UUID | None
    decided_by_name: str | None = None
    decided_at: datetime | None
    decision_comment: str | None
    can_decide: bool = Field(default=False, description="Whether the caller may approve or reject it")
    allowed_actions: list[str] = Field(
        description="What the caller may do with it now: approve and reject while it is pending and "
        "their role is the required one or a higher one of the sales line"
    )


class ApproveRequest(RequestModel):
    comment: Annotated[str, Field(max_length=1000)] | None = None


class RejectRequest(RequestModel):
    comment: Annotated[str, Field(min_length=1, max_length=1000, description="Why; required")]
