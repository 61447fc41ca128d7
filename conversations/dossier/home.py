"""The dossier home (the screen every step returns to), the list of gaps and « mark ready »."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Update
from telegram.ext import CommandHandler

from conversations.dossier.gaps import GAPS
from conversations.render.formatting import status_label
from conversations.render.gaps import gap_text
from conversations.render.html import e
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, keyboard
from conversations.ui.middleware import require_member
from conversations.ui.router import Step, button, member_dossier, open_position, screen
from models.chat_state import HOME, Position, load_position
from models.dossier.reads import FOLLOWED
from models.dossier.rules import INVOLVEMENT_REQUIRED, MIN_ENGAGEMENTS, dossier_gaps, selection_progress
from models.dossier.writes import dossier_of_member, mark_ready, read_snapshot
from models.label.committee import last_decision_comment
from models.tables import DossierStatus

OPEN = (DossierStatus.DRAFT, DossierStatus.INFO_REQUESTED)  # editable, not yet marked ready
GAPS_ON_HOME = 4


@screen(HOME)
async def home_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """The coop, the dossier's status, the counters per axis and what is missing."""
    _ = context._
    coop = context.visitor.coop
    dossier = await member_dossier(context, session)
    snapshot = await read_snapshot(session, dossier)
    progress = selection_progress(context.referential, snapshot.chosen)
    gaps = dossier_gaps(context.referential, snapshot)
    status = status_label(context.t, dossier.status)
    lines = [
        "🏠 <b>" + e(_("Quali’Coop dossier — {coop}").format(coop=coop.name)) + "</b>",
        e(_("Cycle {cycle} · {status}").format(cycle=dossier.cycle, status=status)),
        "",
        e(
            _("Engagements: {chosen}/{minimum} minimum").format(
                chosen=progress.chosen, minimum=MIN_ENGAGEMENTS
            )
        ),
    ]
    for axis in progress.axes:
        line = _("Axis {axis} — {chosen}/{available}").format(
            axis=axis.axis, chosen=axis.chosen, available=axis.available
        )
        if axis.missing:
            line += " " + _("({missing} more to choose)").format(missing=axis.missing)
        lines.append(("✅ " if not axis.missing else "⬜ ") + e(line))
    complete = sum(
        1
        for code in snapshot.chosen
        if snapshot.indicators_of(code) and not any(g.engagement == code for g in gaps)
    )
    lines.append(
        e(
            _("Engagements with complete indicators: {n}/{total}").format(
                n=complete, total=len(snapshot.chosen)
            )
        )
    )
    answered = sum(1 for name in INVOLVEMENT_REQUIRED if getattr(dossier, name))
    lines.append(
        e(_("Approach and involvement: {n}/{total}").format(n=answered, total=len(INVOLVEMENT_REQUIRED)))
    )
    letter = "✅" if snapshot.has_commitment_letter else "⚠️"
    lines.append(
        e(_("Commitment letter: {mark} · documents: {n}").format(mark=letter, n=len(snapshot.attachments)))
    )
    lines.append("")
    if dossier.status == DossierStatus.INFO_REQUESTED:
        request = await last_decision_comment(session, dossier.id, "request_info")
        lines += [
            "📝 <b>" + e(_("The validation committee asks for more information:")) + "</b>",
            "« " + e(request or "—") + " »",
            "",
        ]
    if gaps:
        lines.append("⚠️ <b>" + e(_("Still missing:")) + "</b>")
        lines += ["• " + e(gap_text(context.t, snapshot, gap)) for gap in gaps[:GAPS_ON_HOME]]
        if len(gaps) > GAPS_ON_HOME:
            lines.append(e(_("… and {n} more (see « What is missing »)").format(n=len(gaps) - GAPS_ON_HOME)))
    elif dossier.status in OPEN:
        lines.append("✅ " + e(_("Everything is complete: you can mark the dossier as ready.")))
    axes = [
        (
            ("✅ " if not a.missing else "⬜ ")
            + _("Axis {axis}").format(axis=a.axis)
            + f" {a.chosen}/{a.available}",
            f"ax:{a.axis}",
        )
        for a in progress.axes
    ]
    rows = [axes[:2], axes[2:]]
    if snapshot.chosen:
        rows.append([(_("📊 Indicators and action plans"), "ov")])
    rows.append([(_("👥 Approach and involvement"), "iv")])
    rows.append([(_("📎 Documents"), "docs"), (_("📄 Review"), "rv")])
    if dossier.status in OPEN:
        rows.append([(_("📋 What is missing"), GAPS), (_("✅ Mark as ready"), f"rd:{dossier.id}")])
    if dossier.status in FOLLOWED:
        rows.append([(_("📈 My progress"), "pg"), (_("📅 Calendar"), "cal")])
    if dossier.status == DossierStatus.READY:
        rows.append([(_("📤 Submit to the committee"), f"sb:{dossier.id}")])
    return Screen("\n".join(lines), keyboard(*rows))


async def go_home(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """🏠: back home."""
    return Step(Position(HOME))


async def ready(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """✅ Mark as ready: only when every rule holds; otherwise the list of gaps."""
    dossier = await dossier_of_member(session, int(args[0]), context.visitor.coop.id)
    if dossier_gaps(context.referential, await read_snapshot(session, dossier)):
        notice = "⛔ " + e(context._("The dossier cannot be marked ready yet:"))
        return Step(Position(GAPS), notice)
    await mark_ready(session, dossier, actor_id=context.visitor.user.id, now=context.now())
    return Step(Position(HOME), "✅ " + e(context._("The dossier is marked ready to submit.")))


async def open_dossier(update: Update, context: QualiContext) -> None:
    """/dossier: the home, or the question the user left unanswered."""
    if not await require_member(update, context):
        return
    async with context.db.transaction() as session:
        position = await load_position(session, context.visitor.user.id)
    if position.screen in ("ask", "conflict"):
        await open_position(update, context, position, "↩️ " + e(context._("You were here:")))
        return
    await open_position(update, context, Position(HOME))


def handlers() -> list:
    """The home's handlers."""
    return [
        CommandHandler("dossier", open_dossier),
        button(HOME, go_home),
        button("rd", ready),
    ]
