"""The label's lifecycle: rules of the transitions, their effects, the timeline and Paris dates."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlmodel import select

from models.clock import add_months, paris_today
from models.coops import create_coop
from models.dossier.current import current_dossier
from models.dossier.reads import EDITABLE, DossierError
from models.label.lifecycle import (
    Role,
    Transition,
    TransitionRefused,
    allowed_transitions,
    check_transition,
    due_checkpoints,
    timeline,
)
from models.label.transitions import apply_transition, checkpoints_of
from models.tables import (
    Action,
    AuditEntry,
    Checkpoint,
    CheckpointKind,
    Dossier,
    DossierStatus,
    EngagementChoice,
    Indicator,
)
from tests.submitted_rows import complete_content

COMMITTEE = 8000001
DIRECTOR = 601
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
S = DossierStatus
T = Transition
K = CheckpointKind


async def dossier_in(session, status: DossierStatus, name: str = "Coop Azur", **fields) -> Dossier:
    """A new coop's dossier, put straight into a status."""
    coop = await create_coop(session, name, now=NOW)
    dossier = await current_dossier(session, coop.id)
    dossier.status = status
    for key, value in fields.items():
        setattr(dossier, key, value)
    session.add(dossier)
    await session.flush()
    return dossier


async def with_plan(session, dossier: Dossier) -> None:
    """Two engagements, two indicators (one with an action)."""
    for code in (1, 5):
        session.add(EngagementChoice(dossier_id=dossier.id, engagement_code=code, chosen_by=DIRECTOR))
    first = Indicator(
        dossier_id=dossier.id,
        engagement_code=1,
        position=1,
        suggested_code="1.1",
        title="Loyers",
        rationale="Abordables",
        value_kind="percent",
        unit="%",
        current_value="12.5",
        target_value="30",
        target_date=date(2028, 5, 31),
    )
    second = Indicator(
        dossier_id=dossier.id, engagement_code=5, position=1, title="Réunions", current_value="2"
    )
    session.add_all([first, second])
    await session.flush()
    session.add(Action(indicator_id=first.id, position=1, description="Former l’équipe"))
    await session.flush()


async def committee(session, dossier, transition, comment="", **kwargs) -> Dossier:
    return await apply_transition(
        session,
        dossier,
        transition,
        role=Role.COMMITTEE,
        actor_id=COMMITTEE,
        comment=comment,
        now=NOW,
        **kwargs,
    )


def test_each_allowed_transition_leads_to_its_status():
    allowed = {
        (S.DRAFT, T.SUBMIT, Role.DIRECTION): S.SUBMITTED,
        (S.READY, T.SUBMIT, Role.DIRECTION): S.SUBMITTED,
        (S.INFO_REQUESTED, T.SUBMIT, Role.DIRECTION): S.SUBMITTED,
        (S.SUBMITTED, T.REQUEST_INFO, Role.COMMITTEE): S.INFO_REQUESTED,
        (S.SUBMITTED, T.DECLARE_ADMISSIBLE, Role.COMMITTEE): S.ADMISSIBLE,
        (S.SUBMITTED, T.REFUSE, Role.COMMITTEE): S.REFUSED,
        (S.INFO_REQUESTED, T.REFUSE, Role.COMMITTEE): S.REFUSED,
        (S.ADMISSIBLE, T.RECORD_CHECKPOINT, Role.COMMITTEE): S.ADMISSIBLE,
        (S.ADMISSIBLE, T.RECORD_VISIT, Role.COMMITTEE): S.VISITED,
        (S.VISITED, T.GRANT_LABEL, Role.COMMITTEE): S.LABELLED,
        (S.VISITED, T.REFUSE, Role.COMMITTEE): S.REFUSED,  # the label not granted after the visit
        (S.LABELLED, T.RECORD_MID_TERM, Role.COMMITTEE): S.LABELLED,
        (S.LABELLED, T.OPEN_RENEWAL, Role.COMMITTEE): S.RENEWED,
        (S.REFUSED, T.REAPPLY, Role.DIRECTION): S.DRAFT,  # a new candidacy from the refused dossier
    }
    for (status, transition, role), target in allowed.items():
        assert check_transition(status, transition, role) == target
    # every other combination is refused
    for status in S:
        for transition in T:
            for role in Role:
                if (status, transition, role) not in allowed:
                    with pytest.raises(TransitionRefused):
                        check_transition(status, transition, role)


