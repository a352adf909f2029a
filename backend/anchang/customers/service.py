"""The customers domain as other domains see it: what they may call, with its errors and enums.

The rules live in one module per capability — `customers` (registration, lists, changes, ownership),
`activities` (visits, calls), `follow_ups`, `timeline`, `alerts`, `brokers` (brokers, agents,
referrals), `export`, `for_deals` — and who may read and do what in `policy`. Other domains import
this module only; they never touch the domain's tables.
"""

from anchang.customers.activities import record_visit
from anchang.customers.common import sales_member, user_ref, users_by_id
from anchang.customers.customers import present, present_many, register_customer
from anchang.customers.day_counts import call_counts, new_customer_counts, referral_counts, visit_counts
from anchang.customers.errors import (
    CustomerExists,
    CustomerInPool,
    CustomerOwnedByOther,
    NotYourCustomer,
)
from anchang.customers.for_deals import (
    CustomerForDeal,
    contacts,
    find_by_phone,
    get_customer_for_deal,
    ids_owned_by,
    mark_stage,
    name_of,
)
from anchang.customers.funnel import funnel_cohort_of
from anchang.customers.models import Channel, Stage
from anchang.customers.policy import customer_actions, is_pooled, may_sell_to, sees_full_phone, shown_phone
from anchang.customers.repository import CustomerNotFound
from anchang.customers.settings import CustomerSettings
from anchang.customers.sources import new_customers_by_source, sources_of_customers, visits_by_source
from anchang.customers.timeline import TimelineSource, register_timeline_source

__all__ = [
    "Channel",
    "CustomerExists",
    "CustomerForDeal",
    "CustomerInPool",
    "CustomerNotFound",
    "CustomerOwnedByOther",
    "CustomerSettings",
    "NotYourCustomer",
    "Stage",
    "TimelineSource",
    "call_counts",
    "contacts",
    "customer_actions",
    "find_by_phone",
    "funnel_cohort_of",
    "get_customer_for_deal",
    "ids_owned_by",
    "is_pooled",
    "mark_stage",
    "may_sell_to",
    "name_of",
    "new_customer_counts",
    "new_customers_by_source",
    "present",
    "present_many",
    "record_visit",
    "referral_counts",
    "register_customer",
    "register_timeline_source",
    "sales_member",
    "sees_full_phone",
    "shown_phone",
    "sources_of_customers",
    "user_ref",
    "users_by_id",
    "visit_counts",
    "visits_by_source",
]
