"""The buttons that send a file or answer a pop-up (``router.on_button``: the PDF, a document's file, the
language choice…) take an older version's arguments as every other button does (d4fe263): the menu is out
of date, said so, and the current screen comes as a new message (the welcome for someone in no coop), not
« this button is not about your coop's dossier ». That stays for a well-formed button naming another coop's
row."""

from __future__ import annotations

import pytest

from tests.conversations.test_old_menus_and_refused_edits import NOT_YOURS_FR, OUT_OF_DATE_FR
from tests.dossier_steps import join, open_home


@pytest.mark.parametrize("data", ["pdf:1", "rv:2:x", "atf:abc", "atf", "stg", "stg:fr:1", "lang"])
async def test_a_file_or_popup_button_of_an_older_version_says_so_and_opens_the_current_screen(harness, data):
    member = await join(harness, 9810101, "fr")
    await open_home(member)
    await member.press("👥 Démarche")
    menu = member.last
    replies = await member.press_data(menu, data)
    assert member.alerts == [OUT_OF_DATE_FR], member.alerts
    assert replies and member.last["message_id"] != menu["message_id"]  # where they are, as a new message
    assert "✍️ Répondre" in " ".join(member.buttons(member.last))
    assert not member.buttons(menu) and not harness.errors


async def test_someone_in_no_coop_pressing_an_old_language_button_gets_the_welcome(harness):
    camille = harness.user(9810102)
    await camille.send("/start")
    replies = await camille.press_data(camille.last, "lang:fr:1")
    assert camille.alerts == ["Ce menu n’est plus à jour."]
    assert replies and "Bienvenue" in camille.last_text


async def test_a_well_formed_file_button_naming_another_coops_document_is_still_not_yours(harness):
    member = await join(harness, 9810103, "fr")
    await open_home(member)
    await member.press_data(member.last, "atf:999999")  # another dossier's document
    assert member.alerts and NOT_YOURS_FR in member.alerts[0]
    assert "document" not in member.last
