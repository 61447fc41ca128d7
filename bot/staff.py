"""``qualicoop admin …``: who holds a federation role — the federation's admins and the validation
committee's members — given, listed and taken back.

A committee member who leaves the federation must lose the power to decide on every dossier at
once: ``admin remove`` does it (the next update they send is read with their roles as they are).
Admins named in ``QUALICOOP_ADMIN_IDS`` are listed too, but are removed from that setting.

A role given or taken back changes the commands the person may use: their chat's « / » menu is set
anew, as /help lists them now (``onboarding.commands``), once the change is committed; with no token
or no answer from Telegram, it follows at their next /start or /help.
"""

from __future__ import annotations

import argparse
import asyncio

from bot.logs import Redaction
from bot.maintenance import CliError, with_database
from bot.settings import LARGEST_USER_ID, Settings
from locales import translator_for
from models.db import Database
from models.tables import FederationRoleName
from models.users import federation_staff, grant_federation_role, load_visit, revoke_federation_role


def person_id(text: str) -> int:
    """A Telegram user's id: a positive whole number of 52 bits at most (negative ids are groups and
    channels; a longer number is a typo, which the database could not even store)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a Telegram user id: {text!r} (a positive number like 123456789; the person sends "
            "/mesdonnees to the bot, the text file it sends back shows their Telegram id at the top)"
        ) from None
    if value <= 0:
        raise argparse.ArgumentTypeError(
            f"{value} is not a person's Telegram id, which is a positive number like 123456789: the person "
            "sends /mesdonnees to the bot, the text file it sends back shows their Telegram id at the top"
        )
    if value > LARGEST_USER_ID:
        raise argparse.ArgumentTypeError(
            f"{value} is too long for a Telegram user id (at most {LARGEST_USER_ID})"
        )
    return value


def role_of(args: argparse.Namespace) -> FederationRoleName:
    return FederationRoleName.COMMITTEE if args.committee else FederationRoleName.ADMIN


def admin_through_the_setting(settings: Settings, telegram_id: int, role: FederationRoleName) -> str | None:
    """What keeps an admin of ``QUALICOOP_ADMIN_IDS`` admin whatever the database holds, or None."""
    if role == FederationRoleName.ADMIN and telegram_id in settings.admin_ids:
        return f"{telegram_id} is an admin through QUALICOOP_ADMIN_IDS"
    return None


async def set_their_menu(
    settings: Settings, database: Database, telegram_id: int, request=None
) -> str | None:
    """The person's « / » menu as their roles now make it (``request``: the network, replaced in tests);
    why it was not set, or None (set, or nothing to set: someone who never wrote to the bot gets theirs
    at their first /start)."""
    # the journeys load only here: the other commands run without them, as ``run`` alone needs them
    from conversations.onboarding.commands import bot_commands
    from conversations.ui.middleware import visitor_of

    async with database.transaction() as session:  # read, then closed: no connection held while calling
        visit = await load_visit(session, telegram_id)
    if visit is None:
        return None
    t = translator_for(visit.user, settings.default_language)
    commands = bot_commands(t, visitor_of(visit, settings.admin_ids))
    return await on_their_chat(settings, telegram_id, "set_my_commands", request, commands)


async def on_their_chat(settings: Settings, telegram_id: int, method: str, request=None, *args) -> str | None:
    """One Bot API call on the person's own chat's commands (set, or deleted), made with no database
    connection held; why it was not made (no token, the token refused, Telegram not answering), or
    None. Never the token: PTB's InvalidToken quotes it."""
    from telegram import Bot, BotCommandScopeChat  # telegram loads only here, as the journeys above
    from telegram.error import InvalidToken, TelegramError

    if not settings.telegram_bot_token:
        return "no TELEGRAM_BOT_TOKEN: their command menu follows at their next /start or /help"
    try:
        async with Bot(
            settings.telegram_bot_token, base_url=settings.telegram_api_base_url, request=request
        ) as bot:
            await getattr(bot, method)(*args, scope=BotCommandScopeChat(telegram_id))
    except InvalidToken:
        from bot.runner import TOKEN_REFUSED  # as ``run`` says it (it loads what running needs)

        return f"{TOKEN_REFUSED}; their command menu follows at their next /start or /help"
    except (TelegramError, OSError) as error:
        said = Redaction(settings.secrets)(str(error))
        return f"their command menu not changed ({said}): it follows at their next /start or /help"
    return None


