"""Who reads, builds, closes and countersigns a daily close, and what the caller may do with one."""

from typing import Any, Literal

from anchang.closing.models import CloseStatus
from anchang.core.access import ProjectAccess
from anchang.core.roles import ProjectRole

R = ProjectRole
# The management, the supervisors, finance and the developer's rep read closes; consultants do not.
READERS = frozenset({R.admin, R.project_manager, R.site_manager, R.supervisor, R.finance, R.developer_rep})
# The site manager (or above) builds and closes the day.
CLOSERS = frozenset({R.admin, R.project_manager, R.site_manager})
# The two countersignatures, each by its role: the signature's name on the close.
SIGNATURES: dict[ProjectRole, Literal["finance", "developer"]] = {
    R.finance: "finance",
    R.developer_rep: "developer",
}
SIGNERS = frozenset(SIGNATURES)

Action = Literal["refresh", "close", "countersign"]


def signature_of(access: ProjectAccess) -> Literal["finance", "developer"] | None:
    """The signature the caller gives by their role, if any."""
    return SIGNATURES.get(access.role) if access.role is not None else None


def close_actions(close: Any, access: ProjectAccess) -> list[Action]:
    """What the caller may do with `close` now (a row or an ORM object): the buttons a client shows."""
    status = close["status"] if isinstance(close, dict) else close.status
    out: list[Action] = []
    if status == CloseStatus.open and access.allows(CLOSERS):
        out += ["refresh", "close"]
    signature = signature_of(access)
    if status == CloseStatus.closed and signature is not None:
        signed = (
            close[f"{signature}_signed_at"]
            if isinstance(close, dict)
            else getattr(close, f"{signature}_signed_at")
        )
        if signed is None:
            out.append("countersign")
    return out
