"""/comite says the day each dossier to read was submitted, in Paris (the committee reads the earliest first,
whatever the names' order); before, « #2 Coop — cycle 1 » only. Other groups say their cycle alone."""

from __future__ import annotations

from datetime import UTC, datetime

from models.dossier.current import current_dossier
from models.tables import DossierStatus, FederationRoleName
from models.users import grant_federation_role

COMMITTEE_ID = 8000002


async def with_status(harness, name: str, status: DossierStatus, submitted_at: datetime) -> int:
    """A coop whose dossier has this status, submitted then; its number."""
    invitations = await harness.add_coop(name)
    async with harness.database.transaction() as session:
        dossier = await current_dossier(session, invitations.coop.id)
        dossier.status, dossier.submitted_at = status, submitted_at
        session.add(dossier)
    return invitations.coop.id


async def test_the_list_says_when_each_dossier_to_read_was_submitted(harness):
    late = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)  # 00:30 on the 23rd in Paris
    alpha = await with_status(harness, "Alpha Habitat", DossierStatus.SUBMITTED, late)
    zeta = await with_status(harness, "Zeta", DossierStatus.SUBMITTED, datetime(2026, 9, 1, 8, tzinfo=UTC))
    beta = await with_status(
        harness, "Beta", DossierStatus.INFO_REQUESTED, datetime(2026, 10, 2, 8, tzinfo=UTC)
    )
    async with harness.database.transaction() as session:
        await grant_federation_role(session, COMMITTEE_ID, FederationRoleName.COMMITTEE)
    member = harness.user(COMMITTEE_ID, "Claude", "fr")
    await member.send("/comite")
    lines = member.last_text.splitlines()
    assert f"#{alpha} Alpha Habitat — cycle 1, soumis le 23 novembre 2026" in lines, lines
    assert f"#{zeta} Zeta — cycle 1, soumis le 1er septembre 2026" in lines, lines
    assert f"#{beta} Beta — cycle 1" in lines, lines  # waiting for the coop: its cycle only
    english = harness.user(COMMITTEE_ID + 1, "Kim", "en")
    async with harness.database.transaction() as session:
        await grant_federation_role(session, english.id, FederationRoleName.COMMITTEE)
    await english.send("/comite")
    assert f"#{zeta} Zeta — cycle 1, submitted on 1 September 2026" in english.last_text.splitlines()
