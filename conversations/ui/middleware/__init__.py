"""Middleware run before every handler: who is asking, in which language, and blocked chats (updates
from outside a private chat: ``outside``)."""

from __future__ import annotations

import html
import re

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Update
from telegram.constants import ChatType
from telegram.ext import Application, ApplicationHandlerStop, ChatMemberHandler, TypeHandler, filters

from conversations.render.formatting import format_day, shorten
from conversations.ui.common import BACK, staff_way
from conversations.ui.context import (
    ADMIN_ONLY,
    COMMITTEE_ONLY,
    FEDERATION_ONLY,
    FOR_TEAMS,
    NO_LONGER_DIRECTION,
    NO_LONGER_MEMBER,
    NOT_A_MEMBER,
    ROLE_KEPT,
    WAY_FORWARD,
    DossierRead,
    QualiContext,
    Visitor,
)
from conversations.ui.menus import give_back_overtaken, leave_for_command, resumed, show_where_they_are
from conversations.ui.messages import Screen, reply
from conversations.ui.middleware.outside import LEFT_OR_BANNED, added_to_group, from_business, outside_private
from conversations.ui.shown import on_display
from locales import N_, Translator, translator_for
from models.chat_state import add_part
from models.clock import paris_time
from models.coops import removals
from models.dossier.current import seed
from models.parsing.text import typed_text
from models.sql.handling import idempotent, safe_twice
from models.tables import Coop, FederationRoleName, MemberRole, User
from models.team import removal_from_team
from models.users import Visit, known_user, load_visit, mark_blocked, refresh_user

MIDDLEWARE_GROUP = -10
# a command word alone, as Telegram tags one (« /annuler », « /dossier@qualicoop_bot »)
LONE_COMMAND = re.compile(r"/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]{1,64})?")

# an edit is never taken; the notice names what the next message answers, where a correction would land
EDIT_NOT_TAKEN = N_("Edited messages are not taken into account: your message counts as you first sent it.")
EDIT_BEING_READ = N_(
    "Edits are not taken into account: I am taking this message as your answer, as you first sent it. "
    "Once it is saved, you can correct it with “⬅️ Back” or its ✏️ button."
)
EDIT_OFF_QUESTION = N_("To change an answer already saved, use its ✏️ button; anything else, send it again.")
NEXT_ANSWERS = N_("Your next message will answer: “{question}”")
NEXT_ASKED = N_("Your next message will answer the question below.")
CORRECT_BY_BACK = N_("To correct an earlier answer, press “⬅️ Back”.")
CORRECT_BY_PENCIL = N_("To correct an earlier answer, use ✏️ beside it on its summary screen.")


async def identify_visitor(update: Update, context: QualiContext) -> None:
    """Load (or create) the sender and set their language; only private chats go further.

    A dossier is private to its coop: in a group, chatter would be taken for answers and screens
    would be shown to non-members (a command there is pointed to the private chat: ``outside``,
    which reads and writes nothing); a member's Telegram Business chats are not the bot's at all.
    Edited messages are not answers either (the message was handled). Who is asking and where they
    are is read in one statement (``load_visit``), fresh at every update: a membership, a role or an
    erasure is seen at once, whichever instance made it. The user's row is written only when Telegram
    tells something new or last-seen is stale.
    """
    sender = update.effective_user
    chat = update.effective_chat
    if sender is None or from_business(update):  # a channel's post; a member's business chats (``outside``)
        raise ApplicationHandlerStop
    if chat is None or chat.type != ChatType.PRIVATE or sender.is_bot:  # a group, an inline press (outside)
        await outside_private(update, context)  # a bot's message there: only an anonymous admin's is said
        raise ApplicationHandlerStop
    try:
        visit = await read_visit(update, context)
    except Exception as error:  # the database down: the error handler says so once; no later group runs
        await context.application.process_error(update, error)  # (it would fail on a visitor unknown)
        raise ApplicationHandlerStop from None
    context.visitor = visitor_of(visit, context.bot_data.admin_ids)
    context.where = on_display(context, visit.where)
    context.parts_waiting = visit.parts_waiting
    if visit.dossier is not None:
        context.dossier_read = DossierRead(visit.dossier, visit.choices, context.db.turns)
    context.t = translator_for(visit.user, context.bot_data.default_language)
    if update.edited_message is not None:
        from conversations.ui.pastes import edit_not_taken  # here: pastes imports this module

        await edit_not_taken(update, context)
        raise ApplicationHandlerStop
    if update.update_id in context.bot_data.overtaken_updates:
        await give_back_overtaken(update, context)
        raise ApplicationHandlerStop
    if resumed(context, update.update_id):
        await show_where_they_are(update, context)
        raise ApplicationHandlerStop
    if await took_as_part(update, context):
        raise ApplicationHandlerStop
    if update.message is not None and filters.COMMAND.check_update(update):
        safe_twice()  # a command handled again after a kill is the command sent twice
    await leave_for_command(update, context)


