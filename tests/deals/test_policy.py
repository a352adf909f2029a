"""Who reads and does what with deals: the row rule (a consultant's own deals, every deal for the roles
above), `allowed_actions` by role and status, and the buyers a seller may name (issue #10 item 1)."""

import subprocess
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.access import ProjectAccess
from anchang.core.roles import ProjectRole
from anchang.customers.models import Customer
from anchang.deals.models import Deal, DealStatus, MortgageStage, PaymentMethod
from anchang.deals.policy import deal_actions
from anchang.inventory.models import Unit, UnitStatus
from tests.customers import factories as cf
from tests.deals import factories as df
from tests.deals.conftest import Office

SELLING = ["cancel", "change_unit", "change_buyers", "edit_schedule"]
MONEY = ["record_payment", "add_collection_note", "start_mortgage"]


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _body(office: Office, customers: list[Customer], unit: int = 0) -> dict[str, Any]:
    return {
        "unit_id": str(office.units[unit].id),
        "customer_ids": [str(c.id) for c in customers],
        "payment_method": "mortgage_commercial",
        "deposit": "50000.00",
    }


async def _colleagues_customer(session: AsyncSession, office: Office, **extra: Any) -> Customer:
    return await cf.create_customer(
        session, project=office.project, owner=office.users["consultant2"], name="钱先生", **extra
    )


