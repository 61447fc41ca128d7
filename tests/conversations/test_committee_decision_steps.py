"""A committee decision's steps say where they are and lead on: the date question names the coop and the
decision and goes « ⬅️ Retour » to the comment, kept; a closed cycle's checkpoint never recorded is not
« planned » (its screen and its PDF); every decision's news to the coop leads to its dossier."""

from __future__ import annotations

from tests.conversations.test_committee_next_cycle import renewed_coop
from tests.conversations.test_committee_pdf import committee_pdf
from tests.conversations.test_early_visit import submitted_coop
from tests.conversations.test_label_decision import visited_coop
from tests.conversations.test_label_journey import decide

NBSP = "\u00a0"


async def test_the_date_question_names_the_decision_and_goes_back_to_the_comment_kept(world):
    harness, _clock = world
    director, committee = await submitted_coop(harness)
    await committee.send("/comite")
    await committee.press("Coop Horizon")
    await committee.press("✅ Déclarer recevable")
    await committee.send("Dossier complet, bravo.")
    date_question = committee.last
    assert date_question["text"].startswith("🏛 Coop Horizon · ✅ Déclarer recevable\n")
    assert f"À quelle date{NBSP}?" in date_question["text"]
    assert committee.buttons()[1:] == ["⬅️ Retour", "Annuler"]

    # back to the comment, in place: what was typed is shown, to keep or to rewrite
    await committee.press("⬅️ Retour")
    assert committee.last["message_id"] == date_question["message_id"]
    comment = committee.last_text
    assert comment.startswith("🏛 Coop Horizon · ✅ Déclarer recevable\n")
    assert f"Votre commentaire actuel{NBSP}:\n«{NBSP}Dossier complet, bravo.{NBSP}»" in comment
    assert committee.buttons() == ["✅ Garder", "Annuler"]
    await committee.press("✅ Garder")
    assert f"À quelle date{NBSP}?" in committee.last_text

    # rewritten: the new comment is the one confirmed and sent
    await committee.press("⬅️ Retour")
    await committee.send("Recevable : bienvenue dans le parcours.")
    await committee.press("✅ Aujourd’hui")
    assert "Recevable : bienvenue dans le parcours." in committee.last_text
    assert "Dossier complet" not in committee.last_text
    await committee.press("✅ Confirmer")
    await harness.run_background()
    assert "Recevable : bienvenue dans le parcours." in director.last_text


async def test_every_dated_decision_names_itself_on_its_date_question(world):
    harness, _clock = world
    _director, committee = await visited_coop(harness)
    await committee.send("/comite")
    await committee.press("Coop Horizon")
    await committee.press("🏅 Attribuer le label")
    await committee.send("Label attribué.")
    assert committee.last_text.startswith("🏛 Coop Horizon · 🏅 Attribuer le label\n")
    assert "⬅️ Retour" in committee.buttons()


async def test_a_renewed_cycle_s_mid_term_never_recorded_is_not_planned(world):
    harness, clock = world
    _director, committee = await renewed_coop(harness, clock)  # read in November 2029
    await committee.send("/comite")
    await committee.press("#1 Coop Horizon")
    screen = committee.last_text
    assert "Cycle 1 · Clos" in screen
    assert "• Point d’étape à mi-parcours du label — ➖ non enregistré\n" in screen
    assert "prévu le 22 mai 2028" not in screen

    cover = (await committee_pdf(committee, "Coop Horizon"))[0]  # its PDF's course says it alike
    assert "Point d’étape à mi-parcours du label non enregistré" in cover
    assert "22 mai 2028" not in cover


async def test_an_open_cycle_s_checkpoint_past_its_day_is_overdue(world):
    harness, clock = world
    _director, committee = await visited_coop(harness)
    await decide(committee, "Coop Horizon", "🏅", "Label accordé.", "22/11/2026")
    clock.advance(days=365 * 2)  # November 2028: the mid-term (22 May 2028) not recorded
    await committee.send("/comite")
    await committee.press("Coop Horizon")
    screen = committee.last_text
    assert "• Point d’étape à mi-parcours du label — ⏰ prévu le 22 mai 2028, en retard" in screen
    assert "• Fin du label et renouvellement — ⏳ le 22 novembre 2029" in screen


async def test_every_decision_s_news_leads_to_the_dossier(world):
    harness, _clock = world
    director, committee = await visited_coop(harness)  # admissible, then visited
    await decide(committee, "Coop Horizon", "🏅", "Label accordé.", "22/11/2026")
    news = [m for m in director.messages if m.get("text", "").startswith("🏛 Comité de validation")]
    assert len(news) == 3  # admissible, visit held, label granted
    assert all(director.buttons(m) == ["🏠 Mon dossier"] for m in news), [director.buttons(m) for m in news]

    # pressed on the news, the dossier opens below: the news stays as it was
    before, first = len(director.messages), dict(news[0])
    await director.press("🏠 Mon dossier", news[0])
    assert len(director.messages) == before + 1
    assert (
        next(m for m in director.messages if m["message_id"] == first["message_id"])["text"] == first["text"]
    )
    assert "Labellisé" in director.last_text, director.last_text
