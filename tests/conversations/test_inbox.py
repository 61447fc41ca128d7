"""Updates received through the webhook are kept until their work is stored (``bot.updates.inbox``): the
mark « handled » commits with that work, the update is forgotten at the beat after its reply, and what an
instance that is gone left is handled by another, or given back when its sender has written since."""

from __future__ import annotations

import json
from contextlib import contextmanager
from types import SimpleNamespace

from sqlalchemy import event
from sqlmodel import select
from sqlmodel import update as update_
from telegram import Update

from bot.updates import inbox
from bot.updates.inbox import replay_job
from bot.web.webhook import keep
from models.clock import utcnow
from models.operations.inbox import receive
from models.operations.instances import InstanceId, register
from models.tables import Indicator, Instance, UnhandledUpdate
from tests.dossier_steps import LABELS, LETTER_PDF, join, open_home
from tests.unit.test_query_counts import at_a_new_indicators_title


@contextmanager
def committed_transactions(engine):
    """The statements of each transaction committed within the block (those rolled back left out)."""
    done: list[list[str]] = []
    current: list[str] = []
    sync = engine.sync_engine

    def statement(_conn, _cursor, sql, _parameters, _context, _many) -> None:
        current.append(" ".join(sql.split()).replace('"', ""))

    def commit(_conn) -> None:
        done.append(current.copy())
        current.clear()

    def rollback(_conn) -> None:
        current.clear()

    listeners = {"before_cursor_execute": statement, "commit": commit, "rollback": rollback}
    for name, listener in listeners.items():
        event.listen(sync, name, listener)
    try:
        yield done
    finally:
        for name, listener in listeners.items():
            event.remove(sync, name, listener)


def with_mark(done: list[list[str]]) -> list[list[str]]:
    """The committed transactions that marked a kept update handled (its reply owed), or forgot it."""
    marks = ("UPDATE unhandledupdate SET body", "DELETE FROM unhandledupdate")
    return [t for t in done if any(s.startswith(marks) for s in t)]


async def kept(harness, update: dict) -> dict:
    """An update as the webhook takes it: recorded and kept before Telegram is told « ok »."""
    application = harness.application
    assert await keep(application, Update.de_json(update, application.bot), json.dumps(update))
    return update


async def still_kept(harness) -> list[int]:
    async with harness.database.transaction() as session:
        return list((await session.exec(select(UnhandledUpdate.update_id))).all())


async def test_a_typed_answer_forgets_its_update_in_the_transaction_that_stores_it(harness):
    camille = await at_a_new_indicators_title(harness, 1301)
    update = await kept(harness, camille.fake.user_text(camille.tg, "Délai de relogement"))
    with committed_transactions(harness.database.engine) as done:
        await harness.deliver(camille.id, update)
    assert len(done) == 1, done  # one commit, as without the webhook: the answer and the mark together
    assert with_mark(done) == done and any(s.startswith("INSERT INTO indicator") for s in done[0]), done
    assert await still_kept(harness) == [update["update_id"]]  # its reply owed, until the next beat
    assert await replay(harness) == []
    assert await still_kept(harness) == []


async def test_a_file_its_attachment_and_the_update_forgotten_are_one_transaction(harness):
    """A file's bytes, its attachment and the update forgotten are committed together: a file refused
    (the limit, already there, a submitted dossier) leaves no bytes behind, and an instance killed
    before the commit leaves the update to handle again, whole."""
    camille = await join(harness, 1302, "fr")
    await open_home(camille)
    await camille.press(LABELS["fr"]["documents"])
    await camille.press(LABELS["fr"]["letter"])
    letter = camille.fake.user_document(camille.tg, "lettre.pdf", LETTER_PDF, "application/pdf")
    update = await kept(harness, letter)
    with committed_transactions(harness.database.engine) as done:
        await harness.deliver(camille.id, update)
    stored = [t for t in done if any(s.startswith("INSERT INTO storedfile") for s in t)]
    marked = with_mark(done)
    assert len(stored) == len(marked) == 1 and stored == marked, done
    assert any(s.startswith("INSERT INTO attachment") for s in marked[0]), done
    assert await replay(harness) == []  # the next beat forgets it, answered
    assert await still_kept(harness) == []