class TestRowRule:
    async def test_a_colleagues_deal_is_404_on_every_route_and_the_roles_above_read_it(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        deal = await df.create_deal(
            session,
            unit=office.units[0],
            customers=[office.customers[0]],
            consultant=office.users["consultant"],
        )
        payment = await df.create_payment(session, deal=deal, amount=deal.deposit)
        other = office.h("consultant2")
        for path in ("", "/timeline", "/schedule", "/payments", "/collection-notes", "/mortgage"):
            r = await client.get(f"/deals/{deal.id}{path}", headers=other)
            assert r.status_code == 404 and r.json()["code"] == "deal_not_found", path
        writes = {
            "/contract": {"contract_number": "HT-X", "signed_on": "2026-11-25"},
            "/cancel": {"reason": "x", "refund_amount": "0.00"},
            "/payments": {"amount": "1.00", "method": "cash", "paid_at": "2026-11-25T10:00:00+08:00"},
            "/collection-notes": {"note": "x"},
        }
        for path, body in writes.items():
            r = await client.post(f"/deals/{deal.id}{path}", json=body, headers=other)
            assert r.status_code == 404, path
        r = await client.post(f"/payments/{payment.id}/reverse", json={"reason": "x"}, headers=other)
        assert r.status_code == 404 and r.json()["code"] == "payment_not_found"
        for who in (
            "consultant",
            "supervisor",
            "site_manager",
            "project_manager",
            "finance",
            "developer_rep",
        ):
            assert (await client.get(f"/deals/{deal.id}", headers=office.h(who))).status_code == 200, who
        # A developer rep reads every deal but sells nothing.
        r = await client.post(
            f"/deals/{deal.id}/contract", json=writes["/contract"], headers=office.h("developer_rep")
        )
        assert r.status_code == 403

    async def test_the_list_shows_what_a_read_by_id_allows(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        mine = await df.create_deal(
            session,
            unit=office.units[0],
            customers=[office.customers[0]],
            consultant=office.users["consultant"],
        )
        theirs = await df.create_deal(
            session,
            unit=office.units[1],
            customers=[await _colleagues_customer(session, office)],
            consultant=office.users["consultant2"],
        )
        expected = {
            "consultant": {mine.id},
            "consultant2": {theirs.id},
            "supervisor": {mine.id, theirs.id},
            "finance": {mine.id, theirs.id},
            "developer_rep": {mine.id, theirs.id},
            "admin": {mine.id, theirs.id},
        }
        for who, ids in expected.items():
            listed = (await client.get(f"{office.base}/deals", headers=office.h(who))).json()["items"]
            assert {d["id"] for d in listed} == {str(i) for i in ids}, who
            for deal in (mine, theirs):
                r = await client.get(f"/deals/{deal.id}", headers=office.h(who))
                assert r.status_code == (200 if deal.id in ids else 404), who


class TestAllowedActions:
    async def test_by_role_and_status(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        deal = await df.create_deal(
            session,
            unit=office.units[0],
            customers=[office.customers[0]],
            consultant=office.users["consultant"],
        )

        async def actions(who: str) -> list[str]:
            shown = (await client.get(f"/deals/{deal.id}", headers=office.h(who))).json()
            return list(shown["allowed_actions"])

        assert await actions("consultant") == ["contract", *SELLING, *MONEY]
        assert await actions("supervisor") == [
            "contract",
            *SELLING,
            "record_payment",
            "reverse_payment",
            *MONEY[1:],
        ]
        assert await actions("finance") == ["record_payment", "reverse_payment", *MONEY[1:]]
        assert await actions("developer_rep") == []
        # The list says the same.
        listed = (await client.get(f"{office.base}/deals", headers=office.h("consultant"))).json()["items"]
        assert listed[0]["allowed_actions"] == await actions("consultant")

        r = await client.post(
            f"/deals/{deal.id}/contract",
            json={"contract_number": "HT-1", "signed_on": "2026-11-25"},
            headers=office.h("consultant"),
        )
        assert r.json()["allowed_actions"] == ["handover", *SELLING, *MONEY]
        # A consultant's cancellation waits for a site manager: meanwhile only money and the mortgage move.
        r = await client.post(
            f"/deals/{deal.id}/cancel",
            json={"reason": "x", "refund_amount": "0.00"},
            headers=office.h("consultant"),
        )
        assert r.json()["operation"]["status"] == "pending"
        assert r.json()["deal"]["allowed_actions"] == MONEY
        assert await actions("supervisor") == ["record_payment", "reverse_payment", *MONEY[1:]]
        approval_id = r.json()["operation"]["approval_id"]
        # What the deal does not offer, the server refuses.
        r = await client.post(f"/deals/{deal.id}/handover", json={}, headers=office.h("consultant"))
        assert r.status_code == 409 and r.json()["code"] == "operation_pending"

        r = await client.post(f"/approvals/{approval_id}/approve", json={}, headers=office.h("site_manager"))
        assert r.status_code == 200, r.text
        assert await actions("consultant") == ["add_collection_note"]
        assert await actions("supervisor") == ["add_collection_note"]
        r = await client.post(
            f"/deals/{deal.id}/payments",
            json={"amount": "1.00", "method": "cash", "paid_at": "2026-11-25T10:00:00+08:00"},
            headers=office.h("supervisor"),
        )
        assert r.status_code == 409 and r.json()["code"] == "deal_status_conflict"

    def test_the_mortgage_actions_follow_its_stage(self) -> None:
        deal = cast(
            Deal,
            SimpleNamespace(status=DealStatus.contracted, payment_method=PaymentMethod.mortgage_commercial),
        )
        finance = cast(
            ProjectAccess,
            SimpleNamespace(role=ProjectRole.finance, allows=lambda r: ProjectRole.finance in r),
        )
        consultant = cast(
            ProjectAccess,
            SimpleNamespace(role=ProjectRole.consultant, allows=lambda r: ProjectRole.consultant in r),
        )
        assert "start_mortgage" in deal_actions(deal, finance, pending=False, mortgage=None)
        started = deal_actions(deal, finance, pending=False, mortgage=MortgageStage.submitted)
        assert "start_mortgage" not in started and "advance_mortgage" in started
        assert "advance_mortgage" not in deal_actions(
            deal, finance, pending=False, mortgage=MortgageStage.disbursed
        )
        assert "handover" in deal_actions(deal, consultant, pending=False, mortgage=None)
        assert "handover" not in deal_actions(deal, consultant, pending=True, mortgage=None)
        paid_in_full = cast(
            Deal, SimpleNamespace(status=DealStatus.subscribed, payment_method=PaymentMethod.full)
        )
        assert "start_mortgage" not in deal_actions(paid_in_full, consultant, pending=False, mortgage=None)


class TestBuyers:
    async def test_a_colleagues_protected_customer_is_no_second_buyer(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        theirs = await _colleagues_customer(session, office)
        r = await client.post(
            f"{office.base}/deals",
            json=_body(office, [office.customers[0], theirs]),
            headers=office.h("consultant"),
        )
        assert r.status_code == 409 and r.json()["code"] == "customer_owned_by_other"
        # Nothing secret: neither the owner nor the protection's end.
        assert "owner" not in r.json() and "protected_until" not in r.json()
        assert office.users["consultant2"].full_name not in r.text
        unit = await session.get(Unit, office.units[0].id, populate_existing=True)
        assert unit is not None and unit.status is UnitStatus.available
        pooled = await cf.create_customer(session, project=office.project, owner=None, name="孙女士")
        r = await client.post(
            f"{office.base}/deals",
            json=_body(office, [office.customers[0], pooled]),
            headers=office.h("consultant"),
        )
        assert r.status_code == 403 and r.json()["code"] == "customer_not_yours"
        # A supervisor writes the deal for whoever's customers they are.
        r = await client.post(
            f"{office.base}/deals",
            json=_body(office, [office.customers[0], theirs]),
            headers=office.h("supervisor"),
        )
        assert r.status_code == 201, r.text

    async def test_nor_added_at_a_change_of_buyers(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        theirs = await _colleagues_customer(session, office)
        deal = (
            await client.post(
                f"{office.base}/deals",
                json=_body(office, [office.customers[0]]),
                headers=office.h("consultant"),
            )
        ).json()
        r = await client.post(
            f"/deals/{deal['id']}/change-buyers",
            json={"customer_ids": [str(office.customers[0].id), str(theirs.id)], "reason": "加名"},
            headers=office.h("consultant"),
        )
        assert r.status_code == 409 and r.json()["code"] == "customer_owned_by_other"
        r = await client.post(
            f"/deals/{deal['id']}/change-buyers",
            json={
                "customer_ids": [str(office.customers[0].id), str(office.customers[1].id)],
                "reason": "加名",
            },
            headers=office.h("consultant"),
        )
        assert r.status_code == 200 and r.json()["operation"]["status"] == "pending"

    async def test_the_agreement_masks_a_phone_the_api_masks(
        self, client: AsyncClient, office: Office, session: AsyncSession, tmp_path: Path
    ) -> None:
        # A deal from before the buyers were checked: its second buyer is consultant2's customer.
        theirs = await _colleagues_customer(session, office, phone="13912345678")
        own = await cf.create_customer(
            session,
            project=office.project,
            owner=office.users["consultant"],
            name="周女士",
            phone="13800001111",
        )
        deal = await df.create_deal(
            session, unit=office.units[0], customers=[own, theirs], consultant=office.users["consultant"]
        )

        async def text(who: str) -> str:
            r = await client.get(f"/deals/{deal.id}/subscription.pdf", headers=office.h(who))
            assert r.status_code == 200
            path = tmp_path / f"{who}.pdf"
            path.write_bytes(r.content)
            return _pdf_text(path)

        shown = await text("consultant")
        assert "13800001111" in shown  # their own customer, in full
        assert "13912345678" not in shown and "139****5678" in shown  # masked, as the API shows it
        assert "13912345678" in await text("supervisor")
