"""An announcement's audience is the one the admin sees and chooses: a stage of the label is the coops
/tableau counts at it, the region pressed is the region announced to, and an audience that reaches
nobody cannot be sent (the draft is kept)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlmodel import select

from conversations.ui import callbacks as cb
from models.coops import create_coop
from models.dossier.current import current_dossier
from models.tables import (
    Announcement,
    AnnouncementStatus,
    Coop,
    Delivery,
    Dossier,
    DossierStatus,
    EngagementChoice,
    Member,
    MemberRole,
    User,
)
from tests.conftest import ADMIN_ID

RENEWING, REFUSED_THEN_PREPARING, NO_ENGAGEMENT = "renewing", "refused then preparing", "no engagement"
# each coop's cycles, the latest last: what it looks like in the database
COOPS = [
    [DossierStatus.LABELLED],
    RENEWING,  # its label of 1 October 2026 still valid, cycle 2 a draft
    REFUSED_THEN_PREPARING,  # cycle 1 not retained, cycle 2 a draft
    [DossierStatus.ADMISSIBLE],
    [DossierStatus.VISITED],
    [DossierStatus.SUBMITTED],
    [DossierStatus.INFO_REQUESTED],
    [DossierStatus.DRAFT],
    NO_ENGAGEMENT,
]
CYCLES = {
    RENEWING: [DossierStatus.RENEWED, DossierStatus.DRAFT],
    REFUSED_THEN_PREPARING: [DossierStatus.REFUSED, DossierStatus.DRAFT],
    NO_ENGAGEMENT: [DossierStatus.DRAFT],
}
# the dashboard's line for each stage, and the audience's button for it
STAGES = {
    "Pas commencé": "Pas commencé",
    "Préparent leur dossier": "Préparent leur dossier",
    "Dossier soumis": "Dossier soumis",
    "Recevables ou visités, en cours": "Recevables ou visités",
    "Labellisés": "Labellisés",
    "Non retenus": "Non retenus",
}


async def seed_coops(harness) -> None:
    """One coop per case of COOPS, its direction registered in the assistant."""
    async with harness.database.transaction() as session:
        for n, case in enumerate(COOPS):
            coop = await create_coop(session, f"Coop {n:02d}")
            session.add(User(id=9_200_000 + n, first_name=f"Dir{n}", telegram_language="fr"))
            await session.flush()
            session.add(Member(user_id=9_200_000 + n, coop_id=coop.id, role=MemberRole.DIRECTION))
            first, *later = CYCLES[case] if isinstance(case, str) else case
            dossier = await current_dossier(session, coop.id)
            dossier.status = first
            if first != DossierStatus.DRAFT:
                dossier.submitted_at = datetime(2026, 6, 1, 10, tzinfo=UTC)
            if first in (DossierStatus.LABELLED, DossierStatus.RENEWED):
                dossier.admissible_on, dossier.labelled_on = date(2026, 6, 30), date(2026, 10, 1)
            session.add(dossier)
            await session.flush()
            if case != NO_ENGAGEMENT:
                session.add(EngagementChoice(dossier_id=dossier.id, engagement_code=1))
            for cycle, status in enumerate(later, start=2):
                later_dossier = Dossier(coop_id=coop.id, cycle=cycle, status=status)
                session.add(later_dossier)
                await session.flush()
                session.add(EngagementChoice(dossier_id=later_dossier.id, engagement_code=1))


async def compose(admin, title: str = "VisioCoop") -> None:
    """/annonce up to the audience's question."""
    await admin.send("/annonce")
    await admin.send(title)
    await admin.send("mercredi 9 décembre 9h")
    await admin.send("-")
    await admin.send("-")


async def test_each_stage_reaches_the_coops_the_dashboard_counts_at_it(harness):
    """A coop renewing its label is labelled for both (it was « preparing » for the announcement);
    a refused coop preparing its next cycle prepares its dossier for both (the refusal behind it); none
    is left out or counted twice."""
    await seed_coops(harness)
    admin = harness.user(ADMIN_ID, language_code="fr")
    await admin.send("/tableau")
    board = admin.last_text
    await compose(admin)
    reached = {}
    for line, label in STAGES.items():
        await admin.press("Par étape du label")
        await admin.press(label)
        assert f"Par étape du label — {line}" in admin.last_text
        count = next(row for row in admin.last_text.splitlines() if row.startswith("Destinataires"))
        reached[line] = int(count.split("\u00a0: ")[1])
        assert f"• {line}\u00a0: {reached[line]}" in board, (line, reached[line], board)
        await admin.press("✏️ Public")
    assert reached == {
        "Pas commencé": 1,
        "Préparent leur dossier": 2,
        "Dossier soumis": 2,
        "Recevables ou visités, en cours": 2,
        "Labellisés": 2,
        "Non retenus": 0,
    }


