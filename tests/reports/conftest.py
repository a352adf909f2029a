"""Fixtures of the report tests: the inventory site (a project with one member per role, two consultants),
and no bound on the days a report stores, so every report of these tests reads the stored facts."""

from collections.abc import Iterator

import pytest

from anchang.reports import facts
from tests.inventory.site import Site, site

__all__ = ["Site", "site"]


@pytest.fixture(autouse=True)
def store_every_day(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(facts, "MOST_PER_REPORT", None)
    yield
