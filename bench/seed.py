"""Enough rows for every paged list the benchmarks measure to fill a 20-row page, written over the API.

The demo data is an office on its first month: many of its lists hold a handful of rows (five deals, one
release, no follow-ups of the supervisor's own), so `?limit=20` on them measures a short page, not the
20 rich rows issue #11 is about. `fill_lists` adds, as the demo roles would through the public REST API
(never the database), what takes each list the benchmarks call past 20 rows, so that the page is full
and carries a next cursor: users and their memberships, developers and projects the supervisor is a
member of, buildings, brokers with agents, referrals, customers and 撞单 attempts on them, visits, calls
and follow-ups of one customer, withdrawals, releases and reservations of one unit (its history),
price-list versions waiting for approval, deals with discounts waiting for the supervisor, and a
mortgage, payments and collection notes on one deal. It returns the ids of the customer, unit, deal and broker
it filled, for the benchmarks to call those lists with.

Deterministic (fixed names, phones and amounts; times relative to the start; each list written in
order) and quick (about 450 requests, the independent groups side by side: 12-30 s on the shared
2-core machine): a run on a fresh demo database always ends with the same row counts.
"""

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

PASSWORD = "anchang-demo"  # noqa: S105 - the documented demo password
PAGE = 20
ENOUGH = PAGE + 1  # one more than a page, so that the page is full and has a next cursor
ROLES_USED = ("admin", "pm", "sup", "c1", "c2", "fin")
# Phones of the customers and referrals made here: the demo's start with 13, 15, 17, 18 or 19.
CUSTOMER_PHONE, REFERRAL_PHONE, AGENT_PHONE = "1660001{:04d}", "1660002{:04d}", "1660003{:04d}"


class SeedError(RuntimeError):
    """A request of the filling answered other than a client of the API expects."""


class _Api:
    """The demo users' calls, each checked for the status a client expects."""

    def __init__(self, client: httpx.AsyncClient, base: str, tokens: dict[str, str]) -> None:
        self.client, self.base, self.tokens = client, base, tokens

    def _headers(self, who: str, key: str | None = None) -> dict[str, str]:
        headers = {"Authorization": f"Bearer {self.tokens[who]}"}
        if key is not None:
            # A retry of a half-done filling replays instead of writing the same thing twice.
            headers["Idempotency-Key"] = f"bench-seed-{key}"
        return headers

    async def get(self, who: str, path: str) -> Any:
        response = await self.client.get(self.base + path, headers=self._headers(who))
        return self._checked(response, {200}, f"GET {path} as {who}")

    async def post(self, who: str, path: str, body: dict[str, Any], key: str, ok: int = 201) -> Any:
        response = await self.client.post(self.base + path, json=body, headers=self._headers(who, key))
        return self._checked(response, {ok}, f"POST {path} as {who}")

    async def delete(self, who: str, path: str) -> None:
        response = await self.client.delete(self.base + path, headers=self._headers(who))
        self._checked(response, {204}, f"DELETE {path} as {who}")

    @staticmethod
    def _checked(response: httpx.Response, expected: set[int], what: str) -> Any:
        if response.status_code not in expected:
            raise SeedError(f"{what}: {response.status_code} {response.text[:500]}")
        return response.json() if response.content else None


async def _login(client: httpx.AsyncClient, base: str, email: str) -> str:
    response = await client.post(f"{base}/auth/token", data={"username": email, "password": PASSWORD})
    if response.status_code != 200:
        raise SeedError(f"login as {email}: {response.status_code} {response.text[:200]}")
    return str(response.json()["access_token"])


async def _count(api: _Api, who: str, path: str) -> int:
    """Rows of a list (up to 100: more than any list here is filled to)."""
    sep = "&" if "?" in path else "?"
    return len((await api.get(who, f"{path}{sep}limit=100"))["items"])


