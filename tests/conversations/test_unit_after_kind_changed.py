"""A unit chosen (chat or Mini App) after a colleague made the indicator a text or yes/no one: an indicator
that is no longer a number has no unit, so nothing is stored; the change is told (who, what it is now),
in the same words in the chat and in the page, and the indicator shown again (the page redrawn)."""

from __future__ import annotations

from models.dossier.indicators import update_indicator
from models.dossier.reads import UNSET, indicator_of_member
from models.tables import Dossier, Indicator
from tests.conftest import NOW
from tests.conversations.test_miniapp_api import auth, client, coop_with_indicator
from tests.dossier_steps import open_home

TOLD = (
    "⚠️ Bob a modifié « Type de valeur » entre-temps : c’est désormais « 📝 Un jalon en texte court ».\n"
    "Les valeurs éventuellement déjà saisies ont été effacées."
)


async def numeric_indicator(harness, user_id: int, coop: str):
    """A director, their colleague Bob, and their indicator in %."""
    director, dossier = await coop_with_indicator(harness, user_id, coop)
    bob = harness.user(user_id + 1, "Bob", "fr")
    await bob.send(f"/start {director.invitations.member_token}")
    indicator = dossier["engagements"][0]["indicators"][0]
    async with client(harness) as http:
        for name, value in (("value_kind", "number"), ("unit", "percent")):
            ok = await http.post(
                "/app/api/field",
                headers=auth(director),
                json={
                    "entity": "indicator",
                    "id": indicator["id"],
                    "field": name,
                    "value": value,
                    "expected": None,
                },
            )
            assert ok.status_code == 200, ok.text
    return director, bob, dossier["dossier"]["id"], indicator["id"]


async def made_text(harness, dossier_id: int, indicator_id: int, by: int, kind: str = "text") -> None:
    """A colleague changes the indicator's kind (as the chat's or the page's save does)."""
    async with harness.database.transaction() as session:
        coop_id = (await session.get(Dossier, dossier_id)).coop_id
        row, held = await indicator_of_member(session, indicator_id, coop_id)
        await update_indicator(session, held, row, "value_kind", kind, actor_id=by, expected=UNSET, now=NOW)


async def stored(harness, indicator_id: int) -> tuple:
    async with harness.database.transaction() as session:
        row = await session.get(Indicator, indicator_id, populate_existing=True)
    return row.value_kind, row.unit


async def unit_menu(director):
    await open_home(director)
    await director.press("📊 Indicateurs")
    await director.press(" 1 · ")
    await director.press("1 · Part de BRS")
    await director.press("✏️ Unité")
    return director.last


async def test_a_unit_tapped_after_a_colleague_made_the_indicator_a_text_is_not_stored(web_harness):
    director, bob, dossier_id, indicator_id = await numeric_indicator(web_harness, 7821, "Coop Unité")
    menu = await unit_menu(director)
    await made_text(web_harness, dossier_id, indicator_id, bob.id)
    await director.press("€", menu)
    assert await stored(web_harness, indicator_id) == ("text", None)
    said = "\n".join(m.get("text", "") for m in director.replies).replace("\xa0", " ")
    assert TOLD in said, said
    assert "Votre réponse « € » n’a pas été enregistrée." in said, said
    assert "✏️ Unité" not in director.buttons() and "✏️ Type" in director.buttons()  # the indicator


async def test_a_unit_typed_after_a_colleague_made_the_indicator_yes_no_is_not_stored(web_harness):
    director, bob, dossier_id, indicator_id = await numeric_indicator(web_harness, 7831, "Coop Unité Tapée")
    await unit_menu(director)
    await made_text(web_harness, dossier_id, indicator_id, bob.id, "yes_no")
    await director.send("jours ouvrés")
    assert await stored(web_harness, indicator_id) == ("yes_no", None)
    said = director.last_text.replace("\xa0", " ")
    assert "Bob a modifié « Type de valeur » entre-temps : c’est désormais « 👍 Oui / non »." in said, said
    assert "Votre réponse « jours ouvrés » n’a pas été enregistrée." in said, said
    assert "✏️ Type" in director.buttons()


async def field_saved(harness, user, indicator_id: int, field: str, value, expected):
    """The Mini App saving one field of an indicator, as the page does."""
    body = {"entity": "indicator", "id": indicator_id, "field": field, "value": value, "expected": expected}
    async with client(harness) as http:
        return await http.post("/app/api/field", headers=auth(user), json=body)


async def test_the_mini_app_refuses_it_in_the_chats_words_and_redraws_the_page(web_harness):
    director, bob, dossier_id, indicator_id = await numeric_indicator(web_harness, 7811, "Coop Unit")
    await made_text(web_harness, dossier_id, indicator_id, bob.id)
    answer = await field_saved(web_harness, director, indicator_id, "unit", "euro", "percent")
    assert answer.status_code == 409, answer.text
    body = answer.json()
    assert body["error"].replace("\xa0", " ") == TOLD + "\nVotre réponse « € » n’a pas été enregistrée."
    assert 'id="dossier"' in body["html"]  # drawn again: no unit menu on a text indicator
    assert body["terms"] == ["text", None]
    assert await stored(web_harness, indicator_id) == ("text", None)


async def test_a_field_no_indicator_has_is_still_malformed(web_harness):
    director, _bob, _dossier_id, indicator_id = await numeric_indicator(web_harness, 7841, "Coop Forgée")
    answer = await field_saved(web_harness, director, indicator_id, "nonsense", "x", None)
    assert answer.status_code == 400
