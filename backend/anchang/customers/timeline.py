"""A customer's timeline: ownership changes, visits, calls, follow-ups and 撞单 attempts merged into one
history, newest first, each entry with the parts an app words in its own language.

One statement on the lean read path (core/reads.py): each source's newest entries as rows of one shape
(a UNION ALL), the people's names as the org domain's subqueries; the row loop words the entries."""

from datetime import datetime
from typing import Any

from sqlalchemy import Integer, String, bindparam, cast, literal, null, select, union_all
from sqlalchemy.dialects.postgresql import UUID

from anchang.core.access import ProjectAccess
from anchang.core.reader import Reader, Row
from anchang.core.reads import per_caller
from anchang.core.repository import AnySelect
from anchang.core.security import Principal
from anchang.customers.common import now_utc
from anchang.customers.customers import require_history
from anchang.customers.models import (
    Call,
    Customer,
    DuplicateAttempt,
    FollowUp,
    OwnershipChange,
    OwnershipEvent,
    Visit,
)
from anchang.customers.reads import user_ref
from anchang.customers.repository import (
    CallRepository,
    CustomerRepository,
    DuplicateAttemptRepository,
    FollowUpRepository,
    OwnershipEventRepository,
    VisitRepository,
)
from anchang.org import service as org

TIMELINE_LIMIT = 500
_ID = UUID(as_uuid=True)
_TIMELINE = (
    "source", "at", "kind", "ref_id", "actor_id", "from_user_id", "to_user_id", "on_behalf_of_id",
    "reason", "notes", "visit_kind", "party_size", "call_direction", "due_at", "done_at", "outcome",
    "attempted_name",
)  # fmt: skip
_TYPES: dict[str, Any] = {
    "ref_id": _ID,
    "actor_id": _ID,
    "from_user_id": _ID,
    "to_user_id": _ID,
    "on_behalf_of_id": _ID,
    "reason": String,
    "notes": String,
    "visit_kind": String,
    "party_size": Integer,
    "call_direction": String,
    "due_at": FollowUp.due_at.type,
    "done_at": FollowUp.done_at.type,
    "outcome": String,
    "attempted_name": String,
}


@per_caller
def timeline_of(caller: Principal) -> AnySelect:
    """The history of the customer `:customer_id` in one statement: each source's newest entries (at
    most 500 each, as before) as rows of one shape, with the people's names; and the customer's own
    owner and protection, from which the row loop tells whether protection ran out."""

    def branch(source: int, repository: Any, model: Any, at: Any, **columns: Any) -> AnySelect:
        values = {"source": literal(source), "at": at, **columns}
        selected = [
            (values[name] if name in values else cast(null(), _TYPES[name])).label(name) for name in _TIMELINE
        ]
        return (
            repository(None, caller)
            .scope(select(*selected))
            .where(model.customer_id == bindparam("customer_id"))
            .order_by(at.desc())
            .limit(TIMELINE_LIMIT)
        )

    customer: AnySelect = (
        CustomerRepository(None, caller)
        .scope(
            select(
                *(
                    {
                        "source": literal(1),
                        "at": Customer.protected_until,
                        "kind": literal("protection_expired"),
                        "to_user_id": Customer.owner_id,
                    }.get(name, cast(null(), _TYPES.get(name, String))).label(name)
                    for name in _TIMELINE
                )
            )
        )
        .where(Customer.id == bindparam("customer_id"))
    )
    sources = union_all(
        branch(
            0,
            OwnershipEventRepository,
            OwnershipEvent,
            OwnershipEvent.created_at,
            kind=cast(OwnershipEvent.kind, String),
            ref_id=OwnershipEvent.id,
            actor_id=OwnershipEvent.actor_id,
            from_user_id=OwnershipEvent.from_user_id,
            to_user_id=OwnershipEvent.to_user_id,
            reason=OwnershipEvent.reason,
        ),
        customer,
        branch(
            2,
            VisitRepository,
            Visit,
            Visit.visited_at,
            kind=literal("visit"),
            ref_id=Visit.id,
            actor_id=Visit.consultant_id,
            on_behalf_of_id=Visit.on_behalf_of_id,
            notes=Visit.notes,
            visit_kind=cast(Visit.kind, String),
            party_size=Visit.party_size,
        ),
        branch(
            3,
            CallRepository,
            Call,
            Call.called_at,
            kind=literal("call"),
            ref_id=Call.id,
            actor_id=Call.consultant_id,
            notes=Call.notes,
            call_direction=cast(Call.direction, String),
        ),
        branch(
            4,
            FollowUpRepository,
            FollowUp,
            FollowUp.created_at,
            kind=literal("follow_up"),
            ref_id=FollowUp.id,
            actor_id=FollowUp.assignee_id,
            notes=FollowUp.notes,
            due_at=FollowUp.due_at,
            done_at=FollowUp.done_at,
            outcome=FollowUp.outcome,
        ),
        branch(
            5,
            DuplicateAttemptRepository,
            DuplicateAttempt,
            DuplicateAttempt.created_at,
            kind=literal("duplicate_attempt"),
            ref_id=DuplicateAttempt.id,
            actor_id=DuplicateAttempt.attempted_by_id,
            attempted_name=DuplicateAttempt.attempted_name,
        ),
    ).subquery("entries")
    c = sources.c
    names = {
        f"{who}_name": org.user_name_of(caller, getattr(c, f"{who}_id")).label(f"{who}_name")
        for who in ("actor", "from_user", "to_user", "on_behalf_of")
    }
    return select(*c, *names.values()).order_by(c.source, c.at.desc())


