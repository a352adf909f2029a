"""The approval module on its own: the inbox, who may read and decide, decisions audited and announced."""

from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.approvals import policy, service
from anchang.approvals.models import Approval
from anchang.core.audit import AuditEntry
from anchang.core.roles import ProjectRole
from tests.inventory import factories as inv
from tests.inventory.site import Site


class TestMayDecide:
    def test_the_sales_line_and_the_developer(self) -> None:
        R = ProjectRole
        assert service.may_decide is policy.may_decide  # other domains call it through the facade
        assert service.may_decide(R.project_manager, R.site_manager)
        assert service.may_decide(R.admin, R.project_manager)
        assert not service.may_decide(R.site_manager, R.project_manager)
        assert not service.may_decide(R.admin, R.developer_rep)
        assert service.may_decide(R.developer_rep, R.developer_rep)
        assert not service.may_decide(R.consultant, R.consultant)
        assert not service.may_decide(R.finance, R.supervisor)


class TestInbox:
    async def test_pending_requests_with_what_the_caller_may_do(
        self, client: AsyncClient, site: Site, session: AsyncSession
    ) -> None:
        a = await inv.create_approval(session, project=site.project, required_role=ProjectRole.site_manager)
        b = await inv.create_approval(session, project=site.project, required_role=ProjectRole.developer_rep)
        r = await client.get("/approvals", params={"status": "pending"}, headers=site.headers["site_manager"])
        items = {i["id"]: i for i in r.json()["items"]}
        assert items[str(a.id)]["can_decide"] is True and items[str(b.id)]["can_decide"] is False
        mine = await client.get("/approvals", headers=site.headers["consultant"])
        assert mine.json()["items"] == []

    async def test_the_inbox_names_who_asked_and_who_decided(
        self, client: AsyncClient, site: Site, session: AsyncSession
    ) -> None:
        asker, decider = site.users["consultant"], site.users["supervisor"]
        asker.full_name, decider.full_name = "置业顾问 小王", "销售主管 老李"
        await session.flush()
        approval = await inv.create_approval(
            session, project=site.project, requested_by=asker, required_role=ProjectRole.supervisor
        )
        listed = await client.get(
            "/approvals", params={"status": "pending"}, headers=site.headers["supervisor"]
        )
        shown = next(i for i in listed.json()["items"] if i["id"] == str(approval.id))
        assert shown["requested_by_name"] == "置业顾问 小王" and shown["decided_by_name"] is None
        decided = await client.post(
            f"/approvals/{approval.id}/approve", json={}, headers=site.headers["supervisor"]
        )
        assert decided.json()["decided_by_name"] == "销售主管 老李"

    async def test_a_decision_is_audited_and_handled(
        self, client: AsyncClient, site: Site, session: AsyncSession
    ) -> None:
        seen: list[str] = []

        async def on_decided(_: object, approval: Approval, __: object) -> None:
            seen.append(approval.status.value)

        service.register("test-kind", on_decided)
        approval = await inv.create_approval(
            session, project=site.project, kind="test-kind", required_role=ProjectRole.supervisor
        )
        r = await client.post(
            f"/approvals/{approval.id}/approve", json={"comment": "ok"}, headers=site.headers["supervisor"]
        )
        assert r.status_code == 200 and r.json()["decided_by"] == str(site.users["supervisor"].id)
        assert seen == ["approved"]
        audits = (
            await session.execute(
                select(AuditEntry.before, AuditEntry.after).where(
                    AuditEntry.entity_id == approval.id, AuditEntry.action == "update"
                )
            )
        ).all()
        assert audits and audits[0][0]["status"] == "pending" and audits[0][1]["status"] == "approved"

    async def test_a_consultant_cannot_decide(
        self, client: AsyncClient, site: Site, session: AsyncSession
    ) -> None:
        approval = await inv.create_approval(
            session,
            project=site.project,
            requested_by=site.users["consultant"],
            required_role=ProjectRole.supervisor,
        )
        r = await client.post(
            f"/approvals/{approval.id}/approve", json={}, headers=site.headers["consultant"]
        )
        assert r.status_code == 403
        assert (
            await client.get(f"/approvals/{approval.id}", headers=site.headers["consultant"])
        ).status_code == 200


class TestWhoReads:
    async def test_a_consultant_reads_only_the_requests_they_made(
        self, client: AsyncClient, site: Site, session: AsyncSession
    ) -> None:
        mine = await inv.create_approval(
            session,
            project=site.project,
            requested_by=site.users["consultant"],
            required_role=ProjectRole.supervisor,
        )
        colleagues = await inv.create_approval(
            session,
            project=site.project,
            requested_by=site.users["consultant2"],
            required_role=ProjectRole.supervisor,
        )
        me = site.headers["consultant"]
        listed = await client.get("/approvals", headers=me)
        assert [i["id"] for i in listed.json()["items"]] == [str(mine.id)]
        # What the inbox hides a read by id answers 404, exactly as a missing request; so does deciding it.
        r = await client.get(f"/approvals/{colleagues.id}", headers=me)
        assert r.status_code == 404 and r.json()["code"] == "approval_not_found"
        decided = await client.post(f"/approvals/{colleagues.id}/approve", json={}, headers=me)
        assert decided.status_code == 404
        assert (await client.get(f"/approvals/{mine.id}", headers=me)).status_code == 200
        # Every other role reads every request of the project.
        for role in ("supervisor", "finance", "developer_rep", "admin"):
            seen = await client.get(f"/approvals/{colleagues.id}", headers=site.headers[role])
            assert seen.status_code == 200, role


class TestAllowedActions:
    async def test_the_decider_may_approve_or_reject_a_pending_request_and_the_asker_nothing(
        self, client: AsyncClient, site: Site, session: AsyncSession
    ) -> None:
        approval = await inv.create_approval(
            session,
            project=site.project,
            requested_by=site.users["consultant"],
            required_role=ProjectRole.supervisor,
        )
        path = f"/approvals/{approval.id}"
        asker = (await client.get(path, headers=site.headers["consultant"])).json()
        assert asker["allowed_actions"] == [] and asker["can_decide"] is False
        decider = (await client.get(path, headers=site.headers["supervisor"])).json()
        assert decider["allowed_actions"] == ["approve", "reject"] and decider["can_decide"] is True
        # Outside the sales line a role decides only what asks for it.
        finance = (await client.get(path, headers=site.headers["finance"])).json()
        assert finance["allowed_actions"] == []
        listed = await client.get("/approvals", headers=site.headers["supervisor"])
        assert next(i for i in listed.json()["items"] if i["id"] == str(approval.id))["allowed_actions"] == [
            "approve",
            "reject",
        ]
        decided = await client.post(f"{path}/approve", json={}, headers=site.headers["supervisor"])
        assert decided.status_code == 200 and decided.json()["allowed_actions"] == []
        assert (await client.get(path, headers=site.headers["supervisor"])).json()["allowed_actions"] == []

    async def test_a_role_below_the_required_one_may_not_decide(
        self, client: AsyncClient, site: Site, session: AsyncSession
    ) -> None:
        approval = await inv.create_approval(
            session, project=site.project, required_role=ProjectRole.project_manager
        )
        shown = (await client.get(f"/approvals/{approval.id}", headers=site.headers["supervisor"])).json()
        assert shown["allowed_actions"] == []
        r = await client.post(
            f"/approvals/{approval.id}/approve", json={}, headers=site.headers["supervisor"]
        )
        assert r.status_code == 403
