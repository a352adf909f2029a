"""Import benchmark: a 10,000-row CSV through POST /projects/{id}/units/import, dry run then for real.

.venv/bin/python bench/import_units.py [--rows 10000]
"""

import argparse
import time

import httpx
import psycopg

from inventory_common import csv_rows, database, login, new_project, start


def main(rows: int) -> None:
    url, libpq = database("anchang_bench_import")
    server = start(url)
    try:
        with httpx.Client(base_url=server.base, timeout=120) as client:
            admin = login(client, "admin@a.demo")
            project = new_project(client, admin, "IMPORT10K")
            pm = login(client, "pm@a.demo")
            per_building = 1000
            content = csv_rows(max(1, rows // per_building), 40, 25)
            print(f"file: {rows} rows, {len(content) / 1024:.0f} KiB")
            for dry_run in (True, False):
                started = time.perf_counter()
                r = client.post(
                    f"/projects/{project}/units/import",
                    params={"dry_run": str(dry_run).lower()},
                    files={"file": ("units.csv", content, "text/csv")},
                    headers=pm,
                )
                elapsed = time.perf_counter() - started
                r.raise_for_status()
                report = r.json()
                assert not report["errors"], report["errors"][:3]
                print(
                    f"{'dry run' if dry_run else 'import '}: {elapsed:5.2f} s  "
                    f"(created {report['created']}, buildings {report['buildings_created']})"
                )
            with psycopg.connect(libpq) as conn:
                row = conn.execute("SELECT count(*) FROM units WHERE project_id = %s", (project,)).fetchone()
            assert row is not None and row[0] == rows, row
            xlsx_started = time.perf_counter()
            r = client.get(f"/projects/{project}/board.xlsx", headers=pm)
            r.raise_for_status()
            took = time.perf_counter() - xlsx_started
            print(f"board.xlsx of {rows} units: {took:5.2f} s, {len(r.content) / 1024:.0f} KiB")
    finally:
        server.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10000)
    main(parser.parse_args().rows)
