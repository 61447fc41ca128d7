"""The webhook's updates, from Telegram's post to their reply sent: none lost when an instance dies.

``bot.web.webhook`` keeps each update it accepts (``models.operations.inbox``) before answering
« ok »; ``QualiApplication`` marks it « handled, reply owed » in the transaction that stores its work
(``models.sql.handling``), and once it is answered, the beat removes it with the others answered
since (``answered``, ``forget_answered``: no commit of its own on the update's path; a clean stop
removes the rest). One that stores nothing is removed once handled; a paste's part, with its work (the
paste's judging answers it: ``models.sql.handling.no_reply_owed``). ``replay_job`` hands the updates of
an instance that is gone (killed, or stopped before its queue was empty) to this one: one not handled
is handled here; one handled there, its reply maybe lost with the instance, is not handled again: its
sender is shown where they are now (``ui.menus.show_where_they_are``, as after polling's restart), once,
unless they wrote since (then they were answered). A kill in the seconds between a reply and the beat
shows them where they are once more, harmlessly. A polled update is confirmed to Telegram once handled
(``bot.updates.polling``), its number recorded with its work. An update its sender wrote after is no
longer handled: what it carried is said to them as not taken (``overtaken``), named.
"""

from __future__ import annotations

import json
import logging

from telegram import Message, Sticker, Update
from telegram.ext import Application, ContextTypes

from bot.errors import database_away
from bot.logs import one_line
from bot.updates.polling import typed_or_sent
from conversations.ui.context import Overtaken
from conversations.ui.menus import show_where_they_are
from conversations.ui.messages import PrivateChat
from conversations.ui.middleware import context_for_user
from locales import N_
from models.clock import utcnow
from models.operations.inbox import (
    Orphan,
    forget_answered,
    forget_handled,
    owe_reply,
    record_handled,
    take_orphans,
)
from models.parsing.text import typed_text
from models.sql.handling import HANDLING, HandlingMark

log = logging.getLogger("qualicoop.web")


class QualiApplication(Application):
    """PTB's Application, which also marks each kept update handled with its work, and forgets it once
    answered (or handled, when it wrote nothing)."""

    async def process_update(self, update: object) -> None:
        """Handle the update; a kept or polled one carries its mark « handled » into its first work."""
        kept, polled = self.bot_data.kept_updates, self.bot_data.polled
        number = getattr(update, "update_id", None)
        if polled is not None and number in polled.in_hand:
            await self._handle_polled(update, number)
            return
        if number not in kept:
            await super().process_update(update)
            return
        kept.discard(number)
        me = self.bot_data.sending.me
        mark = HandlingMark(lambda session: owe_reply(session, number, me, mark.reply_owed))
        token = HANDLING.set(mark)
        try:
            await super().process_update(update)
        finally:
            HANDLING.reset(token)
            if mark.done and mark.reply_owed:  # answered (or the failure said): forgotten at the next beat
                self.bot_data.answered.add(number)
            elif not mark.done:  # it wrote nothing (a menu shown), or failed: handled all the same
                await _forget(self, number)

    async def stop(self) -> None:
        """Stop once the updates in hand are handled; those answered since the last beat are forgotten
        then: a clean stop owes nobody a reply."""
        await super().stop()
        if self.bot_data.answered:
            try:
                async with self.bot_data.database.transaction() as session:
                    await forget_answered(session, self.bot_data.answered, self.bot_data.sending.me)
            except Exception as error:  # their senders are shown where they are by the next instance
                log.warning("the updates answered last could not be forgotten: %s", one_line(error))

    async def _handle_polled(self, update: Update, number: int) -> None:
        """A polled update; what a person typed or sent has its number recorded with its first written
        work (``bot.updates.polling``)."""
        clock = self.bot_data.clock
        mark = HandlingMark(lambda session: record_handled(session, number, clock()), optional=True)
        polled = self.bot_data.polled
        again = number in polled.resumed  # handled before a kill: shown where they are (ui.menus)
        token = HANDLING.set(mark) if typed_or_sent(update) and not again else None
        try:
            await super().process_update(update)
        finally:
            if token is not None:
                HANDLING.reset(token)
            polled.resumed.discard(number)
            polled.handled(number)  # Telegram may be told at the next getUpdates


async def _forget(application: Application, number: int) -> None:
    """Mark a kept update handled on its own; if the database fails, tried again at the next beat. The
    database away is one line per update (not one a beat, nor a traceback); another error, a bug, its
    traceback at each try."""
    services = application.bot_data
    try:
        async with services.database.transaction() as session:
            await forget_handled(session, number, services.sending.me)
    except Exception as error:  # handled again only if this instance dies before the database is back
        if not await database_away(services, error):
            log.exception("update %s handled, but could not be marked so yet", number)
        elif number not in services.unforgotten:
            why = one_line(error)  # no SQL
            log.warning(
                "update %s handled, but could not be marked so yet, the database does not answer: %s",
                number,
                why,
            )
        services.unforgotten.add(number)
        return
    if number in services.unforgotten:
        log.info("update %s marked handled at last", number)
        services.unforgotten.discard(number)


