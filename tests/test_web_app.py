"""The built web app as `make run` serves it: client-side routes get the shell, with its security headers."""

import gzip
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


async def test_scripts_go_compressed_to_a_browser_that_takes_gzip(tmp_path: Path) -> None:
    script = b"console.log('anchang');\n" * 200
    (tmp_path / "index.html").write_text("<!doctype html><div id=root></div>", encoding="utf-8")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "app.js").write_bytes(script)
    (tmp_path / "assets" / "app.js.gz").write_bytes(gzip.compress(script))
    settings = Settings(
        database_url="postgresql+psycopg://unused/unused", anchang_env="test", spa_dir=tmp_path
    )
    app = create_app(settings, database=Database.__new__(Database))
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client:
        zipped = await client.get("/assets/app.js", headers={"Accept-Encoding": "gzip"})
        plain = await client.get("/assets/app.js", headers={"Accept-Encoding": "identity"})
    assert zipped.status_code == 200 and zipped.headers["content-encoding"] == "gzip"
    assert zipped.headers["content-type"].startswith("text/javascript")
    assert zipped.headers["content-security-policy"] == SPA_SECURITY_HEADERS["Content-Security-Policy"]
    assert int(zipped.headers["content-length"]) < len(script) / 10
    assert zipped.content == script  # httpx inflates it: the same script
    assert "content-encoding" not in plain.headers and plain.content == script
