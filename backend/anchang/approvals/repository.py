"""Queries of approvals, from the base repository's scoped statement."""

import uuid

from sqlalchemy import Select

from anchang.approvals.models import Approval, ApprovalStatus
from anchang.core.errors import NotFound
from anchang.core.repository import Repository


class ApprovalNotFound(NotFound):
    code = "approval_not_found"


class ApprovalRepository(Repository[Approval]):
    model = Approval
    not_found = ApprovalNotFound

    def filtered(self, *, status: ApprovalStatus | None, project_id: uuid.UUID | None) -> Select[Approval]:
        statement = self.scoped()
        if status is not None:
            statement = statement.where(Approval.status == status)
        if project_id is not None:
            statement = statement.where(Approval.project_id == project_id)
        return statement
