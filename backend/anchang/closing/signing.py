"""Closing a day (site manager and up) and its countersignatures (finance, the developer's rep), each a
change of the close's row under its lock, audited by the row's history (core/audit.py)."""

from sqlalchemy.ext.asyncio import AsyncSession

from anchang.closing import policy
from anchang.closing.building import _now, refuse_change
from anchang.closing.errors import AlreadySigned, CloseImmutable, NotClosed
from anchang.closing.models import CloseStatus, DailyClose
from anchang.core.access import ProjectAccess


async def close_close(session: AsyncSession, access: ProjectAccess, close: DailyClose) -> DailyClose:
    """`open` → `closed`: the day's figures are final; 409 `already_closed` a second time."""
    refuse_change(close)
    close.status = CloseStatus.closed.value
    close.closed_at = await _now(session)
    close.closed_by = access.principal.user_id
    await session.flush()
    return close


async def countersign(session: AsyncSession, access: ProjectAccess, close: DailyClose) -> DailyClose:
    """The caller's signature (finance's or the developer rep's, by their role), once each; the second of
    the two makes the close `countersigned`, never to change again."""
    signature = policy.signature_of(access)
    assert signature is not None  # the route admits the signing roles only
    if close.status == CloseStatus.countersigned:
        raise CloseImmutable(f"The close of {close.day.isoformat()} is countersigned")
    if close.status != CloseStatus.closed:
        raise NotClosed(f"{close.day.isoformat()} is not closed yet")
    if getattr(close, f"{signature}_signed_at") is not None:
        raise AlreadySigned(f"{signature} has signed the close of {close.day.isoformat()} already")
    setattr(close, f"{signature}_signed_at", await _now(session))
    setattr(close, f"{signature}_signed_by", access.principal.user_id)
    if close.finance_signed_at is not None and close.developer_signed_at is not None:
        close.status = CloseStatus.countersigned.value
    await session.flush()
    return close
