"""Complaints: what the rest of the app (and this domain's router) may call.

- `filing`: filing a complaint; `handling`: the actions on it and the remedy's approval callback;
- `escalation`: the ladder's sweep (and escalation by hand); `ladder`: deadlines and assignment;
- `rating`: the customer's one-time rating link; `statistics`: the figures and their workbook;
- `day_counts`: the daily report's figures; `reads`: the lean read path; `policy`: who sees and does what.
"""

from anchang.complaints.day_counts import complaint_counts
from anchang.complaints.escalation import escalate_overdue, sweep_forever, sweep_once
from anchang.complaints.filing import file_complaint
from anchang.complaints.handling import REMEDY_KIND, act, on_remedy_decided
from anchang.complaints.rating import make_rating_link, public_view, rate
from anchang.complaints.reads import (
    complaint_view,
    customer_timeline_source,
    list_actions,
    list_complaints,
    read_complaint,
)
from anchang.complaints.statistics import complaint_statistics, statistics_workbook

__all__ = [
    "REMEDY_KIND",
    "act",
    "complaint_counts",
    "complaint_statistics",
    "complaint_view",
    "customer_timeline_source",
    "escalate_overdue",
    "file_complaint",
    "list_actions",
    "list_complaints",
    "make_rating_link",
    "on_remedy_decided",
    "public_view",
    "rate",
    "read_complaint",
    "statistics_workbook",
    "sweep_forever",
    "sweep_once",
]
