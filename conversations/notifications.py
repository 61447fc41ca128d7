"""What the outbox's messages say, in each recipient's language."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.formatting import e, status_label
from conversations.pdf import render_pdf
from conversations.report import build_report
from conversations.review import pdf_file_name
from locales import N_, Translator
from models.attachments import attachments_of
from models.committee_queries import dossier_with_coop
from models.dossier_reads import read_snapshot
from models.outbox import payload_of
from models.referential import Referential
from models.tables import Notification

SUBMITTED, SUBMITTED_COMMITTEE, DECISION = "submitted", "submitted_committee", "decision"

NEWS = {
    "request_info": N_(
        "The validation committee asks for more information. Your dossier is open again: complete it, then submit it again."
    ),
    "declare_admissible": N_(
        "The validation committee declared your dossier admissible on {date}. You now have 18 months to put your approach in place; checkpoints at 6 and 12 months."
    ),
    "refuse": N_("The validation committee did not accept your dossier."),
    "record_checkpoint": N_("The validation committee recorded your checkpoint of {date}."),
    "record_visit": N_("The validation committee recorded its visit of {date}."),
    "grant_label": N_(
        "Congratulations! The validation committee granted the Quali’Coop label on {date}, for 3 years."
    ),
    "record_mid_term": N_(
        "The validation committee recorded the mid-term checkpoint of your label ({date})."
    ),
    "open_renewal": N_(
        "The renewal of your label is open: a new dossier (cycle {cycle}) is ready, with your engagements and indicators."
    ),
}


@dataclass(frozen=True)
class Rendered:
    text: str
    document: tuple[bytes, str] | None = None  # (content, file name)


async def render_notification(
    t: Translator, session: AsyncSession, referential: Referential, notification: Notification, now
) -> Rendered:
    """The message of one notification for its recipient."""
    data = payload_of(notification)
    if notification.kind == SUBMITTED:
        return Rendered(
            "📤 "
            + e(
                t.gettext(
                    "{name} submitted the Quali’Coop dossier of {coop} to the validation committee. It is now read-only; "
                    "you will be told of the committee's decision."
                ).format(name=data["name"], coop=data["coop"])
            )
        )
    if notification.kind == SUBMITTED_COMMITTEE:
        dossier, coop = await dossier_with_coop(session, data["dossier_id"])
        snapshot = await read_snapshot(session, dossier)
        attachments = await attachments_of(session, dossier.id)
        report = build_report(
            t, referential, coop, snapshot, attachments, status_label(t, dossier.status), now
        )
        content = await asyncio.to_thread(render_pdf, report)
        caption = "📥 " + e(
            t.gettext("New dossier submitted: {coop} (cycle {cycle}, version {version}).").format(
                coop=coop.name, cycle=dossier.cycle, version=data["version"]
            )
        )
        return Rendered(caption, (content, pdf_file_name(report)))
    message = NEWS[data["transition"]]
    news = t.gettext(message).format(
        date=t.format_date(date.fromisoformat(data["date"])), cycle=data.get("cycle", "")
    )
    text = f"🏛 <b>{e(t.gettext('Validation committee'))}</b>\n{e(news)}"
    if data.get("comment"):
        text += f"\n\n« {e(data['comment'])} »"
    return Rendered(text)
