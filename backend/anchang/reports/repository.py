"""Queries of reports' own table, from the scoped statement of the base repository."""

from anchang.core.repository import Repository
from anchang.reports.models import DailyConfirmation


class ConfirmationRepository(Repository[DailyConfirmation]):
    model = DailyConfirmation
