"""The ``qualicoop`` command line: run the bot and manage coops, invitations, admins, referential."""

from __future__ import annotations

import argparse
import asyncio
import shlex
import sys
from datetime import timedelta

from bot import maintenance, staff
from bot.maintenance import CliError, with_database
from bot.settings import Settings, SettingsError, load_settings
from models.bot_settings import BOT_USERNAME, get_setting
from models.clock import utcnow
from models.coops import (
    CoopError,
    create_coop,
    create_invitation,
    find_coop,
    invitation_link,
    list_coops,
    revoke_invitation,
)
from models.db import Database, DatabaseUnavailable, DatabaseUrlError
from models.operations.transfer import TransferError
from models.privacy.erase import erase_person, last_direction_of
from models.referential.checks import ReferentialError
from models.referential.parsing import load_referential_file
from models.referential.store import active_referential, replace_referential
from models.tables import MemberRole


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
    if code := run(application, settings, webhook=args.webhook):
        raise SystemExit(code)


async def _prepared(database: Database, settings: Settings) -> None:
    """Upgrade and import old files before the bot starts, then close (the bot opens its own loop)."""
    try:
        await maintenance.prepare(database, settings)
    finally:
        await database.dispose()


def validity_days(text: str) -> int:
    """An invitation's validity in days, as the setting allows it: 1 to 3650."""
    try:
        days = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of days: {text!r}") from None
    if not 1 <= days <= 3650:
        raise argparse.ArgumentTypeError(f"{days} days: a link is valid from 1 to 3650 days")
    return days


def _print_invitation(invitation, username: str | None) -> None:
    role = MemberRole(invitation.role).value
    if username:
        print(f"  {role:9} {invitation_link(username, invitation.token)}")
    else:
        print(f"  {role:9} token {invitation.token}")


def _explain_tokens(username: str | None) -> None:
    if not username:
        print(
            "The bot has not been started yet, so its username is unknown. Once it runs, the link is "
            "https://t.me/<bot username>?start=<token>; meanwhile a colleague can send "
            "'/start <token>' to the bot."
        )


def cmd_coop_add(settings: Settings, args: argparse.Namespace) -> None:
    async def work(database: Database):
        async with database.transaction() as session:
            coop = await create_coop(session, args.name, args.region)
            valid_for = timedelta(days=settings.invitation_days)
            direction = await create_invitation(session, coop, MemberRole.DIRECTION, valid_for=valid_for)
            member = await create_invitation(session, coop, MemberRole.MEMBER, valid_for=valid_for)
            username = await get_setting(session, BOT_USERNAME)
        print(f"coop #{coop.id} {coop.name} added. Invitation links (valid {settings.invitation_days} days):")
        _print_invitation(direction, username)
        _print_invitation(member, username)
        _explain_tokens(username)

    asyncio.run(with_database(settings, work))


def cmd_coop_list(settings: Settings, args: argparse.Namespace) -> None:
    async def work(database: Database):
        async with database.transaction() as session:
            summaries = await list_coops(session)
        if not summaries:
            print("no coop yet: add one with 'qualicoop coop add NAME'")
        for s in summaries:
            region = s.coop.region or "-"
            print(
                f"#{s.coop.id:<4} {s.coop.name:40} {region:20} members {s.members} "
                f"(direction {s.direction_members})  dossier {s.dossier_status}"
            )

    asyncio.run(with_database(settings, work))


def cmd_coop_invite(settings: Settings, args: argparse.Namespace) -> None:
    async def work(database: Database):
        async with database.transaction() as session:
            coop = await find_coop(session, args.coop)
            if coop is None:
                raise CliError(f"no coop {args.coop!r}: see 'qualicoop coop list'")
            days = settings.invitation_days if args.days is None else args.days
            invitation = await create_invitation(
                session, coop, MemberRole(args.role), valid_for=timedelta(days=days)
            )
            username = await get_setting(session, BOT_USERNAME)
        print(f"new invitation for {coop.name}, valid {days} days:")
        _print_invitation(invitation, username)
        _explain_tokens(username)

    asyncio.run(with_database(settings, work))


