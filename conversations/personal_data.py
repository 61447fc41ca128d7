"""Personal data: /mesdonnees sends everything stored about the visitor, /supprimer erases it.

Erasing asks first and says exactly what happens; it writes no chat position afterwards (that
would store the person again), and the last direction member of a coop is warned.
"""

from __future__ import annotations

import asyncio

from telegram import Update
from telegram.constants import ChatAction
from telegram.ext import CommandHandler

from conversations.render.commitments.personal_data import export_json, export_text
from conversations.render.html import bold, e
from conversations.ui import callbacks as cb
from conversations.ui.common import cancel_button
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, keyboard, reply, show
from conversations.ui.router import on_button
from locales import N_
from models.privacy.erase import erase_person, last_direction_of
from models.privacy.export import personal_rows

ERASE_POINTS = (
    N_(
        "Your account, your name and your username are removed, with your settings and your place in "
        "the conversation."
    ),
    N_("Your contributions to the dossier stay: they are attributed to « former member »."),
    N_(
        "Your answers to closed consultations stay, anonymous (an answer to one still open is withdrawn: "
        "you may answer it again); your messages to the federation stay in your coop's requests, "
        "attributed to « former member »."
    ),
    N_(
        "This cannot be undone. To join your coop again, open its invitation link (or ask its direction "
        "for one): you will join as a new member, without what was erased."
    ),
)


async def send_my_data(update: Update, context: QualiContext) -> None:
    """/mesdonnees: a JSON file and a readable text with every row about the visitor."""
    user_id, now = context.visitor.user.id, context.now()
    await update.effective_chat.send_action(ChatAction.UPLOAD_DOCUMENT)
    async with context.db.transaction() as session:
        rows = await personal_rows(session, user_id)
    text = await asyncio.to_thread(export_text, context.t, user_id, rows, now)
    await reply(update, "🔐 " + e(context._("Here is everything the assistant stores about you.")))
    await update.effective_chat.send_document(
        export_json(user_id, rows, now), filename="qualicoop-my-data.json"
    )
    await update.effective_chat.send_document(text, filename="qualicoop-my-data.txt")


def erase_screen(context: QualiContext, last_direction_of_coop: str | None) -> Screen:
    """The confirmation: what happens, said exactly, and the warning of a last direction member."""
    _ = context._
    lines = ["⚠️ " + bold(_("Erase your personal data?")), ""]
    lines += ["• " + e(_(point)) for point in ERASE_POINTS]
    if last_direction_of_coop:
        warning = _(
            "You are the last member of the direction of {coop}: nobody will be able to submit the dossier, "
            "provide the commitment letter or send a checkpoint report until the federation invites a new "
            "direction."
        ).format(coop=last_direction_of_coop)
        lines += ["", "🚨 " + e(warning)]
    confirm = (_("🗑 Yes, erase my data"), cb.ERASE_CONFIRM.pack(1))
    return Screen("\n".join(lines), keyboard([confirm], [cancel_button(context, cb.ERASE_CONFIRM.pack(0))]))


async def ask_erase(update: Update, context: QualiContext) -> None:
    """/supprimer: the confirmation first."""
    async with context.db.transaction() as session:
        coop = await last_direction_of(session, context.visitor.user.id)
    screen = erase_screen(context, coop.name if coop else None)
    await reply(update, screen.text, screen.keyboard)


async def erase(update: Update, context: QualiContext) -> None:
    """🗑 Yes, erase my data (or Cancel): nothing is written about the person after this."""
    query = update.callback_query
    try:
        (confirmed,) = cb.ERASE_CONFIRM.unpack(query.data)
    except ValueError:
        confirmed = 0
    await query.answer()
    if not confirmed:
        await show(update, Screen("✅ " + e(context._("Nothing was erased."))))
        return
    goodbye = context._(
        "Your personal data is erased. Goodbye! The messages of this chat stay in your Telegram app: you "
        "can delete the chat there."
    )
    async with context.db.transaction() as session:
        await erase_person(session, context.visitor.user.id, context.now())
    await show(update, Screen("✅ " + e(goodbye)))


def handlers() -> list:
    """/mesdonnees, /supprimer and its confirmation."""
    return [
        CommandHandler(["mesdonnees", "mydata"], send_my_data),
        CommandHandler(["supprimer", "erase"], ask_erase),
        on_button(cb.ERASE_CONFIRM, erase),
    ]
