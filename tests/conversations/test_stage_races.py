"""Two transactions at once on one dossier, as two instances run them on PostgreSQL (READ COMMITTED).

A colleague's edit and the direction's submission may run at the same moment on two instances: each
reads the dossier, then writes. What one commits between the other's read and its write must not be
undone, nor left out of what is submitted. The interleaving is made exact here: the other transaction
commits right after the first one's read. It runs on SQLite and on PostgreSQL alike.
"""

from __future__ import annotations

import asyncio

import pytest
from sqlmodel import select

from models.dossier.indicators import TitleTaken, add_indicator, delete_indicator, update_indicator
from models.dossier.reads import ConfirmationNeeded, DossierLocked, NotYours, dossier_of_member
from models.dossier.submission import ChangedMeanwhile, submit_dossier
from models.dossier.writes import mark_ready, set_engagement
from models.label.lifecycle import DecidedMeanwhile, Role, Transition, TransitionRefused
from models.label.transitions import apply_transition
from models.sql.prepared import by_key
from models.tables import AuditEntry, Dossier, DossierStatus, DossierVersion, Indicator, Member
from tests.conftest import NOW
from tests.databases import needs_postgres
from tests.dossier_fill import complete_dossier
from tests.dossier_steps import choose, join, open_home
from tests.hardening.test_fuzz import violations


async def complete(harness, user_id: int) -> tuple[int, int, int]:
    """A complete dossier, not submitted yet: (its coop, the dossier, its first indicator)."""
    director = await join(harness, user_id, "fr")
    await complete_dossier(director)
    async with harness.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
        indicator = (await session.exec(select(Indicator).order_by(Indicator.id))).first()
    return dossier.coop_id, dossier.id, indicator.id


async def submit_now(harness, coop_id: int, dossier_id: int, user_id: int) -> None:
    """The direction's submission, in its own transaction, committed."""
    async with harness.database.transaction() as session:
        dossier = await dossier_of_member(session, dossier_id, coop_id)
        member = (await session.exec(select(Member).where(Member.user_id == user_id))).one()
        await submit_dossier(session, dossier, member, harness.application.bot_data.referential, now=NOW)


async def rename(session, coop_id: int, indicator_id: int, title: str) -> None:
    """A colleague's edit of an indicator's title."""
    indicator = await by_key(session, Indicator, indicator_id)
    dossier = await dossier_of_member(session, indicator.dossier_id, coop_id)
    await update_indicator(session, dossier, indicator, "title", title, actor_id=None, now=NOW)


async def test_an_edit_read_before_a_submission_does_not_undo_it(harness):
    coop_id, dossier_id, indicator_id = await complete(harness, 9500001)
    with pytest.raises(DossierLocked):
        async with harness.database.transaction() as edit:
            indicator = await by_key(edit, Indicator, indicator_id)
            dossier = await dossier_of_member(edit, dossier_id, coop_id)  # read: a draft
            await submit_now(harness, coop_id, dossier_id, 9500001)  # committed by another instance
            await update_indicator(edit, dossier, indicator, "title", "Trop tard", actor_id=None, now=NOW)
    async with harness.database.transaction() as session:
        dossier = await session.get(Dossier, dossier_id, populate_existing=True)
        indicator = await session.get(Indicator, indicator_id, populate_existing=True)
        late = (await session.exec(select(AuditEntry).where(AuditEntry.new_value == "Trop tard"))).all()
    assert dossier.status == DossierStatus.SUBMITTED  # not put back to draft by the late edit
    assert indicator.title != "Trop tard" and late == []  # the whole edit was rolled back


