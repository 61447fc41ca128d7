"""Consulting the staff and the coopérateurs: prepare, answer (members and public link), results."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlmodel import select

from bot.delivery.consultations import remind_consultations
from models.tables import Consultation, ConsultationAnswer, SentReminder
from tests.conversations.test_bilans import pdf_text
from tests.dossier_steps import join, open_home


async def open_consultations(user, labels=("👥 Approach", "🗳 Consultations")) -> None:
    await open_home(user)
    for label in labels:
        await user.press(label)


async def prepare_default(director, closing: str, link: bool = True, lang: str = "en") -> str:
    """The direction prepares the default question, for the members and a public link; returns the link."""
    words = LABELS[lang]
    await open_consultations(director, words["open"])
    await director.press(words["new"])
    await director.press(words["engagements"])
    if link:
        await director.press(words["link"])
    await director.press(words["continue"])
    await director.send(closing)
    link_line = next((line for line in director.last_text.splitlines() if "?start=c_" in line), "")
    await director.press(words["open_it"])
    return link_line.strip()


LABELS = {
    "en": {
        "open": ("👥 Approach", "🗳 Consultations"),
        "new": "➕ New consultation",
        "engagements": "⭐ The engagements",
        "own": "✏️ My own question",
        "link": "⬜ 🔗 Public link",
        "continue": "➡️ Continue",
        "open_it": "✅ Open the consultation",
        "answer": "🗳 Answer",
        "send": "📨 Send my answer",
        "comment": "💬 Comment",
    },
    "fr": {
        "open": ("👥 Démarche", "🗳 Consultations"),
        "new": "➕ Nouvelle consultation",
        "engagements": "⭐ Les engagements",
        "own": "✏️ Ma propre question",
        "link": "⬜ 🔗 Lien public",
        "continue": "➡️ Continuer",
        "open_it": "✅ Ouvrir la consultation",
        "answer": "🗳 Répondre",
        "send": "📨 Envoyer ma réponse",
        "comment": "💬 Commentaire",
    },
}


async def test_a_consultation_in_english_from_preparation_to_results(world):
    harness, _clock = world
    director = await join(harness, 3101, "en", "Coop Vote")
    member = harness.user(3102, "Sam", "en")
    await member.send(f"/start {director.invitations.member_token}")
    link = await prepare_default(director, "15/12/2026")
    assert link.startswith("https://t.me/qualicoop_test_bot?start=c_")
    assert "The consultation is open: 1 member will be invited." in director.last_text
    await harness.run_background()
    assert "Coop Vote asks your opinion, until Tuesday 15 December 2026:" in member.last_text
    assert "Which engagements matter most to you?" in member.last_text

    await member.press("🗳 Answer")
    await member.press("⬜ 5 · ")
    await member.press("⬜ 7 · ")
    assert "✅ 5. " in member.last_text and "⚠️ Not sent yet" in member.last_text
    await member.press("💬 Comment")
    await member.send("More meetings <with> the tenants & their associations")
    await member.press("📨 Send my answer")
    assert "Thank you! Your answer is recorded." in member.last_text

    # someone outside the bot's coops answers through the public link
    guest = harness.user(3103, "Léa", "en")
    await guest.send("/start " + link.rsplit("start=", 1)[1])
    assert "Which engagements matter most to you?" in guest.last_text
    assert "🏠 My dossier" not in guest.buttons()
    await guest.press("⬜ 7 · ")
    await guest.press("📨 Send my answer")
    await open_consultations(director)
    await director.press("🟢 1 · ")  # open: the participation only, for the direction too
    assert "2 answers out of 3 people reached (67%) · results at closing" in director.last_text
    assert "5. " not in director.last_text and "More meetings" not in director.last_text
    assert "📊 Chart" not in director.buttons()
    await director.press("🗳 Answer")
    await director.press("⬜ 7 · ")
    await director.press("📨 Send my answer")

    await open_consultations(director)
    await director.press("🟢 1 · ")
    assert "3 answers out of 3 people reached (100%) · results at closing" in director.last_text
    assert "• 7." not in director.last_text and "More meetings" not in director.last_text
    await director.press("⏹ Close now")
    await director.press("⏹ Yes, close it")
    text = director.last_text
    assert "3 answers out of 3 people reached (100%)" in text
    assert "5. " in text and "7. " in text
    lines = {line.split(" — ")[0]: line for line in text.splitlines() if line.startswith("• ")}
    assert lines[next(k for k in lines if k.startswith("• 7."))].endswith("— 3 (100%)")
    assert lines[next(k for k in lines if k.startswith("• 5."))].endswith("— 1 (33%)")
    assert "“More meetings <with> the tenants & their associations”" in text
    assert "Sam" not in text and "Léa" not in text  # anonymous
    await director.press("📊 Chart")
    assert "photo" in director.last

    await director.send("/recap")
    review = director.reply_text()
    assert "Consultations of the staff and the coopérateurs" in review
    assert "3 answers out of 3 people reached (100%)" in review
    await director.send("/pdf")  # the dossier's PDF carries the consultation as evidence too
    pdf = " ".join(pdf_text(harness, director.last).split())
    assert (
        "Consultations of the staff and the coopérateurs" in pdf and "More meetings <with> the tenants" in pdf
    )


async def test_the_link_gives_the_consultation_and_nothing_else(world):
    harness, _clock = world
    director = await join(harness, 3111, "en", "Coop Lien")
    link = await prepare_default(director, "15/12/2026")
    guest = harness.user(3112, "Léa", "en")
    await guest.send("/start " + link.rsplit("start=", 1)[1])
    ballot = guest.last
    async with harness.database.transaction() as session:
        consultation = (await session.exec(select(Consultation))).one()
    await guest.send("/dossier")
    assert "You are not part of a coop yet" in guest.last_text
    for data in (
        f"cso:{consultation.id}",
        "cs",
        "iv",
        "home",
        f"csx:{consultation.id}",
        f"csg:{consultation.id}",
    ):
        await guest.press_data(ballot, data)
        assert "You are not part of a coop yet" in guest.reply_text(), data
    assert guest.find_button("⬜ 7 · ", ballot)  # the ballot itself was never replaced
    await guest.send("/start c_doesnotexist")
    assert "This consultation link is not recognised" in guest.last_text


async def test_only_the_direction_prepares_and_another_coop_sees_nothing(world):
    harness, _clock = world
    director = await join(harness, 3121, "en", "Coop Une")
    member = harness.user(3122, "Sam", "en")
    await member.send(f"/start {director.invitations.member_token}")
    await open_consultations(member)
    assert "➕ New consultation" not in member.buttons()
    assert "Only the direction can start a consultation." in member.last_text
    await member.press_data(member.last, "csn")
    assert member.alerts == ["Your role does not allow this."]
    await prepare_default(director, "15/12/2026", link=False)
    async with harness.database.transaction() as session:
        consultation = (await session.exec(select(Consultation))).one()
    await member.press_data(member.last, f"csx:{consultation.id}")
    assert member.alerts == ["Your role does not allow this."]

    other = await join(harness, 3123, "en", "Coop Deux")
    await open_consultations(other)
    not_yours = "This button is not for your coop’s dossier, or what it pointed to was removed."
    not_sent = "This consultation was not sent to you."  # its ballot: no dossier's button
    for data, said in (
        (f"cso:{consultation.id}", not_yours),
        (f"cb:{consultation.id}", not_sent),
        (f"cbt:{consultation.id}:0:1", not_sent),
    ):
        await other.press_data(other.last, data)
        assert other.alerts == [said], data
    async with harness.database.transaction() as session:
        assert (await session.exec(select(ConsultationAnswer))).all() == []


async def test_an_own_question_with_refused_answers_then_closing(world):
    harness, clock = world
    director = await join(harness, 3131, "en", "Coop Libre")
    await open_consultations(director)
    await director.press("➕ New consultation")
    await director.press("✏️ My own question")
    await director.send("Which evening suits you for the general assembly?")
    await director.send("Tuesday only")
    assert "Please give between 2 and 8 choices, one per line." in director.replies[0]["text"]
    assert "The choices, one per line (2 to 8)?" in director.last_text
    await director.send("Tuesday\nThursday\n\nTuesday")
    assert "Choices: Tuesday · Thursday" in director.last_text
    await director.press("➡️ Continue")
    await director.send("31/12/2030")
    assert "This date is too far ahead." in director.replies[0]["text"]
    await director.send("25 novembre 2026")
    assert "Until Wednesday 25 November 2026" in director.last_text
    await director.press("✅ Open the consultation")
    await director.press("🗳 Answer")
    await director.press("⬜ 2. Thursday")
    await director.press("📨 Send my answer")
    await director.press("✅ 2. Thursday")
    assert director.alerts == ["Tick at least one choice."]
    clock.advance(days=3)
    await director.press("⬜ 1. Tuesday")
    assert director.alerts == ["This consultation is closed: answers are no longer accepted."]
    await open_consultations(director)
    assert "Closed on 25 November 2026" in director.last_text


async def test_one_reminder_two_days_before_closing_to_who_has_not_answered(world):
    harness, clock = world
    director = await join(harness, 3141, "en", "Coop Rappel")
    member = harness.user(3142, "Sam", "en")
    await member.send(f"/start {director.invitations.member_token}")
    await prepare_default(director, "15/12/2026", link=False)
    await director.press("🗳 Answer")
    await director.press("⬜ 1 · ")
    await director.press("📨 Send my answer")
    await harness.run_background()
    clock.now = datetime(2026, 12, 13, 7, 30, tzinfo=UTC)  # 8:30 in Paris: too early
    assert await remind_consultations(harness.application) == 0
    clock.now = datetime(2026, 12, 13, 9, 0, tzinfo=UTC)
    assert await remind_consultations(harness.application) == 1
    assert "Reminder: the consultation of Coop Rappel closes on Tuesday 15 December 2026." in member.last_text
    assert "🗳 Answer" in member.buttons()
    await harness.restart()
    clock.advance(hours=1)
    assert await remind_consultations(harness.application) == 0
    async with harness.database.transaction() as session:
        assert [r.user_id for r in (await session.exec(select(SentReminder))).all()] == [3142]


async def test_une_consultation_en_francais(world):
    harness, _clock = world
    director = await join(harness, 3151, "fr", "Coop Avis")
    member = harness.user(3152, "Lou", "fr")
    await member.send(f"/start {director.invitations.member_token}")
    await open_consultations(director, LABELS["fr"]["open"])
    assert "Aucune consultation pour l’instant." in director.last_text
    link = await prepare_default(director, "15 décembre 2026", lang="fr")
    assert "?start=c_" in link
    assert "La consultation est ouverte\u00a0: 1\u00a0membre sera invité." in director.last_text
    await harness.run_background()
    assert "Coop Avis vous demande votre avis, jusqu’au mardi 15 décembre 2026\u00a0:" in member.last_text
    assert "Quels engagements comptent le plus pour vous\u00a0?" in member.last_text
    await member.press("🗳 Répondre")
    assert "⬜ 1 · " in " ".join(member.buttons())
    await member.press("⬜ 9 · ")
    await member.press("📨 Envoyer ma réponse")
    assert "Merci\u00a0! Votre réponse est enregistrée." in member.last_text
    assert "Jusqu’au 15 décembre 2026, chaque modification compte aussitôt." in member.last_text
    await member.press("⬜ 10 · ")  # changed after sending: counts at once
    for voter in (director, harness.user(3153, "Noé", "fr")):  # the results show from 3 answers
        await voter.send("/start " + link.rsplit("start=", 1)[1])
        await voter.press("⬜ 9 · ")
        await voter.press("📨 Envoyer ma réponse")
    await member.send("/dossier")
    await member.press("👥 Démarche")
    assert "3\u00a0réponses sur 3\u00a0personnes consultées (100\u00a0%)" in member.last_text
    await member.press("🗳 Consultations")
    assert "➕ Nouvelle consultation" not in member.buttons()
    await member.press("🟢 1 · ")
    assert "(100\u00a0%) · résultats à la clôture" in member.last_text and "• 9." not in member.last_text
    await open_consultations(director, LABELS["fr"]["open"])
    await director.press("🟢 1 · ")
    await director.press("⏹ Clore maintenant")
    await director.press("⏹ Oui, clore")
    await open_consultations(member, LABELS["fr"]["open"])
    await member.press("⏹ 1 · ")
    assert "• 9. Accompagner durablement" in member.last_text and "— 3 (100\u00a0%)" in member.last_text
    assert "• 10. " in member.last_text
    await member.send("/recap")
    assert "Consultations des salariés et des coopérateurs" in member.reply_text()


async def test_who_joins_after_the_closing_was_never_asked(world):
    """A closed consultation's participation does not drop when the team grows afterwards."""
    harness, clock = world
    director = await join(harness, 3161, "fr", "Coop Fermée")
    await prepare_default(director, "25/11/2026", link=False, lang="fr")
    await director.press("🗳 Répondre")
    await director.press("⬜ 1 · ")
    await director.press("📨 Envoyer ma réponse")
    await open_consultations(director, LABELS["fr"]["open"])
    await director.press("🟢 1 · ")
    before = director.last_text
    assert "(100\u00a0%)" in before or "(100 %)" in before
    clock.advance(days=5)  # closed on the 25th by its date
    for number in range(3):
        await harness.user(3170 + number, f"Nouveau {number}", "fr").send(
            f"/start {director.invitations.member_token}"
        )
    await open_consultations(director, LABELS["fr"]["open"])
    await director.press("⏹ 1 · ")
    after = director.last_text
    assert "1 réponse sur 1 personne consultée" in after.replace("\u00a0", " ") and (
        "(100\u00a0%)" in after or "(100 %)" in after
    ), after


