"""/tableau: the federation's dashboard, as a chart and as text; /tableau csv: the table per coop."""

from __future__ import annotations

import asyncio
import csv
import io
import unicodedata
from datetime import date
from decimal import Decimal

from babel.numbers import get_decimal_symbol
from telegram import Update
from telegram.constants import ChatAction
from telegram.ext import CommandHandler

from conversations.federation.practices import show_engagements
from conversations.render.charts import dashboard_chart
from conversations.render.formatting import (
    event_name,
    format_percent,
    labelled,
    shorten,
    stage_lines,
    with_percent_sign,
)
from conversations.render.html import bold, code, e
from conversations.ui import callbacks as cb
from conversations.ui.context import QualiContext
from conversations.ui.messages import keyboard, reply
from conversations.ui.middleware import require_federation
from conversations.ui.router import on_button
from locales import N_, Translator
from models.clock import paris_today
from models.federation.regions import coop_region
from models.label.dashboard import (
    ENGAGEMENT_AIM,
    ENGAGEMENT_AIM_PERCENT,
    STAGE_ORDER,
    CoopLine,
    Dashboard,
    build_dashboard,
)
from models.label.meetings import next_meeting_at

# the dashboard's groups of coops (models.label.stages), in its order and words; an announcement's
# audience by stage (``sending``) and the stage of a coop writing to the federation (``inbox``) say
# them alike
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
    """A share in tenths of a percent, one decimal the user's way, never rounded up: « 79,6 % », written as
    every percentage the product shows (a no-break space before « % » in French)."""
    return format_percent(t, Decimal(permille) / 10)


def none_registered(t: Translator, board: Dashboard) -> str:
    """The federation's first days: no share to give yet, and how coops come in (HTML). Said while no
    coop has a member nor has submitted its dossier: one who joined and blocked the bot since is still
    in it, and a coop engaged counts whoever is left in it (``models.label.dashboard``)."""
    if not board.lines:
        text = t.gettext(
            "No coop in the assistant yet. Add each one with {command}: it prints the invitation links "
            "for its direction and its members."
        )
        name = t.gettext("NAME")  # the coop's name, as the command line's help writes its argument
        return "ℹ️ " + e(text).format(command=code(f"qualicoop coop add {name}"))
    text = t.gettext(
        "No coop registered in the assistant yet: a coop counts once one of its members has joined "
        "through its invitation link ({command} prints a new one), or once it has submitted its dossier."
    )
    return "ℹ️ " + e(text).format(command=code("qualicoop coop invite COOP"))


def figures(t: Translator, board: Dashboard) -> list[str]:
    """How many coops, how many registered in the assistant, how many engaged, and the aim."""
    n, active, number = len(board.lines), board.active_coops, t.format_number
    coops = t.ngettext("Coops: {n}", "Coops: {n}", n).format(n=number(n))
    registered = t.ngettext(
        "{n} registered in the assistant", "{n} registered in the assistant", active
    ).format(n=number(active))
    if board.short_of_aim is None:
        return [e(f"{coops} · {registered}"), none_registered(t, board)]
    engaged = t.ngettext(
        "Engaged: {n} of {active} coop registered in the assistant — {share}",
        "Engaged: {n} of {active} coops registered in the assistant — {share}",
        active,
    ).format(n=number(board.engaged_active), active=number(active), share=percent(t, board.engaged_permille))
    aim = percent(t, ENGAGEMENT_AIM_PERCENT * 10)
    if board.aim_met:
        reached = "✅ " + t.gettext("Aim: {aim} — met").format(aim=aim)
    else:
        reached = "🎯 " + t.ngettext(
            "Aim: {aim} — not met yet: {n} more coop to engage",
            "Aim: {aim} — not met yet: {n} more coops to engage",
            board.short_of_aim,
        ).format(aim=aim, n=number(board.short_of_aim))
    return [e(f"{coops} · {registered}"), e(engaged), e(reached)]


def dashboard_text(t: Translator, board: Dashboard) -> str:
    """The figures as text (what the chart shows, and more)."""
    lines = [
        "📊 " + bold(t.gettext("Quali’Coop dashboard")),
        "",
        *figures(t, board),
        e(
            t.gettext("Dossiers waiting for the committee: {n}").format(
                n=t.format_number(board.waiting_committee)
            )
        ),
        "",
    ]
    lines += [
        f"• {e(labelled(t, t.gettext(STAGE_LABELS[stage]), t.format_number(board.stages[stage])))}"
        for stage in STAGE_ORDER
    ]
    if board.upcoming:
        lines += ["", bold(t.gettext("Checkpoints in the next 60 days"))]
        lines += [checkpoint_line(t, board, line, c) for line, c in board.upcoming[:UPCOMING_SHOWN]]
        more = len(board.upcoming) - UPCOMING_SHOWN
        if more > 0:  # the table has every one
            more_text = t.ngettext(
                "… and {n} more: /dashboard csv lists it",
                "… and {n} more: /dashboard csv lists them all",
                more,
            )
            lines.append(e(more_text.format(n=t.format_number(more))))
    return "\n".join(lines)


def checkpoint_line(t: Translator, board: Dashboard, line, checkpoint) -> str:
    """« • 30 mai 2027 — Coop — Point d’étape à 6 mois »; one whose day has passed unrecorded says so."""
    day, name = t.format_date(checkpoint.due_on), event_name(t, checkpoint.kind)
    said = f"{e(day)} — {e(line.coop.name)} — {e(name)}"
    if board.today is not None and checkpoint.due_on < board.today:  # still to be held
        return "⏳ " + said + " — " + e(t.gettext("not recorded yet"))
    return "• " + said


