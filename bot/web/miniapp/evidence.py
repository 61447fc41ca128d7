"""The consultations of the visited dossier, read-only, in the involvement part: the evidence the chat's
review and the PDF show, in their words (one view: ``render.commitments.consultations``).

Results as everywhere: the participation while it runs, votes and comments once closed with enough
answers (``RESULTS_FLOOR``); never who answered what. Prepared and opened in the chat only.
"""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.web.miniapp.access import Visit
from conversations.render.commitments.consultations import LABELS, ConsultationView, votes_text
from conversations.render.formatting import quoted
from conversations.ui.context import BotServices
from conversations.ui.reports import evidence_views
from locales import N_

NONE_YET = N_("none yet: the direction can consult the staff and the coopérateurs")  # the chat's words


def sentence(words: str) -> str:
    """The chat's inline words (« aucune pour l’instant : … ») as a sentence of their own: a capital, a full
    stop, as the review's « no comment » is written."""
    return words[:1].upper() + words[1:] + "."


def consultation_data(view: ConsultationView) -> dict:
    """One consultation as the page shows it: question, dates and audience, participation, results."""
    shown = bool(view.choices)  # votes and comments, or neither (the reason is in the participation)
    return {
        "question": view.question,
        "title": quoted(view.language, view.question),
        "when": view.when,
        "audience": view.audience,
        "participation": view.participation,
        "choices": [
            {"label": label, "votes": votes, "votes_text": votes_text(view, votes), "share": share}
            for label, votes, share in view.choices
        ],
        "comments_heading": view.labels["comments"] if shown else None,
        "comments": list(view.comments),
        "no_comment": view.labels["no_comment"] if shown and not view.comments else None,
    }


async def consultations_view(session: AsyncSession, visit: Visit, services: BotServices) -> dict | None:
    """The dossier's consultations under the review's heading (read with the bot's ``services``: its
    referential and clock); for its coop, none yet is said as the chat says it (the committee reads
    nothing then, as in its review)."""
    views = await evidence_views(visit.t, services.referential, session, visit.dossier, services.clock())
    if not views and not visit.is_member:
        return None
    return {
        "heading": visit.t.gettext(LABELS["heading"]),
        "none": None if views else sentence(visit.t.gettext(NONE_YET)),
        "list": [consultation_data(view) for view in views],
    }
