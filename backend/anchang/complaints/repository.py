"""Queries of complaints, from the base repository's scoped statement and the complaints' row rule."""

from sqlalchemy import ColumnElement, and_, or_

from anchang.complaints.models import Complaint, ComplaintAction, ComplaintSeverity
from anchang.complaints.policy import OVERSEERS
from anchang.core.errors import NotFound
from anchang.core.membership import projects_where_role
from anchang.core.repository import Repository
from anchang.core.roles import ProjectRole
from anchang.core.security import Principal
from anchang.customers import service as customers
from anchang.deals import service as deals


class ComplaintNotFound(NotFound):
    code = "complaint_not_found"


def complaint_row_rule(principal: Principal) -> ColumnElement[bool]:
    """Supervisors and up read every complaint of their projects; the developer's rep those at the top
    of the ladder and every critical one; finance those with money; everyone the ones they filed, are
    assigned, are concerned by, or that are about their customers or the deals they sold."""
    complaint = Complaint
    me = principal.user_id
    return or_(
        complaint.project_id.in_(projects_where_role(principal, OVERSEERS)),
        and_(
            complaint.project_id.in_(projects_where_role(principal, frozenset({ProjectRole.developer_rep}))),
            or_(complaint.level == 4, complaint.severity == ComplaintSeverity.critical),
        ),
        and_(
            complaint.project_id.in_(projects_where_role(principal, frozenset({ProjectRole.finance}))),
            complaint.remedy_amount.is_not(None),
        ),
        complaint.filed_by == me,
        complaint.assignee_id == me,
        complaint.concerned_user_ids.any_() == me,
        complaint.customer_id.in_(customers.ids_owned_by(principal)),
        complaint.deal_id.in_(deals.ids_sold_by(principal)),
    )


class ComplaintRepository(Repository[Complaint]):
    model = Complaint
    not_found = ComplaintNotFound

    def row_rule(self) -> ColumnElement[bool] | None:
        if self.principal.is_admin:
            return None
        return complaint_row_rule(self.principal)


class ComplaintActionRepository(Repository[ComplaintAction]):
    """Actions are read through their complaint (the route resolves it first), so scope is enough."""

    model = ComplaintAction
