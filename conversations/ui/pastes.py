"""Typed answers, whole: a long paste arrives in parts, which are stored, joined and judged as one.

Telegram cuts a text over 4,096 characters into several messages that the client sends milliseconds apart.
Judging each message on its own refused the first part and stored the second, a fragment starting mid-word.
So no fragment is ever judged: a text at a question is first stored as a part (``TextPart``, before the bot
answers: nothing is lost, a restart finds it), and the parts are joined and judged once the user has been
quiet for a moment. A per-user job does it, replaced by each new part; the parts are claimed through the
database by this instance, so that with several processes behind a webhook only one judges them. A pass every
few seconds judges what a crash left: parts waiting, or claimed by an instance gone (polling: the process
before), taken again at once. They are judged at the question they were typed at: moving to another
question, or sending a command, before then gives them back whole (``router.take_left_parts``,
``menus.leave_for_command``); a text Telegram tagged as a command while they wait is one more part
(``middleware.took_as_part``), and a command's word typed alone at a question (« annuler ») is that command
(``typed_command``). A text on a screen of buttons is answered by ``left.not_a_question``; a voice note, a
video or a sticker by ``other_messages.on_other``; an edited message, which is never taken, with what the
next message will answer (``edit_not_taken``).
A reply to an earlier message of the bot answers no question: given back (``left.replied_to_earlier``).
The answer's transaction empties the parts rather than dropping them, until its reply is sent: emptied parts
a crash left are an answer stored whose reply was lost, and their judging shows the person where they are
now (``menus.resume_here``), as polling's restart and the webhook's next instance do for an update.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from functools import partial

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Update
from telegram.constants import ChatAction
from telegram.error import Forbidden
from telegram.ext import Application, MessageHandler, filters

from conversations.render.formatting import shorten
from conversations.render.html import e
from conversations.render.input_errors import QUOTE, input_error_text
from conversations.ui import states
from conversations.ui.common import BACK, answer_refusal, hand_back, not_understood
from conversations.ui.context import QualiContext
from conversations.ui.left import (
    first_of_paste,
    not_a_question,
    off_the_team,
    question_left,
    replied_to_earlier,
    someones_words,
    typed_after_leaving,
)
from conversations.ui.left import handlers as left_handlers
from conversations.ui.menus import draw_new, next_message_id, resume_here
from conversations.ui.messages import PrivateChat, reply, send_plain, with_notice
from conversations.ui.middleware import EDIT_BEING_READ, EDIT_NOT_TAKEN, context_for_user, edit_said
from conversations.ui.other_messages import on_other
from conversations.ui.router import TEXT_SCREENS, Step, commit, nothing, open_position, press_typed
from conversations.ui.shown import GIVEN_BACK, MOVED_ON, SPLIT_WAIT_SECONDS, at_split_length, joined
from locales import N_
from models import chat_state
from models.chat_state import PartsTaken, Position, claim_parts, judged_where, left_claims, waiting_parts
from models.clock import utcnow
from models.dossier.reads import DossierError
from models.parsing.text import InputError, command_word, is_french, typed_text
from models.tables import TextPart

log = logging.getLogger(__name__)
Consumed = Callable[[AsyncSession], Awaitable[None]]  # what a judged answer's parts are dropped with

# The parts of a paste arrive within milliseconds; a person never sends two long messages within
# a second and a half. 1.5 s is well above the gaps between the parts seen on a slow mobile network
# and still reads as an immediate answer for a text that took minutes to write.
QUIET_SECONDS = 1.5
# A short message with nothing waiting before it is an answer typed by hand (a number, a date, a
# name, a few lines): judged at once, so the guided path never feels slower. 300 characters is
# far below any part of a paste (the first part of one is close to 4,096).
AT_ONCE_MAX = 300
# Parts claimed longer ago than this by a live process are taken again (its judging failed: Telegram
# away); judging takes well under a second. Those of a process that stopped are taken at once (``left``).
STALE_CLAIM_SECONDS = 120
# a command's word typed alone at a question (« annuler »): the command it is, as each language names it
TYPED_COMMANDS = {"cancel": ("annuler", "cancel"), "help": ("aide", "help"), "home": ("dossier", "dossier")}
AS_COMMAND = N_("“{word}”: I took it as {command}.")
AS_BUTTON = N_("“{word}”: I took it as the “{button}” button.")
SEND_EDITED_AGAIN = N_("To send it as it reads now, send it again as a new message, or open your link again.")


def wait_after(part: TextPart) -> float:
    """How long to wait after a part before judging (more after a part cut at the split length)."""
    return SPLIT_WAIT_SECONDS if at_split_length(part.text) else QUIET_SECONDS


def complete(parts: list[TextPart], now: datetime) -> bool:
    """Whether the user has been quiet long enough after the last part."""
    return parts[-1].received_at + timedelta(seconds=wait_after(parts[-1])) <= now


async def on_text(update: Update, context: QualiContext) -> None:
    """A typed message: judged at once when typed by hand, else stored and judged with its parts."""
    if context.visitor is None:
        await not_understood(update, context)
        return
    message = update.effective_message
    text = typed_text(message.text, message.entities)  # each part with its own links' addresses
    user_id, position, waiting = context.visitor.user.id, context.where.position, context.parts_waiting
    if position.screen in TEXT_SCREENS and (meant := command_word(text)) is not None:
        await typed_command(update, context, text, meant)  # « annuler » is no indicator's name
        return
    if position.screen not in TEXT_SCREENS:
        first = first_of_paste(context, user_id, message.text)  # a paste's parts: one answer for them all
        left = question_left(position)
        if left is not None:  # typed after a command left a question: back whole, and the way back
            await typed_after_leaving(update, context, left, text, first)
        else:
            await not_a_question(update, context, position, text, first)
        return
    if not waiting and await replied_to_earlier(update, context, position, text):  # meant for an earlier one
        return
    if len(text) <= AT_ONCE_MAX and not waiting:
        await judge(update, context, position, text)
        return
    async with context.db.transaction() as session:
        await chat_state.add_part(session, user_id, message.message_id, text, context.now())
    delay = SPLIT_WAIT_SECONDS if at_split_length(text) else QUIET_SECONDS
    schedule(context.application, user_id, delay)
    if not waiting:  # the user sees that the bot is reading
        await update.effective_chat.send_action(ChatAction.TYPING)


async def typed_command(update: Update, context: QualiContext, typed: str, meant: str) -> None:
    """A command's word alone at a question (``command_word``), said so in one line: « retour » presses the
    screen's « ⬅️ Back » (none: /cancel); any other is handled as its command typed, by the same handlers."""
    said = {"word": typed.strip(), "button": context._(BACK)}
    if meant == "back" and await press_typed(update, context, BACK, e(context._(AS_BUTTON).format(**said))):
        return
    if meant == "back" or not context.visitor.coop:  # no « ⬅️ Back », or staff (no coop's home): /cancel
        meant = "help" if meant == "help" else "cancel"
    command = "/" + TYPED_COMMANDS[meant][not is_french(context.t.language)]
    await reply(update, e(context._(AS_COMMAND).format(command=command, **said)))
    entities = [{"type": "bot_command", "offset": 0, "length": len(command)}]
    message = {**update.message.to_dict(), "text": command, "entities": entities}
    as_typed = Update.de_json({"update_id": update.update_id, "message": message}, context.bot)
    await context.application.process_update(as_typed)


