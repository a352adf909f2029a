"""Fixtures of the approval tests: the inventory site."""

from tests.inventory.site import Site, site

__all__ = ["Site", "site"]
