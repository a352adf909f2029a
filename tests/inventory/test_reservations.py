"""Reservations: one live per unit, by itself they expire, at most K per consultant."""

import uuid
from datetime import UTC, datetime, timedelta

from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.audit import AuditEntry
from anchang.inventory import reservations, service
from anchang.inventory.models import Reservation, ReservationStatus, Unit, UnitHistory, UnitStatus
from tests.inventory import factories as inv
from tests.inventory.site import Site

S = UnitStatus


def _body(site: Site, who: str, minutes: int | None = None) -> dict[str, object]:
    body: dict[str, object] = {"customer_id": str(site.customers[who])}
    if minutes is not None:
        body["minutes"] = minutes
    return body


class TestReserving:
    async def test_a_consultant_reserves_an_available_unit(self, client: AsyncClient, site: Site) -> None:
        unit = site.unit(S.available)
        r = await client.post(
            f"/units/{unit.id}/reservations",
            json=_body(site, "consultant"),
            headers=site.headers["consultant"],
        )
        assert r.status_code == 201, r.text
        reservation = r.json()
        assert reservation["status"] == "active" and reservation["minutes"] == 30
        assert reservation["list_price"] == f"{unit.list_price:.2f}"
        shown = (await client.get(f"/units/{unit.id}", headers=site.headers["consultant2"])).json()
        assert shown["status"] == "reserved" and shown["reserved_until"] is not None
        history = (await client.get(f"/units/{unit.id}/history", headers=site.headers["consultant"])).json()
        last = history["items"][-1]
        assert (last["from_status"], last["to_status"], last["source_id"]) == (
            "available",
            "reserved",
            reservation["id"],
        )

    async def test_a_second_reservation_of_the_unit_is_409(self, client: AsyncClient, site: Site) -> None:
        unit = site.unit(S.available)
        first = await client.post(
            f"/units/{unit.id}/reservations",
            json=_body(site, "consultant"),
            headers=site.headers["consultant"],
        )
        assert first.status_code == 201
        second = await client.post(
            f"/units/{unit.id}/reservations",
            json=_body(site, "consultant2"),
            headers=site.headers["consultant2"],
        )
        assert second.status_code == 409 and second.json()["code"] == "unit_not_available"

    async def test_held_and_sold_units_are_not_available_and_holds_stay_secret(
        self, client: AsyncClient, site: Site
    ) -> None:
        for status in (S.held, S.subscribed, S.unreleased):
            r = await client.post(
                f"/units/{site.unit(status).id}/reservations",
                json=_body(site, "consultant"),
                headers=site.headers["consultant"],
            )
            assert r.status_code == 409 and r.json()["code"] == "unit_not_available", status
            assert "held" not in r.text

    async def test_minutes_beyond_the_project_setting_are_refused_for_consultants(
        self, client: AsyncClient, site: Site
    ) -> None:
        unit = site.unit(S.available)
        r = await client.post(
            f"/units/{unit.id}/reservations",
            json=_body(site, "consultant", 31),
            headers=site.headers["consultant"],
        )
        assert r.status_code == 422
        r = await client.post(
            f"/units/{unit.id}/reservations",
            json=_body(site, "supervisor", 1441),
            headers=site.headers["supervisor"],
        )
        assert r.status_code == 422
        r = await client.post(
            f"/units/{unit.id}/reservations",
            json=_body(site, "supervisor", 120),
            headers=site.headers["supervisor"],
        )
        assert r.status_code == 201 and r.json()["minutes"] == 120

    async def test_the_project_sets_the_length(
        self, client: AsyncClient, site: Site, session: AsyncSession
    ) -> None:
        site.project.settings = {"reservation_minutes": 60}
        await session.flush()
        r = await client.post(
            f"/units/{site.unit(S.available).id}/reservations",
            json=_body(site, "consultant"),
            headers=site.headers["consultant"],
        )
        assert r.status_code == 201 and r.json()["minutes"] == 60

    async def test_finance_and_developer_reps_do_not_reserve(self, client: AsyncClient, site: Site) -> None:
        for role in ("finance", "developer_rep"):
            r = await client.post(
                f"/units/{site.unit(S.available).id}/reservations",
                json=_body(site, role),
                headers=site.headers[role],
            )
            assert r.status_code == 403, role


