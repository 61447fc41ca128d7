"""A VisioCoop draft is its author's: another federation admin's button on it (forged, shared, or of
another id) or typed answer is refused in their language, naming the draft and its author, with
nothing changed — no approval, no delivery, no audit row, no question asked."""

from __future__ import annotations

from sqlalchemy import delete
from sqlmodel import select

from bot.delivery.announcements import deliver_announcements
from conversations.federation.sending import region_code
from models.tables import Announcement, AnnouncementStatus, ChatState, Delivery, FederationRoleName, User
from models.users import grant_federation_role
from tests.conftest import ADMIN_ID
from tests.hardening.world import dump

SECOND_ADMIN = 7000002
TITLE = "VisioCoop : brouillon de l'admin 1"
COLLEAGUES = (
    "«\u00a0VisioCoop : brouillon de l'admin 1\u00a0» est un brouillon que Fédé est en train d’écrire"
)
START_YOUR_OWN = "/annonce commence le vôtre"


async def admin_draft(harness):
    """Admin 1 (« Fédé ») has a complete draft, on its preview (to everyone); admin 2 exists and has opened the bot."""
    coop = await harness.add_coop("Coop Visio", region="Bretagne")
    await harness.user(1001, language_code="fr").send(f"/start {coop.direction_token}")
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    await admin.send("/annonce")
    for answer in (TITLE, "mercredi 9 décembre 9h", "https://visio.example.org/rdv", "Pas encore relue"):
        await admin.send(answer)
    await admin.press("Tout le monde")  # the preview
    second = harness.user(SECOND_ADMIN, "Dominique", "fr")
    async with harness.database.transaction() as session:
        await grant_federation_role(session, SECOND_ADMIN, FederationRoleName.ADMIN)
        announcement = (await session.exec(select(Announcement))).one()
    await second.send("/start")
    return admin, second, announcement.id


async def test_another_admin_cannot_send_a_colleagues_draft(harness):
    """« 📤 Envoyer » pressed by admin 2 on admin 1's draft: refused, named, nothing sent nor written."""
    _admin, second, draft_id = await admin_draft(harness)
    before = await dump(harness)
    await second.press_data(second.last, f"anc:{draft_id}")
    await deliver_announcements(harness.application)
    assert len(second.alerts) == 1 and COLLEAGUES in second.alerts[0], second.alerts
    assert START_YOUR_OWN in second.alerts[0]
    assert await dump(harness) == before  # no approval, no delivery, no audit row, no position
    async with harness.database.transaction() as session:
        assert (await session.get(Announcement, draft_id)).status == AnnouncementStatus.DRAFT
        assert (await session.exec(select(Delivery))).all() == []


async def test_every_composer_button_on_a_colleagues_draft_is_refused_at_the_button(harness):
    """Rewriting (✏️, then typing), choosing the audience, the region, paging, keeping, going back,
    resuming, starting anew or cancelling someone else's draft: each refused when pressed, as it is."""
    admin, second, draft_id = await admin_draft(harness)
    buttons = [f"ane:{draft_id}:{code}" for code in ("t", "w", "l", "d", "a", "r", "n")] + [
        f"ana:{draft_id}:direction",
        f"ana:{draft_id}:region",
        f"ans:{draft_id}:labelled",
        f"anr:{draft_id}:{region_code('Bretagne')}",
        f"anr:{draft_id}:bretagne",  # an older button, a place in a list
        f"anrp:{draft_id}:1",
        f"ank:{draft_id}",
        f"anb:{draft_id}",
        f"anx:{draft_id}",
        f"anc:{draft_id}",
    ]
    before = await dump(harness)
    for data in buttons:
        shown = second.last_text
        await second.press_data(second.last, data)
        assert len(second.alerts) == 1 and COLLEAGUES in second.alerts[0], (data, second.alerts)
        assert second.last_text == shown, data  # no question asked, nothing drawn
    await second.send("Titre réécrit par l'admin 2")  # typed after ✏️ Titre: no question was open
    assert await dump(harness) == before
    async with harness.database.transaction() as session:
        draft = await session.get(Announcement, draft_id)
    assert draft.title == TITLE and draft.status == AnnouncementStatus.DRAFT and draft.audience == "all"
    await admin.press("✏️ Titre")  # the author still writes it
    await admin.send("VisioCoop : titre relu")
    async with harness.database.transaction() as session:
        assert (await session.get(Announcement, draft_id)).title == "VisioCoop : titre relu"


