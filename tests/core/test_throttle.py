"""The in-memory sliding window behind quote and user-creation throttling."""

import pytest

from anchang.core.errors import TooManyRequests
from anchang.core.throttle import SlidingWindow


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_limit_holds_within_any_window_and_frees_as_calls_age() -> None:
    clock = Clock()
    window = SlidingWindow(3, 60, clock=clock)
    assert [window.retry_after("a") for _ in range(3)] == [None, None, None]
    clock.now += 30
    assert window.retry_after("a") == 31  # the first call leaves the window 30 s from now
    assert window.retry_after("b") is None  # per key
    clock.now += 30
    assert window.retry_after("a") is None  # the first three aged out...
    assert window.retry_after("a") is None
    assert window.retry_after("a") is None
    assert window.retry_after("a") is not None  # ...and the refused one was not counted


def test_check_raises_the_given_429_with_retry_after() -> None:
    window = SlidingWindow(1, 60, clock=Clock())
    window.check("k", TooManyRequests, "slow down")
    with pytest.raises(TooManyRequests) as caught:
        window.check("k", TooManyRequests, "slow down")
    assert caught.value.headers == {"Retry-After": "61"}
