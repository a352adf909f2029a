"""Receivables aging (应收账龄): the open lines by bucket, consultant and kind, the same as the receivables
list counts them, a consultant's report their own."""

import io
from datetime import timedelta
from decimal import Decimal

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.calendar import DEFAULT_ZONE, local_today
from tests.deals import factories as df
from tests.deals.conftest import Office


async def test_aging_equals_the_receivables_list_and_splits_by_consultant_and_kind(
    client: AsyncClient, office: Office, session: AsyncSession
) -> None:
    today = local_today(DEFAULT_ZONE)
    for unit, customer, who, days in (
        (office.units[3], office.customers[2], "consultant", 100),
        (office.units[2], office.customers[1], "consultant2", 10),
    ):
        await df.create_deal(
            session,
            unit=unit,
            customers=[customer],
            consultant=office.users[who],
            subscribed_on=today - timedelta(days=days),
        )
    url = f"{office.base}/reports/receivables-aging"
    response = await client.get(url, headers=office.h("finance"))
    assert response.status_code == 200, response.text
    aging = response.json()
    listed = (await client.get(f"{office.base}/receivables?limit=200", headers=office.h("finance"))).json()
    # The same lines as the list, bucket by bucket.
    assert {b["bucket"]: (b["lines"], b["outstanding"]) for b in aging["total"]["buckets"]} == {
        b["bucket"]: (b["lines"], b["outstanding"]) for b in listed["buckets"]
    }
    assert aging["total"]["lines"] == len(listed["items"])
    owed = sum(Decimal(i["amount"]) - Decimal(i["paid"]) for i in listed["items"])
    assert Decimal(aging["total"]["outstanding"]) == owed
    overdue = sum(
        Decimal(i["amount"]) - Decimal(i["paid"]) for i in listed["items"] if i["bucket"] != "not_due"
    )
    assert Decimal(aging["total"]["overdue"]) == overdue
    by_consultant = {c["key"]: c for c in aging["by_consultant"]}
    assert set(by_consultant) == {str(office.users["consultant"].id), str(office.users["consultant2"].id)}
    assert sum(Decimal(c["outstanding"]) for c in aging["by_consultant"]) == owed
    assert sum(Decimal(k["outstanding"]) for k in aging["by_kind"]) == owed
    assert {k["key"] for k in aging["by_kind"]} >= {"deposit", "down_payment", "mortgage"}

    own = (await client.get(url, headers=office.h("consultant2"))).json()
    assert [c["key"] for c in own["by_consultant"]] == [str(office.users["consultant2"].id)]
    assert own["total"]["outstanding"] == by_consultant[str(office.users["consultant2"].id)]["outstanding"]

    later = await client.get(
        url, params={"as_of": str(today + timedelta(days=200))}, headers=office.h("finance")
    )
    assert later.json()["total"]["overdue"] == later.json()["total"]["outstanding"]  # everything due by then

    book = await client.get(f"{url}.xlsx", headers=office.h("finance"))
    from openpyxl import load_workbook

    rows = list(load_workbook(io.BytesIO(book.content))["By consultant"].iter_rows(values_only=True))
    assert rows[-1][0] == "total" and Decimal(str(rows[-1][2])) == owed


async def test_bad_days_are_refused_naming_the_field(client: AsyncClient, office: Office) -> None:
    url = f"{office.base}/reports/receivables-aging"
    far = await client.get(url, params={"as_of": "2001-01-01"}, headers=office.h("finance"))
    assert far.status_code == 422 and far.json()["errors"][0]["field"] == "as_of"
    junk = await client.get(url, params={"as_of": "soon"}, headers=office.h("finance"))
    assert junk.status_code == 422 and junk.json()["errors"][0]["field"] == "as_of"
    assert (await client.get(url, headers=office.h("developer_rep"))).status_code == 403
