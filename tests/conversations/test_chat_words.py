"""What the chat says: every gap with its button, the direction's actions, plurals, true dates."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from sqlmodel import select

from conversations.federation.announcements import report_message
from locales import translator
from models.parsing.meeting_time import parse_meeting_time
from models.tables import Announcement, Dossier, DossierStatus, Indicator
from tests.conftest import ADMIN_ID
from tests.conversations.test_broadcast import approved_announcement
from tests.dossier_steps import (
    FR_ANSWERS,
    choose,
    fill_suggested_indicator,
    join,
    open_home,
    start_own_indicator,
)
from tests.harness import BotHarness

CODES = [1, 2, 3, 5, 6, 9, 10, 12]


def plain(text: str) -> str:
    """A text with its no-break spaces read as spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


class Clock:
    """A clock the test sets by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


async def test_every_gap_has_its_button_the_letter_too(harness):
    camille = await join(harness, 1401, "fr")
    await choose(camille, CODES)  # 8 engagements without indicators, no approach, no letter: 10 gaps
    await open_home(camille)
    home = plain(camille.last_text)
    assert "⚠️ À compléter :\n• Il manque" not in home and "À compléter :\n• L’engagement 1" in home
    await camille.press("✅ Marquer")
    assert "ne peut pas encore être marqué comme prêt" in plain(camille.last_text)
    gap_buttons = [label for label in camille.buttons() if re.match(r"\d+ · ", label)]
    assert len(gap_buttons) == len(re.findall(r"^\d+\. ", camille.last_text, re.M)) == 8  # a page
    await camille.press("➡️")  # the last two, on the next page, numbered on
    gap_buttons = [label for label in camille.buttons() if re.match(r"\d+ · ", label)]
    assert len(gap_buttons) == len(re.findall(r"^\d+\. ", camille.last_text, re.M)) == 2
    assert gap_buttons[-1] == "10 · Documents"
    await camille.press("10 · Documents")
    assert "Documents du dossier" in camille.last_text


async def test_a_member_is_not_offered_the_direction_s_actions(harness):
    director = await join(harness, 1402, "fr")
    member = harness.user(1403, language_code="fr")
    await member.send(f"/start {director.invitations.member_token}")
    for user, offered in ((director, True), (member, False)):
        await open_home(user)
        await user.press("📎 Documents")
        assert ("📎 Lettre d’engagement" in user.buttons()) is offered
        assert "📎 Ajouter une pièce" in user.buttons()


async def test_the_home_and_the_review_say_how_much_is_filled_in(harness):
    camille = await join(harness, 1404, "fr")
    await open_home(camille)
    assert "📈 Dossier rempli à 0 %" in plain(camille.last_text)
    # 8 of 85 required answers: the engagements, none of the rest (each indicator to come counts as
    # the 6 answers and the action's 3 it will ask)
    await choose(camille, CODES)
    await open_home(camille)
    assert "📈 Dossier rempli à 9 %" in plain(camille.last_text)
    await camille.send("/recap")
    assert "📈 Dossier rempli à 9 %" in plain(camille.reply_text())


async def test_counts_are_plural_or_singular_in_both_languages(harness):
    for user_id, language, words in (
        (1405, "fr", ("Retirer cet engagement supprime aussi 1 indicateur. C’est définitif.",)),
        (1406, "en", ("Removing this engagement also deletes its indicator. This cannot be undone.",)),
    ):
        user = await join(harness, user_id, language, coop_name=f"Coop {language}")
        await choose(user, [1])
        await open_home(user)
        await user.press("📊 ")
        await user.press(" 1 · ")
        await user.press("➕ ")
        await user.press("1 · ")
        await open_home(user)
        await user.press("Ax")  # the first axis
        await user.press("✅ 1 · ")
        assert words[0] in plain(user.last_text) and "(s)" not in user.last_text


async def test_the_next_committee_is_never_a_meeting_already_held(tmp_path):
    clock = Clock(datetime(2026, 12, 1, 8, 0, tzinfo=UTC))  # the meeting's day, 9:00 in Paris
    harness = BotHarness(tmp_path, admin_ids=(ADMIN_ID,), clock=clock)
    await harness.start()
    try:
        camille = await join(harness, 1407, "fr")
        await camille.send("/calendrier")
        assert "mardi 1er décembre 2026 à 14 h 00 — Réunion du comité de validation" in camille.last_text
        clock.now = datetime(2026, 12, 1, 20, 50, tzinfo=UTC)  # 21:50 in Paris: the meeting is over
        await camille.send("/calendrier")
        assert "1er décembre" not in camille.last_text
        assert "mardi 2 mars 2027 à 14 h 00 — Réunion du comité de validation" in camille.last_text
    finally:
        await harness.stop()


async def test_the_announcement_example_pairs_the_right_weekday_and_date(tmp_path):
    clock = Clock(datetime(2026, 11, 23, 9, 30, tzinfo=UTC))
    harness = BotHarness(tmp_path, admin_ids=(ADMIN_ID,), clock=clock)
    await harness.start()
    try:
        admin = harness.user(ADMIN_ID, "Fédé", "fr")
        for day in (datetime(2026, 11, 23, 9, tzinfo=UTC), datetime(2027, 2, 26, 9, tzinfo=UTC)):
            clock.now = day
            await admin.send("/annonce")
            await admin.send("VisioCoop")
            example = re.search(r"ex\. (.+?) 9h, ou (\d\d/\d\d) à 9h00", admin.last_text)
            assert example is not None, admin.last_text
            meeting = parse_meeting_time(f"{example[1]} 9h", "fr", day)  # refuses a wrong weekday
            assert meeting.weekday() == 2 and 7 <= (meeting.date() - day.date()).days < 14
            assert parse_meeting_time(f"{example[2]} à 9h00", "fr", day) == meeting
            await admin.press("Annuler")
    finally:
        await harness.stop()


async def test_the_answer_to_an_announcement_stays_on_its_buttons(tmp_path):
    harness = BotHarness(tmp_path, admin_ids=(ADMIN_ID,), clock=lambda: datetime(2026, 12, 1, 10, tzinfo=UTC))
    await harness.start()
    try:
        coop = await harness.add_coop("Coop RSVP")
        camille = harness.user(1408, language_code="fr")
        await camille.send(f"/start {coop.member_token}")
        await approved_announcement(harness.database)
        await harness.run_background()
        announcement = camille.last
        assert camille.buttons(announcement)[:2] == ["👍 Je participe", "👎 Je ne peux pas"]
        await camille.press("Je participe", announcement)
        assert camille.buttons(announcement)[:2] == ["✅ Je participe", "👎 Je ne peux pas"]
        await camille.press("Je ne peux pas", announcement)
        assert camille.buttons(announcement)[:2] == ["👍 Je participe", "✅ Je ne peux pas"]
        assert camille.alerts == ["C’est noté\u00a0: vous ne pourrez pas participer."]
    finally:
        await harness.stop()


def test_the_broadcast_report_counts_an_uncertain_send_apart():
    from models.tables import AnnouncementStatus, DeliveryStatus

    announcement = Announcement(id=1, title="VisioCoop", created_by=ADMIN_ID, status=AnnouncementStatus.DONE)
    counts = {DeliveryStatus.SENT: 1200, DeliveryStatus.BLOCKED: 3, DeliveryStatus.UNCERTAIN: 1}
    text, _markup = report_message(translator("fr"), announcement, counts)
    assert "Distribuées : 1 200" in plain(text)
    # the count first, as « Distribuées : n », and why, in the federation's words (no « instance »)
    assert (
        "Incertaines : 1 — l’envoi a été interrompu (redémarrage du bot) ; rien n’est renvoyé, "
        "pour que personne ne reçoive l’annonce deux fois" in plain(text)
    )
    text, _markup = report_message(translator("en"), announcement, counts)
    assert (
        "Uncertain: 1 — sending was interrupted (the bot restarting); nothing is sent again, "
        "so that nobody gets the announcement twice" in text
    )
    text, _markup = report_message(translator("en"), announcement, {DeliveryStatus.SENT: 2})
    assert "Delivered: 2" in text and "Uncertain" not in text


async def test_progress_charts_yes_no_indicators_and_is_dated(harness):
    camille = await join(harness, 1409, "fr")
    await choose(camille, [1])
    await start_own_indicator(camille, 1)
    await camille.send("Charte adoptée")
    await camille.send("Elle engage la coopérative.")
    await camille.press("👍 Oui / non")
    await camille.press("Non")
    await camille.press("Oui")
    async with harness.database.transaction() as session:  # the committee declared it admissible
        dossier = (await session.exec(select(Dossier))).one()
        dossier.status = DossierStatus.ADMISSIBLE
        session.add(dossier)
    await camille.send("/progres")
    chart = next(m for m in camille.replies if "photo" in m)
    assert chart["caption"] == "Avancement — Coop Habitat · 23 novembre 2026"
    await camille.press("✏️ ")  # update the figures: the yes/no indicator has its buttons
    assert camille.buttons()[:2] == ["Oui", "Non"]
    await camille.press("Oui")
    async with harness.database.transaction() as session:
        assert (await session.exec(select(Indicator))).one().current_value == "yes"


async def test_households_stay_households_and_are_counted_whole(harness):
    sam = await join(harness, 1491, "en")
    await choose(sam, [9])
    await start_own_indicator(sam, 9)
    await sam.send("Households followed")
    await sam.send("They show our support.")
    await sam.press("🔢")
    await sam.send("households")  # the coop's own unit: kept as typed, never « people »
    assert "households" in sam.reply_text() and "people" not in sam.reply_text()
    await sam.send("12.5")  # half a household: a typo, refused with the whole numbers around it
    assert "please give a whole number, e.g. 12 or 13." in sam.reply_text()
    await sam.send("1")
    assert "Current value: 1 households" in plain(sam.reply_text())
    async with harness.database.transaction() as session:
        indicator = (await session.exec(select(Indicator))).one()
    assert (indicator.unit, indicator.current_value) == ("households", "1")


async def test_a_listed_unit_agrees_with_its_number(harness):
    camille = await join(harness, 1492, "fr")
    await choose(camille, [1])
    await start_own_indicator(camille, 1)
    await camille.send("Logements livrés")
    await camille.send("Ils montrent notre production.")
    await camille.press("🔢")
    await camille.press("logements")
    await camille.send("12,5")
    assert "Cela se compte un par un : donnez un nombre entier, ex. 12 ou 13." in plain(camille.reply_text())
    await camille.send("1")
    assert "Valeur actuelle : 1 logement\n" in plain(camille.reply_text())


@pytest.mark.parametrize(
    ("lang", "value", "refusal", "unit", "echo"),
    [
        (
            "fr",
            "12,5 %",
            "« 12,5 % » se lit comme une valeur : cette question demande l’unité, la valeur vient juste après. "
            "Tapez l’unité seule, ex. %, jours, logements, pour 1000 habitants.",
            "jours ouvrés",
            "✅ Unité : jours ouvrés",
        ),
        (
            "en",
            "12.5%",
            "“12.5%” reads as a value: this question asks for the unit, the value comes just after. "
            "Please type the unit alone, e.g. %, days, homes, per 1000 residents.",
            "working days",
            "✅ Unit: working days",
        ),
    ],
)
async def test_a_value_typed_at_the_unit_question_is_refused_and_the_unit_asked_again(
    harness, lang, value, refusal, unit, echo
):
    """One question early, the value is no unit: said, nothing stored, the unit's question again."""
    sam = await join(harness, 1493 + (lang == "en"), lang)
    await choose(sam, [1])
    await start_own_indicator(sam, 1)
    await sam.send("Part de logements en BRS")
    await sam.send("Parce que c’est notre cœur de métier.")
    await sam.press("🔢")
    question = sam.last_text
    await sam.send(value)
    assert plain(sam.reply_text()).startswith("⚠️ " + refusal), sam.reply_text()
    assert question.endswith(sam.last_text) and "%" in sam.buttons()  # the same question (no echo before)
    async with harness.database.transaction() as session:
        assert (await session.exec(select(Indicator))).one().unit is None
    await sam.send(unit)
    assert plain(sam.reply_text()).startswith(echo), sam.reply_text()


async def test_beginning_an_indicator_never_lowers_how_much_is_filled_in(harness):
    """An indicator begun (its title and reason typed) counted all it asks, where the one not there yet
    counted one answer: the share went down as the coop worked (60 % → 55 %)."""
    camille = await join(harness, 1405, "fr")
    await choose(camille, CODES)
    await fill_suggested_indicator(camille, CODES[0], FR_ANSWERS)
    await open_home(camille)
    before = filled_in(camille)
    await start_own_indicator(camille, CODES[1])
    await camille.send("Taux de logements rénovés")
    await camille.send("Parce que la qualité du bâti compte.")
    await open_home(camille)
    assert filled_in(camille) > before, (before, filled_in(camille))


def filled_in(user) -> int:
    """The home's « 📈 Dossier rempli à N % »."""
    return int(re.search(r"Dossier rempli à (\d+)", user.last_text).group(1))
