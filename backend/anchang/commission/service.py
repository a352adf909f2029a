"""The agency fee (代理费): what the rest of the app (and this domain's router) may call.

- `agency_engine`: the pure computation of a period's lines; `money`: fen and largest-remainder splits;
- `agency_rules`: rules proposed and approved; `agency_statements`: statements and their transitions;
- `agency_export`: a statement as a workbook; `reads`: the lean read path; `policy`: who does what.
"""

from anchang.commission.agency_export import XLSX, statement_workbook
from anchang.commission.agency_rules import KIND as RULE_KIND
from anchang.commission.agency_rules import on_rule_decided, propose_rule
from anchang.commission.agency_statements import (
    StatementLocked,
    StatementStateConflict,
    act_on_statement,
    generate_statement,
)
from anchang.commission.reads import list_lines, list_rules, list_statements, shown_statement, statement_view

__all__ = [
    "RULE_KIND",
    "XLSX",
    "StatementLocked",
    "StatementStateConflict",
    "act_on_statement",
    "generate_statement",
    "list_lines",
    "list_rules",
    "list_statements",
    "on_rule_decided",
    "propose_rule",
    "shown_statement",
    "statement_view",
    "statement_workbook",
]
