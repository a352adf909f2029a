"""The verified-key cache of a worker: another worker's revocation (a NOTIFY) and a change of the
creator's credentials drop the key, so its next request is looked up afresh."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from anchang.core.credentials import Credentials
from anchang.core.security import ApiKeyCache, ApiKeyExpired, Principal
from anchang.core.throttle import KeyRateLimited, RateLimit


def _key(user_id: uuid.UUID) -> Principal:
    key_id = uuid.uuid4()
    return Principal(user_id, uuid.uuid4(), True, key_id, api_key_id=key_id, scopes=frozenset({"deals:read"}))


def test_another_workers_revocation_and_a_creators_change_drop_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    cache = ApiKeyCache()
    monkeypatch.setattr("anchang.core.credentials.api_keys", cache)
    creator = uuid.uuid4()
    first, second, other = _key(creator), _key(creator), _key(uuid.uuid4())
    for n, principal in enumerate((first, second, other)):
        cache.put(f"digest{n}", principal, None)
    credentials = Credentials()
    credentials.apply(f"apikey:{first.api_key_id}")
    assert cache.get("digest0") is None and cache.get("digest1") == second
    credentials.apply(f"user:{creator}:7")
    assert cache.get("digest1") is None and cache.get("digest2") == other


def test_a_cached_key_past_its_expiry_is_refused() -> None:
    cache = ApiKeyCache()
    cache.put("d", _key(uuid.uuid4()), datetime.now(UTC) - timedelta(seconds=1))
    with pytest.raises(ApiKeyExpired):
        cache.get("d")


def test_each_worker_admits_its_share_of_the_limit() -> None:
    now = [120.0]
    limit = RateLimit(600, workers=4, clock=lambda: now[0])
    for _ in range(150):
        limit.hit("k")
    with pytest.raises(KeyRateLimited) as refused:
        limit.hit("k")
    assert refused.value.headers["Retry-After"] == "60"
    now[0] += 60  # the next window
    assert limit.hit("k")["RateLimit-Remaining"] == str(149 * 4)
