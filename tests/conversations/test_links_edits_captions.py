"""What a person typed, kept as typed: a formatted link keeps its address wherever a text is answered (a
paste's parts each with their own); an edited message is said not taken with what the next message will
answer, so a correction does not land in the next field; a file's caption at a written question, or with
a file refused, comes back whole, in the words of the screen (the dossier's, or not)."""

from __future__ import annotations

import copy
import time

from sqlmodel import select

from models.tables import Action, Announcement, Attachment, Dossier, Indicator
from tests.conftest import ADMIN_ID
from tests.conversations.test_early_visit import submitted_coop
from tests.conversations.test_long_texts import telegram_parts, words
from tests.dossier_steps import FR_ANSWERS, LETTER_PDF, choose, join, open_home, start_own_indicator
from tests.harness import ChatUser

NBSP = "\u00a0"
REPORT = "https://coop.example.org/rapport-2025.pdf"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082"
)


def units(text: str) -> int:
    """A length as Telegram counts offsets: in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def linked(text: str, words_: str, url: str) -> list[dict]:
    """Telegram's text_link entity over ``words_`` in ``text``."""
    start = text.index(words_)
    return [{"type": "text_link", "offset": units(text[:start]), "length": units(words_), "url": url}]


async def send_with(user: ChatUser, **content) -> dict:
    """A private message with the fields given (entities, caption_entities…); the message sent."""
    message = user.fake._user_message(user.tg, **content)
    update = user.fake._push_update(message["chat"]["id"], {"message": message})
    user.replies = await user.harness.deliver(user.id, update)
    return message


async def edit(user: ChatUser, message: dict, text: str) -> None:
    """The person edits a message they sent."""
    edited = {**copy.deepcopy(message), "text": text, "edit_date": int(time.time()) + 5}
    update = user.fake._push_update(message["chat"]["id"], {"edited_message": edited})
    user.replies = await user.harness.deliver(user.id, update)


async def at_rationale(harness, user_id: int) -> ChatUser:
    """A member at the « why » question of their own new indicator."""
    sam = await join(harness, user_id, "fr", f"Coop {user_id}")
    await choose(sam, [1])
    await start_own_indicator(sam, 1)
    await sam.send("Part de BRS")
    return sam


async def rows(harness, table) -> list:
    async with harness.database.transaction() as session:
        return list((await session.exec(select(table))).all())


# ---- 1. a formatted link keeps its address ----------------------------------------------------------


async def test_a_formatted_link_keeps_its_address_in_the_answer_stored(harness):
    sam = await at_rationale(harness, 9100001)
    text = "🏠 Nous suivons la part de BRS (voir notre rapport) < & fin."
    await send_with(sam, text=text, entities=linked(text, "notre rapport", REPORT))
    rationale = (await rows(harness, Indicator))[0].rationale
    assert rationale == f"🏠 Nous suivons la part de BRS (voir notre rapport ({REPORT})) < & fin."
    assert f"notre rapport ({REPORT})" in sam.replies[0]["text"]  # the echo says what was stored


async def test_each_part_of_a_paste_keeps_the_addresses_of_its_own_links(harness):
    sam = await join(harness, 9100002, "fr", "Coop Paste")
    await open_home(sam)
    await sam.press("👥 Démarche")
    await sam.press("✍️ Répondre")
    first, second = telegram_parts(words(4096, "démarche") + " Voir le compte rendu, puis le guide.")
    await send_with(sam, text=first, entities=linked(first, "démarche3 ", "https://a.example.org/1"))
    await send_with(sam, text=second, entities=linked(second, "le guide", "https://a.example.org/guide"))
    await harness.settle(sam.id)
    approach = (await rows(harness, Dossier))[0].approach
    assert "démarche3 (https://a.example.org/1) démarche4" in approach
    assert approach.endswith("puis le guide (https://a.example.org/guide).")


