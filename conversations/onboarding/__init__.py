"""Onboarding: welcome, joining a coop through an invitation link, language, help and cancel."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ApplicationHandlerStop, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from conversations.onboarding.commands import (
    command_lines,
    command_sections,
    federation_part,
    is_staff,
    set_chat_menu,
)
from conversations.onboarding.joining import (
    consultation_in,
    held_text,
    invitation_in,
    never_a_comment,
    not_made_direction,
    open_pasted_ballot,
    refusal_of,
)
from conversations.onboarding.language import LANGUAGE_SCREEN, home_kept, languages
from conversations.onboarding.welcome import (
    JOIN_REFUSALS,
    greet,
    greeting,
    help_way_in,
    link_refused,
    lost,
    told_taken_off,
)
from conversations.render.commitments.consultations import back_to_ballot
from conversations.render.html import bold, e
from conversations.ui import callbacks as cb
from conversations.ui.common import hand_back, speak
from conversations.ui.context import QualiContext
from conversations.ui.left import with_left
from conversations.ui.menus import OUT_OF_DATE, retire
from conversations.ui.messages import Screen, reply, show
from conversations.ui.router import TEXT_SCREENS, on_button, open_position, reopened
from conversations.ui.states import BALLOT, BALLOT_COMMENT, COMMITTEE, FILE_SCREENS, INBOX
from locales import N_, SUPPORTED_LANGUAGES
from models.chat_state import HOME, Position
from models.consultations.store import link_ballot
from models.coops import JoinOutcome, join_with_invitation, joins_held_until, membership, record_failed_join
from models.privacy.erase import last_direction_of
from models.tables import Coop, MemberRole
from models.team import tell_arrival

log = logging.getLogger(__name__)
# a pasted invitation link's handler (``pasted_invitation``): after the middleware, before the journeys
PASTED_GROUP = -2

ROLE_NAMES = {MemberRole.MEMBER: N_("a member"), MemberRole.DIRECTION: N_("a member of the direction")}


async def start(update: Update, context: QualiContext) -> None:
    """/start and /start <invitation token>; then the chat's « / » menu set as it is now, once the answer
    is sent: a coop's commands after joining (the direction's too), and at every /start (the first, and
    any after a role changed: it costs one call)."""
    if context.args:
        await join(update, context, context.args[0])
    elif context.visitor.coop is not None:
        if is_staff(context):  # on a coop's team and on the federation's side: both
            await reply(update, "\n".join(federation_part(context)))
        await open_position(update, context, Position(HOME))
    elif not await _back_to_ballot(update, context, "start"):  # a public link's visitor: their ballot
        await greet(update, context)
    await set_chat_menu(context)


async def join(update: Update, context: QualiContext, token: str) -> None:
    """Use an invitation token and say what happened."""
    _ = context._
    user_id, now = context.visitor.user.id, context.now()
    async with context.db.transaction() as session:
        held = await joins_held_until(session, user_id, now)
        if held is None:
            result = await join_with_invitation(session, user_id, token[:64], now=now)
            await tell_arrival(session, result, user_id, now=now)  # the direction hears of any arrival
            found = await membership(session, user_id)
            # the only direction member of their coop: nobody there can take them off its team
            sole = result.outcome is JoinOutcome.OTHER_COOP and await last_direction_of(session, user_id)
            # on the link's coop team already (their own old link): never a guess
            on_team = found is not None and result.coop is not None and found[1].id == result.coop.id
            if result.outcome in JOIN_REFUSALS and not on_team:
                await record_failed_join(session, user_id, result.outcome, now)
    if held is not None:  # the token is not even looked up: guessing gets no answer
        log.warning(
            "invitation link from %s not tried: too many failed links, held until %s", user_id, held[0]
        )
        await reply(update, "⏳ " + e(held_text(context, *held, now)))
        return
    if result.outcome in JOIN_REFUSALS:
        log.info("invitation link refused for %s: %s", user_id, result.outcome.value)
        await reply(
            update,
            e(not_made_direction(context, result)) if on_team else link_refused(context, result, found),
        )
        return
    if result.outcome in (JoinOutcome.OTHER_COOP, JoinOutcome.REMOVED):
        await reply(update, e(refusal_of(context, result, found, sole_direction=bool(sole))))
        return
    context.visitor.member, context.visitor.coop = found
    role = _(ROLE_NAMES[result.role])
    messages = {
        JoinOutcome.JOINED: _("Welcome! You have joined {coop} as {role}."),
        JoinOutcome.ROLE_CHANGED: _("You are now part of {coop} as {role}."),
        JoinOutcome.ALREADY_MEMBER: _("You are already part of {coop} as {role}."),
    }
    text = "✅ " + e(messages[result.outcome].format(coop=result.coop.name, role=role))
    if context.visitor.user.language is None:
        text += "\n" + e(_("You can change the language at any time with /language."))
    await reply(update, text)
    await open_position(update, context, Position(HOME))


async def pasted_invitation(update: Update, context: QualiContext) -> None:
    """An invitation link of this bot, or its bare code, sent as text: /start with it (the same refusals,
    the same wait after failed links, a member made direction by a direction link) by someone in no coop
    nor role, wherever they are (taken off a team at a question, the position is theirs no more), and by
    a member at no question (a text or a file asked: the answer is what is typed). Never a consultation's
    comment (shown as written to the coop and the committee): at « 💬 Comment »'s question, or on a
    ballot of someone who cannot join this way, given back with the way to use it. The federation's
    staff's text goes on to the journeys (an admin's reply sends coops their links). A consultation's
    public link is opened by the same people in the same places, its ballot (at « 💬 Comment »'s
    question it is the comment: a public link lets nobody in). Anything else sent by someone taken off
    a team is answered so (``welcome``), the text given back; the rest goes on to the journeys (the
    position saved, as read with the visitor)."""
    if context.visitor is None:
        return
    screen = context.where.position.screen if context.where is not None else None
    may_join = context.visitor.coop is None and not is_staff(context)
    text = update.effective_message.text
    token = invitation_in(text, context.bot.username, within_words=may_join) if text else None
    ballot = consultation_in(text, context.bot.username, within_words=may_join) if text else None
    opens = may_join or not (is_staff(context) or answered_at(screen))  # as an invitation link would
    if ballot is not None and opens and screen != BALLOT_COMMENT:
        await open_pasted_ballot(update, context, ballot)
        await set_chat_menu(context)  # as the link opened (``consultation.ballot.open_link``)
    elif screen in (BALLOT, BALLOT_COMMENT):
        if token is None:
            return
        if may_join and screen == BALLOT:
            await joined_by_paste(update, context, token)
        else:  # at its question, the comment is what is typed: the link back, and how to use it
            await hand_back(update, context, never_a_comment(context, may_join=may_join), text)
            await open_position(update, context, context.where.position)
    elif token is not None and (may_join or (not is_staff(context) and not answered_at(screen))):
        await joined_by_paste(update, context, token)
    elif not await told_taken_off(update, context):  # a member of a team: never (``taken_off_said``)
        return
    raise ApplicationHandlerStop


def answered_at(screen: str | None) -> bool:
    """Whether a member's text there is an answer, never a link opened: a question, a file asked."""
    return screen in TEXT_SCREENS or screen in FILE_SCREENS  # filled as the journeys register them