def test_allowed_transitions_in_button_order():
    assert allowed_transitions(S.SUBMITTED, Role.COMMITTEE) == [
        T.DECLARE_ADMISSIBLE,
        T.REQUEST_INFO,
        T.REFUSE,
    ]
    assert allowed_transitions(S.SUBMITTED, Role.DIRECTION) == []
    assert allowed_transitions(S.INFO_REQUESTED, Role.DIRECTION) == [T.SUBMIT]
    assert allowed_transitions(S.INFO_REQUESTED, Role.COMMITTEE) == [T.REFUSE]
    assert allowed_transitions(S.ADMISSIBLE, Role.COMMITTEE) == [T.RECORD_CHECKPOINT, T.RECORD_VISIT]
    assert allowed_transitions(S.LABELLED, Role.COMMITTEE) == [T.RECORD_MID_TERM, T.OPEN_RENEWAL]
    assert allowed_transitions(S.VISITED, Role.COMMITTEE) == [T.GRANT_LABEL, T.REFUSE]  # grant first
    assert (
        allowed_transitions(S.REFUSED, Role.COMMITTEE) == allowed_transitions(S.RENEWED, Role.COMMITTEE) == []
    )
    # a dossier sent back for information is edited and resubmitted like a draft
    assert S.INFO_REQUESTED in EDITABLE


def test_wrong_status_and_wrong_role_are_refused_with_a_readable_message():
    with pytest.raises(TransitionRefused) as refused:
        check_transition(S.DRAFT, T.GRANT_LABEL, Role.COMMITTEE)
    assert refused.value.reason == "wrong_status"
    assert refused.value.code == "transition_refused"
    assert isinstance(refused.value, DossierError)
    assert str(refused.value) == "cannot grant_label a dossier in status draft"
    with pytest.raises(TransitionRefused) as refused:
        check_transition(S.SUBMITTED, T.DECLARE_ADMISSIBLE, Role.DIRECTION)
    assert refused.value.reason == "wrong_role"
    assert str(refused.value).startswith("cannot declare_admissible a dossier in status submitted")


async def test_refusals_leave_the_dossier_untouched(db):
    async with db.transaction() as session:
        draft = await dossier_in(session, S.DRAFT)
        with pytest.raises(TransitionRefused) as refused:
            await committee(session, draft, T.GRANT_LABEL)
        assert refused.value.reason == "wrong_status"
        submitted = await dossier_in(session, S.SUBMITTED, "Coop Bleue")
        with pytest.raises(TransitionRefused) as refused:
            await apply_transition(
                session,
                submitted,
                T.DECLARE_ADMISSIBLE,
                role=Role.DIRECTION,
                actor_id=DIRECTOR,
                comment="",
                now=NOW,
            )
        assert refused.value.reason == "wrong_role"
        assert (draft.status, draft.version, submitted.status, submitted.version) == (
            S.DRAFT,
            0,
            S.SUBMITTED,
            0,
        )
        assert submitted.admissible_on is None
        assert await checkpoints_of(session, submitted.id) == []
        with pytest.raises(ValueError):  # submission has its own function
            await apply_transition(
                session, draft, T.SUBMIT, role=Role.DIRECTION, actor_id=DIRECTOR, comment=""
            )


async def test_request_info_and_refusals(db):
    async with db.transaction() as session:
        dossier = await dossier_in(session, S.SUBMITTED)
        assert await committee(session, dossier, T.REQUEST_INFO, "Précisez le budget") is dossier
        assert (dossier.status, dossier.version) == (S.INFO_REQUESTED, 1)
        await committee(session, dossier, T.REFUSE, "Sans réponse")
        assert dossier.status == S.REFUSED
        other = await dossier_in(session, S.SUBMITTED, "Coop Bleue")
        await committee(session, other, T.REFUSE)
        assert other.status == S.REFUSED
        entries = (
            await session.exec(
                select(AuditEntry).where(AuditEntry.entity == "dossier").order_by(AuditEntry.id)
            )
        ).all()
    assert [(e.entity_id, e.action, e.field, e.old_value, e.new_value, e.actor_id) for e in entries] == [
        (dossier.id, "request_info", "status", "submitted", "info_requested: Précisez le budget", COMMITTEE),
        (dossier.id, "refuse", "status", "info_requested", "refused: Sans réponse", COMMITTEE),
        (dossier.id, "refusal_day", "refused_on", None, "2026-11-23", COMMITTEE),  # the day given: today
        (other.id, "refuse", "status", "submitted", "refused", COMMITTEE),
        (other.id, "refusal_day", "refused_on", None, "2026-11-23", COMMITTEE),
    ]