async def read_visit(update: Update, context: QualiContext):
    """Who is asking and where they are (``load_visit``), their row written when Telegram tells
    something new or last-seen is stale."""
    sender = update.effective_user
    told = {"first_name": sender.first_name, "username": sender.username}
    with idempotent():  # the user's row, not the update's work (models.sql.handling)
        async with context.db.transaction() as session:  # commits only if the user's row was written
            visit = await load_visit(session, sender.id)
            if visit is None:  # first contact: one insert-or-ignore (another update may insert it too)
                await known_user(session, sender.id, context.now())
                visit = await load_visit(session, sender.id)
            refresh_user(
                session, visit.user, **told, telegram_language=sender.language_code, now=context.now()
            )
    return visit


async def took_as_part(update: Update, context: QualiContext) -> bool:
    """A text Telegram took for a command while the parts of a paste are waiting: the paste's next part.

    Telegram cuts a long paste every 4,096 characters, and tags a part that begins with « / » (« /statuts_2024
    et la suite… ») as a command: handled as one, it got « I did not understand » and was lost from the
    answer. While parts wait (stored at a question, judged once the user is quiet: ``ui.pastes``), such
    a text is stored as one more part, before any command sees it; the job already waiting for the
    parts judges it with them, on whichever instance, after a restart too. A command word alone
    (« /annuler », « /dossier@bot », « /recapitulatif ») is still a command, known or not: a person
    types one seconds after a paste, and a paste's part is never one lone word of that shape, while a
    part beginning with a command word followed by more text (« /dossier et la suite ») is the paste's.
    A known one leaves the question, which gives the waiting parts back whole; one the bot does not
    know did nothing: the question stays open, the parts keep waiting (``menus.leave_for_command``).
    """
    message = update.message
    if not context.parts_waiting or message is None or not filters.COMMAND.check_update(update):
        return False
    if LONE_COMMAND.fullmatch(message.text.strip()):
        return False
    async with context.db.transaction() as session:
        typed = typed_text(message.text, message.entities)  # a formatted link's address kept
        await add_part(session, context.visitor.user.id, message.message_id, typed, context.now())
    return True


QUESTION = re.compile(r"^<b>([^<]+\?)</b>$", re.MULTILINE)  # a screen's question: a line of its own, in bold


def edit_said(context: QualiContext, screen: Screen | None = None, *, asking: bool = False) -> str:
    """What an edited message is told above the ``screen`` drawn again: at a question (``asking``), the
    question the next message will answer, quoted short; how to correct an earlier answer (« ⬅️ Back »
    when the screen has it). Without a screen (the home), only that the message counted as sent."""
    if screen is None:
        return f"{context._(EDIT_NOT_TAKEN)} {context._(EDIT_OFF_QUESTION)}"
    said = [context._(EDIT_NOT_TAKEN)]
    if asking:
        asked = [shorten(html.unescape(question), 100) for question in QUESTION.findall(screen.text)[-1:]]
        said.append(context._(NEXT_ANSWERS).format(question=asked[0]) if asked else context._(NEXT_ASKED))
    rows = screen.keyboard.inline_keyboard if screen.keyboard is not None else ()
    back = any(button.text == context._(BACK) for row in rows for button in row)
    return " ".join([*said, context._(CORRECT_BY_BACK if back else CORRECT_BY_PENCIL)])


def take_dossier_read(context: QualiContext, session: AsyncSession) -> None:
    """The dossier read with the visitor, given to ``session``'s transaction if it is the very next one.

    Any other transaction opened or committed between (a file stored, a job's work, a Mini App
    request's) may have changed it: then it is read again, as the update's later transactions do.
    """
    read, context.dossier_read = context.dossier_read, None
    if read is not None and context.db.turns == read.turn + 1:
        seed(session, read.dossier, read.choices)


def visitor_of(visit: Visit, admin_ids: frozenset[int]) -> Visitor:
    """Who a user is for the dossier: their coop and role, their federation roles (settings' admins too)."""
    roles = set(visit.roles)
    if visit.user.id in admin_ids:
        roles.add(FederationRoleName.ADMIN)
    return Visitor(visit.user, visit.member, visit.coop, roles, coop_has_direction=visit.has_direction)


