"""A coop's own unit with a number among its words (« pour 1000 habitants »): kept as typed, while a
unit that reads as a value (« 1000 habitants ») is refused as the value typed one question early; values
typed with it are read without its number, in the chat, the Mini App and the PDF alike."""

from __future__ import annotations

import io

from pypdf import PdfReader
from sqlmodel import select

from models.tables import Indicator
from tests.dossier_steps import choose, join, start_own_indicator
from tests.miniapp import local_client, signed_init_data, tma


def plain(text: str) -> str:
    """A text with its no-break spaces read as spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def pdf_text(harness, message: dict) -> str:
    """The words of the PDF a reply carries, spaces made plain."""
    path = harness.fake.handle("getFile", {"file_id": message["document"]["file_id"]})["file_path"]
    pages = PdfReader(io.BytesIO(harness.fake.file_content(path))).pages
    return " ".join(" ".join(plain(page.extract_text()).split()) for page in pages)


async def test_a_rate_per_thousand_is_a_unit_and_its_values_are_read(web_harness):
    """« 1000 habitants » is refused; « lgts pour 1000 hab » is a unit, its values rates with decimals."""
    sam = await join(web_harness, 1501, "fr")
    await choose(sam, [1])
    await start_own_indicator(sam, 1)
    await sam.send("Logements abordables pour 1000 habitants")
    await sam.send("Ils montrent notre place dans la commune.")
    await sam.press("🔢")
    await sam.send("1000 habitants")  # reads as a value: the value's question comes next
    assert plain(sam.reply_text()).startswith(
        "⚠️ « 1000 habitants » se lit comme une valeur : cette question demande l’unité, la valeur vient "
        "juste après. Tapez l’unité seule, ex. %, jours, logements, pour 1000 habitants."
    ), sam.reply_text()
    await sam.send("lgts pour 1000 hab")
    assert plain(sam.reply_text()).startswith("✅ Unité : lgts pour 1000 hab"), sam.reply_text()
    assert "ex. 12 lgts pour 1000 hab" in plain(sam.last_text)
    await sam.send("2,5 lgts pour 1 000 hab")  # a rate: decimals; the unit's own number is no value
    assert "Valeur actuelle : 2,5 lgts pour 1000 hab\n" in plain(sam.reply_text()), sam.reply_text()
    await sam.send("3")
    assert "Valeur cible : 3 lgts pour 1000 hab\n" in plain(sam.reply_text()), sam.reply_text()
    async with web_harness.database.transaction() as session:
        indicator = (await session.exec(select(Indicator))).one()
    assert (indicator.unit, indicator.current_value, indicator.target_value) == (
        "lgts pour 1000 hab",
        "2.5",
        "3",
    )

    change = {
        "entity": "indicator",
        "id": indicator.id,
        "field": "target_value",
        "value": "3,5 lgts pour 1 000 hab",
    }
    change["expected"] = "3"
    async with local_client(web_harness.web_url) as http:
        saved = await http.post(
            "/app/api/field", headers=tma(signed_init_data(sam.id, language="fr")), json=change
        )
    assert saved.status_code == 200, saved.text

    await sam.send("/cancel")
    await sam.send("/pdf")
    printed = pdf_text(web_harness, sam.replies[-1])
    assert "2,5 lgts pour 1000 hab" in printed and "3,5 lgts pour 1000 hab" in printed, printed