async def test_the_whole_life_from_admissibility_to_renewal(db):
    async with db.transaction() as session:
        dossier = await dossier_in(session, S.SUBMITTED, submitted_at=datetime(2026, 6, 1, 8, tzinfo=UTC))
        await with_plan(session, dossier)
        dossier_id = dossier.id

    async with db.transaction() as session:
        dossier = await session.get(Dossier, dossier_id)
        with pytest.raises(TransitionRefused) as refused:  # two engagements, an indicator half answered
            await committee(session, dossier, T.DECLARE_ADMISSIBLE, on_date=date(2026, 8, 31))
        assert (refused.value.reason, dossier.status) == ("incomplete", S.SUBMITTED)
        await complete_content(session, dossier)
        with pytest.raises(TransitionRefused) as refused:  # before the submission
            await committee(session, dossier, T.DECLARE_ADMISSIBLE, on_date=date(2026, 5, 31))
        assert refused.value.reason == "date_before_start"
        await committee(session, dossier, T.DECLARE_ADMISSIBLE, "Complet", on_date=date(2026, 8, 31))
        assert (dossier.status, dossier.admissible_on, dossier.version) == (
            S.ADMISSIBLE,
            date(2026, 8, 31),
            1,
        )
        assert [(c.kind, c.due_on, c.held_on) for c in await checkpoints_of(session, dossier_id)] == [
            (K.SIX_MONTHS, date(2027, 2, 28), None),
            (K.TWELVE_MONTHS, date(2027, 8, 31), None),
            (K.VISIT, date(2028, 2, 29), None),
        ]
        indicators = (await session.exec(select(Indicator).where(Indicator.dossier_id == dossier_id))).all()
        planned = [i for i in indicators if i.title in ("Loyers", "Réunions")]  # with_plan's
        assert sorted((i.current_value, i.baseline_value) for i in planned) == [
            ("12.5", "12.5"),
            ("2", "2"),
        ]

    async with db.transaction() as session:
        dossier = await session.get(Dossier, dossier_id)
        for wrong in (None, K.VISIT, "nine_months"):
            with pytest.raises(TransitionRefused) as refused:
                await committee(session, dossier, T.RECORD_CHECKPOINT, checkpoint=wrong)
            assert refused.value.reason == "unknown_checkpoint"
        await committee(
            session,
            dossier,
            T.RECORD_CHECKPOINT,
            "Bon départ",
            checkpoint=K.SIX_MONTHS,
            on_date=date(2027, 3, 2),
        )
        with pytest.raises(TransitionRefused) as refused:
            await committee(
                session, dossier, T.RECORD_CHECKPOINT, checkpoint=K.SIX_MONTHS, on_date=date(2027, 3, 9)
            )
        assert refused.value.reason == "already_held"
        await committee(
            session, dossier, T.RECORD_CHECKPOINT, checkpoint="twelve_months", on_date=date(2027, 9, 1)
        )
        assert dossier.status == S.ADMISSIBLE
        # the coop said it was ready: the visit comes before A + 18 months
        await committee(session, dossier, T.RECORD_VISIT, "Visite faite", on_date=date(2027, 12, 1))
        assert dossier.status == S.VISITED
        held = {
            c.kind: (c.held_on, c.notes, c.recorded_by) for c in await checkpoints_of(session, dossier_id)
        }
        assert held == {
            K.SIX_MONTHS: (date(2027, 3, 2), "Bon départ", COMMITTEE),
            K.TWELVE_MONTHS: (date(2027, 9, 1), None, COMMITTEE),
            K.VISIT: (date(2027, 12, 1), "Visite faite", COMMITTEE),
        }

    async with db.transaction() as session:
        dossier = await session.get(Dossier, dossier_id)
        with pytest.raises(TransitionRefused) as refused:
            await committee(session, dossier, T.GRANT_LABEL, on_date=date(2027, 11, 30))
        assert refused.value.reason == "date_before_start"  # after A, but before the visit
        assert "2027-11-30 is before 2027-12-01" in str(refused.value)
        await committee(session, dossier, T.GRANT_LABEL, "Label accordé", on_date=date(2028, 2, 29))
        assert (dossier.status, dossier.labelled_on) == (S.LABELLED, date(2028, 2, 29))
        due = {c.kind: c.due_on for c in await checkpoints_of(session, dossier_id)}
        assert (due[K.MID_TERM], due[K.EXPIRY]) == (date(2029, 8, 29), date(2031, 2, 28))
        await committee(session, dossier, T.RECORD_MID_TERM, on_date=date(2029, 9, 3))
        assert dossier.status == S.LABELLED
        with pytest.raises(TransitionRefused) as refused:
            await committee(session, dossier, T.RECORD_MID_TERM, on_date=date(2029, 9, 4))
        assert refused.value.reason == "already_held"
        # the coop's values moved on during the label
        first = (
            await session.exec(
                select(Indicator).where(Indicator.dossier_id == dossier_id, Indicator.engagement_code == 1)
            )
        ).one()
        first.current_value = "28"
        session.add(first)
        with pytest.raises(TransitionRefused) as refused:  # the renewal opens when the label ends
            await committee(session, dossier, T.OPEN_RENEWAL, on_date=date(2031, 2, 27))
        assert "2031-02-27 is before 2031-02-28" in str(refused.value)
        renewal = await committee(session, dossier, T.OPEN_RENEWAL, "Cycle 2", on_date=date(2031, 2, 28))
        assert dossier.status == S.RENEWED
        assert (
            renewal.id != dossier_id,
            renewal.coop_id,
            renewal.cycle,
            renewal.status,
            renewal.version,
        ) == (True, dossier.coop_id, 2, S.DRAFT, 0)
        expiry = next(c for c in await checkpoints_of(session, dossier_id) if c.kind == K.EXPIRY)
        assert expiry.held_on == date(2031, 2, 28)
        assert await current_dossier(session, dossier.coop_id) == renewal
        renewal_id = renewal.id

    async with db.transaction() as session:
        choices = (
            await session.exec(
                select(EngagementChoice.engagement_code).where(EngagementChoice.dossier_id == renewal_id)
            )
        ).all()
        assert {1, 5} <= set(choices) and len(choices) == 8  # with_plan's, completed for admissibility
        copied = (
            await session.exec(
                select(Indicator)
                .where(Indicator.dossier_id == renewal_id, Indicator.engagement_code.in_((1, 5)))
                .order_by(Indicator.engagement_code)
            )
        ).all()
        assert [
            (
                i.engagement_code,
                i.position,
                i.suggested_code,
                i.title,
                i.rationale,
                i.value_kind,
                i.unit,
                i.current_value,
                i.target_value,
                i.target_date,
                i.baseline_value,
            )
            for i in copied
        ] == [
            (1, 1, "1.1", "Loyers", "Abordables", "percent", "%", "28", None, None, None),
            (5, 1, None, "Réunions", "Suivi.", "number", "percent", "2", None, None, None),
        ]
        actions = (
            await session.exec(select(Action).where(Action.indicator_id.in_([i.id for i in copied])))
        ).all()
        assert actions == []
        assert await checkpoints_of(session, renewal_id) == []
        old = await session.get(Dossier, dossier_id)
        assert old.version == 7  # one per transition applied
        entries = (
            await session.exec(
                select(AuditEntry)
                .where(AuditEntry.entity == "dossier", AuditEntry.entity_id == dossier_id)
                .order_by(AuditEntry.id)
            )
        ).all()
    assert [(e.action, e.old_value, e.new_value.split(": ", 1)[0]) for e in entries] == [
        ("declare_admissible", "submitted", "admissible"),
        ("record_checkpoint", "admissible", "admissible"),
        ("record_checkpoint", "admissible", "admissible"),
        ("record_visit", "admissible", "visited"),
        ("grant_label", "visited", "labelled"),
        ("record_mid_term", "labelled", "labelled"),
        ("open_renewal", "labelled", "renewed"),
    ]
    assert entries[0].new_value == "admissible: Complet"
    assert all(e.field == "status" and e.actor_id == COMMITTEE for e in entries)


