"""Money is a decimal string in JSON; the validator and the OpenAPI schema agree on its form."""

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from anchang.core.schemas import MONEY_PATTERN, Money, RequestModel


class Price(RequestModel):
    amount: Money


class TestMoney:
    def test_decimal_strings_are_accepted_and_kept_exact(self) -> None:
        assert Price.model_validate_json('{"amount": "1250000.10"}').amount == Decimal("1250000.10")
        assert Price.model_validate_json('{"amount": "3"}').model_dump_json() == '{"amount":"3.00"}'

    @pytest.mark.parametrize(
        "raw",
        [
            '{"amount": 12.5}',
            '{"amount": 100}',
            '{"amount": "1.005"}',
            '{"amount": "1e5"}',
            '{"amount": "abc"}',
            '{"amount": ""}',
            '{"amount": "NaN"}',
            '{"amount": "1234567890123.00"}',
        ],
    )
    def test_numbers_and_malformed_strings_are_refused(self, raw: str) -> None:
        with pytest.raises(ValidationError) as info:
            Price.model_validate_json(raw)
        assert info.value.errors()[0]["loc"] == ("amount",)

    def test_openapi_schema_is_a_string_with_the_validator_pattern(self) -> None:
        schema = Price.model_json_schema()["properties"]["amount"]
        assert schema["type"] == "string" and schema["pattern"] == MONEY_PATTERN

    @given(st.decimals(min_value=Decimal("-999999999999.99"), max_value=Decimal("999999999999.99"), places=2))
    def test_every_amount_round_trips_through_json(self, amount: Decimal) -> None:
        text = f"{amount:.2f}"
        assert re.fullmatch(MONEY_PATTERN, text)
        parsed = Price.model_validate_json(f'{{"amount": "{text}"}}')
        assert parsed.amount == amount
        assert Price.model_validate_json(parsed.model_dump_json()).amount == amount
