"""A committee decision is confirmed only on the dossier it was begun on: not once a colleague decided
meanwhile (a refusal over a request for more), nor on a version the coop submitted again since (sent
back to it, rewritten, submitted): the decider is told, the comment typed given back whole."""

from __future__ import annotations

from sqlmodel import select

from models.tables import AuditEntry, Dossier, DossierStatus, FederationRoleName
from models.users import grant_federation_role
from tests.dossier_fill import complete_dossier
from tests.dossier_steps import join, open_home, submit

OPINION = "Dossier solide, recevable : l’engagement 6 est <bien> tenu & suivi."


async def two_deciders(harness, coop: str):
    """A coop's dossier submitted, and two committee members each on its screen."""
    director = await join(harness, 9720001, "fr", coop)
    await complete_dossier(director)
    await submit(director)
    async with harness.database.transaction() as session:
        await grant_federation_role(session, 8120001, FederationRoleName.COMMITTEE)
        await grant_federation_role(session, 8120002, FederationRoleName.COMMITTEE)
    first, second = harness.user(8120001, "Claude", "fr"), harness.user(8120002, "Dominique", "fr")
    for member in (first, second):
        await member.send("/comite")
        await member.press(coop)
    return director, first, second


async def ask_for_more(member) -> None:
    """A committee member asks the coop for more information, at once."""
    await member.press("📝 Demander des compléments")
    await member.send("Précisez l’engagement 6.")
    await member.press("✅ Confirmer")


async def rewrite_and_submit(director) -> None:
    """The coop rewrites its approach and submits its dossier again."""
    await open_home(director)
    await director.press("👥 Démarche")
    await director.press("✏️ Démarche")
    await director.send("Démarche réécrite après la demande du comité.")
    await submit(director)


async def decisions(harness) -> list[str]:
    """The submissions and the committee's decisions recorded, in order (not the dossier marked ready)."""
    steps = ("submit", "request_info", "declare_admissible", "refuse")
    async with harness.database.transaction() as session:
        query = select(AuditEntry).where(AuditEntry.field == "status", AuditEntry.action.in_(steps))
        rows = await session.exec(query.order_by(AuditEntry.id))
        return [r.action for r in rows.all()]


async def status(harness) -> DossierStatus:
    async with harness.database.transaction() as session:
        return (await session.exec(select(Dossier))).one().status


async def test_an_admissibility_begun_before_a_request_for_more_is_not_recorded_on_the_new_version(harness):
    director, first, second = await two_deciders(harness, "Coop Reprise")
    await second.press("✅ Déclarer recevable")
    await second.send(OPINION)
    await ask_for_more(first)
    await rewrite_and_submit(director)
    await harness.run_background()
    seen = len(director.messages)
    await second.press("✅ Aujourd’hui")
    await second.press("✅ Confirmer")

    said = second.reply_text()  # the screen answering « Confirm » (the PDF of the new version may follow)
    assert "le dossier est retourné à la coopérative et a été soumis à nouveau le" in said, said
    assert "rien n’a été enregistré. Relisez la nouvelle version, puis décidez à nouveau." in said
    assert "Votre commentaire, non envoyé" in said and "l’engagement 6 est <bien> tenu & suivi" in said
    assert "Décision enregistrée" not in said
    screen = next(m for m in second.replies if "le dossier est retourné" in m.get("text", ""))
    assert "✅ Déclarer recevable" in second.buttons(screen)  # the dossier's screen: read it, decide again
    assert await status(harness) == DossierStatus.SUBMITTED
    assert await decisions(harness) == ["submit", "request_info", "submit"]
    await harness.run_background()
    assert "recevable" not in "\n".join(m.get("text", "") for m in director.messages[seen:])


async def test_a_request_for_more_begun_on_the_first_version_is_not_sent_on_the_second(harness):
    director, first, second = await two_deciders(harness, "Coop Relue")
    await second.press("📝 Demander des compléments")
    await second.send("Joignez les comptes 2025.")
    await ask_for_more(first)
    await rewrite_and_submit(director)
    await second.press("✅ Confirmer")
    said = second.reply_text()
    assert "soumis à nouveau le" in said and "Joignez les comptes 2025." in said
    assert await status(harness) == DossierStatus.SUBMITTED
    assert await decisions(harness) == ["submit", "request_info", "submit"]


async def test_a_refusal_begun_before_a_colleagues_request_for_more_does_not_override_it(harness):
    """The refusal is possible on a dossier asked for more too: begun on the submitted dossier, it is not
    recorded over the colleague's request made meanwhile."""
    _director, first, second = await two_deciders(harness, "Coop Tenue")
    await second.press("⛔ Refuser")
    await second.send("Hors du champ du label.")
    await ask_for_more(first)
    await second.press("✅ Confirmer")
    said = second.reply_text()
    assert "Une autre décision sur ce dossier vient d’être enregistrée" in said, said
    assert "Hors du champ du label." in said
    assert await status(harness) == DossierStatus.INFO_REQUESTED
    assert await decisions(harness) == ["submit", "request_info"]
