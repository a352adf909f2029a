"""Complaints (投诉): filing, the state machine, the escalation ladder, satisfaction and statistics."""