async def test_an_edit_after_a_colleague_marked_the_dossier_ready_puts_it_back_to_draft(harness):
    coop_id, dossier_id, indicator_id = await complete(harness, 9500002)
    async with harness.database.transaction() as edit:
        indicator = await by_key(edit, Indicator, indicator_id)
        dossier = await dossier_of_member(edit, dossier_id, coop_id)  # read: a draft
        async with harness.database.transaction() as colleague:  # marked ready meanwhile
            ready = await dossier_of_member(colleague, dossier_id, coop_id)
            await mark_ready(colleague, ready, actor_id=None, now=NOW)
        await update_indicator(edit, dossier, indicator, "title", "Encore mieux", actor_id=None, now=NOW)
    async with harness.database.transaction() as session:
        dossier = await session.get(Dossier, dossier_id, populate_existing=True)
        indicator = await session.get(Indicator, indicator_id, populate_existing=True)
    assert indicator.title == "Encore mieux"
    assert dossier.status == DossierStatus.DRAFT  # changed after it was marked ready: checked again


async def test_a_submission_read_before_a_colleagues_edit_is_refused_then_succeeds(harness):
    coop_id, dossier_id, indicator_id = await complete(harness, 9500003)
    referential = harness.application.bot_data.referential
    with pytest.raises(ChangedMeanwhile):
        async with harness.database.transaction() as submission:
            dossier = await dossier_of_member(submission, dossier_id, coop_id)  # read: its version
            member = (await submission.exec(select(Member).where(Member.user_id == 9500003))).one()
            async with harness.database.transaction() as colleague:  # saved by another instance
                await rename(colleague, coop_id, indicator_id, "Ajouté au dernier moment")
            await submit_dossier(submission, dossier, member, referential, now=NOW)
    async with harness.database.transaction() as session:
        versions = (await session.exec(select(DossierVersion))).all()
        dossier = await session.get(Dossier, dossier_id, populate_existing=True)
    assert versions == [] and dossier.status == DossierStatus.DRAFT  # nothing was submitted
    await submit_now(harness, coop_id, dossier_id, 9500003)  # submitted again: with the edit
    async with harness.database.transaction() as session:
        stored = (await session.exec(select(DossierVersion))).one()
    assert "Ajouté au dernier moment" in stored.content


# On PostgreSQL a transaction waits for a row another holds: the test holds one transaction open while
# the other runs, as two instances would. (The in-loop SQLite runs one transaction at a time.)
async def held_open(harness, work, started: asyncio.Event, release: asyncio.Event) -> None:
    """Run ``work`` in a transaction left open (uncommitted) until ``release``."""
    async with harness.database.transaction() as session:
        await work(session)
        started.set()
        await release.wait()


async def while_held(harness, held_work, other_work) -> None:
    """``held_work`` done and not committed yet, ``other_work`` starts; then the first commits."""
    started, release = asyncio.Event(), asyncio.Event()
    holder = asyncio.create_task(held_open(harness, held_work, started, release))
    await started.wait()

    async def other() -> None:
        async with harness.database.transaction() as session:
            await other_work(session)

    second = asyncio.create_task(other())
    await asyncio.sleep(0.3)  # the second transaction runs as far as it can meanwhile
    release.set()
    await holder
    await second


@needs_postgres
async def test_an_indicator_added_while_its_engagement_is_dropped_is_counted_never_left_alone(harness):
    coop_id, dossier_id, _indicator_id = await complete(harness, 9500004)
    async with harness.database.transaction() as session:  # the confirmation, drawn before the add
        with pytest.raises(ConfirmationNeeded) as confirmation:
            await set_engagement(
                session, await dossier_of_member(session, dossier_id, coop_id), 1, False, actor_id=None
            )
    asked_again = []

    async def add(session) -> None:
        dossier = await dossier_of_member(session, dossier_id, coop_id)
        await add_indicator(session, dossier, 1, title="Ajouté pendant le retrait", actor_id=None, now=NOW)

    async def drop(session) -> None:
        dossier = await dossier_of_member(session, dossier_id, coop_id)
        seen = confirmation.value.seen
        try:
            await set_engagement(
                session, dossier, 1, False, actor_id=None, confirmed=True, seen=seen, now=NOW
            )
        except ConfirmationNeeded:
            asked_again.append(True)

    await while_held(harness, add, drop)
    assert asked_again == [True]  # the added indicator was counted: not deleted unseen
    assert await violations(harness) == []  # no indicator of an engagement not chosen


