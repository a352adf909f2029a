"""Fixtures of the daily close tests: the deals tests' sales office (units, customers, a member per
role)."""

from tests.deals.conftest import Office, office

__all__ = ["Office", "office"]
