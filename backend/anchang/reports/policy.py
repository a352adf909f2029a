"""Who reads and confirms the daily report."""

from anchang.core.access import ProjectAccess
from anchang.core.roles import ProjectRole

R = ProjectRole
# Everyone of the project reads the daily report; a consultant only their own row (`sees_all`).
READERS = frozenset(
    {R.admin, R.project_manager, R.site_manager, R.supervisor, R.finance, R.developer_rep, R.consultant}
)
# The analysis (funnel, per-consultant output): the project's overseers; a consultant reads the funnel of
# their own customers (`sees_all`), not the others' output.
ANALYSTS = frozenset({R.admin, R.project_manager, R.site_manager, R.supervisor, R.finance, R.developer_rep})
FUNNEL_READERS = ANALYSTS | {R.consultant}
# The sales line from supervisor up confirms a consultant's day (每日确认当日业绩).
CONFIRMERS = frozenset({R.admin, R.project_manager, R.site_manager, R.supervisor})


def sees_all(access: ProjectAccess) -> bool:
    """Whether the caller reads every consultant's row and the project's totals; a consultant reads
    only their own row, without the totals (which would give away the others' sum)."""
    return access.role is not None and access.role is not R.consultant


def may_confirm(access: ProjectAccess) -> bool:
    """Whether the caller may confirm consultants' days (the buttons a client shows)."""
    return access.allows(CONFIRMERS)


# Summaries (周报 / 月报 / 季报): the office's management, supervisors, finance and the developer's rep
# read them; a consultant's own figures are in the daily report.
SUMMARY_READERS = frozenset(
    {R.admin, R.project_manager, R.site_manager, R.supervisor, R.finance, R.developer_rep}
)
SUMMARY_WRITERS = CONFIRMERS  # the supervisor writes and submits; the site and project managers may too
SUMMARY_APPROVERS = frozenset({R.admin, R.project_manager})


# The roles whose readable rows of every source of the report are all the project's (customers,
# reservations and complaints have row rules that narrow finance's and the developer's rep's view):
# their figures are the stored facts' (reports/facts.py). Organization admins read everything too.
WHOLE_VIEW = frozenset({R.project_manager, R.site_manager, R.supervisor})


def whole_view(access: ProjectAccess) -> bool:
    """Whether the caller reads every row the report counts, so its figures are the stored facts'
    (and a day it counts may be stored for everyone)."""
    return access.principal.is_admin or access.role in WHOLE_VIEW


def own_row_of_facts(access: ProjectAccess) -> bool:
    """A consultant: their own row of the stored facts is what they would count (each source's row
    rule lets them read every row credited to them), though they may not store facts."""
    return access.role is R.consultant
