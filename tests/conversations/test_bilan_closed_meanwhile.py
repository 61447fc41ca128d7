"""« 📤 Oui, envoyer » pressed on a bilan's confirmation left open while the committee closed its checkpoint:
recorded as held without it (its screen said « the coop is writing one », the coop was told its draft stays
readable in « 📚 Bilans précédents »), or closed by an early visit (which removes the 12-month checkpoint's
row). The kind came from the saved position and was never checked still ahead: the first case froze the
bilan SENT and told the committee of a report for a checkpoint it had closed without it; the second read
the removed checkpoint as None (AttributeError, « Une erreur inattendue »). Now nothing is sent: the
direction is told why, led to the history where the draft is listed, whole, and to the next report."""

from __future__ import annotations

from sqlmodel import select

from models.tables import ProgressReport, ReportStatus
from tests.conversations.test_bilans import admissible_coop
from tests.conversations.test_label_journey import decide

NBSP = "\u00a0"
HELD = (
    "Le comité de validation a enregistré le point d’étape à 6 mois comme tenu le 23 novembre 2026, "
    f"avant l’envoi de ce bilan{NBSP}: il n’a pas été envoyé."
)
CLOSED = (
    "Le comité de validation a enregistré la visite, qui a clos le point d’étape à 12 mois"
    f"{NBSP}: aucun bilan n’est plus attendu pour lui, et celui-ci n’a pas été envoyé."
)
KEPT = f"Son brouillon est conservé{NBSP}: vous pouvez le relire ci-dessous."
NEXT = f"Prochain bilan à préparer{NBSP}: celui du point d’étape à 12 mois, avec /bilan."
DIFFICULTIES = "Peu de locataires aux réunions."


async def on_the_send_confirmation(director, difficulties: str | None = DIFFICULTIES) -> dict:
    """The direction writes the bilan's texts (« 🙅 » for none) and opens « 📤 »: the confirmation."""
    await director.send("/bilan")
    await director.press("⚠️ ")
    if difficulties is None:
        await director.press("🙅 ")
    else:
        await director.send(difficulties)
    await director.press("🤝 ")
    await director.press("🙅 ")
    await director.press("📤 ")
    assert "Oui, envoyer" in " ".join(director.buttons()), director.last_text
    return director.last


async def the_report(harness) -> ProgressReport:
    async with harness.database.transaction() as session:
        return (await session.exec(select(ProgressReport))).one()


async def test_a_bilan_is_not_sent_once_its_checkpoint_was_held_without_it(world):
    harness, _clock = world
    director, _member, committee = await admissible_coop(harness)
    confirmation = await on_the_send_confirmation(director)
    await decide(committee, "Coop Bilan", "📍 Point à 6 mois tenu", "Tenu sans bilan.")

    told = len(committee.messages)
    await director.press("📤 ", message=confirmation)  # « 📤 Oui, envoyer » on the screen left open
    await harness.run_background()
    said = " ".join([*director.alerts, director.reply_text()])
    assert HELD in said and KEPT in said and NEXT in said and "erreur" not in said.lower(), said
    assert "Nos bilans d’étape" in said, said  # the history, the draft listed
    assert "Point d’étape à 6 mois — brouillon jamais envoyé" in said, said
    report = await the_report(harness)
    assert (report.status, report.sent_at) == (ReportStatus.DRAFT, None)
    news = [m.get("text", "") for m in committee.messages[told:]]
    assert not any("bilan" in text.lower() for text in news), news

    await director.press("📖 1. ")  # the draft, whole
    assert "brouillon jamais envoyé" in director.last_text and DIFFICULTIES in director.last_text
    await director.send("/bilan")  # the next report is the one open now
    assert "Point d’étape à 12 mois" in director.last_text and DIFFICULTIES not in director.last_text


async def test_a_bilan_for_a_checkpoint_the_visit_closed_is_not_sent_and_nothing_breaks(world):
    harness, _clock = world
    director, _member, committee = await admissible_coop(harness)
    await decide(committee, "Coop Bilan", "📍 Point à 6 mois tenu", "Tenu.")  # next: the 12-month one
    confirmation = await on_the_send_confirmation(director)
    await decide(committee, "Coop Bilan", "🚪 Visite", "Visite anticipée.")

    await director.press("📤 ", message=confirmation)
    said = " ".join([*director.alerts, director.reply_text()])
    assert CLOSED in said and KEPT in said and "erreur" not in said.lower(), said
    assert NEXT not in said, said  # no checkpoint is ahead any more
    assert "Point d’étape à 12 mois — brouillon jamais envoyé" in said, said
    report = await the_report(harness)
    assert (report.checkpoint_kind, report.status, report.sent_at) == (
        "twelve_months",
        ReportStatus.DRAFT,
        None,
    )


async def test_a_draft_with_nothing_typed_is_not_said_readable(world):
    """« 🙅 » for both texts: the history lists no such draft, so none is promised there; the bilan open
    now (the 12-month one) is shown instead."""
    harness, _clock = world
    director, _member, committee = await admissible_coop(harness)
    confirmation = await on_the_send_confirmation(director, difficulties=None)
    await decide(committee, "Coop Bilan", "📍 Point à 6 mois tenu", "Tenu sans bilan.")

    await director.press("📤 ", message=confirmation)
    said = " ".join([*director.alerts, director.reply_text()])
    assert HELD in said and KEPT not in said and "erreur" not in said.lower(), said
    assert "Bilan d’étape — Point d’étape à 12 mois" in said, said
    assert (await the_report(harness)).status == ReportStatus.DRAFT


async def test_an_english_member_is_told_the_next_report_s_english_command(world):
    """The next report's command was written « /bilan » for everyone: an English member is told /report."""
    harness, _clock = world
    _director, member, committee = await admissible_coop(harness)
    await member.send("/report")
    await member.press("⚠️ ")
    await member.send("Few tenants came to the meetings.")
    screen = member.last
    await decide(committee, "Coop Bilan", "📍 Point à 6 mois tenu", "Tenu sans bilan.")
    await member.press("⚠️ ", message=screen)
    said = " ".join([*member.alerts, member.reply_text()])
    assert "Next report to prepare: that of the 12-month checkpoint, with /report." in said, said
    assert "/bilan" not in said, said
