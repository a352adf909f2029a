"""Customer search benchmark: name or part of a phone among 100,000 customers of one project.

Loads 100,000 customers (realistic surname frequencies, unique mobiles) and their search grams into a
database of its own (`anchang_bench_customers` on DATABASE_URL's server or the embedded one), then
times `GET /projects/{id}/customers?q=…` in process (FastAPI + service + SQL, one request at a time)
for several kinds of query, as a supervisor (who sees every customer) and as a consultant.

    .venv/bin/python bench/customers_search.py [--customers 100000] [--repeat 40]
"""

import argparse
import asyncio
import random
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "backend"))

DATABASE = "anchang_bench_customers"
# Surnames by share of the population (roughly), then a long tail.
SURNAMES = (
    "王" * 72 + "李" * 70 + "张" * 64 + "刘" * 53 + "陈" * 45 + "杨" * 31 + "黄" * 22 + "赵" * 20 + "吴" * 20
)
SURNAMES += (
    "周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚"
    "邵万钱严覃武戴莫孔向汤"
)
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉斌宇浩凯"
    "俊帆建国志文晓婷雪梅琳欣怡佳瑶子涵梓轩博文宇航思远"
)


def bench_database() -> tuple[str, str]:
    """(libpq admin conninfo for the new database, SQLAlchemy URL of it), created fresh."""
    import psycopg
    from sqlalchemy.engine import make_url

    from anchang.core.config import get_settings
    from anchang.core.embedded_pg import start_embedded_postgres

    settings = get_settings()
    if settings.database_url:
        url = make_url(settings.database_url)
        admin = url.set(database="postgres", drivername="postgresql").render_as_string(hide_password=False)
        target = url.set(database=DATABASE, drivername="postgresql+psycopg").render_as_string(
            hide_password=False
        )
    else:
        server = start_embedded_postgres(settings.data_dir, stop_on_exit=False)
        admin = server.get_uri()
        target = admin.replace("postgresql://", "postgresql+psycopg://", 1).replace(
            "/postgres?", f"/{DATABASE}?"
        )
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DATABASE}")
    libpq = target.replace("postgresql+psycopg://", "postgresql://", 1)
    return libpq, target


def load(libpq: str, n: int, rng: random.Random) -> dict[str, object]:
    """Organization, project, a supervisor and 10 consultants, then `n` customers by COPY."""
    import psycopg

    from anchang.customers.search import customer_grams

    org, developer, project = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    supervisor = uuid.uuid4()
    consultants = [uuid.uuid4() for _ in range(10)]
    now = datetime.now(UTC)
    samples: dict[str, object] = {
        "org": org,
        "project": project,
        "supervisor": supervisor,
        "consultant": consultants[0],
    }
    with psycopg.connect(libpq) as conn:
        conn.execute("INSERT INTO organizations (id, name, slug) VALUES (%s, 'Bench', 'bench')", (org,))
        conn.execute(
            "INSERT INTO developers (id, organization_id, name) VALUES (%s, %s, 'D')", (developer, org)
        )
        conn.execute(
            "INSERT INTO projects (id, organization_id, developer_id, name, code, timezone) "
            "VALUES (%s, %s, %s, 'P', 'P', 'Asia/Shanghai')",
            (project, org, developer),
        )
        for user, role in [(supervisor, "supervisor")] + [(c, "consultant") for c in consultants]:
            conn.execute(
                "INSERT INTO users (id, organization_id, email, full_name, password_hash) "
                "VALUES (%s, %s, %s, %s, 'x')",
                (user, org, f"{user.hex[:12]}@bench.test", f"User {user.hex[:4]}"),
            )
            conn.execute(
                "INSERT INTO project_members (id, organization_id, project_id, user_id, role) "
                "VALUES (%s, %s, %s, %s, %s)",
                (uuid.uuid4(), org, project, user, role),
            )
        phones: set[str] = set()
        rows = []
        while len(rows) < n:
            phone = f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"
            if phone in phones:
                continue
            phones.add(phone)
            name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2, 2])))
            owner = rng.choice(consultants)
            created = now - timedelta(seconds=rng.uniform(0, 3 * 365 * 86400))
            rows.append((uuid.uuid4(), name, phone, owner, created))
        with conn.cursor() as cur:
            with cur.copy(
                "COPY customers (id, organization_id, project_id, name, phone, channel, owner_id, "
                "protected_until, created_at, updated_at) FROM STDIN"
            ) as copy:
                for cid, name, phone, owner, created in rows:
                    until = created + timedelta(days=30)
                    copy.write_row(
                        (cid, org, project, name, phone, "walk_in", owner, until, created, created)
                    )
            with cur.copy(
                "COPY customer_search_grams (customer_id, gram, organization_id, project_id) FROM STDIN"
            ) as copy:
                grams = 0
                for cid, name, phone, _, _ in rows:
                    for gram in customer_grams(name, phone):
                        copy.write_row((cid, gram, org, project))
                        grams += 1
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE customers")
        conn.execute("VACUUM ANALYZE customer_search_grams")
    pick = rows[rng.randrange(len(rows))]
    samples.update(
        grams=grams,
        full_name=pick[1],
        given=pick[1][1:],
        phone=pick[2],
        last4=pick[2][-4:],
        middle=pick[2][3:7],
        prefix=pick[2][:7],
    )
    return samples


