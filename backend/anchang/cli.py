"""`python -m anchang <command>`: serve, migrate, demo data, backup/restore, OpenAPI — what `make` calls."""

import argparse
import asyncio
import contextlib
import json
import os
import sys
from pathlib import Path
from typing import Any

from anchang.core.config import PROJECT_ROOT, Settings, get_settings

_embedded: Any = None  # the embedded server handle; kept alive so it stops when we exit


def database_url(settings: Settings, database: str = "anchang") -> str:
    """DATABASE_URL if set, else the embedded PostgreSQL (started now if needed)."""
    global _embedded
    if settings.database_url:
        return settings.database_url
    from anchang.core.embedded_pg import server_url, start_embedded_postgres

    if _embedded is None:
        _embedded = start_embedded_postgres(settings.data_dir)
    return server_url(_embedded, database)


def alembic_config(url: str) -> Any:
    from alembic.config import Config

    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def migrate(url: str, revision: str = "head", *, down: bool = False) -> None:
    from alembic import command

    if down:
        command.downgrade(alembic_config(url), revision)
    else:
        command.upgrade(alembic_config(url), revision)


def cmd_serve(args: argparse.Namespace) -> None:
    import uvicorn

    settings = get_settings()
    url = database_url(settings)
    os.environ["DATABASE_URL"] = url  # the workers read it
    get_settings.cache_clear()
    migrate(url)
    if not settings.is_production:
        from anchang.demo import seed_if_empty

        created = asyncio.run(seed_if_empty(url))
        print("Loaded the demo data." if created else "Demo data already present (reset: make demo-reset).")
    host, port = args.host or settings.host, args.port or settings.port
    workers = args.workers or settings.workers
    if not settings.is_production and not settings.spa_dir.joinpath("index.html").exists():
        print("Note: frontend/dist is missing; run `make build` for the web app. The API still runs.")
    print(f"\n  Anchang is at http://{host}:{port}/   (API docs: http://{host}:{port}/api/v1/docs)")
    if not settings.is_production:
        from anchang.demo import DEMO_LOGINS, DEMO_PASSWORD

        print(f"  Demo logins (password {DEMO_PASSWORD}): {', '.join(DEMO_LOGINS)}")
    print("  Stop with Ctrl-C.\n", flush=True)
    uvicorn.run(
        "anchang.main:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        reload=args.reload,
        reload_dirs=[str(PROJECT_ROOT / "backend")] if args.reload else None,
        log_config=None,
        access_log=False,
        forwarded_allow_ips=settings.forwarded_allow_ips,
    )


def cmd_worker(_: argparse.Namespace) -> None:
    from anchang.core.logging import configure_logging
    from anchang.integrations.worker import main

    settings = get_settings()
    configure_logging(settings.log_level)
    url = database_url(settings)
    print("Delivering webhooks. Stop with Ctrl-C.", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(main(url))


def cmd_migrate(args: argparse.Namespace) -> None:
    url = database_url(get_settings())
    migrate(url, args.revision, down=args.down)
    print(f"{'downgraded' if args.down else 'upgraded'} to {args.revision}")


def cmd_demo_reset(_: argparse.Namespace) -> None:
    settings = get_settings()
    if settings.is_production:
        sys.exit("Refusing: ANCHANG_ENV=production never gets demo data.")
    url = database_url(settings)
    from anchang.demo import reset_demo

    asyncio.run(reset_demo(url, lambda: migrate(url)))
    print("Demo data reset.")


def cmd_backup(args: argparse.Namespace) -> None:
    from anchang.core.backup import BackupError, backup, default_backup_path

    settings = get_settings()
    url = database_url(settings)
    try:
        target = Path(args.to) if args.to else default_backup_path()
        path = backup(url, target, embedded=not settings.database_url)
    except BackupError as error:
        sys.exit(f"Backup failed: {error}")
    print(path.resolve())


def cmd_restore(args: argparse.Namespace) -> None:
    from anchang.core.backup import BackupError, restore

    settings = get_settings()
    if settings.is_production and not args.yes:
        sys.exit("Refusing: ANCHANG_ENV=production; a restore replaces everything. Add --yes to go ahead.")
    url = database_url(settings)
    try:
        restore(url, Path(args.file), embedded=not settings.database_url)
    except BackupError as error:
        sys.exit(f"Restore failed, the database is unchanged: {error}")
    print(f"Restored {args.file}.")


def cmd_openapi(args: argparse.Namespace) -> None:
    from anchang.main import create_app

    spec = create_app(Settings(database_url="postgresql+psycopg://unused/unused")).openapi()
    text = json.dumps(spec, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="anchang")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="migrate, load demo data if empty, serve API and SPA")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--workers", type=int)
    serve.add_argument("--reload", action="store_true")
    serve.set_defaults(func=cmd_serve)
    sub.add_parser(
        "worker", help="deliver webhooks (also run inside `serve` unless WEBHOOK_WORKER_IN_API=0)"
    ).set_defaults(func=cmd_worker)
    mig = sub.add_parser("migrate", help="apply (or with --down, revert) migrations")
    mig.add_argument("revision", nargs="?", default="head")
    mig.add_argument("--down", action="store_true")
    mig.set_defaults(func=cmd_migrate)
    sub.add_parser("demo-reset", help="drop everything and load the demo data again").set_defaults(
        func=cmd_demo_reset
    )
    dump = sub.add_parser("backup", help="dump the database (pg_dump -Fc) and print the file's path")
    dump.add_argument("--to", help="the file to write (default: backups/anchang-<UTC time>.dump)")
    dump.set_defaults(func=cmd_backup)
    load = sub.add_parser("restore", help="replace everything in the database with a backup")
    load.add_argument("file")
    load.add_argument("--yes", action="store_true", help="needed with ANCHANG_ENV=production")
    load.set_defaults(func=cmd_restore)
    api = sub.add_parser("openapi", help="print the OpenAPI document")
    api.add_argument("--output", "-o")
    api.set_defaults(func=cmd_openapi)
    args = parser.parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()
