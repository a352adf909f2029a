"""Reports: the daily report (日报) and the supervisor's daily confirmation of each consultant's day."""
