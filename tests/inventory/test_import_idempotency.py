"""An Idempotency-Key on the multipart import: the form is its body (it answered 500 "Stream consumed")."""

from httpx import AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.inventory.models import Unit
from tests.inventory.site import Site

CSV = (
    "building,entrance,floor,position,code,layout,gross_area,net_area,orientation,list_price\n"
    "9号楼,1,1,1,9-1-0101,三室两厅,120.50,98.20,南北,3615000.00\n"
)


def _file(text: str) -> dict[str, tuple[str, bytes, str]]:
    return {"file": ("units.csv", text.encode(), "text/csv")}


async def test_a_retried_import_is_replayed_and_another_file_under_the_same_key_refused(
    client: AsyncClient, site: Site, session: AsyncSession
) -> None:
    url = f"/projects/{site.project.id}/units/import"
    headers = {**site.headers["project_manager"], "Idempotency-Key": "import-2026-12-03"}
    first = await client.post(url, files=_file(CSV), headers=headers)
    assert first.status_code == 200, first.text
    again = await client.post(url, files=_file(CSV), headers=headers)
    assert again.status_code == 200 and again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    other = await client.post(url, files=_file(CSV.replace("3615000.00", "3700000.00")), headers=headers)
    assert other.status_code == 422 and other.json()["code"] == "idempotency_key_reused"
    created = await session.scalar(
        select(func.count())
        .select_from(Unit)
        .where(Unit.code == "9-1-0101", Unit.project_id == site.project.id)
    )
    assert created == 1
