"""Removing an engagement removes only what its confirmation named: a colleague's indicator or action
added since is counted, the confirmation asked again (chat and Mini App), in one wording."""

from __future__ import annotations

from sqlmodel import select

from models.tables import Action, EngagementChoice, Indicator
from tests.conversations.test_miniapp_api import auth, client
from tests.dossier_steps import (
    FR_ANSWERS,
    choose,
    fill_suggested_indicator,
    join,
    open_home,
    start_own_indicator,
)

ONE = "Retirer cet engagement supprime aussi 1 indicateur et 1 action. C’est définitif."
TWO = "Retirer cet engagement supprime aussi ses 2 indicateurs et 1 action. C’est définitif."
CHANGED = "Un collègue a modifié entre-temps les indicateurs ou les actions de cet engagement\xa0: confirmez de nouveau."
# what dropping engagement 1 of 1 and 2 breaks, said after what it deletes (``removal.what_is_left``): its
# axis falls under its minimum; the dossier, under its 8 before, is not told again
LEFT = "• L’axe 1 comptera 1 engagement, alors qu’il en faut au moins 2."
# a button pressed answered nothing: told the indicator was removed
REMOVED = "Cet indicateur a été retiré du dossier entre-temps, peut-être par un collègue."


async def coop_of_two(harness, first_id: int, name: str):
    """Sam (direction) with engagements 1 and 2 and a whole indicator on 1; Alex, a member."""
    sam = await join(harness, first_id, "fr", name)
    alex = harness.user(first_id + 1, first_name="Alex", language_code="fr")
    await alex.send(f"/start {sam.invitations.member_token}")
    await choose(sam, [1, 2])
    await fill_suggested_indicator(sam, 1, FR_ANSWERS)
    return sam, alex


async def plans(harness) -> tuple[list[str], list[int], int]:
    """The indicators' titles, the engagements chosen and the number of actions."""
    async with harness.database.transaction() as session:
        titles = sorted(i.title for i in (await session.exec(select(Indicator))).all())
        chosen = sorted(c.engagement_code for c in (await session.exec(select(EngagementChoice))).all())
        actions = len((await session.exec(select(Action))).all())
    return titles, chosen, actions


async def test_a_confirmation_older_than_a_colleagues_indicator_is_asked_again_with_the_new_count(harness):
    sam, alex = await coop_of_two(harness, 9720001, "Coop Recompte")
    await open_home(sam)
    await sam.press("Axe 1")
    await sam.press("✅ 1 · ")
    assert ONE in sam.last_text
    confirmation = sam.last
    await start_own_indicator(alex, 1)
    await alex.send("Nombre de ménages logés en PSLA")
    await alex.send("Longue raison écrite avec soin par Alex.")
    assert "Quel type de valeur prend-il" in alex.last_text
    question = alex.last

    await sam.press("🗑 Oui, le retirer", confirmation)
    assert CHANGED in sam.reply_text() and TWO in sam.reply_text(), sam.reply_text()
    assert "🗑 Oui, le retirer" in sam.buttons()
    titles, chosen, actions = await plans(harness)
    assert "Nombre de ménages logés en PSLA" in titles and 1 in chosen and actions == 1  # nothing removed

    await sam.press("🗑 Oui, le retirer", sam.last)  # now knowing: both go
    assert "Engagement 1 retiré." in sam.reply_text()
    assert await plans(harness) == ([], [2], 0)

    # Alex, at the question of his indicator: told it was removed, and led on
    await alex.press("🔢 Un nombre", question)
    assert not any("ne concerne pas" in alert for alert in alex.alerts), alex.alerts
    assert REMOVED in alex.reply_text() and "📊" in alex.reply_text()
    assert "Quel type de valeur prend-il" not in alex.last_text


async def test_an_action_added_meanwhile_is_counted_too(harness):
    sam, alex = await coop_of_two(harness, 9720011, "Coop Action")
    await open_home(sam)
    await sam.press("Axe 1")
    await sam.press("✅ 1 · ")
    confirmation = sam.last
    await open_home(alex)
    await alex.press("📊 Indicateurs")
    await alex.press(" 1 · ")
    await alex.press("1 · ")
    await alex.press("➕ Ajouter une action")
    await alex.send("Une action d’Alex")
    await sam.press("🗑 Oui, le retirer", confirmation)
    assert "ses 2 actions" in sam.reply_text() and CHANGED in sam.reply_text(), sam.reply_text()
    assert (await plans(harness))[2] == 2


