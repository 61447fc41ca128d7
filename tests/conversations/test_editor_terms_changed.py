"""A colleague changes an indicator's unit or kind (or the very field) in the Mini App while the chat asks
one of its values: the chat says who changed what, gives the answer back and asks again in the new
terms, instead of reading the answer in a unit the user never saw; « Keep » says what it kept."""

from __future__ import annotations

from sqlmodel import select

from models.tables import Indicator
from tests.conversations.test_miniapp_api import auth, client
from tests.dossier_steps import choose, join, open_home


def plain(text: str) -> str:
    """A text with its no-break spaces read as spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


async def indicator(harness) -> Indicator:
    """The coop's only indicator, as stored."""
    async with harness.database.transaction() as session:
        return (await session.exec(select(Indicator))).one()


async def suggested_indicator(harness, sam_id: int, bob_id: int, language: str):
    """Sam starts the first suggested indicator of engagement 1 (a percentage); Bob is a colleague."""
    sam = await join(harness, sam_id, language, f"Coop {sam_id}")
    bob = harness.user(bob_id, first_name="Bob", language_code=language)
    await bob.send(f"/start {sam.invitations.member_token}")
    await choose(sam, [1])
    await open_home(sam)
    await sam.press("📊")
    await sam.press(" 1 · ")
    await sam.press("➕")
    await sam.press("1 · ")
    await sam.send("Parce que." if language == "fr" else "Because.")
    return sam, bob


async def save_in_app(harness, user, field: str, value: str, expected) -> None:
    """A field saved from the Mini App, as seen there."""
    change = {"entity": "indicator", "id": (await indicator(harness)).id, "field": field}
    async with client(harness) as http:
        response = await http.post(
            "/app/api/field", headers=auth(user), json={**change, "value": value, "expected": expected}
        )
    assert response.status_code == 200, response.text


async def test_a_unit_changed_while_the_target_is_asked_is_said_and_the_values_asked_again(web_harness):
    """« 30 » meant as 30 % is not stored as 30 €: the change is told, and the emptied current value
    is asked first, in euros."""
    sam, bob = await suggested_indicator(web_harness, 9720001, 9720002, "fr")
    await sam.send("12,5")
    assert "Quelle valeur cible visez-vous ?" in plain(sam.last_text) and "ex. 12,5 %" in plain(sam.last_text)
    await save_in_app(web_harness, bob, "unit", "euro", "percent")
    await sam.send("30")
    said = plain(sam.reply_text())
    assert said.startswith(
        "⚠️ Bob a modifié « Unité » entre-temps : c’est désormais « € ».\n"
        "Les valeurs éventuellement déjà saisies ont été effacées.\n"
        "Votre réponse « 30 » n’a pas été enregistrée.\n"
    ), said
    assert "Quelle est sa valeur actuelle ?\nex. 1 200 €" in said, said
    stored = await indicator(web_harness)
    assert (stored.unit, stored.current_value, stored.target_value) == ("euro", None, None)
    await sam.send("1 500")  # the wizard goes on, in euros
    assert "✅ Valeur actuelle : 1 500 €" in plain(sam.reply_text()), sam.reply_text()
    assert "Quelle valeur cible visez-vous ?" in plain(sam.last_text)
    assert (await indicator(web_harness)).current_value == "1500"


async def test_a_kind_changed_while_a_value_is_asked_is_said_in_english(web_harness):
    """« 12.5 » at a question that became yes/no: no « Please answer yes or no » without a reason."""
    sam, bob = await suggested_indicator(web_harness, 9720011, 9720012, "en")
    assert "What is its current value?" in sam.last_text
    await save_in_app(web_harness, bob, "value_kind", "yes_no", "number")
    await sam.send("12.5")
    said = sam.reply_text()
    assert said.startswith(
        "⚠️ Bob changed “Kind of value” meanwhile: it is now “👍 Yes / no”.\n"
        "Any values already given were cleared.\n"
        "Your answer “12.5” was not saved.\n"
    ), said
    assert "What is its current value?\nyes or no" in said, said
    assert sam.buttons()[:2] == ["Yes", "No"]
    await sam.press("Yes")
    assert "✅ Current value: yes" in sam.reply_text(), sam.reply_text()


