"""A bilan is sent only for a checkpoint still ahead: the committee may close it while the direction is on
« Send? » — recorded as held without the bilan, or closed by the visit, which removes the interim
checkpoints not held (``transitions._drop_interim``). Both are read with the dossier held, as the
committee's decision holds it first: the send waits for the decision, or the decision for the send.
Refused, the direction is told why and led to where the coop was told the draft stays readable
(« 📚 Previous reports »), with the next report to prepare.
"""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.render.html import e
from conversations.ui import states
from conversations.ui.context import QualiContext
from conversations.ui.router import Step
from locales import N_
from models.chat_state import Position
from models.dossier.reads import hold_dossier
from models.label.bilans import check_draft, held_checkpoint, next_checkpoint
from models.tables import Checkpoint, CheckpointKind, Dossier, ProgressReport

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
KEPT = N_("Its draft is kept: you can read it below.")
NEXT = N_("Next report to prepare: that of the 12-month checkpoint, with {command}.")


async def checkpoint_to_send(session: AsyncSession, report: ProgressReport) -> Checkpoint | None:
    """The checkpoint this bilan is for, as committed now (None: the visit removed it), read with the
    dossier held until the transaction ends; the bilan read again too (BilanSent: sent by a colleague
    meanwhile), so that what is frozen is what is written now."""
    await hold_dossier(session, report.dossier_id)
    await session.refresh(report, with_for_update=True)
    check_draft(report)
    return await held_checkpoint(session, report)


async def closed_meanwhile(
    context: QualiContext,
    session: AsyncSession,
    dossier: Dossier,
    report: ProgressReport,
    due: Checkpoint | None,
) -> Step | None:
    """None while the bilan's checkpoint is still ahead; else nothing is sent, and the direction is told
    why: led to the history, which lists the draft (one with a text written), or to the bilan open now."""
    if due is not None and due.held_on is None:
        return None
    _ = context._
    kind = CheckpointKind(report.checkpoint_kind)
    if due is None:
        said = [_(CLOSED[kind])]
    else:
        said = [_(HELD[kind]).format(date=context.t.format_date(due.held_on))]
    if not (report.difficulties or report.help_wanted):  # nothing typed: the history lists no such draft
        return Step(Position(states.BILAN), "⚠️ " + e(" ".join(said)))
    said.append(_(KEPT))
    ahead = await next_checkpoint(session, dossier)
    if ahead is not None and ahead.kind == CheckpointKind.TWELVE_MONTHS:
        said.append(_(NEXT).format(command="/bilan"))
    return Step(Position(states.BILAN_HISTORY), "⚠️ " + e(" ".join(said)))
