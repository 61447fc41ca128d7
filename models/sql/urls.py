"""A database URL read, checked and given its async driver: a mistake is one sentence naming it, the
URL shown without its password.

Refused besides what cannot be parsed: a SQLite database in memory (« sqlite:///$DB » with $DB unset:
every write lost when the process ends, while the command says « added » or « copied »), a SQLite URL
with two slashes (« sqlite://file » names a host, not a file), and a port outside 1–65535.
"""

from __future__ import annotations

from sqlalchemy.engine import URL, make_url

from models.sql import sqlite_inline

# where the file is, after the three slashes: a path from the current folder, or from the root
SQLITE_PATHS = "sqlite:///qualicoop.sqlite3 in the current folder, sqlite:////srv/qualicoop/qualicoop.sqlite3"
HIDDEN = "***"


class DatabaseUrlError(ValueError):
    """The DATABASE_URL cannot be used."""


def async_database_url(url: str) -> str:
    """Accept the usual URL spellings and pick the async driver for them.

    SQLite runs in the loop (``models.sql.sqlite_inline``) unless aiosqlite is asked for by name.
    """
    try:
        parsed = make_url(url)
    except Exception as error:  # sqlalchemy's ArgumentError, or int()'s ValueError for a port
        raise DatabaseUrlError(f"not a database URL: {without_password(url)!r}") from error
    backend, shown = parsed.get_backend_name(), _shown(url, parsed)
    if backend == "sqlite":
        _check_sqlite(parsed, shown)
        if parsed.get_driver_name() != "aiosqlite":
            parsed = parsed.set(drivername=f"sqlite+{sqlite_inline.DRIVER}")
    elif backend in ("postgresql", "postgres"):
        if parsed.port is not None and not 1 <= parsed.port <= 65535:
            raise DatabaseUrlError(f"{shown!r}: the port {parsed.port} is not between 1 and 65535")
        parsed = parsed.set(drivername="postgresql+asyncpg")
    else:
        raise DatabaseUrlError(f"unsupported database {backend!r}: use sqlite or postgresql")
    return parsed.render_as_string(hide_password=False)


def _check_sqlite(parsed: URL, shown: str) -> None:
    """A SQLite URL names a file: not a host (two slashes), not memory (nothing after the slashes).
    The sentences end so that the settings' « , e.g. postgresql://… » reads on after them."""
    if parsed.host or parsed.username or parsed.password is not None or parsed.port is not None:
        if parsed.username or parsed.password is not None or parsed.port is not None:
            meant = SQLITE_PATHS
        else:  # « sqlite://data/qualicoop.sqlite3 »: the path is there, one slash is missing
            path = "/".join(part for part in (parsed.host, parsed.database) if part)
            meant = f"{parsed.drivername}:///{path} (four slashes for a path from the root)"
        raise DatabaseUrlError(
            f"{shown!r} has two slashes: a SQLite URL takes three slashes, then the file's path, as in "
            f"{meant}; or a server's URL"
        )
    if parsed.database in (None, "", ":memory:") or parsed.query.get("mode") == "memory":
        raise DatabaseUrlError(
            f"{shown!r} is a SQLite database in memory, lost when the command ends: name its "
            f"file ({SQLITE_PATHS}), or a server's URL"
        )


def _shown(url: str, parsed: URL) -> str:
    """The URL as its user wrote it, or rendered again with its password hidden."""
    return url if parsed.password is None and "password" not in parsed.query else hidden(parsed)


def hidden(parsed: URL) -> str:
    """The URL to show: its password hidden, in its place or in its query (« ?password= », which
    asyncpg takes too)."""
    if "password" in parsed.query:
        parsed = parsed.update_query_dict({"password": HIDDEN})
    return parsed.render_as_string(hide_password=True).replace("%2A%2A%2A", HIDDEN)  # unquoted, as written


def without_password(url: str) -> str:
    """A URL too malformed to parse, shown without what lies between its « :// » and its last « @ »
    (the user and password; an @ in the password makes the first @ the wrong one)."""
    credentials, at, host = url.rpartition("@")
    if not at:
        return url
    scheme, separator, _hidden = credentials.partition("://")
    return f"{scheme}{separator}{HIDDEN}@{host}" if separator else f"{HIDDEN}@{host}"
