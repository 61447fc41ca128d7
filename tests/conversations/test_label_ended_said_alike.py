"""After the label's three years (L + 36 months, the renewal not opened yet) the chat's home says the label
ended: the Mini App's status line and the federation's table say it too (one rule, the chat's stage
wording), not « Labellisé » still."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conftest import ADMIN_ID, NOW
from tests.conversations.test_dashboard import csv_rows
from tests.conversations.test_early_visit import submitted_coop
from tests.conversations.test_label_journey import decide
from tests.harness import BotHarness, FakeClock
from tests.miniapp import local_client, signed_init_data, tma

ENDED = "Label arrivé à échéance le 22 novembre 2029"


async def test_a_label_whose_three_years_are_over_is_said_ended_everywhere(tmp_path):
    clock = FakeClock(NOW)
    harness = BotHarness(tmp_path, admin_ids=(ADMIN_ID,), clock=clock, web=True)
    await harness.start()
    try:
        director, committee = await submitted_coop(harness)
        await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.", "31/08/2026")
        await decide(committee, "Coop Horizon", "🚪 Visite", "Visite faite.", "20/11/2026")
        await decide(committee, "Coop Horizon", "🏅", "Label accordé.", "22/11/2026")

        async def miniapp_status() -> str:
            async with local_client(harness.web_url) as http:
                answer = await http.get(
                    "/app/api/dossier", headers=tma(signed_init_data(701, auth_date=clock.now))
                )
            assert answer.status_code == 200, answer.text
            return answer.json()["dossier"]["status_label"]

        assert await miniapp_status() == "Cycle 1 · Labellisé 🏅"  # its three years running
        (row,) = await csv_rows(harness, "fr", ";")
        assert row["Statut"] == "Labellisé"

        clock.now = datetime(2029, 11, 21, 9, 30, tzinfo=UTC)  # the day before its end: still labelled
        assert await miniapp_status() == "Cycle 1 · Labellisé 🏅"

        clock.now = datetime(2029, 12, 3, 9, 30, tzinfo=UTC)  # ended on 22 November 2029
        await director.send("/dossier")
        assert f"Cycle 1 · {ENDED}" in director.last_text
        assert await miniapp_status() == f"Cycle 1 · {ENDED}"
        (row,) = await csv_rows(harness, "fr", ";")
        assert (row["Statut"], row["Cycle"]) == (ENDED, "1")
        (row,) = await csv_rows(harness, "en", ",")
        assert row["Status"] == "Label ended on 22 November 2029"
    finally:
        await harness.stop()
