"""An indicator of numbers whose unit was never chosen (its values typed in the Mini App first: a plain
number is taken without a unit) and whose target date is not given yet. « Ce qui manque » named the unit
last, « date cible, unité à renseigner », against the order every screen asks them in (kind, unit,
current value, target, date); the Mini App's link went to the target date, and the chat's « poursuivons-le »
asked the date. Now the unit comes first where it is asked first: the gap reads
« unité, date cible à renseigner », its link leads to the unit, and continuing the indicator asks it."""

from __future__ import annotations

from tests.conversations.test_miniapp_api import auth, client, field
from tests.conversations.test_miniapp_standing import page_of, part, plain
from tests.dossier_steps import join, open_home, start_own_indicator

NBSP = "\u00a0"


async def test_a_unit_never_chosen_is_missing_in_the_place_it_is_asked(web_harness):
    director = await join(web_harness, 9131, "fr", "Coop Unité")
    async with client(web_harness) as http:
        dossier_id = (await http.get("/app/api/dossier", headers=auth(director))).json()["dossier"]["id"]
        await http.post(
            "/app/api/engagement",
            headers=auth(director),
            json={"dossier": dossier_id, "code": 1, "chosen": True},
        )
        await http.post(
            "/app/api/indicator",
            headers=auth(director),
            json={"dossier": dossier_id, "code": 1, "value": "Part de BRS"},
        )
        answers = (
            ("rationale", "Parce que."),
            ("value_kind", "number"),
            ("current_value", "12"),
            ("target_value", "20"),
        )
        for name, value in answers:
            view = (await http.get("/app/api/dossier", headers=auth(director))).json()
            indicator = view["engagements"][0]["indicators"][0]
            change = {"entity": "indicator", "id": indicator["id"], "field": name, "value": value}
            change["expected"] = field(indicator, name)["value"]
            saved = await http.post("/app/api/field", headers=auth(director), json=change)
            assert saved.status_code == 200, saved.text

    html = await page_of(web_harness, director)
    summary = plain(part(html, 'id="summary"', "</section>"))
    assert "« Part de BRS » (engagement 1) : unité, date cible à renseigner" in summary, summary
    unit = f"indicator-{indicator['id']}-unit"
    assert f'data-anchor="{unit}"' in html and f'id="{unit}"' in html  # the link leads to the unit's menu

    await open_home(director)
    await director.press("📋")
    assert f"(engagement 1){NBSP}: unité, date cible à renseigner" in director.last_text, director.last_text

    await start_own_indicator(director, 1)  # the same title typed again: that indicator is continued
    await director.send("Part de BRS")
    assert "poursuivons-le" in director.last_text, director.last_text
    assert f"Dans quelle unité est-il mesuré{NBSP}?" in director.last_text, director.last_text
