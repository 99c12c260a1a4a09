"""Settings read from the environment in one place, with safe defaults."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace

from data.engine import POSTGRES_WORK_MEM_MB


class SettingsError(ValueError):
    """A setting has a value we cannot use."""


@dataclass(frozen=True)
class Settings:
    """Everything the app can be configured with; see the README for each variable."""

    database_url: str = "sqlite:///demo.sqlite"
    redis_url: str | None = None
    secret_key: str | None = None
    host: str = "127.0.0.1"
    port: int = 8050
    refresh_seconds: int = 5
    statement_timeout_s: float = 10.0
    postgres_work_mem_mb: int = POSTGRES_WORK_MEM_MB
    recompute_wait_ms: int | None = 500  # None: every request waits (the bench measures so)
    default_language: str = "en"
    demo: bool = False
    debug: bool = False
    users_file: str = "users.json"
    wall_key: str | None = None
    https: bool = False
    wall_reload_hours: float = 6.0
    trusted_proxies: int = 0

    def with_(self, **changes: object) -> Settings:
        """Return a copy with some settings changed (tests use this)."""
        return replace(self, **changes)


def _int(env: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise SettingsError(f"{name} must be a whole number, not {raw!r}") from exc
    if not low <= value <= high:
        raise SettingsError(f"{name} must be between {low} and {high}, not {value}")
    return value


def _flag(env: Mapping[str, str], name: str) -> bool:
    return env.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def from_env(env: Mapping[str, str] | None = None) -> Settings:
    """Read the settings from the environment (or the mapping given)."""
    env = os.environ if env is None else env
    language = env.get("DASHBOARD_LANGUAGE", "en").strip().lower() or "en"
    if language not in {"en", "de"}:
        raise SettingsError(f"DASHBOARD_LANGUAGE must be 'en' or 'de', not {language!r}")
    demo, debug = _flag(env, "DASHBOARD_DEMO"), _flag(env, "DASHBOARD_DEBUG")
    secret_key = env.get("SECRET_KEY") or None
    if debug and not demo:
        raise SettingsError("DASHBOARD_DEBUG is for demo mode only (it would expose tracebacks)")
    if not demo and not secret_key:
        raise SettingsError("SECRET_KEY must be set (a long random string) outside demo mode")
    if secret_key is not None and len(secret_key) < 16:
        raise SettingsError("SECRET_KEY must be at least 16 characters long")
    return Settings(
        database_url=env.get("DATABASE_URL", "").strip() or Settings.database_url,
        redis_url=env.get("REDIS_URL", "").strip() or None,
        secret_key=secret_key,
        host=env.get("HOST", "").strip() or Settings.host,
        port=_int(env, "PORT", 8050, 1, 65535),
        refresh_seconds=_int(env, "REFRESH_SECONDS", 5, 1, 3600),
        statement_timeout_s=float(_int(env, "STATEMENT_TIMEOUT_SECONDS", 10, 1, 600)),
        postgres_work_mem_mb=_int(env, "POSTGRES_WORK_MEM_MB", POSTGRES_WORK_MEM_MB, 4, 4096),
        recompute_wait_ms=_int(env, "RECOMPUTE_WAIT_MS", 500, 0, 600_000),
        default_language=language,
        demo=demo,
        debug=debug,
        users_file=env.get("DASHBOARD_USERS_FILE", "").strip() or Settings.users_file,
        wall_key=env.get("WALL_KEY") or None,
        https=_flag(env, "DASHBOARD_HTTPS"),
        wall_reload_hours=float(_int(env, "WALL_RELOAD_HOURS", 6, 1, 168)),
        trusted_proxies=_int(env, "TRUSTED_PROXIES", 0, 0, 5),
    )
