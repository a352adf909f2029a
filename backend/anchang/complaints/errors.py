"""The complaints domain's errors, each with its stable code."""

from anchang.core.errors import Conflict


class ComplaintClosed(Conflict):
    code, title = "complaint_closed", "The complaint is closed"


class AlreadyAtTop(Conflict):
    code, title = "already_at_top", "The complaint is already at the top of its escalation ladder"


class ComplaintStatusConflict(Conflict):
    code, title = "complaint_status_conflict", "This action does not apply to the complaint in its status"


class RemedyPending(Conflict):
    code, title = "remedy_pending", "A money remedy of this complaint waits for its approval"


class ReopenWindowPassed(Conflict):
    code, title = "reopen_window_passed", "The complaint was settled too long ago to be reopened"


class AlreadyRated(Conflict):
    code, title = "already_rated", "The customer has already rated this complaint"
