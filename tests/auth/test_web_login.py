"""The web app's login: the refresh token lives in an HttpOnly cookie and never reaches a script."""

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.auth.router import REFRESH_COOKIE
from tests import factories as f


async def _web_login(client: AsyncClient, email: str):  # type: ignore[no-untyped-def]
    return await client.post("/auth/web/token", data={"username": email, "password": f.PASSWORD})


def _cookie_header(response) -> str:  # type: ignore[no-untyped-def]
    [header] = [v for k, v in response.headers.multi_items() if k == "set-cookie"]
    return str(header)


class TestWebLogin:
    async def test_the_refresh_token_comes_only_as_an_httponly_strict_cookie(
        self, client: AsyncClient, session: AsyncSession
    ):
        org = await f.create_organization(session)
        user = await f.create_user(session, organization=org)
        response = await _web_login(client, user.email)
        assert response.status_code == 200, response.text
        body = response.json()
        assert set(body) == {"access_token", "token_type", "expires_in"}  # no refresh token in the body
        cookie = _cookie_header(response)
        assert cookie.startswith(f"{REFRESH_COOKIE}=rt_")
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/api/v1/auth/web" in cookie
        me = await client.get("/me", headers={"Authorization": f"Bearer {body['access_token']}"})
        assert me.json()["user"]["id"] == str(user.id)

    async def test_refresh_rotates_the_cookie_and_a_spent_one_ends_the_login(
        self, client: AsyncClient, session: AsyncSession
    ):
        org = await f.create_organization(session)
        user = await f.create_user(session, organization=org)
        await _web_login(client, user.email)
        first = client.cookies.get(REFRESH_COOKIE, path="/api/v1/auth/web")
        assert first

        refreshed = await client.post("/auth/web/refresh")  # the client sends the cookie back by itself
        assert refreshed.status_code == 200, refreshed.text
        assert set(refreshed.json()) == {"access_token", "token_type", "expires_in"}
        second = client.cookies.get(REFRESH_COOKIE, path="/api/v1/auth/web")
        assert second and second != first

        # Someone replays the spent cookie: the whole login ends, the current cookie included.
        client.cookies.clear()
        client.cookies.set(REFRESH_COOKIE, first, path="/api/v1/auth/web")
        replayed = await client.post("/auth/web/refresh")
        assert replayed.status_code == 401 and replayed.json()["code"] == "refresh_token_reused"
        client.cookies.clear()
        client.cookies.set(REFRESH_COOKIE, second, path="/api/v1/auth/web")
        assert (await client.post("/auth/web/refresh")).status_code == 401

    async def test_refresh_without_the_cookie_is_a_401_problem(self, client: AsyncClient):
        response = await client.post("/auth/web/refresh")
        assert response.status_code == 401
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["code"] == "invalid_refresh_token"

    async def test_logout_revokes_the_login_and_removes_the_cookie(
        self, client: AsyncClient, session: AsyncSession
    ):
        org = await f.create_organization(session)
        user = await f.create_user(session, organization=org)
        login = (await _web_login(client, user.email)).json()
        cookie = client.cookies.get(REFRESH_COOKIE, path="/api/v1/auth/web")
        out = await client.post(
            "/auth/web/logout", headers={"Authorization": f"Bearer {login['access_token']}"}
        )
        assert out.status_code == 204
        assert 'anchang_refresh=""' in _cookie_header(out) and "Max-Age=0" in _cookie_header(out)
        client.cookies.set(REFRESH_COOKIE, cookie or "", path="/api/v1/auth/web")
        assert (await client.post("/auth/web/refresh")).status_code == 401

    async def test_over_https_the_cookie_is_secure_and_over_http_it_is_not(
        self, client: AsyncClient, session: AsyncSession
    ):
        org = await f.create_organization(session)
        user = await f.create_user(session, organization=org)
        plain = await _web_login(client, user.email)
        assert "Secure" not in _cookie_header(plain)  # a LAN install over http must still log in
        transport = client._transport  # the same app and test transaction, reached as https
        async with AsyncClient(transport=transport, base_url="https://test/api/v1") as tls:
            secure = await _web_login(tls, user.email)
        assert "Secure" in _cookie_header(secure)