async def test_an_update_that_writes_nothing_is_forgotten_once_handled(harness):
    camille = await join(harness, 1303, "fr")
    update = await kept(harness, camille.fake.user_text(camille.tg, "/help"))
    with committed_transactions(harness.database.engine) as done:
        await harness.deliver(camille.id, update)
    assert done == with_mark(done) and len(done) == 1 and len(done[0]) == 1, done  # the mark alone
    assert "Ce que fait cet assistant" in camille.last_text
    assert await still_kept(harness) == []


async def left_by_a_gone_instance(harness, update: dict) -> dict:
    """An update an instance received, then was killed before handling (it never beat again)."""
    gone = InstanceId()
    async with harness.database.transaction() as session:
        await register(session, gone, utcnow().replace(year=2020))
        sender = (update.get("message") or update.get("callback_query"))["from"]["id"]
        assert await receive(session, update["update_id"], sender, json.dumps(update), gone, utcnow())
    return update


async def replay(harness) -> list[dict]:
    """What this instance's replay job takes, handled as its update fetcher would; the messages sent."""
    application = harness.application
    await replay_job(SimpleNamespace(application=application))
    sent = []
    while not application.update_queue.empty():
        update = application.update_queue.get_nowait()
        chat_id = update.effective_chat.id
        sent += await harness.deliver(chat_id, update.to_dict())
    return sent


async def test_an_update_left_by_a_gone_instance_is_handled_here_once(harness):
    camille = await at_a_new_indicators_title(harness, 1304)
    await left_by_a_gone_instance(harness, camille.fake.user_text(camille.tg, "Délai de relogement"))
    await replay(harness)
    async with harness.database.transaction() as session:
        titles = (await session.exec(select(Indicator.title))).all()
    assert titles == ["Délai de relogement"]
    assert "Délai de relogement" in camille.last_text  # the indicator's next question
    assert await replay(harness) == []  # nothing left, nothing twice
    assert await still_kept(harness) == []


async def test_an_update_of_a_live_instance_is_left_to_it(harness):
    camille = await join(harness, 1305, "fr")
    update = await kept(harness, camille.fake.user_text(camille.tg, "/help"))  # kept by this instance
    async with harness.database.transaction() as session:
        await register(session, other := InstanceId(), utcnow())
    application = harness.application
    me, application.bot_data.sending.me = application.bot_data.sending.me, other  # another one looks
    try:
        assert await replay(harness) == []
    finally:
        application.bot_data.sending.me = me
    assert await still_kept(harness) == [update["update_id"]]


async def test_an_update_overtaken_by_its_senders_next_one_is_given_back_whole(harness):
    """Left by a gone instance, then the person wrote again (answered by another instance): the old
    text can no longer be taken as the answer it was meant for; it comes back, nothing is stored."""
    camille = await at_a_new_indicators_title(harness, 1306)
    lost = "Délai de relogement " + "très long " * 500  # more than one message holds
    await left_by_a_gone_instance(harness, camille.fake.user_text(camille.tg, lost))
    await harness.deliver(camille.id, await kept(harness, camille.fake.user_text(camille.tg, "/dossier")))
    sent = await replay(harness)
    texts = [m["text"] for m in sent]
    assert texts[0].startswith("⚠️ Ce message m’est parvenu en retard, pendant un redémarrage"), texts
    assert " ".join(texts[1:]).split() == lost.split() and len(texts) > 2, texts  # whole, in two messages
    async with harness.database.transaction() as session:
        assert (await session.exec(select(Indicator))).all() == []
    assert await still_kept(harness) == []


async def test_a_command_or_a_press_overtaken_is_dropped_silently(harness):
    camille = await join(harness, 1308, "fr")
    await open_home(camille)
    press = camille.fake.user_callback(camille.tg, camille.last, camille.find_button("Documents")[1])
    await left_by_a_gone_instance(harness, press)
    await left_by_a_gone_instance(harness, camille.fake.user_text(camille.tg, "/dossier"))
    await harness.deliver(camille.id, await kept(harness, camille.fake.user_text(camille.tg, "/help")))
    calls = len(harness.fake.calls)
    assert await replay(harness) == []
    assert [c.method for c in harness.fake.calls[calls:]] == []  # not even the press answered: too late
    assert await still_kept(harness) == []


