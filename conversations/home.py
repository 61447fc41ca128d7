"""The dossier home: the screen every step returns to."""

from __future__ import annotations

import html

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from conversations.access import require_member
from conversations.context import QualiContext
from conversations.screens import Screen, keyboard, show
from locales import N_
from models.coops import current_dossier
from models.dossiers import chosen_engagements
from models.rules import MIN_ENGAGEMENTS, selection_progress

HOME = "home"

STATUS_LABELS = {
    "draft": N_("Draft"),
    "submitted": N_("Submitted to the committee 🔒"),
}


async def home_screen(context: QualiContext) -> Screen:
    """Data and rendering of the home: the coop, the dossier's status and what is missing."""
    _ = context._
    coop = context.visitor.coop
    async with context.db.transaction() as session:
        dossier = await current_dossier(session, coop.id)
        chosen = await chosen_engagements(session, dossier.id)
    progress = selection_progress(context.referential, chosen)
    lines = [
        "🏠 <b>" + html.escape(_("Quali’Coop dossier — {coop}").format(coop=coop.name)) + "</b>",
        html.escape(
            _("Cycle {cycle} · {status}").format(
                cycle=dossier.cycle, status=_(STATUS_LABELS.get(dossier.status, dossier.status))
            )
        ),
        "",
        html.escape(
            _("Engagements: {chosen}/{minimum} minimum").format(
                chosen=progress.chosen, minimum=MIN_ENGAGEMENTS
            )
        ),
    ]
    for axis in progress.axes:
        mark = "✅" if axis.missing == 0 else "⬜"
        line = _("Axis {axis} — {chosen}/{available}").format(
            axis=axis.axis, chosen=axis.chosen, available=axis.available
        )
        if axis.missing:
            line += " " + _("({missing} more to choose)").format(missing=axis.missing)
        lines.append(f"{mark} {html.escape(line)}")
    lines += ["", html.escape(_("Choosing engagements and indicators opens here soon."))]
    return Screen("\n".join(lines), keyboard([(_("🔄 Refresh"), HOME)]))


async def open_home(update: Update, context: QualiContext) -> None:
    """/dossier and the 🏠 button: draw the home."""
    if not await require_member(update, context):
        return
    if update.callback_query is not None:
        await update.callback_query.answer()
    await show(update, await home_screen(context))


def handlers() -> list:
    """The home's handlers."""
    return [
        CommandHandler("dossier", open_home),
        CallbackQueryHandler(open_home, pattern=f"^{HOME}$"),
    ]
