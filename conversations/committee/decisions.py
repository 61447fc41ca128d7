"""The validation committee: dossiers by status, decisions with a comment sent to the coop."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Update
from telegram.ext import CommandHandler

from conversations.render.formatting import event_name, shorten, status_label
from conversations.render.html import bold, e, italic
from conversations.render.notifications import DECISION
from conversations.render.pdf import render_pdf
from conversations.render.report import pdf_file_name
from conversations.render.review import review_text
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.common import back_button, cancel_button
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, keyboard, reply
from conversations.ui.middleware import require_committee
from conversations.ui.reports import dossier_report
from conversations.ui.router import Step, button, on_button, open_position, screen, text_answer
from locales import N_
from models.chat_state import Position, load_position
from models.clock import add_months, paris_today
from models.coops import coop_users
from models.dossier.reads import NotYours
from models.label.committee import dossier_with_coop, dossiers_by_status
from models.label.lifecycle import Role, Transition, allowed_transitions, apply_transition, checkpoints_of
from models.outbox import enqueue
from models.parsing.due_dates import parse_date_between
from models.parsing.text import check_text
from models.tables import CheckpointKind, Coop, Dossier, DossierStatus

CODES = {
    "ri": Transition.REQUEST_INFO,
    "ad": Transition.DECLARE_ADMISSIBLE,
    "rf": Transition.REFUSE,
    "ck": Transition.RECORD_CHECKPOINT,
    "vi": Transition.RECORD_VISIT,
    "gl": Transition.GRANT_LABEL,
    "mt": Transition.RECORD_MID_TERM,
    "rn": Transition.OPEN_RENEWAL,
}
CHECKPOINT_CODES = {"6": CheckpointKind.SIX_MONTHS, "12": CheckpointKind.TWELVE_MONTHS}
DATED = {
    Transition.DECLARE_ADMISSIBLE,
    Transition.GRANT_LABEL,
    Transition.RECORD_CHECKPOINT,
    Transition.RECORD_VISIT,
    Transition.RECORD_MID_TERM,
}
DECISIONS = {
    Transition.REQUEST_INFO: N_("📝 Ask for more information"),
    Transition.DECLARE_ADMISSIBLE: N_("✅ Declare admissible"),
    Transition.REFUSE: N_("⛔ Refuse"),
    Transition.RECORD_CHECKPOINT: N_("📍 Checkpoint held"),
    Transition.RECORD_VISIT: N_("🏠 Visit held"),
    Transition.GRANT_LABEL: N_("🏅 Grant the label"),
    Transition.RECORD_MID_TERM: N_("📍 Mid-term checkpoint held"),
    Transition.OPEN_RENEWAL: N_("🔄 Open the renewal"),
}
GROUPS = (
    (N_("Submitted"), (DossierStatus.SUBMITTED,)),
    (N_("Waiting for more information"), (DossierStatus.INFO_REQUESTED,)),
    (N_("Admissible, in progress"), (DossierStatus.ADMISSIBLE,)),
    (N_("Visited: label decision"), (DossierStatus.VISITED,)),
    (N_("Labelled"), (DossierStatus.LABELLED,)),
)


PAGE_SIZE = 20  # dossiers per page: the text and the keyboard stay within Telegram's limits


@screen(states.COMMITTEE)
async def list_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """Every followed dossier, grouped by where it stands, a page at a time."""
    _ = context._
    today = paris_today(context.now())
    rows_by_status = await dossiers_by_status(session)
    groups = [
        (title, [row for status in statuses for row in rows_by_status.get(status, [])])
        for title, statuses in GROUPS
    ]
    lines = ["🏛 " + bold(_("Validation committee"))]
    lines += [f"{e(_(title))} : {len(found)}" for title, found in groups]
    listed = [(title, row) for title, found in groups for row in found]
    pages = max(1, -(-len(listed) // PAGE_SIZE))
    page = min(max(int(data.get("page", 0)), 0), pages - 1)
    buttons, current_group = [], None
    for title, (dossier, coop, next_due) in listed[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]:
        if title != current_group:
            lines += ["", bold(_(title))]
            current_group = title
        flag = ""
        if next_due is not None and next_due[1] <= today + timedelta(days=30):
            flag = (
                " ⏰ " + e(event_name(context.t, next_due[0])) + " : " + e(context.t.format_date(next_due[1]))
            )
        lines.append(f"• {e(coop.name)} — {e(_('cycle {n}').format(n=dossier.cycle))}{flag}")
        buttons.append((shorten(coop.name, 28), cb.COMMITTEE_DOSSIER.pack(dossier.id)))
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    if pages > 1:
        lines += ["", e(_("Page {n}/{total}").format(n=page + 1, total=pages))]
        rows.append(
            ([("⬅️", cb.COMMITTEE.pack(page - 1))] if page > 0 else [])
            + ([("➡️", cb.COMMITTEE.pack(page + 1))] if page + 1 < pages else [])
        )
    return Screen("\n".join(lines), keyboard(*rows))


async def load_dossier(session: AsyncSession, dossier_id: int) -> tuple[Dossier, Coop]:
    """A dossier and its coop; NotYours when it does not exist."""
    found = await dossier_with_coop(session, dossier_id)
    if found is None:
        raise NotYours(f"no dossier {dossier_id}")
    return found


@screen(states.COMMITTEE_DOSSIER)
async def dossier_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """One dossier: status, dates, checkpoints, and the decisions possible now."""
    _ = context._
    t = context.t
    dossier, coop = await load_dossier(session, int(data["id"]))
    lines = [
        "🏛 " + bold(coop.name),
        e(_("Cycle {cycle} · {status}").format(cycle=dossier.cycle, status=status_label(t, dossier.status))),
    ]
    if dossier.admissible_on:
        lines.append(e(_("Admissible on {date}").format(date=t.format_date(dossier.admissible_on))))
    if dossier.labelled_on:
        lines.append(e(_("Labelled on {date}").format(date=t.format_date(dossier.labelled_on))))
    checkpoints = await checkpoints_of(session, dossier.id)
    for checkpoint in checkpoints:
        state = (
            ("✅ " + _("held on {date}").format(date=t.format_date(checkpoint.held_on)))
            if checkpoint.held_on
            else ("⏳ " + _("due on {date}").format(date=t.format_date(checkpoint.due_on)))
        )
        lines.append(f"• {e(event_name(t, checkpoint.kind))} — {e(state)}")
    rows = []
    for transition in allowed_transitions(DossierStatus(dossier.status), Role.COMMITTEE):
        code = next(c for c, tr in CODES.items() if tr == transition)
        if transition == Transition.RECORD_CHECKPOINT:
            for short, kind in CHECKPOINT_CODES.items():
                if any(c.kind == kind and c.held_on is None for c in checkpoints):
                    rows.append(
                        [
                            (
                                f"{_(DECISIONS[transition])} ({event_name(t, kind)})",
                                cb.DECIDE.pack(dossier.id, code, short),
                            )
                        ]
                    )
            continue
        rows.append([(_(DECISIONS[transition]), cb.DECIDE.pack(dossier.id, code))])
    rows.append(
        [
            (_("📄 Review"), cb.COMMITTEE_REVIEW.pack(dossier.id)),
            (_("📄 PDF"), cb.COMMITTEE_PDF.pack(dossier.id)),
        ]
    )
    rows.append([back_button(context, cb.COMMITTEE.pack())])
    return Screen("\n".join(lines), keyboard(*rows))


@screen(states.COMMITTEE_COMMENT)
async def comment_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    _ = context._
    _dossier, coop = await load_dossier(session, int(data["id"]))
    text = "\n".join(
        [
            f"🏛 {e(coop.name)} · {e(_(DECISIONS[Transition(data['t'])]))}",
            "",
            bold(_("Your comment for the coop?")),
            italic(_("e.g. The dossier is clear; please detail the action plan of engagement 6.")),
        ]
    )
    return Screen(text, keyboard([cancel_button(context, cb.COMMITTEE_DOSSIER.pack(data["id"]))]))


@screen(states.COMMITTEE_DAY)
async def date_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    _ = context._
    today = paris_today(context.now())
    text = "\n".join([bold(_("On which date?")), italic(_("e.g. 03/03/2027"))])
    return Screen(
        text,
        keyboard(
            [(_("✅ Today ({date})").format(date=context.t.format_date(today)), cb.DECIDE_TODAY.pack())],
            [cancel_button(context, cb.COMMITTEE_DOSSIER.pack(data["id"]))],
        ),
    )


@screen(states.COMMITTEE_CONFIRM)
async def confirm_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """What will be decided and told to the coop."""
    _ = context._
    dossier, coop = await load_dossier(session, int(data["id"]))
    members = await coop_users(session, coop.id)
    lines = ["🏛 " + bold(coop.name), e(_(DECISIONS[Transition(data["t"])]))]
    if data.get("day"):
        lines.append(e(context.t.format_date(date.fromisoformat(data["day"]), "full")))
    lines += [
        "",
        "« " + e(data.get("comment", "")) + " »",
        "",
        e(_("{n} member(s) of the coop will be told, each in their language.").format(n=len(members))),
    ]
    return Screen(
        "\n".join(lines),
        keyboard(
            [
                (_("✅ Confirm"), cb.CONFIRM_DECISION.pack()),
                cancel_button(context, cb.COMMITTEE_DOSSIER.pack(dossier.id)),
            ]
        ),
    )


async def open_list(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """The list, at a page (⬅️ ➡️)."""
    return Step(Position(states.COMMITTEE, {"page": int(args[0]) if args else 0}))


async def open_dossier(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    dossier, _coop = await load_dossier(session, int(args[0]))
    return Step(Position(states.COMMITTEE_DOSSIER, {"id": dossier.id}))


async def start_decision(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """A decision button: first the comment for the coop."""
    dossier, _coop = await load_dossier(session, int(args[0]))
    transition = CODES[args[1]]
    if transition not in allowed_transitions(DossierStatus(dossier.status), Role.COMMITTEE):
        return Step(
            Position(states.COMMITTEE_DOSSIER, {"id": dossier.id}),
            "⚠️ " + e(context._("This decision is no longer possible: the dossier has moved on.")),
        )
    data = {"id": dossier.id, "t": transition.value}
    if transition == Transition.RECORD_CHECKPOINT:
        data["ck"] = CHECKPOINT_CODES[args[2]].value
    return Step(Position(states.COMMITTEE_COMMENT, data))


@text_answer(states.COMMITTEE_COMMENT)
async def take_comment(context: QualiContext, session: AsyncSession, data: dict, text: str) -> Step:
    """The comment, then the date (for dated decisions) or the confirmation."""
    if not context.visitor.is_committee:
        raise NotYours("no longer on the committee")
    comment = check_text(text, max_length=2000)
    following = states.COMMITTEE_DAY if Transition(data["t"]) in DATED else states.COMMITTEE_CONFIRM
    return Step(Position(following, {**data, "comment": comment}))


@text_answer(states.COMMITTEE_DAY)
async def take_date(context: QualiContext, session: AsyncSession, data: dict, text: str) -> Step:
    """A typed date: past dates are normal here (a checkpoint held last week)."""
    if not context.visitor.is_committee:
        raise NotYours("no longer on the committee")
    today = paris_today(context.now())
    # decisions are often recorded after the fact, even a past cycle's: ten years back, a month ahead at most
    day = parse_date_between(text, context.t.language, add_months(today, -120), add_months(today, 1))
    return Step(Position(states.COMMITTEE_CONFIRM, {**data, "day": day.isoformat()}))


async def use_today(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    position = await load_position(session, context.visitor.user.id)
    if position.screen != states.COMMITTEE_DAY:
        return Step(Position(states.COMMITTEE))
    return Step(
        Position(states.COMMITTEE_CONFIRM, {**position.data, "day": paris_today(context.now()).isoformat()})
    )


async def confirm(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """✅ Confirm: apply the decision, then tell every member of the coop."""
    position = await load_position(session, context.visitor.user.id)
    if position.screen != states.COMMITTEE_CONFIRM:
        return Step(Position(states.COMMITTEE))
    data = position.data
    dossier, coop = await load_dossier(session, int(data["id"]))
    transition = Transition(data["t"])
    day = date.fromisoformat(data["day"]) if data.get("day") else None
    result = await apply_transition(
        session,
        dossier,
        transition,
        role=Role.COMMITTEE,
        actor_id=context.visitor.user.id,
        comment=data.get("comment", ""),
        on_date=day,
        checkpoint=data.get("ck"),
        now=context.now(),
    )
    members = await coop_users(session, coop.id)
    # told through the outbox, in this same transaction as the decision: never lost
    await enqueue(
        session,
        [m.id for m in members],
        DECISION,
        {
            "transition": transition.value,
            "date": (day or paris_today(context.now())).isoformat(),
            "cycle": result.cycle,
            "comment": data.get("comment", ""),
        },
        now=context.now(),
    )
    notice = "✅ " + e(context._("Decision recorded and sent to {coop}.").format(coop=coop.name))
    return Step(Position(states.COMMITTEE_DOSSIER, {"id": dossier.id}), notice)


async def open_committee(update: Update, context: QualiContext) -> None:
    """/comite: the list of dossiers."""
    if not await require_committee(update, context):
        return
    await open_position(update, context, Position(states.COMMITTEE))


async def committee_review(update: Update, context: QualiContext) -> None:
    """📄 Review / PDF of a coop's dossier, for the committee."""
    if not await require_committee(update, context):
        return
    query = update.callback_query
    await query.answer()
    kind, dossier_id = query.data.split(":")
    async with context.db.transaction() as session:
        _dossier, coop = await load_dossier(session, int(dossier_id))
        report = await dossier_report(context, session, coop)
    if kind == "cmr":
        await reply(
            update,
            review_text(report),
            keyboard([back_button(context, cb.COMMITTEE_DOSSIER.pack(dossier_id))]),
        )
        return
    content = await asyncio.to_thread(render_pdf, report)
    await update.effective_chat.send_document(content, filename=pdf_file_name(report))


def handlers() -> list:
    """The committee's commands and buttons (every one checks the committee role)."""
    return [
        CommandHandler(["comite", "committee"], open_committee),
        button(cb.COMMITTEE, open_list, require_committee),
        button(cb.COMMITTEE_DOSSIER, open_dossier, require_committee),
        button(cb.DECIDE, start_decision, require_committee),
        button(cb.DECIDE_TODAY, use_today, require_committee),
        button(cb.CONFIRM_DECISION, confirm, require_committee),
        on_button(cb.COMMITTEE_REVIEW, committee_review),
        on_button(cb.COMMITTEE_PDF, committee_review),
    ]