async def test_a_dossier_put_in_a_status_by_hand_still_records_its_checkpoint(db):
    async with db.transaction() as session:
        dossier = await dossier_in(
            session, S.LABELLED, admissible_on=date(2026, 1, 15), labelled_on=date(2027, 6, 1)
        )
        await committee(session, dossier, T.RECORD_MID_TERM, on_date=date(2028, 12, 1))
        [mid_term] = await checkpoints_of(session, dossier.id)
    assert (mid_term.kind, mid_term.due_on, mid_term.held_on) == (
        K.MID_TERM,
        date(2028, 12, 1),
        date(2028, 12, 1),
    )


def test_timeline_month_arithmetic_clamps_to_the_month_end():
    assert timeline(None, None) == []
    assert timeline(date(2026, 8, 31), None) == [
        (K.SIX_MONTHS, date(2027, 2, 28)),
        (K.TWELVE_MONTHS, date(2027, 8, 31)),
        (K.VISIT, date(2028, 2, 29)),
    ]
    assert dict(timeline(date(2027, 8, 31), None))[K.SIX_MONTHS] == date(2028, 2, 29)
    assert dict(timeline(date(2028, 2, 29), None))[K.TWELVE_MONTHS] == date(2029, 2, 28)
    assert timeline(None, date(2027, 1, 31)) == [
        (K.MID_TERM, date(2028, 7, 31)),
        (K.EXPIRY, date(2030, 1, 31)),
    ]
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert [kind for kind, _ in timeline(date(2026, 1, 1), date(2027, 7, 1))] == list(K)


