"""A submitted dossier that no longer meets every rule (the federation loaded a referential that puts
engagements 5 and 6 in another axis) is not declared admissible: domain.md, the committee checks the
dossier is complete, may ask for more, then rules on its admissibility. Its screen says what is missing
and offers « 📝 Demander des compléments », not « ✅ Déclarer recevable »; an older screen's button and a
confirmation left open are refused, the comment given back; the model holds the rule for every way in;
refusing the candidacy stays possible."""

from __future__ import annotations

import json

import pytest
from sqlmodel import select

from conversations.ui import callbacks as cb
from models.label.lifecycle import Role, Transition, TransitionRefused
from models.label.transitions import apply_transition
from models.referential.parsing import default_referential, parse_referential_json
from models.referential.store import replace_referential
from models.tables import Dossier, DossierStatus
from tests.conversations.test_committee_changes import submitted_by_dominique

NBSP = "\u00a0"
# the official referential's axes: engagements 5 and 6 change axis, Dominique's 1, 2, 3, 5, 6, 9, 10, 12
# leave axis 2 with one engagement
AXES = {1: 1, 2: 1, 3: 1, 5: 1, 4: 2, 7: 2, 8: 2, 11: 2, 6: 3, 9: 3, 10: 3, 12: 3}


async def load_official_referential(harness) -> None:
    """The federation loads its official referential; the bot restarts with it."""
    data = json.loads(default_referential().to_json())
    data["version"] = "2027-official"
    for engagement in data["engagements"]:
        engagement["axis"] = AXES[engagement["code"]]
    async with harness.database.transaction() as session:
        await replace_referential(session, parse_referential_json(json.dumps(data)))
    await harness.restart()


async def status_of(harness) -> DossierStatus:
    async with harness.database.transaction() as session:
        return (await session.exec(select(Dossier))).one().status


async def test_an_incomplete_dossier_offers_to_ask_for_more_not_to_declare_it_admissible(world):
    harness, _clock = world
    _director, committee = await submitted_by_dominique(harness, 701, "Coop Horizon")
    await load_official_referential(harness)
    await committee.send("/comite")
    await committee.press("Coop Ho")
    screen = committee.last_text
    assert f"Complétude{NBSP}: Incomplet" in screen
    assert (
        f"Dossier incomplet{NBSP}: il ne peut pas être déclaré recevable. Il manque encore{NBSP}:" in screen
    )
    assert "• Axe 2" in screen, screen  # what is missing, in the dossier's own words
    assert f"«{NBSP}📝 Demander des compléments{NBSP}»" in screen
    assert "✅ Déclarer recevable" not in committee.buttons()
    assert {"📝 Demander des compléments", "⛔ Refuser"} <= set(committee.buttons())

    # refusing the candidacy stays possible
    await committee.press("⛔ Refuser")
    await committee.send("Le dossier ne respecte plus le référentiel officiel.")
    await committee.press("✅ Confirmer")
    assert "Décision enregistrée" in committee.last_text
    assert await status_of(harness) == DossierStatus.REFUSED


async def test_an_older_screen_s_button_and_a_confirmation_left_open_are_refused(world):
    harness, _clock = world
    _director, committee = await submitted_by_dominique(harness, 701, "Coop Horizon")
    await committee.send("/comite")
    await committee.press("Coop Ho")
    await committee.press("✅ Déclarer recevable")
    await committee.send("Recevable, bienvenue.")
    await committee.press("✅ Aujourd’hui")
    assert "✅ Confirmer" in committee.buttons()  # the confirmation, left open meanwhile
    await load_official_referential(harness)

    await committee.press("✅ Confirmer")
    said = committee.reply_text()
    assert "Ce dossier est incomplet" in said and "rien n’a été enregistré" in said, said
    assert "Recevable, bienvenue." in said  # the comment typed, given back
    assert "✅ Déclarer recevable" not in committee.buttons()
    assert await status_of(harness) == DossierStatus.SUBMITTED

    # « ✅ Déclarer recevable » of a screen drawn before the referential changed, pressed now
    await committee.press_data(committee.last, cb.DECIDE.pack(await dossier_id(harness), "ad"))
    assert "Ce dossier est incomplet" in committee.reply_text(), committee.reply_text()
    assert f"Dossier incomplet{NBSP}:" in committee.last_text  # the dossier's screen, what is missing
    assert await status_of(harness) == DossierStatus.SUBMITTED


async def dossier_id(harness) -> int:
    async with harness.database.transaction() as session:
        return (await session.exec(select(Dossier))).one().id


async def test_the_model_refuses_an_incomplete_dossier_whatever_the_way_in(world):
    harness, _clock = world
    await submitted_by_dominique(harness, 701, "Coop Horizon")
    await load_official_referential(harness)
    async with harness.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
        with pytest.raises(TransitionRefused) as refused:
            await apply_transition(
                session,
                dossier,
                Transition.DECLARE_ADMISSIBLE,
                role=Role.COMMITTEE,
                actor_id=None,
                comment="",
            )
    assert refused.value.reason == "incomplete" and "axis_short" in str(refused.value)
    assert await status_of(harness) == DossierStatus.SUBMITTED
