"""``qualicoop db …``: create or upgrade the schema, back up, and copy an installation elsewhere; and
what every command of the ``qualicoop`` line shares (a database opened for one piece of work).
"""

from __future__ import annotations

import argparse
import asyncio
from datetime import date
from pathlib import Path

from bot.settings import Settings
from models.db import Database, DatabaseUrlError, async_database_url, check_known
from models.dossier.files import FileStore, import_folder
from models.migrations import MIGRATIONS
from models.operations.transfer import backup_sqlite, copy_database
from models.sql.checkpoint import sqlite_file


class CliError(Exception):
    """A refusal to print on one line; the command ends with ``exit_code``."""

    exit_code = 2


def require_existing_database(settings: Settings) -> None:
    """A SQLite file that is not there is refused: the command was run from another folder than the
    bot's (the default file and .env are relative to it) or DATABASE_URL is mistyped. Only ``run`` and
    ``db upgrade`` create one; any other command would work on a new empty database, silently."""
    path = sqlite_file(settings.database_url)
    if path is not None and not Path(path).exists():
        raise CliError(
            f"no database at {Path(path).resolve()}: run the command from the bot's folder (where its .env "
            "and database are), or set DATABASE_URL to the database, e.g. "
            "sqlite:////srv/qualicoop/qualicoop.sqlite3 ('qualicoop db upgrade' creates a new one)"
        )


async def with_database(settings: Settings, work):
    """Upgrade the schema of an existing database, run the work, close the connections."""
    require_existing_database(settings)
    database = Database(settings.database_url)
    try:
        await upgrade_if_behind(database)
        return await work(database)
    finally:
        await database.dispose()


async def prepare(database: Database, settings: Settings) -> int:
    """Create or upgrade the schema, then bring in the files an older version kept on disk."""
    await upgrade_if_behind(database)
    return await import_folder(FileStore(database), settings.files_dir)


async def upgrade_if_behind(database: Database) -> None:
    """Upgrade a schema older than this code's; one at the latest version (every start but the
    first after an update) is only read: 3 statements instead of a locked transaction per migration."""
    await database.check_connection()  # one line, no traceback, when the database does not answer
    steps = await database.schema_steps()
    check_known(steps)  # a rollback to an older release, another build's steps: refused in one line
    if max(steps, default=0) < MIGRATIONS[-1].version:
        await database.upgrade()  # under the schema lock: another instance may be at it too


def cmd_db_upgrade(settings: Settings, args: argparse.Namespace) -> None:
    """Create or upgrade the schema (and import old files); print the version reached."""

    async def work() -> tuple[int, int]:
        database = Database(settings.database_url)
        try:
            imported = await prepare(database, settings)
            return await database.schema_version(), imported
        finally:
            await database.dispose()

    version, imported = asyncio.run(work())
    if imported:
        print(f"{imported} file(s) imported from {settings.files_dir} into the database")
    print(f"database at schema version {version}")


def cmd_db_backup(settings: Settings, args: argparse.Namespace) -> None:
    """A consistent copy of the SQLite database while the bot runs (an earlier backup at PATH is replaced)."""
    require_existing_database(settings)
    if Path(args.path).is_dir():
        example = Path(args.path) / f"qualicoop-{date.today().isoformat()}.sqlite3"
        raise CliError(f"{args.path} is a folder: give the backup's file name, e.g. {example}")
    size = backup_sqlite(settings.database_url, args.path)
    print(f"backup written to {args.path} ({size} bytes)")


def cmd_db_copy(settings: Settings, args: argparse.Namespace) -> None:
    """Every row and file from one database into an empty other one, checked table by table."""
    for flag, url in (("--from", args.source), ("--to", args.target)):
        try:  # before anything is opened: a copy « checked » into memory is lost at once
            async_database_url(url)
        except DatabaseUrlError as error:
            raise CliError(f"{flag} {error}, e.g. postgresql://user:pass@host/qualicoop") from None
    checks = asyncio.run(copy_database(args.source, args.target, say=print))
    different = [check.table for check in checks if not check.same]
    if different:
        raise SystemExit(f"qualicoop: the copy differs from the source in: {', '.join(different)}")
    print(f"copied and checked: {len(checks)} tables, {sum(c.target_rows for c in checks)} rows")


def add_commands(commands) -> None:
    """The ``db`` commands and their help."""
    db = commands.add_parser("db", help="database maintenance").add_subparsers(
        dest="db_command", required=True
    )
    db.add_parser("upgrade", help="create or upgrade the database schema").set_defaults(
        handler=cmd_db_upgrade
    )
    backup = db.add_parser("backup", help="copy the SQLite database to PATH while the bot runs")
    backup.add_argument("path", metavar="PATH")
    backup.set_defaults(handler=cmd_db_backup)
    copy = db.add_parser("copy", help="copy every row and file into another (empty) database, and check it")
    copy.add_argument(
        "--from", dest="source", required=True, metavar="URL", help="e.g. sqlite:///qualicoop.sqlite3"
    )
    copy.add_argument(
        "--to", dest="target", required=True, metavar="URL", help="e.g. postgresql://u:p@host/db"
    )
    copy.set_defaults(handler=cmd_db_copy)
