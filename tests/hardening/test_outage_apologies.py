"""What a person is told while the database does not answer (as tests/unit/test_outages.py makes it go: a
database that cannot be opened in its place, on SQLite and PostgreSQL alike): a file is named as not saved
and its caption given back whole; a press is answered (no button left loading); a newcomer opening their
invitation link is told to open it again, not to use /dossier they have not; one who just chose a
language in the bot is apologised to in it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from models.consultations.store import LINK_PREFIX
from models.db import Database
from tests.dossier_steps import LETTER_PDF, join
from tests.harness import BotHarness

CAPTION = "Lettre d’engagement signée par le conseil d’administration du 12 mars"


@contextmanager
def database_away(harness: BotHarness, tmp_path) -> Iterator[None]:
    """The database stops answering within the block (a file that cannot be opened in its place)."""
    services = harness.application.bot_data
    working = services.database
    services.database = Database(f"sqlite:///{tmp_path / 'no-such-folder' / 'gone.sqlite3'}")
    try:
        yield
    finally:
        services.database = working


async def test_a_file_sent_meanwhile_is_named_not_saved_and_its_caption_given_back(harness, tmp_path):
    camille = await join(harness, 9731001, "fr")
    update = harness.fake.user_document(
        camille.tg, "lettre.pdf", LETTER_PDF, "application/pdf", caption=CAPTION
    )
    with database_away(harness, tmp_path):
        replies = await harness.deliver(camille.id, update, expect_error=True)
    said = [reply["text"] for reply in replies]
    assert said == [
        "Désolé, un problème est survenu de notre côté\u00a0: le fichier «\u00a0lettre.pdf\u00a0» n’a pas été "
        "enregistré. Renvoyez-le dans un instant. Voici sa légende, à remettre à l’envoi\u00a0:",
        CAPTION,  # whole, as a text typed would come back
    ]


async def test_a_photo_sent_meanwhile_is_said_not_saved(harness, tmp_path):
    camille = await join(harness, 9731002, "en")
    update = harness.fake.user_photo(camille.tg, b"\x89PNG not really", caption="The general assembly")
    with database_away(harness, tmp_path):
        replies = await harness.deliver(camille.id, update, expect_error=True)
    assert [reply["text"] for reply in replies] == [
        "Sorry, something went wrong on our side: the photo was not saved. Please send it again in a moment. "
        "Here is its caption, to add back when you send it again:",
        "The general assembly",
    ]
    update = harness.fake.user_document(camille.tg, "plan.pdf", LETTER_PDF, "application/pdf")
    with database_away(harness, tmp_path):
        replies = await harness.deliver(camille.id, update, expect_error=True)
    assert [reply["text"] for reply in replies] == [  # no caption: nothing more
        "Sorry, something went wrong on our side: the file “plan.pdf” was not saved. Please send it again "
        "in a moment."
    ]


async def test_a_press_meanwhile_is_answered(harness, tmp_path):
    camille = await join(harness, 9731003, "fr")
    await camille.send("/dossier")
    with database_away(harness, tmp_path):
        replies = await camille.press("Axe 1", camille.last, expect_error=True)
    assert replies[0]["text"].startswith("Désolé, un problème est survenu")
    assert camille.alerts == [""]  # the button stops loading
    assert not harness.fake._open_callback_queries


async def test_an_invitation_opened_meanwhile_is_to_be_opened_again(harness, tmp_path):
    invitations = await harness.add_coop("Coop Habitat")
    newcomer = harness.user(9731004, language_code="fr")
    with database_away(harness, tmp_path):
        replies = await newcomer.send(f"/start {invitations.member_token}", expect_error=True)
        ballot = await harness.user(9731005, language_code="en").send(
            f"/start {LINK_PREFIX}abc", expect_error=True
        )
    assert [reply["text"] for reply in replies] == [  # they have no dossier, and cannot see the token
        "Désolé, un problème est survenu de notre côté. Rouvrez votre lien d’invitation dans un instant."
    ]
    assert [reply["text"] for reply in ballot] == [
        "Sorry, something went wrong on our side. Please open the consultation link again in a moment."
    ]


async def test_one_who_just_chose_a_language_is_apologised_to_in_it(harness, tmp_path):
    jane = harness.user(9731006, language_code="fr")  # her phone in French; she chooses English in the bot
    await jane.send("/langue")
    assert (await jane.press("English"))[0]["text"].startswith("✅ The assistant now speaks English.")
    with database_away(harness, tmp_path):
        replies = await jane.send("Our rents stay well below the market.", expect_error=True)
    said = [reply["text"] for reply in replies]
    assert said[0].startswith("Sorry, something went wrong on our side"), said
    assert said[1] == "Our rents stay well below the market."


async def test_one_who_chose_french_in_the_settings_is_apologised_to_in_french(harness, tmp_path):
    camille = await join(harness, 9731007, "en")
    await camille.send("/settings")
    await camille.press("Language")
    await camille.press("Français")
    with database_away(harness, tmp_path):
        replies = await camille.send("/dossier", expect_error=True)
    assert replies[0]["text"].startswith("Désolé, un problème est survenu de notre côté")
