"""Who may change a roster entry: planners anyone's, a consultant only their own break."""

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.org.models import Organization
from anchang.reception.models import DutyStatus, RosterEntry
from tests import factories as f
from tests.customers import factories as cf
from tests.inventory.site import Site


async def _entry(session: AsyncSession, site: Site, who: str, position: int = 1) -> RosterEntry:
    return await cf.create_roster_entry(
        session, project=site.project, user=site.users[who], position=position, work_date=cf.today()
    )


class TestRosterEntry:
    async def test_a_consultant_takes_and_ends_their_own_break(
        self, client: AsyncClient, site: Site, session: AsyncSession
    ) -> None:
        entry = await _entry(session, site, "consultant")
        me = site.headers["consultant"]
        r = await client.patch(f"/roster-entries/{entry.id}", json={"status": "on_break"}, headers=me)
        assert r.status_code == 200 and r.json()["status"] == "on_break"
        assert r.headers["etag"] == f'"v{r.json()["version"]}"'
        r = await client.patch(f"/roster-entries/{entry.id}", json={"status": "on_duty"}, headers=me)
        assert r.status_code == 200 and r.json()["status"] == "on_duty"
        # An absence is the supervisor's to set…
        absent = await client.patch(f"/roster-entries/{entry.id}", json={"status": "absent"}, headers=me)
        assert absent.status_code == 403

    async def test_only_planners_mark_a_colleague_or_end_an_absence(
        self, client: AsyncClient, site: Site, session: AsyncSession
    ) -> None:
        colleague = await _entry(session, site, "consultant2")
        path = f"/roster-entries/{colleague.id}"
        refused = await client.patch(path, json={"status": "on_break"}, headers=site.headers["consultant"])
        assert refused.status_code == 403
        for role in ("finance", "developer_rep"):  # outside the sales line: refused by the route
            r = await client.patch(path, json={"status": "absent"}, headers=site.headers[role])
            assert r.status_code == 403, role
        marked = await client.patch(path, json={"status": "absent"}, headers=site.headers["supervisor"])
        assert marked.status_code == 200
        back = await client.patch(path, json={"status": "on_duty"}, headers=site.headers["consultant2"])
        assert back.status_code == 403
        # …and to end: the planner may.
        ended = await client.patch(path, json={"status": "on_duty"}, headers=site.headers["site_manager"])
        assert ended.status_code == 200 and ended.json()["status"] == DutyStatus.on_duty.value

    async def test_a_stale_version_and_another_projects_entry(
        self, client: AsyncClient, site: Site, session: AsyncSession
    ) -> None:
        entry = await _entry(session, site, "consultant")
        stale = await client.patch(
            f"/roster-entries/{entry.id}",
            json={"status": "on_break"},
            headers={**site.headers["supervisor"], "If-Match": f'"v{entry.version + 1}"'},
        )
        assert stale.status_code == 412
        org = await session.get(Organization, site.project.organization_id)
        assert org is not None
        other = await f.create_project(session, organization=org)
        _, outsider = await f.create_member(session, project=other, role=f.ProjectRole.supervisor)
        r = await client.patch(f"/roster-entries/{entry.id}", json={"status": "absent"}, headers=outsider)
        assert r.status_code == 404 and r.json()["code"] == "roster_entry_not_found"