async def fill_lists(
    client: httpx.AsyncClient, base: str, tokens: dict[str, str], ids: dict[str, str]
) -> dict[str, str]:
    """Fill demo organization A's lists past a 20-row page, as its users would; the ids to call them with.

    `tokens` are access tokens by e-mail (the roles not given are logged in here); `ids` are the demo
    ids by path parameter, as `bench.routes.demo_ids` finds them (the project, a customer, a unit, a
    broker…). Returns the ids whose lists were filled (customer_id, unit_id, deal_id, broker_id), to
    use instead of the first ones. Each list is topped up to `ENOUGH` rows from what it holds."""
    missing = [f"{local}@a.demo" for local in ROLES_USED if f"{local}@a.demo" not in tokens]
    logged_in = await asyncio.gather(*(_login(client, base, email) for email in missing))
    tokens = {**tokens, **dict(zip(missing, logged_in, strict=True))}
    api = _Api(client, base, {local: tokens[f"{local}@a.demo"] for local in ROLES_USED})
    now = datetime.now(UTC).replace(microsecond=0)
    project_id = ids["project_id"]
    project = f"/projects/{project_id}"
    people = {u["email"]: u["id"] for u in (await api.get("admin", "/users?limit=100"))["items"]}
    sup = people["sup@a.demo"]

    customer_id = ids["customer_id"]
    [unit] = (await api.get("pm", f"{project}/units?status=available&limit=1"))["items"]
    unit_id = str(unit["id"])

    async def sales() -> str:
        return await _deals(api, project, await _customers(api, project), exclude=unit_id, now=now)

    # The lists are independent of one another, so they are filled side by side (each one in order):
    # the server's single worker is kept busy while one request waits for the database or a hash.
    _, _, broker_id, _, _, deal_id = await asyncio.gather(
        _organization(api, project, people, sup),
        _inventory_structure(api, project),
        _brokers(api, project, ids.get("broker_id")),
        _customer_activity(api, project, customer_id, sup, now),
        _unit_cycles(api, project, unit_id, customer_id),
        sales(),
    )
    return {"customer_id": customer_id, "unit_id": unit_id, "deal_id": deal_id, "broker_id": broker_id}


async def _organization(api: _Api, project: str, people: dict[str, str], sup: str) -> None:
    """Users of the organization and members of the project; developers and projects the supervisor
    works in (the projects list is the caller's own)."""
    for n in range(len(people) + 1, ENOUGH + 1):
        user = await api.post(
            "admin",
            "/users",
            {"email": f"bench{n:02d}@a.demo", "full_name": f"置业顾问 {n:02d}", "password": PASSWORD},
            f"user-{n}",
        )
        people[user["email"]] = user["id"]
    members = {m["user_id"] for m in (await api.get("pm", f"{project}/members?limit=100"))["items"]}
    for email, user_id in sorted(people.items()):
        if user_id not in members and email.startswith("bench"):
            await api.post(
                "pm", f"{project}/members", {"user_id": user_id, "role": "consultant"}, f"member-{email}"
            )
    developers = [d["id"] for d in (await api.get("admin", "/developers?limit=100"))["items"]]
    for n in range(len(developers) + 1, ENOUGH + 1):
        body = {"name": f"开发商 {n:02d}", "contact_name": "销售部"}
        developers.append((await api.post("admin", "/developers", body, f"developer-{n}"))["id"])
    for n in range(await _count(api, "sup", "/projects") + 1, ENOUGH + 1):
        body = {
            "developer_id": developers[n % len(developers)],
            "name": f"测试项目 {n:02d}",
            "code": f"BENCH{n:02d}",
            "city": "上海",
        }
        created = await api.post("admin", "/projects", body, f"project-{n}")
        await api.post(
            "admin",
            f"/projects/{created['id']}/members",
            {"user_id": sup, "role": "supervisor"},
            f"project-{n}-sup",
        )


async def _inventory_structure(api: _Api, project: str) -> None:
    """Buildings (empty: the board keeps the demo's 300 units) and price-list versions waiting for the
    project manager's approval."""
    for n in range(await _count(api, "pm", f"{project}/buildings") + 1, ENOUGH + 1):
        await api.post("pm", f"{project}/buildings", {"name": f"{n}号楼", "sort_order": n}, f"building-{n}")
    for n in range(await _count(api, "pm", f"{project}/price-lists") + 1, ENOUGH + 1):
        await api.post(
            "pm", f"{project}/price-lists", {"description": f"调价方案 {n:02d}"}, f"price-list-{n}"
        )


