"""After the label's three years (L + 36 months, the renewal not opened yet) the chat's home says the label
ended and that the committee is to open the renewal: the Mini App's read-only note says it too, not « la
coopérative a obtenu le label ; elle mène ses plans d’actions » still. The coop reads the chat's own
sentence; the committee reading the dossier, that it is to open the coop's renewal."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import select

from models.tables import Dossier
from tests.conftest import NOW
from tests.conversations.test_early_visit import COMMITTEE_ID, submitted_coop
from tests.conversations.test_label_journey import decide
from tests.conversations.test_miniapp_standing import part, plain
from tests.harness import BotHarness, FakeClock
from tests.miniapp import local_client, signed_init_data, tma

RUNNING = "🔒 Lecture seule : la coopérative a obtenu le label ; elle mène ses plans d’actions."
RENEWAL = (
    "Le comité de validation va ouvrir votre renouvellement (cycle 2) : un nouveau dossier avec vos "
    "engagements et vos indicateurs, à compléter et à soumettre."
)


async def test_the_read_only_note_says_the_label_ended_and_what_comes_next(tmp_path):
    clock = FakeClock(NOW)
    harness = BotHarness(tmp_path, clock=clock, web=True)
    await harness.start()
    try:
        director, committee = await submitted_coop(harness)
        await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.", "31/08/2026")
        await decide(committee, "Coop Horizon", "🚪 Visite", "Visite faite.", "20/11/2026")
        await decide(committee, "Coop Horizon", "🏅", "Label accordé.", "22/11/2026")
        async with harness.database.transaction() as session:
            dossier_id = (await session.exec(select(Dossier.id))).one()

        async def note(user_id: int, query: str = "") -> str:
            async with local_client(harness.web_url) as http:
                answer = await http.get(
                    f"/app/api/page{query}", headers=tma(signed_init_data(user_id, auth_date=clock.now))
                )
            assert answer.status_code == 200, answer.text
            return plain(part(answer.json()["html"], '<p class="note">', "</p>")).strip()

        clock.now = datetime(2029, 11, 21, 9, 30, tzinfo=UTC)  # the day before its end: still labelled
        assert await note(director.id) == RUNNING

        clock.now = datetime(2029, 12, 3, 9, 30, tzinfo=UTC)  # ended on 22 November 2029
        await director.send("/dossier")
        assert RENEWAL.replace(" :", "\u00a0:") in director.last_text  # the chat's home says what comes next
        said = await note(director.id)
        assert said == f"🔒 Lecture seule : le label est arrivé à échéance. {RENEWAL}", said
        read = await note(COMMITTEE_ID, f"?dossier={dossier_id}")
        assert read == (
            "🔒 Lecture seule : le label est arrivé à échéance ; le comité de validation va ouvrir le "
            "renouvellement de la coopérative (cycle 2)."
        ), read
    finally:
        await harness.stop()
