"""The direction prepares a consultation: the question, who is asked, until when; then opens it.

Each answer is saved in the draft at once (a draft can be left and taken up again from the list).
Opening it invites the coop's members through the outbox, in the same transaction. The screens
are in ``drafts``.
"""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.consultation.drafts import NOT_DELETED, OWN_KEPT, changed_since_shown, draft
from conversations.consultation.listing import of_direction, preview_at
from conversations.consultation.meanwhile import already_deleted, drafting, drafting_typed
from conversations.render.formatting import quoted
from conversations.render.html import e
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.common import DRAFT_TEXT_FOLLOWS, giving_back
from conversations.ui.context import QualiContext
from conversations.ui.router import Step, button, member_dossier, text_answer, where_now
from models.chat_state import Position
from models.clock import paris_today
from models.consultations.drafts import DraftChanged, draft_mark, earlier_own, lacks_choices, read_choices
from models.consultations.reach import invite, members_to_ask
from models.consultations.store import (
    QUESTION_MAX,
    choices_of,
    closing_bounds,
    new_consultation,
    new_link_token,
    open_consultation,
    update_draft,
)
from models.dossier.reads import NotAllowed
from models.parsing.due_dates import parse_date_between
from models.parsing.text import check_text
from models.tables import Consultation


async def start(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """➕ New consultation (the direction only): a draft, then its question."""
    if not context.visitor.is_direction:
        raise NotAllowed("only the direction starts a consultation")
    dossier = await member_dossier(context, session)
    consultation = await new_consultation(
        session, context.coop_id, dossier.id, context.visitor.user.id, context.now()
    )
    return Step(Position(states.CONSULT_KIND, {"id": consultation.id}))


async def choose_kind(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """✏️ Question: back to step 1."""
    consultation = await of_direction(context, session, args[0])
    return Step(Position(states.CONSULT_KIND, {"id": consultation.id}))


async def use_default(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """⭐ The engagements: the default question and its 12 choices; on to the audience. One's own
    question is kept by the draft's audit (``earlier_own``): « ✏️ My own question » offers it back."""
    consultation = await of_direction(context, session, args[0])
    own = consultation.question
    await update_draft(
        session, consultation, context.visitor.user.id, context.now(), question=None, choices=[]
    )
    kept = context._(OWN_KEPT).format(question=quoted(context.t.language, own)) if own else None
    return Step(Position(states.CONSULT_AUDIENCE, {"id": consultation.id}), kept and "ℹ️ " + e(kept))


async def write_own(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """✏️ My own question: ask it."""
    consultation = await of_direction(context, session, args[0])
    return Step(Position(states.CONSULT_QUESTION, {"id": consultation.id}))


async def keep_question(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """✅ Keep the question (the one offered back after « ⭐ The engagements »: stored again); on to its
    choices. Also « ⬅️ Back » from the audience to them."""
    consultation = await of_direction(context, session, args[0])
    if consultation.question is None:
        question, _choices = await earlier_own(session, consultation)
        if question is None:  # none to keep (an older screen's button): asked
            return Step(Position(states.CONSULT_QUESTION, {"id": consultation.id}))
        await update_draft(session, consultation, context.visitor.user.id, context.now(), question=question)
    return Step(Position(states.CONSULT_CHOICES, {"id": consultation.id}))


async def keep_choices(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """✅ Keep the choices (those offered back: stored again), echoed; on to the audience."""
    consultation = await of_direction(context, session, args[0])
    if consultation.question is None:  # the engagements' question meanwhile: choices of its own, none
        return Step(Position(states.CONSULT_KIND, {"id": consultation.id}))
    choices = choices_of(consultation) or (await earlier_own(session, consultation))[1]
    if not choices:  # none to keep (an older screen's button): asked
        return Step(Position(states.CONSULT_CHOICES, {"id": consultation.id}))
    if not choices_of(consultation):
        await update_draft(session, consultation, context.visitor.user.id, context.now(), choices=choices)
    return Step(Position(states.CONSULT_AUDIENCE, {"id": consultation.id}), choices_echoed(context, choices))


def choices_echoed(context: QualiContext, choices: list[str]) -> str:
    """« ✅ Choices: Tuesday · Thursday »."""
    return "✅ " + e(context._("Choices: {choices}").format(choices=" · ".join(choices)))


@text_answer(states.CONSULT_QUESTION)
@drafting_typed
async def take_question(context: QualiContext, session: AsyncSession, data: dict, text: str) -> Step:
    """The typed question, then its choices."""
    consultation = await draft(context, session, data)
    question = check_text(text, max_length=QUESTION_MAX)
    await update_draft(session, consultation, context.visitor.user.id, context.now(), question=question)
    return Step(Position(states.CONSULT_CHOICES, {"id": consultation.id}))


@text_answer(states.CONSULT_CHOICES)
@drafting_typed
async def take_choices(context: QualiContext, session: AsyncSession, data: dict, text: str) -> Step:
    """The choices, one per line; echoed back on the next step, with the lines left out as repeats of a
    choice above (« visio » under « Visio ») named and given back below, should one be meant apart."""
    consultation = await draft(context, session, data)
    choices, repeats = read_choices(text)
    await update_draft(session, consultation, context.visitor.user.id, context.now(), choices=choices)
    here, echo = Position(states.CONSULT_AUDIENCE, {"id": consultation.id}), choices_echoed(context, choices)
    if not repeats:
        return Step(here, echo)
    lang = context.t.language
    read_as = context._("{second} reads as {first}")
    said = ", ".join(read_as.format(second=quoted(lang, b), first=quoted(lang, a)) for a, b in repeats)
    said = context._("Left out as a repeat: {repeats}.").format(repeats=said)
    back = context._("Here it is below, should you want it back.")
    return Step(here, f"{echo}\nℹ️ {e(said)} {e(back)}", after=giving_back("\n".join(b for _a, b in repeats)))


async def set_audience(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """👥 / 🔗: set who is asked (the button carries the wanted state, not a flip)."""
    consultation = await of_direction(context, session, args[0])
    who, wanted = args[1], bool(args[2])
    if who == "m" and wanted != consultation.for_members:
        await update_draft(session, consultation, context.visitor.user.id, context.now(), for_members=wanted)
    elif who == "l" and wanted != bool(consultation.public_token):
        token = new_link_token() if wanted else None
        await update_draft(session, consultation, context.visitor.user.id, context.now(), public_token=token)
    return Step(Position(states.CONSULT_AUDIENCE, {"id": consultation.id}))


async def ask_closing(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """➡️ Continue: someone must be asked, then the closing date."""
    consultation = await of_direction(context, session, args[0])
    if not consultation.for_members and not consultation.public_token:
        notice = "⚠️ " + e(context._("Choose who is asked: the members, a public link, or both."))
        return Step(Position(states.CONSULT_AUDIENCE, {"id": consultation.id}), notice)
    return Step(Position(states.CONSULT_CLOSING, {"id": consultation.id}))


@text_answer(states.CONSULT_CLOSING)
@drafting
async def take_closing(context: QualiContext, session: AsyncSession, data: dict, text: str) -> Step:
    """The closing day, from tomorrow to six months ahead; echoed on the preview."""
    consultation = await draft(context, session, data)
    earliest, latest = closing_bounds(context.now())
    day = parse_date_between(text, context.t.language, earliest, latest, today=paris_today(context.now()))
    await update_draft(session, consultation, context.visitor.user.id, context.now(), closes_on=day)
    notice = "✅ " + e(context._("Until {date}").format(date=context.t.format_date(day, "full")))
    return Step(preview_at(consultation), notice)


async def keep_closing(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """✅ Keep the closing date (still at least tomorrow: else asked again, no other day stored in its
    place), on to the preview."""
    consultation = await of_direction(context, session, args[0])
    earliest, _latest = closing_bounds(context.now())
    if consultation.closes_on < earliest:  # the day came since it was offered: asked again, said why
        return Step(Position(states.CONSULT_CLOSING, {"id": consultation.id}))
    return Step(preview_at(consultation))


async def show_preview(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """The draft at a glance."""
    consultation = await of_direction(context, session, args[0])
    return Step(preview_at(consultation))


async def open_it(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """✅ Open the consultation: the members are invited through the outbox, in this transaction. A
    draft changed since its preview was drawn (by a colleague, even in the instant before it opens) is
    not opened: its preview again; one opened meanwhile (the button tapped twice, on two instances) is
    not opened again (``drafting``)."""
    consultation = await of_direction(context, session, args[0])
    shown = (await where_now(context, session)).position
    seen = shown.data.get("seen") if shown.screen == states.CONSULT_PREVIEW else None
    if seen != draft_mark(consultation):
        return await changed_under(context, session, consultation, seen)
    if lacks_choices(consultation):  # its own question, typed after « ⭐ The engagements »: its choices
        said = context._(
            "Your question has no choices yet: the consultation was not opened. Type them below."
        )
        return Step(Position(states.CONSULT_CHOICES, {"id": consultation.id}), "⚠️ " + e(said))
    if not consultation.for_members and not consultation.public_token:
        return await ask_closing(context, session, args)
    earliest, _latest = closing_bounds(context.now())
    if consultation.closes_on < earliest:  # the closing screen says why: the day came or passed
        said = "⚠️ " + e(context._("The consultation was not opened."))
        return Step(Position(states.CONSULT_CLOSING, {"id": consultation.id}), said)
    try:  # the UPDATE that opens it requires the draft still as read: as its preview showed it
        await open_consultation(session, consultation, context.visitor.user.id, context.now())
    except DraftChanged:  # a colleague's change committed since the read above (another instance)
        return await changed_under(context, session, consultation, seen)
    invited: list[int] = []
    if consultation.for_members:  # the direction member opening it is asked too, without a message
        colleagues = await members_to_ask(session, consultation.coop_id) - {context.visitor.user.id}
        invited = await invite(session, consultation, colleagues, context.now())
    if consultation.for_members and not invited:  # « 0 members will be invited » said nothing useful
        said = context._("The consultation is open: no other member of the coop uses the assistant yet.")
    elif consultation.for_members:
        said = context.t.ngettext(
            "The consultation is open: {n} member will be invited.",
            "The consultation is open: {n} members will be invited.",
            len(invited),
        ).format(n=len(invited))
    else:
        said = context._("The consultation is open.")
    if consultation.public_token:  # nobody gets it but through the direction: now is the time
        said += " " + context._("Share its public link below now: only those who open it can answer.")
    return Step(Position(states.CONSULTATION, {"id": consultation.id}), "✅ " + e(said))


async def changed_under(
    context: QualiContext, session: AsyncSession, consultation: Consultation, seen: int | None
) -> Step:
    """A preview's « ✅ Open » that opened nothing, the draft having changed: who changed it and when,
    and its preview again, as it now stands."""
    said = await changed_since_shown(context, session, consultation, seen)
    return Step(preview_at(consultation), "⚠️ " + e(said))


async def delete_draft(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """🗑 Delete the draft (never an opened consultation), as its preview showed it: at once, its own
    question and choices given back whole below the list, so that nothing typed is lost. A draft changed
    since that preview (a fellow director) is not deleted: its preview again, who changed it said, as
    « ✅ Open » does; pressed again once deleted (a double tap, a colleague): said so, nothing else."""
    if await session.get(Consultation, args[0]) is None:
        return already_deleted(context)
    consultation = await of_direction(context, session, args[0])
    shown = (await where_now(context, session)).position
    seen = shown.data.get("seen") if shown.screen == states.CONSULT_PREVIEW else None
    if seen != draft_mark(consultation):
        said = await changed_since_shown(context, session, consultation, seen, NOT_DELETED)
        return Step(preview_at(consultation), "⚠️ " + e(said))
    typed = (consultation.question, "\n".join(choices_of(consultation))) if consultation.question else ()
    await session.delete(consultation)
    said = " ".join([context._("Draft deleted."), *([context._(DRAFT_TEXT_FOLLOWS)] if typed else [])])
    return Step(Position(states.CONSULTATIONS), "🗑 " + e(said), after=giving_back(*typed))


def handlers() -> list:
    """The preparation's buttons (each checks the direction and the draft)."""
    return [
        button(cb.CONSULT_NEW, start),
        button(cb.CONSULT_KIND, drafting(choose_kind)),
        button(cb.CONSULT_DEFAULT, drafting(use_default)),
        button(cb.CONSULT_FREE, drafting(write_own)),
        button(cb.CONSULT_KEEP_QUESTION, drafting(keep_question)),
        button(cb.CONSULT_KEEP_CHOICES, drafting(keep_choices)),
        button(cb.CONSULT_AUDIENCE, drafting(set_audience)),
        button(cb.CONSULT_CLOSING, drafting(ask_closing)),
        button(cb.CONSULT_KEEP_CLOSING, drafting(keep_closing)),
        button(cb.CONSULT_PREVIEW, drafting(show_preview)),
        button(cb.CONSULT_OPEN, drafting(open_it)),
        button(cb.CONSULT_DELETE, drafting(delete_draft)),
    ]
