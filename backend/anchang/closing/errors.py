"""The daily close's refusals, each with its stable code."""

from anchang.core.errors import Conflict


class CloseExists(Conflict):
    code, title = "close_exists", "The day has a close already: refresh it instead"


class AlreadyClosed(Conflict):
    code, title = "already_closed", "The day is closed already"


class CloseImmutable(Conflict):
    code, title = "close_immutable", "A countersigned close never changes"


class NotClosed(Conflict):
    code, title = "close_not_closed", "Only a closed day is countersigned"


class AlreadySigned(Conflict):
    code, title = "already_signed", "The caller's role has signed this close already"
