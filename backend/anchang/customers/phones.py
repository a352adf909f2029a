"""Chinese mobile numbers: one normal form per number, and the masked form others see. Pure functions."""

import re

_SEPARATORS = re.compile(r"[\s\-().]")
_MOBILE = re.compile(r"1[3-9]\d{9}")


class InvalidPhone(ValueError):
    pass


def normalize_phone(raw: str) -> str:
    """`+86 139-1234-5678`, `0086 13912345678`, `139 1234 5678` → `13912345678`; else InvalidPhone."""
    text = _SEPARATORS.sub("", raw.strip())
    if text.startswith("+86"):
        text = text[3:]
    elif text.startswith("0086"):
        text = text[4:]
    elif len(text) == 13 and text.startswith("86"):
        text = text[2:]
    if not _MOBILE.fullmatch(text):
        raise InvalidPhone("is not a Chinese mobile number (11 digits starting with 13–19, +86 optional)")
    return text


def mask_phone(phone: str) -> str:
    """`13912345678` → `139****5678`: what a colleague who does not own the customer sees."""
    if len(phone) < 8:
        return "*" * len(phone)
    return f"{phone[:3]}{'*' * (len(phone) - 7)}{phone[-4:]}"