class TestCustomers:
    async def test_a_consultant_reserves_only_for_their_own_customers(
        self, client: AsyncClient, site: Site
    ) -> None:
        unit = site.unit(S.available)
        body = {"customer_id": str(site.customers["consultant2"])}
        r = await client.post(f"/units/{unit.id}/reservations", json=body, headers=site.headers["consultant"])
        assert r.status_code == 403 and r.json()["code"] == "customer_not_yours"
        r = await client.post(f"/units/{unit.id}/reservations", json=body, headers=site.headers["supervisor"])
        assert r.status_code == 201  # a supervisor may reserve for a consultant's customer

    async def test_the_customer_must_be_of_the_project(self, client: AsyncClient, site: Site) -> None:
        body = {"customer_id": str(uuid.uuid4())}
        r = await client.post(
            f"/units/{site.unit(S.available).id}/reservations", json=body, headers=site.headers["consultant"]
        )
        assert r.status_code == 404 and r.json()["code"] == "customer_not_found"


class TestExpiry:
    async def test_an_expired_reservation_never_blocks(
        self, client: AsyncClient, site: Site, session: AsyncSession
    ) -> None:
        unit = site.unit(S.available)
        old = await inv.create_reservation(
            session,
            unit=unit,
            consultant=site.users["consultant2"],
            expires_at=datetime.now(UTC) - timedelta(minutes=5),
        )
        # Not swept yet: still stored as reserved, but shown and treated as available.
        shown = (await client.get(f"/units/{unit.id}", headers=site.headers["consultant"])).json()
        assert shown["status"] == "available" and shown["reserved_until"] is None
        r = await client.post(
            f"/units/{unit.id}/reservations",
            json=_body(site, "consultant"),
            headers=site.headers["consultant"],
        )
        assert r.status_code == 201, r.text
        await session.refresh(old)
        assert old.status is ReservationStatus.expired and old.ended_at == old.expires_at
        rows = (
            await session.execute(
                select(UnitHistory.from_status, UnitHistory.to_status, UnitHistory.reason)
                .where(UnitHistory.unit_id == unit.id)
                .order_by(UnitHistory.created_at, UnitHistory.id)
            )
        ).all()
        # The expiry is dated when it happened (before this test's rows), the new reservation now.
        assert (S.reserved, S.available, "reservation expired") in rows
        assert tuple(rows[-1])[:2] == (S.available, S.reserved)

    async def test_expired_reservations_do_not_count_against_the_limit(
        self, client: AsyncClient, site: Site, session: AsyncSession
    ) -> None:
        consultant = site.users["consultant"]
        past = datetime.now(UTC) - timedelta(minutes=1)
        for i in range(3):
            u = await inv.create_unit(session, building=site.building, floor=40 + i)
            await inv.create_reservation(session, unit=u, consultant=consultant, expires_at=past)
        r = await client.post(
            f"/units/{site.unit(S.available).id}/reservations",
            json=_body(site, "consultant"),
            headers=site.headers["consultant"],
        )
        assert r.status_code == 201, r.text

    async def test_the_sweeper_frees_units_with_history(self, site: Site, session: AsyncSession) -> None:
        unit = site.unit(S.available)
        reservation = await inv.create_reservation(
            session,
            unit=unit,
            consultant=site.users["consultant"],
            expires_at=datetime.now(UTC) - timedelta(seconds=10),
        )
        assert await reservations.expire_reservations(session, project_id=site.project.id) == 1
        stored = await session.scalar(
            select(Unit).where(Unit.id == unit.id).execution_options(populate_existing=True)
        )
        assert stored is not None and stored.status is S.available and stored.reserved_until is None
        await session.refresh(reservation)
        assert reservation.status is ReservationStatus.expired
        # The sweep writes without the ORM, and is audited all the same (no actor: nobody asked for it).
        columns = (AuditEntry.entity_type, AuditEntry.actor_id, AuditEntry.before, AuditEntry.after)
        audits = (
            await session.execute(select(*columns).where(AuditEntry.entity_id.in_([unit.id, reservation.id])))
        ).all()
        freed = {"status": "available", "reason": "reservation expired"}
        assert ("units", None, {"status": "reserved"}, freed) in audits
        assert ("reservations", None, {"status": "active"}, {"status": "expired"}) in audits
        assert await reservations.expire_reservations(session, project_id=site.project.id) == 0

    async def test_an_expired_reservation_shows_as_expired(
        self, client: AsyncClient, site: Site, session: AsyncSession
    ) -> None:
        reservation = await inv.create_reservation(
            session,
            unit=site.unit(S.available),
            consultant=site.users["consultant"],
            expires_at=datetime.now(UTC) - timedelta(seconds=1),
        )
        r = await client.get(f"/reservations/{reservation.id}", headers=site.headers["consultant"])
        assert r.json()["status"] == "expired"
        listed = await client.get(
            f"/projects/{site.project.id}/reservations", headers=site.headers["consultant"]
        )
        assert [x["status"] for x in listed.json()["items"]] == ["expired"]
        # Shown, not stored: reading wrote nothing, so the sweeper still dates the expiry right.
        stored = (
            await session.execute(
                select(Reservation.status, Reservation.version).where(Reservation.id == reservation.id)
            )
        ).one()
        assert (stored.status, stored.version) == (ReservationStatus.active, reservation.version)
        assert await reservations.expire_reservations(session, project_id=site.project.id) == 1
        live = await client.get(
            f"/projects/{site.project.id}/reservations",
            params={"live": "true"},
            headers=site.headers["consultant"],
        )
        assert live.json()["items"] == []


