"""The webhook's updates, from Telegram's post to their work stored: none lost when an instance dies.

``bot.web.webhook`` keeps each update it accepts (``models.operations.inbox``) before answering
« ok »; ``QualiApplication`` forgets it in the transaction that stores its work
(``models.sql.handling``), or once handled when it stores nothing; ``replay_job`` hands the updates
of an instance that is gone (killed, or stopped before its queue was empty) to this one. Polling
keeps nothing: one poller, whose updates Telegram holds until the next getUpdates.
"""

from __future__ import annotations

import json
import logging

from telegram import Update
from telegram.ext import Application, ContextTypes

from models.clock import utcnow
from models.operations.inbox import forget_handled, forget_with_work, take_orphans
from models.sql.handling import HANDLING, HandlingMark

log = logging.getLogger("qualicoop.web")


class QualiApplication(Application):
    """PTB's Application, which also forgets each kept update with its work (or once handled)."""

    async def process_update(self, update: object) -> None:
        """Handle the update; a kept one carries its mark « handled » into its first written work."""
        kept = self.bot_data.kept_updates
        number = getattr(update, "update_id", None)
        if number not in kept:
            await super().process_update(update)
            return
        kept.discard(number)
        me = self.bot_data.sending.me
        mark = HandlingMark(lambda session: forget_with_work(session, number, me))
        token = HANDLING.set(mark)
        try:
            await super().process_update(update)
        finally:
            HANDLING.reset(token)
            if not mark.done:  # it wrote nothing (a menu shown), or failed: handled all the same
                await _forget(self, number)


async def _forget(application: Application, number: int) -> None:
    """Mark a kept update handled on its own; if the database fails, tried again at the next beat."""
    services = application.bot_data
    try:
        async with services.database.transaction() as session:
            await forget_handled(session, number, services.sending.me)
        services.unforgotten.discard(number)
    except Exception:  # handled again only if this instance dies before the database is back
        services.unforgotten.add(number)
        log.exception("update %s handled, but could not be marked so yet", number)


async def replay_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Handle here the updates an instance that is gone had received and not handled."""
    application = context.application
    services = application.bot_data
    for number in list(services.unforgotten):  # handled here while the database was away
        await _forget(application, number)
    async with services.database.transaction() as session:
        orphans = await take_orphans(session, services.sending.me, utcnow(), services.sending.duration)
    for orphan in orphans:
        update = Update.de_json(json.loads(orphan.body), application.bot)
        if orphan.overtaken:  # its sender wrote again since: given back, not taken (ui.middleware)
            services.overtaken_updates.add(orphan.update_id)
        services.kept_updates.add(orphan.update_id)
        log.warning(
            "update %s was left unhandled by an instance that is gone: %s here",
            orphan.update_id,
            "given back" if orphan.overtaken else "handled",
        )
        await application.update_queue.put(update)
