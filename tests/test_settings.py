"""Settings from the environment, and what bad settings and bad URLs say."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.settings import SettingsError, from_env
from data import indexes
from data.engine import make_engine, writable_engine

ROOT = Path(__file__).resolve().parents[1]
SECRET = "a-secret-key-long-enough"


def test_defaults_in_demo_mode():
    settings = from_env({"DASHBOARD_DEMO": "1"})
    assert settings.database_url == "sqlite:///demo.sqlite"
    assert (settings.port, settings.refresh_seconds, settings.redis_url) == (8050, 5, None)
    assert settings.recompute_wait_ms == 500
    assert settings.postgres_work_mem_mb == 256


def test_values_are_read():
    settings = from_env(
        {
            "SECRET_KEY": SECRET,
            "DATABASE_URL": "postgresql://db/x",
            "PORT": "9000",
            "REDIS_URL": "redis://r:6379/0",
            "REFRESH_SECONDS": "10",
            "DASHBOARD_LANGUAGE": "de",
            "RECOMPUTE_WAIT_MS": "250",
            "POSTGRES_WORK_MEM_MB": "64",
        }
    )
    assert settings.postgres_work_mem_mb == 64
    assert settings.database_url == "postgresql://db/x"
    assert settings.recompute_wait_ms == 250
    assert (settings.port, settings.refresh_seconds, settings.default_language) == (9000, 10, "de")
    assert settings.redis_url == "redis://r:6379/0"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"PORT": "eighty", "SECRET_KEY": SECRET}, "PORT must be a whole number"),
        ({"PORT": "70000", "SECRET_KEY": SECRET}, "PORT must be between"),
        ({"DASHBOARD_LANGUAGE": "fr", "SECRET_KEY": SECRET}, "DASHBOARD_LANGUAGE"),
        ({}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "short"}, "at least 16"),
        ({"SECRET_KEY": SECRET, "DASHBOARD_DEBUG": "1"}, "demo mode only"),
        ({"SECRET_KEY": SECRET, "POSTGRES_WORK_MEM_MB": "1GB"}, "POSTGRES_WORK_MEM_MB must be a"),
        ({"SECRET_KEY": SECRET, "POSTGRES_WORK_MEM_MB": "0"}, "between 4 and 4096"),
    ],
)
def test_bad_settings_are_explained(env, message):
    with pytest.raises(SettingsError, match=message):
        from_env(env)


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_malformed_database_url_is_one_line_and_exit_2():
    done = _run(
        ["-c", "import app; app.server"], {"DASHBOARD_DEMO": "1", "DATABASE_URL": "nonsense"}
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "error: DATABASE_URL is not a database URL: 'nonsense'"
    ]


def test_missing_secret_key_stops_the_server_with_exit_2():
    done = _run(["-c", "import app; app.server"], {"DATABASE_URL": "sqlite:///x.sqlite"})
    assert done.returncode == 2
    assert "SECRET_KEY must be set" in done.stderr and "Traceback" not in done.stderr


def test_check_db_reports_problems_and_passes(small_db):
    done = _run(["-m", "dashboard", "check-db", "--database", small_db], {})
    assert done.returncode == 0, done.stderr
    assert "every table and column" in done.stdout
    assert "1  participants pointing at a missing organisation" in done.stdout
    assert "1  accepted meetings without a slot" in done.stdout
    for recommended in indexes.RECOMMENDED:  # registration-schema.sql has none of them
        assert recommended.statement() in done.stdout


def test_check_db_recommends_only_the_indexes_a_database_lacks(small_db):
    engine = writable_engine(small_db)
    with engine.begin() as conn:  # another name, the same leading column
        conn.exec_driver_sql("CREATE INDEX by_country ON participants (country_code, role)")
    engine.dispose()
    with make_engine(small_db).connect() as conn:
        assert [r.name for r in indexes.missing(conn)] == [
            "ix_participants_organisation_country",
            "ix_requests_recipient_event",
        ]
    done = _run(["-m", "dashboard", "check-db", "--database", small_db], {})
    assert "ix_participants_country" not in done.stdout
    statement = "CREATE INDEX ix_participants_organisation_country ON participants"
    assert f"{statement} (organisation_id, country_code);" in done.stdout
    # the schema's index on the recipient alone does not lead with both columns
    assert (
        "CREATE INDEX ix_requests_recipient_event ON meeting_requests (recipient_id, event_id);"
        in done.stdout
    )
    engine = writable_engine(small_db)
    with engine.begin() as conn:
        for recommended in indexes.RECOMMENDED[1:]:
            conn.exec_driver_sql(recommended.statement())
    engine.dispose()
    done = _run(["-m", "dashboard", "check-db", "--database", small_db], {})
    assert done.returncode == 0 and "every index the dashboard can use is there" in done.stdout


def test_check_db_says_when_postgresql_has_no_statistics_to_plan_with(postgres_url):
    from data.demo import writing
    from tests import small_event

    engine = writable_engine(postgres_url)
    small_event.load(engine)  # a bulk load, and this server's autovacuum may be off
    with make_engine(postgres_url).connect() as conn:
        lacking = indexes.without_statistics(conn)
    assert "participants" in lacking and "meeting_requests" in lacking
    done = _run(["-m", "dashboard", "check-db", "--database", postgres_url], {})
    assert done.returncode == 0, done.stderr
    assert "statistics: PostgreSQL has none for" in done.stdout
    assert f"  ANALYZE {', '.join(lacking)};" in done.stdout
    writing.analyze(engine)
    engine.dispose()
    done = _run(["-m", "dashboard", "check-db", "--database", postgres_url], {})
    assert done.returncode == 0 and "statistics:" not in done.stdout


def test_check_db_fails_on_a_contract_violation(tmp_path):
    import sqlite3

    path = tmp_path / "partial.sqlite"
    sqlite3.connect(path).execute("CREATE TABLE events (id INTEGER PRIMARY KEY)").connection.close()
    done = _run(["-m", "dashboard", "check-db", "--database", f"sqlite:///{path}"], {})
    assert done.returncode == 1
    assert "contract violated" in done.stdout and "table participants" in done.stdout


def test_check_db_with_a_bad_url_is_one_line(tmp_path):
    done = _run(["-m", "dashboard", "check-db", "--database", "oracle://x"], {})
    assert done.returncode == 2
    assert done.stderr.strip().startswith("error: DATABASE_URL names an unsupported database")