async def test_a_voter_who_erases_and_comes_back_is_counted_once(world):
    """An open consultation's answer goes with its person (they may answer again); a closed one's stays."""
    harness, clock = world
    director = await join(harness, 3181, "fr", "Coop Vote")
    token = (await prepare_default(director, "15/12/2026", lang="fr")).rsplit("start=", 1)[1]
    guest = harness.user(3182, "Léonie", "fr")
    await guest.send("/start " + token)
    await guest.press("⬜ 7 · ")
    await guest.press("📨 Envoyer ma réponse")
    await guest.send("/supprimer")
    assert "une consultation encore ouverte est retirée" in guest.last_text.replace("\u00a0", " ")
    await guest.press("🗑 Oui, effacer mes données")
    await guest.send("/start " + token)
    await guest.press("⬜ 7 · ")
    await guest.press("📨 Envoyer ma réponse")
    await open_consultations(director, LABELS["fr"]["open"])
    await director.press("🟢 1 · ")
    results = director.last_text.replace("\u00a0", " ")
    assert "1 réponse sur 2 personnes consultées (50 %)" in results, results
    clock.advance(days=30)  # closed: her answer is the consultation's evidence now
    await guest.send("/supprimer")
    await guest.press("🗑 Oui, effacer mes données")
    async with harness.database.transaction() as session:
        answers = (await session.exec(select(ConsultationAnswer))).all()
    assert [answer.user_id < 0 for answer in answers] == [True]  # kept, anonymous


