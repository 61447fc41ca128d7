"""/tableau counts a coop as it stands: a label whose 3 years are over is no longer « labelled » (nor
for an announcement by stage), and a coop whose member blocked the bot is still registered in the
assistant (joining is the membership; a blocked bot is not leaving the coop)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

from models.dossier.current import current_dossier
from models.tables import DossierStatus
from models.users import mark_blocked
from tests.conftest import ADMIN_ID
from tests.dossier_steps import choose, join


async def set_status(harness, coop_id: int, status: DossierStatus, labelled_on: date | None = None) -> None:
    async with harness.database.transaction() as session:
        dossier = await current_dossier(session, coop_id)
        dossier.status = status
        dossier.submitted_at = datetime(2022, 6, 1, 10, tzinfo=UTC)
        if labelled_on is not None:
            dossier.admissible_on, dossier.labelled_on = date(2022, 9, 1), labelled_on
        session.add(dossier)


async def test_a_label_ended_with_no_renewal_opened_counts_as_preparing_not_labelled(harness):
    """Granted 1 March 2023, ended 1 March 2026 (L + 36 months); on 23 November 2026 the committee has
    opened no renewal. The coop counts where a renewed cycle's ended label puts it (its dossier to
    prepare again), is still engaged, and an announcement to « Labellisés » no longer reaches it."""
    ended = await join(harness, 1101, "fr", "Coop Expirée")
    await choose(ended, [1, 2])
    await set_status(harness, ended.invitations.coop.id, DossierStatus.LABELLED, date(2023, 3, 1))
    valid = await join(harness, 1102, "fr", "Coop Labellisée")
    await choose(valid, [1])
    await set_status(harness, valid.invitations.coop.id, DossierStatus.LABELLED, date(2026, 10, 1))
    admin = harness.user(ADMIN_ID, language_code="fr")
    await admin.send("/tableau")
    text = admin.last_text
    assert "• Labellisés\u00a0: 1" in text and "• Préparent leur dossier\u00a0: 1" in text, text
    assert "Engagées\u00a0: 2 sur 2 coopératives inscrites dans l’assistant" in text, text
    await admin.send("/annonce")
    await admin.send("VisioCoop")
    await admin.send("mercredi 9 décembre 9h")
    await admin.send("-")
    await admin.send("-")
    await admin.press("Par étape du label")
    await admin.press("Labellisés")
    assert "Destinataires\u00a0: 1" in admin.last_text, admin.last_text


async def dashboard_rows(admin, harness) -> list[dict[str, str]]:
    await admin.send("/tableau csv")
    document = admin.last["document"]
    content = harness.fake.file_content(
        harness.fake.handle("getFile", {"file_id": document["file_id"]})["file_path"]
    )
    header, *rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    return [dict(zip(header, row, strict=True)) for row in rows]


async def test_a_coop_whose_only_member_blocked_the_bot_is_still_registered(harness):
    """Its member joined, submitted, then blocked the bot: the coop is registered and engaged (100 %),
    not « nobody joined, make a new invitation link », and the table says « oui »."""
    engaged = await join(harness, 1101, "fr", "Coop Engagée")
    await set_status(harness, engaged.invitations.coop.id, DossierStatus.SUBMITTED)
    async with harness.database.transaction() as session:
        await mark_blocked(session, 1101)
    admin = harness.user(ADMIN_ID, language_code="fr")
    await admin.send("/tableau")
    text = admin.last_text
    assert "Coopérative\u00a0: 1 · 1 inscrite dans l’assistant" in text, text
    assert "Engagées\u00a0: 1 sur 1 coopérative inscrite dans l’assistant — 100\u00a0%" in text, text
    assert "Dossiers en attente du comité\u00a0: 1" in text
    assert "l’a rejointe" not in text and "coop invite" not in text, text
    assert any("photo" in message for message in admin.replies), admin.replies  # the gauge is drawn
    (row,) = await dashboard_rows(admin, harness)
    assert (row["Inscrite dans l’assistant"], row["Engagée (a déposé un dossier)"]) == ("oui", "oui")
