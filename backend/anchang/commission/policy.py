"""Who reads and does what with the agency fee, and what a statement allows in its state.

The fee is between the agency and the developer: the agency's management, its finance and the
developer's rep read it; consultants do not. Rules are proposed by the project manager and approved by
the developer's rep; statements are prepared by the agency, confirmed (or disputed and returned) by the
developer's rep, invoiced and marked paid by finance. Responses carry `allowed_actions` from
`statement_actions`, which every transition checks too."""

from anchang.commission.models import AgencyFeeStatement, AgencyStatementStatus
from anchang.core.reader import Row
from anchang.core.roles import ProjectRole

R = ProjectRole
READERS = frozenset({R.admin, R.project_manager, R.site_manager, R.supervisor, R.finance, R.developer_rep})
RULE_PROPOSERS = frozenset({R.admin, R.project_manager})
PREPARERS = frozenset({R.admin, R.project_manager, R.site_manager, R.supervisor, R.finance})
SUBMITTERS = frozenset({R.admin, R.project_manager, R.site_manager, R.finance})
DEVELOPER = frozenset({R.admin, R.developer_rep})
INVOICERS = frozenset({R.admin, R.project_manager, R.finance})
COLLECTORS = frozenset({R.admin, R.finance})
# The month's figures include what the agency pays its consultants: the agency's side only.
FIGURES = frozenset({R.admin, R.project_manager, R.site_manager, R.supervisor, R.finance})

# Statements whose lines are settled: what the next statement is computed against.
SETTLED = frozenset(
    {
        AgencyStatementStatus.submitted,
        AgencyStatementStatus.confirmed,
        AgencyStatementStatus.invoiced,
        AgencyStatementStatus.paid,
    }
)
# Statements that never change again (the developer confirmed them).
LOCKED = frozenset(
    {AgencyStatementStatus.confirmed, AgencyStatementStatus.invoiced, AgencyStatementStatus.paid}
)

_BY_STATE: dict[AgencyStatementStatus, tuple[tuple[str, frozenset[ProjectRole]], ...]] = {
    AgencyStatementStatus.draft: (("recompute", PREPARERS), ("submit", SUBMITTERS)),
    AgencyStatementStatus.submitted: (("confirm", DEVELOPER), ("dispute", DEVELOPER), ("return", DEVELOPER)),
    AgencyStatementStatus.confirmed: (("invoice", INVOICERS),),
    AgencyStatementStatus.invoiced: (("record_payment", COLLECTORS),),
    AgencyStatementStatus.paid: (),
}


def statement_actions(statement: AgencyFeeStatement | Row, role: ProjectRole | None) -> list[str]:
    """What a caller acting in `role` may do with the statement now."""
    return [action for action, roles in _BY_STATE[statement.status] if role in roles]


def actions_in_state(status: AgencyStatementStatus) -> frozenset[str]:
    """What a statement in `status` takes from someone (whoever may do it)."""
    return frozenset(action for action, _ in _BY_STATE[status])
