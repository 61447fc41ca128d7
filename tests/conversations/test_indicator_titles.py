"""A suggested indicator's title is the referential's: each reader sees it in their language (chat, gaps,
/recap, PDF) until the coop types its own; choosing the same suggestion again continues the indicator
instead of adding a twin; the wizard's step count is the questions actually asked."""

from __future__ import annotations

import io

from pypdf import PdfReader
from sqlmodel import select

from models.tables import Indicator
from tests.dossier_steps import choose, join, open_home, start_own_indicator
from tests.harness import ChatUser

NBSP = "\u00a0"
FR = "Réunions de concertation avec les associations de locataires"
EN = "Consultation meetings with tenant associations"


async def pick_first_suggestion(user: ChatUser, code: int) -> None:
    """From the home: 📊, the engagement, ➕ Add an indicator, its first suggestion (English)."""
    await open_home(user)
    await user.press("📊 Indicators")
    await user.press(f" {code} · ")
    await user.press("➕ Add an indicator")
    await user.press("1 · ")


async def colleagues(harness) -> tuple[ChatUser, ChatUser]:
    """Dominique, the French direction, and Sam, an English-speaking member, engagement 7 chosen."""
    dominique = await join(harness, 9601, "fr", "Coop Les Tilleuls")
    sam = harness.user(9602, first_name="Sam", language_code="en")
    await sam.send("/start " + dominique.invitations.member_token)
    await choose(sam, [7])
    return dominique, sam


def plain(text: str) -> str:
    return text.replace(NBSP, " ")


def pdf_text(harness, message: dict) -> str:
    path = harness.fake.handle("getFile", {"file_id": message["document"]["file_id"]})["file_path"]
    pages = PdfReader(io.BytesIO(harness.fake.file_content(path))).pages
    return " ".join(" ".join(page.extract_text().replace(NBSP, " ").split()) for page in pages)


async def indicators_of(harness, code: int) -> list[Indicator]:
    async with harness.database.transaction() as session:
        return list((await session.exec(select(Indicator).where(Indicator.engagement_code == code))).all())


async def test_a_suggestion_picked_in_english_reads_in_french_for_the_french_direction(harness):
    dominique, sam = await colleagues(harness)
    await pick_first_suggestion(sam, 7)
    assert EN in sam.last_text
    await sam.send("/cancel")

    await dominique.send("/recap")
    recap = plain("\n".join(m.get("text", "") for m in dominique.replies))
    assert f"📈 {FR}" in recap and EN not in recap
    assert f"Indicateur « {FR[:40]}" in recap  # the gaps, in French too
    await open_home(dominique)
    await dominique.press("📋")  # what is missing
    assert f"Indicateur « {FR[:40]}" in plain(dominique.last_text)
    await open_home(dominique)
    await dominique.press("📊 Indicateurs")
    await dominique.press(" 7 · ")
    await dominique.press("1 · ")  # its indicator
    assert FR in dominique.last_text and EN not in dominique.last_text
    await dominique.send("/pdf")
    assert f"Indicateur 1 — {FR}" in pdf_text(harness, dominique.replies[-1])

    await sam.send("/recap")  # Sam still reads the English words
    assert f"📈 {EN}" in "\n".join(m.get("text", "") for m in sam.replies)


async def test_a_title_the_coop_changed_is_theirs_in_every_language(harness):
    dominique, sam = await colleagues(harness)
    await pick_first_suggestion(sam, 7)
    await sam.send("/cancel")
    (indicator,) = await indicators_of(harness, 7)
    await open_home(sam)
    await sam.press("📊 Indicators")
    await sam.press(" 7 · ")
    await sam.press("1 · ")
    await sam.press("✏️ Title")
    await sam.send("Tenant meetings held")
    await dominique.send("/recap")
    recap = plain("\n".join(m.get("text", "") for m in dominique.replies))
    assert "📈 Tenant meetings held" in recap and FR not in recap
    assert (await indicators_of(harness, 7))[0].suggested_code == indicator.suggested_code


async def test_choosing_the_same_suggestion_again_continues_it_instead_of_a_twin(harness):
    _dominique, sam = await colleagues(harness)
    await pick_first_suggestion(sam, 7)
    await sam.send("Tenants talk to us there")
    await sam.send("/cancel")

    await open_home(sam)
    await sam.press("📊 Indicators")
    await sam.press(" 7 · ")
    await sam.press("➕ Add an indicator")
    assert f"1. {EN} (already among your indicators)" in sam.last_text
    assert any(label.startswith("✅ 1 · ") for label in sam.buttons())
    await sam.press("1 · ")
    assert f"“{EN}” is already among your indicators: let us continue it." in sam.last_text
    assert "What is its current value?" in sam.last_text  # its first missing answer
    assert len(await indicators_of(harness, 7)) == 1


async def test_two_indicators_of_an_engagement_with_one_title_are_told_apart_by_number(harness):
    """The same words typed as the coop's own continue the suggestion's indicator (``TitleTaken``); twins
    added before that rule are told apart by their number."""
    _dominique, sam = await colleagues(harness)
    await pick_first_suggestion(sam, 7)
    await sam.send("/cancel")
    await start_own_indicator(sam, 7)
    await sam.send(EN.lower())  # typed the same words, as the coop's own
    assert f"“{EN}” is already among your indicators: let us continue it." in sam.last_text
    await sam.send("/cancel")
    (suggested,) = await indicators_of(harness, 7)
    async with harness.database.transaction() as session:  # a twin typed before the rule
        twin = {name: getattr(suggested, name) for name in ("dossier_id", "created_at", "updated_at")}
        session.add(Indicator(**twin, engagement_code=7, position=2, title=EN.lower()))
    await open_home(sam)
    await sam.press("📋")
    assert f"Indicator “{EN}” no. 1 (engagement 7): missing" in sam.last_text
    assert (
        f"Indicator “{EN.lower()}” no. 2 (engagement 7): missing why it illustrates the Raison d’être"
        in sam.last_text
    )
    await open_home(sam)
    await sam.press("📊 Indicators")
    await sam.press(" 7 · ")
    assert sam.last_text.count("values and target not filled in yet") == 2  # not « — → — by — »


async def test_the_step_count_is_the_questions_actually_asked(harness):
    _dominique, sam = await colleagues(harness)
    await pick_first_suggestion(sam, 7)  # its kind and unit come with it: five questions
    steps = ["Step 2/5"]
    for answer in ("Tenants talk to us there", "3", "6"):
        await sam.send(answer)
        steps.append(next(line for line in sam.last_text.splitlines() if "· Step" in line).split(" · ")[-1])
    assert steps == ["Step 2/5", "Step 3/5", "Step 4/5", "Step 5/5"]
    await sam.send("May 2028")
    assert "Indicator 1 · Action 1 · Step 1/3" in sam.last_text  # the action plan counts anew
    assert "New action" not in sam.last_text

    await start_own_indicator(sam, 7)
    assert "New indicator · Step 1/7" in sam.last_text
    await sam.send("Survey of our new tenants")
    assert "Indicator 2 · Step 2/7" in sam.last_text
    await sam.send("It tells us how they settle in")
    assert "Step 3/7" in sam.last_text
    await sam.press("Yes / no")  # no unit to ask: one question fewer
    assert "Step 4/6" in sam.last_text
