"""Accounts, roles and login throttling. Passwords are kept only as salted hashes."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import logging
import os
import re
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from werkzeug.security import check_password_hash, generate_password_hash

from dashboard.cache import Cache

log = logging.getLogger(__name__)

STAFF, OFFICIAL, WALL = "staff", "official", "wall"
ACCOUNT_ROLES = (STAFF, OFFICIAL)
STATISTICS = frozenset({STAFF, OFFICIAL})
STAFF_ONLY = frozenset({STAFF})
ANY_ROLE = frozenset({STAFF, OFFICIAL, WALL})
PUBLIC = frozenset({"public"})
NAME_PATTERN = re.compile(r"^[A-Za-z0-9._@-]{1,64}$")
MIN_PASSWORD = 8
FAILURES_ALLOWED = 5
FAILURE_WINDOW_S = 60
# A hash to compare against when the user does not exist, so that both take as long.
_DUMMY_HASH = generate_password_hash("not a password of anybody")


class AccountError(ValueError):
    """An account cannot be created, changed or removed as asked."""


@dataclass(frozen=True)
class Account:
    """A dashboard account: a name, a role, and a mark of its password hash."""

    name: str
    role: str
    # Changes with the password, so that a session can end when the password changes.
    stamp: str = field(default="", compare=False, repr=False)


def _account(name: str, user: dict[str, str]) -> Account:
    stamp = hashlib.sha256(user["password"].encode()).hexdigest()[:16]
    return Account(name, user["role"], stamp)


def basic_credentials(header: str) -> tuple[str, str] | None:
    """The user name and password of an HTTP Basic Authorization header, if it is one."""
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() != "basic" or not encoded.strip():
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, ValueError):
        return None
    name, colon, password = decoded.partition(":")
    return (name, password) if colon and name else None


class UserStore:
    """The users file: JSON with each account's role and password hash."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._cached: tuple[tuple[int, int, int], dict] | None = None

    def _read(self, strict: bool = False) -> dict[str, dict[str, str]]:
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return {}
        mark = (stat.st_mtime_ns, stat.st_ino, stat.st_size)
        if self._cached and self._cached[0] == mark:
            return self._cached[1]
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            users = data.get("users", {}) if isinstance(data, dict) else None
            if not isinstance(users, dict):
                raise ValueError("it holds no object 'users'")
        except (OSError, ValueError) as exc:
            if strict:  # never overwrite a file we could not read: it may hold accounts
                raise AccountError(f"the users file {self.path} cannot be read: {exc}") from exc
            log.error("users file %s cannot be read (%s): nobody can log in", self.path, exc)
            return {}
        users = {
            n: u
            for n, u in users.items()
            if isinstance(u, dict)
            and u.get("role") in ACCOUNT_ROLES
            and isinstance(u.get("password"), str)
        }
        self._cached = (mark, users)
        return users

    def _write(self, users: dict[str, dict[str, str]]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=self.path.parent, prefix=".users-")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump({"users": users}, out, indent=2, sort_keys=True)
        os.chmod(temp, 0o600)
        os.replace(temp, self.path)
        self._cached = None

    def accounts(self) -> list[Account]:
        """Every account, by name."""
        return [_account(n, u) for n, u in sorted(self._read().items())]

    def get(self, name: object) -> Account | None:
        """The account of that name, if there is one."""
        user = self._read().get(name) if isinstance(name, str) else None
        return _account(name, user) if user else None

    def add(self, name: str, role: str, password: str) -> Account:
        """Create or replace an account."""
        if not NAME_PATTERN.match(name or ""):
            raise AccountError("a user name is 1-64 letters, digits or . _ @ -")
        if role not in ACCOUNT_ROLES:
            raise AccountError(f"the role must be one of {', '.join(ACCOUNT_ROLES)}")
        if len(password or "") < MIN_PASSWORD:
            raise AccountError(f"the password must have at least {MIN_PASSWORD} characters")
        with self._lock:
            users = dict(self._read(strict=True))
            users[name] = {"role": role, "password": generate_password_hash(password)}
            self._write(users)
        return _account(name, users[name])

    def remove(self, name: str) -> None:
        """Remove an account."""
        with self._lock:
            users = dict(self._read(strict=True))
            if name not in users:
                raise AccountError(f"there is no user {name!r}")
            del users[name]
            self._write(users)

    def verify(self, name: object, password: object) -> Account | None:
        """The account if the password is right, else None (in the same time either way)."""
        user = self._read().get(name) if isinstance(name, str) else None
        hashed = user["password"] if user else _DUMMY_HASH
        ok = isinstance(password, str) and check_password_hash(hashed, password)
        return _account(name, user) if ok and user else None


class Throttle:
    """Counts failed logins per user and per address; five in a minute means wait."""

    def __init__(self, cache: Cache) -> None:
        self.cache = cache

    def _keys(self, name: str, address: str) -> tuple[str, str]:
        return f"login-failures:user:{name[:64]}", f"login-failures:addr:{address[:64]}"

    def blocked(self, name: str, address: str) -> bool:
        """True when the user or the address failed too often within the last minute."""
        return any(self.cache.count(key) >= FAILURES_ALLOWED for key in self._keys(name, address))

    def failed(self, name: str, address: str) -> None:
        """Count a failed login."""
        for key in self._keys(name, address):
            self.cache.incr(key, FAILURE_WINDOW_S)


class Verified:
    """Credentials checked lately, by a keyed hash of them (never the password itself).

    Checking a password hash costs ~0.1 s of CPU on purpose; a script's next API request
    within a few minutes should not pay it again. A changed password ends the memory.
    """

    def __init__(self, users: UserStore, ttl_s: float = 300, max_items: int = 256) -> None:
        self.users, self.ttl_s, self.max_items = users, ttl_s, max_items
        self._items: dict[str, tuple[float, str]] = {}
        self._lock = threading.Lock()

    def get(self, key: str, name: str) -> Account | None:
        """The account whose credentials hashed to key, if checked lately and unchanged."""
        with self._lock:
            expires, stamp = self._items.get(key, (0.0, ""))
        account = self.users.get(name) if expires > time.monotonic() else None
        return account if account is not None and account.stamp == stamp else None

    def add(self, key: str, account: Account) -> None:
        """Remember that the credentials hashing to key are the account's."""
        with self._lock:
            if len(self._items) >= self.max_items:
                self._items.pop(next(iter(self._items)))
            self._items[key] = (time.monotonic() + self.ttl_s, account.stamp)
