"""Once the dossier is declared admissible, each indicator's value of that day is its starting point, and
/progres moves its current value on. Wherever the dossier's values are read after that (the indicator's
and the engagement's screens, /recap, its PDF, the Mini App's page), the starting value is read beside
the current one: « Valeur actuelle : 18 % » alone no longer says where the coop began."""

from __future__ import annotations

from sqlmodel import select

from models.dossier.current import current_dossier
from models.tables import Indicator
from tests.conftest import NOW
from tests.conversations.test_bilans import admissible_coop, pdf_text
from tests.dossier_steps import open_home
from tests.miniapp import local_client, signed_init_data, tma

NBSP = "\u00a0"


async def moved_on(harness, director) -> int:
    """The first indicator's current value moved from its starting 12,5 % to 18 %, as /progres does."""
    async with harness.database.transaction() as session:
        dossier = await current_dossier(session, director.invitations.coop.id)
        rows = await session.exec(
            select(Indicator).where(Indicator.dossier_id == dossier.id).order_by(Indicator.engagement_code)
        )
        first = rows.first()
        assert first.baseline_value == "12.5", first.baseline_value  # copied at admissibility
        first.current_value = "18"
        session.add(first)
        return dossier.id


def plain(text: str) -> str:
    return text.replace(NBSP, " ")


async def test_every_reading_of_the_dossier_says_where_the_indicator_started(web_harness):
    director, member, _committee = await admissible_coop(web_harness)
    dossier_id = await moved_on(web_harness, director)

    await open_home(director)
    await director.press("📊 Indicateurs")
    await director.press("✅ 1 · ")
    engagement = plain(director.last_text)
    assert "départ 12,5 % → aujourd’hui 18 % → cible 30 % (31 mai 2028)" in engagement, engagement
    await director.press("✅ 1 · Part de logements")
    screen = plain(director.last_text)
    assert "Valeur de départ : 12,5 %\nValeur actuelle : 18 %\nValeur cible : 30 %" in screen, screen

    await director.send("/recap")
    review = plain("\n".join(m.get("text", "") for m in director.replies))
    assert "départ 12,5 % → dernière valeur 18 % → cible 30 % · Date cible : 31 mai 2028" in review, review
    await director.press("📄 PDF")
    pdf = plain(pdf_text(web_harness, director.last))
    assert "Valeur de départ" in pdf and "12,5 %" in pdf and "18 %" in pdf, pdf

    # the English member reads it in English
    await member.send("/recap")
    review = "\n".join(m.get("text", "") for m in member.replies)
    assert "start 12.5% → latest value 18% → target 30%" in review, review

    headers = tma(signed_init_data(director.id, auth_date=NOW))
    async with local_client(web_harness.web_url) as http:
        page = await http.get(f"/app/api/dossier?dossier={dossier_id}", headers=headers)
        html = (await http.get("/app/api/page", headers=headers)).json()["html"]
    fields = page.json()["engagements"][0]["indicators"][0]["fields"]
    shown = [(f["label"], f["shown"], f["editable"]) for f in fields]
    start = shown.index(("Valeur de départ", f"12,5{NBSP}%", False))
    assert shown[start + 1] == ("Valeur actuelle", f"18{NBSP}%", False), shown
    assert "Valeur de départ" in html and f"12,5{NBSP}%" in html


async def test_before_admissibility_there_is_no_starting_value(web_harness):
    """While it is prepared, the current value is the only one: no « départ » anywhere."""
    from tests.dossier_fill import complete_dossier

    invitations = await web_harness.add_coop("Coop Brouillon")
    director = web_harness.user(5201, "Dominique", "fr")
    await director.send(f"/start {invitations.direction_token}")
    await complete_dossier(director)
    await open_home(director)
    await director.press("📊 Indicateurs")
    await director.press("✅ 1 · ")
    assert "départ" not in director.last_text and "12,5 % → 30 %" in plain(director.last_text)
    await director.press("✅ 1 · Part de logements")
    assert "Valeur de départ" not in director.last_text
    await director.send("/recap")
    assert "départ" not in "\n".join(m.get("text", "") for m in director.replies)
    headers = tma(signed_init_data(director.id, auth_date=NOW))
    async with local_client(web_harness.web_url) as http:
        page = (await http.get("/app/api/dossier", headers=headers)).json()
    labels = [f["label"] for f in page["engagements"][0]["indicators"][0]["fields"]]
    assert "Valeur de départ" not in labels and "Valeur actuelle" in labels
