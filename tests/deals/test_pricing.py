"""Price arithmetic and discount authority: pure functions, property-tested."""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anchang.core.roles import ProjectRole
from anchang.deals import pricing
from anchang.deals.pricing import Discount

prices = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999999.99"), places=2)
percents = st.decimals(min_value=Decimal("0"), max_value=Decimal("10"), places=4)
amounts = st.decimals(min_value=Decimal("0"), max_value=Decimal("50000"), places=2)
discounts = st.lists(
    st.one_of(
        st.builds(lambda v: Discount("percent", v, "老带新"), percents),
        st.builds(lambda v: Discount("amount", v, "团购"), amounts),
    ),
    max_size=4,
)


class TestPrice:
    def test_a_worked_example(self) -> None:
        p = pricing.price(
            Decimal("1234567.89"),
            Decimal("1"),
            [Discount("percent", Decimal("0.5"), "老带新"), Discount("amount", Decimal("3333.33"), "团购")],
        )
        # 1234567.89 × 0.99 = 1222222.2111; × 0.995 = 1216111.100044…; − 3333.33 = 1212777.770044…
        assert p.final_price == Decimal("1212777.77")
        assert [d.amount.quantize(Decimal("0.01")) for d in p.discounts] == [
            Decimal("6111.11"),
            Decimal("3333.33"),
        ]

    def test_rounding_is_half_up_once_at_the_end(self) -> None:
        p = pricing.price(Decimal("100.01"), Decimal("0"), [Discount("percent", Decimal("50"), "x")])
        assert p.final_price == Decimal("50.01")  # 50.005 → half up

    @given(prices, percents, discounts)
    def test_final_price_is_exact_to_the_fen(
        self, list_price: Decimal, rate: Decimal, items: list[Discount]
    ) -> None:
        try:
            p = pricing.price(list_price, rate, items)
        except ValueError:
            return
        exact = list_price * (1 - rate / 100)
        for d in items:
            exact = exact * (1 - d.value / 100) if d.kind == "percent" else exact - d.value
        assert p.final_price == exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        assert p.final_price.as_tuple().exponent == -2
        assert Decimal(0) <= p.final_price <= list_price

    @given(prices, percents, discounts)
    def test_the_parts_explain_the_price(
        self, list_price: Decimal, rate: Decimal, items: list[Discount]
    ) -> None:
        try:
            p = pricing.price(list_price, rate, items)
        except ValueError:
            return
        explained = list_price - p.method_discount - sum((d.amount for d in p.discounts), Decimal(0))
        assert abs(explained - p.final_price) <= Decimal("0.005")
        # What a buyer reads (quote, 认购书): parts to the fen that add up to the final price exactly.
        method, parts = p.shown_parts()
        assert all(x == x.quantize(Decimal("0.01")) for x in [method, *parts])
        assert list_price - method - sum(parts, Decimal(0)) == p.final_price

    def test_shown_parts_add_up_where_rounding_each_would_not(self) -> None:
        p = pricing.price(Decimal("100000.50"), Decimal("1"), [Discount("percent", Decimal("0.5"), "x")])
        method, parts = p.shown_parts()
        assert p.final_price == Decimal("98505.49")
        assert (method, parts) == (Decimal("1000.00"), [Decimal("495.01")])  # each alone: 1000.00, 495.00

    def test_discounts_below_zero_are_refused(self) -> None:
        with pytest.raises(ValueError):
            pricing.price(Decimal("100.00"), Decimal("0"), [Discount("amount", Decimal("100.01"), "x")])


class TestAuthority:
    def test_defaults(self) -> None:
        assert [pricing.authority({}, r) for r in pricing.AUTHORITY_LADDER] == [
            Decimal("0"),
            Decimal("1"),
            Decimal("2"),
            Decimal("3"),
        ]
        assert pricing.authority({}, ProjectRole.finance) == 0

    def test_project_settings_override(self) -> None:
        settings = {"deal_discount_authority": {"supervisor": "1.5"}, "deal_method_discounts": {"full": 3}}
        assert pricing.authority(settings, ProjectRole.supervisor) == Decimal("1.5")
        assert pricing.method_discount_rate(settings, "full") == Decimal("3")
        assert pricing.method_discount_rate({"deal_method_discounts": {"full": "junk"}}, "full") == Decimal(
            "2"
        )

    @pytest.mark.parametrize(
        ("role", "extra", "expected"),
        [
            (ProjectRole.consultant, "0", None),
            (ProjectRole.consultant, "0.5", ProjectRole.supervisor),
            (ProjectRole.consultant, "1.5", ProjectRole.site_manager),
            (ProjectRole.supervisor, "1", None),
            (ProjectRole.supervisor, "2.5", ProjectRole.project_manager),
            (ProjectRole.site_manager, "3.5", ProjectRole.developer_rep),
            (ProjectRole.project_manager, "3", None),
        ],
    )
    def test_who_must_approve(self, role: ProjectRole, extra: str, expected: ProjectRole | None) -> None:
        assert pricing.approver_for({}, role, Decimal(extra), below_floor=False) == expected

    def test_below_floor_only_the_developer_rep(self) -> None:
        assert (
            pricing.approver_for({}, ProjectRole.project_manager, Decimal(0), below_floor=True)
            is ProjectRole.developer_rep
        )
