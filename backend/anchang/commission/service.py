"""Commission and the agency fee: what the rest of the app (and the agency fee's router) may call.

The consultants' commission (酬金, 奖罚) lives in the `consultant_*` modules (its own router and
schemas); the approvals it raises are decided through the callbacks re-exported here.

- `agency_engine`: the pure computation of a period's lines; `money`: fen and largest-remainder splits;
- `agency_rules`: rules proposed and approved; `agency_statements`: statements and their transitions;
- `agency_export`: a statement as a workbook; `reads`: the lean read path; `policy`: who does what.
"""

from anchang.commission.agency_export import statement_workbook
from anchang.commission.agency_rules import KIND as RULE_KIND
from anchang.commission.agency_rules import on_rule_decided, propose_rule
from anchang.commission.agency_statements import (
    StatementLocked,
    StatementStateConflict,
    act_on_statement,
    generate_statement,
)
from anchang.commission.consultant_credits import KIND as CREDITS_KIND
from anchang.commission.consultant_credits import on_credits_decided
from anchang.commission.consultant_plans import KIND as PLAN_KIND
from anchang.commission.consultant_plans import on_plan_decided
from anchang.commission.consultant_rewards import KIND as REWARD_KIND
from anchang.commission.consultant_rewards import on_reward_decided
from anchang.commission.reads import list_lines, list_rules, list_statements, shown_statement, statement_view

__all__ = [
    "CREDITS_KIND",
    "PLAN_KIND",
    "REWARD_KIND",
    "RULE_KIND",
    "StatementLocked",
    "StatementStateConflict",
    "act_on_statement",
    "generate_statement",
    "list_lines",
    "list_rules",
    "list_statements",
    "on_credits_decided",
    "on_plan_decided",
    "on_reward_decided",
    "on_rule_decided",
    "propose_rule",
    "shown_statement",
    "statement_view",
    "statement_workbook",
]
