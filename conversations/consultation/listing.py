"""The coop's consultations (from the involvement part), one consultation with its results, closing."""

from __future__ import annotations

import asyncio
from dataclasses import replace

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Update
from telegram.constants import ChatAction

from conversations.consultation.comments import comments_screen, more_comments
from conversations.render.commitments.consultations import (
    COMMENTS_ON_SCREEN,
    ConsultationView,
    consultation_view,
    question_text,
    results_lines,
    when_text,
)
from conversations.render.commitments.votes_chart import votes_chart
from conversations.render.formatting import quoted, shorten
from conversations.render.html import bold, e, escaped_within, italic
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.common import back_button, cancel_button, home_button, page_in, page_turns, refusal
from conversations.ui.context import QualiContext
from conversations.ui.messages import Page, Screen, keyboard
from conversations.ui.middleware import require_member
from conversations.ui.router import Step, button, on_button, screen
from models.chat_state import Position
from models.consultations.answers import RESULTS_FLOOR, results_of
from models.consultations.drafts import DraftDeleted, draft_mark, drop_untouched, is_untouched, was_deleted
from models.consultations.store import (
    LINK_PREFIX,
    close_consultation,
    consultation_of_coop,
    coop_consultations,
    draft_of_direction,
    may_answer,
    state_of,
)
from models.dossier.reads import DossierError, earlier_cycles
from models.tables import Consultation, ConsultationStatus

STATE_MARKS = {ConsultationStatus.DRAFT: "✏️", ConsultationStatus.OPEN: "🟢", ConsultationStatus.CLOSED: "⏹"}
# consultations per page (nothing caps how many a coop makes: drafts pile up); a question's room on its
# line and the coop's in the title, as HTML (« & » is five): a page's lines and buttons stay one message
PAGE_SIZE = 15
QUESTION_UNITS = 150
COOP_UNITS = 260


async def of_direction(
    context: QualiContext, session: AsyncSession, consultation_id: int, *, draft: bool = True
) -> Consultation:
    """A consultation the asking direction member may prepare or close (a draft, unless ``draft`` is
    False). Its coop is checked first: another coop's is said not theirs, whatever their role; a draft of
    their coop deleted meanwhile (a fellow director) is said deleted (``DraftDeleted``)."""
    if (
        draft
        and context.visitor.is_direction
        and await was_deleted(session, consultation_id, context.coop_id)
    ):
        raise DraftDeleted(consultation_id)
    return await draft_of_direction(session, consultation_id, context.visitor.member, draft=draft)


def preview_at(consultation: Consultation) -> Position:
    """The preview of a draft, keeping what it shows (``draft_mark``): its « ✅ Open » opens that only."""
    return Position(states.CONSULT_PREVIEW, {"id": consultation.id, "seen": draft_mark(consultation)})


def public_link(context: QualiContext, consultation: Consultation) -> str | None:
    """The t.me link that opens this consultation, and only it."""
    if not consultation.public_token:
        return None
    return f"https://t.me/{context.bot.username}?start={LINK_PREFIX}{consultation.public_token}"


async def view_of(
    context: QualiContext, session: AsyncSession, consultation: Consultation
) -> ConsultationView:
    """The consultation and its results in the visitor's language."""
    results = await results_of(session, consultation, context.now())
    return consultation_view(context.t, context.referential, consultation, results, context.now())


def listed_page(consultations: list[Consultation], data: dict) -> Page:
    """The page of the list to show: the one holding ``data["holding"]`` (back from that consultation;
    the first page once it is no longer listed), else ``data["page"]``."""
    if "holding" not in data:
        return page_in(len(consultations), data.get("page"), PAGE_SIZE)
    ids = [consultation.id for consultation in consultations]
    held = int(data["holding"])
    return Page.holding(ids.index(held) if held in ids else None, len(consultations), PAGE_SIZE)