async def test_a_file_overtaken_by_its_senders_next_message_is_named_and_asked_again(harness):
    """A file is not given back: named as Telegram gave it (a photo as the photo), so that its sender
    knows which one to send again; a photo's caption is given back whole."""
    camille = await join(harness, 1307, "fr")
    letter = camille.fake.user_document(camille.tg, "lettre.pdf", LETTER_PDF, "application/pdf")
    await left_by_a_gone_instance(harness, letter)
    photo = camille.fake.user_photo(camille.tg, b"\xff\xd8 chantier", caption="Le chantier en mars")
    await left_by_a_gone_instance(harness, photo)
    await harness.deliver(camille.id, await kept(harness, camille.fake.user_text(camille.tg, "/help")))
    texts = [m["text"] for m in await replay(harness)]
    assert texts == [
        "⚠️ Le fichier «\u00a0lettre.pdf\u00a0» m’est parvenu en retard, pendant un redémarrage, après les messages "
        "que vous avez envoyés ensuite\u00a0: il n’a pas été enregistré. Renvoyez-le s’il est encore utile.",
        "⚠️ La photo m’est parvenue en retard, pendant un redémarrage, après les messages que vous avez "
        "envoyés ensuite\u00a0: elle n’a pas été enregistrée. Renvoyez-la si elle est encore utile.\n"
        "Voici ce que vous aviez écrit, pour ne pas le perdre\u00a0:",
        "Le chantier en mars",
    ], texts
    assert await still_kept(harness) == []


def carrying(camille, **content) -> dict:
    """A message of Camille's carrying a voice note, a video, a sticker…"""
    fake = camille.fake
    return fake._push_update(camille.id, {"message": fake._user_message(camille.tg, **content)})


def medium(**fields) -> dict:
    return {"file_id": "F1", "file_unique_id": "f1", **fields}


MEDIA = {  # as Telegram gives them, and what Camille is told in French (after « ⚠️ »)
    "voice": (
        medium(duration=42),
        "Votre note vocale (0:42) m’est parvenue en retard, pendant un redémarrage, après les messages que "
        "vous avez envoyés ensuite\u00a0: elle n’a pas été prise en compte. Si elle est encore utile, écrivez "
        "ce qu’elle disait.",
    ),
    "video_note": (
        medium(duration=15, length=240),
        "Votre message vidéo (0:15) m’est parvenu en retard, pendant un redémarrage, après les messages que "
        "vous avez envoyés ensuite\u00a0: il n’a pas été pris en compte. S’il est encore utile, écrivez ce "
        "qu’il disait.",
    ),
    "video": (
        medium(duration=3725, width=640, height=360, file_name="chantier.mp4"),
        "Votre vidéo (chantier.mp4, 1:02:05) m’est parvenue en retard, pendant un redémarrage, après les "
        "messages que vous avez envoyés ensuite\u00a0: elle n’a pas été enregistrée. Si elle est encore "
        "utile, renvoyez-la en tant que fichier.",
    ),
    "audio": (
        medium(duration=750, title="AG de juin"),
        "Votre fichier audio (AG de juin, 12:30) m’est parvenu en retard, pendant un redémarrage, après les "
        "messages que vous avez envoyés ensuite\u00a0: il n’a pas été enregistré. S’il est encore utile, "
        "renvoyez-le en tant que fichier.",
    ),
    "sticker": (
        medium(width=512, height=512, is_animated=False, is_video=False, type="regular", emoji="👍"),
        "Votre autocollant 👍 m’est parvenu en retard, pendant un redémarrage, après les messages que vous "
        "avez envoyés ensuite\u00a0: il n’a pas été pris en compte.",
    ),
}


async def test_a_voice_note_a_video_or_a_sticker_overtaken_is_named(harness):
    """Not a generic line: each is named as the person's app showed it (its length, its name, its emoji),
    with what to do if it still matters; a video's caption is given back whole."""
    camille = await join(harness, 1310, "fr")
    for kind, (fields, _) in MEDIA.items():
        caption = {"caption": "Visite du chantier"} if kind == "video" else {}
        await left_by_a_gone_instance(harness, carrying(camille, **{kind: fields}, **caption))
    await harness.deliver(camille.id, await kept(harness, camille.fake.user_text(camille.tg, "/help")))
    texts = [m["text"] for m in await replay(harness)]
    kept_back = "\nVoici ce que vous aviez écrit, pour ne pas le perdre\u00a0:"
    said = [f"⚠️ {told}" for _, told in MEDIA.values()]
    said[2:3] = [said[2] + kept_back, "Visite du chantier"]
    assert texts == said, texts
    assert await still_kept(harness) == []


