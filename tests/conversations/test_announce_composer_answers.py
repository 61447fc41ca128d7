"""/annonce's answers as typed: a long description shown whole again to keep or change, a title typed on
two lines kept on one (a coop's own unit too), the meeting's address taken out of a formatted link or a
sentence, and a choice no button offers said so on the screen it belongs to."""

from __future__ import annotations

import pytest
from sqlmodel import select

from models.federation.announcement_drafts import meeting_link
from models.parsing.text import InputError
from models.parsing.values import parse_unit
from models.tables import Announcement
from tests.conftest import ADMIN_ID
from tests.conversations.test_links_edits_captions import linked, send_with
from tests.conversations.test_long_texts import words

NBSP = "\u00a0"
VISIO = "https://visio.example.org/visiocoop"
NOT_A_LINK = "n’est pas un lien web"


async def the_draft(harness) -> Announcement:
    async with harness.database.transaction() as session:
        return (await session.exec(select(Announcement))).one()


async def at_link(harness):
    """An admin at the link's question of a new announcement."""
    admin = harness.user(ADMIN_ID, "Alix", "fr")
    for answer in ("/annonce", "VisioCoop Raison d’être", "9 décembre à 9h"):
        await admin.send(answer)
    return admin


async def test_a_long_description_comes_back_whole_to_copy_when_asked_again(harness):
    admin = await at_link(harness)
    await admin.send(VISIO)
    description = words(1000, "desc")  # the longest a description may be
    await admin.paste(description)  # a long text waits a moment for a part that may follow
    assert "Qui doit la recevoir" in admin.last_text

    await admin.press("⬅️")  # back to the description
    question, *after = admin.replies
    assert "Une courte description" in question["text"] and "Actuellement" in question["text"]
    assert "Le texte actuel complet suit dans le message suivant" in question["text"]
    assert [m["text"] for m in after] == [description]  # plain, whole, alone: to copy and correct
    assert all(len(m["text"]) <= 4096 for m in admin.replies)
    await admin.press("Garder")
    assert (await the_draft(harness)).description == description


async def test_a_short_current_answer_is_shown_on_its_question_alone(harness):
    admin = await at_link(harness)
    await admin.send(VISIO)
    await admin.press("⬅️")  # back to the link
    assert [m["text"] for m in admin.replies] == [admin.last_text]
    assert f"Actuellement{NBSP}: {VISIO}" in admin.last_text and "complet suit" not in admin.last_text


async def test_a_title_typed_on_two_lines_is_kept_on_one(harness):
    admin = harness.user(ADMIN_ID, "Alix", "fr")
    await admin.send("/annonce")
    await admin.send("VisioCoop :\n\n  la Raison d’être  \ndes coopératives")
    assert (await the_draft(harness)).title == "VisioCoop : la Raison d’être des coopératives"


def test_a_coops_own_unit_typed_on_two_lines_is_kept_on_one():
    assert parse_unit("jours\nouvrés") == "jours ouvrés"
    assert parse_unit(" tonnes \n\n de CO2 ") == "tonnes de CO2"
    assert parse_unit("jours\n") == "days"  # a listed unit's word still reads as that unit


async def test_a_formatted_link_gives_its_address(harness):
    admin = await at_link(harness)
    await send_with(admin, text="visio", entities=linked("visio", "visio", VISIO))
    assert NOT_A_LINK not in admin.reply_text()
    assert (await the_draft(harness)).video_link == VISIO
    assert f"✅ {VISIO}" in admin.last_text and "Une courte description" in admin.last_text


async def test_an_address_in_a_sentence_is_taken_and_two_are_refused(harness):
    admin = await at_link(harness)
    await admin.send("Deux salles : https://a.example.org/1 ou https://b.example.org/2")
    assert NOT_A_LINK in admin.reply_text() and "ex. https://" in admin.last_text
    assert (await the_draft(harness)).video_link is None
    await admin.send(f"Le lien : {VISIO}.")
    assert (await the_draft(harness)).video_link == VISIO


@pytest.mark.parametrize(
    ("typed", "address"),
    [
        (VISIO, VISIO),
        (f"visio ({VISIO})", VISIO),  # a formatted link as it is read (typed_text)
        (f"« {VISIO} »", VISIO),
        (f"{VISIO}, mot de passe 1234", VISIO),
        (f"{VISIO} et {VISIO}.", VISIO),  # one address twice is one address
        (f"{VISIO}\n\nMot de passe : 1234", VISIO),
        (f"Le lien : {VISIO}.\nÀ mercredi", VISIO),
        ("voir (https://fr.wikipedia.org/wiki/Coop_(France))", "https://fr.wikipedia.org/wiki/Coop_(France)"),
        ("HTTPS://VISIO.EXAMPLE.ORG/X", "HTTPS://VISIO.EXAMPLE.ORG/X"),
    ],
)
def test_the_meetings_address_is_the_one_typed(typed, address):
    assert meeting_link(typed) == address


@pytest.mark.parametrize(
    "typed",
    [
        "visio",
        "https://",
        "(https://).",
        "https://a.example.org https://b.example.org",
        "https://" + "x" * 500,
        "https://visio.example.org/\nrdv",  # cut by a line break: it may go on on the next line
        f"{VISIO}\u200b",  # an invisible sign glued to it
    ],
)
def test_no_address_or_several_are_refused(typed):
    with pytest.raises(InputError) as refused:
        meeting_link(typed)
    assert refused.value.code == "not_a_link"


async def test_a_stage_no_button_offers_is_said_and_the_stages_drawn_again(harness):
    admin = await at_link(harness)
    await admin.send("-")
    await admin.send("-")
    await admin.press("Par étape du label")
    draft = await the_draft(harness)
    await admin.press_data(admin.last, f"ans:{draft.id}:zzz")
    assert admin.alerts in ([], [""])
    assert f"Ce choix n’existe plus{NBSP}: choisissez parmi les boutons ci-dessous." in admin.last_text
    assert "Quelle étape" in admin.last_text
    assert (await the_draft(harness)).audience == "all"
