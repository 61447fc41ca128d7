"""Answering a consultation: tick choices, add a comment, send; from the coop or its public link.

Someone who opened the public link (``/start c_<token>``) reaches this consultation and nothing
else: every screen here checks who may answer, and the dossier's screens still ask for a coop.
"""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Update
from telegram.ext import CommandHandler, filters

from conversations.consultation.answering import answering, answering_typed, ballot_for
from conversations.render.commitments.consultations import (
    choice_labels,
    link_refusal,
    provisional_note,
    question_text,
)
from conversations.render.formatting import shorten
from conversations.render.html import MESSAGE_LIMIT, bold, e, italic, units
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.callbacks import callback
from conversations.ui.common import back_button, giving_back, home_button, refusal
from conversations.ui.context import QualiContext
from conversations.ui.menus import set_chat_menu
from conversations.ui.messages import Button, Screen, in_rows, keyboard, reply
from conversations.ui.router import Step, button, open_position, screen, text_answer
from models.chat_state import Position
from models.consultations.answers import (
    COMMENT_MAX,
    NoLongerMember,
    answer_of,
    send_answer,
    set_comment,
    ticked,
    toggle_choice,
)
from models.consultations.opening import open_by_link
from models.consultations.store import LINK_PREFIX, choices_of
from models.dossier.reads import DossierError
from models.parsing.text import check_text
from models.tables import Consultation, Coop

UNCOMMENT = callback("cbu", int)  # 🗑 Remove my comment: consultation (declared here, its one journey)
CONFIRM_UNCOMMENT = callback("cbr", int)  # 🗑 Yes, remove it: consultation


async def anyone(update: Update, context: QualiContext) -> bool:
    """The ballot's buttons are for whoever the consultation reached: each action checks that."""
    return context.visitor is not None


async def refused_screen(context: QualiContext, session: AsyncSession, refused: DossierError) -> Screen:
    """Why the ballot is not there: closed meanwhile, the coop left, or not for this person."""
    said = refusal(context, refused.code)
    if isinstance(refused, NoLongerMember):
        coop = await session.get(Coop, refused.coop_id)
        said = context._("You are no longer part of {coop}: its consultation is for its members.").format(
            coop=coop.name
        )
    return Screen("ℹ️ " + e(said), keyboard(nav(context)))


def nav(context: QualiContext) -> list[Button]:
    """Home for the coop's members; nothing more for someone who came through the link."""
    return [home_button(context)] if context.visitor.coop is not None else []


def ballot_nav(context: QualiContext, consultation: Consultation) -> list[Button]:
    """Under the ballot: back to the consultation's screen (where « 🗳 Answer » is, and what an
    invitation's « 🗳 Answer » belongs to) for the coop's members, then home; someone who came through
    the public link or is of another coop has no screen of this consultation to go back to."""
    coop = context.visitor.coop
    ours = coop is not None and coop.id == consultation.coop_id
    return ([back_button(context, cb.CONSULTATION.pack(consultation.id))] if ours else []) + nav(context)


def choice_buttons(context: QualiContext, consultation: Consultation, chosen: list[int]) -> list[Button]:
    """A toggle per choice showing its state: ✅ ticked, ⬜ not (its data: its index, never its words)."""
    labels = choice_labels(context.t, context.referential, consultation)
    labels = [f"{n}. {label}" for n, label in enumerate(labels, start=1)]  # two alike at their start: two
    # the engagements: their number and short title, on a phone; a provisional one's « * » after any cut
    if not choices_of(consultation):
        lang, listed = context.t.language, context.referential.engagements
        labels = [shorten(f"{x.code} · {x.short_title.get(lang)}", 39) + x.star for x in listed]
    return [
        (
            ("✅ " if index in chosen else "⬜ ") + shorten(label, 40),
            cb.BALLOT_TICK.pack(consultation.id, index, int(index not in chosen)),
        )
        for index, label in enumerate(labels)
    ]


