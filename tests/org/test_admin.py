"""Admin endpoints: users, developers, projects and members, with their role rules and validation."""

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.roles import ProjectRole
from tests import factories as f


class TestUsers:
    async def test_admin_creates_a_user_who_can_then_log_in(self, client: AsyncClient, session: AsyncSession):
        org = await f.create_organization(session)
        admin = await f.create_user(session, organization=org, is_admin=True)
        created = await client.post(
            "/users",
            json={
                "email": "Wang.Li@Example.com",
                "full_name": "王丽",
                "password": "s3cret-pass",
                "phone": "139 1234 5678",
            },
            headers=f.auth_headers(admin),
        )
        assert created.status_code == 201, created.text
        assert created.json()["email"] == "wang.li@example.com"
        assert "password" not in created.text and "password_hash" not in created.text
        login = await client.post(
            "/auth/token", data={"username": "wang.li@example.com", "password": "s3cret-pass"}
        )
        assert login.status_code == 200

    async def test_an_email_is_one_user_across_organizations(
        self, client: AsyncClient, session: AsyncSession
    ):
        org = await f.create_organization(session)
        other = await f.create_organization(session)
        await f.create_user(session, organization=other, email="taken@example.com")
        admin = await f.create_user(session, organization=org, is_admin=True)
        response = await client.post(
            "/users",
            json={"email": "TAKEN@example.com", "full_name": "x", "password": "long-enough"},
            headers=f.auth_headers(admin),
        )
        assert response.status_code == 409 and response.json()["code"] == "email_taken"
        assert "taken@example.com" not in response.text.lower()  # no more said than necessary

    async def test_probing_emails_by_creating_users_is_throttled(
        self, client: AsyncClient, session: AsyncSession
    ):
        org = await f.create_organization(session)
        other = await f.create_organization(session)
        await f.create_user(session, organization=other, email="probe@example.com")
        admins = [await f.create_user(session, organization=org, is_admin=True) for _ in range(2)]
        body = {"email": "probe@example.com", "full_name": "x", "password": "long-enough"}
        for i in range(20):  # shared by the organization's admins
            response = await client.post("/users", json=body, headers=f.auth_headers(admins[i % 2]))
            assert response.status_code == 409, response.text
        response = await client.post("/users", json=body, headers=f.auth_headers(admins[0]))
        assert response.status_code == 429 and response.json()["code"] == "user_creation_throttled"
        assert 1 <= int(response.headers["Retry-After"]) <= 61
        elsewhere = await f.create_user(session, organization=other, is_admin=True)
        response = await client.post("/users", json=body, headers=f.auth_headers(elsewhere))
        assert response.status_code == 409

    async def test_only_admins_create_or_change_users(self, client: AsyncClient, session: AsyncSession):
        org = await f.create_organization(session)
        project = await f.create_project(session, organization=org)
        pm, headers = await f.create_member(session, project=project, role=ProjectRole.project_manager)
        body = {"email": "a@example.com", "full_name": "x", "password": "long-enough"}
        assert (await client.post("/users", json=body, headers=headers)).status_code == 403
        assert (
            await client.patch(f"/users/{pm.id}", json={"is_admin": True}, headers=headers)
        ).status_code == 403

    async def test_deactivated_users_cannot_log_in_and_admins_cannot_lock_themselves_out(
        self, client: AsyncClient, session: AsyncSession
    ):
        org = await f.create_organization(session)
        admin = await f.create_user(session, organization=org, is_admin=True)
        user = await f.create_user(session, organization=org)
        headers = f.auth_headers(admin)
        assert (
            await client.patch(f"/users/{user.id}", json={"is_active": False}, headers=headers)
        ).status_code == 200
        login = await client.post("/auth/token", data={"username": user.email, "password": f.PASSWORD})
        assert login.status_code == 401
        me = await client.patch(f"/users/{admin.id}", json={"is_active": False}, headers=headers)
        assert me.status_code == 409 and me.json()["code"] == "cannot_change_self"

    async def test_null_for_a_required_field_names_it(self, client: AsyncClient, session: AsyncSession):
        org = await f.create_organization(session)
        admin = await f.create_user(session, organization=org, is_admin=True)
        user = await f.create_user(session, organization=org)
        response = await client.patch(
            f"/users/{user.id}", json={"full_name": None}, headers=f.auth_headers(admin)
        )
        assert response.status_code == 422
        assert response.json()["errors"] == [{"field": "full_name", "message": "cannot be null"}]


