"""/parametres: the visitor's language and, for a coop's member, whether they receive the federation's
announcements."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Update
from telegram.ext import CommandHandler

from conversations.render.html import bold, e, italic
from conversations.ui import callbacks as cb
from conversations.ui.common import (
    LANGUAGE_NAMES,
    back_button,
    home_button,
    language_keyboard,
    nav_row,
    speak,
)
from conversations.ui.context import QualiContext
from conversations.ui.left import with_left
from conversations.ui.messages import Screen, keyboard, reply, show
from conversations.ui.router import on_button, open_position, screen
from locales import SUPPORTED_LANGUAGES
from models.announcements import set_announcements

SETTINGS_SCREEN = "settings"  # declared here, its one journey


def settings_screen(context: QualiContext) -> Screen:
    """The current choices and a button to change each: the announcements only for a coop's member
    (they go to coops' teams alone)."""
    _ = context._
    user, member = context.visitor.user, context.visitor.coop is not None
    lines = [
        "⚙️ " + bold(_("Settings")),
        "",
        e(_("Language: {language}").format(language=LANGUAGE_NAMES[context.t.language])),
    ]
    rows = [[(_("🌐 Language"), cb.SETTINGS_LANGUAGE.pack())]]
    if member:
        state = _("on ✅") if user.announcements else _("off")
        lines += [
            e(_("Federation announcements (VisioCoop, seminars): {state}").format(state=state)),
            italic(_("The reminders of your dossier’s checkpoints always come: they are part of the label.")),
        ]
        toggle = _("🔕 Stop the announcements") if user.announcements else _("🔔 Receive the announcements")
        rows = [[(toggle, cb.SETTINGS_ANNOUNCEMENTS.pack(0 if user.announcements else 1))], *rows]
        rows.append(nav_row(context))  # a member's way home
    return Screen("\n".join(lines), keyboard(*rows))


@screen(SETTINGS_SCREEN)
async def settings_at(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """The settings, as a member's saved screen."""
    return settings_screen(context)


async def open_settings(update: Update, context: QualiContext) -> None:
    """/parametres: for a coop's member, the chat's live menu (the one before loses its buttons, a text
    typed next points at these), keeping the trace of a question the command left (``ui.left``); a plain
    message for anyone else, whose place the command does not move."""
    if context.visitor.coop is None:
        shown = settings_screen(context)
        await reply(update, shown.text, shown.keyboard)
        return
    await open_position(update, context, with_left(context, SETTINGS_SCREEN))


async def offer_languages(update: Update, context: QualiContext) -> None:
    """🌐 Language: the language buttons, in place of the settings, with the way back to them and home."""
    await update.callback_query.answer()
    way_back = [back_button(context, cb.SETTINGS.pack())]
    way_back += [home_button(context)] if context.visitor.coop is not None else []
    keys = language_keyboard(way_back, choose=cb.SETTINGS_CHOOSE_LANGUAGE)
    await show(update, Screen(e(context._("Which language do you prefer?")), keys))


async def back_to_settings(update: Update, context: QualiContext) -> None:
    """« ⬅️ Back » from the language buttons: the settings again."""
    await update.callback_query.answer()
    await show(update, settings_screen(context))


async def choose_language(update: Update, context: QualiContext) -> None:
    """A language chosen from the settings: stored (``speak``, as /language stores it), and the settings
    shown again in it."""
    query = update.callback_query
    (language,) = cb.SETTINGS_CHOOSE_LANGUAGE.unpack(query.data)
    await query.answer()
    if language not in SUPPORTED_LANGUAGES:
        return
    await speak(context, language)
    screen = settings_screen(context)
    notice = "✅ " + e(context._("The assistant now speaks English."))
    await show(update, Screen(f"{notice}\n\n{screen.text}", screen.keyboard))


async def toggle_announcements(update: Update, context: QualiContext) -> None:
    """🔔 / 🔕: receive the federation's announcements or not."""
    query = update.callback_query
    try:
        (enabled,) = cb.SETTINGS_ANNOUNCEMENTS.unpack(query.data)
    except ValueError:
        await query.answer()
        return
    await query.answer()
    async with context.db.transaction() as session:
        await set_announcements(session, context.visitor.user.id, bool(enabled))
    context.visitor.user.announcements = bool(enabled)
    await show(update, settings_screen(context))


def handlers() -> list:
    """The settings command and its buttons."""
    return [
        CommandHandler(["parametres", "settings"], open_settings),
        on_button(cb.SETTINGS_ANNOUNCEMENTS, toggle_announcements),
        on_button(cb.SETTINGS_LANGUAGE, offer_languages),
        on_button(cb.SETTINGS, back_to_settings),
        on_button(cb.SETTINGS_CHOOSE_LANGUAGE, choose_language),
    ]