async def measure(
    url: str, samples: dict[str, object], repeat: int
) -> list[tuple[str, str, int, list[float]]]:
    from httpx import ASGITransport, AsyncClient

    from anchang.core.config import Settings
    from anchang.core.db import Database
    from anchang.core.security import Principal, create_access_token
    from anchang.main import create_app

    def headers(user: object) -> dict[str, str]:
        principal = Principal(
            user_id=user,  # type: ignore[arg-type]
            organization_id=samples["org"],  # type: ignore[arg-type]
            is_admin=False,
            session_id=uuid.uuid4(),
        )
        return {"Authorization": f"Bearer {create_access_token(principal)[0]}"}

    database = Database(url, pool_size=2)
    app = create_app(Settings(database_url=url, anchang_env="test", log_level="WARNING"), database)
    queries = [
        ("common surname (1 char)", "王"),
        ("given name (2 chars)", samples["given"]),
        ("full name", samples["full_name"]),
        ("last 4 digits", samples["last4"]),
        ("middle 4 digits", samples["middle"]),
        ("first 7 digits", samples["prefix"]),
        ("whole phone", samples["phone"]),
        ("no match", "龘"),
    ]
    out = []
    path = f"/projects/{samples['project']}/customers"
    try:
        async with AsyncClient(transport=ASGITransport(app=app), base_url="http://bench/api/v1") as client:
            for who, user, view in (
                ("supervisor", samples["supervisor"], "all"),
                ("consultant", samples["consultant"], "mine"),
            ):
                h = headers(user)
                for label, q in queries:
                    times = []
                    count = 0
                    for i in range(repeat + 3):
                        started = time.perf_counter()
                        response = await client.get(path, params={"q": q, "view": view}, headers=h)
                        elapsed = (time.perf_counter() - started) * 1000
                        assert response.status_code == 200, response.text
                        count = len(response.json()["items"])
                        if i >= 3:  # the first calls warm the pool and the caches
                            times.append(elapsed)
                    out.append((who, label, count, times))
    finally:
        await database.dispose()
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=40)
    args = parser.parse_args()
    from anchang.cli import migrate

    libpq, url = bench_database()
    migrate(url)
    started = time.perf_counter()
    samples = load(libpq, args.customers, random.Random(20261125))
    print(
        f"loaded {args.customers:,} customers and {samples['grams']:,} search grams "
        f"in {time.perf_counter() - started:.1f} s"
    )
    results = asyncio.run(measure(url, samples, args.repeat))
    print(f"\nGET /projects/{{id}}/customers?q=…  (limit 50, {args.repeat} requests each, in process)")
    print(f"{'caller':<11} {'query':<26} {'hits':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for who, label, count, times in results:
        times.sort()
        p95 = times[int(len(times) * 0.95) - 1]
        p50 = statistics.median(times)
        print(f"{who:<11} {label:<26} {count:>5} {p50:>8.1f} {p95:>8.1f} {max(times):>8.1f}")


if __name__ == "__main__":
    main()
