"""The dossier home (the screen every step returns to) and « mark ready »."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Update
from telegram.ext import CommandHandler

from conversations.dossier.documents import tell_direction
from conversations.dossier.gaps import missing_lines
from conversations.dossier.submission import may_submit
from conversations.render.formatting import filled_in, quoted, stage_lines, step_ahead_text
from conversations.render.gaps import engagements_counter
from conversations.render.html import bold, e
from conversations.render.notifications import NEW_CYCLE as NEW_CYCLE_NEWS
from conversations.render.notifications import READY_NEWS, told_earlier_text, told_text
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.callbacks import callback
from conversations.ui.common import cancel_button, open_app_row
from conversations.ui.context import QualiContext
from conversations.ui.messages import Button, Screen, keyboard
from conversations.ui.middleware import require_member
from conversations.ui.reports import committee_asks
from conversations.ui.router import Step, button, member_dossier, open_position, screen
from locales import N_
from models.chat_state import Position
from models.clock import paris_today
from models.coops import coop_users
from models.dossier.reads import FOLLOWED, DossierSnapshot, NotAllowed, dossier_of_member, read_snapshot
from models.dossier.rules import (
    INVOLVEMENT_REQUIRED,
    SelectionProgress,
    completion_percent,
    dossier_gaps,
    selection_progress,
)
from models.dossier.writes import mark_ready
from models.label.ahead import next_steps
from models.label.bilans import bilans_readable
from models.label.committee import refusal_comment
from models.label.cycles import cycle_after
from models.label.lifecycle import Role, Transition, TransitionRefused
from models.label.transitions import apply_transition
from models.outbox import enqueue
from models.privacy.erase import direction_gone
from models.tables import AttachmentKind, CheckpointKind, DossierStatus
from models.team import told_today

OPEN = (DossierStatus.DRAFT, DossierStatus.INFO_REQUESTED)  # editable, not yet marked ready
# the committee asked more of it: it stays so until the direction submits it again (writes.mark_ready)
MARKED_AGAIN = N_("The dossier is marked ready to submit again to the validation committee.")
# A refused dossier: the direction may prepare a new candidacy from it (rfn:<dossier>: the
# confirmation; rfn:<dossier>:1: done). Declared here, its one journey; the screen's name too.
REAPPLY = callback("rfn", int, int, optional=1)
REAPPLY_SCREEN = "reapply"
NO_DIRECTION_TO_REAPPLY = N_(
    "Only a direction can prepare a new candidacy, and nobody from your coop’s direction is in the assistant "
    "any more: ask the federation for a direction invitation with /federation."
)
DIRECTION_GONE = N_(  # its last member erased their data: ``team.notices`` told the members left
    "Your coop has no direction in the assistant any more: nobody can submit the dossier nor provide the "
    "commitment letter. The federation has been told; you may write to it with /federation."
)
# … during its 18 months, when what only a direction does is send the bilans and say the coop is ready
GONE_WHILE_ADMISSIBLE = N_(
    "Your coop has no direction in the assistant any more: until one joins, nobody can send the checkpoint "
    "reports nor tell the committee that the coop is ready for the visit. The federation has been told; ask "
    "it for a direction invitation with /federation."
)
DRAFT_AGAIN = N_(
    "The dossier becomes a draft again, with everything in it: engagements, indicators, action plans, "
    "approach and documents. Improve it, then submit it to a later meeting of the validation committee."
)
# a candidacy refused after its visit keeps its dates, checkpoints and bilans: the next one is a new cycle
NEW_CYCLE_EXPLAINED = N_(
    "The label was not granted after the visit: your new candidacy is a new dossier (cycle {cycle}) with "
    "your engagements and your indicators at their latest values. You set new targets and action plans, "
    "and give the approach, the commitment letter and the documents again."
)
NEW_CYCLE = N_(
    "A new dossier (cycle {cycle}) is ready with your engagements and indicators: set new targets and "
    "action plans, then submit it to a later committee."
)
CYCLE_MADE = N_("A new candidacy (cycle {cycle}) is already being prepared: here is its dossier.")


def counters(
    context: QualiContext, snapshot: DossierSnapshot, progress: SelectionProgress, gaps
) -> list[str]:
    """Engagements per axis, complete engagements, the involvement part and the documents."""
    _ = context._
    lines = [e(engagements_counter(context.t, progress.chosen))]
    for axis in progress.axes:
        line = _("Axis {axis} — {chosen}/{available}").format(
            axis=axis.axis, chosen=axis.chosen, available=axis.available
        )
        if axis.missing:
            line += " " + _("({missing} more to choose)").format(missing=axis.missing)
        lines.append(("✅ " if not axis.missing else "⬜ ") + e(line))
    unfinished = {gap.engagement for gap in gaps}
    known = {engagement.code for engagement in context.referential.engagements}  # as the axes count them
    complete = sum(1 for code in (snapshot.chosen & known) - unfinished if snapshot.indicators_of(code))
    answered = sum(1 for name in INVOLVEMENT_REQUIRED if getattr(snapshot.dossier, name))
    letter = "✅" if snapshot.has_commitment_letter else "⚠️"
    supporting = sum(1 for a in snapshot.attachments if a.kind == AttachmentKind.SUPPORTING)  # as 📎 counts
    chosen = progress.chosen  # none chosen yet: the axes above say it, not « 0/0 »
    done = _("Engagements with complete indicators: {n}/{total}").format(n=complete, total=chosen)
    return [
        *lines,
        *([e(done)] if chosen else []),
        e(_("Approach and involvement: {n}/{total}").format(n=answered, total=len(INVOLVEMENT_REQUIRED))),
        e(_("Commitment letter: {mark} · supporting documents: {n}").format(mark=letter, n=supporting)),
    ]


async def stage_and_next(context: QualiContext, session: AsyncSession, dossier) -> list[str]:
    """« Cycle 1 · Admissible… » and what comes next, in /progress's words (a label's end passed: the
    stage says it, not its ⏳ again)."""
    t, stage = context.t, stage_lines(context.t, dossier, paris_today(context.now()))
    steps = await next_steps(session, dossier, context.now(), context.bot_data.committee_dates)
    lines = list(map(e, stage))
    for step in (s for s in steps if s.kind != CheckpointKind.EXPIRY or len(stage) == 1):
        lines.append(e(step_ahead_text(t, step)))
    return lines


def home_buttons(context: QualiContext, snapshot: DossierSnapshot, progress: SelectionProgress, gaps) -> list:
    """The axes, the parts of the dossier, and what the dossier's status allows."""
    _ = context._
    dossier = snapshot.dossier
    named = [(a, _("Axis {axis}").format(axis=a.axis) + f" {a.chosen}/{a.available}") for a in progress.axes]
    axes: list[Button] = [(("⬜ " if a.missing else "✅ ") + name, cb.AXIS.pack(a.axis)) for a, name in named]
    rows = [axes[:2], axes[2:]]
    if snapshot.chosen:
        rows.append([(_("📊 Indicators and action plans"), cb.OVERVIEW.pack())])
    rows.append([(_("👥 Approach and involvement"), cb.INVOLVEMENT.pack())])
    rows.append([(_("📎 Documents"), cb.DOCUMENTS.pack()), (_("📄 Review"), cb.REVIEW.pack())])
    rows.append(open_app_row(context))  # the whole dossier on one page (when the bot serves it)
    if dossier.status in OPEN:
        rows.append(
            [(_("📋 What is missing"), cb.GAPS.pack()), (_("✅ Mark as ready"), cb.READY.pack(dossier.id))]
        )
    if dossier.status in FOLLOWED:  # issue 14: the bilan d'étape, its own row (too wide for two to a row)
        rows.append([(_("📈 My progress"), cb.PROGRESS.pack()), (_("📅 Calendar"), cb.CALENDAR.pack())])
        rows.append([(_("📝 Checkpoint report"), cb.BILAN.pack())])
    if may_submit(context, dossier, complete=not gaps):  # the direction submits
        rows.append([(_("📤 Submit to the committee"), cb.SUBMIT.pack(dossier.id))])
    rows.append([(_("🤝 My team"), cb.TEAM.pack())])  # who joined; the direction invites colleagues
    rows.append([(_("💬 Ask the federation"), cb.REQUESTS.pack())])  # the federation at any time
    return rows


