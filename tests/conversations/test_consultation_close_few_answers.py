"""Closing a consultation early with fewer than 3 answers. Before: the confirmation said « the results stay
in your dossier » and, once closed, « Its results are in your dossier. », though with fewer than 3 answers
its votes and comments never show (the floor that keeps answers anonymous). Now the confirmation says so
before the irreversible close, and the notice after it promises the participation only."""

from tests.conversations.test_consultations import LABELS, open_consultations, prepare_default
from tests.dossier_steps import join

FR = LABELS["fr"]


async def test_closing_with_one_answer_says_the_results_will_never_show(world):
    harness, _clock = world
    director = await join(harness, 5401, "fr", "Coop Peu")
    link = await prepare_default(director, "15/12/2026", lang="fr")
    guest = harness.user(5402, "Gaëlle", "fr")
    await guest.send("/start " + link.rsplit("start=", 1)[1])
    await guest.press("⬜ 7 · ")
    await guest.press(FR["send"])
    await open_consultations(director, FR["open"])
    await director.press("🟢 1 · ")
    await director.press("⏹ Clore maintenant")
    confirmation = director.last_text.replace("\u00a0", " ")
    assert "avec moins de 3 réponses, ses résultats ne seront jamais montrés" in confirmation, confirmation
    assert "les résultats restent dans votre dossier" not in confirmation, confirmation

    await director.press("⏹ Oui, clore")
    said = director.reply_text().replace("\u00a0", " ")
    assert "Ses résultats sont dans votre dossier" not in said, said
    assert "Avec moins de 3 réponses, seule sa participation figure dans votre dossier." in said, said


async def test_closing_with_three_answers_still_says_the_results_stay(world):
    harness, _clock = world
    director = await join(harness, 5411, "en", "Coop Enough")
    link = await prepare_default(director, "15/12/2026")
    for n in range(3):
        guest = harness.user(5412 + n, f"Guest {n}", "en")
        await guest.send("/start " + link.rsplit("start=", 1)[1])
        await guest.press("⬜ 7 · ")
        await guest.press(LABELS["en"]["send"])
    await open_consultations(director)
    await director.press("🟢 1 · ")
    await director.press("⏹ Close now")
    assert "the results stay in your dossier" in director.last_text, director.last_text
    await director.press("⏹ Yes, close it")
    assert "The consultation is closed. Its results are in your dossier." in director.reply_text()