def schedule(application: Application, user_id: int, delay: float) -> None:
    """Judge the user's parts after ``delay`` seconds; a newer part replaces the job."""
    name = f"paste:{user_id}"
    for job in application.job_queue.get_jobs_by_name(name):
        job.schedule_removal()
    application.job_queue.run_once(judge_job, when=delay, data=user_id, name=name)


async def judge_job(context: QualiContext) -> None:
    """The job-queue entry: judge one user's parts."""
    await judge_waiting(context.application, context.job.data)


def left(application: Application, now: datetime):
    """The claims no process will finish (``models.chat_state.left_claims``), for this instance."""
    lease, stale = application.bot_data.sending, now - timedelta(seconds=STALE_CLAIM_SECONDS)
    polling = not application.bot_data.webhook_secret  # one process polls at a time: the one before died
    return left_claims(lease.me.id, utcnow(), lease.duration, stale_before=stale, polling=polling)


async def judge_waiting(application: Application, user_id: int, *, now: datetime | None = None) -> bool:
    """Join and judge the user's waiting parts (with those a stopped process left) if no more are
    coming; True when judged. A refusal is said before they are dropped: said again if stopped between."""
    services = application.bot_data
    now = now or services.clock()
    ready, me, nobodys = partial(complete, now=now), services.sending.me.id, left(application, now)
    try:
        async with services.database.transaction() as session:
            claim = await claim_parts(session, user_id, ready, now=now, by=me, left=nobodys)
            waiting = await waiting_parts(session, user_id, nobodys) if claim is None else []
            # read with the claim: a move to another question now finds them taken (router.commit)
            position, earlier, there = await judged_where(session, claim) if claim else (None, [], [])
    except PartsTaken:  # another process is judging them
        return False
    if claim is None:
        if waiting:  # a part came in (maybe to another process) since this job was set: wait for it
            remaining = waiting[-1].received_at + timedelta(seconds=wait_after(waiting[-1])) - now
            schedule(application, user_id, max(remaining.total_seconds(), 0.1))
        return False
    context, target = await context_for_user(application, user_id), PrivateChat.of(application.bot, user_id)
    consumed = partial(chat_state.answer_claimed, claim)  # in the answer's transaction: never stored twice
    typed = [part for part in claim.parts if part]  # emptied: an answer stored, its reply lost (not here)
    try:
        if context is None or context.visitor is None:  # no longer known (erased): nobody to answer
            pass
        elif not typed:  # a process stopped before their answer's reply: where they are now
            await resume_here(target, context)
        elif (why := await off_the_team(context, position)) is not None:  # taken off while it waited
            await hand_back(target, context, why, joined(typed))
        elif position.screen not in TEXT_SCREENS:  # the question was left meanwhile (for a menu): back whole
            await give_back(target, context, context._(GIVEN_BACK), joined(typed))
        else:  # at the question they were typed at; typed before a move (judged_where): back whole
            earlier, there = [part for part in earlier if part], [part for part in there if part]
            if earlier:
                await hand_back(target, context, context._(MOVED_ON), joined(earlier))
            if there:
                await judge(target, context, position, joined(there), consumed)
            else:  # none typed here: the question they are at, below their text
                await open_position(target, context, position)
    except PartsTaken:  # this process was taken for stopped (answer rolled back): the other one judges
        return False
    except Forbidden:  # blocked: nothing reaches them, and taken again it would fail again
        log.info("the parts of user %s are dropped: they blocked the bot", user_id)
    async with services.database.transaction() as session:
        await chat_state.drop_parts(session, claim.token)  # refused and sent back: done with them too
    return True