async def test_an_answer_typed_at_a_colleagues_draft_is_given_back(harness):
    """A question of someone else's draft left open (saved before buttons were refused): the typed
    answer is refused, named, given back whole, and the admin is on the inbox; the draft is untouched."""
    _admin, second, draft_id = await admin_draft(harness)
    async with harness.database.transaction() as session:
        state = await session.get(ChatState, SECOND_ADMIN) or ChatState(user_id=SECOND_ADMIN)
        state.screen, state.data = "an_title", f'{{"id": {draft_id}, "edit": 1}}'
        session.add(state)
    await second.send("Titre réécrit par l'admin 2")
    said = second.reply_text()
    assert COLLEAGUES in said and START_YOUR_OWN in said, said
    assert "📨 Demandes des coopératives" in said  # the inbox
    assert second.last_text == "Titre réécrit par l'admin 2"  # given back whole, to copy
    async with harness.database.transaction() as session:
        assert (await session.get(Announcement, draft_id)).title == TITLE


async def test_a_draft_whose_author_is_unknown_is_a_colleagues(harness):
    """Its author's data erased: the draft is still not the other admin's, said without a name; the
    pop-up stays within Telegram's 200 characters however long the title."""
    _admin, second, draft_id = await admin_draft(harness)
    async with harness.database.transaction() as session:
        draft = await session.get(Announcement, draft_id)
        draft.title = ("VisioCoop " + "très " * 40)[:200]  # a title holds 200 characters (PostgreSQL says so)
        session.add(draft)
        await session.exec(delete(User).where(User.id == ADMIN_ID))
    await second.press_data(second.last, f"anc:{draft_id}")
    (alert,) = second.alerts
    assert (
        alert.startswith("«\u00a0VisioCoop très")
        and "est un brouillon qu’un collègue est en train d’écrire" in alert
    ), alert
    assert len(alert) <= 200


async def test_the_longest_refusal_fits_in_a_pop_up(harness):
    """A 200-character title and a long first name: cut, the pop-up within Telegram's 200 characters."""
    _admin, second, draft_id = await admin_draft(harness)
    async with harness.database.transaction() as session:
        draft = await session.get(Announcement, draft_id)
        draft.title = "W" * 200
        author = await session.get(User, ADMIN_ID)
        author.first_name = "Marie-Dominique-Géraldine-Éléonore de la Fédération"
        session.add_all([draft, author])
    await second.press_data(second.last, f"ane:{draft_id}:t")
    (alert,) = second.alerts
    assert "Marie-Dominique" in alert and len(alert) <= 200, (len(alert), alert)


async def test_a_button_of_an_announcement_sent_or_cancelled_says_so(harness):
    """The preview's buttons once it was sent, and a cancelled draft's: « already sent », « cancelled »,
    not « this button is not for your coop’s dossier »."""
    admin, _second, draft_id = await admin_draft(harness)
    preview = admin.last
    await admin.press("📤 Envoyer")
    await admin.press_data(preview, f"ane:{draft_id}:t")
    assert admin.alerts == [
        "L’annonce «\u00a0VisioCoop : brouillon de l'admin 1\u00a0» a déjà été envoyée\u00a0: elle ne peut plus être "
        "modifiée."
    ]
    await admin.send("/annonce")
    await admin.send("Deuxième")
    question = admin.last
    await admin.press("Annuler")
    await admin.press_data(question, f"anc:{draft_id + 1}")
    assert admin.alerts == [
        "L’annonce «\u00a0Deuxième\u00a0» a été annulée\u00a0: rien n’a été envoyé. /annonce en commence une nouvelle."
    ]