def test_today_is_the_paris_civil_date_across_daylight_saving():
    # just before the spring change (01:00 UTC): still UTC+1
    assert paris_today(datetime(2027, 3, 28, 0, 30, tzinfo=UTC)) == date(2027, 3, 28)
    # the night of the autumn change: 00:30 summer time, already the next day in Paris
    assert paris_today(datetime(2026, 10, 24, 22, 30, tzinfo=UTC)) == date(2026, 10, 25)
    assert paris_today(datetime(2026, 10, 24, 21, 59, tzinfo=UTC)) == date(2026, 10, 24)


async def test_default_dates_are_today_in_paris(db):
    async with db.transaction() as session:
        dossier = await dossier_in(session, S.SUBMITTED)
        await complete_content(session, dossier)
        await apply_transition(
            session,
            dossier,
            T.DECLARE_ADMISSIBLE,
            role=Role.COMMITTEE,
            actor_id=COMMITTEE,
            comment="",
            now=datetime(2026, 10, 24, 22, 30, tzinfo=UTC),
        )
        assert dossier.admissible_on == date(2026, 10, 25)
        await apply_transition(
            session,
            dossier,
            T.RECORD_CHECKPOINT,
            role=Role.COMMITTEE,
            actor_id=COMMITTEE,
            comment="",
            checkpoint=K.SIX_MONTHS,
            now=datetime(2027, 3, 28, 0, 30, tzinfo=UTC),
        )
        six = next(c for c in await checkpoints_of(session, dossier.id) if c.kind == K.SIX_MONTHS)
    assert (six.due_on, six.held_on) == (date(2027, 4, 25), date(2027, 3, 28))


def test_due_checkpoints_are_the_ones_still_to_hold():
    rows = [
        Checkpoint(id=3, dossier_id=1, kind=K.VISIT, due_on=date(2028, 2, 29)),
        Checkpoint(id=1, dossier_id=1, kind=K.SIX_MONTHS, due_on=date(2027, 2, 28), held_on=date(2027, 3, 1)),
        Checkpoint(id=2, dossier_id=1, kind=K.TWELVE_MONTHS, due_on=date(2027, 8, 31)),
    ]
    assert [c.kind for c in due_checkpoints(rows, date(2027, 3, 10))] == [K.TWELVE_MONTHS, K.VISIT]
    assert [c.kind for c in due_checkpoints(rows, date(2027, 8, 31))] == [K.TWELVE_MONTHS, K.VISIT]
    assert [c.kind for c in due_checkpoints(rows, date(2027, 9, 1))] == [K.VISIT]
    assert due_checkpoints(rows, date(2028, 3, 1)) == []