@screen(states.BALLOT)
async def ballot_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """The question, the choices to tick, the comment, and where the answer stands."""
    _ = context._
    try:
        consultation = await ballot_for(context, session, int(data["id"]))
    except DossierError as refused:  # closed meanwhile, or not (any more) for this person
        return await refused_screen(context, session, refused)
    coop = await session.get(Coop, consultation.coop_id)
    answer = await answer_of(session, consultation.id, context.visitor.user.id)
    chosen = ticked(answer)
    lines = [
        "🗳 " + e(_("Consultation of {coop}").format(coop=coop.name)),
        bold(question_text(context.t, consultation)),
        e(_("Tick one or more choices, add a comment if you wish, then send.")),
    ]
    labels = choice_labels(context.t, context.referential, consultation)
    numbered = bool(choices_of(consultation))  # the coop's own choices, whole, as their buttons number them
    for index, label in enumerate(labels):
        number = f"{index + 1}. " if numbered else ""
        lines.append(("✅ " if index in chosen else "⬜ ") + number + e(label))
    if note := provisional_note(context.t, context.referential, consultation):  # what the « * » means
        lines.append(italic(note))
    comment = ["", "💬 " + italic(answer.comment)] if answer is not None and answer.comment else []
    until = context.t.format_date(consultation.closes_on)
    if answer is not None and answer.answered_at is not None:
        status = _("✅ Your answer is recorded. Until {date}, every change counts at once.")
    else:
        status = _("⚠️ Not sent yet. Answers are accepted until {date}.")
    lines += [
        "",
        e(status.format(date=until)),
        italic(_("Anonymous: the results come at closing and never say who answered what.")),
    ]
    if comment and units("\n".join(lines + comment)) > MESSAGE_LIMIT:  # whole when it fits in the message
        comment[-1] = "💬 " + italic(shorten(answer.comment, 300))
    lines[-3:-3] = comment  # the comment under the choices, before where the answer stands
    rows = in_rows(choice_buttons(context, consultation, chosen), 1)  # the titles whole, one per row
    rows.append([(_("💬 Comment"), cb.BALLOT_COMMENT.pack(consultation.id))])
    if answer is None or answer.answered_at is None:
        rows.append([(_("📨 Send my answer"), cb.BALLOT_SEND.pack(consultation.id))])
    rows.append(ballot_nav(context, consultation))
    return Screen("\n".join(lines), keyboard(*rows))


@screen(states.BALLOT_COMMENT)
async def comment_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """The optional comment, typed; the one saved shown whole, to replace or remove (confirmed first)."""
    _ = context._
    try:
        consultation = await ballot_for(context, session, int(data["id"]))
    except DossierError as refused:  # closed meanwhile, or not (any more) for this person
        return await refused_screen(context, session, refused)
    answer = await answer_of(session, consultation.id, context.visitor.user.id)
    lines = [bold(_("Your comment (optional)?"))]
    rows = []
    if answer is not None and answer.comment and data.get("rm"):  # 🗑 pressed: the words, then the question
        lines = [bold(_("Remove your comment?")), "💬 " + italic(answer.comment)]
        confirm = (_("🗑 Yes, remove it"), CONFIRM_UNCOMMENT.pack(consultation.id))
        return Screen(
            "\n".join(lines),
            keyboard([confirm, back_button(context, cb.BALLOT_COMMENT.pack(consultation.id))]),
        )
    if answer is not None and answer.comment:
        lines += [
            e(_("Your comment now:")),
            "💬 " + italic(answer.comment),
            e(_("Type another to replace it.")),
        ]
        rows.append([(_("🗑 Remove my comment"), UNCOMMENT.pack(consultation.id))])
    else:
        lines.append(italic(_("e.g. Engagement 7 matters most: we want more meetings with the tenants.")))
    rows.append([back_button(context, cb.BALLOT.pack(consultation.id)), *nav(context)])
    return Screen("\n".join(lines), keyboard(*rows))


