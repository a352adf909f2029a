"""The daily close (日清日结): what the rest of the app (and this domain's router) may call.

- `building`: build and refresh a day's close (the board, the receipts, the differences with the deals);
- `signing`: close the day, countersign it; `reads`: the list and one close; `workbook`: the `.xlsx`;
- `policy`: who reads, closes and signs, and each close's `allowed_actions`.
"""

from anchang.closing.building import build_close, close_day_of, refresh_close
from anchang.closing.errors import AlreadyClosed, AlreadySigned, CloseExists, CloseImmutable, NotClosed
from anchang.closing.reads import close_as_written, list_closes, read_close
from anchang.closing.repository import CloseNotFound, CloseRepository
from anchang.closing.signing import close_close, countersign
from anchang.closing.workbook import close_workbook

__all__ = [
    "AlreadyClosed",
    "AlreadySigned",
    "CloseExists",
    "CloseImmutable",
    "CloseNotFound",
    "CloseRepository",
    "NotClosed",
    "build_close",
    "close_as_written",
    "close_close",
    "close_day_of",
    "close_workbook",
    "countersign",
    "list_closes",
    "read_close",
    "refresh_close",
]
