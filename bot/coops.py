"""``qualicoop coop …``: coops and their invitation links, added, listed, made and withdrawn."""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Sequence
from datetime import timedelta

from bot.maintenance import CliError, with_database
from bot.settings import Settings
from models.bot_settings import BOT_USERNAME, get_setting
from models.clock import utcnow
from models.coops import create_coop, create_invitation, invitation_link, list_coops, revoke_invitation
from models.db import Database
from models.federation.coop_references import coops_holding, coops_meant
from models.parsing.names import SUGGESTED, coop_number
from models.tables import Coop, MemberRole


def validity_days(text: str) -> int:
    """An invitation's validity in days, as the setting allows it: 1 to 3650."""
    try:
        days = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of days: {text!r}") from None
    if not 1 <= days <= 3650:
        raise argparse.ArgumentTypeError(f"{days} days: a link is valid from 1 to 3650 days")
    return days


def days_valid(days: int) -> str:
    """« valid 1 day », « valid 90 days »."""
    return f"valid {days} day" if days == 1 else f"valid {days} days"


def invitation_token(text: str) -> str:
    """The token of an invitation, given as printed: the token, or the link
    (https://t.me/<bot>?start=<token>)."""
    text = text.strip()
    if "start=" in text:
        text = text.split("start=", 1)[1].split("&", 1)[0]
    return text


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
        print(
            f"coop #{coop.id} {coop.name} added. Invitation links ({days_valid(settings.invitation_days)}):"
        )
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


def the_coop_meant(reference: str, meant: list[Coop], holding: Sequence[Coop] = ()) -> Coop:
    """The one coop a COOP argument means; refused, with the choices, when none or several: for none,
    the coops whose name holds its words (``coops_holding``), if a few do."""
    if not meant and 0 < len(holding) <= SUGGESTED:
        choices = " or ".join(f"#{coop.id} {coop.name!r}" for coop in holding)
        raise CliError(f"no coop {reference!r}: did you mean {choices}? Give its number with #")
    if not meant:
        raise CliError(f"no coop {reference!r}: see 'qualicoop coop list'")
    if len(meant) == 1:
        return meant[0]
    numbered, *named = meant
    if coop_number(reference) == numbered.id:  # coop #12, or named « 12 »?
        others = " or ".join(f"the coop named {coop.name!r} (#{coop.id})" for coop in named)
        raise CliError(f"did you mean #{numbered.id} ({numbered.name}) or {others}? Give its number with #")
    choices = " or ".join(f"#{coop.id} {coop.name!r}" for coop in meant)
    raise CliError(f"{reference!r} may be {choices}: give its number with #, as 'qualicoop coop list' shows")


def cmd_coop_invite(settings: Settings, args: argparse.Namespace) -> None:
    async def work(database: Database):
        async with database.transaction() as session:
            meant = await coops_meant(session, args.coop)
            holding = [] if meant else await coops_holding(session, args.coop)  # a part of a name
            coop = the_coop_meant(args.coop, meant, holding)
            days = settings.invitation_days if args.days is None else args.days
            invitation = await create_invitation(
                session, coop, MemberRole(args.role), valid_for=timedelta(days=days)
            )
            username = await get_setting(session, BOT_USERNAME)
        print(f"new invitation for {coop.name} (#{coop.id}), {days_valid(days)}:")
        _print_invitation(invitation, username)
        _explain_tokens(username)

    asyncio.run(with_database(settings, work))


def cmd_coop_revoke(settings: Settings, args: argparse.Namespace) -> None:
    async def work(database: Database):
        now = utcnow()
        async with database.transaction() as session:
            invitation = await revoke_invitation(session, invitation_token(args.token), now=now)
            coop = await session.get(Coop, invitation.coop_id)
        which = f"the {invitation.role.value} invitation of #{coop.id} '{coop.name}'"  # the one meant, said
        if invitation.revoked_at != now:
            print(
                f"{which} was already withdrawn, on {invitation.revoked_at:%Y-%m-%d %H:%M} UTC; "
                "members who joined with it stay members"
            )
        else:
            print(f"{which} is revoked; members who already joined stay members")

    asyncio.run(with_database(settings, work))


def add_commands(commands) -> None:
    """The ``coop`` commands and their help."""
    coop = commands.add_parser("coop", help="coops and their invitation links").add_subparsers(
        dest="coop_command", required=True
    )
    add = coop.add_parser("add", help="add a coop and print its invitation links")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--region", metavar="R", help="the coop's region (for targeted announcements)")
    add.set_defaults(handler=cmd_coop_add)
    coop.add_parser("list", help="list the coops").set_defaults(handler=cmd_coop_list)
    invite = coop.add_parser("invite", help="make a new invitation link for a coop")
    invite.add_argument("coop", metavar="COOP", help="the coop's number (#12, as listed; or 12) or name")
    invite.add_argument("--role", choices=[r.value for r in MemberRole], default="member")
    invite.add_argument(
        "--days",
        type=validity_days,
        help="days of validity, 1 to 3650 (default: QUALICOOP_INVITATION_DAYS, 90)",
    )
    invite.set_defaults(handler=cmd_coop_invite)
    revoke = coop.add_parser("revoke", help="withdraw an invitation link")
    revoke.add_argument("token", metavar="TOKEN", help="the token, or the whole https://t.me/… link")
    revoke.set_defaults(handler=cmd_coop_revoke)