async def test_choices_are_cleaned_as_every_typed_text(world):
    """A line showing nothing (a zero-width space) is no choice; a NUL is left out, as in any typed text
    (PostgreSQL refuses it)."""
    harness, _clock = world
    director = await join(harness, 3135, "en", "Coop Propre")
    await open_consultations(director)
    await director.press("➕ New consultation")
    await director.press("✏️ My own question")
    await director.send("Which evening suits you?")
    await director.send("Tuesday\n\u200b")
    assert "Please give between 2 and 8 choices, one per line." in director.replies[0]["text"]
    await director.send("Tuesday\x00\n\u200bThursday\u200b\n\u200b\u200c\nTues\x00day")
    assert "Choices: Tuesday · Thursday" in director.last_text
    async with harness.database.transaction() as session:
        consultation = (await session.exec(select(Consultation))).one()
    assert json.loads(consultation.choices) == ["Tuesday", "Thursday"]


async def test_choices_alike_at_their_start_stay_two_buttons_and_are_shown_whole(world):
    harness, _clock = world
    director = await join(harness, 3191, "fr", "Coop Choix")
    north = "Réunion publique mardi soir, salle du quartier Nord"
    south = "Réunion publique mardi soir, salle du quartier Sud"
    await open_consultations(director, LABELS["fr"]["open"])
    await director.press(LABELS["fr"]["new"])
    await director.press(LABELS["fr"]["own"])
    await director.send("Quel format pour l’assemblée ?")
    await director.send(f"{north}\n{south}")
    await director.press(LABELS["fr"]["continue"])
    await director.send("15/12/2026")
    assert north in director.last_text and south in director.last_text  # the preview, whole
    await director.press(LABELS["fr"]["open_it"])
    await director.press(LABELS["fr"]["answer"])
    assert f"⬜ 1. {north}" in director.last_text and f"⬜ 2. {south}" in director.last_text
    labels = director.buttons()  # the harness refuses a keyboard with two buttons of one label
    assert labels[0].startswith("⬜ 1. Réunion") and labels[1].startswith("⬜ 2. Réunion")
    await director.press(labels[1])
    assert f"✅ 2. {south}" in director.last_text and f"⬜ 1. {north}" in director.last_text


