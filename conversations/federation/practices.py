"""The federation's dashboard, engagement by engagement: how many coops chose it, the indicators
most used and the progress toward targets of the coops that share them (never fewer than 3)."""

from __future__ import annotations

from telegram import Update

from conversations.render.commitments.practices import board_text
from conversations.ui import callbacks as cb
from conversations.ui.context import QualiContext
from conversations.ui.messages import keyboard, reply
from conversations.ui.middleware import require_federation
from models.dossier.practices import engagement_board


async def show_engagements(update: Update, context: QualiContext) -> None:
    """🎯 By engagement (the dashboard's button, or /tableau engagements)."""
    if not await require_federation(update, context):
        return
    if update.callback_query is not None:
        await update.callback_query.answer()
    codes = [engagement.code for engagement in context.referential.engagements]
    async with context.db.transaction() as session:
        board = await engagement_board(session, codes)
    back = keyboard([(context._("⬅️ Dashboard"), cb.DASHBOARD.pack())])  # its figures, drawn again below
    await reply(update, board_text(context.t, context.referential, board), back)