async def judge_left_parts(context: QualiContext) -> None:
    """At start, then every few seconds: judge the parts a stopped process left (waiting or claimed)."""
    application = context.application
    now = application.bot_data.clock()
    async with application.bot_data.database.transaction() as session:
        users = await chat_state.users_with_parts(session, left(application, now))
    for user_id in users:
        try:
            await judge_waiting(application, user_id, now=now)
        except Exception:  # one user's failure must not keep the others' texts waiting
            log.exception("judging the parts left for user %s failed", user_id)


async def judge(
    update: Update, context: QualiContext, position: Position, text: str, consumed: Consumed | None = None
) -> None:
    """A whole typed answer at its question: stored with the next position at once, or refused and sent back
    whole. ``consumed`` runs in the answer's transaction: a paste's parts go with it, never judged twice."""
    answer = TEXT_SCREENS[position.screen]

    async def act(session: AsyncSession) -> Step:
        if consumed is not None:
            await consumed(session)
        return await answer(context, session, position.data, text)

    try:  # the next question's message id guessed: saved with the answer, in one commit
        drawn = await commit(context, act, drawn_in=lambda: next_message_id(update))
    except InputError as error:  # nothing was written: say why, and ask again
        await refuse(update, context, error, text)
        await open_position(update, context, position)
        return
    except DossierError as refused:  # submitted, removed by a colleague or no longer allowed, meanwhile
        await give_back(update, context, answer_refusal(context, refused.code), text)
        return
    await draw_new(update, context, drawn.screen, drawn.before)
    if drawn.step.after is not None:  # as after a button: a text given back below the question
        await drawn.step.after(update, context)


async def give_back(update: Update, context: QualiContext, why: str, text: str) -> None:
    """An answer that can no longer be stored: say why and send it back, then the dossier's home."""
    await hand_back(update, context, why, text)
    if context.visitor.coop is not None:
        await open_position(update, context, Position(states.HOME))


async def refuse(update: Update, context: QualiContext, error: InputError, typed: str) -> None:
    """Say what is wrong with an answer; a too-long text, or any refused text that is someone's words (a
    consultation's eight choices, a long sentence where a number was asked) and more than the refusal
    quotes, is sent back whole, in as many messages as needed, to be corrected rather than typed again."""
    await reply(update, "⚠️ " + e(input_error_text(context.t, error, typed)))
    if error.code == "too_long" or (someones_words(typed) and shorten(typed, QUOTE) != typed.strip()):
        await send_plain(update, typed)


async def edit_not_taken(update: Update, context: QualiContext) -> None:
    """An edited message, never taken: said so above the screen drawn again, at a question naming what
    the next message will answer, with how to correct an earlier answer (``middleware.edit_said``); a
    part of an answer still being read, said read as sent; at the home, said alone."""
    visitor, position = context.visitor, context.where.position
    if context.parts_waiting:  # rare: read only then
        async with context.db.transaction() as session:
            waiting = await waiting_parts(session, visitor.user.id)
        if any(part.message_id == update.edited_message.message_id for part in waiting):
            await reply(update, "✏️ " + e(context._(EDIT_BEING_READ)))
            return
    if not (visitor.coop or visitor.is_committee or visitor.is_admin):  # no answer nor ✏️ (a /start link)
        await reply(update, "✏️ " + e(f"{context._(EDIT_NOT_TAKEN)} {context._(SEND_EDITED_AGAIN)}"))
        return
    if position.screen == states.HOME:
        await reply(update, "✏️ " + e(edit_said(context)))
        return
    drawn = await commit(context, lambda session: nothing(Step(position)), afresh=True)
    notice = "✏️ " + e(edit_said(context, drawn.screen, asking=position.screen in TEXT_SCREENS))
    await draw_new(update, context, with_notice(drawn.screen, notice), drawn.before)


def answer_handlers() -> list:
    """Typed answers and what cannot be one, and the way back to a question a command left (``ui.left``);
    registered after every command and button."""
    return [
        *left_handlers(),
        MessageHandler(filters.TEXT & ~filters.COMMAND, on_text),
        MessageHandler(~filters.COMMAND & ~filters.StatusUpdate.ALL, on_other),
    ]
