"""Someone in no coop: welcomed, with the way in (or, for the federation's staff, what they do here); or,
taken off their coop's team, told so wherever they land (a text, a file, /start, /cancel, a command or a
button the bot does not know): which team, when, and what to do (ask its direction for a new link), never
welcomed as a stranger nor told to open a link that no longer lets them in. What they typed is given
back whole.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import filters

from conversations.onboarding.commands import command_as_read, federation_part, is_staff
from conversations.render.html import bold, e
from conversations.ui import states
from conversations.ui.common import hand_back, language_keyboard, not_understood
from conversations.ui.context import QualiContext
from conversations.ui.menus import at_question, command_named, send_menu
from conversations.ui.messages import Screen, reply
from conversations.ui.middleware import staff_taken_off, taken_off
from conversations.ui.middleware.outside import command_of
from conversations.ui.states import FILE_SCREENS
from locales import N_
from models.coops import JoinOutcome, JoinResult
from models.parsing.text import typed_text
from models.tables import Coop, Member

# the welcome of someone in no coop nor role
JOINING = (
    N_(
        "With me, your coop prepares, submits and follows its Quali’Coop label dossier: "
        "engagements, indicators, action plans, documents and checkpoints."
    ),
    N_(
        "To start, open the invitation link your coop’s direction or the federation sent "
        "you. You can choose your language below."
    ),
)

# /help for someone in no coop: the coop's commands wait until they join
JOIN_BY_LINK = N_(
    "To join your coop’s team, open the invitation link its direction (or the federation) sent you; "
    "no link? Ask them for one. Then /dossier opens your coop’s dossier."
)

JOIN_REFUSALS = {
    JoinOutcome.UNKNOWN: N_(
        "This invitation link is not recognised. Check that you opened the whole link, or ask your "
        "coop for a new one."
    ),
    JoinOutcome.EXPIRED: N_(
        "This invitation link has expired. Ask your coop’s direction or the federation for a new one."
    ),
    JoinOutcome.REVOKED: N_(
        "This invitation link has been withdrawn. Ask your coop’s direction or the federation for a new one."
    ),
}
# the questions only a coop's team is asked (a committee's or the inbox's are not): the federation's staff
# taken off the team at one are told so there, as anyone taken off is
TEAM_QUESTIONS = frozenset(
    {
        *states.QUESTIONS, states.UNIT, states.UPLOAD, states.PROGRESS_VALUE, states.PROGRESS_NOTE,
        states.BILAN_VALUE, states.BILAN_REASON, states.BILAN_DIFFICULTIES, states.BILAN_HELP,
        states.REQUEST_MESSAGE, states.REQUEST_DRAFT, states.REQUEST, states.REQUEST_FOLLOW_UP,
        states.REQUEST_FILE, states.CONSULT_QUESTION, states.CONSULT_CHOICES, states.CONSULT_CLOSING,
    }
)  # fmt: skip
# the same, said to someone on a team already
LINK_NOT_OPENED = {
    JoinOutcome.UNKNOWN: N_("This invitation link is not recognised."),
    JoinOutcome.EXPIRED: N_("This invitation link has expired."),
    JoinOutcome.REVOKED: N_("This invitation link has been withdrawn."),
}
# one of the bot's commands addressed to another bot by name: nothing done (``for_another_bot``)
ADDRESSED_ELSEWHERE = N_(
    "The command {typed} is addressed to another bot, not to me: nothing was done. Here, just send {command}."
)
STILL_OPEN = {  # after it, at a question (which it leaves open): typed, or a file asked
    False: N_("The question is still open: type your answer, or send /cancel to leave it."),
    True: N_("The question is still open: send the file, or send /cancel to leave it."),
}


def link_refused(context: QualiContext, result: JoinResult, found: tuple[Member, Coop] | None) -> str:
    """A link that let nobody in (HTML): someone in no coop asks for a new one (the federation's staff
    too: a live link puts them on that coop's team, so they meant to join it; their commands after); a
    member of a team (of another coop than the link's, if it named one) is told they are in theirs
    already, and /dossier."""
    _ = context._
    if found is None:
        refused = e(_(JOIN_REFUSALS[result.outcome]))
        commands = e(_("/help lists your federation commands."))
        return f"{refused}\n\n{commands}" if is_staff(context) else refused
    way = _("You are already part of {coop}: /dossier opens its dossier.").format(coop=found[1].name)
    return "ℹ️ " + e(f"{_(LINK_NOT_OPENED[result.outcome])} {way}")


def welcome_text(context: QualiContext) -> str:
    """The welcome for someone in no coop: how to join one, or, for the federation, what they do."""
    _ = context._
    body = [e(_(text)) for text in JOINING]
    if is_staff(context):
        body = ["\n".join(federation_part(context)), e(_("You can choose your language below."))]
    return "\n\n".join(["👋 " + bold(_("Welcome to the Quali’Coop assistant")), *body])


async def greeting(context: QualiContext) -> Screen:
    """What someone in no coop is greeted with: the welcome, the languages below; or, taken off a team,
    that team, when, and the way back, in their language (chosen long ago: no languages below)."""
    why = await taken_off_said(context)
    return Screen(e(why)) if why is not None else Screen(welcome_text(context), language_keyboard())


async def greet(update: Update, context: QualiContext) -> None:
    """The ``greeting``, as a new message (/start, /cancel, an unknown button); the chat's live menu for
    someone whose position is stored (a confirmation before it, /supprimer's, is stopped so), nothing
    written for a newcomer."""
    greeted = await greeting(context)
    if context.where is not None and context.where.stored:
        await send_menu(update, context, greeted.text, greeted.keyboard)
    else:
        await reply(update, greeted.text, greeted.keyboard)


async def taken_off_said(context: QualiContext) -> str | None:
    """Why the visitor in no coop cannot go on: the team they were taken off, and when; the federation's
    staff only at a question of that team (asked while on it: elsewhere they work on), told their role
    stays, and their commands (None: on a team, the federation's elsewhere, or never on one)."""
    visitor = context.visitor
    if visitor is None or visitor.coop is not None:
        return None
    if is_staff(context):
        position = context.where.position if context.where is not None else None
        return await staff_taken_off(context) if position and position.screen in TEAM_QUESTIONS else None
    return await taken_off(context)


async def help_way_in(context: QualiContext) -> list[str]:
    """/help's first lines for someone in no coop: what the assistant does and how to join; taken off a
    team, which one, since when and the way back (the link they had no longer lets them in)."""
    why = await taken_off_said(context)
    return [e(context._(JOINING[0])), "", e(why if why is not None else context._(JOIN_BY_LINK))]


async def told_taken_off(update: Update, context: QualiContext) -> bool:
    """A message (a text, a file, a voice note…) from someone taken off their team: why it goes nowhere,
    with the text or a file's caption given back whole; False for anyone else (nothing said)."""
    why = await taken_off_said(context)
    if why is None:
        return False
    message = update.effective_message
    if message.text is not None:
        typed = typed_text(message.text, message.entities)
    else:
        typed = typed_text(message.caption, message.caption_entities)
    await hand_back(update, context, why, typed)
    return True


async def lost(update: Update, context: QualiContext) -> None:
    """What nothing else took (a command the bot does not know): someone taken off a team is told so; one
    of the bot's addressed to another bot, so; at a question, which both leave open
    (``menus.leave_for_command``), that it is still open and how to stop it; else « not understood »."""
    why = await taken_off_said(context)
    command = filters.COMMAND.check_update(update)
    asking = context.where is not None and at_question(context.where.position)
    if why is not None:
        await reply(update, e(why))
    elif command and (elsewhere := for_another_bot(update, context)):
        still = f" {context._(STILL_OPEN[on_file(context)])}" if asking else ""
        await reply(update, "❓ " + e(elsewhere + still))
    elif command and asking:
        typed = update.effective_message.text.split()[0].split("@")[0]
        said = context._(
            "I do not know the command {command}: nothing was done. The question is still open: type your "
            "answer, or send /cancel to leave it."
        )
        if on_file(context):  # a file is asked there, nothing to type
            said = context._(
                "I do not know the command {command}: nothing was done. The question is still open: send the "
                "file, or send /cancel to leave it."
            )
        await reply(update, "❓ " + e(said.format(command=typed)))
    else:
        await not_understood(update, context)


def on_file(context: QualiContext) -> bool:
    """Whether the question open waits for a file (nothing to type there)."""
    return context.where.position.screen in FILE_SCREENS


def for_another_bot(update: Update, context: QualiContext) -> str | None:
    """« The command /dossier@old_bot is addressed to another bot… just send /dossier »: one of the bot's
    commands addressed by name to another bot (copied from a group, an old name in a guide); None for
    anything else. Said, not taken: the name may be that of a bot the person meant to write to (chats
    mixed up); so nothing is done, a question stays open, and the word to send is named in their language."""
    message = update.effective_message
    name, addressee = command_of(message)
    elsewhere = addressee.lower() not in ("", context.bot.username.lower()) and command_named(context, name)
    if not elsewhere or len(addressee) > 32:  # a bot's name is 32 characters at most
        return None
    typed = message.text.split(maxsplit=1)[0]
    return context._(ADDRESSED_ELSEWHERE).format(typed=typed, command=command_as_read(context.t, f"/{name}"))
