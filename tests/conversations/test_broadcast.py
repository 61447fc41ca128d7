"""Federation announcements: composing, delivering under Telegram's limits, resuming, answers."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar
from sqlmodel import select

from bot.application import build_application
from bot.delivery.announcements import deliver_announcements
from bot.delivery.pacer import SlidingWindowPacer, Slot
from bot.delivery.pipeline import SendPipeline
from bot.delivery.reminders import remind_attendees
from models.announcements import approve, create_announcement, update_announcement
from models.coops import join_with_invitation
from models.db import Database
from models.tables import Announcement, AnnouncementStatus, Delivery, DeliveryStatus, User
from models.users import set_language, touch_user
from tests.conftest import ADMIN_ID, NOW
from tests.databases import database_url as new_database_url
from tests.fakes import FakeBotApiServer, FakeTelegram
from tests.harness import BotHarness
from tests.sends import retries_due

MEETING = datetime(2026, 12, 9, 8, 0, tzinfo=UTC)  # Wednesday 9 December 2026, 9:00 in Paris


async def seed_members(database: Database, token: str, ids: range, language: str = "fr") -> None:
    async with database.transaction() as session:
        for user_id in ids:
            await touch_user(session, user_id, first_name=f"M{user_id}", telegram_language=language)
            await join_with_invitation(session, user_id, token)


async def approved_announcement(database: Database, title: str = "VisioCoop : la Raison d’être") -> int:
    async with database.transaction() as session:
        announcement = await create_announcement(session, ADMIN_ID, title)
        await update_announcement(session, announcement, "starts_at", MEETING)
        await update_announcement(session, announcement, "video_link", "https://visio.example.org/rdv")
        await approve(session, announcement, ADMIN_ID, now=NOW)  # the tests' Monday: the meeting ahead
        return announcement.id


def sends_to(fake: FakeTelegram, chat_id: int) -> int:
    return sum(1 for c in fake.calls if c.method == "sendMessage" and c.ok and c.chat_id == chat_id)


async def test_compose_preview_confirm_and_deliver(harness):
    coop = await harness.add_coop("Coop Visio", region="Bretagne")
    camille = harness.user(1001, language_code="fr")
    await camille.send(f"/start {coop.direction_token}")
    sam = harness.user(1002, language_code="en")
    await sam.send(f"/start {coop.member_token}")
    joined = sends_to(harness.fake, 1001)
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    await admin.send("/annonce")
    assert "Titre de l’annonce\u00a0?" in admin.last_text
    await admin.send("VisioCoop : présentation de la Raison d’être")
    await admin.send("mardi 9 décembre 9h")
    assert "Le jour de la semaine ne correspond pas à la date." in admin.replies[0]["text"]
    await admin.send("hier")
    assert "Date et heure de la réunion\u00a0?" in admin.last_text
    await admin.send("mercredi 9 décembre 9h")
    assert "✅ mercredi 9 décembre 2026 à 9 h 00" in admin.last_text
    await admin.send("visio.example.org")
    assert "n’est pas un lien" in admin.replies[0]["text"]
    await admin.send("https://visio.example.org/rdv")
    await admin.send("Une heure pour présenter la Raison d’être <et> répondre à vos questions.")
    await admin.press("Tout le monde")
    preview = admin.last_text
    assert "— FR —" in preview and "— EN —" in preview
    assert (
        "🗓 mercredi 9 décembre 2026 à 9 h 00" in preview and "🗓 Wednesday 9 December 2026 at 09:00" in preview
    )
    assert "Destinataires\u00a0: 2" in preview
    await admin.press("✏️ Public")
    await admin.press("Par région")
    await admin.press("Bretagne")
    assert "Destinataires\u00a0: 2" in admin.last_text
    assert sends_to(harness.fake, 1001) == joined  # nothing sent before the confirmation
    await admin.press("📤 Envoyer à 2")
    assert "0 / 2 envoyés" in admin.last_text
    await deliver_announcements(harness.application)
    # (the direction may also hear of a colleague's arrival on its team meanwhile)
    announced = next(text for text in reversed(camille.texts()) if text.startswith("📢"))
    assert "📢 VisioCoop : présentation de la Raison d’être" in announced and "<et>" in announced
    assert "🗓 Wednesday 9 December 2026 at 09:00" in sam.last_text
    assert "2 / 2 envoyés" in admin.messages[-2]["text"]  # the progress message, edited in place
    assert "Annonce envoyée\u00a0: VisioCoop" in admin.last_text and "Distribuées\u00a0: 2" in admin.last_text
    assert "Ont bloqué le bot\u00a0: 0" in admin.last_text and "En échec\u00a0: 0" in admin.last_text


async def test_the_composer_goes_back_one_question_and_keeps_the_answers(harness):
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    await admin.send("/annonce")
    assert admin.buttons() == ["Annuler"]  # nothing to go back to; the way out, as at every step
    await admin.send("VisioCoop des présidents")
    assert "Étape 2/5" in admin.last_text and admin.buttons() == ["⬅️ Retour", "Annuler"]
    await admin.press("⬅️ Retour")
    assert "Étape 1/5" in admin.last_text and "VisioCoop des présidents" in admin.last_text
    assert admin.buttons() == ["✅ Garder", "Annuler"]  # the first question: no Back
    await admin.press("✅ Garder")
    await admin.send("mercredi 9 décembre 9h")
    await admin.send("https://visio.example.org/presidents")
    await admin.press("⬅️ Retour")
    assert "Étape 3/5" in admin.last_text and "https://visio.example.org/presidents" in admin.last_text
    await admin.press("✅ Garder")
    await admin.send("Entre présidents.")
    assert "Étape 5/5" in admin.last_text and admin.buttons()[-2:] == ["⬅️ Retour", "Annuler"]
    await admin.press("⬅️ Retour")
    assert "Étape 4/5" in admin.last_text and "Entre présidents." in admin.last_text
    await admin.press("✅ Garder")
    await admin.press("Tout le monde")
    assert "Aperçu" in admin.last_text
    await admin.press("✏️ Titre")  # a field opened on the preview: Back is the preview
    await admin.press("⬅️ Retour")
    assert "Aperçu" in admin.last_text and "VisioCoop des présidents" in admin.last_text
    async with harness.database.transaction() as session:
        (announcement,) = (await session.exec(select(Announcement))).all()
    assert (
        announcement.title == "VisioCoop des présidents" and announcement.description == "Entre présidents."
    )


async def test_only_admins_compose_and_nothing_is_sent_otherwise(harness):
    coop = await harness.add_coop("Coop Discrète")
    camille = harness.user(1003, language_code="fr")
    await camille.send(f"/start {coop.direction_token}")
    await camille.send("/annonce")
    assert camille.last_text.startswith("Ceci est réservé aux administrateurs de la fédération. Le dossier")
    async with harness.database.transaction() as session:
        draft = await create_announcement(session, ADMIN_ID, "Brouillon")
        await update_announcement(session, draft, "starts_at", MEETING)
    before = len(harness.fake.calls)
    await camille.press_data(camille.last, f"anc:{draft.id}")  # a composer's button, forwarded or forged
    assert camille.alerts == ["Ceci est réservé aux administrateurs de la fédération."]
    await deliver_announcements(harness.application)
    async with harness.database.transaction() as session:
        assert (await session.get(Announcement, draft.id)).status == AnnouncementStatus.DRAFT
        assert (await session.exec(select(Delivery))).all() == []
    assert not any(c.method == "sendMessage" for c in harness.fake.calls[before:])


async def test_answers_reminder_one_hour_before_and_ics(tmp_path):
    class Clock:
        now = datetime(2026, 12, 1, 10, tzinfo=UTC)

        def __call__(self):
            return self.now

    clock = Clock()
    bot = BotHarness(tmp_path, admin_ids=(ADMIN_ID,), clock=clock)
    await bot.start()
    try:
        coop = await bot.add_coop("Coop RSVP")
        users = [bot.user(1010 + n, language_code="fr" if n % 2 else "en") for n in range(4)]
        for user in users:
            await user.send(f"/start {coop.member_token}")
        await approved_announcement(bot.database)
        await deliver_announcements(bot.application)
        await users[0].press("I’ll attend")
        assert users[0].alerts == ["Noted: you will attend. A reminder comes one hour before."]
        await users[1].press("Je participe")
        await users[2].press("I can’t")
        outsider = bot.user(1099, language_code="fr")
        await outsider.send("/start")
        await outsider.press_data(outsider.last, users[0].find_button("I’ll attend")[1])
        assert outsider.alerts == ["Cette annonce ne vous a pas été envoyée."]
        admin = bot.user(ADMIN_ID, language_code="fr")
        await admin.press("👥 Réponses")
        assert admin.alerts == ["2 participeront · 1 ne pourra pas"]
        # the reminder: none too early, one hour before to those attending, never twice
        clock.now = MEETING - timedelta(hours=2)
        assert await remind_attendees(bot.application) == 0
        clock.now = MEETING - timedelta(minutes=55)
        assert await remind_attendees(bot.application) == 2
        assert await remind_attendees(bot.application) == 0
        assert "Dans une heure" in users[1].last_text and "In one hour" in users[0].last_text
        assert "In one hour" not in users[2].last_text and "In one hour" not in users[3].last_text
        # the .ics file, in Paris time
        await users[3].press("📅")
        document = users[3].last["document"]
        content = bot.fake.file_content(
            bot.fake.handle("getFile", {"file_id": document["file_id"]})["file_path"]
        )
        event = next(iter(Calendar.from_ical(content).walk("VEVENT")))
        start = event.decoded("DTSTART")
        assert event["DTSTART"].params["TZID"] == "Europe/Paris"
        assert start.astimezone(UTC) == MEETING
        assert str(event["SUMMARY"]) == "VisioCoop : la Raison d’être"
    finally:
        await bot.stop()


class KilledAfter(SlidingWindowPacer):
    """The process dies between two messages, after ``count`` sends."""

    def __init__(self, count: int) -> None:
        super().__init__(limit=1000)
        self.left = count

    async def reserve(self) -> Slot:
        if self.left == 0:
            raise asyncio.CancelledError("killed")
        self.left -= 1
        return await super().reserve()


async def test_a_killed_delivery_resumes_without_duplicates_or_gaps(harness):
    coop = await harness.add_coop("Coop Reprise")
    await seed_members(harness.database, coop.member_token, range(20000, 20120))
    harness.fake.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1, count=2)
    announcement_id = await approved_announcement(harness.database)
    with pytest.raises(asyncio.CancelledError):
        killed = SendPipeline(harness.application.bot, harness.database, pacer=KilledAfter(50))
        await deliver_announcements(harness.application, killed)
    await harness.restart()
    await deliver_announcements(harness.application)
    assert [sends_to(harness.fake, user_id) for user_id in range(20000, 20120)] == [1] * 120
    async with harness.database.transaction() as session:
        statuses = (
            await session.exec(select(Delivery.status).where(Delivery.announcement_id == announcement_id))
        ).all()
        assert set(statuses) == {DeliveryStatus.SENT}
        assert (await session.get(Announcement, announcement_id)).status == AnnouncementStatus.DONE


async def test_opted_out_members_get_no_announcements_but_keep_their_reminders(harness):
    coop = await harness.add_coop("Coop Calme")
    camille = harness.user(1020, language_code="fr")
    await camille.send(f"/start {coop.member_token}")
    await camille.send("/parametres")
    assert "Annonces de la fédération (VisioCoop, séminaires)\u00a0: activées ✅" in camille.last_text
    await camille.press("🔕")
    assert "désactivées" in camille.last_text
    before = sends_to(harness.fake, 1020)
    await approved_announcement(harness.database)
    await deliver_announcements(harness.application)
    assert sends_to(harness.fake, 1020) == before
    async with harness.database.transaction() as session:
        from models.coops import coop_users

        assert [u.id for u in await coop_users(session, coop.coop.id)] == [1020]  # still reminded
    await camille.press("🔔")
    assert "activées ✅" in camille.last_text
    assert camille.buttons()[-1] == "🏠 Mon dossier"  # ux: a way home from the settings
    await camille.press("🏠 Mon dossier")
    assert "Dossier Quali’Coop — Coop Calme" in camille.last_text


async def test_five_hundred_members_through_the_http_server_within_telegram_limits(tmp_path):
    fake = FakeTelegram()
    server = FakeBotApiServer(fake)
    await server.start()
    database_url = new_database_url(tmp_path, "broadcast")
    from bot.settings import load_settings

    settings = load_settings(
        telegram_bot_token="123456:BROADCAST",
        database_url=database_url,
        telegram_api_base_url=server.base_url,
        telegram_api_file_url=server.base_file_url,
        files_dir=str(tmp_path / "files"),
        admin_ids=str(ADMIN_ID),
    )
    application = build_application(settings, Database(database_url))
    await application.initialize()
    await application.post_init(application)
    try:
        async with application.bot_data.database.transaction() as session:
            from models.coops import create_coop, create_invitation
            from models.tables import MemberRole

            coop = await create_coop(session, "Coop Nombreuse")
            token = (await create_invitation(session, coop, MemberRole.MEMBER)).token
        await seed_members(application.bot_data.database, token, range(30000, 30500))
        async with application.bot_data.database.transaction() as session:
            for user_id in range(30000, 30500, 7):
                await set_language(session, user_id, "en")
        blocked = {30003, 30111, 30250, 30333, 30499}
        fake.blocked_chats.update(blocked)
        for chat_id in (30010, 30200, 30400):
            fake.fail_next(
                "sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1, chat_id=chat_id
            )
        await approved_announcement(application.bot_data.database)
        await deliver_announcements(application)
        counts = [sends_to(fake, user_id) for user_id in range(30000, 30500)]
        assert all(
            count == (0 if user_id in blocked else 1)
            for user_id, count in zip(range(30000, 30500), counts, strict=False)
        )
        assert fake.max_sends_in_window(1.0) <= 30
        async with application.bot_data.database.transaction() as session:
            inactive = set((await session.exec(select(User.id).where(User.is_active == False))).all())  # noqa: E712
        assert inactive == blocked
    finally:
        await application.shutdown()
        await application.post_shutdown(application)
        await server.stop()


async def test_a_refusal_by_telegram_is_not_tried_again_and_is_reported(harness):
    """A 400 (« chat not found ») would be refused again whenever sent: failed at once, for good (a 502 is
    tried again, a while after: ``test_retried_after_a_while``)."""
    coop = await harness.add_coop("Coop Échec")
    await seed_members(harness.database, coop.member_token, range(40000, 40005))
    harness.fake.fail_next("sendMessage", 400, "Bad Request: chat not found", count=10, chat_id=40002)
    admin = harness.user(ADMIN_ID, language_code="fr")
    await admin.send("/start")
    announcement_id = await approved_announcement(harness.database)
    await deliver_announcements(harness.application)
    assert await retries_due(harness.database) == 0  # nothing left to try again
    assert [sends_to(harness.fake, u) for u in range(40000, 40005)] == [1, 1, 0, 1, 1]
    async with harness.database.transaction() as session:
        failed = (await session.exec(select(Delivery).where(Delivery.status == DeliveryStatus.FAILED))).all()
    assert [(d.user_id, d.attempts) for d in failed] == [(40002, 1)] and "chat not found" in failed[
        0
    ].error.lower()
    assert "En échec\u00a0: 1" in admin.last_text
    await admin.press("⚠️ Voir les échecs")
    assert "40002" in admin.last_text and "Envois en échec" in admin.last_text
    assert announcement_id


async def test_a_send_cut_short_by_a_crash_is_never_repeated_and_is_reported(harness):
    coop = await harness.add_coop("Coop Coupure")
    await seed_members(harness.database, coop.member_token, range(41000, 41004))
    admin = harness.user(ADMIN_ID, language_code="fr")
    await admin.send("/start")
    announcement_id = await approved_announcement(harness.database)
    async with harness.database.transaction() as session:  # the process died while sending to 41001
        delivery = (await session.exec(select(Delivery).where(Delivery.user_id == 41001))).one()
        delivery.status = DeliveryStatus.SENDING
        session.add(delivery)
    await deliver_announcements(harness.application)
    assert [sends_to(harness.fake, u) for u in range(41000, 41004)] == [1, 0, 1, 1]
    assert (
        "Incertaines\u00a0: 1 — l’envoi a été interrompu (redémarrage du bot)\u00a0; rien n’est renvoyé, pour que personne ne reçoive l’annonce deux fois"
        in admin.last_text
    )
    assert announcement_id


async def test_a_forged_audience_is_refused(harness):
    admin = harness.user(ADMIN_ID, language_code="fr")
    await admin.send("/annonce")
    await admin.send("Essai")
    async with harness.database.transaction() as session:
        draft = (await session.exec(select(Announcement))).one()
    await admin.press_data(admin.last, f"ana:{draft.id}:everyone-and-more")
    # a choice no button offers (an older version's): said so, and the audiences to choose from again
    assert not any(alert.startswith("Ce bouton ne concerne pas") for alert in admin.alerts)
    assert "Ce choix n’existe plus\u00a0: choisissez parmi les boutons ci-dessous." in admin.last_text
    assert "Qui doit la recevoir" in admin.last_text and "Tout le monde" in admin.buttons()
    async with harness.database.transaction() as session:
        assert (await session.get(Announcement, draft.id)).audience == "all"


async def test_one_region_however_it_was_typed(harness):
    """« bretagne » joins « Bretagne »; a coop stored as « Ile-de-France » by an older version is
    reached with « Île-de-France »: one button per region, every coop of it reached."""
    from models.coops import create_invitation
    from models.tables import Coop, Dossier, MemberRole

    typed = [("Coop Rennes", "Bretagne"), ("Coop Brest", "bretagne"), ("Coop Paris", "Île-de-France")]
    typed += [("Coop Vitry", "ILE DE FRANCE"), ("Coop Nantes", None)]
    for user_id, (name, region) in enumerate(typed, start=1201):
        coop = await harness.add_coop(name, region=region)
        await harness.user(user_id, language_code="fr").send(f"/start {coop.direction_token}")
    async with harness.database.transaction() as session:
        stored = dict((await session.exec(select(Coop.name, Coop.region))).all())
        older = Coop(name="Coop Créteil", region="Ile-de-France", created_at=datetime(2025, 1, 1, tzinfo=UTC))
        session.add(older)  # as an older version stored it, before spellings were unified
        await session.flush()
        session.add(
            Dossier(coop_id=older.id, cycle=1, created_at=older.created_at, updated_at=older.created_at)
        )
        token = (await create_invitation(session, older, MemberRole.DIRECTION)).token
    assert stored["Coop Brest"] == "Bretagne" and stored["Coop Vitry"] == "Île-de-France"
    await harness.user(1210, language_code="fr").send(f"/start {token}")
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    await admin.send("/annonce")
    await admin.send("VisioCoop régionale")
    await admin.send("mercredi 9 décembre 9h")
    await admin.send("https://visio.example.org/rdv")
    await admin.send("Une heure entre voisins.")
    await admin.press("Par région")
    assert [b for b in admin.buttons() if "Bretagne" in b or "France" in b] == ["Bretagne", "Île-de-France"]
    await admin.press("Île-de-France")
    assert "Destinataires\u00a0: 3" in admin.last_text  # Paris, Vitry and Créteil
    await admin.press("✏️ Public")
    await admin.press("Par région")
    await admin.press("Bretagne")
    assert "Destinataires\u00a0: 2" in admin.last_text  # Rennes and Brest


async def test_a_cancelled_announcement_leads_to_the_inbox_not_to_a_new_one(harness):
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    await admin.send("/annonce")
    await admin.send("VisioCoop des présidents")
    await admin.press("Annuler")
    inbox, given_back = [reply["text"] for reply in admin.replies]
    assert inbox.startswith(
        "❌ Annonce annulée. Rien n’a été envoyé. Son texte suit, pour que rien ne soit perdu."
    )
    assert "Demandes des coopératives" in inbox and "Nouvelle annonce" not in inbox
    assert given_back == "VisioCoop des présidents"  # the title typed, whole, to copy
    await admin.send("Une phrase tapée ensuite")  # no question pending: no new announcement's title
    async with harness.database.transaction() as session:
        titles = (await session.exec(select(Announcement.title, Announcement.status))).all()
    assert titles == [("VisioCoop des présidents", AnnouncementStatus.CANCELLED)], titles


async def test_a_region_typed_in_lower_case_is_shown_by_its_name(harness):
    """« pays de la loire », as the federation typed it, reads « Pays de la Loire »; a region of its
    own (« côte d'opale ») gets its capitals the French way."""
    for user_id, (name, region) in enumerate(
        [("Coop Loire", "pays de la loire"), ("Coop Opale", "côte d'opale")]
    ):
        coop = await harness.add_coop(name, region=region)
        await harness.user(1301 + user_id, language_code="fr").send(f"/start {coop.direction_token}")
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    await admin.send("/annonce")
    await admin.send("VisioCoop de l’Ouest")
    await admin.send("mercredi 9 décembre 9h")
    await admin.send("-")
    await admin.send("-")
    await admin.press("Par région")
    assert [b for b in admin.buttons() if b != "⬅️ Retour"] == ["Côte d'Opale", "Pays de la Loire"]
    await admin.press("Pays de la Loire")
    assert "Par région — Pays de la Loire" in admin.last_text and "Destinataires\u00a0: 1" in admin.last_text
