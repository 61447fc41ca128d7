"""A dossier the committee asked more of stays « waiting for more information » until the direction
submits it again: a member marking it ready, then a change, leave it there. The committee still lists
it, the coop still reads the request, the federation's board still counts it submitted; the direction
submits it again from there, and a member marking it ready tells the direction it can."""

from __future__ import annotations

from sqlmodel import select

from models.tables import Dossier, DossierStatus, Notification
from tests.conftest import ADMIN_ID
from tests.conversations.test_decision_resubmitted import ask_for_more, decisions, status, two_deciders
from tests.dossier_fill import complete_dossier
from tests.dossier_steps import join, open_home

NBSP = "\u00a0"
REQUEST = "Précisez l’engagement 6."


async def edit_approach(member, text: str) -> None:
    """An English member rewrites the approach from the home."""
    await open_home(member)
    await member.press("👥 Approach")
    await member.press("✏️ Approach")
    await member.send(text)


async def answered_and_marked_ready(harness, clock=None):
    """The committee asks for more; an English member edits the approach and marks the dossier ready (a
    minute later, with a clock)."""
    director, first, _second = await two_deciders(harness, "Coop Reprise")
    member = harness.user(9720002, "Ann", "en")
    await member.send(f"/start {director.invitations.member_token}")
    await ask_for_more(first)
    await harness.run_background()
    if clock is not None:
        clock.advance(minutes=1)
    await edit_approach(member, "New approach after the committee asked.")
    await open_home(member)
    await member.press("✅ Mark as ready")
    await harness.run_background()
    return director, member, first


async def board(harness) -> str:
    admin = harness.user(ADMIN_ID, "Ad", "fr")
    await admin.send("/tableau")
    return "\n".join(m.get("text") or m.get("caption") or "" for m in admin.replies)


async def test_marking_ready_after_a_request_for_more_keeps_the_request_everywhere(harness):
    director, member, committee = await answered_and_marked_ready(harness)
    assert await status(harness) == DossierStatus.INFO_REQUESTED
    said = member.reply_text()
    assert "marked ready to submit again" in said, said
    assert "The direction was told:" in said, said
    # the direction reads that it may submit it again, and its home still says what the committee asked
    news = "\n".join(m.get("text", "") for m in director.messages)
    assert "Ann a marqué le dossier Quali’Coop de Coop Reprise comme prêt à soumettre" in news, news
    await open_home(director)
    assert REQUEST in director.last_text, director.last_text
    assert "📤 Soumettre au comité" in director.buttons()
    await open_home(member)
    assert REQUEST in member.last_text, member.last_text
    assert "mark the dossier as ready to tell the direction" in member.last_text
    # the committee still lists it among the dossiers waiting for more
    await committee.send("/comite")
    listing = committee.last_text
    assert any("Coop Reprise" in b for b in committee.buttons()), listing
    assert f"En attente de compléments{NBSP}: 1" in listing, listing
    # the federation's board still counts it submitted, not « preparing »
    assert f"• Dossier soumis{NBSP}: 1" in await board(harness)


async def test_a_change_after_marking_ready_keeps_the_request_and_the_direction_submits_again(harness):
    director, member, committee = await answered_and_marked_ready(harness)
    await edit_approach(member, "A second approach, once more.")
    assert await status(harness) == DossierStatus.INFO_REQUESTED
    assert "no longer ready" not in member.reply_text() and "brouillon" not in member.reply_text()
    await open_home(member)
    assert REQUEST in member.last_text
    # the direction submits it again straight from its home
    await open_home(director)
    await director.press("📤 Soumettre au comité")
    await director.press("✅ Oui, soumettre")
    assert "soumis au comité de validation" in director.reply_text(), director.reply_text()
    assert await status(harness) == DossierStatus.SUBMITTED
    assert await decisions(harness) == ["submit", "request_info", "submit"]
    await committee.send("/comite")
    assert f"Soumis{NBSP}: 1" in committee.last_text, committee.last_text
    assert f"• Dossier soumis{NBSP}: 1" in await board(harness)


async def test_the_direction_is_told_once_a_day_when_a_dossier_asked_more_of_is_marked_ready(world):
    harness, clock = world
    _director, member, _committee = await answered_and_marked_ready(harness, clock)
    clock.advance(minutes=5)
    await member.press("✅ Mark as ready")
    assert "already told today" in member.reply_text(), member.reply_text()
    async with harness.database.transaction() as session:
        told = (await session.exec(select(Notification).where(Notification.kind == "dossier_ready"))).all()
        assert len(told) == 1
        assert (await session.exec(select(Dossier))).one().status == DossierStatus.INFO_REQUESTED


async def test_a_ready_dossier_s_home_says_who_submits_it_after_one_blank_line(harness):
    director = await join(harness, 9720011, "fr", "Coop Prête")
    await complete_dossier(director)
    member = harness.user(9720012, "Ann", "en")
    await member.send(f"/start {director.invitations.member_token}")
    await open_home(member)
    await member.press("✅ Mark as ready")
    home = member.last_text
    assert "Ready to submit" in home and "\n\nℹ️ The direction submits the dossier" in home, home
    assert "\n\n\n" not in home, home