async def refused_home(context: QualiContext, session: AsyncSession, dossier) -> Screen:
    """Not retained: said plainly, with the committee's comment and the way forward; nothing to edit."""
    _ = context._
    comment = await refusal_comment(session, dossier.id)
    lines = [
        "🏠 " + bold(_("Quali’Coop dossier — {coop}").format(coop=context.visitor.coop.name)),
        *map(e, stage_lines(context.t, dossier, paris_today(context.now()))),
        "",
        "⛔ " + bold(_("The validation committee did not retain this candidacy.")),
    ]
    if comment:
        lines.append(e(quoted(context.t.language, comment)))
    lines.append("")
    if context.visitor.is_direction:
        lines.append(e(_("You may prepare a new candidacy from this dossier, for a later committee.")))
    elif context.visitor.coop_has_direction:
        lines.append("ℹ️ " + e(_("Your direction may prepare a new candidacy from this dossier.")))
    else:  # as the decision's news said (``notifications.HEADLESS_NEWS``)
        lines.append("ℹ️ " + e(_(NO_DIRECTION_TO_REAPPLY)))
    rows = [[(_("📄 Review"), cb.REVIEW.pack())], open_app_row(context)]
    if await bilans_readable(session, context.coop_id, dossier.id):  # its sent bilans: read by every member
        rows.append([(_("📚 Previous reports"), cb.BILAN_HISTORY.pack())])
    if context.visitor.is_direction:
        rows.append([(_("📝 Prepare a new candidacy"), REAPPLY.pack(dossier.id))])
    rows.append([(_("🤝 My team"), cb.TEAM.pack())])
    rows.append([(_("💬 Ask the federation"), cb.REQUESTS.pack())])
    return Screen("\n".join(lines), keyboard(*rows))


