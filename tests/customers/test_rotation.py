"""Reception rotation (轮接): turns go round the roster, skip who is away, returning customers go to
their owner without using a turn, and 50 concurrent presses hand out turns in order."""

import asyncio
import uuid
from typing import Any

from httpx import ASGITransport, AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.config import Settings
from anchang.core.db import Database
from anchang.core.roles import ProjectRole
from anchang.main import create_app
from anchang.reception.models import DutyStatus, RotationTurn
from tests import factories as f
from tests.customers import factories as cf
from tests.customers.conftest import Office


async def _roster(client: AsyncClient, office: Office, *people: Any) -> dict[str, Any]:
    response = await client.put(
        f"{office.base}/roster",
        json={"user_ids": [str(p.user.id) for p in people]},
        headers=office.sup.headers,
    )
    assert response.status_code == 200, response.text
    return response.json()


async def _next(client: AsyncClient, office: Office, **body: Any) -> dict[str, Any]:
    response = await client.post(f"{office.base}/rotation/next", json=body, headers=office.sup.headers)
    assert response.status_code == 200, response.text
    return response.json()


class TestRoster:
    async def test_supervisors_plan_the_day_in_rotation_order(
        self, client: AsyncClient, office: Office
    ) -> None:
        refused = await client.put(
            f"{office.base}/roster", json={"user_ids": [str(office.c1.user.id)]}, headers=office.c1.headers
        )
        assert refused.status_code == 403
        roster = await _roster(client, office, office.c2, office.c1)
        assert [e["user"]["full_name"] for e in roster["entries"]] == ["顾问 刘洋", "顾问 陈晓"]
        not_sales = await client.put(
            f"{office.base}/roster", json={"user_ids": [str(office.fin.user.id)]}, headers=office.sup.headers
        )
        assert not_sales.status_code == 422 and not_sales.json()["errors"][0]["field"] == "user_ids"
        shown = await client.get(f"{office.base}/roster", headers=office.c1.headers)
        assert [e["position"] for e in shown.json()["entries"]] == [1, 2]