async def test_closed_just_after_midnight_in_paris_shows_the_paris_day(world):
    """Closed at 00:30 Paris on 15 March (23:30 UTC on the 14th): the coop reads the 15th, as everywhere."""
    harness, clock = world
    director = await join(harness, 3191, "fr", "Coop Minuit")
    clock.now = datetime(2027, 3, 1, 9, tzinfo=UTC)
    await prepare_default(director, "31 mars 2027", link=False, lang="fr")
    clock.now = datetime(2027, 3, 14, 23, 30, tzinfo=UTC)  # 00:30 on 15 March in Paris
    await open_consultations(director, LABELS["fr"]["open"])
    await director.press("🟢 1 · ")
    await director.press("⏹ Clore maintenant")
    await director.press("⏹ Oui, clore")
    await open_consultations(director, LABELS["fr"]["open"])
    assert "Clôturée le 15 mars 2027" in director.last_text, director.last_text


async def test_a_director_alone_is_told_nobody_else_uses_the_assistant_yet(harness):
    director = await join(harness, 3481, "fr", "Coop Seule")
    await prepare_default(director, "15/12/2026", link=False, lang="fr")
    said = director.reply_text().replace("\u00a0", " ")
    assert (
        "La consultation est ouverte : aucun autre membre de la coopérative n’utilise encore l’assistant."
        in said
    )
