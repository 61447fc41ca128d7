"""A bilan is written and sent only for a checkpoint still ahead: the committee may close it while the coop
prepares it — recorded as held without the bilan, or closed by the visit, which removes the interim
checkpoints not held (``transitions._drop_interim``). Every step that writes to the bilan or shows it for
editing (a value typed, « ✅ Keep », a text, a question reopened, « 📤 Yes, send ») reads it through
``bilan.editable_report``, which checks here (``checkpoint_ahead``) with the dossier held, as the committee's
decision holds it first: the step waits for the decision, or the decision for the step.
Closed, the step writes nothing (``CheckpointClosed``, answered by the wrappers below: a button, a typed
answer, a screen): the member is told why and led to where the coop was told the draft stays readable
(« 📚 Previous reports », with the next report to prepare), or to the bilan open now when nothing was typed
in that draft; what they typed at that step is given back whole.
A bilan sent meanwhile (by a colleague, or from another device: ``BilanSent``) is answered alike by
``sent_step``: who sent it and when, above the bilan open now; the buttons of the bilan's screen name its
checkpoint (``CODES``), so that they never open the next bilan in its place.
"""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.render.commitments.requests import FORMER_MEMBER
from conversations.render.html import e
from conversations.ui import states
from conversations.ui.common import handing_back
from conversations.ui.context import QualiContext
from conversations.ui.messages import with_notice
from conversations.ui.router import Action, Renderer, Step, TextAnswer, render
from locales import N_
from models.chat_state import Position, load_position
from models.dossier.reads import DossierError, NotYours, hold_dossier
from models.label.bilans import BilanSent, check_draft, held_checkpoint, next_checkpoint, report_of
from models.label.transitions import checkpoints_of
from models.tables import Checkpoint, CheckpointKind, Dossier, ProgressReport
from models.users import first_name_of

# the checkpoint the buttons of a bilan's screen name: sent or closed meanwhile, said so (``meanwhile_step``),
# never the next bilan opened in its place (a code of no checkpoint: KeyError, an out-of-date menu)
CODES = {"6": CheckpointKind.SIX_MONTHS, "12": CheckpointKind.TWELVE_MONTHS}
CODE_OF = {kind: code for code, kind in CODES.items()}

HELD = {  # the checkpoint in running text, one sentence each (its name is a title's)
    CheckpointKind.SIX_MONTHS: N_(
        "The validation committee recorded the 6-month checkpoint as held on {date}, before this report "
        "was sent: it was not sent."
    ),
    CheckpointKind.TWELVE_MONTHS: N_(
        "The validation committee recorded the 12-month checkpoint as held on {date}, before this report "
        "was sent: it was not sent."
    ),
}
CLOSED = {
    CheckpointKind.SIX_MONTHS: N_(
        "The validation committee recorded the visit, which closed the 6-month checkpoint: no report is "
        "expected for it any more, and this one was not sent."
    ),
    CheckpointKind.TWELVE_MONTHS: N_(
        "The validation committee recorded the visit, which closed the 12-month checkpoint: no report is "
        "expected for it any more, and this one was not sent."
    ),
}
Words = tuple[dict[CheckpointKind, str], dict[CheckpointKind, str]]  # held on a date; closed by the visit
SENDING: Words = (HELD, CLOSED)
EDITING: Words = (  # the other steps: nothing was sent, the draft can no longer be changed
    {
        CheckpointKind.SIX_MONTHS: N_(
            "The validation committee recorded the 6-month checkpoint as held on {date}, without this "
            "report: it can no longer be changed."
        ),
        CheckpointKind.TWELVE_MONTHS: N_(
            "The validation committee recorded the 12-month checkpoint as held on {date}, without this "
            "report: it can no longer be changed."
        ),
    },
    {
        CheckpointKind.SIX_MONTHS: N_(
            "The validation committee recorded the visit, which closed the 6-month checkpoint: no report is "
            "expected for it any more, and this one can no longer be changed."
        ),
        CheckpointKind.TWELVE_MONTHS: N_(
            "The validation committee recorded the visit, which closed the 12-month checkpoint: no report "
            "is expected for it any more, and this one can no longer be changed."
        ),
    },
)
SENT = {  # by a colleague, by the person (from another device)
    CheckpointKind.SIX_MONTHS: (
        N_("The 6-month report was sent by {name} on {date}."),
        N_("You sent the 6-month report on {date}."),
    ),
    CheckpointKind.TWELVE_MONTHS: (
        N_("The 12-month report was sent by {name} on {date}."),
        N_("You sent the 12-month report on {date}."),
    ),
}
NONE_EXPECTED = (  # a reminder's « 📝 » once its checkpoint closed with no report started: held; by the visit
    {
        CheckpointKind.SIX_MONTHS: N_(
            "The validation committee recorded the 6-month checkpoint as held on {date}: no report is "
            "expected for it any more."
        ),
        CheckpointKind.TWELVE_MONTHS: N_(
            "The validation committee recorded the 12-month checkpoint as held on {date}: no report is "
            "expected for it any more."
        ),
    },
    {
        CheckpointKind.SIX_MONTHS: N_(
            "The validation committee recorded the visit, which closed the 6-month checkpoint: no report is "
            "expected for it any more."
        ),
        CheckpointKind.TWELVE_MONTHS: N_(
            "The validation committee recorded the visit, which closed the 12-month checkpoint: no report "
            "is expected for it any more."
        ),
    },
)
KEPT = N_("Its draft is kept: you can read it below.")
# the command in each language's own name (/report, /bilan), as every text of the catalogs names them
NEXT = N_("Next report to prepare: that of the 12-month checkpoint, with /report.")


