"""Two actions of one indicator, each still missing who carries it and when: « Ce qui manque » said twice
the same line, « Une action de l’indicateur « … » (engagement 2) : qui la porte, échéance à renseigner »,
in the chat's list, the review and the Mini App, with nothing to tell which action was meant. Each line
now names its action by its number in the plan (« Action 2 de l’indicateur… »), as the indicator's
screen lists it (« 2. … »), its button (« 📌 2 · … ») and the Mini App's heading (« Action 2 ») show it:
a number is there even for an action with no words yet."""

from __future__ import annotations

from tests.conversations.test_miniapp_api import auth, client
from tests.conversations.test_miniapp_standing import page_of, part, plain
from tests.dossier_fill import complete_dossier
from tests.dossier_steps import join, open_home

NBSP = "\u00a0"


async def test_two_incomplete_actions_of_one_indicator_are_named_by_their_numbers(web_harness):
    director = await join(web_harness, 9151, "fr", "Coop Plan")
    await complete_dossier(director)
    async with client(web_harness) as http:
        view = (await http.get("/app/api/dossier", headers=auth(director))).json()
        engagement = next(e for e in view["engagements"] if e["code"] == 2)
        indicator = engagement["indicators"][0]["id"]
        for words in ("Lancer l’enquête", "Relancer les locataires"):  # added with their words only
            added = await http.post(
                "/app/api/action", headers=auth(director), json={"indicator": indicator, "value": words}
            )
            assert added.status_code == 200, added.text

    await open_home(director)
    await director.press("📋")
    listed = [line for line in director.last_text.split("\n") if "(engagement 2)" in line]
    assert [line.split(" de l’indicateur")[0] for line in listed] == ["1. Action 2", "2. Action 3"], listed
    assert all(
        line.endswith(f"(engagement 2){NBSP}: qui la porte, échéance à renseigner") for line in listed
    ), listed
    assert "Une action" not in director.last_text

    summary = plain(part(await page_of(web_harness, director), 'id="summary"', "</section>"))
    assert "Action 2 de l’indicateur" in summary and "Action 3 de l’indicateur" in summary, summary

    await director.send("/recap")
    review = "\n".join(m.get("text", "") for m in director.replies)
    assert "Action 2 de l’indicateur" in review and "Action 3 de l’indicateur" in review, review
