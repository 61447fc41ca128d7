"""The admin's reply screen says the reply goes as written, and names the language each asker reads.

Before: « 2 personnes ont écrit dans cette demande : elles reçoivent votre réponse, chacune dans sa
langue » — but only the frame of the coop's notice is translated, never the admin's own text: a French
reply reached an English-speaking member in French, against the promise."""

from __future__ import annotations

from conversations.federation.request_notices import recipients_line
from locales import Translator
from models.federation.requests import ReplyRecipients
from tests.conftest import ADMIN_ID
from tests.dossier_steps import join

NBSP = "\u00a0"


async def test_the_reply_screen_names_the_askers_languages(harness):
    sam = await join(harness, 5601, "fr", "Coop Langues", role="member")
    lee = harness.user(5602, "Lee", language_code="en")
    await lee.send(f"/start {sam.invitations.member_token}")
    await sam.send("/federation")
    await sam.press("✍️")
    await sam.press("💬")
    await sam.send("Avez-vous des exemples d’affiches ?")
    await sam.press("📤")
    await lee.send("/federation")
    await lee.press("1")
    await lee.press("✍️")
    await lee.send("Posters in English too, please.")
    await harness.run_background()
    admin = harness.user(ADMIN_ID, "Dominique", "fr")
    await admin.send("/demandes")
    await admin.press("1")
    await admin.press("✍️")
    screen = admin.last_text
    assert "dans sa langue" not in screen and "dans leur langue" not in screen, screen
    assert "2\u00a0personnes ont écrit dans cette demande\u00a0: elles reçoivent votre réponse." in screen, (
        screen
    )
    said = f"telle que vous l’écrivez, sans traduction. Langues des personnes qui la reçoivent{NBSP}:"
    assert said in screen and "anglais (1)" in screen and "français (1)" in screen, screen


def test_one_reader_is_named_by_their_language():
    english = Translator("en")
    one = recipients_line(english, ReplyRecipients(user_ids=[1], writers=1, kind="writers"), ["fr"])
    assert one == (
        "1 person wrote in this request: they get your reply. It goes as you write it, without "
        "translation. Language of the person who gets it: French."
    )
    three = recipients_line(
        english, ReplyRecipients(user_ids=[1, 2, 3], writers=3, kind="writers"), ["fr", "en", "fr"]
    )
    assert three.endswith("Languages of the people who get it: French (2), English (1)."), three
    direction = recipients_line(english, ReplyRecipients(user_ids=[4], writers=1, kind="direction"), ["en"])
    assert direction.endswith("Language of the person who gets it: English."), direction
    nobody = recipients_line(english, ReplyRecipients(user_ids=[], writers=1, kind="nobody"), [])
    assert "translation" not in nobody, nobody