_OWNERSHIP_KINDS = {change.value: change for change in OwnershipChange}


async def timeline(reader: Reader, customer: Row, access: ProjectAccess) -> dict[str, Any]:
    """The customer's history, newest first: ownership, visits, calls, follow-ups and 撞单 attempts
    (their owner and supervisors). As `timeline.timeline` wrote it, entry for entry."""
    require_history(customer, access)
    rows = await reader.rows(timeline_of(access.principal), {"customer_id": customer.id})
    now = now_utc()
    entries: list[dict[str, Any]] = []

    def name(row: Row, who: str) -> str:
        found = row[f"{who}_name"] if row[f"{who}_id"] is not None else None
        return found if found is not None else "—"

    def ref(row: Row, who: str) -> dict[str, Any] | None:
        return user_ref(row[f"{who}_id"], row[f"{who}_name"])

    def entry(row: Row, at: datetime, kind: str, summary: str, **fields: Any) -> None:
        entries.append(
            {
                "at": at,
                "kind": kind,
                "actor": ref(row, "actor"),
                "summary": summary,
                "ref_id": row.ref_id,
                "from_user": None,
                "to_user": None,
                "on_behalf_of": None,
                "reason": None,
                "notes": None,
                "visit_kind": None,
                "party_size": None,
                "call_direction": None,
                "due_at": None,
                "outcome": None,
                "attempted_name": None,
                **fields,
            }
        )

    for row in rows:
        kind, notes = row.kind, row.notes
        noted = f": {notes}" if notes else ""
        if row.source == 0:
            change = _OWNERSHIP_KINDS[kind]
            summary = {
                OwnershipChange.registered: (
                    f"Registered by {name(row, 'actor')}, owner {name(row, 'to_user')}"
                ),
                OwnershipChange.reassigned: (
                    f"Reassigned from {name(row, 'from_user')} to {name(row, 'to_user')}: {row.reason}"
                ),
                OwnershipChange.claimed: f"Claimed from the public pool by {name(row, 'to_user')}",
                OwnershipChange.released: f"Released to the public pool by {name(row, 'actor')}",
            }[change]
            entry(
                row,
                row.at,
                kind,
                summary,
                from_user=ref(row, "from_user"),
                to_user=ref(row, "to_user"),
                reason=row.reason,
            )
        elif row.source == 1:
            if row.to_user_id is not None and row.at is not None and row.at <= now:
                entry(
                    row,
                    row.at,
                    kind,
                    f"Protection of {name(row, 'to_user')} ran out: back in the public pool",
                    to_user=ref(row, "to_user"),
                )
                entries[-1]["ref_id"] = None
        elif row.source == 2:
            behalf = f" for {name(row, 'on_behalf_of')}" if row.on_behalf_of_id else ""
            entry(
                row,
                row.at,
                kind,
                f"{row.visit_kind.capitalize()} visit, party of {row.party_size}, received by "
                f"{name(row, 'actor')}{behalf}" + noted,
                on_behalf_of=ref(row, "on_behalf_of"),
                notes=notes,
                visit_kind=row.visit_kind,
                party_size=row.party_size,
            )
        elif row.source == 3:
            entry(
                row,
                row.at,
                kind,
                f"{row.call_direction.capitalize()} call" + noted,
                notes=notes,
                call_direction=row.call_direction,
            )
        elif row.source == 4:
            entry(
                row,
                row.at,
                kind,
                f"Follow-up planned for {row.due_at.isoformat()}" + noted,
                notes=notes,
                due_at=row.due_at,
            )
            if row.done_at is not None:
                entry(row, row.done_at, "follow_up_done", f"Followed up: {row.outcome}", outcome=row.outcome)
        else:
            entry(
                row,
                row.at,
                kind,
                f"{name(row, 'actor')} tried to register this phone as {row.attempted_name} (撞单)",
                attempted_name=row.attempted_name,
            )
    entries.sort(key=lambda e: e["at"], reverse=True)
    return {"customer_id": customer.id, "entries": entries[:TIMELINE_LIMIT]}
