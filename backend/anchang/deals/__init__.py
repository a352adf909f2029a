"""Deals: subscription to handover, prices and approvals, schedules, payments, collections, mortgages."""