async def test_an_announcements_description_keeps_its_sign_up_link(harness):
    admin = harness.user(ADMIN_ID, "Alix", "fr")
    for answer in ("/annonce", "VisioCoop Raison d’être", "9 décembre à 9h", "https://visio.example.org/x"):
        await admin.send(answer)
    text = "Inscrivez-vous ici avant lundi."
    await send_with(admin, text=text, entities=linked(text, "ici", "https://forms.example.org/inscription"))
    description = (await rows(harness, Announcement))[0].description
    assert description == "Inscrivez-vous ici (https://forms.example.org/inscription) avant lundi."


# ---- 2. an edited message: what the next message will answer ------------------------------------------


async def test_an_edited_action_names_the_next_question_and_the_way_back_to_correct_it(harness):
    sam = await join(harness, 9100003, "fr", "Coop Typo")
    await choose(sam, [1])
    await open_home(sam)
    await sam.press("📊 Indicateurs")
    await sam.press(" 1 · ")
    await sam.press("➕ Ajouter un indicateur")
    await sam.press("1 · ")
    for key in ("rationale", "current", "target", "date"):
        await sam.send(FR_ANSWERS[key])
    typo = await send_with(sam, text="Former l’équip")
    owner_question = sam.last
    await edit(sam, typo, "Former l’équipe commerciale")
    [notice] = sam.replies  # one message: the notice above the question drawn again, its buttons below
    assert notice["text"].startswith(
        f"✏️ Les messages modifiés ne sont pas pris en compte{NBSP}: votre message compte tel que vous "
        f"l’avez d’abord envoyé. Votre prochain message répondra à{NBSP}: «{NBSP}Qui porte cette action"
        f"{NBSP}?{NBSP}» Pour corriger une réponse précédente, appuyez sur «{NBSP}⬅️ Retour{NBSP}».\n\n"
    )
    assert notice["text"].endswith(owner_question["text"].split("\n\n", 1)[1])  # less the action's echo
    assert "⬅️ Retour" in sam.buttons(notice) and notice["message_id"] > owner_question["message_id"]
    # as the notice says: back to the action, corrected; then the owner, answered as such
    await sam.press("⬅️ Retour")
    await sam.send("Former l’équipe commerciale")
    await sam.send(FR_ANSWERS["owner"])
    action = (await rows(harness, Action))[0]
    assert (action.description, action.owner) == ("Former l’équipe commerciale", FR_ANSWERS["owner"])


async def test_an_edit_on_a_choice_says_how_to_go_back(harness):
    sam = await at_rationale(harness, 9100004)
    sent = await send_with(sam, text="Première version")
    await edit(sam, sent, "Version corrigée")
    [notice] = sam.replies
    assert "Votre prochain message" not in notice["text"]  # buttons are the answer here, not a message
    assert f"appuyez sur «{NBSP}⬅️ Retour{NBSP}»" in notice["text"]
    assert "Quel type de valeur prend-il" in notice["text"] and "⬅️ Retour" in sam.buttons(notice)
    assert (await rows(harness, Indicator))[0].rationale == "Première version"


async def test_an_edited_part_still_being_read_is_said_read_as_sent(harness):
    sam = await join(harness, 9100005, "fr", "Coop Read")
    await open_home(sam)
    await sam.press("👥 Démarche")
    await sam.press("✍️ Répondre")
    first = await send_with(sam, text=words(4096, "lu"))
    await edit(sam, first, "corrigé")
    assert sam.replies[0]["text"].startswith(
        f"✏️ Les modifications ne sont pas prises en compte{NBSP}: je lis ce message comme votre réponse"
    )
    await harness.settle(sam.id)
    assert (await rows(harness, Dossier))[0].approach == words(4096, "lu")


