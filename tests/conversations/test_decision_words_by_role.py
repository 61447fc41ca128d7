"""The committee's news tells each member of the coop the next step their role allows: asked more, the
direction completes and submits again while a plain member completes and marks it ready (only the
direction submits: ``submission.may_submit``); refused, the direction reads « vous pouvez préparer une
nouvelle candidature », a plain member « votre direction peut… ». In French and in English."""

from __future__ import annotations

from sqlmodel import select

from conversations.render.notifications import DECISION
from models.outbox import enqueue
from models.tables import Member, MemberRole
from models.users import set_language
from tests.conversations.test_after_the_visit_ahead import visited_coop
from tests.conversations.test_early_visit import submitted_coop
from tests.conversations.test_label_journey import decide
from tests.dossier_steps import open_home

NBSP = "\u00a0"


async def with_members(harness):
    """Coop Horizon submitted, its French direction, a French and an English plain member."""
    director, committee = await submitted_coop(harness)
    lou, sam = harness.user(7302, "Lou", "fr"), harness.user(7303, "Sam", "en")
    for member in (lou, sam):
        await member.send(f"/start {director.invitations.member_token}")
    await harness.run_background()
    return director, lou, sam, committee


def news_since(user, seen: int) -> str:
    return "\n".join(m.get("text", "") for m in user.messages[seen:])


async def test_asked_more_the_direction_submits_again_and_a_member_marks_it_ready(world):
    harness, _clock = world
    director, lou, sam, committee = await with_members(harness)
    seen = {user.id: len(user.messages) for user in (director, lou, sam)}
    await decide(committee, "Coop Horizon", "📝 Demander des compléments", "Précisez la cible.")

    to_director = news_since(director, seen[director.id])
    assert f"Votre dossier est rouvert{NBSP}: complétez-le, puis soumettez-le à nouveau." in to_director
    to_lou = news_since(lou, seen[lou.id])
    assert "Le comité de validation demande des compléments." in to_lou, to_lou
    assert (
        f"complétez-le, puis marquez-le comme prêt{NBSP}; votre direction le soumettra à nouveau." in to_lou
    ), to_lou
    assert "soumettez" not in to_lou
    to_sam = news_since(sam, seen[sam.id])
    assert "complete it, then mark it as ready; your direction will submit it again." in to_sam, to_sam
    await open_home(lou)  # what the news said is what her home offers
    assert "✅ Marquer comme prêt" in lou.buttons() and not any("Soumettre" in b for b in lou.buttons())


async def test_refused_the_direction_may_prepare_a_new_candidacy_and_members_read_it_of_their_direction(
    world,
):
    harness, _clock = world
    director, lou, sam, committee = await with_members(harness)
    async with harness.database.transaction() as session:
        await set_language(session, director.id, "en")
    seen = {user.id: len(user.messages) for user in (director, lou, sam)}
    await decide(committee, "Coop Horizon", "⛔ Refuser", "Dossier hors sujet.")

    to_director = news_since(director, seen[director.id])
    assert "The validation committee did not retain your candidacy." in to_director, to_director
    assert "You may prepare a new one from /dossier, for a later committee" in to_director, to_director
    assert "Your direction" not in to_director
    to_lou = news_since(lou, seen[lou.id])
    assert "Votre direction peut en préparer une nouvelle depuis /dossier" in to_lou, to_lou
    to_sam = news_since(sam, seen[sam.id])
    assert "Your direction may prepare a new one from /dossier" in to_sam, to_sam


async def test_the_label_not_granted_the_direction_may_prepare_a_new_candidacy(world):
    harness, _clock = world
    director, sam, committee = await visited_coop(harness)
    seen = {user.id: len(user.messages) for user in (director, sam)}
    await decide(
        committee, "Coop Horizon", "⛔ Ne pas attribuer le label", "Moyens insuffisants.", "21/11/2026"
    )

    to_director = news_since(director, seen[director.id])
    assert "n’a pas attribué le label après sa visite." in to_director, to_director
    assert f"Vous pouvez préparer une nouvelle candidature depuis /dossier{NBSP}: un nouveau" in to_director
    assert "Votre direction" not in to_director
    to_sam = news_since(sam, seen[sam.id])
    assert "Your direction may prepare a new candidacy from /dossier: a new dossier" in to_sam, to_sam


async def headless(harness, director) -> None:
    """Coop Horizon's last direction gone (here made a plain member)."""
    async with harness.database.transaction() as session:
        for member in (await session.exec(select(Member).where(Member.user_id == director.id))).all():
            member.role = MemberRole.MEMBER


async def test_a_coop_with_no_direction_is_promised_none(world):
    """Asked more, nobody would « submit it again »: its members are told to complete it and mark it ready
    (their home then points to /federation)."""
    harness, _clock = world
    director, lou, _sam, committee = await with_members(harness)
    await headless(harness, director)
    seen = {user.id: len(user.messages) for user in (director, lou)}
    await decide(committee, "Coop Horizon", "📝 Demander des compléments", "Précisez la cible.")
    for user in (director, lou):
        said = news_since(user, seen[user.id])
        assert f"Votre dossier est rouvert{NBSP}: complétez-le, puis marquez-le comme prêt." in said, said
        assert "votre direction" not in said and "soumettez" not in said, said


async def test_a_coop_with_no_direction_refused_is_pointed_to_the_federation(world):
    """Refused, a new candidacy needs a direction it has not: the federation hands out its invitation."""
    harness, _clock = world
    director, lou, _sam, committee = await with_members(harness)
    await headless(harness, director)
    seen = {user.id: len(user.messages) for user in (director, lou)}
    await decide(committee, "Coop Horizon", "⛔ Refuser", "Dossier hors sujet.")
    for user in (director, lou):
        said = news_since(user, seen[user.id])
        assert "n’a pas retenu votre candidature" in said and "/federation" in said, said
        assert "votre direction peut" not in said.lower(), said


async def test_news_queued_before_readers_were_named_reads_as_it_did(world):
    """A decision's news queued by the release before (no « reader » in it: held for a member who had
    blocked the bot, or waiting through a deploy) reads as it was written then: « complete it, then submit
    it again », never a plain member's « your direction will submit it » to the direction itself."""
    harness, _clock = world
    director, _lou, _sam, _committee = await with_members(harness)
    async with harness.database.transaction() as session:
        coop_id = (await session.exec(select(Member).where(Member.user_id == director.id))).one().coop_id
        news = {"coop_id": coop_id, "transition": "request_info", "date": "2026-11-20", "cycle": 1}
        await enqueue(
            session, [director.id], DECISION, {**news, "comment": "", "closed": [], "draft_unsent": False}
        )
    seen = len(director.messages)
    await harness.run_background()
    said = news_since(director, seen)
    assert f"Votre dossier est rouvert{NBSP}: complétez-le, puis soumettez-le à nouveau." in said, said
    assert "votre direction" not in said, said
