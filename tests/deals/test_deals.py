"""Deals through the API: subscription, discounts and approvals, lifecycle, payments, receivables,
mortgage."""

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.audit import AuditEntry
from anchang.core.calendar import DEFAULT_ZONE, local_today
from anchang.customers.models import Customer, Stage
from anchang.deals.models import DealStatus, ScheduleLine
from anchang.inventory.models import Reservation, ReservationStatus, Unit, UnitHistory, UnitStatus
from tests.deals import factories as df
from tests.deals.conftest import Office
from tests.inventory import factories as inv


def _body(office: Office, unit: int = 0, **extra: Any) -> dict[str, Any]:
    return {
        "unit_id": str(office.units[unit].id),
        "customer_ids": [str(office.customers[0].id)],
        "payment_method": "mortgage_commercial",
        "discounts": [],
        "deposit": "50000.00",
        **extra,
    }


async def _subscribe(
    client: AsyncClient, office: Office, who: str = "consultant", **extra: Any
) -> dict[str, Any]:
    r = await client.post(f"{office.base}/deals", json=_body(office, **extra), headers=office.h(who))
    assert r.status_code == 201, r.text
    return dict(r.json())


async def _unit(session: AsyncSession, unit: Unit) -> Unit:
    stored = await session.scalar(
        select(Unit).where(Unit.id == unit.id).execution_options(populate_existing=True)
    )
    assert stored is not None
    return stored


async def _pay(
    client: AsyncClient, office: Office, deal_id: str, amount: str, who: str = "consultant", **h: str
) -> Any:
    return await client.post(
        f"/deals/{deal_id}/payments",
        json={
            "amount": amount,
            "method": "transfer",
            "paid_at": "2026-11-25T10:00:00+08:00",
            "reference": "T1",
        },
        headers={**office.h(who), **h},
    )