async def test_a_gif_overtaken_is_named_as_a_gif_in_english(harness):
    """A GIF comes as an animation and a document: it is named as the GIF the person sent."""
    sam = await join(harness, 1311, "en")
    gif = medium(duration=3, width=320, height=240, file_name="bravo.mp4", mime_type="video/mp4")
    await left_by_a_gone_instance(harness, carrying(sam, animation=gif, document=gif))
    await harness.deliver(sam.id, await kept(harness, sam.fake.user_text(sam.tg, "/help")))
    texts = [m["text"] for m in await replay(harness)]
    assert texts == [
        "⚠️ Your GIF (bravo.mp4, 0:03) reached me late, while I was restarting, after the messages you sent "
        "next: it was not taken into account."
    ], texts


async def test_an_update_another_instance_took_meanwhile_is_not_stored_twice(harness):
    """This instance stalled past its lease while the update waited in its queue: another one took it
    (and handles it). This one's work is rolled back, silently: the update is handled once, there."""
    camille = await at_a_new_indicators_title(harness, 1309)
    update = await kept(harness, camille.fake.user_text(camille.tg, "Délai de relogement"))
    async with harness.database.transaction() as session:
        taken = update_(UnhandledUpdate).where(UnhandledUpdate.update_id == update["update_id"])
        await session.exec(taken.values(receiver="another-instance"))
    sent_before = len(harness.fake.calls)
    await harness.deliver(camille.id, update, expect_error=True)
    async with harness.database.transaction() as session:
        assert (await session.exec(select(Indicator))).all() == []
        left = (await session.exec(select(UnhandledUpdate.receiver))).all()
    assert left == ["another-instance"]  # still that instance's to forget, with its own work
    assert not [c for c in harness.fake.calls[sent_before:] if c.method == "sendMessage"]  # no apology


async def test_an_instance_whose_heartbeat_went_stale_does_not_take_back_its_own_updates(harness):
    camille = await join(harness, 1310, "fr")
    await kept(harness, camille.fake.user_text(camille.tg, "/help"))  # still in this instance's queue
    me = harness.application.bot_data.sending.me
    async with harness.database.transaction() as session:
        stale = update_(Instance).where(Instance.id == me.id).values(heartbeat_at=utcnow().replace(year=2020))
        await session.exec(stale)
    assert await replay(harness) == []
    assert len(await still_kept(harness)) == 1


async def test_an_erasure_through_the_webhook_is_not_taken_for_another_instances_doing(harness):
    """/supprimer removes everything its person sent, the kept press that asks it included: the mark
    then finds nothing to forget, which is no other instance's doing (found by the fuzzer)."""
    camille = await join(harness, 1311, "fr")
    harness.through_webhook = lambda: True
    await camille.send("/supprimer")
    await camille.press("🗑 Oui, effacer mes données")
    assert "Vos données personnelles sont effacées" in camille.last_text
    async with harness.database.transaction() as session:
        assert (await session.exec(select(Instance.id))).all()  # the instance row, nothing of hers
    assert await still_kept(harness) == []


async def test_a_mark_that_failed_with_the_database_away_is_made_at_the_next_beat(harness, monkeypatch):
    camille = await join(harness, 1312, "fr")
    update = await kept(harness, camille.fake.user_text(camille.tg, "/help"))
    original, failures = inbox.forget_handled, [RuntimeError("the database went away")]

    async def fails_once(*args, **kwargs):
        if failures:
            raise failures.pop()
        return await original(*args, **kwargs)

    monkeypatch.setattr(inbox, "forget_handled", fails_once)
    await harness.deliver(camille.id, update)  # answered; its mark could not be written
    assert await still_kept(harness) == [update["update_id"]]
    assert await replay(harness) == []  # the next beat: the mark, and nothing handled again
    assert await still_kept(harness) == [] and not harness.application.bot_data.unforgotten
