"""Long texts with formatting reach the chat over several messages, each valid HTML: a bilan whose
dropped actions give reasons of two paragraphs (in italics), read by the committee and by the coop; the
committee's 📄 Review of a dossier whose indicator title has two paragraphs (an old title: a title
typed now is saved on one line); a draft's help wanted, read whole before a checkpoint is recorded."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import select

from models.tables import Checkpoint, Dossier, FederationRoleName, Indicator, ProgressReport
from models.users import grant_federation_role
from tests.conversations.test_bilans import admissible_coop
from tests.conversations.test_early_visit import submitted_coop
from tests.conversations.test_label_journey import COMMITTEE_ID, decide
from tests.dossier_fill import complete_dossier
from tests.dossier_steps import choose, join, start_own_indicator, submit
from tests.fakes.entities import utf16_len

TWO_PARAGRAPHS = "Part de BRS\n\ndans la production annuelle"


def words(length: int, seed: str) -> str:
    """« seed0 seed1 … » up to ``length`` characters, ending with a full stop."""
    text, n = "", 0
    while len(text) < length:
        text += f"{seed}{n} "
        n += 1
    return text[: length - 1] + "."


def formatted_as(messages: list[dict], word: str) -> set[str]:
    """The formatting (entity types) of a word where a message shows it."""
    message = next(m for m in messages if word in m.get("text", ""))
    at = utf16_len(message["text"][: message["text"].index(word)])
    return {e["type"] for e in message.get("entities", []) if e["offset"] <= at < e["offset"] + e["length"]}


async def send_a_bilan_with_long_reasons(harness, clock, coop: str):
    """A coop's 6-month bilan dropping its 8 actions, each for a reason of two paragraphs of 480
    characters (the bilan shows them in italics); sent. Its direction and the committee."""
    director, _member, committee = await admissible_coop(harness, coop)
    clock.now = datetime(2027, 4, 23, 8, 0, tzinfo=UTC)
    await director.send("/bilan")
    await director.press("✅ Actions")
    for k in range(8):
        await director.press("🚫 ")
        await director.paste(words(480, f"raison{k}a") + "\n\n" + words(480, f"suite{k}b"))
    await director.press("⚠️ ")
    await director.send("Peu de choses.")
    await director.press("🤝 ")
    await director.press("🙅 ")
    await director.press("📤 ")
    await director.press("📤 ")
    return director, committee


async def test_the_committee_reads_a_bilan_whose_reasons_have_paragraphs(world):
    """Cut at the paragraph break inside a reason's italics, the text was refused: « can't find end
    tag corresponding to start tag "i" »."""
    harness, clock = world
    _director, committee = await send_a_bilan_with_long_reasons(harness, clock, "Coop Notes")
    await harness.run_background()
    await committee.press("📝 ")
    await committee.press("📄 ")  # the bilan as text
    read = committee.replies
    assert len(read) >= 2 and "reply_markup" in read[-1]  # over several messages, « ⬅️ Retour » last
    for k in range(8):
        assert formatted_as(read, f"raison{k}a0") == formatted_as(read, f"suite{k}b0") == {"italic"}


async def test_the_coop_reads_its_long_bilan_in_its_history(world):
    harness, clock = world
    director, committee = await send_a_bilan_with_long_reasons(harness, clock, "Coop Notes Deux")
    clock.now = datetime(2027, 5, 25, 9, 0, tzinfo=UTC)
    await decide(committee, "Coop Notes Deux", "📍 Point à 6 mois tenu", "Bon avancement.")
    await director.send("/bilan")
    await director.press("📚")
    await director.press("📖 1.")
    for k in range(8):
        assert formatted_as(director.replies, f"suite{k}b0") == {"italic"}


async def test_the_committee_reviews_a_dossier_whose_indicator_title_has_two_paragraphs(harness):
    """A title kept with its paragraph break (as the chat saved it before), then a long rationale: the
    review was cut inside the title's bold and refused."""
    invitations = await harness.add_coop("Coop Titres")
    director = harness.user(8500001, "Dominique", "fr")
    await director.send(f"/start {invitations.direction_token}")
    director.invitations = invitations
    await complete_dossier(director)
    async with harness.database.transaction() as session:
        indicator = (await session.exec(select(Indicator).order_by(Indicator.id))).first()
        indicator.title = TWO_PARAGRAPHS
        indicator.rationale = words(5500, "raison")
        session.add(indicator)
    await submit(director)
    async with harness.database.transaction() as session:
        await grant_federation_role(session, COMMITTEE_ID, FederationRoleName.COMMITTEE)
    committee = harness.user(COMMITTEE_ID, "Claude", "fr")
    await committee.send("/comite")
    await committee.press("Coop Titres")
    await committee.press("📄 ")
    read = committee.replies
    assert formatted_as(read, "dans la production annuelle") == {"bold"}
    titled = next(m["text"] for m in read if "dans la production annuelle" in m["text"])
    assert "raison0 " in titled  # with its rationale: no message holds the heading alone
    assert any("raison400" in m["text"] for m in read) and "reply_markup" in read[-1]


async def test_a_title_typed_with_paragraphs_is_saved_on_one_line(harness):
    director = await join(harness, 8500002, "fr", "Coop Une Ligne")
    await choose(director, [7])
    await start_own_indicator(director, 7)
    await director.send(TWO_PARAGRAPHS)
    async with harness.database.transaction() as session:
        titles = [i.title for i in (await session.exec(select(Indicator))).all()]
    assert "Part de BRS dans la production annuelle" in titles


async def test_a_drafts_help_wanted_is_read_whole_before_the_checkpoint_is_recorded(world):
    """It was cut at 1,000 characters, and the committee reads a draft nowhere else."""
    harness, _clock = world
    _director, committee = await submitted_coop(harness)
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.", "31/08/2026")
    asked = words(2990, "appui") + " FIN & co"
    async with harness.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
        draft = ProgressReport(
            dossier_id=dossier.id, checkpoint_kind="six_months", created_by=701, help_wanted=asked
        )
        session.add(draft)
    await committee.send("/comite")
    await committee.press("Coop Horizon")
    await committee.press("📍 Point à 6 mois tenu")
    await committee.paste(words(2000, "commentaire"))
    await committee.send("hier")
    shown = " ".join(m["text"] for m in committee.replies)  # the screen over two messages, nothing cut
    assert len(committee.replies) == 2 and asked in shown and "commentaire130" in shown
    await committee.press("✅ Confirmer", committee.replies[-1])
    async with harness.database.transaction() as session:
        held = (await session.exec(select(Checkpoint).where(Checkpoint.kind == "six_months"))).one()
    assert held.held_on is not None
