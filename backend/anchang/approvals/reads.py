"""Approvals on the lean read path (core/reads.py): the inbox one statement per page, one request one
statement with its access (`ApprovalViewRepository`). Who asked and who decided are named by the org
domain's subqueries, and the caller's role in each row's project comes with the row, so the allowed
actions and the floor secrecy are decided in the row loop by this domain's policy, as for the session
path's `_shown`."""

import uuid
from typing import Any

from sqlalchemy import bindparam

from anchang.approvals import repository as repo
from anchang.approvals.models import Approval, ApprovalStatus
from anchang.approvals.policy import FLOOR_SECRETS, approval_actions
from anchang.core.access import ProjectAccess, effective_role
from anchang.core.pagination import PageParams, read_page
from anchang.core.reader import Reader, Row
from anchang.core.reads import per_caller
from anchang.core.repository import AnySelect
from anchang.core.roles import ProjectRole, sees_floor_price
from anchang.core.security import Principal
from anchang.org import service as org

SHOWN_COLUMNS = (
    *("id", "created_at", "updated_at", "version", "project_id", "kind", "subject_id", "required_role"),
    *("status", "title", "summary", "requested_by", "request_comment", "decided_by", "decided_at"),
    "decision_comment",
)


def _named(caller: Principal) -> list[Any]:
    return [
        org.user_name_of(caller, Approval.requested_by).label("requested_by_name"),
        org.user_name_of(caller, Approval.decided_by).label("decided_by_name"),
    ]


@per_caller
def inbox(caller: Principal, *, status: bool, project: bool) -> AnySelect:
    """The requests the caller may read (the repository's row rule), with who asked and decided and the
    caller's role in each one's project; bind parameters `status` and `project_id` when filtered."""
    statement = (
        repo.ApprovalRepository(None, caller)
        .readable()
        .with_only_columns(
            *(getattr(Approval, name) for name in SHOWN_COLUMNS),
            *_named(caller),
            org.caller_role_in(caller, Approval.project_id).label("caller_role"),
        )
    )
    if status:
        statement = statement.where(Approval.status == bindparam("status", type_=Approval.status.type))
    if project:
        statement = statement.where(Approval.project_id == bindparam("project_id"))
    return statement


@per_caller
def approval_with_names(caller: Principal) -> AnySelect:
    """The readable request `:id` with who asked for and who decided it."""
    return repo.ApprovalRepository(None, caller).readable_by_id().add_columns(*_named(caller))


class ApprovalViewRepository(repo.ApprovalRepository):
    """Requests as `GET /approvals/{id}` reads them: the request, the names it shows and the caller's
    access to its project in one statement (the route's `entity_role`)."""

    def readable_by_id(self) -> AnySelect:
        return approval_with_names(self.principal)


def shown(row: Row, role: ProjectRole | None) -> Row:
    """A request as a caller acting in `role` in its project may see it: what they may do with it, and
    nothing of the floor price for whoever may not know it (the level would say as much)."""
    actions = approval_actions(row, role)
    row["can_decide"] = bool(actions)
    row["allowed_actions"] = actions
    if not sees_floor_price(role):
        row["required_role"] = "approval"
        row["summary"] = {k: v for k, v in row.summary.items() if k not in FLOOR_SECRETS}
    return row


async def list_approvals(
    reader: Reader,
    principal: Principal,
    page: PageParams,
    *,
    status: ApprovalStatus | None,
    project_id: uuid.UUID | None,
) -> tuple[list[Row], str | None]:
    """The inbox: the requests the caller may read, as shown to them, a page at a time."""
    values: dict[str, Any] = {}
    if status is not None:
        values["status"] = status
    if project_id is not None:
        values["project_id"] = project_id
    statement = inbox(principal, status=status is not None, project=project_id is not None)
    rows, cursor = await read_page(
        reader,
        statement,
        page,
        values,
        order_by=[Approval.created_at, Approval.id],
        updated_at=Approval.updated_at,
    )
    for row in rows:
        shown(row, effective_role(principal, row.pop("caller_role")))
    return rows, cursor


def read_approval(approval: Row, access: ProjectAccess) -> Row:
    """One request, read with its names by `ApprovalViewRepository` (the route's dependency), as shown
    to a caller with `access` to its project."""
    row = Row((name, approval[name]) for name in (*SHOWN_COLUMNS, "requested_by_name", "decided_by_name"))
    return shown(row, access.role)
