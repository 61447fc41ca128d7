"""A refused dossier: the coop reads it plainly, the direction prepares a new candidacy from it (the content
kept, the refusal's comment still readable), submits again; the committee finds it under « Non retenus »."""

from __future__ import annotations

from sqlmodel import select

from models.tables import AuditEntry, Dossier, DossierStatus, FederationRoleName, Indicator
from models.users import grant_federation_role
from tests.conftest import NOW
from tests.conversations.test_label_journey import decide
from tests.dossier_fill import complete_dossier
from tests.dossier_steps import join, submit
from tests.miniapp import local_client, signed_init_data, tma

COMMITTEE_ID = 8000001
REASON = "L’axe 3 n’est pas couvert : vous pourrez candidater à un prochain comité."
EDITING = ("Axe 1", "📊", "👥 Démarche", "📎 Documents", "✅ Marquer", "📋")


async def refused_coop(harness):
    director = await join(harness, 711, "fr", "Coop Horizon")
    colleague = harness.user(712, language_code="fr")
    await colleague.send(f"/start {director.invitations.member_token}")
    async with harness.database.transaction() as session:
        await grant_federation_role(session, COMMITTEE_ID, FederationRoleName.COMMITTEE)
    await complete_dossier(director)
    async with harness.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
        dossier.status = DossierStatus.SUBMITTED
        dossier.submitted_at = NOW
        session.add(dossier)
    committee = harness.user(COMMITTEE_ID, "Claude", "fr")
    await decide(committee, "Coop Horizon", "⛔ Refuser", REASON)
    return director, colleague, committee, dossier.id


async def status_of(harness, dossier_id: int) -> DossierStatus:
    async with harness.database.transaction() as session:
        return (await session.get(Dossier, dossier_id, populate_existing=True)).status


async def test_a_refused_dossier_says_so_and_the_direction_applies_again(harness):
    director, colleague, committee, dossier_id = await refused_coop(harness)

    await director.send("/dossier")
    home = director.last_text
    assert "Le comité de validation n’a pas retenu cette candidature." in home
    assert REASON in home and "À compléter" not in home
    assert not any(label in button for button in director.buttons() for label in EDITING)
    assert "📝 Préparer une nouvelle candidature" in director.buttons()

    # a colleague reads the same, without the button, and cannot press it
    await colleague.send("/dossier")
    assert REASON in colleague.last_text and "Votre direction peut préparer" in colleague.last_text
    assert not any("candidature" in b for b in colleague.buttons())
    await colleague.press_data(colleague.last, f"rfn:{dossier_id}:1")
    assert colleague.alerts == ["Votre rôle ne le permet pas."]
    assert await status_of(harness, dossier_id) == DossierStatus.REFUSED

    # the committee finds it, read-only, with what it said
    await committee.send("/comite")
    assert (
        "Non retenus\u00a0: 1" in committee.last_text
        and "Visités, label à décider\u00a0: 0" in committee.last_text
    )
    await committee.press("Coop Horizon")
    assert REASON in committee.last_text and "Non retenu par le comité" in committee.last_text
    assert not any(b.startswith(("✅", "📝", "⛔")) for b in committee.buttons())

    # the direction: a confirmation that says what happens; cancel changes nothing
    await director.press("📝 Préparer une nouvelle candidature")
    assert "Le dossier redevient un brouillon" in director.last_text
    assert "prochain comité" in director.last_text
    await director.press("Annuler")
    assert await status_of(harness, dossier_id) == DossierStatus.REFUSED
    await director.press("📝 Préparer une nouvelle candidature")
    await director.press("✅ Confirmer")
    assert "Le dossier est de nouveau un brouillon" in director.last_text
    assert (
        "Le comité n’a pas retenu la candidature précédente" in director.last_text
        and REASON in director.last_text
    )
    assert "Axe 1" in " ".join(director.buttons())  # editable again, everything kept
    assert "Engagements\u00a0: 8/8 minimum" in director.last_text
    async with harness.database.transaction() as session:
        entry = (await session.exec(select(AuditEntry).where(AuditEntry.action == "reapply"))).one()
    assert (entry.actor_id, entry.old_value, entry.new_value) == (711, "refused", "draft")
    # the confirmation pressed twice (a double tap): nothing more
    await director.press_data(director.last, f"rfn:{dossier_id}:1")
    assert director.alerts == ["Cette décision n’est pas possible à ce stade du dossier."]
    assert await status_of(harness, dossier_id) == DossierStatus.DRAFT

    # improved, it is submitted again to a later committee
    await submit(director)
    assert await status_of(harness, dossier_id) == DossierStatus.SUBMITTED
    await committee.send("/comite")
    assert "Soumis\u00a0: 1" in committee.last_text and "Non retenus\u00a0: 0" in committee.last_text


async def test_an_old_menu_of_a_refused_dossier_says_why_nothing_changes(web_harness):
    """Not « submitted »: the committee did not retain it, and the way forward is said (chat and app)."""
    director, colleague, _committee, _dossier_id = await refused_coop(web_harness)
    await web_harness.run_background()  # the outbox tells every member, with the way forward
    assert "Votre direction peut en préparer une nouvelle depuis /dossier" in colleague.last_text
    async with web_harness.database.transaction() as session:
        indicator = (await session.exec(select(Indicator))).first()
    await colleague.send("/dossier")
    await colleague.press_data(colleague.last, f"in:{indicator.id}")  # an indicator, read only
    said = colleague.last_text.replace("\u00a0", " ")
    assert "Le comité n’a pas retenu cette candidature" in said and "soumis" not in said
    await colleague.press_data(colleague.last, f"ix:{indicator.id}")  # an old menu's « 🗑 »
    assert "n’a pas retenu cette candidature" in colleague.alerts[-1]
    async with local_client(web_harness.web_url) as http:
        headers = tma(signed_init_data(director.id))
        page = (await http.get("/app/api/page", headers=headers)).json()["html"]
        change = {
            "entity": "indicator",
            "id": indicator.id,
            "field": "title",
            "value": "Autre",
            "expected": None,
        }
        refused = await http.post("/app/api/field", headers=headers, json=change)
    assert "n’a pas retenu cette candidature" in page and "entre les mains du comité" not in page
    assert refused.status_code == 403 and "n’a pas retenu" in refused.json()["error"]


async def test_a_new_candidacy_is_not_read_against_the_refused_ones_request(harness):
    """Asked for more, refused, applied again: the committee reads the new candidacy as new, not as
    « what changed since we asked » against the refused candidacy's request."""
    from models.dossier.changes import last_request

    director = await join(harness, 721, "fr", "Coop Reprise")
    async with harness.database.transaction() as session:
        await grant_federation_role(session, COMMITTEE_ID, FederationRoleName.COMMITTEE)
    await complete_dossier(director)
    committee = harness.user(COMMITTEE_ID, "Claude", "fr")
    for decision in ("📝 Demander des compléments", "⛔ Refuser"):
        await submit(director)
        await decide(committee, "Coop Reprise", decision, "Précisez l’axe 3.")
    async with harness.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
        assert dossier.status == DossierStatus.REFUSED
        assert await last_request(session, dossier.id) is None  # refused after it: not the latest
    await director.send("/dossier")
    await director.press("📝 Préparer une nouvelle candidature")
    await director.press("✅ Confirmer")
    await submit(director)
    await committee.send("/comite")
    await committee.press("Coop Reprise")
    assert "Ce qui a changé depuis la version lue par le comité" not in committee.last_text