# one coop's stage, as a spreadsheet cell reads (STAGE_LABELS name the dashboard's groups of coops)
COOP_STAGES = {
    "not_started": N_("No engagement chosen yet"),
    "preparing": N_("Preparing its dossier"),
    "submitted": N_("Dossier submitted"),
    "in_progress": N_("Dossier admissible or visited"),
    "labelled": N_("Label obtained"),
    "refused": N_("Candidacy not retained"),
}
FORMULA_MARKS = ("=", "+", "-", "@", "\t", "\r")  # what makes a spreadsheet read a cell as a formula
CSV_HEADERS = (
    N_("Coop"),
    N_("Region"),
    N_("Members"),
    N_("Registered in the assistant"),
    N_("Engaged (submitted once)"),  # with the column before, the share of the aim can be counted again
    N_("Stage"),
    N_("Status"),
    N_("Cycle"),
    N_("Engagements"),
    N_("Admissible on"),
    N_("Labelled on"),
    N_("Next checkpoint on"),
    N_("Next checkpoint"),
)


def without_emoji(text: str) -> str:
    """« Labellisé 🏅 » as a cell: the words only."""
    kept = "".join(c for c in text if unicodedata.category(c) != "So" and c != "\ufe0f")
    return " ".join(kept.split())


def status_cell(t: Translator, dossier, today: date) -> str:
    """The dossier's status as its home says it (a label whose three years are over: ended, not
    « Labellisé »), without the « Cycle 1 · » of its line (a column of its own), nor emoji."""
    before, _, after = t.gettext("Cycle {cycle} · {status}").partition("{status}")
    said = stage_lines(t, dossier, today)[0].removeprefix(before.format(cycle=dossier.cycle))
    return without_emoji(said.removesuffix(after.format(cycle=dossier.cycle)))


def csv_row(t: Translator, line: CoopLine, today: date) -> list:
    """One coop: plain words, yes or no, and ISO dates a spreadsheet sorts."""
    checkpoint, dossier = line.next_checkpoint, line.dossier
    return [
        as_text(line.coop.name),
        as_text(coop_region(line.coop)),  # one region, one value
        line.members,
        t.gettext("yes") if line.active else t.gettext("no"),
        t.gettext("yes") if line.engaged else t.gettext("no"),
        t.gettext(COOP_STAGES[line.stage]),
        status_cell(t, dossier, today),
        dossier.cycle,
        line.engagements,
        dossier.admissible_on.isoformat() if dossier.admissible_on else "",
        dossier.labelled_on.isoformat() if dossier.labelled_on else "",
        checkpoint.due_on.isoformat() if checkpoint else "",
        event_name(t, checkpoint.kind) if checkpoint else "",
    ]


def as_text(name: str) -> str:
    """A name as a spreadsheet's text, never its formula: « =HYPERLINK(…) » opens as typed (OWASP's
    guard, a leading apostrophe, which the spreadsheet shows)."""
    return "'" + name if name.startswith(FORMULA_MARKS) else name


def dashboard_csv(t: Translator, board: Dashboard) -> bytes:
    """One row per coop, for a spreadsheet, with a BOM: separated by « ; » where the decimal mark is a
    comma (French Excel expects it), by « , » elsewhere."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if get_decimal_symbol(t.language) == "," else ",")
    writer.writerow([t.gettext(header) for header in CSV_HEADERS])
    writer.writerows(csv_row(t, line, board.today) for line in board.lines)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


async def show_dashboard(update: Update, context: QualiContext) -> None:
    """/tableau, or /tableau csv; « ⬅️ Dashboard » under the engagements' board."""
    if not await require_federation(update, context):
        return
    if update.callback_query is not None:
        await update.callback_query.answer()
    t = context.t
    word = context.args[0].lower() if context.args else ""
    if word in ("engagements", "engagement"):  # issue 14
        await show_engagements(update, context)
        return
    as_table = word in ("csv", "xlsx", "excel")
    if word and not as_table:  # a word it does not know: said, not passed over
        said = t.gettext("/dashboard knows “engagements” and “csv”, not “{word}”: here are its figures.")
        await reply(update, "ℹ️ " + e(said.format(word=shorten(context.args[0], 40))))
    # said before the work: with many coops the counting takes a moment
    await update.effective_chat.send_action(ChatAction.UPLOAD_DOCUMENT if as_table else ChatAction.TYPING)
    async with context.db.transaction() as session:
        # the committee's next meeting, as its reminder: the dossiers waiting for it are counted alike
        meeting = next_meeting_at(context.now(), context.bot_data.committee_dates)
        board = await build_dashboard(session, paris_today(context.now()), meeting=meeting)
    if as_table:
        await update.effective_chat.send_document(dashboard_csv(t, board), filename="qualicoop-coops.csv")
        return
    by_engagement = keyboard([(t.gettext("🎯 By engagement"), cb.DASHBOARD_ENGAGEMENTS.pack())])
    if board.short_of_aim is None:  # no share to draw: a gauge at 0 % would read as a failure
        await reply(update, dashboard_text(t, board), by_engagement)
        return
    await update.effective_chat.send_action(ChatAction.UPLOAD_PHOTO)
    stages = [(t.gettext(STAGE_LABELS[stage]), board.stages[stage]) for stage in STAGE_ORDER]
    legend = {
        "engaged": t.gettext("Engaged"),
        "aim": t.gettext("Aim"),
        "percent": with_percent_sign(t, "{}"),  # as ``percent`` writes it
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
    await reply(update, dashboard_text(t, board), by_engagement)


def handlers() -> list:
    return [
        CommandHandler(["tableau", "dashboard"], show_dashboard),
        on_button(cb.DASHBOARD_ENGAGEMENTS, show_engagements),
        on_button(cb.DASHBOARD, show_dashboard),
    ]
