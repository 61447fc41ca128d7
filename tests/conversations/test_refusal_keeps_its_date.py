"""A label refused after the visit reads on the day the committee gave and confirmed: in the dossier's
PDF (« Parcours ») and in the next cycle's; in the audit trail of /mesdonnees, in words. A refusal
recorded before that day was kept reads the day it was recorded.

Before, the date typed and confirmed (« samedi 21 novembre 2026 ») was checked and thrown away: the
PDFs said the day it was recorded (« Candidature non retenue le 23 novembre 2026 »).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import delete

from conversations.render.commitments.personal_data import export_text
from locales import translator
from models.label.committee import REFUSAL_DAY
from models.tables import AuditEntry
from tests.conversations.test_committee_pdf import committee_pdf, pages_of
from tests.conversations.test_early_visit import submitted_coop
from tests.conversations.test_label_journey import decide

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


async def refuse_the_label(harness):
    """Visited on 20 November 2026; today, 23 November, the label refused, dated 21 November."""
    director, committee = await submitted_coop(harness)
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.", "31/08/2026")
    await decide(committee, "Coop Horizon", "🚪 Visite", "Visite faite.", "20/11/2026")
    await committee.send("/comite")
    await committee.press("Coop Ho")
    await committee.press("⛔ Ne pas attribuer le label")
    await committee.send("Pas encore.")
    await committee.send("21/11/2026")
    assert "samedi 21 novembre 2026" in committee.last_text
    await committee.press("✅ Confirmer")
    await harness.run_background()
    return director, committee


async def test_a_label_refused_after_the_visit_reads_on_the_day_confirmed(world):
    harness, _clock = world
    director, committee = await refuse_the_label(harness)
    cover = (await committee_pdf(committee, "Coop Horizon"))[0]
    assert "Candidature non retenue le 21 novembre 2026 : « Pas encore. »" in cover
    await director.send("/dossier")
    await director.press("📝 Préparer une nouvelle candidature")
    await director.press("✅ Confirmer")  # the next cycle
    await director.send("/pdf")
    document = next(m for m in reversed(director.messages) if "document" in m)
    assert "Candidature précédente non retenue le 21 novembre 2026" in pages_of(harness, document)[0]


async def test_a_refusal_recorded_without_its_date_reads_the_day_it_was_recorded(world):
    harness, _clock = world
    _director, committee = await refuse_the_label(harness)
    async with harness.database.transaction() as session:  # as an older version recorded it
        await session.exec(delete(AuditEntry).where(AuditEntry.action == REFUSAL_DAY))
    cover = (await committee_pdf(committee, "Coop Horizon"))[0]
    assert "Candidature non retenue le 23 novembre 2026 : « Pas encore. »" in cover


def test_my_data_says_the_day_given_in_words():
    """The committee member's /mesdonnees: the day beside the refusal, as a day, not as stored."""
    entry = {"at": "2026-11-23T09:30:00Z", "entity": "dossier", "entity_id": 1, "action": REFUSAL_DAY,
             "field": "refused_on", "new_value": "2026-11-21", "old_value": None, "actor_id": 7, "coop_id": 1}  # fmt: skip
    text = export_text(translator("fr"), 7, {"auditentry": [entry]}, NOW).decode()
    assert "date de la décision du comité\u00a0: 21 novembre 2026\n" in text
