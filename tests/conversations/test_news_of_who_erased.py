"""News naming someone who erased their data names nobody, whatever their Telegram name became since.

A piece of news that names a person carries their id (``"by"``): their erasure finds it, waiting in the
outbox or already sent (the recipient's /mesdonnees shows what it said), even once Telegram gave them
another first name. Each reader then reads « Un ancien membre » / "A former member" in their language;
the news of their arrival is not sent at all."""

import json

from sqlmodel import select

from models.outbox import enqueue
from models.tables import Notification
from tests.conftest import NOW
from tests.conversations.test_letter_replaced import DANA_PDF, SAM_PDF, open_letter_question, two_directors
from tests.conversations.test_personal_data import document_content
from tests.conversations.test_team_removed_meanwhile import coop_with_two_directors
from tests.dossier_steps import upload_letter


async def erase(user) -> None:
    """/supprimer, confirmed."""
    await user.send("/supprimer")
    await user.press("🗑 Oui, effacer mes données")


async def payloads(harness) -> list[dict]:
    """Every stored piece of news, waiting or sent."""
    async with harness.database.transaction() as session:
        rows = (await session.exec(select(Notification))).all()
    return [json.loads(n.payload) for n in rows]


async def dana_replaces_sams_letter(harness, base: int, sam_language: str = "fr"):
    """Sam sent the letter, Dana replaced it: Sam's news waits in the outbox."""
    sam, dana = await two_directors(harness, base, sam_language=sam_language)
    await upload_letter(sam, SAM_PDF, "lettre-sam.pdf")
    await open_letter_question(dana)
    await dana.send_document("lettre-dana.pdf", DANA_PDF, "application/pdf")
    return sam, dana


async def test_news_waiting_names_nobody_once_she_erased_under_a_new_telegram_name(harness):
    sam, dana = await dana_replaces_sams_letter(harness, 9740010)
    dana.tg["first_name"] = "Dana B."  # Telegram tells the new name with her next message
    await erase(dana)
    assert not [p for p in await payloads(harness) if "Dana" in json.dumps(p)]
    assert not [p for p in await payloads(harness) if dana.id in p.values()]  # nor her id
    before = len(sam.messages)
    await harness.run_background()
    told = "\n".join(sam.texts()[before:])
    assert "🔁 Un ancien membre a remplacé la lettre d’engagement que vous aviez envoyée" in told, told
    assert "Dana" not in told


async def test_an_english_reader_reads_a_former_member_in_english(harness):
    sam, dana = await dana_replaces_sams_letter(harness, 9740020, sam_language="en")
    await erase(dana)
    before = len(sam.messages)
    await harness.run_background()
    told = "\n".join(sam.texts()[before:])
    assert "🔁 A former member replaced the commitment letter you had sent" in told, told
    assert "ancien membre" not in told and "Dana" not in told


async def test_news_already_sent_leaves_the_recipients_data_once_she_erased_under_a_new_name(harness):
    sam, dana = await dana_replaces_sams_letter(harness, 9740030)
    await harness.run_background()  # sent to Sam, kept with what it said
    dana.tg["first_name"] = "Dana Martin"
    await erase(dana)
    await sam.send("/mesdonnees")
    exported, readable = [m for m in sam.replies if "document" in m][-2:]
    assert "Dana" not in document_content(harness, exported).decode()
    readable = document_content(harness, readable).decode()
    assert "Dana" not in readable
    assert "ancien membre · Coop 9740030" in readable


async def test_letter_added_news_names_nobody_once_she_erased_under_a_new_name(harness):
    """Another writer of news: the coop's colleagues told of the direction's letter."""
    sam, dana = await two_directors(harness, 9740040)
    await upload_letter(dana, DANA_PDF, "lettre-dana.pdf")
    dana.tg["first_name"] = "Dana B."
    await erase(dana)
    before = len(sam.messages)
    await harness.run_background()
    told = "\n".join(sam.texts()[before:])
    assert "📎 Un ancien membre a ajouté la lettre d’engagement de la direction" in told, told
    assert "Dana" not in told


async def test_news_written_before_the_id_is_still_found_by_the_name_and_a_namesake_keeps_hers(harness):
    """Rows written before news carried an id are found by the current first name in her coop; a row
    that names another Dana, by her id, is hers and stays."""
    sam, dana = await two_directors(harness, 9740050)
    async with harness.database.transaction() as session:
        old = {"name": "Dana", "coop": "Coop 9740050", "cycle": 2}
        namesake = {"name": "Dana", "by": 555, "coop": "Coop 9740050", "cycle": 2}
        await enqueue(session, [sam.id], "new_cycle", old, now=NOW)
        await enqueue(session, [sam.id], "new_cycle", namesake, now=NOW)
    await erase(dana)
    names = sorted(p["name"] for p in await payloads(harness) if p.get("cycle") == 2)
    assert names == ["Dana", "ancien membre"]


async def test_arrival_news_of_someone_who_erased_meanwhile_is_not_sent(harness):
    paul, jeanne, marie = await coop_with_two_directors(harness)
    await erase(marie)  # her arrival news to Paul and Jeanne still wait
    before = len(paul.messages), len(jeanne.messages)
    await harness.run_background()
    told_paul = "\n".join(paul.texts()[before[0] :])
    told_jeanne = "\n".join(jeanne.texts()[before[1] :])
    assert "Jeanne Roux a rejoint l’équipe de Coop Habitat" in told_paul  # a colleague still here: told
    assert "a rejoint l’équipe de Coop Habitat (membre)." not in told_paul + told_jeanne
    assert "ancien membre" not in (told_paul + told_jeanne).lower()


async def test_replacing_the_letter_of_a_director_who_erased_tells_nobody(harness):
    sam, dana = await two_directors(harness, 9740060)
    await upload_letter(sam, SAM_PDF, "lettre-sam.pdf")
    await erase(sam)
    await open_letter_question(dana)
    said = await dana.send_document("lettre-dana.pdf", DANA_PDF, "application/pdf")
    assert "Document enregistré" in " ".join(m.get("text", "") for m in said)
    async with harness.database.transaction() as session:
        news = (await session.exec(select(Notification))).all()
    assert not [(n.user_id, n.kind) for n in news if n.user_id < 0]


async def test_a_recipients_data_holds_no_colleagues_telegram_id(harness):
    sam, dana = await dana_replaces_sams_letter(harness, 9740080)
    await harness.run_background()
    await sam.send("/mesdonnees")
    exported = [m for m in sam.replies if "document" in m][-2]
    tables = json.loads(document_content(harness, exported))["tables"]
    news = [n for n in tables["notification"] if n["kind"] == "letter_replaced"]
    assert news and all(str(dana.id) not in n["payload"] for n in news), news  # « by » is for erasure only
