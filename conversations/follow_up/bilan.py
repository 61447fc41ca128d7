"""/bilan: the bilan d'étape before an interim checkpoint, prepared together, sent by the direction.

The screen shows what the committee will read (each indicator's latest value with its date, the
actions' states, the difficulties, the help wanted); the walks through values and actions are in
``bilan_walk``, the texts in ``bilan_texts``. Sending freezes the bilan and tells the committee
through the outbox.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Update
from telegram.ext import CommandHandler

from conversations.follow_up import bilan_closed, bilan_history
from conversations.follow_up.bilan_closed import CODE_OF, CODES, SENDING, checkpoint_ahead, while_ahead
from conversations.follow_up.bilan_history import earlier_cycles_screen, history_row, tell_the_team
from conversations.follow_up.progress import action_states, followed_dossier, not_followed
from conversations.render.commitments.bilans import BilanView, bilan_view
from conversations.render.formatting import LATE_STEP, event_name, shorten
from conversations.render.html import bold, e, italic
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.common import cancel_button, handing_back, refusal
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, keyboard
from conversations.ui.middleware import require_member
from conversations.ui.reports import sent_line
from conversations.ui.router import Step, button, member_dossier, open_position, screen
from locales import N_
from models.chat_state import Position, load_position
from models.clock import as_utc, paris_today
from models.coops import coop_users
from models.dossier.reads import FOLLOWED, DossierSnapshot, NotAllowed, NotYours, read_snapshot
from models.label.bilans import (
    SENT_NEWS,
    bilans_readable,
    draft_report,
    held_checkpoint,
    missing_parts,
    next_checkpoint,
    report_content,
    report_of,
    reviewed_ids,
    send_report,
    sent_reports,
    value_dates,
    value_times,
)
from models.outbox import enqueue
from models.tables import Checkpoint, Dossier, DossierStatus, FederationRoleName, ProgressReport, ReportStatus
from models.users import federation_ids

MISSING = {  # what the direction is asked for before sending: only what is not written yet
    "": N_("Before sending, write the difficulties met and the help wanted."),
    "difficulties": N_("Before sending, write the difficulties met, or say there were none."),
    "help_wanted": N_("Before sending, write the help wanted, or say none is needed."),
}

# the checkpoint's day, and what sending says of it: once passed, as the home and /calendrier say it (⏳)
DUE = {False: N_("Checkpoint due on {date}"), True: LATE_STEP[""]}
FROZEN = {
    False: N_("It is frozen as it is now; the committee reads it before the checkpoint."),
    True: N_("It is frozen as it is now; the committee reads it when it records the checkpoint."),
}
# the screens whose position may hold the person's own text beside a colleague's (``mine``): the
# difficulties, the help wanted, a dropped action's reason (``bilan_texts.conflict_screen``)
CONFLICTS = (states.BILAN_DIFFICULTIES, states.BILAN_HELP, states.BILAN_REASON)


def given_back(data: dict):
    """What was typed on a conflict screen (``mine``), given back whole as it is left unkept; else None."""
    mine = data.get("mine")
    return handing_back(mine) if isinstance(mine, str) and mine.strip() else None


@dataclass(frozen=True)
class Review:
    """How far a bilan was gone through: its indicators checked, its actions reviewed, each of how many."""

    checked: int
    indicators: int
    reviewed: int
    statuses: tuple[str, ...]  # every action's state, in the plan's order


async def content_of(
    context: QualiContext, session: AsyncSession, snapshot: DossierSnapshot, report: ProgressReport, due
) -> dict:
    """The bilan as it would be sent now, from the dossier read."""
    dates = await value_dates(session, snapshot.dossier, [i.id for i in snapshot.indicators])
    return report_content(snapshot, report, dates, due.due_on, context.referential)


async def review_of(session: AsyncSession, report: ProgressReport, snapshot: DossierSnapshot) -> Review:
    """The indicators checked for this bilan, and the actions reviewed: gone through in its walk
    (« unchanged » too, as « Keep » checks a value), or updated (a value, a state, a note, in /progres
    too) since its period began: the last bilan sent, else the submission (unchanged until admissible)."""
    sent = await sent_reports(session, [snapshot.dossier.id])
    began = sent[0].sent_at if sent else snapshot.dossier.submitted_at
    actions = [a for i in snapshot.indicators for a in snapshot.actions_of(i.id)]
    walked = reviewed_ids(report, "actions")
    updated = [began is not None and as_utc(a.updated_at) > as_utc(began) for a in actions]
    reviewed = sum(1 for a, changed in zip(actions, updated, strict=True) if changed or a.id in walked)
    set_at = await value_times(session, ids := [i.id for i in snapshot.indicators])  # /progres's values too
    valued = {i for i, at in set_at.items() if began is not None and as_utc(at) > as_utc(began)}
    checked = (reviewed_ids(report) & set(ids)) | valued
    return Review(len(checked), len(ids), reviewed, tuple(a.status for a in actions))


async def current(
    context: QualiContext, session: AsyncSession
) -> tuple[Dossier, Checkpoint | None, ProgressReport | None]:
    """The followed dossier, the checkpoint to prepare for, and its bilan if started."""
    dossier = await followed_dossier(context, session)
    due = await next_checkpoint(session, dossier)
    return dossier, due, (await report_of(session, dossier.id, due.kind) if due else None)


async def editable_report(
    context: QualiContext, session: AsyncSession, kind: str | None = None
) -> tuple[Dossier, ProgressReport]:
    """The bilan being prepared (started now if it was not), refused once sent or its checkpoint closed.

    ``kind``: the checkpoint a walk or a question was opened for, so that an answer given after that bilan
    was sent, or its checkpoint closed (``bilan_closed``), is refused instead of landing in the next one.
    """
    dossier, due, _report = await current(context, session)
    if kind is None and due is None:
        raise NotYours("no interim checkpoint ahead")
    report = await draft_report(session, dossier, kind or due.kind, context.visitor.user.id, context.now())
    await checkpoint_ahead(session, dossier, report)  # the dossier held: a decision waits, or this for it
    if due is None or report.checkpoint_kind != due.kind:  # neither sent nor closed, not due first: forged
        raise NotYours(f"the {report.checkpoint_kind} bilan is not the one prepared now")
    return dossier, report


def draft_lines(context: QualiContext, view: BilanView, review: Review) -> list[str]:
    """The draft at a glance: figures, actions (how many reviewed, how many in each state), texts."""
    _ = context._
    checked = _("Indicators ({n}/{total} checked)").format(n=review.checked, total=review.indicators)
    lines = ["", "📈 " + bold(checked)]
    lines += [f"• {e(shorten(i.title, 60))} — {e(i.latest)} ({e(i.on)})" for i in view.indicators]
    reviewed = _("Actions ({n}/{total} reviewed)").format(n=review.reviewed, total=len(review.statuses))
    lines += ["", "✅ " + bold(reviewed)]
    lines += [e(action_states(context.t, list(review.statuses)))] if review.statuses else []
    lines += ["", "⚠️ " + bold(view.labels["difficulties"]), e(shorten(view.difficulties, 300))]
    lines += ["", "🤝 " + bold(view.labels["help"]), e(shorten(view.help_wanted, 300))]
    return lines


@screen(states.BILAN)
async def bilan_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """The bilan of the next interim checkpoint: being prepared, or sent."""
    _ = context._
    if (dossier := await member_dossier(context, session)).status not in FOLLOWED:
        return await earlier_cycles_screen(context, session, dossier)
    dossier, due, report = await current(context, session)
    history = history_row(context)
    if due is None:
        return Screen("📝 " + e(_("No checkpoint ahead needs a report.")), keyboard(history))
    head = "📝 " + bold(_("Checkpoint report — {event}").format(event=event_name(context.t, due.kind)))
    late, day = due.due_on < paris_today(context.now()), context.t.format_date(due.due_on)
    when = ("⏳ " if late else "") + e(_(DUE[late]).format(event=event_name(context.t, due.kind), date=day))
    if report is not None and report.status == ReportStatus.SENT:
        line = await sent_line(context.t, session, report)
        read = [(_("📄 Read"), cb.BILAN_READ.pack(report.id)), (_("📄 PDF"), cb.BILAN_PDF.pack(report.id))]
        return Screen("\n".join([head, when, "", "✅ " + e(line)]), keyboard(read, history))
    shown = report or ProgressReport(dossier_id=dossier.id, checkpoint_kind=due.kind, created_by=0)
    snapshot = await read_snapshot(session, dossier)
    view = bilan_view(context.t, await content_of(context, session, snapshot, shown, due), "", "", None)
    prepared = _("Prepared by the coop, sent by the direction to the validation committee.")
    lines = [head, when, italic(prepared)]
    lines += draft_lines(context, view, await review_of(session, shown, snapshot))
    code = CODE_OF[due.kind]  # each button names this bilan: sent meanwhile, it is said so (``CODES``)
    rows = [
        [(_("📈 Values"), cb.BILAN_VALUES.pack(code)), (_("✅ Actions"), cb.BILAN_ACTIONS.pack(code))],
        [
            (_("⚠️ Difficulties"), cb.BILAN_TEXT.pack("d", code)),
            (_("🤝 Help wanted"), cb.BILAN_TEXT.pack("h", code)),
        ],
    ]
    if context.visitor.is_direction:
        rows.append([(_("📤 Send to the committee"), cb.BILAN_SEND.pack(code))])
    elif context.visitor.coop_has_direction:
        lines += ["", italic(_("The direction sends it to the committee."))]
    else:  # nobody may send it until a direction joins: said, with whom to ask
        lines += ["", "ℹ️ " + e(_(bilan_history.NO_DIRECTION_TO_SEND))]
    return Screen("\n".join(lines), keyboard(*rows, history))


@screen(states.BILAN_SEND)
async def send_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """What sending does, said exactly."""
    _ = context._
    dossier, due, report = await current(context, session)
    if due is None or report is None or due.kind != data.get("k", due.kind):  # sent or held meanwhile
        return await bilan_screen(context, session, data)
    question = (  # the checkpoint in running text, one sentence each (its name is a title's)
        _("Send the 12-month checkpoint report to the validation committee?")
        if due.kind == "twelve_months"
        else _("Send the 6-month checkpoint report to the validation committee?")
    )
    text = "⚠️ " + e(question + " " + _(FROZEN[due.due_on < paris_today(context.now())]))
    review = await review_of(session, report, await read_snapshot(session, dossier))
    if left := left_to_review(context, review):  # said first; sending stays allowed: a bilan may go as it is
        text = "⬜ " + e(left) + "\n\n" + text
    confirm = (_("📤 Yes, send"), cb.BILAN_CONFIRM_SEND.pack(CODE_OF[due.kind]))
    return Screen(text, keyboard([confirm, cancel_button(context, cb.BILAN.pack())]))


def left_to_review(context: QualiContext, review: Review) -> str:
    """« Not reviewed yet: 7 indicators not checked, 8 actions not reviewed. » (plain text); "" if nothing."""
    t = context.t
    unchecked, unseen = review.indicators - review.checked, len(review.statuses) - review.reviewed
    said = [
        (t.ngettext("{n} indicator not checked", "{n} indicators not checked", unchecked), unchecked),
        (t.ngettext("{n} action not reviewed", "{n} actions not reviewed", unseen), unseen),
    ]
    left = [words.format(n=n) for words, n in said if n]
    return t.gettext("Not reviewed yet: {items}.").format(items=", ".join(left)) if left else ""


async def open_bilan(update: Update, context: QualiContext) -> None:
    """/bilan."""
    if not await require_member(update, context):
        return
    async with context.db.transaction() as session:
        dossier = await member_dossier(context, session)
        # a later cycle not admissible yet, or a label not granted: the bilans to read (``bilans_readable``)
        followed = dossier.status in FOLLOWED or await bilans_readable(session, context.coop_id, dossier.id)
    notice = "ℹ️ " + e(refusal(context, not_followed(dossier).code))
    if not followed:  # before admissibility there is no bilan: said, with the dossier's home
        await open_position(update, context, Position(states.HOME), notice)
        return
    refused = dossier.status == DossierStatus.REFUSED  # no follow-up: said above its bilans
    await open_position(update, context, Position(states.BILAN), notice if refused else "")


async def show(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """📝 Bilan d'étape (in a later cycle not admissible yet: the earlier cycles' bilans)."""
    dossier = await member_dossier(context, session)
    if dossier.status not in FOLLOWED:
        await earlier_cycles_screen(context, session, dossier)  # NotFollowed when there are none
    elif args and (told := await bilan_closed.reminded_step(context, session, dossier, args[0])) is not None:
        return told  # a reminder's, its bilan no longer the one to prepare
    position = await load_position(session, context.visitor.user.id)
    # « ⬅️ Back » from a text's conflict screen (or a reminder's 📝 pressed there): the text comes back
    after = given_back(position.data) if position.screen in CONFLICTS else None
    return Step(Position(states.BILAN), after=after)


async def ask_send(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """📤 Send to the committee: the direction, once the texts are written (the bilan of the screen: sent
    meanwhile, said so). Pressed again on the screen saying what is missing, the same screen: said in the
    press's answer, as Telegram leaves an identical screen as it was."""
    if not context.visitor.is_direction:
        raise NotAllowed("only the direction sends the bilan")
    _dossier, report = await editable_report(context, session, CODES[args[0]])
    if missing := missing_parts(report):  # only what is missing is asked for
        said = context._(MISSING[missing[0]] if len(missing) == 1 else MISSING[""])
        return Step(Position(states.BILAN), "⚠️ " + e(said), said=said)
    return Step(Position(states.BILAN_SEND, {"k": report.checkpoint_kind}))


