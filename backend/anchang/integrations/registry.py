"""The event types: name → domain and description. The one list that validation (422 on an unknown
type), the webhook form's checkboxes and the docs are made from."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EventType:
    name: str
    domain: str
    description: str


TEST = "webhook.test"  # sent by POST /webhooks/{id}/test to one endpoint; never in the feed

_TYPES = (
    EventType(
        "unit.status_changed", "inventory", "A unit's sales status changed (released, held, reserved, sold…)."
    ),
    EventType("reservation.created", "inventory", "A unit was reserved (预留) for a customer."),
    EventType("reservation.expired", "inventory", "A reservation's time ran out; the unit is free again."),
    EventType("reservation.cancelled", "inventory", "A reservation was cancelled before its time."),
    EventType("customer.created", "customers", "A customer was registered."),
    EventType("customer.updated", "customers", "A customer's details changed."),
    EventType(
        "customer.owner_changed",
        "customers",
        "A customer passed to another consultant (reassigned or claimed).",
    ),
    EventType("visit.recorded", "customers", "A customer's visit to the sales office was recorded."),
    EventType("deal.subscribed", "deals", "A deal was subscribed (认购): the unit is taken."),
    EventType("deal.contracted", "deals", "A deal's contract was signed (签约)."),
    EventType("deal.cancelled", "deals", "A deal was cancelled (退房); its unit is free again."),
    EventType("deal.unit_changed", "deals", "A deal moved to another unit (换房)."),
    EventType("deal.buyers_changed", "deals", "A deal's buyers changed (更名)."),
    EventType("deal.handed_over", "deals", "A deal's unit was handed over (交房)."),
    EventType("payment.received", "deals", "A payment was received on a deal."),
    EventType("payment.reversed", "deals", "A payment was reversed (冲销)."),
    EventType(
        "approval.requested",
        "approvals",
        "Something waits for a decision (discount, price list, cancellation…).",
    ),
    EventType("approval.decided", "approvals", "An approval was approved or rejected."),
    EventType("complaint.created", "complaints", "A complaint was filed."),
    EventType(
        "complaint.updated",
        "complaints",
        "A complaint was acknowledged, started, commented or otherwise changed.",
    ),
    EventType(
        "complaint.escalated",
        "complaints",
        "A complaint moved up a level (by hand, or its deadline passed).",
    ),
    EventType("complaint.resolved", "complaints", "A complaint was resolved."),
    EventType("complaint.reopened", "complaints", "A closed complaint was reopened."),
    EventType("complaint.closed", "complaints", "A complaint was closed."),
    EventType("commission.statement_generated", "commission", "An agency-fee statement was generated."),
    EventType(
        "commission.statement_submitted",
        "commission",
        "An agency-fee statement was submitted to the developer.",
    ),
    EventType("commission.statement_confirmed", "commission", "An agency-fee statement was confirmed."),
    EventType("commission.statement_invoiced", "commission", "An agency-fee statement was invoiced."),
    EventType(
        "commission.statement_updated",
        "commission",
        "An agency-fee statement was recomputed, disputed or returned.",
    ),
    EventType("commission.statement_paid", "commission", "An agency-fee statement was paid."),
    EventType(TEST, "webhooks", "A test event sent to one endpoint on request; never in the feed."),
)

EVENT_TYPES: dict[str, EventType] = {t.name: t for t in _TYPES}
SUBSCRIBABLE: tuple[str, ...] = tuple(t.name for t in _TYPES)


def is_known(name: str) -> bool:
    """Whether `name` is a registered event type."""
    return name in EVENT_TYPES
