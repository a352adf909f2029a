"""Customers, visits, calls, follow-ups, brokers and referrals (客户 / 来访 / 渠道)."""
