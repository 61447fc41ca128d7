"""The chat's conflict box (a colleague saved the field while the user typed) left open while the
colleague changes more in the Mini App: « Garder ma réponse » never stores the answer in a unit the
user did not see (the terms rule of a typed answer: said, the answer not saved, asked again in the new
terms), and on an indicator removed meanwhile the answer, stored nowhere, is given back whole with the
indicators' overview, as any button about a removed row leads there."""

from __future__ import annotations

from sqlmodel import select

from models.tables import Dossier, Indicator
from tests.conversations.test_editor_terms_changed import indicator, plain, save_in_app, suggested_indicator
from tests.conversations.test_miniapp_api import auth, client

# a button pressed answered nothing: told the indicator was removed
REMOVED = "Cet indicateur a été retiré du dossier entre-temps, peut-être par un collègue."
NOT_YOURS = "Ce bouton ne concerne pas"
OVERVIEW = "📊 Indicateurs et plans d’action"


async def box_for_the_current_value(harness, sam_id: int):
    """Sam's « 12,5 » (in %) against Bob's « 10 », saved while Sam typed: the box."""
    sam, bob = await suggested_indicator(harness, sam_id, sam_id + 1, "fr")
    assert "Quelle est sa valeur actuelle ?" in plain(sam.last_text), sam.last_text
    await save_in_app(harness, bob, "current_value", "10", None)
    await sam.send("12,5")
    said = plain(sam.last_text)
    assert "pendant votre saisie" in said and "Votre réponse : 12,5 %" in said, said
    return sam, bob, sam.last


async def test_keep_mine_after_the_unit_changed_is_said_and_asked_again_in_the_new_unit(web_harness):
    sam, bob, box = await box_for_the_current_value(web_harness, 9932201)
    await save_in_app(web_harness, bob, "unit", "euro", "percent")  # clears the values
    await sam.press("Garder ma réponse", box)
    said = plain(sam.reply_text())
    assert said.startswith(
        "⚠️ Bob a modifié « Unité » entre-temps : c’est désormais « € ».\n"
        "Les valeurs éventuellement déjà saisies ont été effacées.\n"
        "Votre réponse « 12,5 % » n’a pas été enregistrée.\n"
    ), said
    assert "Quelle est sa valeur actuelle ?\nex. 1 200 €" in said, said
    stored = await indicator(web_harness)
    assert (stored.unit, stored.current_value) == ("euro", None), stored
    await sam.send("1 500")  # the wizard goes on, in euros
    assert "✅ Valeur actuelle : 1 500 €" in plain(sam.reply_text()), sam.reply_text()
    assert (await indicator(web_harness)).current_value == "1500"


async def test_keep_theirs_after_the_kind_changed_does_not_say_theirs_is_kept(web_harness):
    sam, bob, box = await box_for_the_current_value(web_harness, 9932211)
    await save_in_app(web_harness, bob, "value_kind", "yes_no", "number")  # clears the values and the unit
    await sam.press("Garder la sienne", box)
    said = plain(sam.reply_text())
    assert said.startswith(
        "⚠️ Bob a modifié « Type de valeur » entre-temps : c’est désormais « 👍 Oui / non ».\n"
        "Les valeurs éventuellement déjà saisies ont été effacées.\n"
    ), said
    assert "conservée" not in said and "Votre réponse «" not in said, said
    assert "Quelle est sa valeur actuelle ?\noui ou non" in said, said
    assert (await indicator(web_harness)).current_value is None


async def test_the_box_redrawn_after_the_unit_changed_shows_the_values_as_typed(web_harness):
    """Redrawn (a text typed on it), the box still reads the answer in the unit it was typed in, never
    « 12,50 € », and shows what is stored now (nothing: the new unit cleared Bob's value); its « Garder
    ma réponse » then says the change."""
    sam, bob, _box = await box_for_the_current_value(web_harness, 9932221)
    await save_in_app(web_harness, bob, "unit", "euro", "percent")
    await sam.send("lequel ?")
    said = plain(sam.last_text)
    assert "Valeur de votre collègue : —\nVotre réponse : 12,5 %" in said, said
    assert "€" not in said, said
    await sam.press("Garder ma réponse")
    assert "Bob a modifié « Unité » entre-temps" in plain(sam.reply_text()), sam.reply_text()
    assert (await indicator(web_harness)).current_value is None


async def drop_engagement_1(harness, bob) -> None:
    """Bob unticks engagement 1 in the Mini App, confirming: its indicator goes with it."""
    async with harness.database.transaction() as session:
        dossier_id = (await session.exec(select(Dossier))).one().id
    async with client(harness) as http:
        change = {"dossier": dossier_id, "code": 1, "chosen": False}
        asked = await http.post("/app/api/engagement", headers=auth(bob), json=change)
        assert asked.status_code == 409, asked.text
        confirmed = {**change, "confirmed": True, "seen": asked.json()["seen"]}
        done = await http.post("/app/api/engagement", headers=auth(bob), json=confirmed)
        assert done.status_code == 200, done.text
    async with harness.database.transaction() as session:
        assert not (await session.exec(select(Indicator))).all()


async def rationale_box(harness, sam_id: int, mine: str):
    """Sam's rationale against Bob's, saved while Sam typed: the box."""
    sam, bob = await suggested_indicator(harness, sam_id, sam_id + 1, "fr")
    await sam.press("⬅️")  # back to the rationale question
    row = await indicator(harness)
    async with client(harness) as http:
        saved = await http.post("/app/api/field", headers=auth(bob), json={
            "entity": "indicator", "id": row.id, "field": "rationale", "value": "Texte de Bob",
            "expected": "Parce que."})  # fmt: skip
        assert saved.status_code == 200, saved.text
    await sam.send(mine)
    assert "pendant votre saisie" in plain(sam.last_text), sam.last_text
    return sam, bob, sam.last


async def test_keep_mine_on_a_removed_indicator_gives_the_answer_back_with_the_overview(web_harness):
    mine = (
        "Parce que la part de logements abordables dit notre mission d’intérêt général, chiffres à l’appui."
    )
    sam, bob, box = await rationale_box(web_harness, 9932231, mine)
    await drop_engagement_1(web_harness, bob)
    await sam.press("Garder ma réponse", box)
    assert not any(NOT_YOURS in alert for alert in sam.alerts), sam.alerts
    said = [plain(message.get("text", "")) for message in sam.replies]
    assert said[0].startswith("⚠️ " + REMOVED) and OVERVIEW in said[0], said
    assert said[1:] == ["Votre réponse, non enregistrée, suit pour qu’elle ne soit pas perdue :", mine], said
    assert "Garder" not in " ".join(sam.buttons(box) + sam.buttons()), (sam.buttons(box), sam.buttons())


async def test_keep_theirs_on_a_removed_indicator_gives_a_number_back_as_it_was_shown(web_harness):
    sam, bob, box = await box_for_the_current_value(web_harness, 9932241)
    await drop_engagement_1(web_harness, bob)
    await sam.press("Garder la sienne", box)
    said = [plain(message.get("text", "")) for message in sam.replies]
    assert said[0].startswith("⚠️ " + REMOVED) and OVERVIEW in said[0], said
    assert said[1:] == ["Votre réponse, non enregistrée, suit pour qu’elle ne soit pas perdue :", "12,5 %"], (
        said
    )
