"""Every record's update time is at or after its creation time, from the first write on."""

from datetime import datetime

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests import factories as f


class TestRecordTimes:
    async def test_a_new_and_an_updated_record_are_never_updated_before_they_were_created(
        self, client: AsyncClient, session: AsyncSession
    ):
        org = await f.create_organization(session)
        admin = await f.create_user(session, organization=org, is_admin=True)
        headers = f.auth_headers(admin)
        created = await client.post("/developers", json={"name": "万科"}, headers=headers)
        developer = created.json()
        assert created.status_code == 201
        assert _at(developer["updated_at"]) >= _at(developer["created_at"])

        changed = await client.patch(
            f"/developers/{developer['id']}",
            json={"name": "万科地产"},
            headers={**headers, "If-Match": created.headers["etag"]},
        )
        assert changed.status_code == 200
        assert _at(changed.json()["updated_at"]) > _at(developer["updated_at"])


def _at(value: str) -> datetime:
    return datetime.fromisoformat(value)