class TestLimit:
    async def test_at_most_k_live_reservations(
        self, client: AsyncClient, site: Site, session: AsyncSession
    ) -> None:
        site.project.settings = {"max_live_reservations": 2}
        await session.flush()
        units = [await inv.create_unit(session, building=site.building, floor=50 + i) for i in range(3)]
        c = site.headers["consultant"]
        for u in units[:2]:
            assert (
                await client.post(f"/units/{u.id}/reservations", json=_body(site, "consultant"), headers=c)
            ).status_code == 201
        r = await client.post(f"/units/{units[2].id}/reservations", json=_body(site, "consultant"), headers=c)
        assert r.status_code == 409 and r.json()["code"] == "reservation_limit_reached"
        # Nothing of the refused attempt stays: the unit is still available.
        assert (await client.get(f"/units/{units[2].id}", headers=c)).json()["status"] == "available"
        # Another consultant is not limited by the first one's reservations.
        r = await client.post(
            f"/units/{units[2].id}/reservations",
            json=_body(site, "consultant2"),
            headers=site.headers["consultant2"],
        )
        assert r.status_code == 201


class TestCancelling:
    async def test_the_consultant_cancels_and_the_unit_is_available(
        self, client: AsyncClient, site: Site, session: AsyncSession
    ) -> None:
        unit = site.unit(S.available)
        r = await client.post(
            f"/units/{unit.id}/reservations",
            json=_body(site, "consultant"),
            headers=site.headers["consultant"],
        )
        rid = r.json()["id"]
        other = await client.delete(f"/reservations/{rid}", headers=site.headers["consultant2"])
        assert other.status_code == 404  # another consultant's reservation is not theirs to see
        assert (
            await client.delete(f"/reservations/{rid}", headers=site.headers["consultant"])
        ).status_code == 204
        assert (await client.get(f"/units/{unit.id}", headers=site.headers["consultant"])).json()[
            "status"
        ] == ("available")
        again = await client.delete(f"/reservations/{rid}", headers=site.headers["consultant"])
        assert again.status_code == 409 and again.json()["code"] == "reservation_not_active"
        stored = await session.scalar(select(Reservation).where(Reservation.id == uuid.UUID(rid)))
        assert stored is not None and stored.status is ReservationStatus.cancelled

    async def test_a_read_by_id_hides_what_the_list_hides(self, client: AsyncClient, site: Site) -> None:
        unit = site.unit(S.available)
        r = await client.post(
            f"/units/{unit.id}/reservations",
            json=_body(site, "consultant"),
            headers=site.headers["consultant"],
        )
        rid = r.json()["id"]
        assert r.json()["allowed_actions"] == ["cancel"]
        other = await client.get(f"/reservations/{rid}", headers=site.headers["consultant2"])
        assert other.status_code == 404 and other.json()["code"] == "reservation_not_found"
        listed = await client.get(
            f"/projects/{site.project.id}/reservations", headers=site.headers["consultant2"]
        )
        assert rid not in {item["id"] for item in listed.json()["items"]}
        seen = await client.get(f"/reservations/{rid}", headers=site.headers["supervisor"])
        assert seen.status_code == 200 and seen.json()["allowed_actions"] == ["cancel"]

    async def test_a_supervisor_may_cancel_anyones(self, client: AsyncClient, site: Site) -> None:
        unit = site.unit(S.available)
        r = await client.post(
            f"/units/{unit.id}/reservations",
            json=_body(site, "consultant"),
            headers=site.headers["consultant"],
        )
        assert (
            await client.delete(f"/reservations/{r.json()['id']}", headers=site.headers["supervisor"])
        ).status_code == 204

    async def test_consultants_list_their_own(self, client: AsyncClient, site: Site) -> None:
        units = [u for u in site.units if u.status is S.available]
        await client.post(
            f"/units/{units[0].id}/reservations",
            json=_body(site, "consultant"),
            headers=site.headers["consultant"],
        )
        await client.post(
            f"/units/{units[1].id}/reservations",
            json=_body(site, "consultant2"),
            headers=site.headers["consultant2"],
        )
        mine = (
            await client.get(f"/projects/{site.project.id}/reservations", headers=site.headers["consultant"])
        ).json()
        assert [r["unit_id"] for r in mine["items"]] == [str(units[0].id)]
        every = (
            await client.get(f"/projects/{site.project.id}/reservations", headers=site.headers["supervisor"])
        ).json()
        assert len(every["items"]) == 2
        of_unit = (
            await client.get(
                f"/projects/{site.project.id}/reservations",
                params={"unit_id": str(units[1].id)},
                headers=site.headers["supervisor"],
            )
        ).json()
        assert [r["unit_id"] for r in of_unit["items"]] == [str(units[1].id)]


