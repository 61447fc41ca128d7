"""A consultation's reminder, two days before it closes, to those who have not answered (once each);
and its invitation to the colleagues who joined the coop since it opened."""

from __future__ import annotations

import logging
from datetime import datetime

from telegram.ext import Application

from bot.delivery.claims import ReminderClaim
from bot.delivery.outgoing import Outgoing, send_text
from bot.delivery.pipeline import SendingPaused, SendPipeline, pipeline_for
from conversations.consultation.notices import answer_button, reminder_text
from locales import translator_for
from models.consultations.reach import invite_newcomers
from models.consultations.reminders import consultation_reminders
from models.users import users_by_ids

log = logging.getLogger("qualicoop.consultations")


async def remind_consultations(
    application: Application, now: datetime | None = None, pipeline: SendPipeline | None = None
) -> int:
    """Invite the newcomers to the consultations running, send the reminders due now; how many went out."""
    services = application.bot_data
    pipeline = pipeline or pipeline_for(application)
    now = now or services.clock()
    lease = services.sending
    if not await lease.may_send(services.database):  # renewed if need be: the sweep before may be long
        raise SendingPaused("the sending lease is no longer held")
    async with services.database.transaction() as session:
        if not lease.held():  # asked right before writing: two instances would invite the same people
            raise SendingPaused("the sending lease is no longer held")
        # at any hour: colleagues who joined a coop while its consultation runs just arrived
        await invite_newcomers(session, now)
        due = await consultation_reminders(session, now, services.reminder_hour)
        users = await users_by_ids(session, sorted({reminder.user_id for _c, reminder in due}))

    def outgoing():
        """Each person's reminder, in their language."""
        for consultation, reminder in due:
            t = translator_for(users.get(reminder.user_id), services.default_language)
            text = reminder_text(t, consultation, reminder.event.coop_name)
            yield Outgoing(
                reminder.user_id,
                ReminderClaim(reminder, now, services.sending.me),  # named: a kill mid-send ends uncertain
                send_text(text, answer_button(t, consultation)),
                f"reminder {reminder.event.key}",
            )

    sent = await pipeline.deliver_all(outgoing())
    if sent:
        log.info("%d consultation reminder(s) sent", sent)
    return sent
