"""Queries of reports' own table, from the scoped statement of the base repository."""

from anchang.core.repository import Repository
from anchang.reports.models import DailyConfirmation, PeriodSummary


class ConfirmationRepository(Repository[DailyConfirmation]):
    model = DailyConfirmation


class SummaryRepository(Repository[PeriodSummary]):
    model = PeriodSummary