@screen(states.CONSULTATIONS)
async def list_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """Every consultation of the coop with where it stands, a page at a time (numbered across pages, in
    the review's order, the drafts last); a new one for the direction."""
    _ = context._
    coop = escaped_within(context.visitor.coop.name, COOP_UNITS)
    lines = [
        "🗳 <b>" + e(_("Consultations — {coop}")).format(coop=coop) + "</b>",
        e(
            _(
                "Ask your staff and coopérateurs what matters to them: the results join your dossier as "
                "evidence of involvement."
            )
        ),
        "",
    ]
    rows = []
    consultations = await coop_consultations(session, context.coop_id)
    if not context.visitor.is_direction:  # a draft is the direction's to prepare: nothing to do with it
        consultations = [c for c in consultations if c.status != ConsultationStatus.DRAFT]
    # one started for nothing (a colleague's, left at its first step) is nothing to prepare yet
    consultations = [c for c in consultations if not await is_untouched(session, c)]
    page, earlier = listed_page(consultations, data), await earlier_cycles(session, context.coop_id)
    for n, consultation in page.numbered(consultations):
        mark = STATE_MARKS[state_of(consultation, context.now())]
        question = question_text(context.t, consultation)
        said = quoted(context.t.language, escaped_within(shorten(question, 80), QUESTION_UNITS))
        when = when_text(context.t, consultation, context.now())
        if consultation.status != ConsultationStatus.DRAFT and consultation.dossier_id in earlier:
            # opened for an earlier candidacy: its evidence, not the one being prepared (its « 👥 Approach »)
            when += " · " + _("earlier candidacy (cycle {cycle})").format(
                cycle=earlier[consultation.dossier_id]
            )
        lines.append(f"{mark} {n}. {said} — {e(when)}")
        rows.append([(f"{mark} {n} · {shorten(question, 24)}", cb.CONSULTATION.pack(consultation.id))])
    if not consultations:
        lines.append(italic(_("No consultation yet.")))
    turn_lines, turn_row = page_turns(context, page, cb.CONSULTATIONS.pack)
    lines += turn_lines
    rows.append(turn_row)
    if context.visitor.is_direction:
        rows.append([(_("➕ New consultation"), cb.CONSULT_NEW.pack())])
    else:
        lines += ["", italic(_("Only the direction can start a consultation."))]
    rows.append([back_button(context, cb.INVOLVEMENT.pack()), home_button(context)])
    return Screen("\n".join(lines), keyboard(*rows))


@screen(states.CONSULTATION)
async def consultation_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """The question, where it stands, the public link and the anonymous results (the first comments;
    all of them a page at a time, ``data["comments"]``)."""
    _ = context._
    consultation = await consultation_of_coop(session, int(data["id"]), context.coop_id)
    view = await view_of(context, session, consultation)
    if "comments" in data:
        return comments_screen(context, consultation, view, data["comments"])
    lines = ["🗳 " + bold(quoted(context.t.language, view.question)), e(f"{view.when} · {view.audience}")]
    is_open = state_of(consultation, context.now()) == ConsultationStatus.OPEN
    if is_open and (link := public_link(context, consultation)):  # closed, it only says so: not to share
        lines += ["", e(_("Public link (it opens this consultation only):")), e(link)]
    more_lines, rows = more_comments(context, consultation, view)
    lines += ["", *results_lines(replace(view, comments=view.comments[:COMMENTS_ON_SCREEN])), *more_lines]
    if is_open and await may_answer(session, consultation, context.visitor.user.id, context.coop_id):
        rows.append([(_("🗳 Answer"), cb.BALLOT.pack(consultation.id))])
    if view.choices:  # nothing to chart while it runs (or with too few answers)
        rows.append([(_("📊 Chart"), cb.CONSULT_CHART.pack(consultation.id))])
    if is_open and context.visitor.is_direction:
        rows.append([(_("⏹ Close now"), cb.CONSULT_CLOSE.pack(consultation.id))])
    rows.append([back_button(context, cb.CONSULTATIONS.pack(0, consultation.id)), home_button(context)])
    return Screen("\n".join(lines), keyboard(*rows))


@screen(states.CONSULT_CLOSE)
async def close_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """Closing before the date, said exactly: with fewer answers than RESULTS_FLOOR, that its results
    will never show (no answer can come after), before it cannot be undone."""
    _ = context._
    consultation = await consultation_of_coop(session, int(data["id"]), context.coop_id)
    if (await results_of(session, consultation, context.now())).shown:
        said = _(
            "Close « {question} » now? Answers will no longer be accepted; the results stay in your dossier."
        )
    else:
        said = _(
            "Close “{question}” now? Answers will no longer be accepted and, with fewer than {n} answers, "
            "its results will never be shown: only its participation will stay in your dossier."
        )
    question = e(shorten(question_text(context.t, consultation), 80))
    text = "⚠️ " + e(said).format(question=question, n=context.t.format_number(RESULTS_FLOOR))
    confirm = (_("⏹ Yes, close it"), cb.CONSULT_CONFIRM_CLOSE.pack(consultation.id))
    return Screen(text, keyboard([confirm, cancel_button(context, cb.CONSULTATION.pack(consultation.id))]))


