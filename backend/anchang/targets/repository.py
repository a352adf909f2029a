"""Queries of plans and their rows, each from the base repository's scoped statement."""

from sqlalchemy import ColumnElement, or_

from anchang.core.errors import NotFound
from anchang.core.membership import projects_where_role
from anchang.core.repository import Repository
from anchang.targets.models import RowLevel, TargetPlan, TargetRow
from anchang.targets.policy import OVERSEERS


class PlanNotFound(NotFound):
    code = "target_plan_not_found"


class TargetPlanRepository(Repository[TargetPlan]):
    model = TargetPlan
    not_found = PlanNotFound


class TargetRowRepository(Repository[TargetRow]):
    model = TargetRow

    def row_rule(self) -> ColumnElement[bool] | None:
        """A consultant reads the project's row and their own; the other roles every row."""
        principal = self.principal
        if principal.is_admin:
            return None
        return or_(
            TargetRow.level == RowLevel.project,
            (TargetRow.level == RowLevel.consultant) & (TargetRow.user_id == principal.user_id),
            TargetRow.project_id.in_(projects_where_role(principal, OVERSEERS)),
        )
