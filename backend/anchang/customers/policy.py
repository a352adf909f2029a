"""Who may read and do what with customers: the role sets, the row rules and the allowed actions.

Routes declare the roles (`project_role`, `entity_role` in core/access.py); the repositories apply the
row rules to every list and read by id; `Customer` responses carry `customer_actions`, and the services
check the same predicates, so the buttons a client shows are the requests the server accepts.
"""

import uuid
from datetime import datetime
from typing import Protocol

from sqlalchemy import ColumnElement, func, or_

from anchang.core.access import ProjectAccess
from anchang.core.reader import Row
from anchang.core.roles import SALES_RANK, SUPERVISORS_AND_ABOVE, ProjectRole, at_least
from anchang.customers.models import Customer, FollowUp, Referral
from anchang.customers.phones import mask_phone

SALES = frozenset(SALES_RANK)  # register, claim, log visits and calls, register referrals (报备)
SUPERVISORS = SUPERVISORS_AND_ABOVE  # reassign, settle 撞单, manage brokers, act for a consultant
EXPORTERS = at_least(ProjectRole.site_manager)

# Row rules. Supervisors and above read every customer of their projects, in full. Finance and the
# developer's representative read every customer too, masked: they meet them as the buyers of deals.
# A consultant reads their own customers and the public pool (公客), never a colleague's protected one.
CUSTOMER_OVERSEERS = SUPERVISORS
CUSTOMER_READERS = CUSTOMER_OVERSEERS | {ProjectRole.finance, ProjectRole.developer_rep}
# A follow-up: its assignee, the customer's owner, and supervisors and above.
FOLLOW_UP_OVERSEERS = SUPERVISORS


class Owned(Protocol):
    """Anything with a customer's owner: the `Customer` row, or deals' `CustomerForDeal`."""

    @property
    def owner_id(self) -> uuid.UUID | None: ...


class Protected(Owned, Protocol):
    """An owned customer with the end of the owner's protection (保护期)."""

    @property
    def protected_until(self) -> datetime | None: ...


def in_pool() -> ColumnElement[bool]:
    """Customers in the public pool (公客): nobody owns them, or the protection has run out.

    Against the database's `now()`, so a statement built once (and memoized) stays right tomorrow."""
    return or_(Customer.owner_id.is_(None), Customer.protected_until <= func.now())


def is_pooled(customer: Protected, now: datetime) -> bool:
    """The same test as `in_pool`, on a loaded row."""
    return customer.owner_id is None or (
        customer.protected_until is not None and customer.protected_until <= now
    )


def oversees(access: ProjectAccess) -> bool:
    """Supervisors and above: every customer of the project, in full, and every consultant's work."""
    return access.allows(CUSTOMER_OVERSEERS)


def sees_full_phone(customer: Owned, access: ProjectAccess) -> bool:
    """Phone, budget, notes and co-buyers' phones unmasked: the owner, and supervisors and above."""
    return oversees(access) or customer.owner_id == access.principal.user_id


def shown_phone(phone: str, customer: Owned, access: ProjectAccess) -> str:
    """A phone as the caller may see it (a printed document shows what the API shows)."""
    return phone if sees_full_phone(customer, access) else mask_phone(phone)


def may_read_history(customer: Customer | Row, access: ProjectAccess) -> bool:
    """A customer's visits, calls, follow-ups and timeline: whoever sees them in full."""
    return sees_full_phone(customer, access)


def may_handle(customer: Customer | Row, access: ProjectAccess, now: datetime) -> bool:
    """Edit, log visits, calls and follow-ups: supervisors and above, or the owner while protected."""
    if oversees(access):
        return True
    return (
        access.allows(SALES)
        and customer.owner_id == access.principal.user_id
        and not is_pooled(customer, now)
    )


def may_claim(customer: Customer | Row, access: ProjectAccess, now: datetime) -> bool:
    """Take a customer from the public pool: anyone of the sales line."""
    return access.allows(SALES) and is_pooled(customer, now)


def may_reassign(access: ProjectAccess) -> bool:
    """Give a customer to another consultant (settle a 撞单): supervisors and above."""
    return access.allows(SUPERVISORS)


def may_act_for_others(access: ProjectAccess) -> bool:
    """Register for, log a visit for, or look at the follow-ups of another consultant."""
    return access.allows(SUPERVISORS)


def may_change_follow_up(follow_up: FollowUp, access: ProjectAccess) -> bool:
    """Reschedule or close a follow-up: its assignee, and supervisors and above."""
    return follow_up.assignee_id == access.principal.user_id or access.allows(FOLLOW_UP_OVERSEERS)


def may_assign_follow_up(customer: Customer, assignee_id: uuid.UUID, access: ProjectAccess) -> bool:
    """Plan a follow-up for someone: oneself or the customer's owner; anyone for supervisors."""
    return oversees(access) or assignee_id == access.principal.user_id or assignee_id == customer.owner_id


def sees_full_referral_phone(referral: Referral | Row, access: ProjectAccess) -> bool:
    """A referral's phone unmasked: whoever registered it, and supervisors and above."""
    return oversees(access) or referral.registered_by_id == access.principal.user_id


def may_sell_to(customer: Owned, access: ProjectAccess) -> bool:
    """Subscribe (认购) or reserve a unit for the customer: the sales line, a consultant only for
    their own customers (another's is a 撞单 for a supervisor to settle)."""
    if not access.allows(SALES):
        return False
    return access.role is not ProjectRole.consultant or customer.owner_id == access.principal.user_id


def customer_actions(customer: Customer | Row, access: ProjectAccess, now: datetime) -> list[str]:
    """What the caller may do with a customer they can read, named as the API names the operations."""
    actions: list[str] = []
    if may_handle(customer, access, now):
        actions += ["edit", "record_visit", "record_call", "add_follow_up"]
    if may_read_history(customer, access):
        actions.append("read_history")
    if may_claim(customer, access, now):
        actions.append("claim")
    if may_reassign(access):
        actions.append("reassign")
    if may_sell_to(customer, access):
        actions.append("subscribe")
    return actions