async def open_list(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """🗳 Consultations, at a page (⬅️ ➡️) or the page holding a consultation (back from it); the drafts
    the visitor started and left before choosing anything (« ⬅️ Back », 🏠, /cancel) are removed."""
    if context.coop_id is not None and context.visitor.is_direction:  # only the direction starts drafts
        await drop_untouched(session, context.coop_id, context.visitor.user.id)
    data = {"page": args[0]} if args and args[0] else {}
    return Step(Position(states.CONSULTATIONS, data | ({"holding": args[1]} if len(args) > 1 else {})))


async def open_consultation_screen(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """A consultation of the list: a draft reopens its preparation (the direction's: a member holding
    an older list is told it is being prepared)."""
    consultation = await consultation_of_coop(session, args[0], context.coop_id)
    if consultation.status == ConsultationStatus.DRAFT and not context.visitor.is_direction:
        notice = "ℹ️ " + e(context._("The direction is preparing this consultation: it is not open yet."))
        return Step(Position(states.CONSULTATIONS), notice)
    if consultation.status == ConsultationStatus.DRAFT:
        return Step(preview_at(consultation))
    return Step(Position(states.CONSULTATION, {"id": consultation.id}))


async def open_comments(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """💬 All the comments, at a page (⬅️ ➡️); a draft (an older screen's button) as its list's button."""
    step = await open_consultation_screen(context, session, args[:1])
    if step.position.screen != states.CONSULTATION:
        return step
    return Step(Position(states.CONSULTATION, {"id": args[0], "comments": args[1] if len(args) > 1 else 0}))


async def ask_close(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """⏹ Close now (the direction); one closed meanwhile (by its date, or a colleague) is said so."""
    consultation = await of_direction(context, session, args[0], draft=False)
    if state_of(consultation, context.now()) != ConsultationStatus.OPEN:
        notice = "ℹ️ " + e(context._("This consultation is already closed: its results are below."))
        return Step(Position(states.CONSULTATION, {"id": consultation.id}), notice)
    return Step(Position(states.CONSULT_CLOSE, {"id": consultation.id}))


async def confirm_close(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """⏹ Yes, close it."""
    consultation = await of_direction(context, session, args[0], draft=False)
    closed = state_of(consultation, context.now()) == ConsultationStatus.OPEN and await close_consultation(
        session, consultation, context.visitor.user.id, context.now()
    )
    if (
        not closed
    ):  # by its date, or by a colleague a moment before (another instance): said as ask_close says it
        notice = "ℹ️ " + e(context._("This consultation is already closed: its results are below."))
        return Step(Position(states.CONSULTATION, {"id": consultation.id}), notice)
    if (await results_of(session, consultation, context.now())).shown:
        said = context._("The consultation is closed. Its results are in your dossier.")
    else:  # the answers counted at closing: too few for results, ever
        said = context._(
            "The consultation is closed. With fewer than {n} answers, only its participation is in your "
            "dossier."
        )
        said = said.format(n=context.t.format_number(RESULTS_FLOOR))
    notice = "⏹ " + e(said)
    return Step(Position(states.CONSULTATION, {"id": consultation.id}), notice)


async def send_chart(update: Update, context: QualiContext) -> None:
    """📊 Chart: the votes as an image readable on a phone."""
    if not await require_member(update, context):
        return
    query = update.callback_query
    try:
        (consultation_id,) = cb.CONSULT_CHART.unpack(query.data)
        async with context.db.transaction() as session:
            consultation = await consultation_of_coop(session, consultation_id, context.coop_id)
            view = await view_of(context, session, consultation)
    except (DossierError, ValueError):
        await query.answer(refusal(context, "not_yours"), show_alert=True)
        return
    await query.answer()
    await update.effective_chat.send_action(ChatAction.UPLOAD_PHOTO)
    image = await asyncio.to_thread(votes_chart, view)
    caption = shorten(view.participation, 1000) + (f"\n{view.note}" if view.note else "")  # what « * » means
    await update.effective_chat.send_photo(image, caption=e(caption))


def handlers() -> list:
    """The list, a consultation, closing it and its chart."""
    return [
        button(cb.CONSULTATIONS, open_list),
        button(cb.CONSULTATION, open_consultation_screen),
        button(cb.CONSULT_COMMENTS, open_comments),
        button(cb.CONSULT_CLOSE, ask_close),
        button(cb.CONSULT_CONFIRM_CLOSE, confirm_close),
        on_button(cb.CONSULT_CHART, send_chart),
    ]
