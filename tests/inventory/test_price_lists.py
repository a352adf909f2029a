"""Price lists: versions, adjustments pending approval, who approves, and prices kept by taken units."""

from decimal import Decimal

from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.audit import AuditEntry
from anchang.inventory import pricing
from anchang.inventory.models import Unit, UnitStatus
from tests.inventory import factories as inv
from tests.inventory.site import Site

S = UnitStatus


async def _v1(site: Site, session: AsyncSession) -> None:
    await pricing.create_initial_version(
        session,
        organization_id=site.project.organization_id,
        project_id=site.project.id,
        description="首批价目表",
    )


async def _price(session: AsyncSession, unit: Unit) -> Decimal:
    value = await session.scalar(select(Unit.list_price).where(Unit.id == unit.id))
    assert value is not None
    return value


class TestAdjustments:
    async def test_an_increase_waits_for_a_project_manager_then_applies(
        self, client: AsyncClient, site: Site, session: AsyncSession
    ) -> None:
        await _v1(site, session)
        reserved = site.unit(S.available)
        await inv.create_reservation(session, unit=reserved, consultant=site.users["consultant"])
        sm = site.headers["site_manager"]
        body = {
            "description": "涨价 2%",
            "adjustment": {"kind": "percent", "value": "2.00", "building_id": str(site.building.id)},
        }
        r = await client.post(f"/projects/{site.project.id}/price-lists", json=body, headers=sm)
        assert r.status_code == 201, r.text
        version = r.json()
        assert version["status"] == "pending" and version["number"] == 2 and version["below_floor_count"] == 0
        unit = site.units[0]
        assert await _price(session, unit) == Decimal("3000000.00")  # nothing changes before approval

        approval = (
            await client.get(f"/approvals/{version['approval_id']}", headers=site.headers["project_manager"])
        ).json()
        assert approval["required_role"] == "project_manager" and approval["can_decide"] is True
        assert approval["summary"]["changed_count"] == 6
        # The proposer (a site manager) cannot approve it.
        r = await client.post(f"/approvals/{approval['id']}/approve", json={}, headers=sm)
        assert r.status_code == 403
        r = await client.post(
            f"/approvals/{approval['id']}/approve",
            json={"comment": "同意"},
            headers=site.headers["project_manager"],
        )
        assert r.status_code == 200, r.text
        assert r.json()["status"] == "approved"

        assert await _price(session, unit) == Decimal("3060000.00")
        # The bulk price change is audited per unit: who approved it, the price before and after.
        audit = await session.scalar(
            select(AuditEntry).where(
                AuditEntry.entity_id == unit.id,
                AuditEntry.entity_type == "units",
                AuditEntry.after["price_list_version"].as_integer() == 2,
            )
        )
        assert audit is not None and audit.actor_id == site.users["project_manager"].id
        assert audit.before == {"list_price": "3000000.00"}
        assert audit.after == {"list_price": "3060000.00", "price_list_version": 2}
        versions = (await client.get(f"/projects/{site.project.id}/price-lists", headers=sm)).json()["items"]
        assert [(v["number"], v["status"]) for v in versions] == [(1, "superseded"), (2, "active")]
        old_items = (await client.get(f"/price-lists/{versions[0]['id']}/items", headers=sm)).json()["items"]
        assert {i["list_price"] for i in old_items} == {"3000000.00"}  # the old version stays readable
        # The reserved unit keeps the price it was taken at.
        shown = (await client.get(f"/units/{reserved.id}", headers=site.headers["consultant"])).json()
        assert shown["price"] == "3000000.00" and shown["list_price"] == "3060000.00"

    async def test_below_floor_needs_the_developer_rep(
        self, client: AsyncClient, site: Site, session: AsyncSession
    ) -> None:
        await _v1(site, session)
        unit = site.units[1]
        body = {"adjustment": {"kind": "amount", "value": "-200000.00", "unit_ids": [str(unit.id)]}}
        r = await client.post(
            f"/projects/{site.project.id}/price-lists", json=body, headers=site.headers["project_manager"]
        )
        assert r.status_code == 201, r.text
        assert r.json()["below_floor_count"] == 1
        approval_id = r.json()["approval_id"]
        for role in ("project_manager", "admin", "site_manager"):
            denied = await client.post(
                f"/approvals/{approval_id}/approve", json={}, headers=site.headers[role]
            )
            assert denied.status_code == 403, role
        ok = await client.post(
            f"/approvals/{approval_id}/approve", json={}, headers=site.headers["developer_rep"]
        )
        assert ok.status_code == 200, ok.text
        assert await _price(session, unit) == Decimal("2800000.00")
        assert await _price(session, site.units[0]) == Decimal("3000000.00")

    async def test_a_rejected_version_changes_nothing(
        self, client: AsyncClient, site: Site, session: AsyncSession
    ) -> None:
        await _v1(site, session)
        body = {"adjustment": {"kind": "percent", "value": "-1.00"}}
        r = await client.post(
            f"/projects/{site.project.id}/price-lists", json=body, headers=site.headers["project_manager"]
        )
        approval_id = r.json()["approval_id"]
        no_comment = await client.post(
            f"/approvals/{approval_id}/reject", json={}, headers=site.headers["project_manager"]
        )
        assert no_comment.status_code == 422
        rejected = await client.post(
            f"/approvals/{approval_id}/reject",
            json={"comment": "时机不对"},
            headers=site.headers["project_manager"],
        )
        assert rejected.status_code == 200 and rejected.json()["decision_comment"] == "时机不对"
        version = (
            await client.get(f"/price-lists/{r.json()['id']}", headers=site.headers["project_manager"])
        ).json()
        assert version["status"] == "rejected"
        assert await _price(session, site.units[0]) == Decimal("3000000.00")
        twice = await client.post(
            f"/approvals/{approval_id}/approve", json={}, headers=site.headers["project_manager"]
        )
        assert twice.status_code == 409 and twice.json()["code"] == "approval_not_pending"

    async def test_an_outdated_version_cannot_be_approved(
        self, client: AsyncClient, site: Site, session: AsyncSession
    ) -> None:
        await _v1(site, session)
        pm = site.headers["project_manager"]
        body = {"adjustment": {"kind": "percent", "value": "1.00"}}
        a = (await client.post(f"/projects/{site.project.id}/price-lists", json=body, headers=pm)).json()
        b = (await client.post(f"/projects/{site.project.id}/price-lists", json=body, headers=pm)).json()
        assert (
            await client.post(f"/approvals/{a['approval_id']}/approve", json={}, headers=pm)
        ).status_code == 200
        r = await client.post(f"/approvals/{b['approval_id']}/approve", json={}, headers=pm)
        assert r.status_code == 409 and r.json()["code"] == "price_list_outdated"

    async def test_consultants_cannot_propose_and_see_no_floor_counts(
        self, client: AsyncClient, site: Site, session: AsyncSession
    ) -> None:
        await _v1(site, session)
        body = {"adjustment": {"kind": "percent", "value": "1.00"}}
        r = await client.post(
            f"/projects/{site.project.id}/price-lists", json=body, headers=site.headers["consultant"]
        )
        assert r.status_code == 403
        listed = await client.get(
            f"/projects/{site.project.id}/price-lists", headers=site.headers["consultant"]
        )
        assert listed.status_code == 200 and "below_floor" not in listed.text

    async def test_a_percentage_is_bounded(self, client: AsyncClient, site: Site) -> None:
        body = {"adjustment": {"kind": "percent", "value": "-95.00"}}
        r = await client.post(
            f"/projects/{site.project.id}/price-lists", json=body, headers=site.headers["project_manager"]
        )
        assert r.status_code == 422
