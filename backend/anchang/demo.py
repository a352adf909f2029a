"""Demo data: two organizations, A and B, each with a developer, a project and one user per role.

Loaded by `make run` into an empty database (never when ANCHANG_ENV=production) and reset by
`make demo-reset`. Every login's password is `anchang-demo`.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from anchang.campaigns.demo import seed_campaigns
from anchang.closing.demo import seed_closes
from anchang.commission.agency_demo import seed_agency_fee
from anchang.commission.consultant_demo import seed_consultant_commission
from anchang.complaints.demo import seed_complaints
from anchang.core.roles import ProjectRole
from anchang.core.security import hash_password
from anchang.customers.demo import seed_customers
from anchang.deals.demo import seed_deals
from anchang.inventory.demo import seed_inventory
from anchang.org.models import Developer, Organization, Project, ProjectMember, User
from anchang.targets.demo import seed_targets
from anchang.wiring import wire

DEMO_PASSWORD = "anchang-demo"  # noqa: S105 - documented demo password


@dataclass(frozen=True)
class DemoUser:
    local: str
    full_name: str
    role: ProjectRole


DEMO_USERS = [
    DemoUser("admin", "管理员", ProjectRole.admin),
    DemoUser("pm", "项目经理 王建国", ProjectRole.project_manager),
    DemoUser("sm", "案场经理 李海燕", ProjectRole.site_manager),
    DemoUser("sup", "销售主管 张伟", ProjectRole.supervisor),
    DemoUser("c1", "置业顾问 陈晓", ProjectRole.consultant),
    DemoUser("c2", "置业顾问 刘洋", ProjectRole.consultant),
    DemoUser("fin", "财务 赵敏", ProjectRole.finance),
    DemoUser("dev", "甲方代表 孙立", ProjectRole.developer_rep),
]
DEMO_LOGINS = [f"{u.local}@{o}.demo" for o in ("a", "b") for u in DEMO_USERS]

_ORGS = {
    "a": ("安居房产代理（A）", "华润置地", "华府天地", "HFTD", "上海"),
    "b": ("锦城营销（B）", "万科地产", "翡翠公园", "FCGY", "成都"),
}


async def seed(session: AsyncSession) -> dict[str, uuid.UUID]:
    """Create the demo organizations; returns the ids of what tests and the browser need."""
    wire()  # the demo decides approvals (a rule, a plan…): their handlers must be there
    password_hash = hash_password(DEMO_PASSWORD)  # one hash for all: argon2 is slow on purpose
    ids: dict[str, uuid.UUID] = {}
    for slug, (org_name, developer_name, project_name, code, city) in _ORGS.items():
        org = Organization(id=uuid.uuid4(), name=org_name, slug=slug)
        session.add(org)
        await session.flush()
        developer = Developer(
            id=uuid.uuid4(), organization_id=org.id, name=developer_name, contact_name="销售部"
        )
        project = Project(
            id=uuid.uuid4(),
            organization_id=org.id,
            developer_id=developer.id,
            name=project_name,
            code=code,
            city=city,
            address=f"{city}市中心大道 88 号",
        )
        session.add_all([developer])
        await session.flush()
        session.add(project)
        await session.flush()
        for demo in DEMO_USERS:
            user = User(
                id=uuid.uuid4(),
                organization_id=org.id,
                email=f"{demo.local}@{slug}.demo",
                full_name=demo.full_name,
                password_hash=password_hash,
                is_admin=demo.role is ProjectRole.admin,
            )
            session.add(user)
            await session.flush()
            session.add(
                ProjectMember(organization_id=org.id, project_id=project.id, user_id=user.id, role=demo.role)
            )
            ids[f"{demo.local}@{slug}"] = user.id
        await session.flush()
        ids[f"org_{slug}"] = org.id
        ids[f"project_{slug}"] = project.id
        await seed_customers(session, org.id, project.id, ids)
        await seed_inventory(session, org.id, project.id, ids)
        await seed_deals(session, org.id, project.id, ids)
        await seed_complaints(session, org.id, project.id, ids)
        await seed_agency_fee(session, org.id, project.id, ids)
        await seed_consultant_commission(session, org.id, project.id, ids)
        await seed_targets(session, org.id, project.id, ids)
        await seed_campaigns(session, org.id, project.id, ids)
        await seed_closes(session, org.id, project.id, ids)
        ids[f"developer_{slug}"] = developer.id
    return ids


async def seed_if_empty(url: str) -> bool:
    engine = create_async_engine(url)
    try:
        async with async_sessionmaker(engine)() as session:
            if await session.scalar(select(func.count()).select_from(Organization)):
                return False
            await seed(session)
            await session.commit()
            return True
    finally:
        await engine.dispose()


async def reset_demo(url: str, migrate: Callable[[], None]) -> None:
    """Drop every table, migrate again, and load the demo data."""
    engine = create_async_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.execute(text("DROP SCHEMA public CASCADE"))
            await conn.execute(text("CREATE SCHEMA public"))
    finally:
        await engine.dispose()
    migrate()
    await seed_if_empty(url)