async def _brokers(api: _Api, project: str, broker_id: str | None) -> str:
    """Brokers, agents of one of them, and referrals (报备) of customers who have not come yet."""
    brokers = [b["id"] for b in (await api.get("sup", f"{project}/brokers?limit=100"))["items"]]
    for n in range(len(brokers) + 1, ENOUGH + 1):
        body = {"name": f"分销渠道 {n:02d}", "contact_name": "渠道经理"}
        brokers.append((await api.post("sup", f"{project}/brokers", body, f"broker-{n}"))["id"])
    broker = broker_id or brokers[0]
    for n in range(await _count(api, "sup", f"/brokers/{broker}/agents") + 1, ENOUGH + 1):
        body = {"name": f"经纪人 {n:02d}", "phone": AGENT_PHONE.format(n)}
        await api.post("sup", f"/brokers/{broker}/agents", body, f"agent-{n}")
    for n in range(await _count(api, "sup", f"{project}/referrals") + 1, ENOUGH + 1):
        body = {
            "broker_id": brokers[n % len(brokers)],
            "customer_name": f"报备客户 {n:02d}",
            "phone": REFERRAL_PHONE.format(n),
        }
        await api.post("c1" if n % 2 else "c2", f"{project}/referrals", body, f"referral-{n}")
    return broker