async def replay_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Handle here the updates an instance that is gone had received and not handled."""
    application = context.application
    services = application.bot_data
    for number in list(services.unforgotten):  # handled here while the database was away
        await _forget(application, number)
    answered, me = set(services.answered), services.sending.me
    async with services.database.transaction() as session:
        await forget_answered(session, answered, me)
        orphans = await take_orphans(session, me, utcnow(), services.sending.duration)
    services.answered -= answered
    for orphan in orphans:
        if orphan.reply_owed:
            await reply_owed(application, orphan)
            continue
        update = Update.de_json(json.loads(orphan.body), application.bot)
        if orphan.overtaken:  # its sender wrote again since: given back, not taken (ui.middleware)
            services.overtaken_updates[orphan.update_id] = overtaken(update.message)
        services.kept_updates.add(orphan.update_id)
        log.warning(
            "update %s was left unhandled by an instance that is gone: %s here",
            orphan.update_id,
            "given back" if orphan.overtaken else "handled",
        )
        await application.update_queue.put(update)


async def reply_owed(application: Application, orphan: Orphan) -> None:
    """An update an instance that is gone handled, its reply maybe lost with it: its sender shown where
    they are now, unless they wrote since; forgotten at the next beat, shown or not (once)."""
    application.bot_data.answered.add(orphan.update_id)
    if orphan.overtaken or orphan.sender is None:  # answered since: by their later messages
        log.info("update %s was handled by an instance gone; its sender wrote since", orphan.update_id)
        return
    log.warning(
        "update %s was handled by an instance that is gone, its reply maybe lost: its sender is shown "
        "where they are",
        orphan.update_id,
    )
    try:
        context = await context_for_user(application, orphan.sender)
        if context is not None and context.visitor is not None:  # (erased since: nobody to tell)
            await show_where_they_are(PrivateChat.of(application.bot, orphan.sender), context)
    except Exception as error:  # blocked, or Telegram away: their next message finds where they are
        log.warning("could not show %s where they are: %s", orphan.sender, one_line(error))


# ---- what an update overtaken by its sender's next one carried, said to them (ui.middleware) ----

OVERTAKEN = N_(
    "This message reached me late, while I was restarting, after the ones you sent next: "
    "it was not taken as an answer."
)
FILE_OVERTAKEN = N_(
    "The file “{name}” reached me late, while I was restarting, after the messages you sent next: "
    "it was not saved. Please send it again if it is still needed."
)
UNNAMED_FILE_OVERTAKEN = N_(
    "Your file reached me late, while I was restarting, after the messages you sent next: "
    "it was not saved. Please send it again if it is still needed."
)
PHOTO_OVERTAKEN = N_(
    "The photo reached me late, while I was restarting, after the messages you sent next: "
    "it was not saved. Please send it again if it is still needed."
)
# the other things a message carries, by the attribute Telegram gives them in, named as the sender's app
# showed them; what the bot could keep is asked as a file (as a screen waiting for a file asks), what it
# cannot read as words to write
MEDIA_OVERTAKEN = {
    "voice": N_(
        "Your voice note ({about}) reached me late, while I was restarting, after the messages you sent "
        "next: it was not taken into account. If it is still needed, please write what it said."
    ),
    "video_note": N_(
        "Your video message ({about}) reached me late, while I was restarting, after the messages you "
        "sent next: it was not taken into account. If it is still needed, please write what it said."
    ),
    "video": N_(
        "Your video ({about}) reached me late, while I was restarting, after the messages you sent next: "
        "it was not saved. If it is still needed, please send it again as a file."
    ),
    "audio": N_(
        "Your audio file ({about}) reached me late, while I was restarting, after the messages you sent "
        "next: it was not saved. If it is still needed, please send it again as a file."
    ),
    "animation": N_(
        "Your GIF ({about}) reached me late, while I was restarting, after the messages you sent next: "
        "it was not taken into account."
    ),
    "sticker": N_(
        "Your sticker {about} reached me late, while I was restarting, after the messages you sent next: "
        "it was not taken into account."
    ),
}


def overtaken(message: Message | None) -> Overtaken | None:
    """What is said of a message handled too late: a text comes back whole, a file, a photo, a voice
    note… is named as its sender's app showed it (a caption back whole); a press or a command: None."""
    if message is None or (message.text or "").startswith("/"):
        return None
    text = typed_text(message.text, message.entities)  # given back as typed: a link keeps its address
    given = text or typed_text(message.caption, message.caption_entities)
    for kind, why in MEDIA_OVERTAKEN.items():  # before the document: a GIF comes as both
        about = named(getattr(message, kind))
        if about:
            return Overtaken(why, {"about": about}, given)
    if message.photo:
        return Overtaken(PHOTO_OVERTAKEN, text=given)
    if message.document is not None and message.document.file_name:
        return Overtaken(FILE_OVERTAKEN, {"name": message.document.file_name}, given)
    return Overtaken(UNNAMED_FILE_OVERTAKEN if message.document else OVERTAKEN, text=given)


def named(media) -> str | None:
    """A sticker by its emoji; a voice note, a video… by its name, if it has one, and its length (« 0:42 »,
    « 1:02:05 »); None for nothing (or a sticker without an emoji: the message is then said late)."""
    if media is None:
        return None
    told = media.to_dict()  # as Telegram gave it: PTB's duration attribute warns (moving to timedelta)
    if isinstance(media, Sticker):
        return told.get("emoji")
    minutes, seconds = divmod(int(told.get("duration") or 0), 60)
    length = f"{minutes // 60}:{minutes % 60:02}:{seconds:02}" if minutes >= 60 else f"{minutes}:{seconds:02}"
    name = told.get("file_name") or told.get("title")
    return f"{name}, {length}" if name else length
