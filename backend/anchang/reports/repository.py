"""Queries of reports' own table, from the scoped statement of the base repository."""

from anchang.core.repository import Repository
from anchang.reports.models import DailyConfirmation, DailyFact, PeriodSummary


class ConfirmationRepository(Repository[DailyConfirmation]):
    model = DailyConfirmation


class SummaryRepository(Repository[PeriodSummary]):
    model = PeriodSummary


class DailyFactRepository(Repository[DailyFact]):
    """The stored facts of past days (reports/facts.py): the project's whole view, read as sums."""

    model = DailyFact
