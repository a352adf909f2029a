"""Queries of daily closes, from the base repository's scoped statement."""

from anchang.closing.models import DailyClose
from anchang.core.errors import NotFound
from anchang.core.repository import Repository


class CloseNotFound(NotFound):
    code = "close_not_found"


class CloseRepository(Repository[DailyClose]):
    model = DailyClose
    not_found = CloseNotFound
