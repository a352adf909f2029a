"""Fixtures of the inventory tests."""

from tests.inventory.site import Site, site

__all__ = ["Site", "site"]
