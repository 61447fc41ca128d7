"""The same button tapped twice (a double tap, or Telegram sending the update again), the two updates
reaching two instances at once: what it does happens once, and the second tap says what happened.

Each race is run in-process: the second tap runs whole, committed, just after the first read what it
acts on and before it wrote anything (as behind the webhook, two instances on one database). « 📤 Send »
writes the deliveries once (the second tap is told the announcement was sent, no error; before, it died
on the deliveries' unique key); « Send » and « Cancel » at once never both apply; « ✅ Open the
consultation » opens it once (the second tap shows it as it stands, who opened it, no false « nobody
else uses the assistant »); the committee's « ✅ Confirm » records once, and the comment that went with
the decision is not given back as « not sent ». Run on PostgreSQL too (pg_one.sh).
"""

from __future__ import annotations

from sqlmodel import select

from conversations.committee import decisions as committee_decisions
from conversations.consultation import preparation
from conversations.federation import composer, sending
from models.consultations.reach import INVITATION
from models.tables import Announcement, AnnouncementStatus, AuditEntry, Delivery, Notification
from tests.conftest import ADMIN_ID
from tests.conversations.test_consultation_stale_preview import preview_of_the_default, the_consultation
from tests.conversations.test_decision_resubmitted import decisions, two_deciders
from tests.dossier_steps import join

NBSP = "\u00a0"
TITLE = "VisioCoop : double tap"


def after_the_read(monkeypatch, module, name: str, meanwhile) -> list:
    """``meanwhile`` runs, whole and committed, just after the next call of ``module.name`` (what a
    button reads before it acts), before that button writes anything; the list holds what it returned."""
    original, ran = getattr(module, name), []

    async def read_then_meanwhile(*args, **kwargs):
        found = await original(*args, **kwargs)
        monkeypatch.setattr(module, name, original)
        ran.append(await meanwhile())
        return found

    monkeypatch.setattr(module, name, read_then_meanwhile)
    return ran


def tapped(user, label: str):
    """A press of the button ``label`` as it is shown now, to run later: a second tap (a new update);
    it returns what that tap said."""
    message, data = user.find_button(label)

    async def tap() -> str:
        """What it said, as it said it (its message is edited again by the first tap)."""
        said = await user.harness.deliver(user.id, user.fake.user_callback(user.tg, message, data))
        return "\n".join(m.get("text", "") for m in said)

    return tap


async def announcement_on_its_preview(harness):
    """A coop's director in the bot, and the admin's announcement to everyone on its preview."""
    coop = await harness.add_coop("Coop Deux Taps")
    member = harness.user(1001, "Dominique", "fr")
    await member.send(f"/start {coop.direction_token}")
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    await admin.send("/annonce")
    for answer in (TITLE, "mercredi 9 décembre 9h", "https://visio.example.org/rdv", "Une heure."):
        await admin.send(answer)
    await admin.press("Tout le monde")
    assert "📤 Envoyer à 1" in " ".join(admin.buttons())
    return admin, member


async def stored(harness) -> tuple[list[str], list[tuple[int, str]], list[str]]:
    """The announcements' statuses, their deliveries (to whom, status) and their audited actions."""
    async with harness.database.transaction() as session:
        statuses = (await session.exec(select(Announcement.status))).all()
        deliveries = (await session.exec(select(Delivery.user_id, Delivery.status))).all()
        audit = await session.exec(select(AuditEntry.action).where(AuditEntry.entity == "announcement"))
        return list(statuses), [tuple(d) for d in deliveries], list(audit.all())


async def test_send_tapped_twice_sends_once_and_the_second_tap_is_told_it_was_sent(harness, monkeypatch):
    admin, member = await announcement_on_its_preview(harness)
    message, _data = admin.find_button("📤 Envoyer à")
    second = after_the_read(monkeypatch, sending, "draft", tapped(admin, "📤 Envoyer à"))
    await admin.press("📤 Envoyer à", message)  # no IntegrityError raised, nothing said « Désolé »
    assert second and "0 / 1 envoyé" in second[0].replace(NBSP, " ")
    said = admin.last_text.replace(NBSP, " ")
    assert said.startswith(f"ℹ️ L’annonce « {TITLE} » a déjà été envoyée : elle ne peut plus être modifiée.")
    assert "0 / 1 envoyé" in said and "Désolé" not in " ".join(admin.texts())
    statuses, deliveries, audit = await stored(harness)
    assert statuses == [AnnouncementStatus.APPROVED] and deliveries == [(member.id, "pending")]
    assert audit.count("approve") == 1, audit
    before = len(member.messages)
    await harness.run_background()
    assert sum(TITLE in text for text in member.texts()[before:]) == 1


