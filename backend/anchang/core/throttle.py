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


class KeyRateLimited(TooManyRequests):
    code, title = "rate_limited", "Too many requests for this API key"

    def __init__(self, detail: str, *, retry_after: int, headers: dict[str, str]):
        super().__init__(detail, retry_after=retry_after)
        self.headers = {**(self.headers or {}), **headers}


class RateLimit:
    """Requests per API key per minute: a fixed window of 60 s in each worker's memory.

    With N workers each admits `limit / N` (rounded up) of a key's requests a window, so the sum
    across them never passes the limit by more than N - 1. The load balancer spreads a client's
    requests about evenly; a client whose requests all reach one worker is held to its share (the
    headers say so). A PostgreSQL counter would be exact, but it would make every read of a key a
    write; this costs a dict lookup (docs/integrations.md, "Rate limits")."""

    WINDOW = 60

    def __init__(self, limit: int, *, workers: int = 1, clock: Callable[[], float] = time.time):
        self.limit = limit
        self.share = -(-limit // max(1, workers))
        self.workers = max(1, workers)
        self._clock = clock
        self._counts: dict[Hashable, tuple[int, int]] = {}  # key → (window number, calls in it)

    def hit(self, key: Hashable) -> dict[str, str]:
        """Count a request of `key`; its RateLimit headers, or KeyRateLimited (429) past its share."""
        now = self._clock()
        window = int(now // self.WINDOW)
        reset = max(1, int((window + 1) * self.WINDOW - now))
        seen, count = self._counts.get(key, (window, 0))
        if seen != window:
            count = 0
            if len(self._counts) >= _MAX_KEYS:
                self._counts = {k: v for k, v in self._counts.items() if v[0] == window}
        if count >= self.share:
            headers = self._headers(0, reset)
            raise KeyRateLimited(
                f"At most {self.limit} requests a minute per key; try again in {reset} s",
                retry_after=reset,
                headers=headers,
            )
        self._counts[key] = (window, count + 1)
        return self._headers(self.share - count - 1, reset)

    def _headers(self, remaining: int, reset: int) -> dict[str, str]:
        return {
            "RateLimit-Limit": str(self.limit),
            # What is left of the whole limit, estimated from this worker's share.
            "RateLimit-Remaining": str(min(self.limit, remaining * self.workers)),
            "RateLimit-Reset": str(reset),
        }

    def reset(self) -> None:
        """Forget every key (tests)."""
        self._counts.clear()
