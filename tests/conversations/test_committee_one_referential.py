"""The committee's screen and the rule « an incomplete dossier is not declared admissible » read one
referential: the one the instance runs with (loaded at its start). `qualicoop referential load` writes
the database and asks to restart every instance; until then, the screen judged completeness by the
instance's referential and the rule by the database's: « ✅ Déclarer recevable » offered, pressed, « Ce
dossier est incomplet… ce qui manque est ci-dessous », nothing below and the same button again (a loop);
or, the other way round, a dossier the screen calls incomplete declared admissible by an older button."""

from __future__ import annotations

import json

from sqlmodel import select

from conversations.ui import callbacks as cb
from models.referential.parsing import default_referential, parse_referential_json
from models.referential.store import replace_referential
from models.tables import Dossier, DossierStatus
from tests.conversations.test_committee_changes import submitted_by_dominique
from tests.conversations.test_committee_incomplete import AXES, load_official_referential

NBSP = "\u00a0"


async def store_referential(harness, official: bool) -> None:
    """The CLI loads a referential in the database; no instance restarted yet."""
    data = json.loads(default_referential().to_json())
    if official:  # engagements 5 and 6 move: Dominique's dossier leaves axis 2 with one engagement
        data["version"] = "2027-official"
        for engagement in data["engagements"]:
            engagement["axis"] = AXES[engagement["code"]]
    async with harness.database.transaction() as session:
        await replace_referential(session, parse_referential_json(json.dumps(data)))


async def dossier_of(harness) -> Dossier:
    async with harness.database.transaction() as session:
        return (await session.exec(select(Dossier))).one()


async def test_a_referential_loaded_but_not_running_yet_does_not_refuse_what_the_screen_offers(world):
    harness, _clock = world
    _director, committee = await submitted_by_dominique(harness, 701, "Coop Horizon")
    await store_referential(harness, official=True)  # the instance still runs with the packaged one

    await committee.send("/comite")
    await committee.press("Coop Ho")
    assert f"Complétude{NBSP}: Complet" in committee.last_text, committee.last_text
    await committee.press("✅ Déclarer recevable")
    assert "incomplet" not in committee.last_text, committee.last_text  # on to the comment
    await committee.send("Recevable, bienvenue.")
    await committee.press("✅ Aujourd’hui")
    await committee.press("✅ Confirmer")
    assert "Décision enregistrée" in committee.reply_text(), committee.reply_text()
    assert (await dossier_of(harness)).status == DossierStatus.ADMISSIBLE


async def test_an_older_button_is_refused_as_the_screen_says_while_the_database_says_complete(world):
    harness, _clock = world
    _director, committee = await submitted_by_dominique(harness, 701, "Coop Horizon")
    await load_official_referential(harness)  # the instance runs with the official referential
    await store_referential(harness, official=False)  # the packaged one loaded back, not running yet

    await committee.send("/comite")
    await committee.press("Coop Ho")
    assert f"Complétude{NBSP}: Incomplet" in committee.last_text, committee.last_text
    assert "✅ Déclarer recevable" not in committee.buttons()
    # « ✅ Déclarer recevable » of an older screen: refused by the rule the screen shows
    await committee.press_data(committee.last, cb.DECIDE.pack((await dossier_of(harness)).id, "ad"))
    assert "Ce dossier est incomplet" in committee.reply_text(), committee.reply_text()
    assert "• Axe 2" in committee.last_text, committee.last_text  # what is missing is indeed below
    assert (await dossier_of(harness)).status == DossierStatus.SUBMITTED