async def _customers(api: _Api, project: str) -> dict[str, list[tuple[str, str]]]:
    """New customers of each consultant, to sell units to; each then tried by the other consultant (撞单),
    which records an attempt for the supervisor. Returns (id, phone) of each consultant's new customers."""
    made: dict[str, list[tuple[str, str]]] = {"c1": [], "c2": []}
    for n in range(1, 2 * ((ENOUGH + 1) // 2) + 1):
        owner = "c1" if n % 2 else "c2"
        phone = CUSTOMER_PHONE.format(n)
        body = {"name": f"认购客户 {n:02d}", "phone": phone, "intent": "A", "budget": "5000000.00"}
        made[owner].append(
            ((await api.post(owner, f"{project}/customers", body, f"customer-{n}"))["id"], phone)
        )
    attempts = await _count(api, "sup", f"{project}/duplicate-attempts")
    tried = [(other, phone) for owner, other in (("c1", "c2"), ("c2", "c1")) for _, phone in made[owner]]
    for n, (who, phone) in enumerate(tried[: max(ENOUGH - attempts, 0)], start=1):
        body = {"name": f"撞单客户 {n:02d}", "phone": phone, "channel": "online"}
        # 409 customer_owned_by_other: refused, and the attempt is kept for the supervisor to settle.
        await api.post(who, f"{project}/customers", body, f"attempt-{n}", ok=409)
    return made


async def _customer_activity(api: _Api, project: str, customer_id: str, sup: str, now: datetime) -> None:
    """One customer's visits and calls over the last weeks and the supervisor's own open follow-ups of
    them (the project's follow-ups list is the caller's)."""
    customer = f"/customers/{customer_id}"
    owner = (await api.get("sup", customer)).get("owner_id")
    for n in range(await _count(api, "sup", f"{customer}/visits") + 1, ENOUGH + 1):
        body: dict[str, Any] = {
            "visited_at": (now - timedelta(days=ENOUGH - n, hours=2)).isoformat(),
            "party_size": 1 + n % 3,
            "notes": f"第 {n} 次到访",
        }
        if owner is not None:
            body["consultant_id"] = owner
        await api.post("sup", f"{customer}/visits", body, f"visit-{n}")
    for n in range(await _count(api, "sup", f"{customer}/calls") + 1, ENOUGH + 1):
        body = {
            "direction": "outbound" if n % 2 else "inbound",
            "called_at": (now - timedelta(days=ENOUGH - n, hours=5)).isoformat(),
            "duration_seconds": 60 + 15 * n,
            "notes": f"电话回访 {n}",
        }
        await api.post("sup", f"{customer}/calls", body, f"call-{n}")
    # Both the customer's follow-ups (anyone's) and the supervisor's own open ones.
    held = min(
        await _count(api, "sup", f"{customer}/follow-ups"), await _count(api, "sup", f"{project}/follow-ups")
    )
    for n in range(held + 1, ENOUGH + 1):
        body = {
            "due_at": (now + timedelta(days=n, hours=1)).isoformat(),
            "method": ("call", "wechat", "visit")[n % 3],
            "notes": f"跟进 {n}",
            "assignee_id": sup,
        }
        await api.post("sup", f"{customer}/follow-ups", body, f"follow-up-{n}")


async def _unit_cycles(api: _Api, project: str, unit_id: str, customer_id: str) -> None:
    """One available unit withdrawn and released again (收盘, 推售) and reserved and cancelled (预留),
    until the releases and reservations lists are full; every move is a row of the unit's history."""
    releases = await _count(api, "pm", f"{project}/releases")
    for n in range(1, (ENOUGH - releases + 1) // 2 + 1):
        batch = {"unit_ids": [unit_id], "name": f"收盘 {n:02d}", "reason": "甲方调整推售节奏"}
        await api.post("pm", f"{project}/withdrawals", batch, f"withdraw-{n}")
        batch = {"unit_ids": [unit_id], "name": f"加推 {n:02d}", "reason": "重新推售"}
        await api.post("pm", f"{project}/releases", batch, f"release-{n}")
    for n in range(await _count(api, "sup", f"{project}/reservations") + 1, ENOUGH + 1):
        body = {"customer_id": customer_id, "minutes": 30}
        reservation = await api.post("sup", f"/units/{unit_id}/reservations", body, f"reserve-{n}")
        await api.delete("sup", f"/reservations/{reservation['id']}")


async def _deals(
    api: _Api, project: str, customers: dict[str, list[tuple[str, str]]], *, exclude: str, now: datetime
) -> str:
    """Subscriptions (认购) of the new customers: the first within the seller's authority, on a mortgage
    with payments and collection notes (every read of a deal then has something to show); the others
    with a discount beyond it, waiting for the supervisor's approval."""
    wanted = max(ENOUGH - await _count(api, "sup", f"{project}/deals"), 1)
    units = [
        str(u["id"])
        for u in (await api.get("pm", f"{project}/units?status=available&limit=100"))["items"]
        if str(u["id"]) != exclude
    ]
    # Each consultant sells to their own customers, in turn.
    sellers = [
        (who, c)
        for pair in zip(customers["c1"], customers["c2"], strict=True)
        for who, c in zip(("c1", "c2"), pair, strict=True)
    ]
    if wanted > min(len(units), len(sellers)):
        raise SeedError(f"{wanted} deals wanted, {len(units)} units and {len(sellers)} customers to sell")
    paid_deal = ""
    for n in range(wanted):
        who, (customer_id, _) = sellers[n]
        body: dict[str, Any] = {
            "unit_id": units[n],
            "customer_ids": [customer_id],
            "payment_method": ("mortgage_commercial", "full", "installment")[n % 3],
            "deposit": "50000.00",
        }
        if n > 0:
            body["discounts"] = [{"kind": "percent", "value": "0.5", "reason": "老带新优惠"}]
        deal = await api.post(who, f"{project}/deals", body, f"deal-{n}")
        paid_deal = paid_deal or str(deal["id"])
    lines = (await api.get("fin", f"/deals/{paid_deal}/schedule"))["lines"]
    loan = next(line["amount"] for line in lines if line["kind"] == "mortgage")
    mortgage = {"bank": "中国工商银行", "loan_amount": loan}
    await api.post("fin", f"/deals/{paid_deal}/mortgage", mortgage, "mortgage")
    payments = f"/deals/{paid_deal}/payments"
    for n in range(1, ENOUGH + 1):
        body = {
            "amount": "2000.00",
            "method": ("transfer", "card", "cash")[n % 3],
            "paid_at": (now - timedelta(hours=ENOUGH - n)).isoformat(),
            "reference": f"POS-B{n:03d}",
        }
        await api.post("fin", payments, body, f"payment-{n}")
    for n in range(1, ENOUGH + 1):
        body = {
            "note": f"催款记录 {n}：客户承诺按期付款",
            "next_follow_up_on": (now + timedelta(days=n)).date().isoformat(),
        }
        await api.post("fin", f"/deals/{paid_deal}/collection-notes", body, f"collection-note-{n}")
    return paid_deal
