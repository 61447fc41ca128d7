"""A first unit chosen for a number indicator keeps only the values that fit it (the domain's rule: 150
is no share): the chat and the Mini App take that for what the unit clears. The unit screen says a value
that does not fit is cleared; the notice after the press names what was; a value a colleague typed since
the screen was drawn that the unit would clear is refused as with a unit replaced (marks), nothing
cleared unsaid; the page's unit sent with the values it showed, the same."""

from __future__ import annotations

from models.tables import Indicator
from tests.conversations.test_editor_stale_choices import in_app, the_indicator, values
from tests.conversations.test_editor_terms_changed import plain
from tests.conversations.test_miniapp_api import auth, client, coop_with_indicator
from tests.dossier_steps import open_home

FITS = "Une valeur qui ne convient pas à l’unité choisie sera effacée."


async def unit_screen(harness, user_id: int, target: str | None = None):
    """A number indicator at 12 (and ``target``), no unit yet; its unit screen opened from its ✏️."""
    director, _dossier = await coop_with_indicator(harness, user_id, f"Coop Unité {user_id}")
    typed = [("value_kind", "number", None), ("current_value", "12", None), ("target_value", target, None)]
    await in_app(harness, director, typed[: 3 if target else 2])
    await open_home(director)
    await director.press("📊 Indicateurs")
    await director.press(" 1 · ")
    await director.press("1 · Part de BRS")
    await director.press("✏️ Unité")
    return director, director.last


async def test_the_screen_says_a_first_unit_clears_what_does_not_fit(web_harness):
    director, _screen = await unit_screen(web_harness, 9741221)
    assert FITS in plain(director.last_text), director.last_text
    assert "Le changer efface" not in plain(director.last_text)  # nothing is replaced


async def test_a_first_unit_clearing_a_value_says_so(web_harness):
    director, screen = await unit_screen(web_harness, 9741201, "150")  # not a share
    await director.press("%", screen)
    assert values(await the_indicator(web_harness)) == ("number", "percent", "12", None)
    said = plain(director.reply_text())
    assert "✅ Unité : %\n« Valeur cible » effacée : « 150 » ne convient pas à cette unité." in said, said


async def test_a_first_unit_clearing_nothing_says_nothing_more(web_harness):
    director, screen = await unit_screen(web_harness, 9741231, "30")  # a share: kept
    await director.press("%", screen)
    assert values(await the_indicator(web_harness)) == ("number", "percent", "12", "30")
    assert "effacée" not in plain(director.reply_text()), director.reply_text()


async def test_a_colleagues_value_typed_since_the_screen_is_not_cleared_unsaid(web_harness):
    director, screen = await unit_screen(web_harness, 9741211)
    bob = web_harness.user(9741212, first_name="Bob", language_code="fr")
    await bob.send(f"/start {director.invitations.member_token}")
    await in_app(web_harness, bob, [("target_value", "150", None)])  # after the screen was drawn
    await director.press("%", screen)
    said = plain(director.reply_text())
    assert said.startswith(
        "⚠️ Bob a modifié « Valeur cible » entre-temps : c’est désormais « 150 ».\n"
        "Votre réponse « % » n’a pas été enregistrée.\n"
    ), said
    assert values(await the_indicator(web_harness)) == ("number", None, "12", "150")
    assert FITS in said, said  # the unit asked again as it now stands
    await director.press("%")  # chosen again, knowing what it clears: taken
    assert values(await the_indicator(web_harness)) == ("number", "percent", "12", None)


async def test_her_own_value_typed_elsewhere_since_is_said_as_hers(web_harness):
    director, screen = await unit_screen(web_harness, 9741261)
    await in_app(web_harness, director, [("target_value", "150", None)])  # the page, after the screen
    await director.press("%", screen)
    said = plain(director.reply_text())
    assert said.startswith(
        "⚠️ Vous avez modifié « Valeur cible » ailleurs entre-temps : c’est désormais « 150 ».\n"
    ), said
    assert values(await the_indicator(web_harness)) == ("number", None, "12", "150")


async def test_a_colleagues_value_that_fits_is_no_reason_to_refuse(web_harness):
    director, screen = await unit_screen(web_harness, 9741241)
    bob = web_harness.user(9741242, first_name="Bob", language_code="fr")
    await bob.send(f"/start {director.invitations.member_token}")
    await in_app(web_harness, bob, [("target_value", "30", None)])
    await director.press("%", screen)
    assert values(await the_indicator(web_harness)) == ("number", "percent", "12", "30")


async def test_the_pages_first_unit_sent_with_values_changed_since_is_refused(web_harness):
    director, dossier = await coop_with_indicator(web_harness, 9741251, "Coop Unité Page")
    bob = web_harness.user(9741252, first_name="Bob", language_code="fr")
    await bob.send(f"/start {director.invitations.member_token}")
    await in_app(web_harness, director, [("value_kind", "number", None), ("current_value", "12", None)])
    await in_app(web_harness, bob, [("target_value", "150", None)])  # after Sam's page was drawn
    row = {"entity": "indicator", "id": dossier["engagements"][0]["indicators"][0]["id"]}
    unit = {**row, "field": "unit", "value": "percent", "expected": None}
    shown = {"value_kind": "number", "current_value": "12", "target_value": None}
    async with client(web_harness) as http:
        refused = await http.post("/app/api/field", headers=auth(director), json={**unit, "values": shown})
        assert refused.status_code == 409, refused.text
        assert refused.json()["error"].replace("\u00a0", " ") == (
            "⚠️ Bob a modifié « Valeur cible » entre-temps : c’est désormais « 150 ».\n"
            "Votre réponse « % » n’a pas été enregistrée."
        )
        async with web_harness.database.transaction() as session:
            assert (await session.get(Indicator, row["id"])).target_value == "150"
        shown["target_value"] = "150"
        saved = await http.post("/app/api/field", headers=auth(director), json={**unit, "values": shown})
        assert saved.status_code == 200, saved.text
    assert values(await the_indicator(web_harness)) == ("number", "percent", "12", None)
