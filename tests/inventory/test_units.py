"""Buildings and units over HTTP: who may do what, transitions with their 409s, and history."""

import uuid

from httpx import AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.audit import AuditEntry
from anchang.inventory.models import UnitHistory, UnitStatus
from tests.inventory.site import Site

S = UnitStatus


class TestBuildingsAndUnits:
    async def test_a_project_manager_adds_a_building_and_a_unit(
        self, client: AsyncClient, site: Site
    ) -> None:
        pm = site.headers["project_manager"]
        r = await client.post(f"/projects/{site.project.id}/buildings", json={"name": "2号楼"}, headers=pm)
        assert r.status_code == 201, r.text
        building = r.json()
        body = {
            "building_id": building["id"],
            "code": "2-1-0301",
            "floor": 3,
            "position": 1,
            "layout": "三室两厅",
            "gross_area": "120.50",
            "net_area": "98.00",
            "list_price": "3615000.00",
            "floor_price": "3434250.00",
            "orientation": "南北",
        }
        r = await client.post(f"/projects/{site.project.id}/units", json=body, headers=pm)
        assert r.status_code == 201, r.text
        unit = r.json()
        assert unit["status"] == "unreleased" and unit["unit_price"] == "30000.00"
        assert unit["floor_price"] == "3434250.00"
        again = await client.post(f"/projects/{site.project.id}/units", json=body, headers=pm)
        assert again.status_code == 409 and again.json()["code"] == "unit_code_taken"

    async def test_a_consultant_cannot_add_units_or_buildings(self, client: AsyncClient, site: Site) -> None:
        c = site.headers["consultant"]
        r = await client.post(f"/projects/{site.project.id}/buildings", json={"name": "9号楼"}, headers=c)
        assert r.status_code == 403

    async def test_net_area_above_gross_is_refused(self, client: AsyncClient, site: Site) -> None:
        body = {
            "building_id": str(site.building.id),
            "code": "X-1",
            "floor": 30,
            "position": 1,
            "gross_area": "80.00",
            "net_area": "90.00",
            "list_price": "1.00",
        }
        r = await client.post(f"/projects/{site.project.id}/units", json=body, headers=site.headers["admin"])
        assert r.status_code == 422

    async def test_money_and_areas_are_strings(self, client: AsyncClient, site: Site) -> None:
        body = {
            "building_id": str(site.building.id),
            "code": "X-2",
            "floor": 30,
            "position": 2,
            "gross_area": 80,
            "list_price": "1.00",
        }
        r = await client.post(f"/projects/{site.project.id}/units", json=body, headers=site.headers["admin"])
        assert r.status_code == 422

    async def test_filters(self, client: AsyncClient, site: Site) -> None:
        pm = site.headers["project_manager"]
        r = await client.get(f"/projects/{site.project.id}/units", params={"status": "available"}, headers=pm)
        assert {u["code"] for u in r.json()["items"]} == {
            u.code for u in site.units if u.status is S.available
        }
        r = await client.get(f"/projects/{site.project.id}/units", params={"floor": 11}, headers=pm)
        assert all(u["floor"] == 11 for u in r.json()["items"]) and len(r.json()["items"]) == 3

    async def test_patch_with_a_stale_etag_is_412(self, client: AsyncClient, site: Site) -> None:
        unit = site.units[0]
        pm = site.headers["project_manager"]
        r = await client.get(f"/units/{unit.id}", headers=pm)
        etag = r.headers["etag"]
        r = await client.patch(
            f"/units/{unit.id}", json={"layout": "两室两厅"}, headers={**pm, "If-Match": etag}
        )
        assert r.status_code == 200 and r.json()["layout"] == "两室两厅"
        r = await client.patch(f"/units/{unit.id}", json={"layout": "一室"}, headers={**pm, "If-Match": etag})
        assert r.status_code == 412

    async def test_prices_cannot_be_patched(self, client: AsyncClient, site: Site) -> None:
        r = await client.patch(
            f"/units/{site.units[0].id}", json={"list_price": "1.00"}, headers=site.headers["project_manager"]
        )
        assert r.status_code == 422