@needs_postgres
async def test_two_indicators_added_at_once_get_their_own_numbers(harness):
    coop_id, dossier_id, _indicator_id = await complete(harness, 9500005)

    def adding(title: str):
        async def add(session) -> None:
            dossier = await dossier_of_member(session, dossier_id, coop_id)
            await add_indicator(session, dossier, 1, title=title, actor_id=None, now=NOW)

        return add

    await while_held(harness, adding("En même temps"), adding("Au même instant"))
    async with harness.database.transaction() as session:
        found = select(Indicator.position).where(
            Indicator.dossier_id == dossier_id, Indicator.engagement_code == 1
        )
        positions = (await session.exec(found)).all()
    assert sorted(positions) == list(range(1, len(positions) + 1))  # 1, 2, 3: none twice


@needs_postgres
async def test_one_title_typed_by_two_colleagues_at_once_is_added_once(harness):
    """The second waits for the dossier the first holds, then finds its title taken: no twins."""
    coop_id, dossier_id, _indicator_id = await complete(harness, 9500015)
    refused = []

    async def add(session) -> None:
        dossier = await dossier_of_member(session, dossier_id, coop_id)
        try:
            await add_indicator(session, dossier, 1, title="En même temps", actor_id=None, now=NOW)
        except TitleTaken:
            refused.append(True)

    await while_held(harness, add, add)
    async with harness.database.transaction() as session:
        found = select(Indicator.title).where(
            Indicator.dossier_id == dossier_id, Indicator.title == "En même temps"
        )
        assert len((await session.exec(found)).all()) == 1
    assert refused == [True]


async def test_an_answer_to_an_indicator_a_colleague_removed_meanwhile_is_refused(harness):
    coop_id, dossier_id, indicator_id = await complete(harness, 9500006)
    with pytest.raises(NotYours):
        async with harness.database.transaction() as edit:
            indicator = await by_key(edit, Indicator, indicator_id)
            dossier = await dossier_of_member(edit, dossier_id, coop_id)  # both read
            async with harness.database.transaction() as colleague:  # removed by another instance
                gone = await by_key(colleague, Indicator, indicator_id)
                held = await dossier_of_member(colleague, dossier_id, coop_id)
                await delete_indicator(colleague, held, gone, actor_id=None, now=NOW)
            await update_indicator(edit, dossier, indicator, "title", "Dans le vide", actor_id=None, now=NOW)
    async with harness.database.transaction() as session:
        lost = (await session.exec(select(AuditEntry).where(AuditEntry.new_value == "Dans le vide"))).all()
    assert lost == []  # not recorded as saved: the chat gives the text back (router.give_back)


async def test_a_typed_answer_whose_indicator_was_removed_is_given_back_with_why(harness):
    sam = await join(harness, 9500007, "en")
    await choose(sam, [1])
    await open_home(sam)
    await sam.press("📊 Indicators")
    await sam.press(" 1 · ")
    await sam.press("➕ Add an indicator")
    await sam.press("1 · ")  # a suggested indicator: its first question is asked
    async with harness.database.transaction() as session:  # a colleague removes it meanwhile
        indicator = (await session.exec(select(Indicator))).one()
        dossier = await dossier_of_member(session, indicator.dossier_id, sam.invitations.coop.id)
        await delete_indicator(session, dossier, indicator, actor_id=None, now=NOW)
    await sam.send("It keeps homes affordable for modest households.")
    said = [reply["text"] for reply in sam.replies]
    assert "What you were answering has been removed in the meantime, perhaps by a colleague." in said[0]
    assert "It keeps homes affordable for modest households." in said  # given back, to copy