@screen(states.HOME)
async def home_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """The coop, the dossier's status, the counters per axis and what is missing."""
    _ = context._
    dossier = await member_dossier(context, session)
    if dossier.status == DossierStatus.REFUSED:
        return await refused_home(context, session, dossier)
    snapshot = await read_snapshot(session, dossier)
    progress = selection_progress(context.referential, snapshot.chosen)
    gaps = dossier_gaps(context.referential, snapshot)
    lines = [
        "🏠 " + bold(_("Quali’Coop dossier — {coop}").format(coop=context.visitor.coop.name)),
        *await stage_and_next(context, session, dossier),  # a label ended, the next checkpoint: said
        e(filled_in(context.t, completion_percent(context.referential, snapshot))),
        "",
        *counters(context, snapshot, progress, gaps),
        "",
    ]
    if (asked := await committee_asks(session, dossier)) is not None:  # as the Mini App shows it
        mark, heading, comment = asked
        lines += [f"{mark} " + bold(_(heading)), e(quoted(context.t.language, comment or "—")), ""]
    missing = missing_lines(context, snapshot, gaps)
    lines = lines + missing if missing else lines[:-1]  # nothing said there: one blank line, not two
    if not context.visitor.coop_has_direction and await direction_gone(session, context.coop_id):
        gone = GONE_WHILE_ADMISSIBLE if dossier.status == DossierStatus.ADMISSIBLE else DIRECTION_GONE
        lines += ["", "⚠️ " + e(_(gone))]  # « ✅ Mark as ready », the bilan's sending lead nowhere for now
    elif dossier.status == DossierStatus.READY and not context.visitor.is_direction:
        lines += ["", "ℹ️ " + e(_("The direction submits the dossier to the validation committee."))]
    return Screen("\n".join(lines), keyboard(*home_buttons(context, snapshot, progress, gaps)))


@screen(REAPPLY_SCREEN)
async def reapply_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """What a new candidacy does, before the direction confirms it."""
    _ = context._
    dossier = await dossier_of_member(session, data["id"], context.coop_id, for_edit=False)
    if dossier.admissible_on is not None:  # refused after the visit: a new cycle, as a renewal
        what = [e(_(NEW_CYCLE_EXPLAINED).format(cycle=dossier.cycle + 1))]
    else:
        what = [e(_(DRAFT_AGAIN)), e(_("The committee’s comment stays readable on the dossier’s home."))]
    lines = ["📝 " + bold(_("Prepare a new candidacy")), "", *what]
    confirm = (_("✅ Confirm"), REAPPLY.pack(data["id"], 1))
    return Screen("\n".join(lines), keyboard([confirm, cancel_button(context, cb.HOME.pack())]))


