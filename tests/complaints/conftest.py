"""Fixtures of the complaint tests: the inventory site (a project with one member per role), and a way
to file a complaint over the API as a member."""

from typing import Any

import pytest
from httpx import AsyncClient

from tests.inventory.site import Site, site

__all__ = ["Site", "site"]


def complaint_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "source": "customer",
        "channel": "on_site",
        "category": "service",
        "severity": "minor",
        "title": "没人接待",
        "description": "客户在前台等了一个小时没人接待。",
    }
    body.update(overrides)
    return body


@pytest.fixture
def file(client: AsyncClient, site: Site) -> Any:
    """File a complaint as `role` (default: the consultant); returns the complaint's JSON (201)."""

    async def filing(role: str = "consultant", **overrides: Any) -> dict[str, Any]:
        response = await client.post(
            f"/projects/{site.project.id}/complaints",
            json=complaint_body(**overrides),
            headers=site.headers[role],
        )
        assert response.status_code == 201, response.text
        complaint: dict[str, Any] = response.json()
        return complaint

    return filing


@pytest.fixture
def act(client: AsyncClient, site: Site) -> Any:
    """Act on a complaint as `role`; returns the response."""

    async def acting(complaint_id: str, role: str, **body: Any) -> Any:
        return await client.post(f"/complaints/{complaint_id}/actions", json=body, headers=site.headers[role])

    return acting
