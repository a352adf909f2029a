"""A customer's timeline: ownership changes, visits, calls, follow-ups and 撞单 attempts merged into one
history, newest first, each entry with the parts an app words in its own language.

A list like every other (`?limit=&cursor=`), read a page at a time in one statement on the lean read
path (core/reads.py): each source's newest entries past the cursor as rows of one shape (a UNION ALL,
each branch limited to the page, so a long history costs what one page does), the people's names as
the org domain's subqueries on the page's rows only; the row loop words the entries."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Integer, String, bindparam, cast, literal, null, select, tuple_, union_all
from sqlalchemy.dialects.postgresql import UUID

from anchang.core.access import ProjectAccess
from anchang.core.calendar import now_utc
from anchang.core.pagination import PageParams, decode_cursor, encode_cursor
from anchang.core.reader import Reader, Row
from anchang.core.reads import per_caller
from anchang.core.repository import AnySelect
from anchang.core.security import Principal
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

_ID = UUID(as_uuid=True)
_AT = FollowUp.created_at.type
_TIMELINE = (
    "source", "at", "kind", "ref_id", "actor_id", "from_user_id", "to_user_id", "on_behalf_of_id",
    "reason", "notes", "visit_kind", "party_size", "call_direction", "due_at", "outcome", "attempted_name",
)  # fmt: skip
_TYPES: dict[str, Any] = {
    "kind": String,
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
    "outcome": String,
    "attempted_name": String,
}
# Each source's rank: entries at the same instant come in this order (highest first), as they did when
# the history was sorted in Python, source by source. With `at` and the entry's id it orders the
# history totally, which is what a cursor needs.
OWNERSHIP, PROTECTION, VISIT, CALL, FOLLOW_UP, FOLLOW_UP_DONE, DUPLICATE = 6, 5, 4, 3, 2, 1, 0


@dataclass(frozen=True)
class TimelineSource:
    """Entries another domain keeps about a customer (a complaint filed about them), registered once at
    startup (`register_timeline_source`, main.py) so that this domain imports none of them. `columns`
    names the entry's `kind`, `ref_id`, `actor_id`, and optionally `notes` (what it is about) and
    `outcome` (where it stands now); `where` adds the other domain's own row rule for the caller."""

    rank: int  # ordering among entries at the same instant; above the customers' own (6)
    repository: Any
    at: Any
    customer: Any
    columns: Callable[[], dict[str, Any]]
    where: Callable[[Principal], list[Any]] = field(default=lambda caller: [])


_SOURCES: list[TimelineSource] = []


def register_timeline_source(source: TimelineSource) -> None:
    """Add another domain's entries to every customer's timeline (before the app serves)."""
    if all(existing.rank != source.rank for existing in _SOURCES):
        _SOURCES.append(source)
        timeline_page.cache_clear()  # type: ignore[attr-defined]  # statements built before it lack it