async def test_a_decision_read_before_a_colleagues_decision_is_refused_not_written_over_it(harness):
    """Two committee members decide on one dossier at once (two instances): the second decision was
    checked against « submitted »; it is refused, and the dossier is not both admissible and asked for more."""
    coop_id, dossier_id, _indicator_id = await complete(harness, 9500008)
    await submit_now(harness, coop_id, dossier_id, 9500008)
    with pytest.raises(DecidedMeanwhile):
        async with harness.database.transaction() as late:
            dossier = await by_key(late, Dossier, dossier_id)  # read: submitted
            async with harness.database.transaction() as colleague:  # committed by another instance
                decided = await by_key(colleague, Dossier, dossier_id)
                await decide(colleague, decided, Transition.DECLARE_ADMISSIBLE, "")
            await decide(late, dossier, Transition.REQUEST_INFO, "Précisez l’indicateur 2")
    async with harness.database.transaction() as session:
        dossier = await session.get(Dossier, dossier_id, populate_existing=True)
        asked = (await session.exec(select(AuditEntry).where(AuditEntry.action == "request_info"))).all()
    assert (dossier.status, dossier.admissible_on is not None, asked) == (DossierStatus.ADMISSIBLE, True, [])


@needs_postgres
async def test_two_decisions_at_once_the_second_waits_then_is_refused(harness):
    coop_id, dossier_id, _indicator_id = await complete(harness, 9500009)
    await submit_now(harness, coop_id, dossier_id, 9500009)

    async def admit(session) -> None:
        await decide(session, await by_key(session, Dossier, dossier_id), Transition.DECLARE_ADMISSIBLE, "")

    async def ask(session) -> None:
        await decide(session, await by_key(session, Dossier, dossier_id), Transition.REQUEST_INFO, "Précisez")

    with pytest.raises(DecidedMeanwhile):
        await while_held(harness, admit, ask)
    async with harness.database.transaction() as session:
        dossier = await session.get(Dossier, dossier_id, populate_existing=True)
    assert dossier.status == DossierStatus.ADMISSIBLE


async def decide(session, dossier: Dossier, transition: Transition, comment: str) -> None:
    """A committee member's decision, today."""
    await apply_transition(
        session, dossier, transition, role=Role.COMMITTEE, actor_id=None, comment=comment, now=NOW
    )


@needs_postgres
async def test_a_checkpoint_recorded_twice_at_once_is_held_once(harness):
    coop_id, dossier_id, _indicator_id = await complete(harness, 9500010)
    await submit_now(harness, coop_id, dossier_id, 9500010)
    async with harness.database.transaction() as session:
        await decide(session, await by_key(session, Dossier, dossier_id), Transition.DECLARE_ADMISSIBLE, "")

    async def record(session) -> None:
        dossier = await by_key(session, Dossier, dossier_id)
        await apply_transition(
            session, dossier, Transition.RECORD_CHECKPOINT, role=Role.COMMITTEE, actor_id=None,
            comment="Point à 6 mois", checkpoint="six_months", now=NOW,
        )  # fmt: skip

    with pytest.raises(TransitionRefused):
        await while_held(harness, record, record)
    async with harness.database.transaction() as session:
        held = (await session.exec(select(AuditEntry).where(AuditEntry.action == "record_checkpoint"))).all()
    assert len(held) == 1