async def context_for_user(application: Application, user_id: int) -> QualiContext | None:
    """A context for a user when no update is at hand (a job, the Mini App); None for a stranger."""
    context = QualiContext(application, chat_id=user_id, user_id=user_id)
    async with context.db.transaction() as session:
        visit = await load_visit(session, user_id)
    if visit is None:
        return None
    context.visitor = visitor_of(visit, application.bot_data.admin_ids)
    context.where = on_display(context, visit.where)
    context.parts_waiting = visit.parts_waiting
    context.t = translator_for(visit.user, application.bot_data.default_language)
    return context


async def track_blocked(update: Update, context: QualiContext) -> None:
    """Who blocks the bot is marked inactive (nobody writes to them); unblocking it, active again, quietly.
    Added to a group, it says there once that it works in private (``outside.added_to_group``)."""
    change = update.my_chat_member
    if change.chat.type != ChatType.PRIVATE:
        await added_to_group(change, context)
        raise ApplicationHandlerStop
    async with context.db.transaction() as session:  # reminders and announcements reach them again
        if change.new_chat_member.status in LEFT_OR_BANNED:
            await mark_blocked(session, change.chat.id)
        elif (user := await session.get(User, change.chat.id)) is not None and not user.is_active:
            user.is_active = True  # the client shows them the chat; « Restart » there sends /start
    raise ApplicationHandlerStop


async def require_member(update: Update, context: QualiContext) -> bool:
    """Tell a visitor without a coop how to join; True when they do belong to one."""
    if context.visitor is not None and context.visitor.coop is not None:
        return True
    if update.callback_query is not None:
        await update.callback_query.answer()
    visitor = context.visitor
    if visitor is not None and (visitor.is_committee or visitor.is_admin):  # no invitation link for them
        await reply(update, html.escape(await staff_taken_off(context) or staff_way(context, FOR_TEAMS)))
        return False
    await reply(update, html.escape(await not_a_member(context)))
    return False


async def staff_taken_off(context: QualiContext) -> str | None:
    """Staff in no coop taken off a team: which, when, their role kept, their commands (None: never)."""
    taken = await taken_off(context)
    return f"{taken} {staff_way(context, ROLE_KEPT)}" if taken is not None else None


async def not_a_member(context: QualiContext) -> str:
    """Why a visitor without a coop goes no further: taken off a team (which, when), or never in one."""
    return await taken_off(context) or context._(NOT_A_MEMBER)


async def taken_off(context: QualiContext) -> str | None:
    """« You are no longer part of the team of … » for a visitor without a coop who was in one (None:
    never was). Read only for a visitor in no coop, on a refusal or what they sent (``onboarding.welcome``):
    a member's update never pays for it."""
    async with context.db.transaction() as session:
        return await no_longer_member(session, context.t, context.visitor.user.id)


async def no_longer_member(session: AsyncSession, t: Translator, user_id: int) -> str | None:
    """Which team the person was last taken off, and when, in their words (None: never was)."""
    removed = await removals(session, user_id)
    coop = await session.get(Coop, removed[-1][0]) if removed else None
    if coop is None:
        return None
    day = format_day(t, paris_time(removed[-1][1]).date())
    was = await removal_from_team(session, coop.id, user_id)  # a director's way back: the federation's
    said = NO_LONGER_DIRECTION if was is not None and was.role == MemberRole.DIRECTION else NO_LONGER_MEMBER
    return t.gettext(said).format(coop=coop.name, date=day)


async def require_committee(update: Update, context: QualiContext) -> bool:
    """Only committee members go further; others are told politely."""
    return await _require(
        update, context, context.visitor is not None and context.visitor.is_committee, COMMITTEE_ONLY
    )


async def require_admin(update: Update, context: QualiContext) -> bool:
    """Only federation admins go further (broadcasts)."""
    return await _require(
        update, context, context.visitor is not None and context.visitor.is_admin, ADMIN_ONLY
    )


async def require_federation(update: Update, context: QualiContext) -> bool:
    """Federation admins and committee members (the dashboard)."""
    allowed = context.visitor is not None and (context.visitor.is_admin or context.visitor.is_committee)
    return await _require(update, context, allowed, FEDERATION_ONLY)


async def _require(update: Update, context: QualiContext, allowed: bool, refusal: str) -> bool:
    """Go further when ``allowed``; else the refusal, and, typed, the way forward (``WAY_FORWARD``)."""
    if allowed:
        return True
    if update.callback_query is not None:
        await update.callback_query.answer(context._(refusal), show_alert=True)
    else:
        way = WAY_FORWARD[context.visitor is not None and context.visitor.coop is not None]
        await reply(update, html.escape(f"{context._(refusal)} {context._(way)}"))
    return False


def handlers() -> list:
    """The middleware handlers, for the lowest group."""
    return [
        ChatMemberHandler(track_blocked, ChatMemberHandler.MY_CHAT_MEMBER),
        TypeHandler(Update, identify_visitor),
    ]
