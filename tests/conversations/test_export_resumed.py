"""/export in several ZIPs: each part is a row of the outbox, written with the 📦 message, so a restart
loses none: a part the killed instance was sending is sent again, before the parts after it (a ZIP
received twice harms nobody; one missing loses its files), and a part sent is never sent twice. A part whose dossier changed since the /export
says so instead of mixing two states of the dossier in one bundle."""

from __future__ import annotations

import contextlib
import os

from sqlmodel import select
from sqlmodel import update as update_

from conversations.committee import export
from models.clock import utcnow
from models.operations.instances import InstanceId, register
from models.tables import Attachment, AttachmentKind, DeliveryStatus, Dossier, Notification
from tests.conversations.test_export_in_parts import LIMIT, SCAN, heavy_dossier, parts_sent

PARTS = [f"Dossier de candidature Quali’Coop - Coop Lourde - cycle 1 ({n} sur 3).zip" for n in (1, 2, 3)]
ANNOUNCED = "📦 Le dossier complet est trop lourd pour être envoyé en une fois"


class Killed(BaseException):
    """The instance's process killed (SIGKILL): nothing after it runs, no « finally » either."""


def said(messages: list[dict]) -> list[str]:
    """The chat's messages as the person reads them: a text, or a file's name."""
    return [m["document"]["file_name"] if "document" in m else m["text"] for m in messages]


async def statuses(harness) -> list[DeliveryStatus]:
    """The parts' rows, in order."""
    async with harness.database.transaction() as session:
        rows = await session.exec(select(Notification).where(Notification.kind == export.BUNDLE_PART))
        return [row.status for row in sorted(rows.all(), key=lambda row: row.id)]


async def test_the_parts_survive_a_restart_and_go_out_once(harness, monkeypatch):
    monkeypatch.setattr(export, "BOT_UPLOAD_LIMIT", LIMIT)
    _director, committee = await heavy_dossier(harness)
    await committee.send("/export Coop Lourde")
    assert said(committee.replies)[0].startswith(ANNOUNCED) and len(committee.replies) == 1
    await harness.restart()  # the instance stopped before sending any part: they wait in the database
    assert said(await parts_sent(harness, committee)) == PARTS
    assert await statuses(harness) == [DeliveryStatus.SENT] * 3
    assert await parts_sent(harness, committee) == []  # none twice


async def test_a_part_cut_short_by_a_crash_is_sent_again_before_the_next(harness, monkeypatch):
    monkeypatch.setattr(export, "BOT_UPLOAD_LIMIT", LIMIT)
    _director, committee = await heavy_dossier(harness)
    await committee.send("/export Coop Lourde")
    await harness.run_background()  # part 1
    respond = harness.fake.respond

    async def dying(method, *args, **kwargs):
        if method == "sendDocument":
            raise Killed()  # while part 2 is on its way: Telegram may have it
        return await respond(method, *args, **kwargs)

    with monkeypatch.context() as dead:
        dead.setattr(harness.fake, "respond", dying)
        with contextlib.suppress(Killed):
            await harness.run_background()
    assert await statuses(harness) == [DeliveryStatus.SENT, DeliveryStatus.SENDING, DeliveryStatus.PENDING]
    gone = InstanceId()  # the killed instance, its heartbeat long stopped
    async with harness.database.transaction() as session:
        await register(session, gone, utcnow().replace(year=2020))
        await session.exec(
            update_(Notification)
            .where(Notification.status == DeliveryStatus.SENDING)
            .values(claimed_by=gone.id)
        )
    await harness.restart()
    assert said(await parts_sent(harness, committee)) == PARTS[1:]
    assert await statuses(harness) == [DeliveryStatus.SENT] * 3
    assert said(committee.fake.messages[committee.id]).count(PARTS[0]) == 1


async def test_a_file_added_after_the_export_stops_the_parts_left_said_so(harness, monkeypatch):
    monkeypatch.setattr(export, "BOT_UPLOAD_LIMIT", LIMIT)
    _director, committee = await heavy_dossier(harness)
    await committee.send("/export Coop Lourde")
    await harness.run_background()  # part 1
    sha256 = await harness.application.bot_data.file_store.save(b"%PDF-1.4\n" + os.urandom(SCAN))
    async with harness.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
        session.add(
            Attachment(
                dossier_id=dossier.id, kind=AttachmentKind.SUPPORTING, label="Rapport 5", file_name="r5.pdf",
                size=SCAN + 9, sha256=sha256,
            )
        )  # fmt: skip
    assert said(await parts_sent(harness, committee)) == [
        f"⚠️ {part} n’a pas été envoyé\u00a0: le dossier a changé depuis votre /export. Envoyez de nouveau "
        "/export pour l’avoir tel qu’il est maintenant."
        for part in PARTS[1:]
    ]
