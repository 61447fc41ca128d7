"""One action, one set of words on every keyboard: the committee's visit is not « home », an action's
states read the same on /progres and in the bilan and are not cut on a phone, a draft is deleted with
the same words everywhere, a destructive confirmation says « 🗑 Oui, … », and a coop named with an emoji
gets no missing-glyph box in its /progres chart."""

from __future__ import annotations

import warnings

from conversations.ui.messages import BUTTON_WIDTH, label_width
from locales import translator
from tests.conversations.test_bilans import admissible_coop
from tests.dossier_steps import join, open_home

STATE_MARKS = ("⬜", "⏳", "✅", "🚫")


def state_rows(user) -> list[list[str]]:
    """The rows of the newest message's action-state buttons (their labels)."""
    keyboard = (user.last.get("reply_markup") or {}).get("inline_keyboard", [])
    rows = [[b["text"] for b in row if b["text"].startswith(STATE_MARKS)] for row in keyboard]
    return [row for row in rows if row]


async def test_the_committee_s_visit_button_is_not_the_home_emoji(world):
    """🏠 is « 🏠 Mon dossier » on every coop screen: the visit wears a door, both languages."""
    harness, _clock = world
    _director, _member, committee = await admissible_coop(harness, "Coop Visite")
    await committee.send("/comite")
    await committee.press("#1 Coop")
    assert "🚪 Visite effectuée" in committee.buttons()
    assert not [label for label in committee.buttons() if label.startswith("🏠")]
    assert translator("en").gettext("🚪 Visit held") == "🚪 Visit held"


async def test_an_action_s_states_read_the_same_on_progres_and_in_the_bilan_and_fit(world):
    """/progress and the bilan's action step say one state with one label (one table), two to a row."""
    harness, _clock = world
    director, member, _committee = await admissible_coop(harness, "Coop Suivi")
    await member.send("/progress")
    await member.press("Actions")
    await member.press("Former")
    progress = state_rows(member)
    await member.send("/report")
    await member.press("✅ Actions")
    report = state_rows(member)
    assert [label for row in progress for label in row] == [
        "⬜ Not started yet",
        "⏳ In progress",
        "✅ Done",
    ], progress
    assert {b for row in progress for b in row} < {b for row in report for b in row}, (progress, report)
    await director.send("/progres")
    await director.press("Actions")
    await director.press("Former")
    french = state_rows(director)
    assert french == [["⬜ Pas commencée", "⏳ En cours"], ["✅ Terminée"]], french
    assert all(label_width(label) <= BUTTON_WIDTH for row in french for label in row)


def test_same_action_same_words_and_a_destructive_confirmation_says_yes_with_a_bin():
    """Deleting a draft (a request's, a consultation's) says « Supprimer le brouillon » both times; taking
    someone off the team is confirmed « 🗑 Oui, … » as every other destructive confirmation."""
    fr = translator("fr").gettext
    assert fr("🗑 Delete the draft") == "🗑 Supprimer le brouillon"
    assert fr("🗑 Yes, take them off the team") == "🗑 Oui, retirer de l’équipe"


async def test_a_request_draft_is_deleted_with_the_consultation_s_words(harness):
    """The request's draft screen offers « 🗑 Delete the draft », as a consultation's draft does."""
    sam = await join(harness, 8301, "en", "Coop Brouillon", role="member")
    await sam.send("/federation")
    await sam.press("✍️ New request")
    await sam.press("📊 Indicators")
    await sam.send("Our question?")
    assert "🗑 Delete the draft" in sam.buttons(), sam.buttons()
    await sam.press("🗑 Delete the draft")
    assert "Draft deleted." in sam.reply_text()


async def test_taking_someone_off_the_team_is_confirmed_with_a_bin(harness):
    """The team's removal question: « 🗑 Oui, retirer de l’équipe », then they are off the team."""
    camille = await join(harness, 8302, "fr", "Coop Équipe")
    bob = harness.user(8303, "Bob", "fr")
    await bob.send(f"/start {camille.invitations.member_token}")
    await open_home(camille)
    await camille.press("🤝 Mon équipe")
    await camille.press("➖ 2. Bob")
    assert "🗑 Oui, retirer de l’équipe" in camille.buttons(), camille.buttons()
    await camille.press("🗑 Oui, retirer de l’équipe")
    assert "✅ Bob ne voit plus le dossier." in camille.last_text


async def test_the_progress_chart_of_a_coop_named_with_an_emoji_has_no_missing_glyph(world):
    """The chart's title names the coop: its emoji is left out, as the PDF leaves it out."""
    harness, _clock = world
    director, _member, _committee = await admissible_coop(harness, "Coop Horizon 🏡")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        await director.send("/progres")
    assert not [str(w.message) for w in caught if "missing from font" in str(w.message)]
    assert director.messages[-2]["caption"].startswith(
        "Avancement — Coop Horizon 🏡"
    )  # a caption keeps it: a phone draws it


def test_a_chart_leaves_out_what_its_font_cannot_draw_as_the_pdf_does():
    """Indicator titles and units are typed too: their emoji are left out, a script the font lacks reads as
    the marker the caller gives in the reader's language."""
    from conversations.render.charts import ProgressRow, printed, progress_chart

    legend = {"start": "départ", "target": "cible", "progress": "avancement", "empty": "—"}
    row = ProgressRow("Logements rénovés 🏠 张伟", 0, 5, 10, "5 🏠", "10 🏠")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        progress_chart([row], "Avancement — Coop 🏡", legend)
    assert not [str(w.message) for w in caught if "missing from font" in str(w.message)]
    marked = printed("Coop 张伟 🏡", {"not_printable": "[texte non imprimable]"})
    assert marked == "Coop [texte non imprimable]", marked
