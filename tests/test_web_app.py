"""The built web app as `make run` serves it: client-side routes get the shell, with its security headers."""

from pathlib import Path

from httpx import ASGITransport, AsyncClient

from anchang.core.config import Settings
from anchang.core.db import Database
from anchang.main import SPA_SECURITY_HEADERS, create_app


async def test_the_shell_and_its_bundles_carry_the_security_headers(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<!doctype html><div id=root></div>", encoding="utf-8")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "app.js").write_text("console.log(1)", encoding="utf-8")
    settings = Settings(
        database_url="postgresql+psycopg://unused/unused", anchang_env="test", spa_dir=tmp_path
    )
    app = create_app(settings, database=Database.__new__(Database))
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client:
        for path in ("/", "/projects/abc/board", "/assets/app.js"):
            response = await client.get(path)
            assert response.status_code == 200, path
            for name, value in SPA_SECURITY_HEADERS.items():
                assert response.headers[name] == value, (path, name)
        shell = await client.get("/customers/123")
        assert "id=root" in shell.text  # a client-side route gets the app's shell
    assert "script-src 'self'" in SPA_SECURITY_HEADERS["Content-Security-Policy"]
