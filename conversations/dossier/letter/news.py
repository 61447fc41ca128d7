"""What the coop's other members are told of the commitment letter the direction adds (through the outbox):
the first letter, whether it comes as a file sent or as a held file confirmed (``letter.replacement``)."""

from __future__ import annotations

from conversations.render.notifications import LETTER_ADDED
from conversations.ui.context import QualiContext
from models.coops import coop_users
from models.dossier.reads import read_snapshot
from models.dossier.rules import dossier_gaps
from models.outbox import enqueue


async def tell_letter_added(context: QualiContext, session, dossier) -> None:
    """The coop's other members told of the direction's letter, with whether anything is left."""
    complete = not dossier_gaps(context.referential, await read_snapshot(session, dossier))
    me, coop = context.visitor.user, context.visitor.coop
    others = [user.id for user in await coop_users(session, coop.id) if user.id != me.id]
    news = {"name": me.first_name, "by": me.id, "coop": coop.name, "complete": complete}  # "by": for erasure
    await enqueue(session, others, LETTER_ADDED, news, now=context.now())