class TestDealsHooks:
    async def test_take_advance_and_release_for_deals(self, site: Site, session: AsyncSession) -> None:
        from anchang.core.security import Principal

        consultant = site.users["consultant"]
        principal = Principal(
            user_id=consultant.id,
            organization_id=consultant.organization_id,
            is_admin=False,
            session_id=uuid.uuid4(),
        )
        unit = site.unit(S.available)
        reservation = await inv.create_reservation(session, unit=unit, consultant=consultant)
        unit.list_price = unit.list_price + 100000  # a price change after the reservation
        await session.flush()
        taken = await service.take_unit_for_deal(
            session, principal, unit.id, customer_ids=[reservation.customer_id]
        )
        assert taken.price == reservation.list_price and taken.reservation_id == reservation.id
        await service.advance_unit(session, principal, unit.id, S.contracted)
        await service.release_unit(session, principal, unit.id, reason="退房")
        stored = await session.scalar(
            select(Unit).where(Unit.id == unit.id).execution_options(populate_existing=True)
        )
        assert stored is not None and stored.status is S.available and stored.taken_price is None
        other = site.unit(S.subscribed)
        import pytest

        with pytest.raises(service.UnitNotAvailable):
            await service.take_unit_for_deal(session, principal, other.id, customer_ids=[])
