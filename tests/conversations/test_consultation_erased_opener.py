"""The people a consultation reached, once the direction member who opened it erased their data: while
it runs they are no longer reached (as an invited member erased is not: « 0 réponse sur 2 personnes »,
not « sur 3 »); erased once it has closed, its participation stays as it was closed."""

from __future__ import annotations

from tests.conversations.test_consultations import LABELS, open_consultations, prepare_default
from tests.dossier_steps import join

FR = LABELS["fr"]


async def a_coop_of_three(harness, base: int):
    """Two direction members and a member; the first opens the default question for the members."""
    opener = await join(harness, base, "fr", f"Coop {base}")
    colleague = harness.user(base + 1, "Bea", "fr")
    await colleague.send(f"/start {opener.invitations.direction_token}")
    member = harness.user(base + 2, "Lou", "fr")
    await member.send(f"/start {opener.invitations.member_token}")
    await prepare_default(opener, "15/12/2026", link=False, lang="fr")
    return opener, colleague, member


async def answer(user, choice: str = "⬜ 1 · ") -> None:
    await user.press(FR["answer"])
    await user.press(choice)
    await user.press(FR["send"])


async def erase(user) -> None:
    await user.send("/supprimer")
    await user.press("🗑 Oui")


async def participation(user) -> str:
    """The consultation's screen, as the colleague reads it."""
    await open_consultations(user, FR["open"])
    await user.press(next(b for b in user.buttons() if b.startswith(("🟢 1 · ", "⏹ 1 · "))))
    return user.last_text.replace("\u00a0", " ")


async def test_the_opener_erased_while_it_runs_is_no_longer_reached(world):
    harness, clock = world
    opener, colleague, _member = await a_coop_of_three(harness, 8501)
    await answer(opener)
    assert "1 réponse sur 3 personnes consultées (33 %)" in await participation(colleague)
    clock.advance(minutes=3)
    await erase(opener)
    assert "0 réponse sur 2 personnes consultées (0 %)" in await participation(colleague)
    clock.advance(minutes=3)
    await colleague.press("⏹ Clore maintenant")  # closed after: the erased opener was not reached
    await colleague.press("⏹ Oui, clore")
    assert "0 réponse sur 2 personnes consultées (0 %)" in colleague.last_text.replace("\u00a0", " ")


async def test_the_opener_erased_once_it_closed_stays_in_its_participation(world):
    harness, clock = world
    opener, colleague, member = await a_coop_of_three(harness, 8511)
    await harness.run_background()  # the member's invitation
    for user in (opener, colleague, member):
        await answer(user)
    clock.advance(days=23)  # 16 December: closed by its date
    closed = await participation(colleague)
    assert "3 réponses sur 3 personnes consultées (100 %)" in closed, closed
    await erase(opener)
    assert "3 réponses sur 3 personnes consultées (100 %)" in await participation(colleague)


async def test_the_opener_erased_after_an_early_closing_stays_in_its_participation(world):
    harness, clock = world
    opener, colleague, _member = await a_coop_of_three(harness, 8521)
    await answer(opener)
    clock.advance(minutes=3)
    await participation(colleague)
    await colleague.press("⏹ Clore maintenant")
    await colleague.press("⏹ Oui, clore")
    clock.advance(minutes=3)
    await erase(opener)
    assert "1 réponse sur 3 personnes consultées (33 %)" in await participation(colleague)
