"""/parametres: the member's language and whether they receive the federation's announcements."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from conversations.onboarding import LANGUAGE_NAMES, language_keyboard
from conversations.render.html import e
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, keyboard, reply, show
from models.announcements import set_announcements


def settings_screen(context: QualiContext) -> Screen:
    """The current choices and a button to change each."""
    _ = context._
    user = context.visitor.user
    state = _("on ✅") if user.announcements else _("off")
    text = "\n".join(
        [
            "⚙️ <b>" + e(_("Settings")) + "</b>",
            "",
            e(_("Language: {language}").format(language=LANGUAGE_NAMES[context.t.language])),
            e(_("Federation announcements (VisioCoop, seminars): {state}").format(state=state)),
            "<i>"
            + e(_("The reminders of your dossier's checkpoints always come: they are part of the label."))
            + "</i>",
        ]
    )
    toggle = _("🔕 Stop the announcements") if user.announcements else _("🔔 Receive the announcements")
    return Screen(
        text,
        keyboard([(toggle, f"set:an:{0 if user.announcements else 1}")], [(_("🌐 Language"), "set:lang")]),
    )


async def open_settings(update: Update, context: QualiContext) -> None:
    """/parametres."""
    screen = settings_screen(context)
    await reply(update, screen.text, screen.keyboard)


async def change(update: Update, context: QualiContext) -> None:
    """A settings button."""
    query = update.callback_query
    await query.answer()
    if query.data == "set:lang":
        await reply(update, e(context._("Which language do you prefer?")), language_keyboard())
        return
    enabled = query.data.endswith(":1")
    async with context.db.transaction() as session:
        await set_announcements(session, context.visitor.user.id, enabled)
    context.visitor.user.announcements = enabled
    await show(update, settings_screen(context))


def handlers() -> list:
    return [
        CommandHandler(["parametres", "settings"], open_settings),
        CallbackQueryHandler(change, pattern=r"^set:(an:[01]|lang)$"),
    ]
