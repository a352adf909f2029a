"""Queries of the agency fee, from the base repository's scoped statement (the routes' roles decide who
reads it: the agency's management, finance and the developer's rep — never consultants)."""

from anchang.commission.models import AgencyFeeLine, AgencyFeeReceipt, AgencyFeeRule, AgencyFeeStatement
from anchang.core.errors import NotFound
from anchang.core.repository import Repository


class RuleNotFound(NotFound):
    code = "agency_fee_rule_not_found"


class StatementNotFound(NotFound):
    code = "agency_fee_statement_not_found"


class AgencyFeeRuleRepository(Repository[AgencyFeeRule]):
    model = AgencyFeeRule
    not_found = RuleNotFound


class AgencyFeeStatementRepository(Repository[AgencyFeeStatement]):
    model = AgencyFeeStatement
    not_found = StatementNotFound


class AgencyFeeLineRepository(Repository[AgencyFeeLine]):
    model = AgencyFeeLine


class AgencyFeeReceiptRepository(Repository[AgencyFeeReceipt]):
    model = AgencyFeeReceipt