@per_caller
def timeline_page(caller: Principal, *, after: bool, since: bool) -> AnySelect:
    """A page of the history of the customer `:customer_id`, newest first, with the people's names; bind
    parameters `customer_id`, `now` (protection that ran out by then is an entry), `page_limit`, and
    `after_at`, `after_source`, `after_ref` (the cursor) or `since` when the shape has them."""
    limit = bindparam("page_limit", type_=Integer)

    def branch(
        source: int, repository: Any, at: Any, customer: Any, *where: Any, **columns: Any
    ) -> AnySelect:
        values = {"source": literal(source, Integer), "at": at, **columns}
        selected = [
            (values[name] if name in values else cast(null(), _TYPES[name])).label(name) for name in _TIMELINE
        ]
        ref = columns["ref_id"]
        statement = (
            repository(None, caller)
            .scope(select(*selected))
            .where(customer == bindparam("customer_id", type_=_ID), *where)
        )
        if since:
            statement = statement.where(at > bindparam("since", type_=_AT))
        if after:
            # Strictly older than the cursor's entry, in the order below (at, source, id descending).
            statement = statement.where(
                tuple_(at, literal(source, Integer), ref)
                < tuple_(
                    bindparam("after_at", type_=_AT),
                    bindparam("after_source", type_=Integer),
                    bindparam("after_ref", type_=_ID),
                )
            )
        return statement.order_by(at.desc(), ref.desc()).limit(limit)

    entries = union_all(
        branch(
            OWNERSHIP,
            OwnershipEventRepository,
            OwnershipEvent.created_at,
            OwnershipEvent.customer_id,
            kind=cast(OwnershipEvent.kind, String),
            ref_id=OwnershipEvent.id,
            actor_id=OwnershipEvent.actor_id,
            from_user_id=OwnershipEvent.from_user_id,
            to_user_id=OwnershipEvent.to_user_id,
            reason=OwnershipEvent.reason,
        ),
        branch(
            PROTECTION,
            CustomerRepository,
            Customer.protected_until,
            Customer.id,
            Customer.owner_id.is_not(None),
            Customer.protected_until <= bindparam("now", type_=_AT),
            kind=literal("protection_expired", String),
            ref_id=Customer.id,  # ordering only: the entry shows none
            to_user_id=Customer.owner_id,
        ),
        branch(
            VISIT,
            VisitRepository,
            Visit.visited_at,
            Visit.customer_id,
            kind=literal("visit", String),
            ref_id=Visit.id,
            actor_id=Visit.consultant_id,
            on_behalf_of_id=Visit.on_behalf_of_id,
            notes=Visit.notes,
            visit_kind=cast(Visit.kind, String),
            party_size=Visit.party_size,
        ),
        branch(
            CALL,
            CallRepository,
            Call.called_at,
            Call.customer_id,
            kind=literal("call", String),
            ref_id=Call.id,
            actor_id=Call.consultant_id,
            notes=Call.notes,
            call_direction=cast(Call.direction, String),
        ),
        branch(
            FOLLOW_UP,
            FollowUpRepository,
            FollowUp.created_at,
            FollowUp.customer_id,
            kind=literal("follow_up", String),
            ref_id=FollowUp.id,
            actor_id=FollowUp.assignee_id,
            notes=FollowUp.notes,
            due_at=FollowUp.due_at,
        ),
        branch(
            FOLLOW_UP_DONE,
            FollowUpRepository,
            FollowUp.done_at,
            FollowUp.customer_id,
            FollowUp.done_at.is_not(None),
            kind=literal("follow_up_done", String),
            ref_id=FollowUp.id,
            actor_id=FollowUp.assignee_id,
            outcome=FollowUp.outcome,
        ),
        branch(
            DUPLICATE,
            DuplicateAttemptRepository,
            DuplicateAttempt.created_at,
            DuplicateAttempt.customer_id,
            kind=literal("duplicate_attempt", String),
            ref_id=DuplicateAttempt.id,
            actor_id=DuplicateAttempt.attempted_by_id,
            attempted_name=DuplicateAttempt.attempted_name,
        ),
        *(
            branch(s.rank, s.repository, s.at, s.customer, *s.where(caller), **s.columns())
            for s in sorted(_SOURCES, key=lambda s: s.rank)
        ),
    ).subquery("entries")
    c = entries.c
    names = [
        org.user_name_of(caller, getattr(c, f"{who}_id")).label(f"{who}_name")
        for who in ("actor", "from_user", "to_user", "on_behalf_of")
    ]
    return select(*c, *names).order_by(c.at.desc(), c.source.desc(), c.ref_id.desc()).limit(limit)


def _cursor_columns() -> list[Any]:
    return [FollowUp.created_at, literal(0, Integer), FollowUp.id]  # the types of (at, source, ref_id)


_OWNERSHIP_KINDS = {change.value: change for change in OwnershipChange}


