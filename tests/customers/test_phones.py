"""Phone numbers: every way of writing a Chinese mobile is the same number; anything else is refused."""

import pytest
from httpx import AsyncClient
from hypothesis import given
from hypothesis import strategies as st

from anchang.customers.phones import InvalidPhone, mask_phone, normalize_phone
from tests.customers.conftest import Office

mobiles = st.builds(
    lambda second, rest: f"1{second}{rest}",
    st.sampled_from("3456789"),
    st.text(alphabet="0123456789", min_size=9, max_size=9),
)
separators = st.sampled_from(["", " ", "-", "  ", " - "])
prefixes = st.sampled_from(["", "+86", "+86 ", "+86-", "0086", "0086 ", "86", "(+86) "])


def _write(number: str, prefix: str, sep1: str, sep2: str) -> str:
    return f"{prefix}{number[:3]}{sep1}{number[3:7]}{sep2}{number[7:]}"


class TestNormalisation:
    @given(mobiles, prefixes, separators, separators)
    def test_every_way_of_writing_a_mobile_is_the_same_number(
        self, number: str, prefix: str, sep1: str, sep2: str
    ) -> None:
        assert normalize_phone(_write(number, prefix, sep1, sep2)) == number

    @given(mobiles)
    def test_normalising_is_idempotent_and_masking_keeps_both_ends(self, number: str) -> None:
        assert normalize_phone(normalize_phone(number)) == number
        masked = mask_phone(number)
        assert masked == f"{number[:3]}****{number[7:]}"

    @given(st.text(alphabet="0123456789", min_size=1, max_size=20))
    def test_digit_strings_that_are_not_mobiles_are_refused(self, digits: str) -> None:
        if digits.startswith("0086"):
            stripped = digits[4:]
        elif len(digits) == 13 and digits.startswith("86"):
            stripped = digits[2:]
        else:
            stripped = digits
        is_mobile = len(stripped) == 11 and stripped[0] == "1" and stripped[1] in "3456789"
        if is_mobile:
            assert normalize_phone(digits) == stripped
        else:
            with pytest.raises(InvalidPhone):
                normalize_phone(digits)

    @pytest.mark.parametrize(
        "bad", ["12345678901", "021-12345678", "1391234567", "139123456789", "abc", "+1 415 555 0100"]
    )
    def test_examples_refused(self, bad: str) -> None:
        with pytest.raises(InvalidPhone):
            normalize_phone(bad)


class TestPhoneOverHttp:
    async def test_an_invalid_phone_is_a_422_naming_the_field(
        self, client: AsyncClient, office: Office
    ) -> None:
        response = await client.post(
            f"{office.base}/customers",
            json={"name": "王先生", "phone": "021-12345678"},
            headers=office.c1.headers,
        )
        assert response.status_code == 422
        assert response.headers["content-type"].startswith("application/problem+json")
        assert [e["field"] for e in response.json()["errors"]] == ["phone"]

    async def test_formats_of_one_number_are_one_customer(self, client: AsyncClient, office: Office) -> None:
        first = await client.post(
            f"{office.base}/customers",
            json={"name": "王先生", "phone": "+86 139-1234-5678"},
            headers=office.c1.headers,
        )
        assert first.status_code == 201, first.text
        assert first.json()["phone"] == "13912345678"
        again = await client.post(
            f"{office.base}/customers",
            json={"name": "王先生", "phone": "139 1234 5678"},
            headers=office.c1.headers,
        )
        assert again.status_code == 409
        assert again.json()["code"] == "customer_exists"
