"""The shared cache of computed aggregates: in-process by default, Redis when configured."""

from __future__ import annotations

import logging
import pickle
import threading
import time
from collections import OrderedDict
from typing import Protocol

log = logging.getLogger(__name__)


class Cache(Protocol):
    """What the data service needs of a cache."""

    def get(self, key: str) -> object | None: ...

    def set(self, key: str, value: object, ttl_s: int) -> None: ...

    def claim(self, key: str, ttl_s: int) -> bool: ...

    def hold(self, key: str, ttl_s: int, replace: bool = False) -> bool: ...

    def release(self, key: str) -> None: ...

    def incr(self, key: str, ttl_s: int) -> int: ...

    def count(self, key: str) -> int: ...

    def delete(self, key: str) -> None: ...

    def ping(self) -> bool: ...


class MemoryCache:
    """A small least-recently-used cache for one process, safe across threads."""

    kind = "memory"

    def __init__(self, max_items: int = 64) -> None:
        self._items: OrderedDict[str, tuple[float, object]] = OrderedDict()
        self._max_items = max_items
        self._lock = threading.Lock()

    def get(self, key: str) -> object | None:
        """Return the value stored under key, or None when absent or expired."""
        with self._lock:
            item = self._items.get(key)
            if item is None or item[0] < time.monotonic():
                self._items.pop(key, None)
                return None
            self._items.move_to_end(key)
            return item[1]

    def set(self, key: str, value: object, ttl_s: int) -> None:
        """Store a value for ttl_s seconds, evicting the least recently used."""
        with self._lock:
            self._items[key] = (time.monotonic() + ttl_s, value)
            self._items.move_to_end(key)
            while len(self._items) > self._max_items:
                self._items.popitem(last=False)

    def claim(self, key: str, ttl_s: int) -> bool:
        """Within one process the service's own lock already serialises the work."""
        return True

    def hold(self, key: str, ttl_s: int, replace: bool = False) -> bool:
        """Take a hold for ttl_s unless one is held (replace: take it anyway); True if taken."""
        with self._lock:
            held = self._items.get(f"hold:{key}")
            if held is not None and held[0] >= time.monotonic() and not replace:
                return False
            self._items[f"hold:{key}"] = (time.monotonic() + ttl_s, True)
            return True

    def release(self, key: str) -> None:
        """Let a hold go."""
        self.delete(f"hold:{key}")

    def incr(self, key: str, ttl_s: int) -> int:
        """Add one to a counter that expires ttl_s seconds after it was started."""
        with self._lock:
            expires, value = self._items.get(key, (time.monotonic() + ttl_s, 0))
            if expires < time.monotonic():
                expires, value = time.monotonic() + ttl_s, 0
            self._items[key] = (expires, int(value) + 1)
            return int(value) + 1

    def count(self, key: str) -> int:
        """The value of a counter made by incr, 0 when there is none."""
        return int(self.get(key) or 0)

    def delete(self, key: str) -> None:
        """Forget a key."""
        with self._lock:
            self._items.pop(key, None)

    def ping(self) -> bool:
        """An in-process cache is always there."""
        return True


LOCAL_TTL_S = 3600


class RedisCache:
    """Redis shared by every worker and host; falls back to memory while Redis is down."""

    kind = "redis"

    def __init__(self, url: str, prefix: str = "cluster-dashboard") -> None:
        import redis

        self._redis = redis.Redis.from_url(url, socket_timeout=1.0, socket_connect_timeout=1.0)
        self._fallback = MemoryCache()
        self._prefix = prefix
        self._down_since: float | None = None

    def _failed(self, exc: Exception) -> None:
        if self._down_since is None:
            log.warning("Redis unreachable (%s): using the in-process cache", exc)
            self._down_since = time.monotonic()

    def _recovered(self) -> None:
        if self._down_since is not None:
            log.warning("Redis reachable again: sharing the cache")
            self._down_since = None

    def get(self, key: str) -> object | None:
        """Return the value, from this process's copy when it has one, else from Redis.

        Keys name a data version, so a value never changes under its key: a local copy
        is always right and saves unpickling the aggregates on every request.
        """
        local = self._fallback.get(key)
        if local is not None:
            return local
        try:
            raw = self._redis.get(f"{self._prefix}:{key}")
        except Exception as exc:  # redis raises many kinds; all mean "not now"
            self._failed(exc)
            return None
        self._recovered()
        if raw is None:
            return None
        value = pickle.loads(raw)  # only our own workers write it
        self._fallback.set(key, value, LOCAL_TTL_S)
        return value

    def set(self, key: str, value: object, ttl_s: int) -> None:
        """Store the value in Redis for every worker, and keep a copy in this process."""
        self._fallback.set(key, value, min(ttl_s, LOCAL_TTL_S))
        try:
            payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            self._redis.set(f"{self._prefix}:{key}", payload, ex=ttl_s)
            self._recovered()
        except Exception as exc:
            self._failed(exc)

    def claim(self, key: str, ttl_s: int) -> bool:
        """Take the right to compute a value; False when another worker holds it."""
        try:
            return bool(self._redis.set(f"{self._prefix}:claim:{key}", b"1", nx=True, ex=ttl_s))
        except Exception as exc:
            self._failed(exc)
            return True

    def hold(self, key: str, ttl_s: int, replace: bool = False) -> bool:
        """Take a hold shared by every worker (never copied locally: it changes)."""
        try:
            name = f"{self._prefix}:hold:{key}"
            return bool(self._redis.set(name, b"1", nx=not replace, ex=ttl_s))
        except Exception as exc:
            self._failed(exc)
            return self._fallback.hold(key, ttl_s, replace)

    def release(self, key: str) -> None:
        """Let a hold go (in Redis and the fallback)."""
        self.delete(f"hold:{key}")

    def incr(self, key: str, ttl_s: int) -> int:
        """Add one to a counter shared by every worker, expiring ttl_s after it started."""
        try:
            name = f"{self._prefix}:{key}"
            with self._redis.pipeline() as pipe:
                value, _ = pipe.incr(name).expire(name, ttl_s, nx=True).execute()
            return int(value)
        except Exception as exc:
            self._failed(exc)
            return self._fallback.incr(key, ttl_s)

    def count(self, key: str) -> int:
        """The value of a counter made by incr, 0 when there is none."""
        try:
            return int(self._redis.get(f"{self._prefix}:{key}") or 0)
        except Exception as exc:
            self._failed(exc)
            return self._fallback.count(key)

    def delete(self, key: str) -> None:
        """Forget a key (in Redis and the fallback)."""
        self._fallback.delete(key)
        try:
            self._redis.delete(f"{self._prefix}:{key}")
        except Exception as exc:
            self._failed(exc)

    def ping(self) -> bool:
        """True when Redis answers."""
        try:
            return bool(self._redis.ping())
        except Exception as exc:
            self._failed(exc)
            return False


def make_cache(redis_url: str | None) -> Cache:
    """The cache the settings ask for."""
    return RedisCache(redis_url) if redis_url else MemoryCache()