class TestProjects:
    async def test_admin_creates_a_project_for_a_developer(self, client: AsyncClient, session: AsyncSession):
        org = await f.create_organization(session)
        admin = await f.create_user(session, organization=org, is_admin=True)
        developer = await f.create_developer(session, organization=org)
        response = await client.post(
            "/projects",
            json={"developer_id": str(developer.id), "name": "滨江壹号", "code": "BJ-1", "city": "杭州"},
            headers=f.auth_headers(admin),
        )
        assert response.status_code == 201, response.text
        project = response.json()
        assert project["timezone"] == "Asia/Shanghai" and response.headers["etag"] == '"v1"'
        listed = (await client.get("/projects", headers=f.auth_headers(admin))).json()["items"]
        assert project["id"] in [p["id"] for p in listed]

    async def test_codes_are_unique_and_time_zones_real(self, client: AsyncClient, session: AsyncSession):
        org = await f.create_organization(session)
        admin = await f.create_user(session, organization=org, is_admin=True)
        project = await f.create_project(session, organization=org, code="DUP")
        body = {"developer_id": str(project.developer_id), "name": "x", "code": "DUP"}
        dup = await client.post("/projects", json=body, headers=f.auth_headers(admin))
        assert dup.status_code == 409 and dup.json()["code"] == "project_code_taken"
        bad_tz = await client.post(
            "/projects",
            json={**body, "code": "NEW", "timezone": "Mars/Olympus"},
            headers=f.auth_headers(admin),
        )
        assert bad_tz.status_code == 422 and bad_tz.json()["errors"][0]["field"] == "timezone"

    async def test_project_managers_edit_their_project_others_may_not(
        self, client: AsyncClient, session: AsyncSession
    ):
        org = await f.create_organization(session)
        project = await f.create_project(session, organization=org)
        _, pm = await f.create_member(session, project=project, role=ProjectRole.project_manager)
        _, consultant = await f.create_member(session, project=project, role=ProjectRole.consultant)
        ok = await client.patch(f"/projects/{project.id}", json={"city": "苏州"}, headers=pm)
        assert ok.status_code == 200 and ok.json()["city"] == "苏州"
        denied = await client.patch(f"/projects/{project.id}", json={"city": "无锡"}, headers=consultant)
        assert denied.status_code == 403
        assert (await client.get(f"/projects/{project.id}", headers=consultant)).json()["city"] == "苏州"


class TestMembers:
    async def test_a_project_manager_staffs_the_project(self, client: AsyncClient, session: AsyncSession):
        org = await f.create_organization(session)
        project = await f.create_project(session, organization=org)
        _, pm = await f.create_member(session, project=project, role=ProjectRole.project_manager)
        newcomer = await f.create_user(session, organization=org, full_name="新顾问")
        added = await client.post(
            f"/projects/{project.id}/members",
            json={"user_id": str(newcomer.id), "role": "consultant"},
            headers=pm,
        )
        assert added.status_code == 201, added.text
        assert added.json()["user"]["full_name"] == "新顾问"
        again = await client.post(
            f"/projects/{project.id}/members",
            json={"user_id": str(newcomer.id), "role": "supervisor"},
            headers=pm,
        )
        assert again.status_code == 409 and again.json()["code"] == "already_member"
        member_id = added.json()["id"]
        promoted = await client.patch(
            f"/projects/{project.id}/members/{member_id}", json={"role": "supervisor"}, headers=pm
        )
        assert promoted.json()["role"] == "supervisor"
        listed = (await client.get(f"/projects/{project.id}/members", headers=pm)).json()["items"]
        assert {m["role"] for m in listed} == {"project_manager", "supervisor"}
        assert (
            await client.delete(f"/projects/{project.id}/members/{member_id}", headers=pm)
        ).status_code == 204
        assert len((await client.get(f"/projects/{project.id}/members", headers=pm)).json()["items"]) == 1

    async def test_consultants_may_not_staff_and_bad_roles_are_named(
        self, client: AsyncClient, session: AsyncSession
    ):
        org = await f.create_organization(session)
        project = await f.create_project(session, organization=org)
        _, consultant = await f.create_member(session, project=project, role=ProjectRole.consultant)
        _, pm = await f.create_member(session, project=project, role=ProjectRole.project_manager)
        someone = await f.create_user(session, organization=org)
        body = {"user_id": str(someone.id), "role": "consultant"}
        assert (
            await client.post(f"/projects/{project.id}/members", json=body, headers=consultant)
        ).status_code == 403
        bad = await client.post(f"/projects/{project.id}/members", json={**body, "role": "boss"}, headers=pm)
        assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "role"

    async def test_members_of_another_organization_cannot_be_added(
        self, client: AsyncClient, session: AsyncSession
    ):
        org = await f.create_organization(session)
        project = await f.create_project(session, organization=org)
        _, pm = await f.create_member(session, project=project, role=ProjectRole.project_manager)
        stranger = await f.create_user(session, organization=await f.create_organization(session))
        response = await client.post(
            f"/projects/{project.id}/members",
            json={"user_id": str(stranger.id), "role": "consultant"},
            headers=pm,
        )
        assert response.status_code == 404 and response.json()["code"] == "user_not_found"


