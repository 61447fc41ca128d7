"""/export of a dossier whose files add up past what a bot may send (50 MB: three 18 MB scans, each
under the 20 MB a file may weigh) comes as several ZIPs, each within the limit, the files in their order
and the PDF in the first, announced by one message that /export answers at once: each part is a row of
the outbox, built as the delivery run sends it, one part a run, a second after the last in the chat.
The limit is made small here (files of a megabyte), as the module's constant says it."""

from __future__ import annotations

import io
import os
import zipfile

from sqlmodel import select

from bot.delivery.pipeline import pipeline_for
from conversations.committee import export
from models.tables import Dossier, DossierStatus, FederationRoleName
from models.users import grant_federation_role
from tests.conversations.test_label_journey import COMMITTEE_ID
from tests.dossier_fill import complete_dossier
from tests.dossier_steps import join, open_home
from tests.fakes.calls import min_send_gap

SCAN = 1_200_000  # bytes of each scanned report: random, so that deflate cannot shrink them
LIMIT = 3_000_000  # the bot's upload limit, for the test: the PDF and two scans fill a part
LONG_LABEL = "Procès-verbal de l’assemblée générale extraordinaire des coopérateurs du 12 décembre 2025"


async def heavy_dossier(harness):
    """A submitted dossier with five scans (the first with a long label) and its letter; the committee."""
    director = await join(harness, 7401, "fr", "Coop Lourde")
    await open_home(director)
    await director.press("📎 Documents")
    for number in range(5):
        label = LONG_LABEL if number == 0 else f"Rapport {number}"
        content = b"%PDF-1.4\n" + os.urandom(SCAN)
        update = harness.fake.user_document(
            director.tg, f"rapport-{number}.pdf", content, "application/pdf", caption=label
        )
        director.replies = await harness.deliver(director.id, update)
        assert "Document enregistré" in director.reply_text()
    await complete_dossier(director)
    async with harness.database.transaction() as session:
        await grant_federation_role(session, COMMITTEE_ID, FederationRoleName.COMMITTEE)
        dossier = (await session.exec(select(Dossier))).one()
        dossier.status = DossierStatus.SUBMITTED
        session.add(dossier)
    return director, harness.user(COMMITTEE_ID, "Claude", "fr")


def zip_names(harness, message: dict) -> tuple[int, list[str]]:
    """A sent ZIP's size and the names it holds."""
    path = harness.fake.handle("getFile", {"file_id": message["document"]["file_id"]})["file_path"]
    content = harness.fake.file_content(path)
    return len(content), zipfile.ZipFile(io.BytesIO(content)).namelist()


async def parts_sent(harness, user) -> list[dict]:
    """The parts the delivery runs send to ``user`` (one a run), until a run sends none."""
    before = len(harness.fake.messages.get(user.id, []))
    while True:
        count = len(harness.fake.messages.get(user.id, []))
        await harness.run_background()
        if len(harness.fake.messages.get(user.id, [])) == count:
            return harness.fake.messages.get(user.id, [])[before:]


async def test_a_bundle_past_the_upload_limit_comes_in_parts(harness, monkeypatch):
    monkeypatch.setattr(export, "BOT_UPLOAD_LIMIT", LIMIT)
    director, committee = await heavy_dossier(harness)
    store = harness.application.bot_data.file_store
    read, events = store.read, []

    async def watched_read(sha256):
        events.append("read")
        return await read(sha256)

    respond = harness.fake.respond

    async def watched_respond(method, *args, **kwargs):
        events.append(method)
        return await respond(method, *args, **kwargs)

    monkeypatch.setattr(store, "read", watched_read)
    monkeypatch.setattr(harness.fake, "respond", watched_respond)
    pipeline_for(harness.application).chats.gap = 1.0  # Telegram's second in one chat, as in production
    first_call = len(harness.fake.calls)
    await committee.send("/export Coop Lourde")

    # /export answers at once, sending no part itself: the other people's messages do not wait for them
    assert [m["text"] for m in committee.replies] == [
        "📦 Le dossier complet est trop lourd pour être envoyé en une fois\u00a0: il arrive en 3 fichiers "
        "ZIP, l’un après l’autre, le PDF du dossier dans le premier."
    ]
    announced = events.index("sendMessage")
    assert "sendDocument" not in events and "read" not in events[announced:]
    before_first = len(harness.fake.calls)
    await harness.run_background()  # one part a run
    assert [c.method for c in harness.fake.calls[before_first:]].count("sendDocument") == 1
    parts = harness.fake.messages[committee.id][-1:] + await parts_sent(harness, committee)
    names = [m["document"]["file_name"] for m in parts]
    assert names == [
        f"Dossier de candidature Quali’Coop - Coop Lourde - cycle 1 ({n} sur 3).zip" for n in (1, 2, 3)
    ]
    zipped = [zip_names(harness, part) for part in parts]
    assert all(size <= LIMIT for size, _names in zipped)
    every = [name for _size, part_names in zipped for name in part_names]
    assert (
        every[0] == "Dossier de candidature Quali’Coop - Coop Lourde - cycle 1.pdf"
    )  # the PDF, first in the first
    assert [name[:2] for name in every[1:]] == ["01", "02", "03", "04", "05", "06"]  # in order, each once
    assert [len(part_names) for _size, part_names in zipped] == [4, 2, 1]  # the letter, then the scans
    # the long label cut between two words, with « … », as the chat cuts labels
    assert "02 - Document - Procès-verbal de l’assemblée générale extraordinaire des….pdf" in every

    # each part's files read once the part before it has gone: one part in memory at a time (the
    # reads before the message are the report's, which shows the letter)
    sends = [index for index, event in enumerate(events) if event == "sendDocument"]
    reads = [index for index, event in enumerate(events) if event == "read" and index > announced]
    assert len(reads) == 7 and len(sends) == 3  # the letter again, for the first part's PDF
    assert sends[0] < reads[4] and sends[1] < reads[6]
    # the chat's pace: one message a second (Telegram's limit in one chat), kept by the outbox's pipeline
    assert min_send_gap(harness.fake.calls[first_call:], committee.id) >= 1.0
    assert len([c for c in harness.fake.calls[first_call:] if c.method == "sendDocument"]) == 3
    assert await parts_sent(harness, committee) == []  # each part once

    pipeline_for(harness.application).chats.gap = 0.0  # the direction's bundle alike, without the wait
    await director.send("/export")
    assert [m["text"] for m in director.replies] == [m["text"] for m in committee.replies]
    assert [m["document"]["file_name"][-13:] for m in await parts_sent(harness, director)] == [
        f"({n} sur 3).zip" for n in (1, 2, 3)
    ]


async def test_a_bundle_within_the_limit_stays_one_zip(harness, monkeypatch):
    """Under the limit nothing changes: one ZIP, its usual name, no message before it."""
    _director, committee = await heavy_dossier(harness)
    await committee.send("/export Coop Lourde")
    assert len(committee.replies) == 1
    assert (
        committee.last["document"]["file_name"]
        == "Dossier de candidature Quali’Coop - Coop Lourde - cycle 1.zip"
    )
    assert len(zip_names(harness, committee.last)[1]) == 7
