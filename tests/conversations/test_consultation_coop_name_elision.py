"""French before a coop's name: « de {coop} » reads « d’Aiguillon Construction », « du Toit », « au Toit »
(locales.elision joins them when the message is formatted). The consultation's words put the name where no
elision is needed anyway: after a dash on the ballot's first line, after « la coopérative » in a sentence."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.delivery.consultations import remind_consultations
from tests.conversations.test_consultations import prepare_default
from tests.dossier_steps import join


async def test_the_ballot_the_visitors_words_and_the_reminder_need_no_elision(world):
    harness, clock = world
    director = await join(harness, 4051, "fr", "Aiguillon Construction")
    member = harness.user(4052, "Sam", "fr")
    await member.send(f"/start {director.invitations.member_token}")
    link = await prepare_default(director, "15/12/2026", lang="fr")
    guest = harness.user(4053, "Léa", "fr")
    await guest.send("/start " + link.rsplit("start=", 1)[1])
    assert guest.last_text.startswith("🗳 Consultation — Aiguillon Construction\n"), guest.last_text
    await guest.send("/aide")
    assert "répondre à la consultation de la coopérative Aiguillon Construction" in guest.reply_text()
    await guest.send("/annuler")
    assert "voici la consultation de la coopérative Aiguillon Construction" in guest.reply_text()
    await harness.run_background()
    clock.now = datetime(2026, 12, 13, 9, 0, tzinfo=UTC)
    assert await remind_consultations(harness.application) == 2
    reminded = member.last_text.replace("\u00a0", " ")
    assert "Rappel : la consultation de la coopérative Aiguillon Construction se termine" in reminded
    assert "de Aiguillon" not in "\n".join([member.last_text, *guest.texts()])


async def test_the_teams_title_needs_no_elision(world):
    harness, _clock = world
    director = await join(harness, 4061, "fr", "Aiguillon Construction")
    await director.send("/dossier")
    await director.press("🤝 Mon équipe")
    assert "Équipe — Aiguillon Construction" in director.last_text, director.last_text


async def test_a_coop_s_name_after_de_or_a_is_joined_as_french_writes_it(world):
    harness, _clock = world
    aiguillon = await join(harness, 4071, "fr", "Aiguillon Construction")
    sam = harness.user(4072, "Sam", "fr")
    await sam.send(f"/start {aiguillon.invitations.member_token}")
    await sam.send(f"/start {aiguillon.invitations.member_token}")  # the link again
    assert sam.reply_text().startswith(
        "✅ Vous faites déjà partie d’Aiguillon Construction en tant que membre."
    )
    toit = await join(harness, 4073, "fr", "Le Toit Familial")
    await toit.send(f"/start {toit.invitations.direction_token}")
    assert "Vous faites déjà partie du Toit Familial en tant que membre de la direction." in toit.reply_text()
    english = await join(harness, 4074, "en", "Le Toit Familial 2")
    await english.send(f"/start {english.invitations.direction_token}")
    assert "You are already part of Le Toit Familial 2 as" in english.reply_text(), english.reply_text()
