"""The committee's comments counted as Telegram counts them, its /export while on a coop's team, a
refused date naming the day read, the interim checkpoints in their order (even at the confirmation),
and a passed date in /comite."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlmodel import select, update

from conversations.committee.choices import COMMENT_MAX
from conversations.render.notifications import NEWS, decision_text
from conversations.ui.messages import MESSAGE_LIMIT, units
from locales import translator
from models.label import transitions
from models.label.lifecycle import Role, Transition, TransitionRefused
from models.label.transitions import apply_transition
from models.tables import Checkpoint, CheckpointKind, Dossier, FederationRoleName
from models.users import grant_federation_role
from tests.conversations.test_early_visit import submitted_coop
from tests.conversations.test_label_journey import decide
from tests.fakes.entities import parse_html

NBSP = "\u00a0"


async def test_a_comment_is_limited_as_telegram_counts_it_and_given_back_whole(world):
    """1,996 characters of emojis are 3,986 for Telegram: refused, by how much to shorten it said in
    characters as typed, the comment given back whole; a comment at the limit reaches every member,
    in their language."""
    harness, _clock = world
    director, committee = await submitted_coop(harness)
    member = harness.user(702, "Sam", "en")
    await member.send(f"/start {director.invitations.member_token}")
    await committee.send("/comite")
    await committee.press("Coop Horizon")
    await committee.press("⛔ Refuser")
    comment = "👏" * 1990 + " Bravo"
    await committee.paste(comment)
    question = committee.replies[-2]["text"]
    said = question.replace("\u202f", " ").replace(NBSP, " ")
    # « Bravo » and its space, then 990 of the 1,990 emojis: 996 characters typed, not « 3 986 »
    assert (
        "Votre commentaire dépasse les 2 000 caractères d’un commentaire de décision (les émojis y comptent "
        "double, comme dans Telegram) : raccourcissez-le d’environ 996 caractères." in said
    )
    assert "3 986" not in said
    assert "Votre commentaire pour la coopérative" in question  # the question again
    assert "✅ Confirmer" not in committee.buttons(committee.replies[-2])
    assert committee.last_text == comment  # given back whole, to shorten
    shortened = "👏" * 1000  # cut as asked: it fits
    assert units(shortened) == COMMENT_MAX and len(comment) - len(shortened) == 996

    at_the_limit = "👏" * (COMMENT_MAX // 2 - 3) + " Bravo"  # 2,000 units
    assert units(at_the_limit) == COMMENT_MAX
    await committee.paste(at_the_limit)
    assert comment not in committee.reply_text()  # the text refused is not given back again
    await committee.press("✅ Confirmer")
    assert "Décision enregistrée et envoyée à Coop Horizon" in committee.last_text
    await harness.run_background()
    assert not harness.errors, harness.errors
    assert at_the_limit in director.last_text and "n’a pas retenu votre candidature" in director.last_text
    assert at_the_limit in member.last_text and "did not retain your candidacy" in member.last_text


async def test_a_plain_comment_too_long_is_told_the_characters_to_cut(world):
    """Without emojis, what Telegram counts is what was typed: the characters to cut, exactly."""
    harness, _clock = world
    _director, committee = await submitted_coop(harness)
    committee.tg["language_code"] = "en"
    await committee.send("/committee")
    await committee.press("Coop Horizon")
    await committee.press("⛔ Refuse")
    comment = "Not yet. " + "a" * (COMMENT_MAX - 4)  # 2,005 characters
    await committee.paste(comment)
    assert (
        "Your comment is over the 2,000 characters a decision’s comment may have: shorten it by 5 characters."
        in committee.replies[-2]["text"]
    )
    assert committee.last_text == comment


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_decisions_news_with_a_comment_at_the_limit_fits_one_message(language):
    """The worst case: every decision, every line it may add, the longest comment the committee may
    write, as Telegram counts it once the HTML is read."""
    t = translator(language)
    for comment in ("👏" * (COMMENT_MAX // 2), "<&>" * (COMMENT_MAX // 3)):
        for kind in NEWS:
            data = {"transition": kind, "date": "2027-11-30", "cycle": 12, "comment": comment,
                    "checkpoint": "twelve_months", "closed": ["six_months", "twelve_months"],
                    "draft_unsent": True}  # fmt: skip
            text, _entities = parse_html(decision_text(t, data))
            assert units(text) <= MESSAGE_LIMIT, (kind, units(text))


async def test_a_committee_member_on_a_coops_team_gets_the_committees_export_list(world):
    harness, _clock = world
    director, _committee = await submitted_coop(harness)
    other = await harness.add_coop("Coop Voisine")
    async with harness.database.transaction() as session:
        for user_id in (8000002, 8000003):
            await grant_federation_role(session, user_id, FederationRoleName.COMMITTEE)
    member = harness.user(8000002, "Alex", "fr")  # a plain member of another coop
    await member.send(f"/start {other.member_token}")
    await member.send("/export")
    assert "Quelle coopérative" in member.last_text and "Coop Horizon" in member.last_text
    assert "Coop Voisine" not in member.last_text  # their own coop's bundle is its direction's
    await member.send(f"/export {other.coop.id}")
    assert "réservé à la direction" in member.last_text and "document" not in member.last
    direction = harness.user(8000003, "Lou", "fr")  # the direction of another coop
    await direction.send(f"/start {other.direction_token}")
    await direction.send("/export")
    assert "Coop Horizon" in direction.last_text
    assert f"#{other.coop.id} Coop Voisine — votre coopérative" in direction.last_text  # a draft, theirs
    await direction.send(f"/export {other.coop.id}")  # its own bundle, by its number in the list
    assert direction.last["document"]["file_name"].endswith(".zip")
    await director.send("/export")  # a direction alone: its coop's bundle, as before
    assert director.last["document"]["file_name"].endswith(".zip")


async def test_a_date_refused_as_too_early_names_the_day_read(world):
    harness, _clock = world
    _director, committee = await submitted_coop(harness)  # submitted on 1 August 2026
    await committee.send("/comite")
    await committee.press("Coop Horizon")
    await committee.press("✅ Déclarer recevable")
    await committee.send("Recevable.")
    await committee.send("15/07")  # without its year: the last 15 July, before the submission
    said = committee.last_text
    assert "Le dossier a été soumis le 1er août 2026." in said
    assert f"(vous avez écrit «{NBSP}15/07{NBSP}»{NBSP}: lu comme le mercredi 15 juillet 2026)" in said
    assert "À quelle date" in said


async def test_the_12_month_checkpoint_waits_for_the_6_month_one(world):
    harness, _clock = world
    _director, committee = await submitted_coop(harness)
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.", "31/08/2026")
    await committee.send("/comite")
    await committee.press("Coop Horizon")
    assert "📍 Point à 6 mois tenu" in committee.buttons()
    assert "📍 Point à 12 mois tenu" not in committee.buttons()
    async with harness.database.transaction() as session:
        dossier_id = (await session.exec(select(Dossier))).one().id
    await committee.press_data(committee.last, f"cmx:{dossier_id}:ck:12")  # an older screen's button
    assert "Le point d’étape à 6 mois n’est pas encore enregistré" in committee.last_text
    assert "Rien n’a été modifié" in committee.last_text
    await decide(committee, "Coop Horizon", "📍 Point à 6 mois tenu", "Bon avancement.", "20/11/2026")
    await decide(committee, "Coop Horizon", "📍 Point à 12 mois tenu", "Continuez.", "22/11/2026")
    async with harness.database.transaction() as session:
        held = {c.kind: c.held_on.isoformat() for c in (await session.exec(select(Checkpoint))) if c.held_on}
    assert held == {"six_months": "2026-11-20", "twelve_months": "2026-11-22"}


async def test_the_rule_holds_without_the_buttons(world):
    """apply_transition itself refuses the 12-month checkpoint before the 6-month one (any caller)."""
    harness, _clock = world
    _director, committee = await submitted_coop(harness)
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.", "31/08/2026")
    async with harness.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
        with pytest.raises(TransitionRefused) as refused:
            await apply_transition(session, dossier, Transition.RECORD_CHECKPOINT, role=Role.COMMITTEE,
                                   actor_id=None, comment="", on_date=date(2026, 9, 1),
                                   checkpoint="twelve_months")  # fmt: skip
    assert refused.value.reason == "out_of_order"


async def six_month_record_withdrawn(harness) -> None:
    """The 6-month checkpoint's record withdrawn (a correction in the database): no longer held."""
    async with harness.database.transaction() as session:
        await session.exec(
            update(Checkpoint).where(Checkpoint.kind == CheckpointKind.SIX_MONTHS).values(held_on=None)
        )


