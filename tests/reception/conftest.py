"""Fixtures of the reception tests: a project with one member per role (the inventory site)."""

from tests.inventory.site import Site, site

__all__ = ["Site", "site"]
