"""Queries of approvals, from the base repository's scoped statement and its row rule."""

import uuid

from sqlalchemy import ColumnElement, Select

from anchang.approvals.models import Approval, ApprovalStatus
from anchang.approvals.policy import APPROVAL_OVERSEERS
from anchang.core.errors import NotFound
from anchang.core.repository import Repository, own_or_overseen


class ApprovalNotFound(NotFound):
    code = "approval_not_found"


class ApprovalRepository(Repository[Approval]):
    model = Approval
    not_found = ApprovalNotFound

    def row_rule(self) -> ColumnElement[bool] | None:
        # A consultant reads the requests they made; every other role every request of their projects.
        return own_or_overseen(self.principal, Approval.requested_by, Approval.project_id, APPROVAL_OVERSEERS)

    def readable_filtered(
        self, *, status: ApprovalStatus | None, project_id: uuid.UUID | None
    ) -> Select[Approval]:
        """The inbox: the requests the caller may read, by status and project."""
        statement = self.readable()
        if status is not None:
            statement = statement.where(Approval.status == status)
        if project_id is not None:
            statement = statement.where(Approval.project_id == project_id)
        return statement
