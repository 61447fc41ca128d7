"""A value may be negative when it is money, a percentage or a coop's own unit (a net result, « -15 % »
of energy use: domain.md lets indicators be economic), in the chat, the Mini App and the PDF alike;
what is counted (homes, people, households, days) may not, and its refusal names it with an example."""

from __future__ import annotations

from sqlmodel import select

from models.tables import Indicator
from tests.conversations.test_unit_words import pdf_text, plain
from tests.dossier_steps import choose, join, start_own_indicator
from tests.miniapp import local_client, signed_init_data, tma


async def own_number_indicator(user, title: str, unit: str) -> None:
    """A new indicator of the coop's own on engagement 9, up to its current value's question."""
    await choose(user, [9])
    await start_own_indicator(user, 9)
    await user.send(title)
    await user.send("It shows our model is sound.")  # any words: the rationale is not what is tested
    await user.press("🔢")
    await user.press(unit)


async def test_a_net_result_can_be_negative_in_the_chat_the_mini_app_and_the_pdf(web_harness):
    """« -50 000 € » is kept and echoed; the Mini App stores « −15 000 € » (a Unicode minus) as target."""
    sam = await join(web_harness, 1701, "fr")
    await own_number_indicator(sam, "Résultat net", "€")
    await sam.send("-50 000 €")
    assert "Valeur actuelle : -50 000 €" in plain(sam.reply_text()), sam.reply_text()
    await sam.send("- 20 000,5")  # a target can be negative too, typed with a space after the sign
    assert "Valeur cible : -20 000,50 €" in plain(sam.reply_text()), sam.reply_text()
    async with web_harness.database.transaction() as session:
        indicator = (await session.exec(select(Indicator))).one()
    assert (indicator.current_value, indicator.target_value) == ("-50000", "-20000.5")

    change = {"entity": "indicator", "id": indicator.id, "field": "target_value", "value": "\u221215 000 €"}
    change["expected"] = "-20000.5"
    async with local_client(web_harness.web_url) as http:
        saved = await http.post(
            "/app/api/field", headers=tma(signed_init_data(sam.id, language="fr")), json=change
        )
    assert saved.status_code == 200, saved.text

    await sam.send("/cancel")
    await sam.send("/pdf")
    printed = pdf_text(web_harness, sam.replies[-1])
    assert "-50 000 €" in printed and "-15 000 €" in printed, printed


async def test_an_english_net_result_and_a_change_in_percent_can_be_negative(harness):
    """The tester's « -50,000 » for a net result in €, and « −15 % » of energy use, the English way."""
    kim = await join(harness, 1702, "en")
    await own_number_indicator(kim, "Net result", "€")
    await kim.send("-50,000")
    assert "Current value: -€50,000" in kim.reply_text(), kim.reply_text()
    await kim.send("/cancel")
    await start_own_indicator(kim, 9)
    await kim.send("Change in energy use")
    await kim.send("It shows our homes use less.")
    await kim.press("🔢")
    await kim.press("%")
    await kim.send("\u221215 %")
    assert "Current value: -15%" in kim.reply_text(), kim.reply_text()


async def test_a_negative_count_is_refused_with_its_unit_and_an_example(web_harness):
    """« -5 » homes: what is wrong and a valid example, the same question again; the Mini App alike."""
    sam = await join(web_harness, 1703, "fr")
    await own_number_indicator(sam, "Logements livrés", "logements")
    await sam.send("-5")
    refusal = plain(sam.replies[0]["text"])
    assert refusal == "⚠️ Un nombre de logements ne peut pas être négatif : tapez par exemple 12.", refusal
    assert "Quelle est sa valeur actuelle ?" in plain(sam.last_text), sam.last_text
    await sam.send("12")
    async with web_harness.database.transaction() as session:
        indicator = (await session.exec(select(Indicator))).one()
    assert indicator.current_value == "12"

    change = {"entity": "indicator", "id": indicator.id, "field": "current_value", "value": "-3"}
    change["expected"] = "12"
    async with local_client(web_harness.web_url) as http:
        refused = await http.post(
            "/app/api/field", headers=tma(signed_init_data(sam.id, language="fr")), json=change
        )
    assert refused.status_code == 422, refused.text
    assert (
        plain(refused.json()["error"])
        == "Un nombre de logements ne peut pas être négatif : tapez par exemple 12."
    )
    assert refused.json()["example"] is False  # it has its own: the page adds no second one