async def test_send_after_a_cancel_on_another_device_sends_nothing(harness, monkeypatch):
    """« Annuler » committed while « 📤 Envoyer » read the draft: nothing is sent (before, the send
    wrote over the cancellation and delivered the cancelled announcement)."""
    admin, member = await announcement_on_its_preview(harness)
    message, _data = admin.find_button("📤 Envoyer à")
    after_the_read(monkeypatch, sending, "draft", tapped(admin, "Annuler"))
    await admin.press("📤 Envoyer à", message)
    # the cancelled draft's title and description came back below the inbox (the other tap's answer)
    said = [text.replace(NBSP, " ") for text in admin.texts()[-4:]]
    assert any(
        text.startswith(f"ℹ️ L’annonce « {TITLE} » a été annulée : rien n’a été envoyé.") for text in said
    )
    statuses, deliveries, audit = await stored(harness)
    assert statuses == [AnnouncementStatus.CANCELLED] and deliveries == [], (statuses, deliveries)
    assert "approve" not in audit
    before = len(member.messages)
    await harness.run_background()
    assert not any(TITLE in text for text in member.texts()[before:])


async def test_a_cancel_after_a_send_on_another_device_leaves_it_sent(harness, monkeypatch):
    """« 📤 Envoyer » committed while « Annuler » read the draft: the announcement stays sent, its
    deliveries kept (before, the cancellation wrote over it and the deliveries waited forever)."""
    admin, member = await announcement_on_its_preview(harness)
    message, _data = admin.find_button("Annuler")
    after_the_read(monkeypatch, composer, "draft", tapped(admin, "📤 Envoyer à"))
    await admin.press("Annuler", message)
    assert "Rien n’a été envoyé" not in admin.reply_text()
    assert "a déjà été envoyée" in admin.reply_text(), admin.reply_text()  # said, not a stray refusal
    statuses, deliveries, _audit = await stored(harness)
    assert statuses == [AnnouncementStatus.APPROVED] and deliveries == [(member.id, "pending")]
    await harness.run_background()
    assert sum(TITLE in text for text in member.texts()) == 1


async def test_open_tapped_twice_opens_once_and_the_second_tap_shows_it_as_it_stands(world, monkeypatch):
    harness, _clock = world
    director = await join(harness, 8401, "fr", "Coop Deux Taps")
    lou = harness.user(8402, "Lou", "fr")
    await lou.send(f"/start {director.invitations.member_token}")
    preview = await preview_of_the_default(director)
    second = after_the_read(monkeypatch, preparation, "of_direction", tapped(director, "✅ Ouvrir la"))
    await director.press("✅ Ouvrir la consultation", preview)
    assert second and "1 membre sera invité" in second[0].replace(NBSP, " ")
    said = director.last_text.replace(NBSP, " ")
    assert said.startswith(
        "ℹ️ Cette consultation est déjà ouverte : la voici telle qu’elle est. Vous l’avez ouverte à 10 h 30."
    ), said
    assert "n’utilise encore l’assistant" not in said and "sera invité" not in said
    assert "⏹ Clore maintenant" in director.buttons()
    async with harness.database.transaction() as session:
        opened = await session.exec(
            select(AuditEntry.actor_id).where(
                AuditEntry.entity == "consultation", AuditEntry.action == "open"
            )
        )
        assert opened.all() == [director.id]
        invitations = await session.exec(select(Notification.user_id).where(Notification.kind == INVITATION))
        assert invitations.all() == [lou.id]
    assert (await the_consultation(harness)).status == "open"
    before = len(lou.messages)
    await harness.run_background()
    assert sum("vous demande votre avis" in text for text in lou.texts()[before:]) == 1


async def test_a_colleague_who_opened_it_is_named_on_the_old_preview(world):
    """The preview of a draft a fellow director opened since: who opened it, and when."""
    harness, clock = world
    ann = await join(harness, 8411, "fr", "Coop Duo Taps")
    bea = harness.user(8412, "Bea", "fr")
    await bea.send(f"/start {ann.invitations.direction_token}")
    preview = await preview_of_the_default(ann)
    clock.advance(minutes=7)
    await bea.send("/dossier")
    await bea.press("👥 Démarche")
    await bea.press("🗳 Consultations")
    await bea.press("✏️ 1 · ")
    await bea.press("✅ Ouvrir la consultation")
    await ann.press("✅ Ouvrir la consultation", preview)
    said = ann.last_text.replace(NBSP, " ")
    assert said.startswith(
        "ℹ️ Cette consultation est déjà ouverte : la voici telle qu’elle est. Bea l’a ouverte à 10 h 37."
    ), said


async def test_confirm_tapped_twice_records_once_and_keeps_no_comment_as_not_sent(harness, monkeypatch):
    director, first, _second = await two_deciders(harness, "Coop Deux Taps")
    await first.press("📝 Demander des compléments")
    await first.send("Précisez l’engagement 6.")
    message, _data = first.find_button("✅ Confirmer")
    ran = after_the_read(monkeypatch, committee_decisions, "load_dossier", tapped(first, "✅ Confirmer"))
    await first.press("✅ Confirmer", message)
    assert ran and "Décision enregistrée et envoyée" in ran[0]
    said = first.last_text.replace(NBSP, " ")
    assert said.startswith(
        "⚠️ Vous venez d’enregistrer une décision sur ce dossier : « 📝 Demander des compléments »."
    ), said
    # the comment only where the dossier's screen shows what was asked: not given back as not sent
    assert "non envoyé" not in said and said.count("Précisez l’engagement 6.") == 1, said
    assert (await decisions(harness)).count("request_info") == 1
    before = len(director.messages)
    await harness.run_background()
    assert sum("Précisez l’engagement 6." in text for text in director.texts()[before:]) == 1
