"""DATABASE_URL: SQLite by default, PostgreSQL by URL, and a clear word for anything else."""

from pathlib import Path

import pytest

from kindvoice.errors import ConfigurationError
from kindvoice.web.database_url import parse

DEFAULT = Path("/data/kindvoice.sqlite3")


def test_no_url_means_sqlite_in_the_data_directory_with_wal_and_a_busy_timeout() -> None:
    db = parse("", DEFAULT)
    assert db["ENGINE"].endswith("sqlite3") and db["NAME"] == str(DEFAULT)
    assert "journal_mode=WAL" in db["OPTIONS"]["init_command"]
    assert db["OPTIONS"]["timeout"] >= 5 and db["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


@pytest.mark.parametrize(
    ("url", "name"),
    [("sqlite:///kv.db", "kv.db"), ("sqlite:////srv/kv.db", "/srv/kv.db")],
    ids=["relative", "absolute"],
)
def test_sqlite_urls_follow_the_usual_slash_convention(url: str, name: str) -> None:
    assert parse(url, DEFAULT)["NAME"] == name


def test_a_postgres_url_is_split_into_its_parts() -> None:
    db = parse("postgres://kv:s%40cret@db.local:6543/kindvoice", DEFAULT)
    assert db["ENGINE"].endswith("postgresql")
    assert (db["USER"], db["PASSWORD"], db["HOST"], db["PORT"], db["NAME"]) == (
        "kv",
        "s@cret",
        "db.local",
        "6543",
        "kindvoice",
    )


@pytest.mark.parametrize("url", ["mysql://x/y", "postgres://host/", "sqlite:///"], ids=["mysql", "no-db", "no-path"])
def test_an_unusable_url_is_explained(url: str) -> None:
    with pytest.raises(ConfigurationError, match="DATABASE_URL"):
        parse(url, DEFAULT)
