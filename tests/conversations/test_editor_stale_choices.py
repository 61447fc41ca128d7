"""A kind or unit pressed (or a unit typed) on a chat screen a colleague's change overtook: as a typed
answer and the Mini App, a colleague's change is never overwritten silently. Nothing is stored; the
chat says who changed what and to what, that the answer was not saved, and asks the question again as
it now stands, where the same button then acts (the user has seen what it replaces)."""

from __future__ import annotations

from sqlmodel import select

from models.tables import Indicator
from tests.conversations.test_editor_terms_changed import plain, save_in_app, suggested_indicator
from tests.conversations.test_miniapp_api import auth, client
from tests.dossier_steps import choose, join, open_home, start_own_indicator

KIND = "Quel type de valeur prend-il ?"
UNIT = "Dans quelle unité est-il mesuré ?"


async def the_indicator(harness) -> Indicator:
    async with harness.database.transaction() as session:
        return (await session.exec(select(Indicator))).one()


async def in_app(harness, user, changes) -> None:
    """Fields of the coop's only indicator saved from the Mini App, one after the other."""
    row_id = (await the_indicator(harness)).id
    async with client(harness) as http:
        for name, value, expected in changes:
            saved = await http.post(
                "/app/api/field",
                headers=auth(user),
                json={
                    "entity": "indicator",
                    "id": row_id,
                    "field": name,
                    "value": value,
                    "expected": expected,
                },
            )
            assert saved.status_code == 200, saved.text


async def new_indicator(harness, camille_id: int, name: str):
    """Camille at the kind question of a new indicator of her own; Bob, a colleague."""
    camille = await join(harness, camille_id, "fr", name)
    bob = harness.user(camille_id + 1, first_name="Bob", language_code="fr")
    await bob.send(f"/start {camille.invitations.member_token}")
    await choose(camille, [1])
    await start_own_indicator(camille, 1)
    await camille.send("Part de logements BRS")
    await camille.send("Parce que.")
    assert KIND in plain(camille.last_text), camille.last_text
    return camille, bob


def values(row: Indicator) -> tuple:
    return row.value_kind, row.unit, row.current_value, row.target_value


async def test_a_stale_kind_button_is_refused_and_the_kind_asked_again(web_harness):
    camille, bob = await new_indicator(web_harness, 9932101, "Coop Type")
    kind_screen = camille.last
    bob_values = [("value_kind", "number", None), ("unit", "percent", None),
                  ("current_value", "12,5", None), ("target_value", "30", None)]  # fmt: skip
    await in_app(web_harness, bob, bob_values)
    await camille.press("👍 Oui / non", kind_screen)
    said = plain(camille.reply_text())
    assert said.startswith(
        "⚠️ Bob a modifié « Type de valeur » entre-temps : c’est désormais « 🔢 Un nombre ».\n"
        "Votre réponse « 👍 Oui / non » n’a pas été enregistrée.\n"
    ), said
    assert values(await the_indicator(web_harness)) == ("number", "percent", "12.5", "30")
    assert KIND in said and "Actuellement : 🔢 Un nombre" in said, said  # the question as it now stands
    assert "Le changer efface la valeur actuelle et la valeur cible." in said, said
    await camille.press("👍 Oui / non")  # chosen again, knowing what it replaces: taken
    assert "✅ Type de valeur : 👍 Oui / non" in plain(camille.reply_text()), camille.reply_text()
    assert values(await the_indicator(web_harness)) == ("yes_no", None, None, None)


async def test_a_kind_button_from_the_indicators_screen_after_ones_own_change_elsewhere(web_harness):
    """The kind screen opened from the indicator's ✏️ (a menu, nothing saved): what it showed is on its
    buttons; a change made meanwhile in the Mini App, by the same person, is said as theirs."""
    sam, _bob = await suggested_indicator(web_harness, 9932111, 9932112, "en")
    await open_home(sam)
    await sam.press("📊")
    await sam.press(" 1 · ")
    await sam.press("1 · ")
    await sam.press("✏️ Kind")
    kind_screen = sam.last
    assert "Currently: 🔢 A number" in sam.last_text, sam.last_text
    await save_in_app(web_harness, sam, "value_kind", "text", "number")
    await sam.press("🔢 A number", kind_screen)
    said = sam.reply_text()
    assert said.startswith(
        "⚠️ You changed “Kind of value” elsewhere meanwhile: it is now “📝 A short milestone text”.\n"
        "Your answer “🔢 A number” was not saved.\n"
    ), said
    assert (await the_indicator(web_harness)).value_kind == "text"
    assert "Currently: 📝 A short milestone text" in said, said


async def test_a_stale_unit_button_is_refused_and_the_unit_asked_again(web_harness):
    camille, bob = await new_indicator(web_harness, 9932121, "Coop Unité")
    await camille.press("Un nombre")
    unit_screen = camille.last
    assert UNIT in plain(camille.last_text), camille.last_text
    await in_app(web_harness, bob, [("unit", "euro", None), ("current_value", "1 500", None)])
    await camille.press("%", unit_screen)
    said = plain(camille.reply_text())
    assert said.startswith(
        "⚠️ Bob a modifié « Unité » entre-temps : c’est désormais « € ».\n"
        "Votre réponse « % » n’a pas été enregistrée.\n"
    ), said
    assert values(await the_indicator(web_harness)) == ("number", "euro", "1500", None)
    assert UNIT in said and "Actuellement : €" in said, said
    await camille.press("€")  # the same unit as now: nothing cleared, the wizard goes on
    assert values(await the_indicator(web_harness)) == ("number", "euro", "1500", None)
    assert "Quelle est sa valeur actuelle ?" in plain(camille.last_text), camille.last_text


async def test_a_unit_typed_after_a_colleague_chose_one_is_refused(web_harness):
    camille, bob = await new_indicator(web_harness, 9932131, "Coop Jours")
    await camille.press("Un nombre")
    await in_app(web_harness, bob, [("unit", "homes", None), ("current_value", "12", None)])
    await camille.send("jours ouvrés")
    said = plain(camille.reply_text())
    assert said.startswith(
        "⚠️ Bob a modifié « Unité » entre-temps : c’est désormais « logements ».\n"
        "Votre réponse « jours ouvrés » n’a pas été enregistrée.\n"
    ), said
    assert values(await the_indicator(web_harness)) == ("number", "homes", "12", None)
    assert UNIT in said, said
    await camille.send("jours ouvrés")  # typed again at the question as it now stands: taken
    assert values(await the_indicator(web_harness)) == ("number", "jours ouvrés", None, None)
