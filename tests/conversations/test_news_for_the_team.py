"""A coop's news goes to its team as it is when the news goes out: not to a person taken off it since
it was written, who still gets what is meant for her (« you are no longer part of the team »)."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

import bot.delivery.notifications as outbox_run
from models.consultations.reach import INVITATION
from models.coops import join_with_invitation
from models.dossier.current import current_dossier
from models.outbox import enqueue
from models.tables import (
    Consultation,
    Coop,
    DeliveryStatus,
    Notification,
    RequestMessage,
    RequestThread,
)
from models.team import remove_teammate
from models.users import touch_user
from tests.conftest import NOW
from tests.conversations.test_team_rejoin import coop_with_old_links
from tests.dossier_steps import open_home

ZOE, DAN, KIM = 9803, 9804, 9805


async def test_a_director_taken_off_gets_no_team_news_written_before(harness):
    """Zoé and Dan join as direction: Dan's arrival is news for Zoé, pending. Dan takes Zoé off before
    the outbox goes: Zoé is told she is no longer on the team, not that Dan joined it."""
    alpha = await coop_with_old_links(harness, "Coop Alpha")
    zoe = harness.user(ZOE, "Zoé", "fr")
    dan = harness.user(DAN, "Dan", "fr")
    await zoe.send(f"/start {alpha.direction_token}")
    await dan.send(f"/start {alpha.direction_token}")  # news for Zoé, pending
    await open_home(dan)
    await dan.press("🤝 Mon équipe")
    await dan.press("➖ 1. Zoé")
    await dan.press("🗑 Oui, retirer de l’équipe")
    seen = len(zoe.messages)
    await harness.run_background()
    news = [m.get("text", "") for m in zoe.messages[seen:]]
    assert not any("a rejoint l’équipe" in text for text in news), news
    assert any("Vous ne faites plus partie de l’équipe de Coop Alpha" in text for text in news), news
    async with harness.database.transaction() as session:
        joined = (await session.exec(select(Notification).where(Notification.kind == "team_joined"))).one()
    assert joined.status == DeliveryStatus.FAILED and "no longer on the team" in joined.error


async def test_a_colleague_taken_off_gets_none_of_the_coops_news_and_the_others_get_it(harness):
    """A colleague's submission, a consultation's invitation and the federation's reply to a request
    are written for Kim and Dan; Kim is taken off before they go: Dan gets the three, Kim only the
    news that she is off the team."""
    alpha = await coop_with_old_links(harness, "Coop Beta")
    async with harness.database.transaction() as session:
        for user_id in (DAN, KIM):
            await touch_user(session, user_id, first_name=f"U{user_id}", telegram_language="en")
        await join_with_invitation(session, DAN, alpha.direction_token, now=NOW)
        await join_with_invitation(session, KIM, alpha.member_token, now=NOW)
        dossier = await current_dossier(session, alpha.coop.id)
        consultation = Consultation(
            coop_id=alpha.coop.id, dossier_id=dossier.id, created_by=DAN, status="open",
            closes_on=date(2026, 12, 15), opened_at=NOW,
        )  # fmt: skip
        thread = RequestThread(coop_id=alpha.coop.id, opened_by=KIM, status="open", sent_at=NOW)
        session.add_all([consultation, thread])
        await session.flush()
        reply = RequestMessage(thread_id=thread.id, author_id=1, from_federation=True, text="Yes.")
        session.add(reply)
        await session.flush()
        both = [DAN, KIM]
        await enqueue(session, both, "submitted", {"name": "Ann", "coop": "Coop Beta"}, now=NOW)
        await enqueue(session, both, INVITATION, {"consultation_id": consultation.id}, now=NOW)
        await enqueue(session, both, "request_reply", {"message_id": reply.id}, now=NOW)
        await remove_teammate(session, await session.get(Coop, alpha.coop.id), KIM, DAN, NOW)
    before = len(harness.fake.calls)
    await harness.run_background()
    sends = [c for c in harness.fake.calls[before:] if c.method == "sendMessage"]
    assert [c.chat_id for c in sends].count(DAN) == 3
    assert [c.params["text"] for c in sends if c.chat_id == KIM] == [
        "ℹ️ You are no longer part of the team of Coop Beta in the Quali’Coop assistant: its direction took "
        "you off it. If this is a mistake, ask them for a new invitation link."
    ]


async def test_a_committee_decision_names_its_coop_for_the_rule_of_the_team(world):
    """The committee's decision is news of its coop (its payload names it): held back (a restart, an
    outage), it goes only to who is still on the team, as the rule above does for the coop's news."""
    import json

    from tests.conversations.test_committee_changes import submitted_by_dominique
    from tests.conversations.test_label_journey import decide

    harness, _clock = world
    director, committee = await submitted_by_dominique(harness, 9806, "Coop Gamma")
    await decide(committee, "Coop Gamma", "📝 Demander des compléments", "Précisez la cible.")
    async with harness.database.transaction() as session:
        news = (await session.exec(select(Notification).where(Notification.kind == "decision"))).all()
    assert news and {json.loads(n.payload)["coop_id"] for n in news} == {director.invitations.coop.id}


async def test_a_colleague_taken_off_while_the_outbox_goes_gets_none_of_the_coops_news(harness, monkeypatch):
    """Kim is taken off right after the outbox read its batch (sent for seconds after, at 30 a second, PDFs
    rendered between): the coop's news is not sent to her (checked again when it is claimed), dropped
    as for one taken off before; the news naming no coop still goes."""
    alpha = await coop_with_old_links(harness, "Coop Late")
    async with harness.database.transaction() as session:
        for user_id in (DAN, KIM):
            await touch_user(session, user_id, first_name=f"U{user_id}", telegram_language="en")
        await join_with_invitation(session, DAN, alpha.direction_token, now=NOW)
        await join_with_invitation(session, KIM, alpha.member_token, now=NOW)
        await enqueue(session, [KIM], "submitted", {"name": "Ann", "coop": "Coop Late"}, now=NOW)
        decision = {"transition": "grant_label", "date": "2028-06-03", "cycle": 1, "comment": "Bravo"}
        await enqueue(session, [KIM], "decision", decision, now=NOW)  # an older payload: no coop named
    read = outbox_run.pending_notifications

    async def read_then_taken_off(session, *args, **kwargs):
        batch = await read(session, *args, **kwargs)
        async with harness.database.transaction() as other:  # Dan, in another update, the same second
            await remove_teammate(other, await other.get(Coop, alpha.coop.id), KIM, DAN, NOW)
        monkeypatch.setattr(outbox_run, "pending_notifications", read)
        return batch

    monkeypatch.setattr(outbox_run, "pending_notifications", read_then_taken_off)
    before = len(harness.fake.calls)
    await harness.run_background()
    texts = [c.params.get("text", "") for c in harness.fake.calls[before:] if c.chat_id == KIM]
    assert not [text for text in texts if "Ann" in text], texts
    assert len(texts) == 2 and "no longer part of the team" in texts[-1]  # the decision, then the removal
    async with harness.database.transaction() as session:
        rows = (await session.exec(select(Notification).where(Notification.kind == "submitted"))).all()
    assert [(row.status, row.error) for row in rows] == [(DeliveryStatus.FAILED, outbox_run.NOT_ON_THE_TEAM)]
