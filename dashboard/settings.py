"""Settings read from the environment in one place, with safe defaults."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace


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
    default_language: str = "en"
    demo: bool = False
    debug: bool = False
    extra: dict[str, str] = field(default_factory=dict)

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
    return Settings(
        database_url=env.get("DATABASE_URL", "").strip() or Settings.database_url,
        redis_url=env.get("REDIS_URL", "").strip() or None,
        secret_key=env.get("SECRET_KEY") or None,
        host=env.get("HOST", "").strip() or Settings.host,
        port=_int(env, "PORT", 8050, 1, 65535),
        refresh_seconds=_int(env, "REFRESH_SECONDS", 5, 1, 3600),
        statement_timeout_s=float(_int(env, "STATEMENT_TIMEOUT_SECONDS", 10, 1, 600)),
        default_language=language,
        demo=_flag(env, "DASHBOARD_DEMO"),
        debug=_flag(env, "DASHBOARD_DEBUG"),
    )