async def add_role(
    settings: Settings, database: Database, telegram_id: int, role: FederationRoleName, request=None
) -> None:
    """Give the role, then set the person's menu (the change committed); an admin of the setting gets
    the role in the database too (kept once out of the setting), their menu as it was."""
    async with database.transaction() as session:
        added = await grant_federation_role(session, telegram_id, role)
    if (through := admin_through_the_setting(settings, telegram_id, role)) is not None:
        print(f"{through}, and {'now' if added else 'already'} in the database too")
        return
    print(f"{telegram_id} is {'now' if added else 'already'} {role.value}")
    if (unset := await set_their_menu(settings, database, telegram_id, request)) is not None:
        print(unset)


def cmd_admin_add(settings: Settings, args: argparse.Namespace) -> None:
    """Give a federation role."""
    role = role_of(args)

    async def work(database: Database):
        await add_role(settings, database, args.telegram_id, role)

    asyncio.run(with_database(settings, work))


async def remove_role(
    settings: Settings, database: Database, telegram_id: int, role: FederationRoleName, request=None
) -> None:
    """Take the role back, then set the person's menu (the change committed); CliError if they had none,
    or stay admin through the setting (their menu as it was)."""
    async with database.transaction() as session:
        removed = await revoke_federation_role(session, telegram_id, role)
    if (through := admin_through_the_setting(settings, telegram_id, role)) is not None:
        removed_here = f"the database no longer holds {telegram_id} as admin, but " if removed else ""
        raise CliError(f"{removed_here}{through}: remove it there")
    if not removed:
        raise CliError(f"{telegram_id} is not {role.value}: see 'qualicoop admin list'")
    print(f"{telegram_id} is no longer {role.value}")
    if (unset := await set_their_menu(settings, database, telegram_id, request)) is not None:
        print(unset)


def cmd_admin_remove(settings: Settings, args: argparse.Namespace) -> None:
    """Take a federation role back."""
    role = role_of(args)

    async def work(database: Database):
        await remove_role(settings, database, args.telegram_id, role)

    asyncio.run(with_database(settings, work))


def cmd_admin_list(settings: Settings, args: argparse.Namespace) -> None:
    """Every federation role, with the holder's name when they have started the bot."""

    async def work(database: Database):
        async with database.transaction() as session:
            staff = await federation_staff(session)
        lines = [(telegram_id, role.value, name or "-", "") for telegram_id, role, name in staff]
        lines += [
            (telegram_id, "admin", "-", "(QUALICOOP_ADMIN_IDS)") for telegram_id in sorted(settings.admin_ids)
        ]
        if not lines:
            print("nobody holds a federation role: add one with 'qualicoop admin add TELEGRAM_ID'")
        for telegram_id, role, name, origin in lines:
            print(f"{telegram_id:>12}  {role:9}  {name:30} {origin}".rstrip())

    asyncio.run(with_database(settings, work))


def add_commands(commands) -> None:
    """The ``admin`` commands and their help."""
    admin = commands.add_parser("admin", help="federation roles").add_subparsers(
        dest="admin_command", required=True
    )
    add = admin.add_parser("add", help="make a Telegram user a federation admin (or committee member)")
    remove = admin.add_parser("remove", help="take a federation role back (admin, or --committee)")
    for command, handler in ((add, cmd_admin_add), (remove, cmd_admin_remove)):
        command.add_argument("telegram_id", metavar="TELEGRAM_ID", type=person_id)
        command.add_argument(
            "--committee", action="store_true", help="the validation committee instead of admin"
        )
        command.set_defaults(handler=handler)
    admin.add_parser("list", help="who holds a federation role").set_defaults(handler=cmd_admin_list)