class TestSubscription:
    async def test_a_consultant_subscribes_and_the_unit_is_taken(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        deal = await _subscribe(client, office)
        assert deal["status"] == "subscribed"
        # 1,000,000.00 less the commercial-mortgage standard 1 %
        assert deal["list_price"] == "1000000.00" and deal["final_price"] == "990000.00"
        assert deal["unit_code"] == "3-1-1501" and deal["buyers"][0]["name"] == "王先生"
        unit = await _unit(session, office.units[0])
        assert unit.status is UnitStatus.subscribed
        history = (
            await session.scalars(
                select(UnitHistory).where(UnitHistory.unit_id == unit.id).order_by(UnitHistory.created_at)
            )
        ).all()
        assert (history[-1].from_status, history[-1].to_status) == (
            UnitStatus.available,
            UnitStatus.subscribed,
        )
        customer = await session.get(Customer, office.customers[0].id, populate_existing=True)
        assert customer is not None and customer.stage is Stage.subscribed
        schedule = (await client.get(f"/deals/{deal['id']}/schedule", headers=office.h("consultant"))).json()
        assert schedule["total"] == "990000.00"
        assert sum(Decimal(ln["amount"]) for ln in schedule["lines"]) == Decimal("990000.00")
        assert [ln["kind"] for ln in schedule["lines"]] == ["deposit", "down_payment", "mortgage"]
        audited = await session.scalar(
            select(AuditEntry).where(
                AuditEntry.entity_id == uuid.UUID(deal["id"]), AuditEntry.action == "create"
            )
        )
        assert audited is not None

    async def test_a_second_subscription_of_the_unit_is_409(
        self, client: AsyncClient, office: Office
    ) -> None:
        await _subscribe(client, office)
        r = await client.post(
            f"{office.base}/deals",
            json=_body(office, customer_ids=[str(office.customers[1].id)]),
            headers=office.h("supervisor"),
        )
        assert r.status_code == 409 and r.json()["code"] == "unit_not_available"

    async def test_the_callers_reservation_is_consumed_at_its_price(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        unit = office.units[1]
        reservation = await inv.create_reservation(
            session, unit=unit, consultant=office.users["consultant"], customer_id=office.customers[0].id
        )
        deal = await _subscribe(client, office, unit_id=str(unit.id))
        assert deal["list_price"] == "1100000.00"
        stored = await session.get(Reservation, reservation.id, populate_existing=True)
        assert stored is not None and stored.status is ReservationStatus.converted

    async def test_someone_elses_reservation_blocks(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        await inv.create_reservation(session, unit=office.units[1], consultant=office.users["consultant2"])
        r = await client.post(
            f"{office.base}/deals", json=_body(office, unit=1), headers=office.h("consultant")
        )
        assert r.status_code == 409 and r.json()["code"] == "unit_not_available"

    async def test_customers_must_belong_to_the_project_and_money_is_a_string(
        self, client: AsyncClient, office: Office
    ) -> None:
        r = await client.post(
            f"{office.base}/deals",
            json=_body(office, customer_ids=[str(uuid.uuid4())]),
            headers=office.h("consultant"),
        )
        assert r.status_code == 422 and r.json()["errors"][0]["field"] == "customer_ids"
        r = await client.post(
            f"{office.base}/deals", json=_body(office, deposit=50000), headers=office.h("consultant")
        )
        assert r.status_code == 422
        r = await client.post(
            f"{office.base}/deals", json=_body(office, deposit="2000000.00"), headers=office.h("consultant")
        )
        assert r.status_code == 422 and r.json()["errors"][0]["field"] == "deposit"

    async def test_a_consultant_subscribes_only_their_own_customer(
        self, client: AsyncClient, session: AsyncSession, office: Office
    ) -> None:
        # office.customers belong to "consultant", protected: for consultant2 that is a 撞单, not a sale.
        other = await client.post(f"{office.base}/deals", json=_body(office), headers=office.h("consultant2"))
        assert other.status_code == 409 and other.json()["code"] == "customer_owned_by_other"
        assert (await _unit(session, office.units[0])).status is UnitStatus.available
        # A supervisor may write the deal for whoever's customer it is.
        assert (
            await client.post(f"{office.base}/deals", json=_body(office), headers=office.h("supervisor"))
        ).status_code == 201

    async def test_finance_and_developer_reps_do_not_subscribe(
        self, client: AsyncClient, office: Office
    ) -> None:
        for who in ("finance", "developer_rep"):
            r = await client.post(f"{office.base}/deals", json=_body(office), headers=office.h(who))
            assert r.status_code == 403

    async def test_a_quote_shows_price_approval_and_schedule_without_taking_the_unit(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        r = await client.post(
            f"{office.base}/deals/quote",
            json={
                "unit_id": str(office.units[0].id),
                "payment_method": "full",
                "discounts": [{"kind": "percent", "value": "0.5", "reason": "老带新"}],
                "deposit": "20000.00",
            },
            headers=office.h("consultant"),
        )
        assert r.status_code == 200, r.text
        q = r.json()
        assert q["final_price"] == "975100.00"  # 1,000,000 × 0.98 × 0.995
        assert q["needs_approval_by"] == "approval"  # not whose: test_floor_secrecy
        assert sum(Decimal(ln["amount"]) for ln in q["schedule"]) == Decimal("975100.00")
        assert (await _unit(session, office.units[0])).status is UnitStatus.available


class TestDiscountApproval:
    async def test_beyond_authority_waits_and_the_supervisor_approves(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        deal = await _subscribe(
            client, office, discounts=[{"kind": "amount", "value": "5000.00", "reason": "团购优惠"}]
        )
        assert deal["status"] == "pending_approval" and deal["pending_approval_id"]
        assert (await _unit(session, office.units[0])).status is UnitStatus.subscribed
        approval = (
            await client.get(f"/approvals/{deal['pending_approval_id']}", headers=office.h("supervisor"))
        ).json()
        assert approval["required_role"] == "supervisor" and approval["kind"] == "deal_discount"
        # The approver sees what was asked for and why.
        assert approval["summary"]["discounts"] == ["¥5000.00 团购优惠"]
        assert approval["request_comment"] == "团购优惠"
        r = await client.post(
            f"/approvals/{deal['pending_approval_id']}/approve",
            json={"comment": "同意"},
            headers=office.h("supervisor"),
        )
        assert r.status_code == 200, r.text
        shown = (await client.get(f"/deals/{deal['id']}", headers=office.h("consultant"))).json()
        assert shown["status"] == "subscribed" and shown["pending_approval_id"] is None
        assert shown["discounts"][0]["approval_id"] == deal["pending_approval_id"]
        assert shown["discounts"][0]["approved_by"] == str(office.users["supervisor"].id)
        timeline = (await client.get(f"/deals/{deal['id']}/timeline", headers=office.h("consultant"))).json()
        assert [e["kind"] for e in timeline["events"]] == [
            "subscribed",
            "discount_requested",
            "discount_approved",
        ]

    async def test_a_rejected_discount_gives_the_unit_back(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        deal = await _subscribe(
            client, office, discounts=[{"kind": "percent", "value": "2.5", "reason": "关系户"}]
        )
        assert (await _pay(client, office, deal["id"], "50000.00")).status_code == 201
        approval = (
            await client.get(f"/approvals/{deal['pending_approval_id']}", headers=office.h("consultant"))
        ).json()
        assert approval["required_role"] == "approval"  # the level is kept from consultants
        decider = (
            await client.get(f"/approvals/{deal['pending_approval_id']}", headers=office.h("project_manager"))
        ).json()
        assert decider["required_role"] == "project_manager"
        r = await client.post(
            f"/approvals/{approval['id']}/reject",
            json={"comment": "不行"},
            headers=office.h("project_manager"),
        )
        assert r.status_code == 200, r.text
        shown = (await client.get(f"/deals/{deal['id']}", headers=office.h("consultant"))).json()
        assert shown["status"] == "cancelled" and shown["refund_amount"] == "50000.00"
        assert (await _unit(session, office.units[0])).status is UnitStatus.available

    async def test_below_floor_only_the_developer_rep(self, client: AsyncClient, office: Office) -> None:
        deal = await _subscribe(
            client,
            office,
            who="project_manager",
            discounts=[{"kind": "amount", "value": "60000.00", "reason": "清盘"}],
        )
        assert deal["status"] == "pending_approval" and deal["below_floor"] is True
        r = await client.post(
            f"/approvals/{deal['pending_approval_id']}/approve", json={}, headers=office.h("project_manager")
        )
        assert r.status_code == 403
        r = await client.post(
            f"/approvals/{deal['pending_approval_id']}/approve", json={}, headers=office.h("developer_rep")
        )
        assert r.status_code == 200

    async def test_within_authority_is_subscribed_at_once(self, client: AsyncClient, office: Office) -> None:
        deal = await _subscribe(
            client,
            office,
            who="supervisor",
            discounts=[{"kind": "percent", "value": "1", "reason": "开盘优惠"}],
        )
        assert deal["status"] == "subscribed" and deal["final_price"] == "980100.00"


class TestLifecycle:
    async def test_contract_numbers_are_unique_in_the_project(
        self, client: AsyncClient, office: Office
    ) -> None:
        a = await _subscribe(client, office)
        b = await _subscribe(client, office, unit_id=str(office.units[1].id))
        body = {"contract_number": "HT-2026-001", "signed_on": "2026-11-25"}
        r = await client.post(f"/deals/{a['id']}/contract", json=body, headers=office.h("consultant"))
        assert r.status_code == 200 and r.json()["status"] == "contracted"
        r = await client.post(f"/deals/{b['id']}/contract", json=body, headers=office.h("consultant"))
        assert r.status_code == 409 and r.json()["code"] == "contract_number_taken"
        r = await client.post(
            f"/deals/{a['id']}/contract",
            json={**body, "contract_number": "X"},
            headers=office.h("consultant"),
        )
        assert r.status_code == 409 and r.json()["code"] == "deal_status_conflict"
        # The deal's status is an extension of its own: the problem's `status` stays the HTTP status.
        assert r.json()["status"] == 409 and r.json()["deal_status"] == "contracted"

    async def test_handover_needs_the_money(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        deal = await _subscribe(client, office, payment_method="full", deposit="10000.00")
        await client.post(
            f"/deals/{deal['id']}/contract",
            json={"contract_number": "HT-1", "signed_on": "2026-11-25"},
            headers=office.h("consultant"),
        )
        r = await client.post(f"/deals/{deal['id']}/handover", json={}, headers=office.h("consultant"))
        assert (
            r.status_code == 409
            and r.json()["code"] == "deal_not_paid"
            and r.json()["outstanding"] == "980000.00"
        )
        assert (await _pay(client, office, deal["id"], "980000.00")).status_code == 201
        r = await client.post(f"/deals/{deal['id']}/handover", json={}, headers=office.h("consultant"))
        assert r.status_code == 200 and r.json()["status"] == "handed_over"
        assert (await _unit(session, office.units[0])).status is UnitStatus.handed_over

    async def test_a_consultants_cancel_waits_for_a_site_manager(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        deal = await _subscribe(client, office)
        await _pay(client, office, deal["id"], "50000.00")
        r = await client.post(
            f"/deals/{deal['id']}/cancel",
            json={"reason": "客户资金问题", "refund_amount": "60000.00"},
            headers=office.h("consultant"),
        )
        assert r.status_code == 422 and r.json()["errors"][0]["field"] == "refund_amount"
        r = await client.post(
            f"/deals/{deal['id']}/cancel",
            json={"reason": "客户资金问题", "refund_amount": "40000.00"},
            headers=office.h("consultant"),
        )
        assert r.status_code == 200, r.text
        op = r.json()["operation"]
        assert op["status"] == "pending" and r.json()["deal"]["status"] == "subscribed"
        r = await client.post(
            f"/approvals/{op['approval_id']}/approve", json={}, headers=office.h("supervisor")
        )
        assert r.status_code == 403
        r = await client.post(
            f"/approvals/{op['approval_id']}/approve", json={}, headers=office.h("site_manager")
        )
        assert r.status_code == 200, r.text
        shown = (await client.get(f"/deals/{deal['id']}", headers=office.h("consultant"))).json()
        assert shown["status"] == "cancelled" and shown["refund_amount"] == "40000.00"
        assert (await _unit(session, office.units[0])).status is UnitStatus.available
        payments = (await client.get(f"/deals/{deal['id']}/payments", headers=office.h("consultant"))).json()[
            "items"
        ]
        assert sorted((p["kind"], p["amount"]) for p in payments) == [
            ("receipt", "50000.00"),
            ("refund", "-40000.00"),
        ]
        customer = await session.get(Customer, office.customers[0].id, populate_existing=True)
        assert customer is not None and customer.stage is Stage.visited
        # The unit can be sold again.
        again = await _subscribe(client, office, customer_ids=[str(office.customers[1].id)])
        assert again["status"] == "subscribed"

    async def test_a_site_manager_changes_the_unit_at_once_and_the_price_follows(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        deal = await _subscribe(client, office)
        await _pay(client, office, deal["id"], "100000.00")
        r = await client.post(
            f"/deals/{deal['id']}/change-unit",
            json={"unit_id": str(office.units[2].id), "reason": "换大户型"},
            headers=office.h("site_manager"),
        )
        assert r.status_code == 200, r.text
        moved = r.json()["deal"]
        assert r.json()["operation"]["status"] == "done"
        assert moved["unit_id"] == str(office.units[2].id) and moved["final_price"] == "1188000.00"
        assert moved["paid"] == "100000.00" and moved["outstanding"] == "1088000.00"
        assert (await _unit(session, office.units[0])).status is UnitStatus.available
        assert (await _unit(session, office.units[2])).status is UnitStatus.subscribed
        r = await client.post(
            f"/deals/{deal['id']}/change-unit",
            json={"unit_id": str(office.units[1].id), "reason": "again"},
            headers=office.h("consultant"),
        )
        assert r.status_code == 200 and r.json()["operation"]["status"] == "pending"
        r = await client.post(
            f"/deals/{deal['id']}/change-buyers",
            json={"customer_ids": [str(office.customers[1].id)], "reason": "更名"},
            headers=office.h("consultant"),
        )
        assert r.status_code == 409 and r.json()["code"] == "operation_pending"

    async def test_change_buyers_with_approval(self, client: AsyncClient, office: Office) -> None:
        deal = await _subscribe(client, office)
        r = await client.post(
            f"/deals/{deal['id']}/change-buyers",
            json={
                "customer_ids": [str(office.customers[1].id), str(office.customers[2].id)],
                "reason": "加名",
            },
            headers=office.h("consultant"),
        )
        op = r.json()["operation"]
        await client.post(
            f"/approvals/{op['approval_id']}/approve", json={}, headers=office.h("site_manager")
        )
        shown = (await client.get(f"/deals/{deal['id']}", headers=office.h("consultant"))).json()
        assert [b["name"] for b in shown["buyers"]] == ["李女士", "赵先生"]

    async def test_schedule_edit_must_add_up(self, client: AsyncClient, office: Office) -> None:
        deal = await _subscribe(client, office, who="site_manager")
        lines = [
            {"kind": "deposit", "due_on": "2026-11-25", "amount": "50000.00"},
            {"kind": "down_payment", "due_on": "2026-12-25", "amount": "940000.00"},
        ]
        r = await client.post(
            f"/deals/{deal['id']}/schedule",
            json={"lines": lines[:1], "reason": "x"},
            headers=office.h("site_manager"),
        )
        assert r.status_code == 422 and r.json()["errors"][0]["field"] == "lines"
        r = await client.post(
            f"/deals/{deal['id']}/schedule",
            json={"lines": lines, "reason": "客户申请"},
            headers=office.h("site_manager"),
        )
        assert r.status_code == 200 and r.json()["operation"]["status"] == "done"
        schedule = (
            await client.get(f"/deals/{deal['id']}/schedule", headers=office.h("site_manager"))
        ).json()
        assert [ln["amount"] for ln in schedule["lines"]] == ["50000.00", "940000.00"]

    async def test_consultants_see_only_their_own_deals(self, client: AsyncClient, office: Office) -> None:
        deal = await _subscribe(client, office)
        # What the list hides, a read by id answers 404.
        assert (await client.get(f"/deals/{deal['id']}", headers=office.h("consultant2"))).status_code == 404
        listed = (await client.get(f"{office.base}/deals", headers=office.h("consultant2"))).json()
        assert listed["items"] == []
        listed = (await client.get(f"{office.base}/deals", headers=office.h("finance"))).json()
        assert [d["id"] for d in listed["items"]] == [deal["id"]]
        # The list names the unit and the buyers, so a table needs no request per row.
        assert listed["items"][0]["unit_code"] == office.units[0].code
        assert listed["items"][0]["buyers"] == [{"id": str(office.customers[0].id), "name": "王先生"}]
        mine = (
            await client.get(f"{office.base}/deals", params={"mine": "true"}, headers=office.h("finance"))
        ).json()
        assert mine["items"] == []
        for customer, expected in ((office.customers[0], [deal["id"]]), (office.customers[1], [])):
            params = {"customer_id": str(customer.id)}
            of_customer = await client.get(f"{office.base}/deals", params=params, headers=office.h("finance"))
            assert [d["id"] for d in of_customer.json()["items"]] == expected


class TestPayments:
    async def test_payments_go_to_the_oldest_lines_and_overpayment_is_422(
        self, client: AsyncClient, office: Office
    ) -> None:
        deal = await _subscribe(client, office)
        r = await _pay(client, office, deal["id"], "60000.00", who="finance")
        assert r.status_code == 201, r.text
        allocations = r.json()["allocations"]
        assert [a["amount"] for a in allocations] == ["50000.00", "10000.00"]
        r = await _pay(client, office, deal["id"], "930000.01")
        assert r.status_code == 422 and r.json()["errors"][0]["field"] == "amount"
        r = await _pay(client, office, deal["id"], "0.00")
        assert r.status_code == 422 and r.json()["errors"][0]["field"] == "amount"
        assert (await _pay(client, office, deal["id"], "930000.00")).status_code == 201
        shown = (await client.get(f"/deals/{deal['id']}", headers=office.h("consultant"))).json()
        assert shown["outstanding"] == "0.00" and shown["paid"] == "990000.00"

    async def test_a_retried_payment_records_once(self, client: AsyncClient, office: Office) -> None:
        deal = await _subscribe(client, office)
        first = await _pay(client, office, deal["id"], "50000.00", **{"Idempotency-Key": "pay-1"})
        again = await _pay(client, office, deal["id"], "50000.00", **{"Idempotency-Key": "pay-1"})
        assert first.status_code == again.status_code == 201
        assert first.json()["id"] == again.json()["id"]
        payments = (await client.get(f"/deals/{deal['id']}/payments", headers=office.h("consultant"))).json()[
            "items"
        ]
        assert len(payments) == 1

    async def test_reversal_not_delete(self, client: AsyncClient, office: Office) -> None:
        deal = await _subscribe(client, office)
        paid = (await _pay(client, office, deal["id"], "60000.00")).json()
        r = await client.post(
            f"/payments/{paid['id']}/reverse", json={"reason": "录错"}, headers=office.h("consultant")
        )
        assert r.status_code == 403
        r = await client.post(
            f"/payments/{paid['id']}/reverse", json={"reason": "录错"}, headers=office.h("finance")
        )
        assert (
            r.status_code == 201
            and r.json()["amount"] == "-60000.00"
            and r.json()["reverses_id"] == paid["id"]
        )
        r = await client.post(
            f"/payments/{paid['id']}/reverse", json={"reason": "again"}, headers=office.h("finance")
        )
        assert r.status_code == 409 and r.json()["code"] == "payment_already_reversed"
        shown = (await client.get(f"/deals/{deal['id']}", headers=office.h("consultant"))).json()
        assert shown["paid"] == "0.00" and shown["outstanding"] == "990000.00"
        payments = (await client.get(f"/deals/{deal['id']}/payments", headers=office.h("consultant"))).json()[
            "items"
        ]
        assert len(payments) == 2

    async def test_no_reversal_on_a_cancelled_deal(self, client: AsyncClient, office: Office) -> None:
        deal = await _subscribe(client, office)
        paid = (await _pay(client, office, deal["id"], "60000.00")).json()
        r = await client.post(
            f"/deals/{deal['id']}/cancel",
            json={"reason": "退房", "refund_amount": "60000.00"},
            headers=office.h("site_manager"),
        )
        assert r.json()["operation"]["status"] == "done" and r.json()["deal"]["status"] == "cancelled"
        r = await client.post(
            f"/payments/{paid['id']}/reverse", json={"reason": "x"}, headers=office.h("finance")
        )
        assert r.status_code == 409 and r.json()["code"] == "deal_status_conflict"


class TestReceivables:
    async def test_overdue_lines_by_age_with_collection_notes(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        today = local_today(DEFAULT_ZONE)
        deal = await df.create_deal(
            session,
            unit=office.units[3],
            customers=[office.customers[2]],
            consultant=office.users["consultant"],
            subscribed_on=today - timedelta(days=100),
        )
        r = await client.get(f"{office.base}/receivables?overdue=true", headers=office.h("finance"))
        assert r.status_code == 200, r.text
        body = r.json()
        ages = {(i["kind"], i["bucket"]) for i in body["items"]}
        # deposit due 100 days ago, down payment 93, mortgage 40 (Asia/Shanghai may be a day ahead)
        assert (
            ("deposit", "90+") in ages and ("down_payment", "90+") in ages and ("mortgage", "31-60") in ages
        )
        assert all(i["assigned_to"] == str(office.users["consultant"].id) for i in body["items"])
        buckets = {b["bucket"]: b for b in body["buckets"]}
        assert buckets["90+"]["lines"] == 2 and buckets["31-60"]["lines"] == 1
        assert Decimal(buckets["90+"]["outstanding"]) == Decimal("390000.00")
        r = await client.post(
            f"/deals/{deal.id}/collection-notes",
            json={"note": "已电话提醒，周五付款", "next_follow_up_on": str(today + timedelta(days=3))},
            headers=office.h("consultant"),
        )
        assert r.status_code == 201, r.text
        body = (
            await client.get(f"{office.base}/receivables?overdue=true", headers=office.h("consultant"))
        ).json()
        assert body["items"][0]["last_note"] == "已电话提醒，周五付款"
        others = (await client.get(f"{office.base}/receivables", headers=office.h("consultant2"))).json()
        assert others["items"] == []
        lines = (await session.scalars(select(ScheduleLine).where(ScheduleLine.deal_id == deal.id))).all()
        assert sum(ln.amount for ln in lines) == deal.final_price


class TestMortgage:
    async def test_stages_and_the_disbursement_is_a_payment(
        self, client: AsyncClient, office: Office
    ) -> None:
        deal = await _subscribe(client, office)
        assert (
            await client.get(f"/deals/{deal['id']}/mortgage", headers=office.h("consultant"))
        ).status_code == 404
        await _pay(client, office, deal["id"], "297000.00")
        r = await client.post(
            f"/deals/{deal['id']}/mortgage",
            json={"bank": "建设银行", "loan_amount": "693000.00"},
            headers=office.h("consultant"),
        )
        assert r.status_code == 201, r.text
        assert r.json()["stage"] == "documents_collected"
        r = await client.post(
            f"/deals/{deal['id']}/mortgage/stage",
            json={"stage": "disbursed", "on": "2026-12-01"},
            headers=office.h("consultant"),
        )
        assert r.status_code == 409 and r.json()["code"] == "mortgage_stage_not_allowed"
        for stage in ("submitted", "approved", "disbursed"):
            r = await client.post(
                f"/deals/{deal['id']}/mortgage/stage",
                json={"stage": stage, "on": "2026-12-01"},
                headers=office.h("consultant"),
            )
            assert r.status_code == 200, r.text
        loan_payment = r.json()["payment_id"]
        assert loan_payment is not None
        shown = (await client.get(f"/deals/{deal['id']}", headers=office.h("consultant"))).json()
        assert shown["outstanding"] == "0.00"
        await client.post(
            f"/deals/{deal['id']}/contract",
            json={"contract_number": "HT-9", "signed_on": "2026-11-25"},
            headers=office.h("consultant"),
        )
        # The bank's money bounced: reversed, it is owed again, whatever the mortgage's stage says.
        reversed_ = await client.post(
            f"/payments/{loan_payment}/reverse", json={"reason": "银行退回"}, headers=office.h("finance")
        )
        assert reversed_.status_code == 201, reversed_.text
        r = await client.post(f"/deals/{deal['id']}/handover", json={}, headers=office.h("consultant"))
        assert r.status_code == 409 and r.json()["outstanding"] == "693000.00"
        await _pay(client, office, deal["id"], "693000.00")
        r = await client.post(f"/deals/{deal['id']}/handover", json={}, headers=office.h("consultant"))
        assert r.status_code == 200 and r.json()["status"] == DealStatus.handed_over.value


class TestApprovedOperations:
    async def test_a_change_of_unit_approved_by_the_site_manager(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        deal = await _subscribe(client, office)
        r = await client.post(
            f"/deals/{deal['id']}/change-unit",
            json={"unit_id": str(office.units[1].id), "reason": "楼层太低"},
            headers=office.h("consultant"),
        )
        op = r.json()["operation"]
        assert op["status"] == "pending"
        approval = (
            await client.get(f"/approvals/{op['approval_id']}", headers=office.h("site_manager"))
        ).json()
        assert approval["kind"] == "deal_change_unit" and approval["required_role"] == "site_manager"
        assert approval["summary"]["new_unit_code"] == "3-1-1502"
        r = await client.post(
            f"/approvals/{op['approval_id']}/approve", json={}, headers=office.h("site_manager")
        )
        assert r.status_code == 200, r.text
        shown = (await client.get(f"/deals/{deal['id']}", headers=office.h("consultant"))).json()
        assert shown["unit_id"] == str(office.units[1].id) and shown["final_price"] == "1089000.00"
        assert (await _unit(session, office.units[0])).status is UnitStatus.available
        assert (await _unit(session, office.units[1])).status is UnitStatus.subscribed
        timeline = (await client.get(f"/deals/{deal['id']}/timeline", headers=office.h("consultant"))).json()
        assert [e["kind"] for e in timeline["events"]][-2:] == ["change_unit_requested", "unit_changed"]
        assert [o["status"] for o in timeline["operations"]] == ["done"]

    async def test_a_change_to_a_unit_that_is_taken_is_409(self, client: AsyncClient, office: Office) -> None:
        deal = await _subscribe(client, office)
        await _subscribe(
            client, office, unit_id=str(office.units[1].id), customer_ids=[str(office.customers[1].id)]
        )
        r = await client.post(
            f"/deals/{deal['id']}/change-unit",
            json={"unit_id": str(office.units[1].id), "reason": "x"},
            headers=office.h("site_manager"),
        )
        assert r.status_code == 409 and r.json()["code"] == "unit_not_available"

    async def test_a_change_below_floor_needs_the_developer_rep(
        self, client: AsyncClient, office: Office
    ) -> None:
        deal = await _subscribe(client, office)
        r = await client.post(
            f"/deals/{deal['id']}/change-unit",
            json={
                "unit_id": str(office.units[1].id),
                "reason": "换房并加大优惠",
                "discounts": [{"kind": "amount", "value": "100000.00", "reason": "清盘"}],
            },
            headers=office.h("site_manager"),
        )
        op = r.json()["operation"]
        assert op["status"] == "pending"
        approval = (
            await client.get(f"/approvals/{op['approval_id']}", headers=office.h("site_manager"))
        ).json()
        assert approval["required_role"] == "developer_rep"

    async def test_a_mortgage_only_for_mortgage_deals(self, client: AsyncClient, office: Office) -> None:
        deal = await _subscribe(client, office, payment_method="full")
        r = await client.post(
            f"/deals/{deal['id']}/mortgage",
            json={"bank": "工商银行", "loan_amount": "1.00"},
            headers=office.h("consultant"),
        )
        assert r.status_code == 422 and r.json()["errors"][0]["field"] == "payment_method"


class TestTimeZone:
    def test_the_day_follows_the_projects_time_zone(self) -> None:
        from types import SimpleNamespace
        from typing import cast

        from anchang.core.access import ProjectAccess
        from anchang.core.calendar import today_in
        from anchang.deals.service import bucket_of

        late = datetime(2026, 11, 25, 17, 0, tzinfo=UTC)  # 01:00 on the 26th in Shanghai
        shanghai = cast(ProjectAccess, SimpleNamespace(project=SimpleNamespace(timezone="Asia/Shanghai")))
        london = cast(ProjectAccess, SimpleNamespace(project=SimpleNamespace(timezone="Europe/London")))
        assert str(today_in(shanghai, late)) == "2026-11-26"
        assert str(today_in(london, late)) == "2026-11-25"
        assert [bucket_of(d) for d in (0, 1, 30, 31, 60, 61, 90, 91)] == [
            "not_due",
            "0-30",
            "0-30",
            "31-60",
            "31-60",
            "61-90",
            "61-90",
            "90+",
        ]


class TestOddInput:
    async def test_odd_bodies_are_4xx_never_5xx(self, client: AsyncClient, office: Office) -> None:
        unit = str(office.units[0].id)
        customer = str(office.customers[0].id)
        good = {"unit_id": unit, "customer_ids": [customer], "payment_method": "full", "deposit": "0.00"}
        odd: list[dict[str, Any]] = [
            {**good, "deposit": "1.234"},
            {**good, "deposit": "-1.00"},
            {**good, "deposit": "999999999999.99"},
            {**good, "customer_ids": []},
            {**good, "customer_ids": [customer, customer]},
            {**good, "payment_method": "barter"},
            {**good, "unit_id": str(uuid.uuid4())},
            {**good, "discounts": [{"kind": "percent", "value": "abc", "reason": "x"}]},
            {**good, "discounts": [{"kind": "percent", "value": "100.5", "reason": "x"}]},
            {**good, "discounts": [{"kind": "amount", "value": "99999999.00", "reason": "x"}]},
            {**good, "discounts": [{"kind": "amount", "value": "1.00", "reason": ""}]},
            {**good, "extra": 1},
        ]
        for body in odd:
            for path in (f"{office.base}/deals/quote", f"{office.base}/deals"):
                r = await client.post(path, json=body, headers=office.h("project_manager"))
                assert 400 <= r.status_code < 500, (body, r.status_code, r.text)

    async def test_a_full_discount_makes_a_free_unit_and_an_empty_schedule(
        self, client: AsyncClient, office: Office
    ) -> None:
        deal = await _subscribe(
            client,
            office,
            who="project_manager",
            deposit="0.00",
            discounts=[{"kind": "percent", "value": "100", "reason": "样板间抵款"}],
        )
        assert deal["final_price"] == "0.00" and deal["status"] == "pending_approval"
        schedule = (
            await client.get(f"/deals/{deal['id']}/schedule", headers=office.h("project_manager"))
        ).json()
        assert schedule["lines"] == [] and schedule["outstanding"] == "0.00"
        r = await _pay(client, office, deal["id"], "1.00", who="project_manager")
        assert r.status_code == 422


class TestWhileAnOperationWaits:
    async def _cancel_waiting(
        self, client: AsyncClient, office: Office, refund: str
    ) -> tuple[dict[str, Any], str]:
        deal = await _subscribe(client, office)
        paid = (await _pay(client, office, deal["id"], "50000.00")).json()
        r = await client.post(
            f"/deals/{deal['id']}/cancel",
            json={"reason": "客户资金问题", "refund_amount": refund},
            headers=office.h("consultant"),
        )
        assert r.status_code == 200, r.text
        return deal | {"payment_id": paid["id"]}, r.json()["operation"]["approval_id"]

    async def test_a_refund_is_checked_again_when_approved_after_a_reversal(
        self, client: AsyncClient, office: Office
    ) -> None:
        deal, approval_id = await self._cancel_waiting(client, office, "40000.00")
        reversed_ = await client.post(
            f"/payments/{deal['payment_id']}/reverse", json={"reason": "退票"}, headers=office.h("finance")
        )
        assert reversed_.status_code == 201, reversed_.text
        r = await client.post(f"/approvals/{approval_id}/approve", json={}, headers=office.h("site_manager"))
        assert r.status_code == 409 and r.json()["code"] == "refund_exceeds_paid"
        shown = (await client.get(f"/deals/{deal['id']}", headers=office.h("consultant"))).json()
        assert shown["status"] == "subscribed" and shown["refund_amount"] is None  # nothing paid out

    async def test_no_contract_while_a_cancellation_waits(self, client: AsyncClient, office: Office) -> None:
        deal, _ = await self._cancel_waiting(client, office, "0.00")
        r = await client.post(
            f"/deals/{deal['id']}/contract",
            json={"contract_number": "HT-0001", "signed_on": "2026-11-25"},
            headers=office.h("site_manager"),
        )
        assert r.status_code == 409 and r.json()["code"] == "operation_pending"

    async def test_a_refused_discount_leaves_the_buyers_stage_as_it_was(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        customer = await session.get(Customer, office.customers[0].id)
        assert customer is not None
        customer.stage = Stage.pledged
        await session.flush()
        deal = await _subscribe(
            client, office, discounts=[{"kind": "percent", "value": "2.5", "reason": "关系户"}]
        )
        r = await client.post(
            f"/approvals/{deal['pending_approval_id']}/reject",
            json={"comment": "不行"},
            headers=office.h("project_manager"),
        )
        assert r.status_code == 200, r.text
        await session.refresh(customer)
        assert customer.stage is Stage.pledged
