"""The status machine as a pure table."""

import itertools

from hypothesis import given
from hypothesis import strategies as st

from anchang.core.roles import ProjectRole, sees_floor_price
from anchang.inventory import transitions
from anchang.inventory.models import UnitStatus as S
from anchang.inventory.settings import InventorySettings
from anchang.inventory.views import Viewer

statuses = st.sampled_from(list(S))


class TestStatusMachine:
    def test_the_design_path_is_allowed(self) -> None:
        path = [S.unreleased, S.available, S.reserved, S.subscribed, S.contracted, S.handed_over]
        for a, b in itertools.pairwise(path):
            assert transitions.allowed(a, b), (a, b)

    def test_holds_go_both_ways_and_cancellations_return_to_available(self) -> None:
        assert transitions.allowed(S.available, S.held) and transitions.allowed(S.held, S.available)
        assert transitions.allowed(S.subscribed, S.available) and transitions.allowed(
            S.contracted, S.available
        )

    def test_what_is_never_allowed(self) -> None:
        for a, b in [
            (S.held, S.reserved),
            (S.reserved, S.held),
            (S.unreleased, S.reserved),
            (S.handed_over, S.available),
            (S.subscribed, S.reserved),
            (S.available, S.contracted),
        ]:
            assert not transitions.allowed(a, b), (a, b)

    @given(statuses, statuses)
    def test_sources_agree_with_allowed(self, a: S, b: S) -> None:
        assert (a in transitions.sources(b)) == transitions.allowed(a, b)

    @given(statuses)
    def test_no_status_moves_to_itself(self, s: S) -> None:
        assert not transitions.allowed(s, s)

    @given(statuses)
    def test_a_consultant_never_sees_held(self, s: S) -> None:
        shown = transitions.shown_status(
            s, sees_holds=transitions.sees_holds(ProjectRole.consultant, hide_holds=True)
        )
        assert shown is not S.held

    def test_only_consultants_are_kept_from_floor_prices(self) -> None:
        assert [r for r in ProjectRole if not sees_floor_price(r)] == [ProjectRole.consultant]


class TestSettings:
    def test_defaults(self) -> None:
        s = InventorySettings.of({})
        assert (s.reservation_minutes, s.max_live_reservations, s.hide_holds_from_consultants) == (
            30,
            3,
            True,
        )

    @given(st.one_of(st.integers(), st.text(), st.none(), st.booleans()))
    def test_any_stored_value_gives_a_sane_setting(self, value: object) -> None:
        s = InventorySettings.of({"reservation_minutes": value, "max_live_reservations": value})
        assert 1 <= s.reservation_minutes <= 1440
        assert 0 <= s.max_live_reservations <= 1000


class TestEventsAsSeen:
    def test_a_hold_reaches_consultants_as_sold_and_managers_as_held(self) -> None:
        change = {"type": "unit.status_changed", "unit_id": "u1", "from": "available", "to": "held"}
        consultant = Viewer(role=ProjectRole.consultant, settings=InventorySettings.of({}))
        manager = Viewer(role=ProjectRole.site_manager, settings=InventorySettings.of({}))
        assert consultant.event(change) == {**change, "to": "subscribed"}
        assert manager.event(change) == change
        assert change["to"] == "held"  # the shared payload itself is never changed