async def confirm_send(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """📤 Yes, send: frozen, and the committee and the sender's colleagues are told through the outbox.

    The bilan sent is the one the question named: pressed again once it is sent, it is said sent
    (never the next checkpoint's bilan opened in its place), as it is once its checkpoint was closed.
    """
    dossier, report = await editable_report(context, session, CODES[args[0]])  # closed meanwhile: not sent
    if missing_parts(report):
        return Step(Position(states.BILAN))
    due = await held_checkpoint(session, report)  # still ahead, as read with the dossier held
    content = await content_of(context, session, await read_snapshot(session, dossier), report, due)  # now
    await send_report(session, report, context.visitor.member, content, context.now())
    team = {u.id for u in await coop_users(session, dossier.coop_id, active_only=False)}  # colleagues: below
    committee = set(await federation_ids(session, FederationRoleName.COMMITTEE)) - team  # not its own coop's
    await enqueue(session, committee, SENT_NEWS, {"report_id": report.id}, now=context.now())
    await tell_the_team(context, session, report)
    notice = "📤 " + e(context._("The report was sent to the validation committee."))
    return Step(Position(states.BILAN), notice)


def handlers() -> list:
    """/bilan, its screen and its sending."""
    return [
        CommandHandler(["bilan", "report"], open_bilan),
        button(cb.BILAN, show),
        button(cb.BILAN_SEND, while_ahead(ask_send)),
        button(cb.BILAN_CONFIRM_SEND, while_ahead(confirm_send, SENDING)),
    ]
