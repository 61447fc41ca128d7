"""What the coop's other members are told of the commitment letter the direction adds (through the outbox):
the first letter, whether it comes as a file sent or as a held file confirmed (``letter.replacement``);
and the committee's copy of the letter, sent after a submitted dossier's PDF."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.render.html import e
from conversations.render.notifications import LETTER_ADDED, letter_caption
from conversations.ui.context import QualiContext
from models.coops import coop_users
from models.dossier.attachments import letter_of
from models.dossier.reads import read_snapshot
from models.dossier.rules import dossier_gaps
from models.label.committee import dossier_with_coop
from models.outbox import enqueue


async def tell_letter_added(context: QualiContext, session, dossier) -> None:
    """The coop's other members told of the direction's letter, with whether anything is left."""
    complete = not dossier_gaps(context.referential, await read_snapshot(session, dossier))
    me, coop = context.visitor.user, context.visitor.coop
    others = [user.id for user in await coop_users(session, coop.id) if user.id != me.id]
    news = {"name": me.first_name, "by": me.id, "coop": coop.name, "complete": complete}  # "by": for erasure
    await enqueue(session, others, LETTER_ADDED, news, now=context.now())


async def render_letter_file(t, session: AsyncSession, data: dict, services) -> tuple:
    """The committee's copy of the letter, sent after the dossier's PDF."""
    dossier, coop = await dossier_with_coop(session, data["dossier_id"])
    letter = await letter_of(session, dossier.id)
    try:
        content = await services.file_store.read(letter.sha256) if letter is not None else None
    except OSError:
        content = None
    if content is None:  # removed since, or its bytes are gone: said, not dropped
        missing = t.gettext("The commitment letter of {coop} could not be found: ask the coop for it.")
        return "⚠️ " + e(missing.format(coop=coop.name)), None, None
    return letter_caption(t, coop.name), None, (content, letter.file_name)