async def test_an_edit_at_the_home_is_said_alone(harness):
    sam = await join(harness, 9100006, "fr", "Coop Home")
    await open_home(sam)
    sent = await send_with(sam, text="bonjour")
    before = len(sam.messages)
    await edit(sam, sent, "bonjour !")
    assert [m["text"] for m in sam.messages[before:]] == [
        f"✏️ Les messages modifiés ne sont pas pris en compte{NBSP}: votre message compte tel que vous "
        f"l’avez d’abord envoyé. Pour changer une réponse déjà enregistrée, utilisez son bouton ✏️{NBSP}; "
        "pour tout autre message, envoyez-le de nouveau."
    ]


# ---- 3. a caption comes back whole --------------------------------------------------------------------


async def test_a_caption_at_a_dossier_question_comes_back_whole_not_taken_for_the_answer(harness):
    sam = await at_rationale(harness, 9100007)
    caption = words(1000, "légende") + " Voir le rapport."
    entities = linked(caption, "le rapport", REPORT)
    await send_with(sam, photo=sam.fake._files.photo_sizes(PNG), caption=caption, caption_entities=entities)
    said, given_back, question = (m["text"] for m in sam.replies)
    assert said == (
        f"⚠️ Cette question demande une réponse écrite. Ce fichier n’a pas été ajouté au dossier{NBSP}: "
        "répondez à la question (ou envoyez /annuler), puis envoyez-le de nouveau.\n"
        f"Voici ce que vous aviez écrit, pour ne pas le perdre{NBSP}:"
    )
    assert given_back == caption.replace("le rapport", f"le rapport ({REPORT})")
    assert "En quoi cet indicateur illustre-t-il la Raison d’être" in question
    assert (await rows(harness, Indicator))[0].rationale is None
    assert await rows(harness, Attachment) == []


async def test_a_caption_at_an_announcement_question_comes_back_in_its_words(harness):
    admin = harness.user(ADMIN_ID, "Alix", "fr")  # federation staff in no coop
    for answer in ("/annonce", "VisioCoop Raison d’être", "9 décembre à 9h", "https://visio.example.org/x"):
        await admin.send(answer)
    await send_with(admin, photo=admin.fake._files.photo_sizes(PNG), caption="Inscription avant lundi.")
    said, given_back, question = (m["text"] for m in admin.replies)
    assert said.startswith(
        f"⚠️ Cette question demande une réponse écrite. Ce fichier n’a pas été pris en compte{NBSP}: "
        "répondez à la question par écrit (ou envoyez /annuler).\n"
    )
    assert "dossier" not in said
    assert given_back == "Inscription avant lundi."
    assert question == admin.last_text and "Étape 4/" in question
    assert (await rows(harness, Announcement))[0].description is None


async def test_a_caption_at_a_committee_question_is_not_said_left_out_of_the_dossier(world):
    harness, _clock = world
    _director, committee = await submitted_coop(harness)
    await committee.send("/comite")
    await committee.press("Coop Horizon")
    await committee.press("✅ Déclarer recevable")
    comment_question = committee.last_text
    await send_with(committee, photo=committee.fake._files.photo_sizes(PNG), caption="Dossier complet.")
    said, given_back, question = (m["text"] for m in committee.replies)
    assert "n’a pas été pris en compte" in said and "dossier" not in said
    assert given_back == "Dossier complet."
    assert question == comment_question


async def test_a_file_refused_gives_its_caption_back_whole(harness):
    sam = await join(harness, 9100008, "fr", "Coop Twice")
    await open_home(sam)
    await sam.send_document("compte-rendu.pdf", LETTER_PDF, "application/pdf")
    caption = words(900, "encore")
    document = sam.fake.store_file(LETTER_PDF, "compte-rendu.pdf", "application/pdf")
    await send_with(sam, document=document, caption=caption)
    said, given_back = (m["text"] for m in sam.replies)
    assert said.startswith("⚠️ Ce fichier est déjà dans le dossier")
    assert given_back == caption
    assert len(await rows(harness, Attachment)) == 1
