"""The ``qualicoop`` command line: run the bot and manage coops, invitations, admins, referential."""

from __future__ import annotations

import argparse
import asyncio
import os
import shlex
import sys
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version

from bot import coops, maintenance, staff
from bot.maintenance import CliError, with_database
from bot.settings import Settings, SettingsError, load_settings
from locales import normalize_language, translator
from models.clock import utcnow
from models.coops import CoopError
from models.db import Database, DatabaseUnavailable, DatabaseUrlError
from models.operations.transfer import TransferError
from models.privacy.erase import erase_person, last_direction_of
from models.referential.checks import ReferentialError
from models.referential.parsing import load_referential_file
from models.referential.store import active_referential, replace_referential
from models.tables import Coop, User


def cmd_run(settings: Settings, args: argparse.Namespace) -> None:
    """Long polling (or webhook mode) until interrupted."""
    from bot.application import build_application  # telegram is only needed to run
    from bot.logs import configure_logging
    from bot.runner import run

    settings.require_token()
    if args.webhook:
        settings.require_webhook()
    configure_logging(settings.log_level, settings.log_format, settings.secrets)
    # a database that does not answer: one line, no traceback; the schema is then up to date
    asyncio.run(_prepared(Database(settings.database_url), settings))
    database = Database(settings.database_url)
    application = build_application(settings, database, webhook=args.webhook, upgraded=True)
    if code := run(application, settings, webhook=args.webhook, drop_webhook=args.drop_webhook):
        raise SystemExit(code)


async def _prepared(database: Database, settings: Settings) -> None:
    """Upgrade and import old files before the bot starts, then close (the bot opens its own loop)."""
    try:
        await maintenance.prepare(database, settings)
    finally:
        await database.dispose()


def cmd_user_erase(settings: Settings, args: argparse.Namespace) -> None:
    """Erase a person's personal data, as /supprimer does (their contributions stay, anonymous); the
    last direction member of a coop only with --force, after a warning saying what follows."""

    async def work(database: Database):
        await erase_user(settings, database, args.telegram_id, args.force)

    asyncio.run(with_database(settings, work))


async def erase_user(
    settings: Settings, database: Database, telegram_id: int, force: bool, request=None
) -> None:
    """The erasure, then (committed) their chat's « / » menu a stranger's, as /supprimer sets it."""
    async with database.transaction() as session:
        user = await session.get(User, telegram_id)
        app_language = user.telegram_language if user is not None else None
        coop = await last_direction_of(session, telegram_id)
        if coop is not None and not force:
            raise CliError(
                f"{telegram_id} is the last direction member of {coop.name} (#{coop.id}), which would "
                "have none left: erase anyway with --force, then invite a new direction with: "
                f"{_invite_direction(coop)}"
            )
        report = await erase_person(session, telegram_id, utcnow(), settings.admin_ids)
    if not report.deleted and not report.anonymised:
        raise CliError(f"nothing is stored about {telegram_id}")
    print(f"{telegram_id} erased: {report.deleted} row(s) deleted, {report.anonymised} anonymised")
    if coop is not None:
        invite = _invite_direction(coop)
        print(f"{coop.name} (#{coop.id}) has no direction member left; invite one with: {invite}")
    from conversations.onboarding.commands import bot_commands  # the journeys load only here (``staff``)

    t = translator(normalize_language(app_language) or settings.default_language)  # their chosen one: gone
    commands = bot_commands(t, None)  # a newcomer's, never the default plain member's, which refuses them
    if (
        kept := await staff.on_their_chat(settings, telegram_id, "set_my_commands", request, commands)
    ) is not None:
        print(kept)


def _invite_direction(coop: Coop) -> str:
    """The command that gives a coop a new direction member, ready to paste: the coop by its number,
    which no name shadows (a coop named « 1 ») nor an option (« -Tirets- »), quoted (« # » starts a
    shell comment)."""
    return f"qualicoop coop invite {shlex.quote(f'#{coop.id}')} --role direction"


