"""A consultation's results keep its promise: while it runs, the participation only, for everyone."""

from __future__ import annotations

from tests.conversations.test_bilans import pdf_text
from tests.conversations.test_consultations import LABELS, open_consultations, prepare_default
from tests.dossier_steps import join

FR = LABELS["fr"]


async def link_answer(harness, link: str, user_id: int, choice: str, comment: str | None = None) -> None:
    guest = harness.user(user_id, "Visiteur", "fr")
    await guest.send("/start " + link.rsplit("start=", 1)[1])
    await guest.press(choice)
    if comment:
        await guest.send(comment)
    await guest.press(FR["send"])


async def detail(director, mark: str = "🟢") -> str:
    await open_consultations(director, FR["open"])
    await director.press(f"{mark} 1 · ")
    return director.last_text


async def test_nothing_but_the_participation_until_it_closes_then_comments_in_text_order(world):
    harness, _clock = world
    director = await join(harness, 3601, "fr", "Coop Secret")
    link = await prepare_default(director, "15/12/2026", lang="fr")
    await link_answer(harness, link, 3602, "⬜ 7 · ", "Zut, jamais de réunion le soir")
    await link_answer(harness, link, 3603, "⬜ 7 · ", "Rien à dire")
    await director.press(FR["answer"])  # the direction's own answer is the third
    assert "Anonyme\u00a0: les résultats viennent à la clôture" in director.last_text
    await director.press("⬜ 1 · ")
    await director.press(FR["send"])
    text = await detail(director)
    assert "3\u00a0réponses sur 3\u00a0personnes consultées (100\u00a0%) · résultats à la clôture" in text
    assert "• 1." not in text and "• 7." not in text and "Rien à dire" not in text
    assert "📊 Graphique" not in " ".join(director.buttons())
    await link_answer(harness, link, 3604, "⬜ 12 · ", "Avant tout la sécurité")  # a 4th: nothing moves
    text = await detail(director)
    assert "4\u00a0réponses sur 4\u00a0personnes consultées (100\u00a0%) · résultats à la clôture" in text
    assert "• 12." not in text and "sécurité" not in text
    await director.send("/recap")  # the committee's review and the PDF say the same while it runs
    review = director.reply_text()
    assert "(100\u00a0%) · résultats à la clôture" in review and "Rien à dire" not in review
    await director.send("/pdf")
    pdf = " ".join(pdf_text(harness, director.last).split()).replace("\u00a0", " ")
    assert "4 réponses sur 4 personnes consultées (100 %) · résultats à la clôture" in pdf
    assert "Rien à dire" not in pdf and "Part des réponses" not in pdf  # the participation alone, as above

    await detail(director)
    await director.press("⏹ Clore maintenant")
    await director.press("⏹ Oui, clore")
    text = director.last_text
    assert "4\u00a0réponses sur 4\u00a0personnes consultées (100\u00a0%)" in text and "clôture" not in text
    assert "— 2 (50\u00a0%)" in text and "• 12." in text
    comments = [line for line in text.splitlines() if line.startswith("«")]
    assert comments == sorted(comments) and len(comments) == 3  # by their text, not by who came last
    assert comments[0].startswith("«\u00a0Avant tout")  # the last to answer, not listed last
