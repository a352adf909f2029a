"""Fixtures of the report tests: the inventory site (a project with one member per role, two consultants)."""

from tests.inventory.site import Site, site

__all__ = ["Site", "site"]