async def timeline(reader: Reader, customer: Row, access: ProjectAccess, page: PageParams) -> dict[str, Any]:
    """A page of the customer's history, newest first: ownership, visits, calls, follow-ups and 撞单
    attempts (their owner and supervisors); `updated_since` keeps the entries after that time."""
    require_history(customer, access)
    values: dict[str, Any] = {"customer_id": customer.id, "now": now_utc(), "page_limit": page.limit + 1}
    if page.cursor:
        at, source, ref = decode_cursor(page.cursor, _cursor_columns())
        values.update(after_at=at, after_source=source, after_ref=ref)
    if page.updated_since is not None:
        values["since"] = page.updated_since
    statement = timeline_page(access.principal, after=bool(page.cursor), since=page.updated_since is not None)
    rows = await reader.rows(statement, values)
    cursor = None
    if len(rows) > page.limit:
        rows = rows[: page.limit]
        last = rows[-1]
        cursor = encode_cursor([last.at, last.source, last.ref_id])
    return {"customer_id": customer.id, "entries": [_entry(row) for row in rows], "next_cursor": cursor}


def _name(row: Row, who: str) -> str:
    found = row[f"{who}_name"] if row[f"{who}_id"] is not None else None
    return found if found is not None else "—"


def _ref(row: Row, who: str) -> dict[str, Any] | None:
    return user_ref(row[f"{who}_id"], row[f"{who}_name"])


def _entry(row: Row) -> dict[str, Any]:
    """The entry as the API shows it, worded in English for logs and integrations (`summary`)."""
    source, kind, notes = row["source"], row["kind"], row["notes"]
    noted = f": {notes}" if notes else ""
    entry: dict[str, Any] = {
        "at": row["at"],
        "kind": kind,
        "actor": _ref(row, "actor"),
        "summary": "",
        "ref_id": row["ref_id"],
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
    }
    if source == OWNERSHIP:
        change = _OWNERSHIP_KINDS[kind]
        if change is OwnershipChange.registered:
            summary = f"Registered by {_name(row, 'actor')}, owner {_name(row, 'to_user')}"
        elif change is OwnershipChange.reassigned:
            summary = f"Reassigned from {_name(row, 'from_user')} to {_name(row, 'to_user')}: {row['reason']}"
        elif change is OwnershipChange.claimed:
            summary = f"Claimed from the public pool by {_name(row, 'to_user')}"
        else:
            summary = f"Released to the public pool by {_name(row, 'actor')}"
        entry.update(
            summary=summary,
            from_user=_ref(row, "from_user"),
            to_user=_ref(row, "to_user"),
            reason=row["reason"],
        )
    elif source == PROTECTION:
        entry.update(
            summary=f"Protection of {_name(row, 'to_user')} ran out: back in the public pool",
            to_user=_ref(row, "to_user"),
            ref_id=None,
        )
    elif source == VISIT:
        behalf = f" for {_name(row, 'on_behalf_of')}" if row["on_behalf_of_id"] else ""
        entry.update(
            summary=f"{row['visit_kind'].capitalize()} visit, party of {row['party_size']}, received by "
            f"{_name(row, 'actor')}{behalf}" + noted,
            on_behalf_of=_ref(row, "on_behalf_of"),
            notes=notes,
            visit_kind=row["visit_kind"],
            party_size=row["party_size"],
        )
    elif source == CALL:
        entry.update(
            summary=f"{row['call_direction'].capitalize()} call" + noted,
            notes=notes,
            call_direction=row["call_direction"],
        )
    elif source == FOLLOW_UP:
        entry.update(
            summary=f"Follow-up planned for {row['due_at'].isoformat()}" + noted,
            notes=notes,
            due_at=row["due_at"],
        )
    elif source == FOLLOW_UP_DONE:
        entry.update(summary=f"Followed up: {row['outcome']}", outcome=row["outcome"])
    elif source > OWNERSHIP:  # another domain's entry (TimelineSource)
        status = f" ({row['outcome']})" if row["outcome"] else ""
        entry.update(
            summary=f"{kind.replace('_', ' ').capitalize()} by {_name(row, 'actor')}{noted}{status}",
            notes=notes,
            outcome=row["outcome"],
        )
    else:
        entry.update(
            summary=f"{_name(row, 'actor')} tried to register this phone as {row['attempted_name']} (撞单)",
            attempted_name=row["attempted_name"],
        )
    return entry