async def test_the_region_pressed_is_the_one_announced_to(harness):
    """A coop added meanwhile in a region sorting first does not shift the buttons; a region gone
    meanwhile is said so, and the list shown again."""
    async with harness.database.transaction() as session:
        await create_coop(session, "Coop Bretonne", "Bretagne")
        await create_coop(session, "Coop Normande", "Normandie")
    admin = harness.user(ADMIN_ID, language_code="fr")
    await compose(admin)
    await admin.press("Par région")
    regions_message = admin.last
    async with harness.database.transaction() as session:  # another admin adds a coop meanwhile (CLI)
        await create_coop(session, "Coop Auvergnate", "Auvergne-Rhône-Alpes")
        normande = (await session.exec(select(Member))).all()  # nobody joined: no recipient anywhere
        assert normande == []
    await admin.press("Bretagne", regions_message)
    assert "Public\u00a0: Par région — Bretagne" in admin.last_text
    await admin.press("✏️ Public")
    await admin.press("Par région")
    async with harness.database.transaction() as session:  # its only coop moves meanwhile
        coop = (await session.exec(select(Coop).where(Coop.region == "Normandie"))).one()
        coop.region = "Bretagne"
        session.add(coop)
    await admin.press("Normandie")
    assert "⚠️ Cette région n’a plus aucune coopérative" in admin.reply_text()
    assert "Quelle région\u00a0?" in admin.last_text and "Normandie" not in admin.buttons()
    async with harness.database.transaction() as session:
        assert (await session.exec(select(Announcement))).one().audience_value == "Bretagne"


async def test_many_regions_are_paged_and_a_long_name_fits(harness):
    """Telegram refuses a keyboard of more than 100 buttons; a region's name longer than a button's 64
    bytes still has its button."""
    long_name = "Région des Coopératives d’Habitants du Grand Ouest Atlantique et des Îles"
    async with harness.database.transaction() as session:
        for n in range(45):
            await create_coop(session, f"Coop {n:02d}", f"Région {n:02d}")
        await create_coop(session, "Coop Longue", long_name)
    admin = harness.user(ADMIN_ID, language_code="fr")
    await compose(admin)
    await admin.press("Par région")
    assert "Page 1/3" in admin.last_text and len(admin.buttons()) <= 25
    await admin.press("➡️")
    await admin.press("➡️")
    assert "Page 3/3" in admin.last_text and long_name in admin.buttons()
    await admin.press(long_name)
    assert f"Par région — {long_name}" in admin.last_text


async def test_an_audience_of_nobody_has_no_send_button_and_keeps_the_draft(harness):
    """No coop with its direction registered: « Directions seulement » says why nobody is reached
    and how to choose another audience; the Send button of an older preview is refused."""
    coop = await harness.add_coop("Coop Sans Direction")
    await harness.user(9_300_001, language_code="fr").send(f"/start {coop.member_token}")
    admin = harness.user(ADMIN_ID, language_code="fr")
    await compose(admin, "VisioCoop des directions")
    await admin.press("Tout le monde")
    assert "📤 Envoyer à 1 personne" in admin.buttons()
    await admin.press("✏️ Public")
    await admin.press("Directions seulement")
    assert "Destinataires\u00a0: 0" in admin.last_text
    assert "Personne ne la recevrait" in admin.last_text and "✏️ Public" in admin.last_text
    assert not any(label.startswith("📤 Envoyer") for label in admin.buttons())
    assert "✏️ Public" in admin.buttons()
    async with harness.database.transaction() as session:
        draft_id = (await session.exec(select(Announcement.id))).one()
    await admin.press_data(admin.last, cb.ANNOUNCEMENT_SEND.pack(draft_id))  # the button seen before
    assert "rien n’a été envoyé" in admin.reply_text() and "Aperçu" in admin.last_text
    async with harness.database.transaction() as session:
        announcement = (await session.exec(select(Announcement))).one()
        assert announcement.status == AnnouncementStatus.DRAFT
        assert (await session.exec(select(Delivery))).all() == []
    await admin.press("✏️ Public")
    await admin.press("Tout le monde")
    await admin.press("📤 Envoyer à 1 personne")
    assert "0 / 1 envoyé" in admin.last_text