async def test_a_12_month_confirmation_left_open_waits_for_the_6_month_checkpoint(world):
    """The 6-month checkpoint no longer held while the 12-month one waits for its ✅: told as the older
    screen's button is, nothing recorded, the comment given back (it crashed, the comment lost)."""
    harness, _clock = world
    _director, committee = await submitted_coop(harness)
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.", "31/08/2026")
    await decide(committee, "Coop Horizon", "📍 Point à 6 mois tenu", "Bon avancement.", "20/11/2026")
    await committee.send("/comite")
    await committee.press("Coop Horizon")
    await committee.press("📍 Point à 12 mois tenu")
    await committee.send("Continuez ainsi.")
    await committee.send("22/11/2026")
    assert "✅ Confirmer" in committee.buttons()
    await six_month_record_withdrawn(harness)
    await committee.press("✅ Confirmer")
    said = committee.last_text
    assert "Le point d’étape à 6 mois n’est pas encore enregistré" in said and "Rien n’a été modifié" in said
    assert "Votre commentaire, non envoyé" in said and "Continuez ainsi." in said
    assert "📍 Point à 6 mois tenu" in committee.buttons()  # the dossier's screen, as it is now
    async with harness.database.transaction() as session:
        assert not [c for c in (await session.exec(select(Checkpoint))) if c.held_on]


