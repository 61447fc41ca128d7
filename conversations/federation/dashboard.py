"""/tableau: the federation's dashboard, as a chart and as text; /tableau csv: the table per coop."""

from __future__ import annotations

import asyncio
import csv
import io

from telegram import Update
from telegram.constants import ChatAction
from telegram.ext import CommandHandler

from conversations.federation.practices import show_engagements
from conversations.render.charts import dashboard_chart
from conversations.render.formatting import event_name, labelled, status_label
from conversations.render.html import bold, e
from conversations.ui import callbacks as cb
from conversations.ui.context import QualiContext
from conversations.ui.messages import keyboard, reply
from conversations.ui.middleware import require_federation
from conversations.ui.router import on_button
from locales import N_, Translator
from models.clock import paris_today
from models.label.dashboard import (
    ENGAGEMENT_AIM,
    ENGAGEMENT_AIM_PERCENT,
    STAGE_ORDER,
    Dashboard,
    build_dashboard,
)

STAGE_LABELS = {
    "not_started": N_("Not started"),
    "preparing": N_("Preparing their dossier"),
    "submitted": N_("Dossier submitted"),
    "in_progress": N_("Admissible or visited, in progress"),  # /comite shows the two apart
    "labelled": N_("Labelled"),
    "refused": N_("Not retained"),  # the committee’s word, as in /comite
}


UPCOMING_SHOWN = 20


def percent(t: Translator, permille: int) -> str:
    """A share in tenths of a percent, one decimal the user's way, never rounded up: « 79,6 % »."""
    number = t.format_number(permille / 10, "#,##0.#")
    return number + ("\u202f%" if t.language == "fr" else "%")


def figures(t: Translator, board: Dashboard) -> list[str]:
    """How many coops, how many registered in the assistant, how many engaged, and the aim."""
    n, active = len(board.lines), board.active_coops
    coops = t.ngettext("Coops: {n}", "Coops: {n}", n).format(n=n)
    registered = t.ngettext(
        "{n} registered in the assistant", "{n} registered in the assistant", active
    ).format(n=active)
    engaged = t.ngettext(
        "Engaged: {n} of {active} coop registered in the assistant — {share}",
        "Engaged: {n} of {active} coops registered in the assistant — {share}",
        active,
    ).format(n=board.engaged_active, active=active, share=percent(t, board.engaged_permille))
    aim = percent(t, ENGAGEMENT_AIM_PERCENT * 10)
    if board.aim_met:
        reached = "✅ " + t.gettext("Aim: {aim} — met").format(aim=aim)
    else:
        reached = "🎯 " + t.ngettext(
            "Aim: {aim} — not met yet: {n} more coop to engage",
            "Aim: {aim} — not met yet: {n} more coops to engage",
            board.short_of_aim,
        ).format(aim=aim, n=board.short_of_aim)
    return [e(f"{coops} · {registered}"), e(engaged), e(reached)]


def dashboard_text(t: Translator, board: Dashboard) -> str:
    """The figures as text (what the chart shows, and more)."""
    lines = [
        "📊 " + bold(t.gettext("Quali’Coop dashboard")),
        "",
        *figures(t, board),
        e(t.gettext("Dossiers waiting for the committee: {n}").format(n=board.waiting_committee)),
        "",
    ]
    lines += [
        f"• {e(labelled(t, t.gettext(STAGE_LABELS[stage]), str(board.stages[stage])))}"
        for stage in STAGE_ORDER
    ]
    if board.upcoming:
        lines += ["", bold(t.gettext("Checkpoints in the next 60 days"))]
        lines += [checkpoint_line(t, board, line, c) for line, c in board.upcoming[:UPCOMING_SHOWN]]
        more = len(board.upcoming) - UPCOMING_SHOWN
        if more > 0:
            lines.append(e(t.ngettext("… and {n} more", "… and {n} more", more).format(n=more)))
    return "\n".join(lines)


def checkpoint_line(t: Translator, board: Dashboard, line, checkpoint) -> str:
    """« • 30 mai 2027 — Coop — Point d’étape à 6 mois »; one whose day has passed unrecorded says so."""
    day, name = t.format_date(checkpoint.due_on), event_name(t, checkpoint.kind)
    said = f"{e(day)} — {e(line.coop.name)} — {e(name)}"
    if board.today is not None and checkpoint.due_on < board.today:  # still to be held
        return "⏳ " + said + " — " + e(t.gettext("not recorded yet"))
    return "• " + said


def dashboard_csv(t: Translator, board: Dashboard) -> bytes:
    """One row per coop, for a spreadsheet (semicolons and a BOM, as French Excel expects)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(
        [
            t.gettext(h)
            for h in (
                N_("Coop"),
                N_("Region"),
                N_("Members"),
                N_("Stage"),
                N_("Status"),
                N_("Cycle"),
                N_("Engagements"),
                N_("Admissible on"),
                N_("Labelled on"),
                N_("Next checkpoint"),
            )
        ]
    )
    for line in board.lines:
        checkpoint = line.next_checkpoint
        writer.writerow(
            [
                line.coop.name,
                line.coop.region or "",
                line.members,
                t.gettext(STAGE_LABELS[line.stage]),
                status_label(t, line.dossier.status),
                line.dossier.cycle,
                line.engagements,
                line.dossier.admissible_on.isoformat() if line.dossier.admissible_on else "",
                line.dossier.labelled_on.isoformat() if line.dossier.labelled_on else "",
                f"{checkpoint.due_on.isoformat()} {event_name(t, checkpoint.kind)}" if checkpoint else "",
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


async def show_dashboard(update: Update, context: QualiContext) -> None:
    """/tableau, or /tableau csv."""
    if not await require_federation(update, context):
        return
    t = context.t
    if context.args and context.args[0].lower() in ("engagements", "engagement"):  # issue 14
        await show_engagements(update, context)
        return
    async with context.db.transaction() as session:
        board = await build_dashboard(session, paris_today(context.now()))
    if context.args and context.args[0].lower() in ("csv", "xlsx", "excel"):
        await update.effective_chat.send_document(dashboard_csv(t, board), filename="qualicoop-coops.csv")
        return
    await update.effective_chat.send_action(ChatAction.UPLOAD_PHOTO)
    stages = [(t.gettext(STAGE_LABELS[stage]), board.stages[stage]) for stage in STAGE_ORDER]
    legend = {
        "engaged": t.gettext("Engaged"),
        "aim": t.gettext("Aim"),
        "percent": "{}\u202f%" if t.language == "fr" else "{}%",
    }
    image = await asyncio.to_thread(
        dashboard_chart,
        stages,
        board.engaged_permille
        // 10
        / 100,  # whole percents rounded down: the chart never shows the aim unmet as met
        ENGAGEMENT_AIM,
        t.gettext("Quali’Coop dashboard"),
        legend,
    )
    await update.effective_chat.send_photo(image)
    by_engagement = keyboard([(t.gettext("🎯 By engagement"), cb.DASHBOARD_ENGAGEMENTS.pack())])
    await reply(update, dashboard_text(t, board), by_engagement)


def handlers() -> list:
    return [
        CommandHandler(["tableau", "dashboard"], show_dashboard),
        on_button(cb.DASHBOARD_ENGAGEMENTS, show_engagements),
    ]
