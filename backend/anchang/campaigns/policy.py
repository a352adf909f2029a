"""Who reads and runs campaigns.

- **Readers** (campaigns, costs, the channel and campaign report): the office's management, supervisors,
  finance (who pays the bills) and the developer's rep (whose money it is): AD PM SM SU FI DR.
- **Writers** (create, edit, record a cost): AD PM SM.
- **Consultants** read no campaign, budget or cost. They pick the campaign that brought a walk-in from
  `GET /projects/{id}/campaign-choices`, open to every member: only the id, name, kind and medium of the
  campaigns running today. That is the simplest safe rule: a separate, minimal answer rather than a
  masked copy of the full one, so no budget or cost can leak through a field someone forgot to mask.
"""

from datetime import date

from anchang.core.reader import Row
from anchang.core.roles import ProjectRole

R = ProjectRole
READERS = frozenset({R.admin, R.project_manager, R.site_manager, R.supervisor, R.finance, R.developer_rep})
WRITERS = frozenset({R.admin, R.project_manager, R.site_manager})


def campaign_actions(role: ProjectRole | None) -> list[str]:
    """What the caller may do with a campaign they may read: `edit`, `add_cost`."""
    return ["edit", "add_cost"] if role in WRITERS else []


def shown(row: Row, role: ProjectRole | None, today: date) -> Row:
    """A campaign row as the API shows it: whether it runs today, and the caller's actions."""
    row["active"] = row["starts_on"] <= today <= row["ends_on"]
    row["allowed_actions"] = campaign_actions(role)
    return row
