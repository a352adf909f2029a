"""What an API key may call: scopes `<domain>:read|write`, and the scope each route needs.

A route's scope is derived here and nowhere else: its first tag names the domain (the tags are what
OpenAPI groups routes by, so a new route of a domain is covered by being tagged like its neighbours),
and the method says read (GET, HEAD) or write (anything else). A `write` scope grants `read` too.
Tags of routes meant for people (logging in, users, memberships, keys themselves, sign-offs) are
person-only: a key gets 403 `api_key_not_allowed` there. `tests/apikeys/test_scopes.py` proves every
route of the app maps to a scope or is person-only or anonymous.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

DOMAINS: Final = (
    "inventory",
    "customers",
    "reception",
    "deals",
    "complaints",
    "commission",
    "reports",
    "targets",
    "campaigns",
    "closing",
    "events",
    "webhooks",
)
"""The domains a key can be given scopes in."""

SCOPES: Final = frozenset(f"{domain}:{access}" for domain in DOMAINS for access in ("read", "write"))
"""Every scope a key may hold."""

PERSON_ONLY: Final = "person-only"
"""Routes only a person (an access token) may call."""

ANY_KEY: Final = "any-key"
"""Reads every key may make whatever its scopes (the projects it can see: where its work starts)."""

ANONYMOUS: Final = "anonymous"
"""Routes that take no token at all (health, the customers' public rating page)."""

# Each tag's domain. A tag that is not here fails the structure test, so adding one means choosing.
TAG_DOMAINS: Final[dict[str, str]] = {
    # inventory
    "board": "inventory",
    "buildings": "inventory",
    "inventory": "inventory",
    "inventory-settings": "inventory",
    "price-lists": "inventory",
    "releases": "inventory",
    "reservations": "inventory",
    "units": "inventory",
    # customers
    "customers": "customers",
    "calls": "customers",
    "follow-ups": "customers",
    "visits": "customers",
    "referrals": "customers",
    "brokers": "customers",
    # the rest, one tag each
    "reception": "reception",
    "deals": "deals",
    "complaints": "complaints",
    "commission": "commission",
    "agency-fee": "commission",
    "reports": "reports",
    "targets": "targets",
    "campaigns": "campaigns",
    "closing": "closing",
    "closes": "closing",
    "events": "events",
    "webhooks": "webhooks",
    # people only: logins, users and memberships, keys, developers (org admin), sign-offs by a person
    "auth": PERSON_ONLY,
    "users": PERSON_ONLY,
    "members": PERSON_ONLY,
    "api-keys": PERSON_ONLY,
    "developers": PERSON_ONLY,
    "approvals": PERSON_ONLY,
    # projects: any key reads the ones it can see; changing them is an admin's
    "projects": ANY_KEY,
    "health": ANONYMOUS,
}

READ_METHODS: Final = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True, slots=True)
class RouteScope:
    """What a key needs to call a route: a scope, or one of PERSON_ONLY, ANY_KEY, ANONYMOUS."""

    needs: str

    @property
    def scope(self) -> str | None:
        """The scope string (`deals:write`), or None when the route is not scope-governed."""
        return self.needs if ":" in self.needs else None


def route_scope(tags: Iterable[str], methods: Iterable[str], path: str = "") -> RouteScope | None:
    """The scope a route needs, from its first tag and its methods; None for an unknown tag."""
    first = next(iter(tags), None)
    if path.rstrip("/").endswith("/public") or "/public/" in path:
        return RouteScope(ANONYMOUS)
    domain = TAG_DOMAINS.get(first) if first is not None else None
    if domain is None:
        return None
    writes = not set(methods) <= READ_METHODS
    if domain == ANY_KEY:
        return RouteScope(PERSON_ONLY if writes else ANY_KEY)
    if domain in (PERSON_ONLY, ANONYMOUS):
        return RouteScope(domain)
    return RouteScope(f"{domain}:{'write' if writes else 'read'}")


def grants(held: frozenset[str], needed: str) -> bool:
    """Whether the scopes `held` allow `needed` (a write scope grants the read of its domain)."""
    if needed in held:
        return True
    domain, _, access = needed.partition(":")
    return access == "read" and f"{domain}:write" in held


def unknown_scopes(scopes: Iterable[str]) -> list[str]:
    """The ones of `scopes` that are not scopes."""
    return [s for s in scopes if s not in SCOPES]
