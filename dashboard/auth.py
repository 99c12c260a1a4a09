"""Accounts, roles and login throttling. Passwords are kept only as salted hashes."""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
import threading
from dataclasses import dataclass
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
    """A dashboard account: a name and a role."""

    name: str
    role: str


class UserStore:
    """The users file: JSON with each account's role and password hash."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._cached: tuple[float, dict] | None = None

    def _read(self) -> dict[str, dict[str, str]]:
        try:
            stamp = self.path.stat().st_mtime_ns
        except FileNotFoundError:
            return {}
        if self._cached and self._cached[0] == stamp:
            return self._cached[1]
        try:
            users = json.loads(self.path.read_text(encoding="utf-8")).get("users", {})
        except (OSError, ValueError, AttributeError) as exc:
            log.error("users file %s cannot be read (%s): nobody can log in", self.path, exc)
            return {}
        users = {
            n: u for n, u in users.items() if isinstance(u, dict) and u.get("role") in ACCOUNT_ROLES
        }
        self._cached = (stamp, users)
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
        return [Account(n, u["role"]) for n, u in sorted(self._read().items())]

    def get(self, name: object) -> Account | None:
        """The account of that name, if there is one."""
        user = self._read().get(name) if isinstance(name, str) else None
        return Account(name, user["role"]) if user else None

    def add(self, name: str, role: str, password: str) -> Account:
        """Create or replace an account."""
        if not NAME_PATTERN.match(name or ""):
            raise AccountError("a user name is 1-64 letters, digits or . _ @ -")
        if role not in ACCOUNT_ROLES:
            raise AccountError(f"the role must be one of {', '.join(ACCOUNT_ROLES)}")
        if len(password or "") < MIN_PASSWORD:
            raise AccountError(f"the password must have at least {MIN_PASSWORD} characters")
        with self._lock:
            users = dict(self._read())
            users[name] = {"role": role, "password": generate_password_hash(password)}
            self._write(users)
        return Account(name, role)

    def remove(self, name: str) -> None:
        """Remove an account."""
        with self._lock:
            users = dict(self._read())
            if name not in users:
                raise AccountError(f"there is no user {name!r}")
            del users[name]
            self._write(users)

    def verify(self, name: object, password: object) -> Account | None:
        """The account if the password is right, else None (in the same time either way)."""
        user = self._read().get(name) if isinstance(name, str) else None
        hashed = user["password"] if user else _DUMMY_HASH
        ok = isinstance(password, str) and check_password_hash(hashed, password)
        return Account(name, user["role"]) if ok and user else None


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
