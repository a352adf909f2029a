"""One lean-read statement's database time, as the app runs it: prepared, as the app role (row-level
security on), on a database `bench/routes.py` filled.

For changes to a statement itself (a CTE instead of two scans, another index), where the whole
benchmark's rounds swing more than the change: this runs the statement a read module builds for a
demo user with the values given, ten times to let psycopg prepare it, then `--calls` more, and prints
the time per call (the client's wall clock: the server's execution plus one local round trip) and
the rows it returned.

    PYTHONPATH=$PWD/backend .venv/bin/python bench/statement.py DATABASE_URL \\
        anchang.deals.receivables:receivable_page '{"overdue": false}' '{"today": "2026-12-03"}' \\
        [--as sup@a.demo] [--calls 200] [--page due_on,id]

`project_id` and `customer_id`, when the statement takes them, default to the first of the demo
project's (as `bench/routes.py` picks them). `--page` pages it by those of its selected columns, as
`read_page` does, with a limit of 20.
"""

import argparse
import importlib
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.append(str(ROOT / "backend"))  # after PYTHONPATH: another tree's backend may be measured

from anchang.core.config import get_settings  # noqa: E402
from anchang.core.pagination import _page_statement  # noqa: E402
from anchang.core.reader import Prepared  # noqa: E402
from anchang.core.repository import NO_SESSION  # noqa: E402
from anchang.core.security import Principal  # noqa: E402
from anchang.core.tenant_guard import connection_options  # noqa: E402


def main(
    url: str, builder: str, shape: dict[str, Any], values: dict[str, Any], who: str, calls: int, page: str
) -> None:
    """Run the statement as `who` and print its time per prepared call."""
    url = url.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(url, autocommit=True) as admin:
        user_id, organization_id, is_admin = admin.execute(
            "SELECT id, organization_id, is_admin FROM users WHERE email = %s", (who,)
        ).fetchone() or (None, None, None)
        if user_id is None:
            raise SystemExit(f"no user {who}")
        project = admin.execute("SELECT id FROM projects ORDER BY created_at, id LIMIT 1").fetchone()
        customer = admin.execute(
            "SELECT id FROM customers WHERE project_id = %s ORDER BY created_at, id LIMIT 1", project
        ).fetchone()
    module, name = builder.split(":")
    statement = getattr(importlib.import_module(module), name)(
        Principal(user_id, organization_id, is_admin, NO_SESSION), **shape
    )
    if page:
        columns = tuple(statement.selected_columns[key] for key in page.split(","))
        statement = _page_statement(statement, columns, None, False, False)
        values["page_limit"] = 21
    plan = Prepared(statement)
    defaults = {
        "project_id": project[0] if project else None,
        "customer_id": customer[0] if customer else None,
    }
    values = {**{k: v for k, v in defaults.items() if k in plan.names}, **values}
    params = plan.params(values)
    options = connection_options(get_settings().db_app_role) + str(organization_id)
    with psycopg.connect(url, autocommit=True, options=options) as conn:
        # Numbered SQL ($1) since the raw-cursor change; a tree before it compiles %(name)s SQL.
        cursor: Any = psycopg.Cursor(conn) if isinstance(params, dict) else psycopg.RawCursor(conn)
        for _ in range(10):
            rows = cursor.execute(plan.sql, params, prepare=True).fetchall()
        times = []
        for _ in range(calls):
            started = time.perf_counter()
            cursor.execute(plan.sql, params, prepare=True).fetchall()
            times.append(time.perf_counter() - started)
    print(
        f"{builder} {json.dumps(shape)}: {len(rows)} rows, median {1000 * statistics.median(times):.3f} ms, "
        f"mean {1000 * statistics.fmean(times):.3f} ms a call over {calls} prepared calls, as {who}"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="the database bench/routes.py filled (anchang_bench), as a libpq URL")
    parser.add_argument("builder", help="module:function, a @per_caller statement builder")
    parser.add_argument("shape", nargs="?", default="{}", help="its shape arguments, as JSON")
    parser.add_argument("values", nargs="?", default="{}", help="the statement's values, as JSON")
    parser.add_argument("--as", dest="who", default="sup@a.demo")
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--page", default="", help="page it by these columns (comma-separated)")
    args = parser.parse_args()
    main(
        args.url,
        args.builder,
        json.loads(args.shape),
        json.loads(args.values),
        args.who,
        args.calls,
        args.page,
    )