async def joined_by_paste(update: Update, context: QualiContext, token: str) -> None:
    """A pasted link taken as opened: /start with it, and the « / » menu set as after it."""
    await join(update, context, token)
    await set_chat_menu(context)


async def ask_language(update: Update, context: QualiContext) -> None:
    """/language: offer the supported languages; a coop's member's live menu (as /settings is), a plain
    message for anyone else, whose place the command does not move."""
    if context.visitor.coop is not None:
        await open_position(update, context, with_left(context, LANGUAGE_SCREEN))
    else:
        shown = languages(context)
        await reply(update, shown.text, shown.keyboard)


async def choose_language(update: Update, context: QualiContext) -> None:
    """A language button: store the choice (``speak``) and answer in the new language; a member's home
    follows, with the question a command left still within reach (``home_kept``), as /settings keeps it;
    a public link's visitor's ballot (``_back_to_ballot``), the welcome for anyone else in no coop."""
    query = update.callback_query
    language = query.data.removeprefix(cb.LANGUAGE.prefix + ":")
    await query.answer()
    if language not in SUPPORTED_LANGUAGES:
        return
    await speak(context, language)
    text = "✅ " + e(context._("The assistant now speaks English."))
    if context.visitor.coop is None and not await _back_to_ballot(update, context, "language", text):
        greeted = await greeting(context)  # the welcome says the languages are below: they stay
        await show(update, Screen(text + "\n\n" + greeted.text, greeted.keyboard))
    elif context.visitor.coop is not None:
        await show(update, Screen(text))
        await open_position(update, context, home_kept(context))


