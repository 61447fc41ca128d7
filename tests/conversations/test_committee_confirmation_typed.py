"""What a committee member types on a decision's confirmation: a day (« hier », « 15 mars ») dates the
decision, said so, the comment kept (it was replacing the comment: the coop would have read « hier »); a
day the decision cannot take is refused, the comment kept; any other text replaces the comment. And the
news of a newcomer elides « de » before the coop's name (formatted once: « l’équipe d’Aiguillon … »)."""

from __future__ import annotations

from sqlmodel import select

from models.tables import AuditEntry
from tests.conversations.test_committee_confirmation import confirmation_of
from tests.conversations.test_early_visit import submitted_coop

NBSP = "\u00a0"
COMMENT = "Dossier recevable : bravo pour la gouvernance."


async def test_a_day_typed_on_the_confirmation_dates_the_decision_and_keeps_the_comment(world):
    harness, _clock = world
    _director, committee = await submitted_coop(harness)
    await confirmation_of(committee, "✅ Déclarer recevable", COMMENT)
    assert "lundi 23 novembre 2026" in committee.last_text
    await committee.send("hier")
    said = committee.reply_text().replace(NBSP, " ")
    assert "Date modifiée : dimanche 22 novembre 2026. Le commentaire reste tel quel." in said, said
    assert (
        "dimanche 22 novembre 2026" in committee.last_text
        and "bravo pour la gouvernance" in committee.last_text
    )
    assert f"«{NBSP}hier{NBSP}»" not in committee.last_text
    await committee.send("24/11/2026")  # tomorrow: a decision is recorded once made
    said = committee.reply_text().replace(NBSP, " ")
    assert "Une décision s’enregistre une fois prise : sa date ne peut pas être dans le futur" in said, said
    assert "bravo pour la gouvernance" in committee.last_text  # the confirmation, its comment kept
    await committee.send("Recevable, avec nos encouragements.")  # not a day: the comment replaced
    assert "Commentaire remplacé" in committee.reply_text()
    await committee.press("✅ Confirmer")
    async with harness.database.transaction() as session:
        entry = (
            await session.exec(select(AuditEntry).where(AuditEntry.action == "declare_admissible"))
        ).one()
    assert entry.new_value.endswith(": Recevable, avec nos encouragements."), entry.new_value


async def test_a_newcomer_s_news_elides_de_before_the_coop_s_name(world):
    harness, _clock = world
    director = harness.user(701, "Dominique", "fr")
    invitations = await harness.add_coop("Aiguillon Construction", "Bretagne")
    await director.send(f"/start {invitations.direction_token}")
    sam = harness.user(702, "Sam", "fr")
    await sam.send(f"/start {invitations.member_token}")
    await harness.run_background()
    news = [text for text in director.texts() if "a rejoint" in text]
    assert news and "l’équipe d’Aiguillon Construction" in news[-1], director.texts()[-3:]
