"""Nothing typed in a consultation is lost (ux.md): a draft's question typed while a fellow director opens
the draft, a ballot's comment typed after being taken off the team, each come back whole below the screen
that says why; « ➕ New » then « ⬅️ Back » after a deleted draft leaves nothing, even where SQLite gives
the deleted draft's id to the new one; the French preview's closing line takes its colon."""

from __future__ import annotations

import pytest
from sqlmodel import select

from models.tables import Consultation
from tests.conversations.test_consultation_reach import take_off_team
from tests.conversations.test_consultations import open_consultations, prepare_default
from tests.dossier_steps import join

QUESTION = "Quel soir vous convient pour l’assemblée générale de décembre, vraiment ?"
CHOICES = "Mardi soir après le travail\nJeudi soir après le travail\nSamedi matin au siège"
COMMENT = "Nous voudrions davantage de réunions avec les locataires du quartier nord, le soir."
NOT_KEPT = "Your answer, not kept, follows so that it is not lost:"


def since(user, count: int) -> list[str]:
    return [m.get("text", "") for m in user.messages[count:]]


async def two_directors(harness, first_id: int):
    """Two direction members; the first at the closing day of a new draft."""
    first = await join(harness, first_id, "en", f"Coop {first_id}")
    second = harness.user(first_id + 1, "Bea", "en")
    await second.send(f"/start {first.invitations.direction_token}")
    await open_consultations(first)
    await first.press("➕ New consultation")
    await first.press("⭐ The engagements")
    await first.press("➡️ Continue")
    await first.send("15/12/2026")
    return first, second


async def bea_opens_it(second) -> None:
    await open_consultations(second)
    await second.press("✏️ 1 · ")
    await second.press("✅ Open the consultation")


async def test_a_question_typed_while_a_colleague_opens_the_draft_comes_back_whole(world):
    harness, _clock = world
    first, second = await two_directors(harness, 7321)
    await first.press("✏️ Question")
    await first.press("✏️ My own question")
    await bea_opens_it(second)
    count = len(first.messages)
    await first.send(QUESTION)
    shown, kept, given = since(first, count)
    assert "already open" in shown and "Bea opened it" in shown, shown
    assert kept == NOT_KEPT and given == QUESTION, (kept, given)


async def test_choices_typed_while_a_colleague_opens_the_draft_come_back_whole(world):
    harness, _clock = world
    first, second = await two_directors(harness, 7331)
    await first.press("✏️ Question")
    await first.press("✏️ My own question")
    await first.send("Faut-il fermer l’agence de Brest ?")
    await first.send("Oui\nNon")  # a question with its own choices: it may open
    await first.press("⬅️")  # back to its choices (the previous question)
    await first.press("⬅️")  # back to the question
    await first.send(QUESTION)  # the question retyped, then its choices
    await bea_opens_it(second)
    count = len(first.messages)
    await first.send(CHOICES)
    shown, kept, given = since(first, count)
    assert "already open" in shown, shown
    assert kept == NOT_KEPT and given == CHOICES, (kept, given)
    async with harness.database.transaction() as session:
        (opened,) = (await session.exec(select(Consultation))).all()
    assert "Jeudi" not in (opened.choices or "") and "Oui" in opened.choices, opened.choices  # as Bea saw it


async def at_the_comment(harness, clock, first_id: int):
    director = await join(harness, first_id, "en", f"Coop {first_id}")
    member = harness.user(first_id + 1, "Ann", "en")
    await member.send(f"/start {director.invitations.member_token}")
    clock.advance(minutes=5)
    await prepare_default(director, "15/12/2026", link=False)
    await harness.run_background()
    await member.press("🗳 Answer")
    await member.press("⬜ 7 · ")
    return director, member


@pytest.mark.parametrize("asked", [True, False], ids=["after-comment-button", "typed-on-the-ballot"])
async def test_a_comment_typed_after_being_taken_off_the_team_comes_back_whole(world, asked):
    harness, clock = world
    director, member = await at_the_comment(harness, clock, 7621 if asked else 7631)
    if asked:
        await member.press("💬 Comment")
    await take_off_team(director, "Ann")
    count = len(member.messages)
    await member.send(COMMENT)
    shown, kept, given = since(member, count)
    assert "You are no longer part of Coop" in shown, shown
    assert kept == NOT_KEPT and given == COMMENT, (kept, given)


async def test_new_then_back_after_a_deleted_draft_leaves_nothing(world):
    """SQLite gives the deleted draft's id to the next one: its audited changes must not count."""
    harness, _clock = world
    director = await join(harness, 7211, "en", "Coop Efface")
    await open_consultations(director)
    await director.press("➕ New consultation")
    await director.press("⭐ The engagements")
    await director.press("➡️ Continue")
    await director.send("15/12/2026")
    async with harness.database.transaction() as session:
        (deleted,) = (await session.exec(select(Consultation))).all()
    await director.press("🗑 Delete the draft")
    assert "Draft deleted." in director.last_text, director.last_text
    await director.press("➕ New consultation")
    async with harness.database.transaction() as session:
        (started,) = (await session.exec(select(Consultation))).all()
    await director.press("⬅️ Back")
    async with harness.database.transaction() as session:
        left = (await session.exec(select(Consultation))).all()
    assert left == [], [(c.id, c.status, started.id == deleted.id) for c in left]
    assert "No consultation yet." in director.last_text, director.last_text


async def test_a_draft_changed_after_a_reused_id_still_stays(world):
    """The other way: the new draft, changed once, is not dropped by « ⬅️ Back » from its first step."""
    harness, _clock = world
    director = await join(harness, 7221, "en", "Coop Garde")
    await open_consultations(director)
    await director.press("➕ New consultation")
    await director.press("⭐ The engagements")
    await director.press("➡️ Continue")
    await director.send("15/12/2026")
    await director.press("🗑 Delete the draft")
    await director.press("➕ New consultation")
    await director.press("⭐ The engagements")
    await director.press("⬅️ Back")  # to the first step
    await director.press("⬅️ Back")  # to the list: the draft has its question chosen
    async with harness.database.transaction() as session:
        left = (await session.exec(select(Consultation))).all()
    assert len(left) == 1, left


async def test_the_french_preview_says_the_closing_day_with_a_colon_that_fits(world):
    harness, _clock = world
    director = await join(harness, 7811, "fr", "Coop Aperçu")
    await open_consultations(director, ("👥 Démarche", "🗳 Consultations"))
    await director.press("➕ Nouvelle consultation")
    await director.press("⭐ Les engagements")
    await director.press("➡️ Continuer")
    await director.send("15/12/2026")
    preview = director.last_text
    assert "✅ Jusqu’au mardi 15 décembre 2026" in preview, preview  # the echo, as it was
    assert "Clôture\u00a0: mardi 15 décembre 2026" in preview, preview
    assert "Jusqu’au\u00a0:" not in preview and "Jusqu’au :" not in preview, preview