async def test_a_ready_answer_of_a_kind_changed_meanwhile_is_not_stored(web_harness):
    """Sam's own change in the Mini App is said as his; then « Oui » pressed on the yes/no question that
    Bob turned back into a number: said, nothing stored, asked again."""
    sam, bob = await suggested_indicator(web_harness, 9720021, 9720022, "fr")
    await save_in_app(web_harness, sam, "value_kind", "yes_no", "number")
    await sam.send("oui")
    said = plain(sam.reply_text())
    assert said.startswith(
        "⚠️ Vous avez modifié « Type de valeur » ailleurs entre-temps : c’est désormais « 👍 Oui / non »."
    ), said
    question = sam.last
    assert sam.buttons(question)[:2] == ["Oui", "Non"], sam.last_text
    await save_in_app(web_harness, bob, "value_kind", "number", "yes_no")
    await sam.press("Oui", question)
    said = plain(sam.reply_text())
    assert said.startswith(
        "⚠️ Bob a modifié « Type de valeur » entre-temps : c’est désormais « 🔢 Un nombre »."
    ), said
    assert "Votre réponse" not in said and "Quelle est sa valeur actuelle ?" in said, said
    assert (await indicator(web_harness)).current_value is None


async def test_keep_after_a_colleague_changed_the_field_says_so(web_harness):
    """« ✅ Garder » keeps the colleague's value, and says whose it is and what it now reads."""
    sam, bob = await suggested_indicator(web_harness, 9720031, 9720032, "fr")
    await sam.send("12,5")
    await sam.press("⬅️")  # back to the current value, « Actuellement : 12,5 % », « Garder »
    assert "Actuellement : 12,5 %" in plain(sam.last_text), sam.last_text
    await save_in_app(web_harness, bob, "current_value", "14", "12.5")
    await sam.press("Garder")
    said = plain(sam.reply_text())
    assert said.startswith("ℹ️ Bob a modifié « Valeur actuelle » entre-temps : c’est désormais « 14 % ».")
    assert "Quelle valeur cible visez-vous ?" in said, said
    assert (await indicator(web_harness)).current_value == "14"


async def test_keep_with_nothing_changed_says_nothing_more(web_harness):
    """« Garder » on a value as it was shown: no notice, the next question."""
    sam, _bob = await suggested_indicator(web_harness, 9720041, 9720042, "fr")
    await sam.send("12,5")
    await sam.press("⬅️")
    await sam.press("Garder")
    assert plain(sam.reply_text()).startswith("Axe 1 · Engagement 1 · Indicateur 1 · Étape 4/5"), (
        sam.reply_text()
    )


async def test_a_long_answer_typed_as_the_unit_changed_comes_back_whole(web_harness):
    """A paste of 5,000 characters at a value whose unit Bob changed: told, not saved, and given back whole
    below the question (before, quoted on the notice up to 1,000 characters, the rest lost)."""
    sam, bob = await suggested_indicator(web_harness, 9720011, 9720012, "fr")
    await sam.send("12,5")
    await save_in_app(web_harness, bob, "unit", "euro", "percent")
    typed = ("Une réponse très longue, collée d’un document. " * 110)[:5000]
    said = await sam.paste(typed)
    texts = [m.get("text", "") for m in said]
    assert any("Votre réponse n’a pas été enregistrée." in t for t in texts), texts
    given_back = texts[texts.index(next(t for t in texts if "ne soit pas perdue" in t)) + 1 :]
    assert " ".join(given_back) == typed.strip(), [len(t) for t in texts]  # Telegram trims each message
    assert (await indicator(web_harness)).target_value is None
