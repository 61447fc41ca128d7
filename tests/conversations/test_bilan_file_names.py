"""Each bilan PDF has its own file name, for the coop and for the committee: its checkpoint, its cycle after
the first, the coop's name cleaned as the dossier PDF's (« Habitat 44/85 » is « Habitat 44 85 »).

Before, every bilan came as « Bilan d’étape - Habitat 44/85.pdf »: the 6- and 12-month ones of every
cycle under one name (a second download replaced the first), the « / » of the coop's name kept.
"""

from __future__ import annotations

from datetime import UTC, datetime

from conversations.ui.reports import bilan_file_name
from locales import translator
from models.tables import ProgressReport
from tests.conversations.test_bilans import admissible_coop
from tests.conversations.test_committee_cycle_bilans import send_six_month_bilan
from tests.conversations.test_label_journey import decide

SIX, TWELVE = "Bilan d’étape à 6 mois - Habitat 44 85.pdf", "Bilan d’étape à 12 mois - Habitat 44 85.pdf"


def sent_name(user) -> str:
    """The file name of the last document sent to this user."""
    return next(m for m in reversed(user.messages) if "document" in m)["document"]["file_name"]


async def test_each_bilan_pdf_is_named_by_its_checkpoint_with_a_clean_coop_name(world):
    harness, clock = world
    director, member, committee = await admissible_coop(harness, "Habitat 44/85")
    clock.now = datetime(2027, 5, 1, 8, 0, tzinfo=UTC)
    await send_six_month_bilan(director, harness)
    clock.now = datetime(2027, 5, 25, 9, 0, tzinfo=UTC)
    await decide(committee, "Habitat 44/85", "📍 Point à 6 mois", "Bon avancement.")
    clock.now = datetime(2027, 11, 1, 9, 0, tzinfo=UTC)
    await send_six_month_bilan(director, harness)  # the 12-month one, the same steps

    names = []
    for pdf in ("📄 1. PDF", "📄 2. PDF"):  # the latest first
        await director.send("/bilan")
        await director.press("📚")
        await director.press(pdf)
        names.append(sent_name(director))
    assert names == [TWELVE, SIX]
    await member.send("/bilan")
    await member.press("📚")
    await member.press("📄 2. PDF")
    assert sent_name(member) == "6-month checkpoint report - Habitat 44 85.pdf"  # in the reader's language

    names = []
    for pdf in ("🖨 Point d’étape à 12 mois (PDF)", "🖨 Point d’étape à 6 mois (PDF)"):
        await committee.send("/comite")
        await committee.press("Habitat 4")
        await committee.press("📝 ")
        await committee.press(pdf)
        names.append(sent_name(committee))
    assert names == [TWELVE, SIX]


def test_a_later_cycle_s_bilan_says_its_cycle():
    """A renewal's bilans are named apart from cycle 1's."""
    report = ProgressReport(dossier_id=1, checkpoint_kind="twelve_months")
    said = bilan_file_name(translator("fr"), report, 2, "Société coopérative d’HLM Habitat 44/85")
    assert said == "Bilan d’étape à 12 mois - Société coopérative d’HLM Habitat 44 85 - cycle 2.pdf"
