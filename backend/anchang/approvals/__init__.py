"""Approval requests any domain raises: price-list versions now, discounts and cancellations later."""