class TestHolds:
    async def test_a_site_manager_holds_and_unholds_with_history(
        self, client: AsyncClient, site: Site, session: AsyncSession
    ) -> None:
        unit = site.unit(S.available)
        sm = site.headers["site_manager"]
        r = await client.post(f"/units/{unit.id}/hold", json={"reason": "留给甲方领导"}, headers=sm)
        assert r.status_code == 200, r.text
        assert r.json()["status"] == "held" and r.json()["hold_reason"] == "留给甲方领导"
        r = await client.post(f"/units/{unit.id}/unhold", json={}, headers=sm)
        assert r.status_code == 200 and r.json()["status"] == "available"
        history = (await client.get(f"/units/{unit.id}/history", headers=sm)).json()["items"]
        assert [(h["from_status"], h["to_status"]) for h in history][-2:] == [
            ("available", "held"),
            ("held", "available"),
        ]
        assert history[-2]["actor_id"] == str(site.users["site_manager"].id)
        assert history[-2]["reason"] == "留给甲方领导" and history[-2]["actor_name"]
        audits = await session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.entity_id == unit.id, AuditEntry.action == "update")
        )
        assert audits == 2

    async def test_consultants_and_supervisors_cannot_hold(self, client: AsyncClient, site: Site) -> None:
        unit = site.unit(S.available)
        for role in ("consultant", "supervisor", "finance", "developer_rep"):
            r = await client.post(f"/units/{unit.id}/hold", json={"reason": "x"}, headers=site.headers[role])
            assert r.status_code == 403, role

    async def test_an_impossible_transition_is_a_409_naming_it(self, client: AsyncClient, site: Site) -> None:
        sold = site.unit(S.subscribed)
        r = await client.post(
            f"/units/{sold.id}/hold", json={"reason": "x"}, headers=site.headers["site_manager"]
        )
        assert r.status_code == 409
        problem = r.json()
        assert problem["code"] == "unit_transition_not_allowed"
        assert (problem["from_status"], problem["to_status"]) == ("subscribed", "held")
        r = await client.post(
            f"/units/{site.unit(S.available).id}/unhold", json={}, headers=site.headers["site_manager"]
        )
        assert r.status_code == 409 and r.json()["from_status"] == "available"

    async def test_a_held_unit_shows_to_consultants_as_sold(self, client: AsyncClient, site: Site) -> None:
        held = site.unit(S.held)
        consultant = (await client.get(f"/units/{held.id}", headers=site.headers["consultant"])).json()
        assert consultant["status"] == "subscribed" and "hold_reason" not in consultant
        manager = (await client.get(f"/units/{held.id}", headers=site.headers["site_manager"])).json()
        assert manager["status"] == "held"
        history = (await client.get(f"/units/{held.id}/history", headers=site.headers["consultant"])).json()
        assert "held" not in str(history)
        listed = await client.get(
            f"/projects/{site.project.id}/units",
            params={"status": "held"},
            headers=site.headers["consultant"],
        )
        assert listed.json()["items"] == []

    async def test_a_project_may_show_holds_to_consultants(
        self, client: AsyncClient, site: Site, session: AsyncSession
    ) -> None:
        site.project.settings = {"hide_holds_from_consultants": False}
        await session.flush()
        held = site.unit(S.held)
        consultant = (await client.get(f"/units/{held.id}", headers=site.headers["consultant"])).json()
        assert consultant["status"] == "held"


