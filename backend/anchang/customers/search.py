"""The search index without extensions: grams of a customer's name and phone. Pure functions.

A customer is indexed by every 1-, 2- and 3-character piece of their lower-cased name (`n:` grams) and
every 3-digit piece of their phone (`p:` grams). A query is answered by the customers having all of
the query's grams (at most four, spread over the query), rechecked with LIKE — what pg_trgm does, on
any PostgreSQL. One EXISTS per gram lets the planner either intersect the grams' posting lists (rare
grams) or walk the customers in list order probing the grams' primary key (a common surname).
"""

import re
from dataclasses import dataclass

MAX_NAME_GRAM = 3
PHONE_GRAM = 3
MAX_QUERY_GRAMS = 4
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
    grams: tuple[str, ...]


class QueryTooShort(ValueError):
    pass


def parse_query(q: str) -> SearchQuery:
    text = q.strip()
    digits = _NOT_DIGIT.sub("", text)
    if digits and digits.isdigit():
        if len(digits) < PHONE_GRAM:
            raise QueryTooShort(f"give at least {PHONE_GRAM} digits to search by phone")
        pieces = [digits[i : i + PHONE_GRAM] for i in range(len(digits) - PHONE_GRAM + 1)]
        return SearchQuery("phone", digits, _spread("p:", pieces))
    lowered = text.lower()
    if not lowered:
        raise QueryTooShort("give a name or at least 3 digits of a phone")
    size = min(MAX_NAME_GRAM, len(lowered))
    pieces = [lowered[i : i + size] for i in range(len(lowered) - size + 1)]
    return SearchQuery("name", lowered, _spread("n:", [p for p in pieces if not p.isspace()]))


def _spread(prefix: str, pieces: list[str]) -> tuple[str, ...]:
    """Distinct grams in query order, at most MAX_QUERY_GRAMS of them spread from first to last."""
    unique = list(dict.fromkeys(pieces))
    if len(unique) > MAX_QUERY_GRAMS:
        last = len(unique) - 1
        unique = [unique[round(i * last / (MAX_QUERY_GRAMS - 1))] for i in range(MAX_QUERY_GRAMS)]
    return tuple(prefix + p for p in unique)
