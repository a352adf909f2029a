"""The project's complaint rules as a manager reads and changes them (`/settings/complaints`), kept in
this domain's keys of `projects.settings`. A change applies from then on: the deadlines of a level
already reached stay as they were computed."""

from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from anchang.complaints import schemas
from anchang.complaints.settings import REMEDY_LADDER, ComplaintSettings
from anchang.core.access import ProjectAccess
from anchang.core.errors import ValidationFailed
from anchang.core.etag import check_version


def settings_view(settings: ComplaintSettings) -> dict[str, Any]:
    """The settings as the API shows them (defaults filled in)."""
    return {
        "deadlines": {
            severity.value: {
                "acknowledge_minutes": int(d.acknowledge.total_seconds() // 60),
                "resolve_minutes": int(d.resolve.total_seconds() // 60),
            }
            for severity, d in settings.deadlines.items()
        },
        "remedy_authority": {role.value: f"{settings.authority(role):.2f}" for role in REMEDY_LADDER},
        "reopen_days": settings.reopen_days,
        "rating_link_days": settings.rating_link_days,
    }


async def update_settings(
    session: AsyncSession, access: ProjectAccess, data: schemas.ComplaintSettingsUpdate, expected: int | None
) -> ComplaintSettings:
    """Change the complaint keys of `projects.settings` (audited with the project); 422 naming the field
    when a deadline to resolve comes before the one to acknowledge, or authorities do not rise."""
    project = access.project
    check_version(expected, project.version)
    current = settings_view(ComplaintSettings.of(project.settings))
    changes: dict[str, Any] = {}
    if data.deadlines is not None:
        deadlines = {**current["deadlines"], **{s.value: d.model_dump() for s, d in data.deadlines.items()}}
        for severity, d in deadlines.items():
            if d["resolve_minutes"] < d["acknowledge_minutes"]:
                raise ValidationFailed(
                    {f"deadlines.{severity}.resolve_minutes": "must not be shorter than acknowledge_minutes"}
                )
        changes["complaint_deadlines"] = deadlines
    if data.remedy_authority is not None:
        given = {
            role.value: amount
            for role in REMEDY_LADDER
            if (amount := getattr(data.remedy_authority, role.value)) is not None
        }
        authority = {**current["remedy_authority"], **{k: f"{v:.2f}" for k, v in given.items()}}
        ladder = [Decimal(authority[role.value]) for role in REMEDY_LADDER]
        if ladder != sorted(ladder):
            raise ValidationFailed({"remedy_authority": "must not fall from supervisor to project manager"})
        changes["complaint_remedy_authority"] = authority
    if data.reopen_days is not None:
        changes["complaint_reopen_days"] = data.reopen_days
    if data.rating_link_days is not None:
        changes["complaint_rating_link_days"] = data.rating_link_days
    project.settings = {**(project.settings or {}), **changes}
    await session.flush()  # audited: the project's settings before and after
    return ComplaintSettings.of(project.settings)