async def open_ballot(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """🗳 Answer."""
    consultation = await ballot_for(context, session, args[0])
    return Step(Position(states.BALLOT, {"id": consultation.id}))


async def tick(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """A choice's button: ticked or unticked (saved at once)."""
    consultation = await ballot_for(context, session, args[0])
    await toggle_choice(session, consultation, context.visitor.user.id, args[1], bool(args[2]), context.now())
    return Step(Position(states.BALLOT, {"id": consultation.id}))


async def ask_comment(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """💬 Comment."""
    consultation = await ballot_for(context, session, args[0])
    return Step(Position(states.BALLOT_COMMENT, {"id": consultation.id}))


@text_answer(states.BALLOT_COMMENT)
@answering_typed
async def take_comment(context: QualiContext, session: AsyncSession, data: dict, text: str) -> Step:
    """The comment, saved with the answer."""
    consultation = await ballot_for(context, session, int(data["id"]))
    comment = check_text(text, max_length=COMMENT_MAX)
    await set_comment(session, consultation, context.visitor.user.id, comment, context.now())
    return Step(Position(states.BALLOT, {"id": consultation.id}), "✅ " + e(context._("Comment saved.")))


@text_answer(states.BALLOT)
@answering_typed
async def comment_typed(context: QualiContext, session: AsyncSession, data: dict, text: str) -> Step:
    """Text typed on the ballot without 💬 Comment first: it is meant as the comment, so it is kept as
    such and said so. A comment already there gets it added on a new line (people write in two messages
    on a phone), within COMMENT_MAX: over it, nothing is added and the message is given back whole."""
    _ = context._
    consultation = await ballot_for(context, session, int(data["id"]))
    typed = check_text(text, max_length=COMMENT_MAX)
    here = Position(states.BALLOT, {"id": consultation.id})
    earlier = await answer_of(session, consultation.id, context.visitor.user.id)
    if earlier is None or not earlier.comment:
        await set_comment(session, consultation, context.visitor.user.id, typed, context.now())
        notice = _("Your message is saved as your comment. To change it, press 💬 Comment.")
        return Step(here, "💬 " + e(notice))
    joined = f"{earlier.comment}\n{typed}"
    if len(joined) > COMMENT_MAX:  # nothing added: what is too long is the comment, the message back whole
        return Step(here, "⚠️ " + e(no_room_said(context, len(earlier.comment))), after=giving_back(text))
    await set_comment(session, consultation, context.visitor.user.id, joined, context.now())
    notice = _("Your message is added to your comment, on a new line. To change it, press 💬 Comment.")
    return Step(here, "💬 " + e(notice))


def no_room_said(context: QualiContext, length: int) -> str:
    """A line refused for the comment it would join: the comment's length, the room left on a new line."""
    t, room = context.t, max(0, COMMENT_MAX - length - 1)
    said = t.ngettext(
        "Your comment already has {length} characters and the limit is {limit}: on a new line, {room} "
        "character is left.",
        "Your comment already has {length} characters and the limit is {limit}: on a new line, {room} "
        "characters are left.",
        room,
    )
    fmt = t.format_number
    said = said.format(length=fmt(length), limit=fmt(COMMENT_MAX), room=fmt(room))
    return f"{said} " + t.gettext(
        "Your message was not added: here it is, to shorten, or press 💬 Comment to replace your comment."
    )


async def ask_uncomment(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """🗑 Remove my comment: confirm first."""
    consultation = await ballot_for(context, session, args[0])
    return Step(Position(states.BALLOT_COMMENT, {"id": consultation.id, "rm": 1}))


async def uncomment(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """🗑 Yes, remove it (comment): removed, its words given back whole below, to send again if meant."""
    consultation = await ballot_for(context, session, args[0])
    earlier = await answer_of(session, consultation.id, context.visitor.user.id)
    removed = earlier.comment if earlier is not None and earlier.comment else ""  # the row changes below
    await set_comment(session, consultation, context.visitor.user.id, None, context.now())
    said = context._("Comment removed.") + (
        " " + context._("Here it is below, should you want it back.") if removed else ""
    )
    return Step(Position(states.BALLOT, {"id": consultation.id}), "🗑 " + e(said), after=giving_back(removed))


async def send(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """📨 Send my answer."""
    consultation = await ballot_for(context, session, args[0])
    await send_answer(session, consultation, context.visitor.user.id, context.now())
    notice = "🙏 " + e(context._("Thank you! Your answer is recorded."))
    return Step(Position(states.BALLOT, {"id": consultation.id}), notice)


async def open_link(update: Update, context: QualiContext) -> None:
    """/start c_<token>: the public link of a consultation, giving access to it alone; then the chat's « / »
    menu set as the visitor is (someone in no coop: a newcomer's, whose commands all work for them, never
    the plain member's default), as /start sets it."""
    await opened_link(update, context)
    await set_chat_menu(context)


async def opened_link(update: Update, context: QualiContext) -> None:
    """The consultation's ballot, or why it is not shown."""
    _ = context._
    token = context.args[0].removeprefix(LINK_PREFIX) if context.args else ""
    async with context.db.transaction() as session:
        consultation, state = await open_by_link(session, token, context.visitor.user.id, context.now())
    if said := link_refusal(context.t, consultation, state):
        await reply(update, said)
        return
    await open_position(update, context, Position(states.BALLOT, {"id": consultation.id}))


def handlers() -> list:
    """The public link (before /start's own handler), and the ballot's buttons."""
    return [
        CommandHandler("start", open_link, filters=filters.Regex(rf"^/start {LINK_PREFIX}")),
        button(cb.BALLOT, answering(open_ballot), anyone),
        button(cb.BALLOT_TICK, answering(tick), anyone),
        button(cb.BALLOT_COMMENT, answering(ask_comment), anyone),
        button(UNCOMMENT, answering(ask_uncomment), anyone),
        button(CONFIRM_UNCOMMENT, answering(uncomment), anyone),
        button(cb.BALLOT_SEND, answering(send), anyone),
    ]
