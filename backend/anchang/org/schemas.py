"""Request and response bodies of the organization domain."""

import uuid
from typing import Annotated

from pydantic import EmailStr, Field, field_validator

from anchang.core.roles import ProjectRole
from anchang.core.schemas import Record, RequestModel, ResponseModel
from anchang.org.models import MemberGrade

Name = Annotated[str, Field(min_length=1, max_length=100)]
Password = Annotated[str, Field(min_length=8, max_length=128, description="At least 8 characters")]
PhoneText = Annotated[str, Field(min_length=5, max_length=32, pattern=r"^[0-9+\-() ]+$")]


def _valid_timezone(value: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError("is not an IANA time zone such as Asia/Shanghai") from exc
    return value


class Organization(ResponseModel):
    id: uuid.UUID
    name: str
    slug: str


class User(Record):
    email: str
    full_name: str
    phone: str | None
    is_admin: bool
    is_active: bool


class UserCreate(RequestModel):
    email: EmailStr
    full_name: Name
    phone: PhoneText | None = None
    password: Password
    is_admin: bool = False


class UserUpdate(RequestModel):
    full_name: Name | None = None
    phone: PhoneText | None = None
    password: Password | None = None
    is_admin: bool | None = None
    is_active: bool | None = None


class Developer(Record):
    name: str
    contact_name: str | None
    contact_phone: str | None


class DeveloperCreate(RequestModel):
    name: Annotated[str, Field(min_length=1, max_length=200)]
    contact_name: Name | None = None
    contact_phone: PhoneText | None = None


class DeveloperUpdate(RequestModel):
    name: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    contact_name: Name | None = None
    contact_phone: PhoneText | None = None


class Project(Record):
    developer_id: uuid.UUID
    name: str
    code: str
    city: str | None
    address: str | None
    timezone: str
    is_active: bool


ProjectCode = Annotated[
    str, Field(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9_-]+$", description="Short code, e.g. HX-01")
]


class ProjectCreate(RequestModel):
    developer_id: uuid.UUID
    name: Annotated[str, Field(min_length=1, max_length=200)]
    code: ProjectCode
    city: Annotated[str, Field(max_length=64)] | None = None
    address: Annotated[str, Field(max_length=300)] | None = None
    timezone: str = "Asia/Shanghai"

    _tz = field_validator("timezone")(_valid_timezone)


class ProjectUpdate(RequestModel):
    name: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    code: ProjectCode | None = None
    city: Annotated[str, Field(max_length=64)] | None = None
    address: Annotated[str, Field(max_length=300)] | None = None
    timezone: str | None = None
    is_active: bool | None = None

    @field_validator("timezone")
    @classmethod
    def _tz(cls, value: str | None) -> str | None:
        return None if value is None else _valid_timezone(value)


class MemberUser(ResponseModel):
    id: uuid.UUID
    email: str
    full_name: str


class Member(Record):
    project_id: uuid.UUID
    user_id: uuid.UUID
    role: ProjectRole
    grade: MemberGrade | None = Field(description="定级: sets a consultant's commission rate (none: trainee)")
    supervisor_id: uuid.UUID | None = Field(description="The consultant's team: their supervisor (销售主管)")
    user: MemberUser


class MemberCreate(RequestModel):
    user_id: uuid.UUID
    role: ProjectRole


class MemberUpdate(RequestModel):
    """The role, the grade, the team, or several; `"grade": null` clears the grade and
    `"supervisor_id": null` the team. Site managers may change the team only."""

    role: ProjectRole | None = None
    grade: MemberGrade | None = None
    supervisor_id: uuid.UUID | None = None


class Membership(ResponseModel):
    project_id: uuid.UUID
    project_name: str
    project_code: str
    role: ProjectRole


class Me(ResponseModel):
    """The caller: who they are, their organization, and their role in each project."""

    user: User
    organization: Organization
    memberships: list[Membership]