class TestFinding:
    async def test_users_are_found_by_part_of_name_or_email_and_by_state(
        self, client: AsyncClient, session: AsyncSession
    ):
        org = await f.create_organization(session)
        admin = await f.create_user(session, organization=org, is_admin=True, full_name="管理员")
        await f.create_user(session, organization=org, full_name="王小明", email="xiaoming@example.com")
        await f.create_user(session, organization=org, full_name="李雷", email="lilei_100%@example.com")
        await f.create_user(session, organization=org, full_name="王芳", is_active=False)
        headers = f.auth_headers(admin)

        async def names(**params: object) -> set[str]:
            response = await client.get("/users", params=params, headers=headers)
            return {u["full_name"] for u in response.json()["items"]}

        assert await names(q="王") == {"王小明", "王芳"}
        assert await names(q="XIAOMING") == {"王小明"}
        assert await names(q="100%") == {"李雷"}  # % and _ are matched literally
        assert await names(q="_") == {"李雷"}
        assert await names(q="王", is_active="true") == {"王小明"}
        assert await names(is_active="false") == {"王芳"}

    async def test_a_member_reads_one_membership_with_its_etag(
        self, client: AsyncClient, session: AsyncSession
    ):
        org = await f.create_organization(session)
        project = await f.create_project(session, organization=org)
        user, headers = await f.create_member(session, project=project, role=ProjectRole.consultant)
        listed = (await client.get(f"/projects/{project.id}/members", headers=headers)).json()["items"]
        one = await client.get(f"/projects/{project.id}/members/{listed[0]['id']}", headers=headers)
        assert one.status_code == 200 and one.headers["etag"] == '"v1"'
        assert one.json()["user"]["id"] == str(user.id)
        other = await f.create_project(session, organization=org)
        _, pm = await f.create_member(session, project=other, role=ProjectRole.project_manager)
        # A member id asked for under another project is not found there.
        assert (
            await client.get(f"/projects/{other.id}/members/{listed[0]['id']}", headers=pm)
        ).status_code == 404


class TestAdminRole:
    async def test_only_organization_admins_hold_the_admin_role_in_a_project(
        self, client: AsyncClient, session: AsyncSession
    ):
        org = await f.create_organization(session)
        project = await f.create_project(session, organization=org)
        _, pm = await f.create_member(session, project=project, role=ProjectRole.project_manager)
        plain = await f.create_user(session, organization=org)
        admin = await f.create_user(session, organization=org, is_admin=True)
        refused = await client.post(
            f"/projects/{project.id}/members", json={"user_id": str(plain.id), "role": "admin"}, headers=pm
        )
        assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "role"
        added = await client.post(
            f"/projects/{project.id}/members",
            json={"user_id": str(plain.id), "role": "consultant"},
            headers=pm,
        )
        promoted = await client.patch(
            f"/projects/{project.id}/members/{added.json()['id']}", json={"role": "admin"}, headers=pm
        )
        assert promoted.status_code == 422
        ok = await client.post(
            f"/projects/{project.id}/members", json={"user_id": str(admin.id), "role": "admin"}, headers=pm
        )
        assert ok.status_code == 201


class TestDemotedAdmins:
    async def test_an_admin_membership_counts_for_nothing_once_the_user_is_no_org_admin(
        self, client: AsyncClient, session: AsyncSession
    ):
        org = await f.create_organization(session)
        project = await f.create_project(session, organization=org)
        demoted = await f.create_user(session, organization=org, is_admin=False)
        # The membership row of someone who was an org admin when it was given.
        await f.add_member(session, project=project, user=demoted, role=f.ProjectRole.admin)
        headers = f.auth_headers(demoted)
        assert (await client.get(f"/projects/{project.id}", headers=headers)).status_code == 403
        changed = await client.patch(f"/projects/{project.id}", json={"name": "改名"}, headers=headers)
        assert changed.status_code == 403
        assert (await client.get("/me", headers=headers)).json()["memberships"] == []
