"""A VisioCoop draft is its author's: the composer's buttons and typed answers on any other
announcement are refused before anything is asked or changed, naming it and saying why.

Another admin's draft is theirs to finish (``models.federation.announcement_drafts.own_draft``), and
an announcement sent or cancelled is composed no more. A button is refused with a pop-up, its word typed
(« retour ») with a reply; a typed answer (at a question opened before its button was refused) is given
back, on the federation's inbox.
"""

from __future__ import annotations

import functools

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Update

from conversations.render.formatting import shorten
from conversations.render.html import e
from conversations.ui import states
from conversations.ui.common import handing_back
from conversations.ui.context import QualiContext
from conversations.ui.messages import reply
from conversations.ui.middleware import require_admin
from conversations.ui.router import DataGuard, Step, TextAnswer, text_answer
from locales import N_
from models.announcements import AnnouncementError
from models.chat_state import Position
from models.dossier.reads import NotAllowed
from models.federation.announcement_changes import called_off
from models.federation.announcement_drafts import NotOwnDraft, own_draft
from models.tables import Announcement, AnnouncementStatus

# a pop-up holds 200 characters: the title and the name are cut so that the longest wording fits
TITLE_SHOWN, NAME_SHOWN = 40, 30
COLLEAGUES_DRAFT = N_(
    "“{title}” is a draft {author} is writing: you can neither change nor send it. /announce starts your own."
)
A_COLLEAGUES_DRAFT = N_(  # its author's name is not known any more (their data erased)
    "“{title}” is a draft a colleague is writing: you can neither change nor send it. /announce starts "
    "your own."
)
SENT = N_("The announcement “{title}” has already been sent: it can no longer be changed.")
CANCELLED = N_("The announcement “{title}” was cancelled: nothing was sent. /announce starts a new one.")


def refused_text(context: QualiContext, refused: NotOwnDraft) -> str:
    """Why this announcement is not the admin's to compose, naming it (and the colleague writing it)."""
    status = refused.announcement.status
    if status == AnnouncementStatus.CANCELLED and not called_off(refused.announcement):
        words = CANCELLED
    elif status != AnnouncementStatus.DRAFT:  # sent (its meeting maybe cancelled since: it was sent)
        words = SENT
    else:
        words = COLLEAGUES_DRAFT if refused.author else A_COLLEAGUES_DRAFT
    title = shorten(refused.announcement.title, TITLE_SHOWN)
    return context._(words).format(title=title, author=shorten(refused.author or "", NAME_SHOWN))


def no_longer_draft(context: QualiContext, announcement: Announcement) -> Step:
    """A step on a draft sent or cancelled meanwhile (the same « Send » tapped twice, the taps on two
    instances): nothing changed, said in the words of a refused button, above the broadcast's progress
    (or the inbox, once cancelled)."""
    said = "ℹ️ " + e(refused_text(context, NotOwnDraft(announcement, None)))
    if announcement.status == AnnouncementStatus.CANCELLED and not called_off(announcement):
        return Step(Position(states.INBOX), said)
    return Step(Position(states.ANNOUNCEMENT_SENDING, {"id": announcement.id}), said)


async def draft(context: QualiContext, session: AsyncSession, data: dict) -> Announcement:
    """The admin's own draft a position or a button is about; NotOwnDraft for any other announcement."""
    return await own_draft(session, int(data["id"]), context.visitor.user.id)


async def own_drafts_only(update: Update, context: QualiContext, data: str) -> bool:
    """The composer's buttons: for admins, on their own draft only. Another admin's draft (a forged or
    shared button) or one sent or cancelled since is refused at the button, pressed or its word typed
    (« retour »): nothing asked, nothing changed. Data naming no announcement goes on, for the button's
    own check to refuse it."""
    if not await require_admin(update, context):
        return False
    try:
        announcement_id = int(data.split(":")[1])
    except (IndexError, ValueError):
        return True
    said = ""
    async with context.db.transaction() as session:
        try:
            await own_draft(session, announcement_id, context.visitor.user.id)
        except NotOwnDraft as refused:
            said = refused_text(context, refused)
        except AnnouncementError:  # none such (« ❌ Cancel » before the draft exists is 0)
            pass
    # answered once the transaction is over: never while holding a database connection
    if said and update.callback_query is not None:
        await update.callback_query.answer(said, show_alert=True)
    elif said:
        await reply(update, "⛔ " + e(said))
    return not said


authors_only = DataGuard(own_drafts_only)


def own_draft_answer(name: str):
    """Register a typed answer of the composer: by an admin still (one removed meanwhile is refused, the
    text given back, as the inbox does), on their own draft; on a colleague's, the federation's inbox,
    said why, the text given back."""

    def register(answer: TextAnswer) -> TextAnswer:
        @functools.wraps(answer)
        async def take(context: QualiContext, session: AsyncSession, data: dict, text: str) -> Step:
            if not context.visitor.is_admin:
                raise NotAllowed("no longer a federation admin")
            try:
                return await answer(context, session, data, text)
            except NotOwnDraft as refused:  # read only: nothing was written before it was refused
                if refused.announcement.status != AnnouncementStatus.DRAFT:
                    raise  # their own, sent or cancelled meanwhile: given back as a thing removed meanwhile
                notice = "⛔ " + e(refused_text(context, refused))
                return Step(Position(states.INBOX), notice, after=handing_back(text))

        return text_answer(name)(take)

    return register
