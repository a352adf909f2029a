"""The export of a project's customers as a workbook (site managers and above); every export is
written to the audit log, since it carries every phone in full."""

from io import BytesIO

from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.access import ProjectAccess
from anchang.core.audit import record_audit
from anchang.core.calendar import project_zone
from anchang.customers.common import users_by_id
from anchang.customers.models import Customer
from anchang.customers.repository import CustomerRepository

EXPORT_LIMIT = 100_000


async def export_customers(session: AsyncSession, access: ProjectAccess) -> bytes:
    """Every customer of the project as xlsx (site managers and above); the export itself is audited.
    Cells are written by `core.spreadsheet`: a name that looks like a formula stays text."""
    from openpyxl import Workbook

    from anchang.core import spreadsheet

    customers = CustomerRepository(session, access.principal)
    rows = list(
        (
            await session.scalars(
                customers.readable_of_project(access.project.id)
                .order_by(Customer.created_at, Customer.id)
                .limit(EXPORT_LIMIT)
            )
        ).all()
    )
    users = await users_by_id(session, access.principal, {c.owner_id for c in rows})
    zone = project_zone(access)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("客户 Customers")
    header = ["姓名 Name", "电话 Phone", "渠道 Channel", "意向 Intent", "阶段 Stage", "预算 Budget",
              "意向户型 Layouts", "置业顾问 Owner", "保护期至 Protected until",
              "登记时间 Registered"]  # fmt: skip
    spreadsheet.append(sheet, header)
    for c in rows:
        owner = users.get(c.owner_id) if c.owner_id else None
        spreadsheet.append(
            sheet,
            [
                c.name,
                c.phone,
                c.channel.value,
                c.intent.value if c.intent else "",
                c.stage.value,
                c.budget,
                ", ".join(c.wanted_layouts),
                owner.full_name if owner else "",
                c.protected_until.astimezone(zone).replace(tzinfo=None) if c.protected_until else None,
                c.created_at.astimezone(zone).replace(tzinfo=None),
            ],
        )
    out = BytesIO()
    book.save(out)
    record_audit(
        session.sync_session,
        action="export",
        entity_type="customers",
        entity_id=access.project.id,
        organization_id=access.principal.organization_id,
        after={"format": "xlsx", "rows": len(rows), "project_id": access.project.id},
    )
    await session.flush()
    return out.getvalue()
