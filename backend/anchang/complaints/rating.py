"""The customer's own rating (客户满意度回访): a one-time link to a public, phone-sized page.

The link's token is unguessable (32 random bytes) and only its SHA-256 is kept; it is valid for the
project's `complaint_rating_link_days` (14 by default) and takes one rating. The public page shows the
complaint's title and resolution and nothing else of the project."""

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.complaints import schemas
from anchang.complaints.errors import AlreadyRated, ComplaintStatusConflict
from anchang.complaints.ladder import action_row, now_utc
from anchang.complaints.models import Complaint, ComplaintStatus, SatisfactionSource
from anchang.complaints.policy import complaint_actions
from anchang.complaints.settings import ComplaintSettings
from anchang.core.access import ProjectAccess
from anchang.core.errors import Forbidden, NotFound

PUBLIC_PAGE = "/rate/"  # the SPA's route of the public rating page


class RatingLinkNotFound(NotFound):
    code = "rating_link_not_found"


class RatingLinkExpired(NotFound):
    status, code, title = 410, "rating_link_expired", "This rating link has expired"


class RatingLinkUsed(AlreadyRated):
    code, title = "rating_link_used", "This rating link has already been used"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def make_rating_link(
    session: AsyncSession, complaint: Complaint, access: ProjectAccess
) -> schemas.RatingLink:
    """A new link for a resolved customer complaint not yet rated; any earlier link stops working."""
    locked = await session.scalar(
        select(Complaint)
        .where(Complaint.id == complaint.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    assert locked is not None
    at = now_utc()
    settings = ComplaintSettings.of(access.project.settings)
    if "rating_link" not in complaint_actions(
        locked, access.role, access.principal.user_id, at, settings.reopen_days
    ):
        if locked.satisfaction is not None:
            raise AlreadyRated("The complaint already has its satisfaction")
        if locked.status is not ComplaintStatus.resolved:
            raise ComplaintStatusConflict("A rating link is made once the complaint is resolved")
        raise Forbidden("Only its assignee or someone at its level or above may do this")
    token = secrets.token_urlsafe(32)
    locked.rating_token_hash = _hash(token)
    locked.rating_expires_at = at + timedelta(days=settings.rating_link_days)
    session.add(
        action_row(
            locked,
            "rating_link",
            actor_id=access.principal.user_id,
            at=at,
            data={"expires_at": locked.rating_expires_at.isoformat()},
        )
    )
    await session.flush()
    return schemas.RatingLink(token=token, path=PUBLIC_PAGE + token, expires_at=locked.rating_expires_at)


async def _by_token(session: AsyncSession, token: str, *, for_update: bool = False) -> Complaint:
    statement = select(Complaint).where(Complaint.rating_token_hash == _hash(token))
    if for_update:
        statement = statement.with_for_update()
    complaint = await session.scalar(statement)
    if complaint is None:
        raise RatingLinkNotFound("This link is not valid: ask the sales office for a new one")
    return complaint


async def public_view(session: AsyncSession, token: str) -> schemas.PublicRating:
    """What the public page shows: the title, the resolution, and whether the link still takes a rating."""
    complaint = await _by_token(session, token)
    state = "open"
    if complaint.satisfaction is not None:
        state = "used"
    elif complaint.rating_expires_at is None or complaint.rating_expires_at < now_utc():
        state = "expired"
    return schemas.PublicRating(title=complaint.title, resolution=complaint.resolution, state=state)


async def rate(session: AsyncSession, token: str, body: schemas.RatingRequest) -> schemas.PublicRating:
    """Take the customer's one rating; a used link answers 409, an expired one 410."""
    complaint = await _by_token(session, token, for_update=True)
    if complaint.satisfaction is not None:
        raise RatingLinkUsed("Thank you: this complaint has already been rated")
    at = now_utc()
    if complaint.rating_expires_at is None or complaint.rating_expires_at < at:
        raise RatingLinkExpired("This link has expired: ask the sales office for a new one")
    complaint.satisfaction = body.score
    complaint.satisfaction_comment = body.comment
    complaint.satisfaction_source = SatisfactionSource.customer
    session.add(
        action_row(
            complaint, "rated", actor_id=None, at=at, comment=body.comment, data={"satisfaction": body.score}
        )
    )
    await session.flush()
    return schemas.PublicRating(title=complaint.title, resolution=complaint.resolution, state="used")
