"""Bilans d'étape for every reader and across cycles: the indicators in the reader's language, the
earlier cycles' bilans readable during a renewal, the refusal to send naming only what is missing."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from tests.conversations.test_bilans import admissible_coop
from tests.conversations.test_label_journey import decide

PARIS = ZoneInfo("Europe/Paris")
ENGLISH_TITLE = "Share of PSLA/BRS homes in new production"
FRENCH_TITLE = "Part de logements PSLA/BRS dans la production"


async def send_bilan(director, difficulties: str) -> None:
    """The direction writes the difficulties, needs no help, and sends the bilan."""
    await director.send("/bilan")
    await director.press("⚠️ ")
    await director.send(difficulties)
    await director.press("🤝 ")
    await director.press("🙅 Pas besoin d’aide")
    await director.press("📤 ")
    await director.press("📤 Oui, envoyer")
    assert "Le bilan a été envoyé au comité de validation." in director.last_text, director.last_text


async def test_each_reader_reads_the_bilan_s_indicators_in_their_language(world):
    """A suggested indicator kept as suggested reads in English for an English member, on the bilan
    being prepared and once sent; the French direction reads the same bilan in French."""
    harness, _clock = world
    director, member, _committee = await admissible_coop(harness, "Coop Langue")
    await member.send("/report")
    assert ENGLISH_TITLE in member.last_text and FRENCH_TITLE not in member.last_text
    await send_bilan(director, "Peu de locataires aux réunions.")
    await member.send("/report")
    await member.press("📚 Previous reports")
    await member.press("📖 1. Read")
    assert ENGLISH_TITLE in member.reply_text() and FRENCH_TITLE not in member.reply_text()
    assert "Peu de locataires aux réunions." in member.reply_text()  # what was written stays as written
    await director.send("/bilan")
    await director.press("📚 Bilans précédents")
    await director.press("📖 1. Lire")
    assert FRENCH_TITLE in director.reply_text() and ENGLISH_TITLE not in director.reply_text()


async def test_a_bilan_sent_before_the_titles_were_stored_reads_as_it_was_sent(world):
    """A bilan frozen without each language's title (sent before this version) still reads, as sent."""
    import json

    from sqlmodel import select

    from models.tables import ProgressReport

    harness, _clock = world
    director, member, _committee = await admissible_coop(harness, "Coop Ancienne")
    await send_bilan(director, "Rien de particulier.")
    async with harness.database.transaction() as session:
        report = (await session.exec(select(ProgressReport))).one()
        content = json.loads(report.content)
        assert content["indicators"][0]["titles"] == {"fr": FRENCH_TITLE, "en": ENGLISH_TITLE}
        for item in content["indicators"]:
            del item["titles"]
        report.content = json.dumps(content, ensure_ascii=False)
        session.add(report)
    await member.send("/report")
    await member.press("📚 Previous reports")
    await member.press("📖 1. Read")
    assert FRENCH_TITLE in member.reply_text()


async def test_during_the_renewal_the_earlier_cycle_s_bilans_stay_reachable(world):
    """Cycle 2 opened, not admissible yet: /bilan and /progres lead to cycle 1's bilans with the
    committee's comment, instead of « progress is followed once admissible » and the draft's home."""
    harness, clock = world
    director, member, committee = await admissible_coop(harness, "Coop Cycle")
    await send_bilan(director, "Le recrutement a pris du retard.")
    clock.now = datetime(2027, 5, 25, 15, tzinfo=PARIS)
    await decide(committee, "Coop Cycle", "📍 Point à 6 mois tenu", "Bon avancement.")
    clock.now = datetime(2028, 5, 10, 15, tzinfo=PARIS)
    await decide(committee, "Coop Cycle", "🚪 Visite effectuée", "Visite.")
    clock.now = datetime(2028, 6, 1, 15, tzinfo=PARIS)
    await decide(committee, "Coop Cycle", "🏅 Attribuer le label", "Label attribué.")
    clock.now = datetime(2031, 6, 2, 15, tzinfo=PARIS)
    await decide(committee, "Coop Cycle", "🔄 Ouvrir le renouvellement", "Cycle 2.")

    await director.send("/bilan")
    assert (
        "Ceux des cycles précédents, avec les commentaires du comité, restent lisibles" in director.last_text
    )
    assert director.buttons() == ["📚 Bilans précédents", "🏠 Mon dossier"]
    await director.press("📚 Bilans précédents")
    assert "Point d’étape à 6 mois — envoyé le 23 novembre 2026 · cycle 1" in director.last_text
    assert "«\u00a0Bon avancement.\u00a0»" in director.last_text  # the committee's comment on it
    await director.press("📖 1. Lire")
    assert "Le recrutement a pris du retard." in director.reply_text()
    await director.press("⬅️ Retour")  # back to the history, then to /bilan's screen: not refused
    await director.press("⬅️ Retour")
    assert "restent lisibles" in director.last_text

    await member.send("/progress")  # cycle 1's follow-up closed by the renewal: said, then its bilans
    assert "The renewal of your label has opened" in member.reply_text()
    assert "📚 Previous reports" in member.buttons()


async def test_the_bilan_refusal_names_only_what_is_missing(world):
    """The help wanted answered, not the difficulties: only the difficulties are asked for, and they
    can be answered « none » with a button, as the help can."""
    harness, _clock = world
    director, _member, _committee = await admissible_coop(harness, "Coop Refus")
    await director.send("/bilan")
    await director.press("🤝 ")
    await director.send("Un accompagnement sur l’indicateur 4.")
    await director.press("📤 ")
    said = "⚠️ Avant l’envoi, indiquez les difficultés rencontrées, ou qu’il n’y en a pas eu."
    assert said in director.reply_text(), director.reply_text()
    assert "aide souhaitée" not in director.reply_text().split(said)[0] + said  # not asked again
    await director.press("⚠️ ")
    await director.press("🙅 Aucune difficulté")
    assert "✅ Enregistré." in director.reply_text()
    await director.press("📤 ")
    assert "Oui, envoyer" in " ".join(director.buttons())  # the confirmation: nothing missing now
