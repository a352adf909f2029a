"""The project's inventory settings (reservation length and limit, holds shown to consultants),
kept in this domain's keys of `projects.settings`."""

from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.access import ProjectAccess
from anchang.core.etag import check_version
from anchang.inventory.schemas import InventorySettingsUpdate, body_values
from anchang.inventory.settings import InventorySettings


def settings_of(access: ProjectAccess) -> InventorySettings:
    """The project's inventory settings, defaults filled in."""
    return InventorySettings.of(access.project.settings)


async def update_settings(
    session: AsyncSession, access: ProjectAccess, data: InventorySettingsUpdate, expected: int | None
) -> InventorySettings:
    """Change this domain's keys of `projects.settings`; the other domains' keys stay as they are."""
    project = access.project
    check_version(expected, project.version)
    changes = {k: v for k, v in body_values(data, only_set=True).items() if v is not None}
    project.settings = {**(project.settings or {}), **changes}
    await session.flush()  # audited: the project's settings before and after
    return InventorySettings.of(project.settings)