class TestReleases:
    async def test_release_and_withdraw(self, client: AsyncClient, site: Site, session: AsyncSession) -> None:
        pm = site.headers["project_manager"]
        unreleased = site.unit(S.unreleased)
        r = await client.post(
            f"/projects/{site.project.id}/releases",
            json={"unit_ids": [str(unreleased.id)], "name": "首次开盘"},
            headers=pm,
        )
        assert r.status_code == 201, r.text
        assert r.json()["unit_count"] == 1 and r.json()["kind"] == "release"
        assert (await client.get(f"/units/{unreleased.id}", headers=pm)).json()["status"] == "available"
        r = await client.post(
            f"/projects/{site.project.id}/withdrawals",
            json={"unit_ids": [str(unreleased.id), str(site.unit(S.held).id)]},
            headers=pm,
        )
        assert r.status_code == 201, r.text
        rows = (
            await session.execute(
                select(UnitHistory.from_status, UnitHistory.to_status, UnitHistory.source_type)
                .where(UnitHistory.unit_id == unreleased.id)
                .order_by(UnitHistory.created_at, UnitHistory.id)
            )
        ).all()
        assert [(a, b) for a, b, _ in rows][1:] == [(S.unreleased, S.available), (S.available, S.unreleased)]
        listed = (await client.get(f"/projects/{site.project.id}/releases", headers=pm)).json()["items"]
        assert sorted(x["kind"] for x in listed) == ["release", "withdrawal"]

    async def test_a_release_is_all_or_nothing(self, client: AsyncClient, site: Site) -> None:
        pm = site.headers["project_manager"]
        unreleased, sold = site.unit(S.unreleased), site.unit(S.subscribed)
        r = await client.post(
            f"/projects/{site.project.id}/releases",
            json={"unit_ids": [str(unreleased.id), str(sold.id)]},
            headers=pm,
        )
        assert r.status_code == 409 and r.json()["code"] == "unit_transition_not_allowed"
        assert sold.code in r.json()["detail"]
        assert (await client.get(f"/units/{unreleased.id}", headers=pm)).json()["status"] == "unreleased"

    async def test_a_whole_building_is_released(self, client: AsyncClient, site: Site) -> None:
        pm = site.headers["project_manager"]
        r = await client.post(
            f"/projects/{site.project.id}/releases", json={"building_id": str(site.building.id)}, headers=pm
        )
        assert r.status_code == 201 and r.json()["unit_count"] == 1

    async def test_consultants_cannot_release(self, client: AsyncClient, site: Site) -> None:
        r = await client.post(
            f"/projects/{site.project.id}/releases",
            json={"unit_ids": [str(site.units[0].id)]},
            headers=site.headers["consultant"],
        )
        assert r.status_code == 403

    async def test_unknown_units_are_named(self, client: AsyncClient, site: Site) -> None:
        ghost = uuid.uuid4()
        r = await client.post(
            f"/projects/{site.project.id}/releases",
            json={"unit_ids": [str(ghost)]},
            headers=site.headers["project_manager"],
        )
        assert r.status_code == 422 and str(ghost) in r.text


class TestAllowedActions:
    """A unit's `allowed_actions` follow the caller's role and the unit's status, as the server does."""

    async def test_a_consultant_may_reserve_an_available_unit_and_nothing_else(
        self, client: AsyncClient, site: Site
    ) -> None:
        c = site.headers["consultant"]
        available = (await client.get(f"/units/{site.unit(S.available).id}", headers=c)).json()
        assert available["allowed_actions"] == ["reserve"]
        held = (await client.get(f"/units/{site.unit(S.held).id}", headers=c)).json()
        assert held["allowed_actions"] == [] and held["status"] == "subscribed"

    async def test_a_site_manager_may_hold_an_available_unit_and_unhold_a_held_one(
        self, client: AsyncClient, site: Site
    ) -> None:
        sm = site.headers["site_manager"]
        available = (await client.get(f"/units/{site.unit(S.available).id}", headers=sm)).json()
        assert sorted(available["allowed_actions"]) == ["hold", "reserve"]
        held_id = site.unit(S.held).id
        held = (await client.get(f"/units/{held_id}", headers=sm)).json()
        assert held["allowed_actions"] == ["unhold"]
        # What the list shows is what the server accepts: holding a held unit is refused.
        r = await client.post(f"/units/{held_id}/hold", json={"reason": "again"}, headers=sm)
        assert r.status_code == 409 and r.json()["code"] == "unit_transition_not_allowed"
        r = await client.post(f"/units/{held_id}/unhold", json={"reason": "back on sale"}, headers=sm)
        assert r.status_code == 200, r.text
        assert sorted(r.json()["allowed_actions"]) == ["hold", "reserve"]

    async def test_a_project_manager_may_edit_and_lists_carry_the_actions(
        self, client: AsyncClient, site: Site
    ) -> None:
        pm = site.headers["project_manager"]
        items = (await client.get(f"/projects/{site.project.id}/units", headers=pm)).json()["items"]
        by_status = {u["status"]: u["allowed_actions"] for u in items}
        assert sorted(by_status["available"]) == ["edit", "hold", "reserve"]
        assert by_status["unreleased"] == ["edit"]
        c = site.headers["consultant"]
        r = await client.post(f"/units/{site.unit(S.held).id}/unhold", json={"reason": "x"}, headers=c)
        assert r.status_code == 403


