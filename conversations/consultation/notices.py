"""What a consultation sends on its own: the invitation to answer (outbox) and the reminder.

Both are rendered when they go out, in the recipient's language, with the button to answer.
"""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import InlineKeyboardMarkup

from conversations.render.commitments.consultations import question_text
from conversations.render.html import bold, e
from conversations.ui import callbacks as cb
from conversations.ui.messages import keyboard
from locales import Translator
from models.consultations.reach import INVITATION
from models.consultations.store import state_of
from models.tables import Consultation, ConsultationStatus, Coop

OPENED = INVITATION  # the outbox's kind of the invitation to answer (also who was asked: reach)


def invitation_text(t: Translator, consultation: Consultation, coop: Coop) -> str:
    """« Coop X asks your opinion until … » and the question."""
    head = t.gettext("{coop} asks your opinion, until {date}:").format(
        coop=coop.name, date=t.format_date(consultation.closes_on, "full")
    )
    note = t.gettext(
        "Your answer is anonymous in the results, given at closing; you can change it until then."
    )
    return f"🗳 {e(head)}\n{bold(question_text(t, consultation))}\n\n{e(note)}"


def answer_button(t: Translator, consultation: Consultation) -> InlineKeyboardMarkup:
    """🗳 Answer."""
    return keyboard([(t.gettext("🗳 Answer"), cb.BALLOT.pack(consultation.id))])


async def render_opened(
    t: Translator, session: AsyncSession, data: dict, services
) -> tuple[str, InlineKeyboardMarkup | None, None]:
    """The outbox's invitation (a consultation closed meanwhile is said so, without the button)."""
    consultation = await session.get(Consultation, data["consultation_id"])
    coop = await session.get(Coop, consultation.coop_id)
    if state_of(consultation, services.clock()) != ConsultationStatus.OPEN:
        closed = t.gettext("{coop} held a consultation, now closed:").format(coop=coop.name)
        return f"🗳 {e(closed)}\n{bold(question_text(t, consultation))}", None, None
    return invitation_text(t, consultation, coop), answer_button(t, consultation), None


def reminder_text(t: Translator, consultation: Consultation, coop_name: str) -> str:
    """Two days before the closing day, to those who have not sent an answer (some ticked choices, not
    sent: « not sent yet » is true of both)."""
    head = t.gettext("Reminder: the consultation of {coop} closes on {date}.").format(
        coop=coop_name, date=t.format_date(consultation.closes_on, "full")
    )
    waiting = t.gettext("Your answer is not sent yet: it takes a minute.")
    return f"⏰ {e(head)}\n{bold(question_text(t, consultation))}\n\n{e(waiting)}"


NOTICES = {OPENED: render_opened}