async def _back_to_ballot(update: Update, context: QualiContext, command: str, more: str = "") -> bool:
    """Someone in no coop nor role who came through a consultation's public link: back to its ballot
    (``more``: what follows the words, /help's commands; a language chosen, what its button says)."""
    visitor = context.visitor
    if visitor is None or visitor.coop is not None or visitor.is_committee or visitor.is_admin:
        return False
    async with context.db.transaction() as session:
        consultation = await link_ballot(session, visitor.user.id, context.now())
        coop = await session.get(Coop, consultation.coop_id) if consultation else None
    if consultation is None:
        return False
    if command == "language":  # the button's message says so (``more``), the words follow
        await show(update, Screen(more))
        more = ""
    await reply(update, back_to_ballot(context.t, coop.name, command) + more)
    await open_position(update, context, Position(BALLOT, {"id": consultation.id}))
    return True


async def show_help(update: Update, context: QualiContext) -> None:
    """/help: what the bot does and the commands this visitor may use (a coop's, the federation's), the
    very list their « / » menu is set to again (a role may have changed since it was)."""
    _ = context._
    sections = command_sections(context.visitor)
    if await _back_to_ballot(
        update, context, "help", "\n\n" + "\n".join(command_lines(context, sections.everyone))
    ):
        await set_chat_menu(context)  # the same list: a newcomer's (``command_sections``)
        return
    lines = ["ℹ️ " + bold(_("What this assistant does"))]
    if not is_staff(context) and context.visitor.coop is None:  # no coop's command works yet: how to join
        lines += await help_way_in(context)
    elif context.visitor.coop is not None:
        intro = _(
            "It helps your coop build its Quali’Coop dossier: at least 8 of the 12 engagements, "
            "at least 2 in each of the 3 axes of the Raison d’être, one indicator or more per "
            "engagement with its action plan, then the submission to the validation committee "
            "and the checkpoints that follow. Everything you type is saved at once."
        )
        lines += [e(intro), "", *command_lines(context, sections.coop)]
    if is_staff(context):
        lines += ["", *federation_part(context)]
    lines += ["", *command_lines(context, sections.everyone)]
    await reply(update, "\n".join(lines))
    await set_chat_menu(context)


async def cancel(update: Update, context: QualiContext) -> None:
    """/cancel: stop the current question (a member's, the committee's, an admin's); what was saved
    stays saved. Someone in no coop and no role: the welcome again, a question left before by the
    middleware as by any command (``menus.leave_for_command``: a role's, taken back while they were at it)."""
    visitor = context.visitor
    where = (
        HOME if visitor.coop else COMMITTEE if visitor.is_committee else INBOX if visitor.is_admin else None
    )
    if where is None:
        if not await _back_to_ballot(update, context, "cancel"):
            await greet(update, context)
        return
    await reply(update, e(context._("Stopped. Everything you saved is kept.")))
    await open_position(update, context, Position(where))  # also forgets the pending question


async def stale_button(update: Update, context: QualiContext) -> None:
    """A button no handler knows (an older version's menu): it says so, and the current screen comes as a
    new message, as for any old menu (``router.button``): where a member or the federation's staff are,
    the welcome for someone in no coop (as /start); that menu loses its buttons, all of them as old."""
    query, where = update.callback_query, context.where
    if context.visitor.coop is None and not is_staff(context):
        await query.answer(context._("This menu is out of date."))
        await greet(update, context)
    else:
        await query.answer(context._(OUT_OF_DATE))
        await open_position(update, context, reopened(context))  # the staff's workplace if none saved
    if query.message is not None and query.message.message_id != where.screen_message_id:
        await retire(context, update.effective_chat.id, query.message.message_id)


def handlers() -> list:
    """The onboarding handlers (the catch-alls are registered last by the composition root)."""
    return [
        CommandHandler("start", start),
        CommandHandler(["aide", "help"], show_help),
        CommandHandler(["langue", "language"], ask_language),
        CommandHandler(["annuler", "cancel"], cancel),
        on_button(cb.LANGUAGE, choose_language),
    ]


def pasted_invitation_handlers() -> list:
    """A pasted invitation link, in a group of its own before the journeys' (``PASTED_GROUP``): a typed
    answer's handler would take it first there, and one in a coop goes on to them; and whatever else
    someone taken off a team sends (a file too), answered there before any journey reads it."""
    return [MessageHandler(~filters.COMMAND & ~filters.StatusUpdate.ALL, pasted_invitation)]


def fallback_handlers() -> list:
    """What answers when nothing else did."""
    return [MessageHandler(filters.ALL & ~filters.StatusUpdate.ALL, lost), CallbackQueryHandler(stale_button)]
