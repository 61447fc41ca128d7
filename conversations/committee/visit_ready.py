"""A coop ready for its visit (before A + 18 months, or past it: then said overdue), as the committee sees it:
the news its direction sent (from /progres, ``follow_up.visit_ready``), and « 🚪 Ready for the visit since
… » on /comite's screens while the visit is awaited."""

from __future__ import annotations

from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.render.formatting import format_day
from conversations.render.html import e
from conversations.render.notifications import named
from conversations.ui import callbacks as cb
from conversations.ui.context import QualiContext
from conversations.ui.messages import keyboard
from locales import N_, Translator
from models.clock import paris_today
from models.dossier.reads import NotYours
from models.label.committee import dossier_with_coop
from models.label.visit_ready import READY_NEWS, ready_dossiers, ready_since, visit_deadline
from models.tables import Dossier, DossierStatus

READY_SINCE = N_("Ready for the visit since {date}")
IN_TIME = N_(
    "{name}, of the direction of {coop}, says the coop is ready for its visit. Admissible since "
    "{admissible}, it is to be visited by {deadline} at the latest: propose a date to them."
)
OVERDUE = N_(
    "{name}, of the direction of {coop}, says the coop is ready for its visit. Admissible since "
    "{admissible}, it is awaiting its visit: the date planned for the visit, {deadline}, has passed. "
    "Propose a date to them."
)
OPEN_DOSSIER = N_("🏛 Open the dossier")  # as under the news of a submission


def since(context: QualiContext, at: datetime) -> str:
    """« 🚪 Ready for the visit since 5 December 2026 » (HTML)."""
    return "🚪 " + e(context._(READY_SINCE).format(date=format_day(context.t, paris_today(at))))


async def ready_line(context: QualiContext, session: AsyncSession, dossier: Dossier) -> list[str]:
    """On a dossier's screen, while its visit is awaited: since when its coop says it is ready."""
    if dossier.status != DossierStatus.ADMISSIBLE:
        return []
    said = await ready_since(session, dossier)
    return [] if said is None else [since(context, said.at)]


async def ready_flags(
    context: QualiContext, session: AsyncSession, dossiers: list[Dossier]
) -> dict[int, str]:
    """On the list: each admissible dossier's « 🚪 … since … », by its id (one statement)."""
    awaited = [dossier for dossier in dossiers if dossier.status == DossierStatus.ADMISSIBLE]
    return {
        dossier_id: since(context, at) for dossier_id, at in (await ready_dossiers(session, awaited)).items()
    }


async def render_ready(t: Translator, session: AsyncSession, data: dict, services) -> tuple:
    """The outbox's news for each committee member: who said the coop is ready, since when it is admissible,
    the visit's last day (passed already, said so); its button opens the dossier."""
    found = await dossier_with_coop(session, data["dossier_id"])
    if found is None:
        raise NotYours(f"no dossier {data['dossier_id']}")
    dossier, coop = found
    deadline = await visit_deadline(session, dossier)
    # « late »: the deadline had passed on the day the coop said it (decided when queued; a news queued
    # without it, before 6 December 2026, reads as it did)
    news = t.gettext(OVERDUE if data.get("late") else IN_TIME).format(
        name=named(t, data),
        coop=coop.name,
        admissible=format_day(t, dossier.admissible_on) if dossier.admissible_on else "—",
        deadline=format_day(t, deadline) if deadline else "—",
    )
    markup = keyboard([(t.gettext(OPEN_DOSSIER), cb.COMMITTEE_DOSSIER.pack(dossier.id))])
    return "🚪 " + e(news), markup, None


NOTICES = {READY_NEWS: render_ready}
