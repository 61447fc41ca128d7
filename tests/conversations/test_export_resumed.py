"""/export in several ZIPs, its instance killed between two parts: the webhook kept the update, and the
next instance handles it again (``bot.web.inbox``). The parts already sent are kept in the person's saved
position, so the replay sends only the parts left, said in one line; a new /export is a new request, sent
whole, and so is a replay after the dossier's files changed."""

from __future__ import annotations

import contextlib
import json
import os

from sqlmodel import select
from sqlmodel import update as update_

from bot.web import inbox
from conversations.committee import export
from models.clock import utcnow
from models.operations.instances import InstanceId, register
from models.tables import Attachment, AttachmentKind, ChatState, Dossier, UnhandledUpdate
from tests.conversations.test_export_in_parts import LIMIT, SCAN, heavy_dossier
from tests.conversations.test_inbox import kept, replay, still_kept

PARTS = [f"Dossier de candidature Quali’Coop - Coop Lourde - cycle 1 ({n} sur 3).zip" for n in (1, 2, 3)]
ANNOUNCED = "📦 Le dossier complet est trop lourd pour être envoyé en une fois"


class Killed(BaseException):
    """The instance's process killed (SIGKILL): nothing after it runs, no « finally » either."""


def said(messages: list[dict]) -> list[str]:
    """The chat's messages as the person reads them: a text, or a file's name."""
    return [m["document"]["file_name"] if "document" in m else m["text"] for m in messages]


async def killed_after(harness, monkeypatch, committee, parts_sent: int) -> list[str]:
    """/export Coop Lourde through the webhook, its instance killed once ``parts_sent`` parts are sent,
    its update handed to this one (restarted); what the person got before the kill."""
    respond, sent = harness.fake.respond, []

    async def dying(method, *args, **kwargs):
        if method == "sendDocument":
            if len(sent) == parts_sent:
                raise Killed()
            sent.append(method)
        return await respond(method, *args, **kwargs)

    async def nothing_more(*args, **kwargs):  # a killed process marks nothing handled
        return None

    with monkeypatch.context() as dead:
        dead.setattr(harness.fake, "respond", dying)
        dead.setattr(inbox, "_forget", nothing_more)
        before = len(committee.messages)
        update = await kept(harness, committee.fake.user_text(committee.tg, "/export Coop Lourde"))
        with contextlib.suppress(Killed):
            await harness.deliver(committee.id, update, expect_error=True)
    assert await still_kept(harness) == [update["update_id"]]  # the progress kept is no work: kept
    gone = InstanceId()
    async with harness.database.transaction() as session:
        await register(session, gone, utcnow().replace(year=2020))
        await session.exec(update_(UnhandledUpdate).values(receiver=gone.id))
    await harness.restart()
    return said(committee.messages[before:])


async def saved_data(harness, user_id: int) -> dict:
    async with harness.database.transaction() as session:
        return json.loads((await session.get(ChatState, user_id)).data)


async def test_a_replay_sends_only_the_parts_left_and_a_new_export_sends_all(harness, monkeypatch):
    monkeypatch.setattr(export, "BOT_UPLOAD_LIMIT", LIMIT)
    monkeypatch.setattr(export, "PART_GAP", 0.0)
    _director, committee = await heavy_dossier(harness)
    before_kill = await killed_after(harness, monkeypatch, committee, parts_sent=1)
    assert before_kill[0].startswith(ANNOUNCED) and before_kill[1:] == PARTS[:1]

    assert said(await replay(harness)) == [
        "📦 Reprise de l’envoi du dossier complet\u00a0: parties 2 et 3 sur 3 "
        "(la partie 1 vous est déjà parvenue).",
        *PARTS[1:],
    ]
    assert await still_kept(harness) == []  # all sent: the update forgotten
    assert export.PARTS_SENT not in await saved_data(harness, committee.id)  # nothing left behind

    # the same coop asked again: a new request, sent whole
    await committee.send("/export Coop Lourde")
    assert said(committee.replies)[0].startswith(ANNOUNCED) and said(committee.replies)[1:] == PARTS


async def test_a_replay_after_two_parts_names_the_two_received(harness, monkeypatch):
    monkeypatch.setattr(export, "BOT_UPLOAD_LIMIT", LIMIT)
    monkeypatch.setattr(export, "PART_GAP", 0.0)
    _director, committee = await heavy_dossier(harness)
    assert (await killed_after(harness, monkeypatch, committee, parts_sent=2))[1:] == PARTS[:2]
    assert said(await replay(harness)) == [
        "📦 Reprise de l’envoi du dossier complet\u00a0: partie 3 sur 3 "
        "(les parties 1 et 2 vous sont déjà parvenues).",
        PARTS[2],
    ]


async def test_a_replay_after_a_file_was_added_sends_the_new_bundle_whole(harness, monkeypatch):
    monkeypatch.setattr(export, "BOT_UPLOAD_LIMIT", LIMIT)
    monkeypatch.setattr(export, "PART_GAP", 0.0)
    _director, committee = await heavy_dossier(harness)
    await killed_after(harness, monkeypatch, committee, parts_sent=1)
    sha256 = await harness.application.bot_data.file_store.save(b"%PDF-1.4\n" + os.urandom(SCAN))
    async with harness.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
        session.add(
            Attachment(
                dossier_id=dossier.id, kind=AttachmentKind.SUPPORTING, label="Rapport 5", file_name="r5.pdf",
                size=SCAN + 9, sha256=sha256,
            )
        )  # fmt: skip

    # as many parts, but the last one holds the new file: another bundle, announced and sent whole
    again = said(await replay(harness))
    assert again[0].startswith(ANNOUNCED) and again[1:] == PARTS
    assert await still_kept(harness) == []
