"""A per-key sliding-window rate limit, kept in the worker's memory.

For requests that answer a question a caller could ask over and over to learn something piece by piece
(a quote probing for the floor price, a user creation probing which e-mails are users): the first
`limit` calls of a key within `window` seconds pass, the next get a 429 with `Retry-After`.

The window lives in each API worker's memory: with N workers a caller may get up to N × `limit` calls
through in the worst case, and a restart forgets it. That is enough to turn an enumeration of thousands
of probes into hours; it is not an accounting of use (login throttling, which must hold across
workers, is stored in the database instead: `auth/service.py`).
"""

import time
from collections import deque
from collections.abc import Callable, Hashable

from anchang.core.errors import TooManyRequests

_MAX_KEYS = 10_000  # past this many keys, the idle ones are forgotten


class SlidingWindow:
    """At most `limit` calls per key within any `window` seconds."""

    def __init__(self, limit: int, window: float, *, clock: Callable[[], float] = time.monotonic):
        self.limit = limit
        self.window = window
        self._clock = clock
        self._calls: dict[Hashable, deque[float]] = {}

    def retry_after(self, key: Hashable) -> int | None:
        """Count a call of `key` and return None, or, when the key is at its limit, the seconds until
        it may call again (the refused call is not counted, so waiting that long is enough)."""
        now = self._clock()
        calls = self._calls.get(key)
        if calls is None:
            if len(self._calls) >= _MAX_KEYS:
                self._forget_idle(now)
            calls = self._calls[key] = deque()
        while calls and calls[0] <= now - self.window:
            calls.popleft()
        if len(calls) >= self.limit:
            return max(1, int(calls[0] + self.window - now) + 1)
        calls.append(now)
        return None

    def check(self, key: Hashable, error: type[TooManyRequests], detail: str) -> None:
        """Count a call of `key`, or raise `error` (a 429 with `Retry-After`) when it is at its limit."""
        wait = self.retry_after(key)
        if wait is not None:
            raise error(f"{detail}; try again in {wait} s", retry_after=wait)

    def reset(self) -> None:
        """Forget every key (tests)."""
        self._calls.clear()

    def _forget_idle(self, now: float) -> None:
        for key in [k for k, calls in self._calls.items() if not calls or calls[-1] <= now - self.window]:
            del self._calls[key]