class CheckpointClosed(DossierError):
    """A step of a bilan whose checkpoint the committee closed meanwhile (``due``: held; None: removed by the
    visit). Answered by the wrappers below; left unwrapped, refused in the words of a row removed meanwhile
    (a typed text given back whole all the same)."""

    code = NotYours.code

    def __init__(self, dossier: Dossier, report: ProgressReport, due: Checkpoint | None) -> None:
        super().__init__(f"the {report.checkpoint_kind} checkpoint of dossier {dossier.id} was closed")
        self.dossier, self.report, self.due = dossier, report, due


async def checkpoint_ahead(session: AsyncSession, dossier: Dossier, report: ProgressReport) -> Checkpoint:
    """The checkpoint this bilan is for, as committed now, read with the dossier held until the transaction
    ends; the bilan read again too (BilanSent: sent by a colleague meanwhile), so that what is written or
    frozen is what is read now. CheckpointClosed once held, or removed by the visit."""
    await hold_dossier(session, dossier.id)
    await session.refresh(report, with_for_update=True)
    check_draft(report)
    due = await held_checkpoint(session, report)
    if due is None or due.held_on is not None:
        raise CheckpointClosed(dossier, report, due)
    return due


async def closed_step(
    context: QualiContext,
    session: AsyncSession,
    closed: CheckpointClosed,
    words: Words = EDITING,
    typed: str = "",
) -> Step:
    """Nothing written, and why (``words``: the send's or the other steps'): led to the history, which lists
    the draft (one with a text written), or to the bilan open now; ``typed``, stored nowhere, given back."""
    _ = context._
    report, due = closed.report, closed.due
    kind = CheckpointKind(report.checkpoint_kind)
    held, gone = words
    said = [_(gone[kind])] if due is None else [_(held[kind]).format(date=context.t.format_date(due.held_on))]
    after = handing_back(typed) if typed.strip() else None
    if not (report.difficulties or report.help_wanted):  # nothing typed: the history lists no such draft
        return Step(Position(states.BILAN), "⚠️ " + e(" ".join(said)), after=after)
    said.append(_(KEPT))
    ahead = await next_checkpoint(session, closed.dossier)
    if ahead is not None and ahead.kind == CheckpointKind.TWELVE_MONTHS:
        said.append(_(NEXT))
    return Step(Position(states.BILAN_HISTORY), "⚠️ " + e(" ".join(said)), after=after)


