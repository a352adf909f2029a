"""Per-project customer rules, read from `projects.settings` (JSONB) with defaults."""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class CustomerSettings:
    protection_days: int = 30  # 客户保护期, renewed by each visit or completed follow-up
    pool_warning_days: int = 3  # owners are alerted this many days before a customer falls to the pool
    referral_valid_days: int = 7  # a broker's 报备 credits a visit within this many days
    referral_monthly_target: int = 4  # broker referrals per consultant per month

    @classmethod
    def of(cls, settings: dict[str, Any] | None) -> "CustomerSettings":
        s = settings or {}

        def _int(key: str, default: int, low: int, high: int) -> int:
            value = s.get(key, default)
            if isinstance(value, bool) or not isinstance(value, int):
                return default
            return max(low, min(high, value))

        return cls(
            protection_days=_int("customer_protection_days", 30, 1, 3650),
            pool_warning_days=_int("customer_pool_warning_days", 3, 0, 365),
            referral_valid_days=_int("referral_valid_days", 7, 1, 365),
            referral_monthly_target=_int("referral_monthly_target", 4, 0, 1000),
        )