async def test_an_unchanged_confirmation_removes_at_once(harness):
    sam, _alex = await coop_of_two(harness, 9720021, "Coop Direct")
    await open_home(sam)
    await sam.press("Axe 1")
    await sam.press("✅ 1 · ")
    await sam.press("🗑 Oui, le retirer")
    assert "Engagement 1 retiré." in sam.reply_text() and CHANGED not in sam.reply_text()
    assert await plans(harness) == ([], [2], 0)


async def test_the_mini_app_names_what_it_confirmed_and_asks_again_when_it_changed(web_harness):
    h = web_harness
    sam, alex = await coop_of_two(h, 9720031, "Coop Page")
    async with client(h) as http:
        did = (await http.get("/app/api/dossier", headers=auth(sam))).json()["dossier"]["id"]
        drop = {"dossier": did, "code": 1, "chosen": False}
        asked = await http.post("/app/api/engagement", headers=auth(sam), json={**drop, "confirmed": False})
        assert asked.status_code == 409
        assert asked.json()["confirm"] == f"Engagement 1\n{ONE}\n{LEFT}"  # the chat's words
        seen = asked.json()["seen"]
        await start_own_indicator(alex, 1)
        await alex.send("Nombre de ménages logés en PSLA")
        stale = await http.post(
            "/app/api/engagement", headers=auth(sam), json={**drop, "confirmed": True, "seen": seen}
        )
        assert stale.status_code == 409
        assert stale.json()["confirm"] == f"{CHANGED}\nEngagement 1\n{TWO}\n{LEFT}"
        assert len((await plans(h))[0]) == 2
        again = await http.post(
            "/app/api/engagement",
            headers=auth(sam),
            json={**drop, "confirmed": True, "seen": stale.json()["seen"]},
        )
        assert again.status_code == 200
    assert await plans(h) == ([], [2], 0)


OLDER = "Cette confirmation venait d’un écran plus ancien\xa0: vérifiez ce qui sera supprimé, puis confirmez de nouveau."


async def test_a_confirmation_pressed_after_a_restart_removes_at_once(harness):
    # the screen is drawn in place and never saved: what it counted travels in its button, so the
    # process that answers (restarted, or the other webhook instance) knows it
    sam, _alex = await coop_of_two(harness, 9720041, "Coop Redémarrée")
    await open_home(sam)
    await sam.press("Axe 1")
    await sam.press("✅ 1 · ")
    confirmation = sam.last
    await harness.restart()
    await sam.press("🗑 Oui, le retirer", confirmation)
    assert "Engagement 1 retiré." in sam.reply_text(), sam.reply_text()
    assert await plans(harness) == ([], [2], 0)


async def test_a_confirmation_pressed_after_a_restart_still_counts_a_colleagues_indicator(harness):
    sam, alex = await coop_of_two(harness, 9720051, "Coop Redémarrée Deux")
    await open_home(sam)
    await sam.press("Axe 1")
    await sam.press("✅ 1 · ")
    confirmation = sam.last
    await harness.restart()
    await start_own_indicator(alex, 1)
    await alex.send("Nombre de ménages logés en PSLA")
    await sam.press("🗑 Oui, le retirer", confirmation)
    assert CHANGED in sam.reply_text() and TWO in sam.reply_text(), sam.reply_text()
    assert len((await plans(harness))[0]) == 2
    await harness.restart()
    await sam.press("🗑 Oui, le retirer", sam.last)
    assert await plans(harness) == ([], [2], 0)


async def test_an_older_button_without_its_mark_asks_again_saying_so(harness):
    sam, _alex = await coop_of_two(harness, 9720061, "Coop Ancien Bouton")
    await open_home(sam)
    await sam.press("Axe 1")
    await sam.press("✅ 1 · ")
    confirmation = sam.last
    dossier_id = sam.find_button("🗑 Oui, le retirer")[1].split(":")[1]
    await sam.press_data(confirmation, f"tgy:{dossier_id}:1:1")  # as drawn before the mark (from /recap)
    assert OLDER in sam.reply_text() and ONE in sam.reply_text(), sam.reply_text()  # never the same screen
    assert (await plans(harness))[1] == [1, 2]
    data = sam.find_button("🗑 Oui, le retirer")[1]
    assert data.startswith(f"tgy:{dossier_id}:") and data.endswith(":1:1"), data  # the recap's way kept
    await sam.press("🗑 Oui, le retirer", sam.last)
    assert "Engagement 1 retiré." in sam.reply_text()
    assert await plans(harness) == ([], [2], 0)
