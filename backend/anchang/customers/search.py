"""The search index without extensions: grams of a customer's name and phone. Pure functions.

A customer is indexed by every 1-, 2- and 3-character piece of their lower-cased name (`n:` grams) and
every 3-digit piece of their phone (`p:` grams). A query is answered by the customers having all of
the query's grams (a posting-list intersection on a btree index), rechecked with LIKE — what pg_trgm
does, on any PostgreSQL.
"""

import re
from dataclasses import dataclass

MAX_NAME_GRAM = 3
PHONE_GRAM = 3
_NOT_DIGIT = re.compile(r"[\s\-+()]")


def name_grams(name: str) -> set[str]:
    text = name.strip().lower()
    out: set[str] = set()
    for size in range(1, MAX_NAME_GRAM + 1):
        for i in range(len(text) - size + 1):
            piece = text[i : i + size]
            if not piece.isspace():
                out.add("n:" + piece)
    return out


def phone_grams(phone: str) -> set[str]:
    return {"p:" + phone[i : i + PHONE_GRAM] for i in range(len(phone) - PHONE_GRAM + 1)}


def customer_grams(name: str, phone: str) -> set[str]:
    return name_grams(name) | phone_grams(phone)


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """What to look up (`grams`, all of which must match) and what to recheck (`field` LIKE `%text%`)."""

    field: str  # "name" or "phone"
    text: str
    grams: frozenset[str]


class QueryTooShort(ValueError):
    pass


def parse_query(q: str) -> SearchQuery:
    text = q.strip()
    digits = _NOT_DIGIT.sub("", text)
    if digits and digits.isdigit():
        if len(digits) < PHONE_GRAM:
            raise QueryTooShort(f"give at least {PHONE_GRAM} digits to search by phone")
        return SearchQuery("phone", digits, frozenset(phone_grams(digits)))
    lowered = text.lower()
    if not lowered:
        raise QueryTooShort("give a name or at least 3 digits of a phone")
    size = min(MAX_NAME_GRAM, len(lowered))
    grams = {"n:" + lowered[i : i + size] for i in range(len(lowered) - size + 1)}
    grams = {g for g in grams if not g[2:].isspace()}
    return SearchQuery("name", lowered, frozenset(grams))
