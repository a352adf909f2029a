"""The customer's stage machine (customers/transitions.py): forward only, lost from and to anywhere."""

import pytest

from anchang.customers.models import Stage
from anchang.customers.transitions import FORWARD, after_visit, next_stage


@pytest.mark.parametrize("current", list(Stage))
@pytest.mark.parametrize("wanted", list(Stage))
def test_a_stage_moves_forward_only_unless_forced_or_lost(current: Stage, wanted: Stage) -> None:
    moved = next_stage(current, wanted)
    if Stage.lost in (current, wanted):
        assert moved is wanted
    else:
        assert moved is (wanted if FORWARD.index(wanted) > FORWARD.index(current) else current)
    assert next_stage(current, wanted, force=True) is wanted


def test_a_first_visit_makes_a_new_customer_visited_and_nothing_else() -> None:
    assert after_visit(Stage.new) is Stage.visited
    assert all(after_visit(s) is s for s in Stage if s is not Stage.new)