async def reapply(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """📝 Prepare a new candidacy (the direction, from a refused dossier): confirm, then a draft again."""
    dossier = await dossier_of_member(session, args[0], context.coop_id, for_edit=False)
    if not context.visitor.is_direction:
        raise NotAllowed("only the direction prepares a new candidacy")
    if dossier.status != DossierStatus.REFUSED:  # an old menu, a colleague was quicker: nothing changes
        raise TransitionRefused("wrong_status", dossier.status, Transition.REAPPLY)
    if (later := await cycle_after(session, dossier)) is not None:  # a double tap, a colleague: made once
        return Step(Position(states.HOME), "ℹ️ " + e(context._(CYCLE_MADE).format(cycle=later)))
    if len(args) < 2 or args[1] != 1:
        return Step(Position(REAPPLY_SCREEN, {"id": dossier.id}))
    applied = await apply_transition(
        session, dossier, Transition.REAPPLY, role=Role.DIRECTION, actor_id=context.visitor.user.id,
        comment="", now=context.now(),
    )  # fmt: skip
    again = context._("The dossier is a draft again: improve it, then submit it to a later committee.")
    if applied is not dossier:  # refused after the visit: a new cycle, as a renewal
        again = context._(NEW_CYCLE).format(cycle=applied.cycle)
    await tell_colleagues(context, session, applied.cycle, draft=applied is dossier)  # the others told
    return Step(Position(states.HOME), "✅ " + e(again))


async def tell_colleagues(context: QualiContext, session: AsyncSession, cycle: int, draft: bool) -> None:
    """The other members told of the new candidacy (a new cycle, or the same dossier a ``draft`` again),
    through the outbox, in this transaction; "by": for erasure."""
    me, coop = context.visitor.user, context.visitor.coop
    others = [u.id for u in await coop_users(session, coop.id) if u.id != me.id]
    news = {"name": me.first_name, "by": me.id, "coop": coop.name, "cycle": cycle, "draft": draft}
    await enqueue(session, others, NEW_CYCLE_NEWS, news, now=context.now())


async def go_home(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """🏠: back home."""
    return Step(Position(states.HOME))


async def ready(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """✅ Mark as ready: only when every rule holds; otherwise the list of gaps."""
    dossier = await dossier_of_member(session, args[0], context.coop_id)
    if dossier_gaps(context.referential, await read_snapshot(session, dossier)):
        notice = "⛔ " + e(context._("The dossier cannot be marked ready yet:"))
        return Step(Position(states.GAPS), notice)
    told = ""
    if dossier.status != DossierStatus.READY:  # the direction told when it is marked, once a day
        await mark_ready(session, dossier, actor_id=context.visitor.user.id, now=context.now())
        earlier = await told_today(session, READY_NEWS, dossier, context.now())  # and since submitted
        if earlier is None:
            names = await tell_direction(context, session, READY_NEWS, dossier)
            told = "\n" + told_text(context.t, names, context.visitor.is_direction)
        elif not context.visitor.is_direction:  # ready again after a correction: it knows to review it
            told = "\n" + told_earlier_text(context.t, earlier)
    again = dossier.status == DossierStatus.INFO_REQUESTED  # kept so: the direction submits it again
    notice = "✅ " + e(context._(MARKED_AGAIN if again else N_("The dossier is marked ready to submit.")))
    return Step(Position(states.HOME), (notice + told).strip())


async def open_dossier(update: Update, context: QualiContext) -> None:
    """/dossier: the home, also in the middle of a question (what was saved stays saved)."""
    if not await require_member(update, context):
        return
    await open_position(update, context, Position(states.HOME))


def handlers() -> list:
    """The home's handlers."""
    return [
        CommandHandler("dossier", open_dossier),
        button(cb.HOME, go_home),
        button(cb.READY, ready),
        button(REAPPLY, reapply),
    ]
