"""Operating the bot: a second instance serves the files the first one received, and an error that
keeps coming back alerts the admins once per period, not once per occurrence."""

from __future__ import annotations

import io
import zipfile

from bot.errors import AlertThrottle
from tests.conftest import ADMIN_ID, NOW
from tests.dossier_steps import LETTER_PDF, join, upload_letter
from tests.harness import BotHarness


async def test_a_bundle_served_by_another_instance_holds_the_file_received_by_the_first(harness, tmp_path):
    director = await join(harness, 501, "fr")
    await upload_letter(director)
    other = BotHarness(
        tmp_path / "other", admin_ids=(ADMIN_ID,), clock=lambda: NOW, database_url=harness.database_url
    )
    (tmp_path / "other").mkdir()
    await other.start()
    try:
        same_person = other.user(501, language_code="fr")
        await same_person.send("/export")
        bundle = same_person.last["document"]
        data = other.fake.file_content(
            other.fake.handle("getFile", {"file_id": bundle["file_id"]})["file_path"]
        )
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            assert archive.read("01 - Lettre d’engagement - lettre-engagement.pdf") == LETTER_PDF
    finally:
        await other.stop()


def admin_alerts(harness: BotHarness) -> list[str]:
    return [
        c.params["text"] for c in harness.fake.calls if c.chat_id == ADMIN_ID and c.method == "sendMessage"
    ]


async def test_the_same_error_again_and_again_alerts_the_admins_once(harness):
    for _ in range(5):
        await harness.application.process_error(update=None, error=ConnectionError("the database went away"))
    await harness.application.process_error(update=None, error=ValueError("something else"))
    alerts = admin_alerts(harness)
    # known by their kind (and where our code raised them: these were never raised), not by their text
    assert len(alerts) == 2 and "ConnectionError" in alerts[0] and "ValueError" in alerts[1]
    assert "the database went away" not in alerts[0] and "something else" not in alerts[1]


def test_after_the_period_an_error_alerts_again_with_its_repeats():
    clock = [0.0]
    throttle = AlertThrottle(period=900, clock=lambda: clock[0])
    assert throttle.should_alert("E: down") == 0
    assert [throttle.should_alert("E: down") for _ in range(3)] == [None, None, None]
    clock[0] = 901.0
    assert throttle.should_alert("E: down") == 3  # « ×4 since the last alert »
    assert throttle.should_alert("E: down") is None