async def test_the_order_is_checked_again_once_the_dossier_is_held(world, monkeypatch):
    """The 6-month record withdrawn while the decision waited for the dossier (another instance): the
    rule is read again after the wait, as the checkpoint held already is."""
    harness, _clock = world
    _director, committee = await submitted_coop(harness)
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.", "31/08/2026")
    await decide(committee, "Coop Horizon", "📍 Point à 6 mois tenu", "Bon avancement.", "20/11/2026")
    held = transitions._hold_status

    async def withdrawn_while_waiting(session, dossier, transition, now, *started):
        await session.exec(
            update(Checkpoint).where(Checkpoint.kind == CheckpointKind.SIX_MONTHS).values(held_on=None)
        )
        await held(session, dossier, transition, now, *started)

    monkeypatch.setattr(transitions, "_hold_status", withdrawn_while_waiting)
    async with harness.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
        with pytest.raises(TransitionRefused) as refused:
            await apply_transition(session, dossier, Transition.RECORD_CHECKPOINT, role=Role.COMMITTEE,
                                   actor_id=None, comment="", on_date=date(2026, 11, 22),
                                   checkpoint="twelve_months")  # fmt: skip
    assert refused.value.reason == "out_of_order"


async def test_a_checkpoint_date_passed_is_flagged_overdue_in_the_committee_list(world):
    harness, clock = world
    _director, committee = await submitted_coop(harness)
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.", "31/08/2026")
    await decide(committee, "Coop Horizon", "📍 Point à 6 mois tenu", "Bon avancement.", "20/11/2026")
    clock.now = datetime(2027, 8, 20, 9, tzinfo=UTC)
    await committee.send("/comite")
    assert "⏰ Point d’étape à 12 mois — 31 août 2027" in committee.last_text
    assert "en retard" not in committee.last_text
    clock.now = datetime(2027, 9, 2, 9, tzinfo=UTC)
    await committee.send("/comite")
    assert "⏰ Point d’étape à 12 mois — 31 août 2027, en retard" in committee.last_text
    committee.tg["language_code"] = "en"
    await committee.send("/committee")
    assert "⏰ 12-month checkpoint — 31 August 2027, overdue" in committee.last_text