def cmd_coop_revoke(settings: Settings, args: argparse.Namespace) -> None:
    async def work(database: Database):
        async with database.transaction() as session:
            await revoke_invitation(session, args.token)
        print("invitation revoked; members who already joined stay members")

    asyncio.run(with_database(settings, work))


def cmd_user_erase(settings: Settings, args: argparse.Namespace) -> None:
    """Erase a person's personal data, as /supprimer does (their contributions stay, anonymous); the
    last direction member of a coop only with --force, after a warning saying what follows."""

    async def work(database: Database):
        async with database.transaction() as session:
            coop = await last_direction_of(session, args.telegram_id)
            if coop is not None and not args.force:
                raise CliError(
                    f"{args.telegram_id} is the last direction member of {coop.name}, which would have "
                    "none left: erase anyway with --force, then invite a new direction with: "
                    f"{_invite_direction(coop.name)}"
                )
            report = await erase_person(session, args.telegram_id, utcnow())
        if not report.deleted and not report.anonymised:
            raise CliError(f"nothing is stored about {args.telegram_id}")
        print(f"{args.telegram_id} erased: {report.deleted} row(s) deleted, {report.anonymised} anonymised")
        if coop is not None:
            print(
                f"{coop.name} has no direction member left; invite one with: {_invite_direction(coop.name)}"
            )

    asyncio.run(with_database(settings, work))


def _invite_direction(coop_name: str) -> str:
    """The command that gives a coop a new direction member, ready to paste."""
    return f"qualicoop coop invite {shlex.quote(coop_name)} --role direction"


def cmd_referential_show(settings: Settings, args: argparse.Namespace) -> None:
    async def work(database: Database):
        async with database.transaction() as session:
            referential = await active_referential(session)
        lang = args.lang
        print(f"referential {referential.version}")
        if referential.has_provisional:
            print(f"  {referential.notice.get(lang)}")
        for axis in referential.axes:
            print(f"\naxis {axis.code}: {axis.title.get(lang)}")
            for engagement in referential.engagements_of(axis.code):
                flag = " (provisional)" if engagement.provisional else ""
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
            f"{len(referential.engagements)} engagements (restart the bot to use it)"
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


def build_parser() -> argparse.ArgumentParser:
    """Every command with its help."""
    parser = argparse.ArgumentParser(
        prog="qualicoop",
        description="Quali'Coop Telegram assistant: run the bot and manage coops and invitations. "
        "Settings come from the environment or a .env file (see README).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="run the bot (long polling); creates the database on first start")
    run.add_argument(
        "--webhook",
        action="store_true",
        help="receive updates on the web server (QUALICOOP_PUBLIC_URL, QUALICOOP_WEB_PORT, "
        "QUALICOOP_WEBHOOK_SECRET), for several instances behind a reverse proxy",
    )
    run.set_defaults(handler=cmd_run)

    maintenance.add_commands(commands)

    coop = commands.add_parser("coop", help="coops and their invitation links").add_subparsers(
        dest="coop_command", required=True
    )
    add = coop.add_parser("add", help="add a coop and print its invitation links")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--region", metavar="R", help="the coop's region (for targeted announcements)")
    add.set_defaults(handler=cmd_coop_add)
    coop.add_parser("list", help="list the coops").set_defaults(handler=cmd_coop_list)
    invite = coop.add_parser("invite", help="make a new invitation link for a coop")
    invite.add_argument("coop", metavar="COOP", help="the coop's number or name")
    invite.add_argument("--role", choices=[r.value for r in MemberRole], default="member")
    invite.add_argument(
        "--days",
        type=validity_days,
        help="days of validity, 1 to 3650 (default: QUALICOOP_INVITATION_DAYS, 90)",
    )
    invite.set_defaults(handler=cmd_coop_invite)
    revoke = coop.add_parser("revoke", help="withdraw an invitation link")
    revoke.add_argument("token", metavar="TOKEN")
    revoke.set_defaults(handler=cmd_coop_revoke)

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
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``qualicoop`` script and of ``python -m bot``."""
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
        args.handler(settings, args)
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
        return 2
    except KeyboardInterrupt:
        return 130
    return 0