def cmd_referential_show(settings: Settings, args: argparse.Namespace) -> None:
    async def work(database: Database):
        async with database.transaction() as session:
            referential = await active_referential(session)
        lang = args.lang
        provisional = translator(lang).gettext("provisional")  # the word the notice names
        print(f"referential {referential.version}")
        if referential.has_provisional:
            print(f"  {referential.notice.get(lang)}")
        for axis in referential.axes:
            print(f"\naxis {axis.code}: {axis.title.get(lang)}")
            for engagement in referential.engagements_of(axis.code):
                flag = f" ({provisional})" if engagement.provisional else ""
                print(f"  {engagement.code:>2}. {engagement.title.get(lang)}{flag}")
                for indicator in engagement.suggested_indicators:
                    print(f"        - {indicator.title.get(lang)}")

    asyncio.run(with_database(settings, work))


def cmd_referential_load(settings: Settings, args: argparse.Namespace) -> None:
    referential = load_referential_file(args.file)  # validated before anything is stored

    async def work(database: Database):
        async with database.transaction() as session:
            await replace_referential(session, referential)
        print(
            f"referential {referential.version} loaded: {len(referential.axes)} axes, "
            f"{len(referential.engagements)} engagements (restart every instance of the bot to use it)"
        )

    asyncio.run(with_database(settings, work))


def _add_user_commands(commands) -> None:
    """``qualicoop user erase`` (personal data)."""
    user = commands.add_parser("user", help="personal data").add_subparsers(
        dest="user_command", required=True
    )
    erase = user.add_parser(
        "erase", help="erase a person's personal data (their contributions stay, anonymous)"
    )
    erase.add_argument("telegram_id", metavar="TELEGRAM_ID", type=staff.person_id)
    erase.add_argument(
        "--force", action="store_true", help="erase even the last direction member of a coop (warned first)"
    )
    erase.set_defaults(handler=cmd_user_erase)


def installed_version() -> str:
    """The package's version as pip installed it; « unknown » when run from a copy never installed."""
    try:
        return package_version("qualicoop")
    except PackageNotFoundError:
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    """Every command with its help."""
    parser = argparse.ArgumentParser(
        prog="qualicoop",
        description="Quali'Coop Telegram assistant: run the bot and manage coops and invitations. "
        "Settings come from the environment or a .env file (see README).",
    )
    # what an operator quotes when reporting a problem: the installed package's, as pip knows it
    parser.add_argument("--version", action="version", version=f"%(prog)s {installed_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="run the bot (long polling); creates the database on first start")
    mode = run.add_mutually_exclusive_group()
    mode.add_argument(
        "--webhook",
        action="store_true",
        help="receive updates on the web server (QUALICOOP_PUBLIC_URL, QUALICOOP_WEB_PORT, "
        "QUALICOOP_WEBHOOK_SECRET), for several instances behind a reverse proxy",
    )
    mode.add_argument(
        "--drop-webhook",
        action="store_true",
        help="poll even though a webhook is set (it is deleted: instances in webhook mode receive nothing)",
    )
    run.set_defaults(handler=cmd_run)

    maintenance.add_commands(commands)

    coops.add_commands(commands)
    staff.add_commands(commands)

    _add_user_commands(commands)
    referential = commands.add_parser("referential", help="the axes and engagements").add_subparsers(
        dest="referential_command", required=True
    )
    show = referential.add_parser("show", help="print the referential in force")
    show.add_argument("--lang", choices=["fr", "en"], default="fr")
    show.set_defaults(handler=cmd_referential_show)
    load = referential.add_parser("load", help="replace the referential with a validated JSON file")
    load.add_argument("file", metavar="FILE")
    load.set_defaults(handler=cmd_referential_load)
    name_the_subcommands(parser)
    return parser


def name_the_subcommands(parser: argparse.ArgumentParser) -> None:
    """A missing subcommand is refused with the list of them (« required: {upgrade,backup,copy} »),
    not with the name of the variable argparse keeps it in."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            action.metavar = "{" + ",".join(action.choices) + "}"
            for subparser in action.choices.values():
                name_the_subcommands(subparser)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``qualicoop`` script and of ``python -m bot``."""
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
        args.handler(settings, args)
        sys.stdout.flush()  # here, where a reader gone is understood, not at the interpreter's exit
    except BrokenPipeError:  # « qualicoop coop list | head -1 »: the reader had what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing more to write there
        return 0
    except (
        SettingsError,
        CliError,
        CoopError,
        ReferentialError,
        DatabaseUrlError,
        DatabaseUnavailable,
        TransferError,
    ) as error:
        print(f"qualicoop: {error}", file=sys.stderr)
        return getattr(error, "exit_code", 2)
    except KeyboardInterrupt:
        return 130
    return 0