async def sent_step(context: QualiContext, session: AsyncSession, sent: BilanSent, typed: str = "") -> Step:
    """Nothing written to a bilan sent meanwhile: who sent it and when, above the bilan open now (the next
    one's, not started by this, or none: as after sending); ``typed``, stored nowhere, given back."""
    report, t = sent.report, context.t
    by_colleague, by_me = SENT[CheckpointKind(report.checkpoint_kind)]
    when = t.format_datetime(report.sent_at)
    if report.sent_by == context.visitor.user.id:
        said = t.gettext(by_me).format(date=when)
    else:
        name = await first_name_of(session, report.sent_by) or t.gettext(FORMER_MEMBER)
        said = t.gettext(by_colleague).format(name=name, date=when)
    return Step(Position(states.BILAN), "📤 " + e(said), after=handing_back(typed) if typed.strip() else None)


async def meanwhile_step(
    context: QualiContext,
    session: AsyncSession,
    refused: DossierError,
    words: Words = EDITING,
    typed: str = "",
) -> Step:
    """A bilan's step refused: its checkpoint closed (``closed_step``) or the bilan sent (``sent_step``)."""
    if isinstance(refused, BilanSent):
        return await sent_step(context, session, refused, typed)
    return await closed_step(context, session, refused, words, typed)


def while_ahead(action: Action, words: Words = EDITING) -> Action:
    """A bilan's button: its action while the checkpoint is ahead and the bilan not sent, else
    ``meanwhile_step`` (the text typed on a conflict screen, ``mine``, held by the position, given back)."""

    async def act(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
        try:
            return await action(context, session, args)
        except (CheckpointClosed, BilanSent) as refused:
            mine = (await load_position(session, context.visitor.user.id)).data.get("mine")
            typed = mine if isinstance(mine, str) else ""
            return await meanwhile_step(context, session, refused, words, typed)

    act.__doc__ = action.__doc__
    return act


def answer_while_ahead(answer: TextAnswer) -> TextAnswer:
    """A bilan's typed answer: taken while the checkpoint is ahead and the bilan not sent, else given back
    whole (``meanwhile_step``)."""

    async def take(context: QualiContext, session: AsyncSession, data: dict, text: str) -> Step:
        try:
            return await answer(context, session, data, text)
        except (CheckpointClosed, BilanSent) as refused:
            return await meanwhile_step(context, session, refused, EDITING, text)

    take.__doc__ = answer.__doc__
    return take


def screen_while_ahead(renderer: Renderer) -> Renderer:
    """A bilan's question or walk, drawn while the checkpoint is ahead and the bilan not sent; else (a
    question reopened, an out-of-date menu drawing the saved position) why, above the screen
    ``meanwhile_step`` leads to, instead of offering to go on with that bilan (a text typed next at the
    saved question: given back whole)."""

    async def draw(context: QualiContext, session: AsyncSession, data: dict):
        try:
            return await renderer(context, session, data)
        except (CheckpointClosed, BilanSent) as refused:
            step = await meanwhile_step(context, session, refused)
            return with_notice(await render(context, session, step.position), step.notice)

    draw.__doc__ = renderer.__doc__
    return draw


async def reminded_step(
    context: QualiContext, session: AsyncSession, dossier: Dossier, code: str
) -> Step | None:
    """A reminder's « 📝 Prepare the report » names its checkpoint (``CODES``): its bilan sent, or the
    checkpoint recorded or closed by the visit, said so above the bilan open now, never the next one opened
    as if it were the one reminded of; None while that bilan is the one to prepare (or an unknown code)."""
    kind = CODES.get(code)
    if kind is None:
        return None
    report = await report_of(session, dossier.id, kind)
    if report is not None and report.sent_at is not None:
        return await sent_step(context, session, BilanSent(report))
    due = next((c for c in await checkpoints_of(session, dossier.id) if c.kind == kind), None)
    if due is not None and due.held_on is None:
        return None
    if report is not None:  # a draft started: said as its own buttons say it
        return await closed_step(context, session, CheckpointClosed(dossier, report, due))
    held, gone = NONE_EXPECTED
    said = (
        context._(gone[kind])
        if due is None
        else context._(held[kind]).format(date=context.t.format_date(due.held_on))
    )
    return Step(Position(states.BILAN), "ℹ️ " + e(said))