class TestRotation:
    async def test_turns_go_round_and_skip_the_absent(self, client: AsyncClient, office: Office) -> None:
        roster = await _roster(client, office, office.c1, office.c2, office.sup)
        names = [(await _next(client, office))["turn"]["consultant"]["full_name"] for _ in range(4)]
        assert names == ["顾问 陈晓", "顾问 刘洋", "主管 张", "顾问 陈晓"]
        c2_entry = roster["entries"][1]["id"]
        absent = await client.patch(
            f"/roster-entries/{c2_entry}", json={"status": "absent"}, headers=office.sup.headers
        )
        assert absent.status_code == 200, absent.text
        names = [(await _next(client, office))["turn"]["consultant"]["full_name"] for _ in range(3)]
        assert names == ["主管 张", "顾问 陈晓", "主管 张"]
        rotation = (await client.get(f"{office.base}/rotation", headers=office.c1.headers)).json()
        assert rotation["next"]["full_name"] == "顾问 陈晓"
        assert [q["status"] for q in rotation["queue"]] == ["on_duty", "absent", "on_duty"]
        assert rotation["turns_today"] == 7
        assert {q["user"]["full_name"]: q["turns_today"] for q in rotation["queue"]} == {
            "顾问 陈晓": 3,
            "顾问 刘洋": 1,
            "主管 张": 3,
        }

    async def test_a_consultant_marks_their_own_break_but_not_an_absence(
        self, client: AsyncClient, office: Office
    ) -> None:
        roster = await _roster(client, office, office.c1, office.c2)
        mine = roster["entries"][0]["id"]
        brk = await client.patch(
            f"/roster-entries/{mine}", json={"status": "on_break"}, headers=office.c1.headers
        )
        assert brk.status_code == 200
        assert (await _next(client, office))["turn"]["consultant"]["full_name"] == "顾问 刘洋"
        other = roster["entries"][1]["id"]
        refused = await client.patch(
            f"/roster-entries/{other}", json={"status": "absent"}, headers=office.c1.headers
        )
        assert refused.status_code == 403
        # Marked absent by the supervisor, a consultant cannot put themselves back on duty.
        marked = await client.patch(
            f"/roster-entries/{mine}", json={"status": "absent"}, headers=office.sup.headers
        )
        assert marked.status_code == 200
        back = await client.patch(
            f"/roster-entries/{mine}", json={"status": "on_duty"}, headers=office.c1.headers
        )
        assert back.status_code == 403

    async def test_nobody_on_duty_is_a_409(self, client: AsyncClient, office: Office) -> None:
        response = await client.post(f"{office.base}/rotation/next", json={}, headers=office.sup.headers)
        assert response.status_code == 409 and response.json()["code"] == "nobody_on_duty"

    async def test_a_new_walk_in_with_a_phone_is_registered_to_whoever_takes_the_turn(
        self, client: AsyncClient, office: Office
    ) -> None:
        await _roster(client, office, office.c1, office.c2)
        result = await _next(client, office, phone="139 0000 1111", name="吴先生", party_size=2)
        assert result["turn"]["kind"] == "turn"
        assert result["customer"]["owner"]["id"] == str(office.c1.user.id)
        assert result["visit"]["kind"] == "first" and result["visit"]["via_rotation"] is True
        missing_name = await client.post(
            f"{office.base}/rotation/next", json={"phone": "13900002222"}, headers=office.sup.headers
        )
        assert missing_name.status_code == 422 and missing_name.json()["errors"][0]["field"] == "name"

    async def test_a_returning_customer_goes_to_the_owner_without_using_a_turn(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        customer = await cf.create_customer(session, project=office.project, owner=office.c2.user)
        await _roster(client, office, office.c1, office.c2)
        returning = await _next(client, office, phone=customer.phone)
        assert returning["turn"]["kind"] == "returning"
        assert returning["turn"]["consultant"]["id"] == str(office.c2.user.id)
        assert returning["visit"]["consultant_id"] == str(office.c2.user.id)
        # Nobody's turn was used: c1 is still next.
        assert (await _next(client, office))["turn"]["consultant"]["id"] == str(office.c1.user.id)

    async def test_an_absent_owners_customer_is_received_on_their_behalf(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        customer = await cf.create_customer(session, project=office.project, owner=office.c2.user)
        roster = await _roster(client, office, office.c1, office.c2)
        await client.patch(
            f"/roster-entries/{roster['entries'][1]['id']}",
            json={"status": "absent"},
            headers=office.sup.headers,
        )
        result = await _next(client, office, phone=customer.phone)
        assert result["turn"]["kind"] == "on_behalf"
        assert result["turn"]["consultant"]["id"] == str(office.c1.user.id)
        assert result["turn"]["on_behalf_of"]["id"] == str(office.c2.user.id)
        assert result["visit"]["on_behalf_of_id"] == str(office.c2.user.id)
        assert result["customer"]["owner"]["id"] == str(office.c2.user.id)  # ownership does not move
        # The stand-in's turn was not used either.
        assert (await _next(client, office))["turn"]["consultant"]["id"] == str(office.c1.user.id)


class TestRotationUnderConcurrency:
    async def test_fifty_concurrent_presses_hand_out_turns_in_order(
        self, committed_database: Database
    ) -> None:
        async with committed_database.session() as session:
            org = await f.create_organization(session)
            project = await f.create_project(session, organization=org)
            supervisor, headers = await f.create_member(session, project=project, role=ProjectRole.supervisor)
            consultants = [
                (await f.create_member(session, project=project, role=ProjectRole.consultant))[0]
                for _ in range(4)
            ]
            for position, user in enumerate(consultants, start=1):
                await cf.create_roster_entry(
                    session, project=project, user=user, position=position, work_date=cf.today()
                )
            # One on a break: the rotation must skip them every time.
            await cf.create_roster_entry(
                session,
                project=project,
                user=supervisor,
                position=5,
                work_date=cf.today(),
                status=DutyStatus.on_break,
            )
            await session.commit()
            project_id = project.id

        app = create_app(
            Settings(database_url="postgresql+psycopg://unused/unused", anchang_env="test"),
            committed_database,
        )
        async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test/api/v1") as client:
            responses = await asyncio.gather(
                *(
                    client.post(f"/projects/{project_id}/rotation/next", json={}, headers=headers)
                    for _ in range(50)
                )
            )
        assert [r.status_code for r in responses] == [200] * 50, [
            r.text for r in responses if r.status_code != 200
        ]
        sequences = sorted(r.json()["turn"]["sequence"] for r in responses)
        assert sequences == list(range(1, 51))  # no turn handed out twice, none lost

        async with committed_database.session() as session:
            turns = (
                await session.scalars(
                    select(RotationTurn)
                    .where(RotationTurn.project_id == project_id)
                    .order_by(RotationTurn.sequence)
                )
            ).all()
        order = [t.consultant_id for t in turns]
        expected = [consultants[i % 4].id for i in range(50)]
        assert order == expected  # strictly round the roster, nobody skipped, the one on a break never
        counts = {uid: order.count(uid) for uid in set(order)}
        assert sorted(counts.values()) == [12, 12, 13, 13]
        assert uuid.UUID(int=0) not in counts