async def test_two_committee_members_deciding_in_the_chat_the_second_reads_that_a_decision_came_first(
    harness,
):
    """Both on their confirmation at once: the first confirms; the second is told a colleague decided
    meanwhile and sees the dossier as it now is, not the generic « not possible at this stage » on a
    confirmation that can no longer be confirmed."""
    from models.tables import FederationRoleName
    from models.users import grant_federation_role
    from tests.conversations.test_early_visit import submitted_coop

    director, first = await submitted_coop(harness)
    async with harness.database.transaction() as session:
        await grant_federation_role(session, 8000002, FederationRoleName.COMMITTEE)
    second = harness.user(8000002, "Dominique", "fr")
    for member in (first, second):
        await member.send("/comite")
        await member.press("Coop Horizon")
    await first.press("✅ Déclarer recevable")
    await second.press("📝 Demander des compléments")
    await first.send("Recevable.")
    await second.send("Précisez l’engagement 6.")
    await first.press("✅ Aujourd’hui")
    await first.press("✅ Confirmer")
    await second.press("✅ Confirmer")
    assert second.alerts == [""]  # no pop-up: the screen says it
    assert "Une autre décision sur ce dossier vient d’être enregistrée" in second.last_text
    assert "Cycle 1 · Recevable" in second.last_text and "✅ Confirmer" not in second.buttons()
    async with harness.database.transaction() as session:
        asked = (await session.exec(select(AuditEntry).where(AuditEntry.action == "request_info"))).all()
        assert (await session.exec(select(Dossier))).one().status == DossierStatus.ADMISSIBLE
    assert asked == []

    # the same for a checkpoint both record: held once, the second told so
    for member in (first, second):
        await member.send("/comite")
        await member.press("Coop Horizon")
        await member.press("📍 Point à 6 mois tenu")
        await member.send(f"Point tenu, vu par {member.id}.")
        await member.press("✅ Aujourd’hui")
    await first.press("✅ Confirmer")
    await second.press("✅ Confirmer")
    assert (
        "Déjà enregistré par Claude\u00a0: Point d’étape à 6 mois, le 23 novembre 2026." in second.last_text
    )
    assert "«\u00a0Point tenu, vu par 8000002.\u00a0»" in second.last_text  # the comment given back
    assert "Point d’étape à 6 mois — ✅ tenu le" in second.last_text
    await harness.run_background()
    assert not any("8000002" in text for text in director.texts())  # the coop never read the second


@needs_postgres
async def test_a_checkpoint_confirmed_while_a_colleague_records_it_leaves_nothing_of_the_second(harness):
    """Two instances: the second member's confirmation waits for the dossier the first one holds, then
    finds the checkpoint held; nothing of its decision stays (not even the dossier's version bumped)."""
    from models.tables import FederationRoleName
    from models.users import grant_federation_role
    from tests.conversations.test_early_visit import submitted_coop

    _director, first = await submitted_coop(harness)
    async with harness.database.transaction() as session:
        await grant_federation_role(session, 8000003, FederationRoleName.COMMITTEE)
        dossier = (await session.exec(select(Dossier))).one()
        await decide(session, dossier, Transition.DECLARE_ADMISSIBLE, "")
    second = harness.user(8000003, "Dominique", "fr")
    await first.send("/comite")  # the bot knows the colleague by name, as one who has used it
    await second.send("/comite")
    await second.press("Coop Horizon")
    await second.press("📍 Point à 6 mois tenu")
    await second.send("Point tenu.")
    await second.press("✅ Aujourd’hui")
    async with harness.database.transaction() as session:
        before = (await session.exec(select(Dossier))).one().version

    async def record(session) -> None:
        dossier = await by_key(session, Dossier, dossier_id)
        await apply_transition(
            session, dossier, Transition.RECORD_CHECKPOINT, role=Role.COMMITTEE, actor_id=first.id,
            comment="Point à 6 mois", checkpoint="six_months", now=NOW,
        )  # fmt: skip

    async def confirm(_session) -> None:
        await second.press("✅ Confirmer")

    dossier_id = dossier.id
    await while_held(harness, record, confirm)
    # told what is true (held meanwhile, by the colleague), the comment given back
    assert (
        "Déjà enregistré par Claude\u00a0: Point d’étape à 6 mois, le 23 novembre 2026." in second.last_text
    )
    assert "Votre commentaire, non envoyé" in second.last_text and "Point tenu." in second.last_text
    async with harness.database.transaction() as session:
        after = (await session.get(Dossier, dossier_id, populate_existing=True)).version
    assert after == before + 1  # the first member's checkpoint only
