"""Inventory and sales control (房源 / 销控): buildings, units, releases, reservations, prices, board."""
