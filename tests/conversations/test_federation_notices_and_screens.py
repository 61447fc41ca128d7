"""What an exploratory session of the federation's journeys found: a request opens from each of its
notices, however many came since (the admin's « 📨 Ouvrir la demande », the member's « 💬 Voir la
demande »); an out-of-date menu says where one is, not « the dossier », to staff who have none; text typed
on a staff screen of buttons points to them; « 1 / 1 envoyé »; the engagements' board leads back to the
dashboard, which says a word it does not know; the French command names its argument « NOM »; the inbox says
what its marks mean, and text typed there is given back with « here it is » said once."""

from __future__ import annotations

from tests.conftest import ADMIN_ID
from tests.conversations.test_federation_requests import ask
from tests.dossier_steps import join

NBSP = "\u00a0"


def with_text(user, words: str) -> list[dict]:
    return [dict(m) for m in user.messages if words in (m.get("text") or "")]


async def compose_to_audience(admin) -> None:
    """/annonce up to « Qui doit la recevoir ? »."""
    await admin.send("/annonce")
    for answer in ("VisioCoop", "mercredi 9 décembre 9h", "-", "-"):
        await admin.send(answer)


async def test_each_new_request_notice_opens_its_own_request(harness):
    aval = await join(harness, 6501, "fr", "Coop Aval", role="member")
    bief = await join(harness, 6502, "fr", "Coop Bief", role="member")
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    await ask(aval, "Question de Coop Aval ?")
    await ask(bief, "Question de Coop Bief ?")
    await harness.run_background()
    older, newer = with_text(admin, "Nouvelle demande")
    await admin.press("📨", newer)
    assert "Question de Coop Bief" in admin.last_text
    await admin.press("📨", older)  # above the request now on display: still its own
    assert "Question de Coop Aval" in admin.last_text, admin.last_text
    assert "plus à jour" not in admin.reply_text()


async def test_each_reply_notice_opens_its_own_request(harness):
    member = await join(harness, 6601, "fr", "Coop Aval", role="member")
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    await ask(member, "Question 1 ?")
    await ask(member, "Question 2 ?")
    for number in ("1", "2"):
        await admin.send("/demandes")
        await admin.press(f"{number} · ")
        await admin.press("✍️")
        await admin.send(f"Réponse à la question {number}.")
    await harness.run_background()
    first, second = with_text(member, "Réponse de la fédération")
    await member.press("💬", second)
    assert "Question 2 ?" in member.last_text
    await member.press("💬", first)
    assert "Question 1 ?" in member.last_text, member.last_text


async def test_an_old_menu_tells_staff_where_they_are_not_the_dossier(harness):
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    await admin.send("/annonce")
    old, cancel = dict(admin.last), admin.find_button("Annuler")[1]  # its keyboard taken off below
    await admin.send("VisioCoop")
    await admin.send("/annonce")
    await admin.press("▶️")
    await admin.press_data(old, cancel)
    said = admin.reply_text().replace(NBSP, " ")
    assert "Ce menu n’est plus à jour : voici où vous en êtes." in said, said
    assert "dossier" not in said


async def test_text_typed_on_a_staff_screen_of_buttons_points_to_them(harness):
    await join(harness, 6801, "fr", "Coop Étoile")
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    await compose_to_audience(admin)
    await admin.send("tout le monde")  # at « Qui doit la recevoir ? »
    said = admin.reply_text()
    assert "Je n’ai pas compris" not in said, said
    assert "Choisissez avec les boutons de cet écran" in said, said
    assert "Tout le monde" in " ".join(admin.buttons())  # the question again, below


async def test_one_recipient_is_said_in_the_singular(harness):
    await join(harness, 6901, "fr", "Coop Étoile")
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    await compose_to_audience(admin)
    await admin.press("Tout le monde")
    await admin.press("📤")
    await harness.run_background()
    progress = [m["text"].replace(NBSP, " ") for m in admin.messages if "/ 1" in (m.get("text") or "")]
    assert progress and all("/ 1 envoyé" in text and "envoyés" not in text for text in progress), progress


async def test_the_engagements_board_leads_back_to_the_dashboard(harness):
    await join(harness, 7001, "fr", "Coop Une")
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    await admin.send("/tableau")
    await admin.press("🎯")
    assert admin.buttons() == ["⬅️ Tableau de bord"]
    await admin.press("⬅️ Tableau de bord")
    assert "Tableau de bord Quali’Coop" in admin.last_text and "🎯 Par engagement" in admin.buttons()


async def test_the_french_command_names_its_argument_in_french(harness):
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    await admin.send("/tableau")
    assert "qualicoop coop add NOM" in admin.last_text, admin.last_text


async def test_the_inbox_says_its_marks_and_gives_typed_text_back_once(harness):
    member = await join(harness, 7101, "fr", "Coop Aval", role="member")
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    await ask(member, "Question ?")
    await admin.send("/demandes")
    assert "⏳ attend votre réponse · 🟠 répondue, encore ouverte · ✅ close" in admin.last_text
    await admin.send("Bonjour à toutes les coopératives")
    said = admin.reply_text()
    assert "le voici" not in said and said.count("Voici ce que vous aviez écrit") == 1, said


async def test_a_word_the_dashboard_does_not_know_is_said(harness):
    await join(harness, 7201, "fr", "Coop Une")
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    await admin.send("/tableau régions")
    said = admin.reply_text().replace(NBSP, " ")
    assert "/tableau connaît « engagements » et « csv », pas « régions » : voici ses chiffres." in said, said
    assert "Tableau de bord Quali’Coop" in said