def _shape(entry: dict[str, object]) -> dict[str, str]:
    """Each field of a history entry and the kind of its value (a uuid, a time, a word…)."""

    def kind(value: object) -> str:
        if value is None:
            return "null"
        text = str(value)
        try:
            uuid.UUID(text)
            return "uuid"
        except ValueError:
            pass
        return "time" if text[:4].isdigit() and "T" in text else type(value).__name__

    return {key: kind(value) for key, value in entry.items()}


class TestHiddenHoldsInHistory:
    async def test_a_hidden_hold_reads_like_a_sale_and_its_end_like_a_cancellation(
        self, client: AsyncClient, site: Site
    ) -> None:
        consultant, manager = site.headers["consultant2"], site.headers["site_manager"]
        sold, held = [u for u in site.units if u.status is S.available][:2]
        # A real sale and its cancellation, by another consultant.
        deal = await client.post(
            f"/projects/{site.project.id}/deals",
            json={
                "unit_id": str(sold.id),
                "customer_ids": [str(site.customers["consultant"])],
                "payment_method": "full",
                "discounts": [],
                "deposit": "50000.00",
            },
            headers=site.headers["consultant"],
        )
        assert deal.status_code == 201, deal.text
        r = await client.post(
            f"/deals/{deal.json()['id']}/cancel",
            json={"reason": "客户资金问题", "refund_amount": "0.00"},
            headers=manager,
        )
        assert r.status_code == 200 and r.json()["deal"]["status"] == "cancelled", r.text
        # A hold and its end, which consultants must not tell from the above.
        r = await client.post(f"/units/{held.id}/hold", json={"reason": "留给领导"}, headers=manager)
        assert r.status_code == 200, r.text
        r = await client.post(f"/units/{held.id}/unhold", json={"reason": "放出"}, headers=manager)
        assert r.status_code == 200, r.text

        sale = (await client.get(f"/units/{sold.id}/history", headers=consultant)).json()["items"]
        hold = (await client.get(f"/units/{held.id}/history", headers=consultant)).json()["items"]
        sale_steps = {(e["from_status"], e["to_status"]): e for e in sale}
        hold_steps = {(e["from_status"], e["to_status"]): e for e in hold}
        for step in [("available", "subscribed"), ("subscribed", "available")]:
            real, disguised = sale_steps[step], hold_steps[step]
            assert _shape(disguised) == _shape(real), step
            assert (disguised["source_type"], disguised["reason"][:14]) == (
                real["source_type"],
                real["reason"][:14],
            )
        # The hold's start and end name the same pretended deal, as a sale and its cancellation do.
        assert (
            hold_steps[("available", "subscribed")]["source_id"]
            == hold_steps[("subscribed", "available")]["source_id"]
        )
        assert "留给领导" not in str(hold) and "放出" not in str(hold) and "hold" not in str(hold)
        # Who may see holds sees the hold as it was.
        seen = (await client.get(f"/units/{held.id}/history", headers=manager)).json()["items"]
        assert [e["reason"] for e in seen if e["to_status"] == "held"] == ["留给领导"]
