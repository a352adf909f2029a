"""ETags from a record's version, and the `If-Match` check that turns a lost update into a 412."""

from typing import Annotated

from fastapi import Header, Response

from anchang.core.errors import PreconditionFailed, ValidationFailed


def etag_for(version: int) -> str:
    return f'"v{version}"'


def set_etag(response: Response, version: int) -> None:
    response.headers["ETag"] = etag_for(version)


def expected_version(if_match: str | None) -> int | None:
    """The version an `If-Match` header names; None when absent or `*`."""
    if if_match is None or if_match.strip() == "*":
        return None
    tag = if_match.strip().removeprefix("W/")
    if not (tag.startswith('"v') and tag.endswith('"') and tag[2:-1].isdigit()):
        raise ValidationFailed({"If-Match": 'must be an ETag this API gave out, such as "v3"'})
    return int(tag[2:-1])


def check_version(expected: int | None, actual: int) -> None:
    if expected is not None and expected != actual:
        raise PreconditionFailed(
            f"The resource has changed (now {etag_for(actual)}); fetch it again and retry",
            current_etag=etag_for(actual),
        )


IfMatch = Annotated[
    str | None, Header(alias="If-Match", description="ETag from a previous GET; 412 if stale")
]
