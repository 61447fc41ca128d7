"""The direction submits while a colleague drops an engagement in the Mini App, at the same moment (two
instances, PostgreSQL): nothing is submitted, and the direction's screen says so with what changed and
what is missing now, instead of a pop-up above a confirmation still offering « ✅ Oui, soumettre »
(found by an exploratory tester)."""

from __future__ import annotations

import asyncio

from sqlmodel import select

from models.tables import Dossier, DossierStatus, DossierVersion
from tests.conversations.test_miniapp_api import auth, client
from tests.databases import needs_postgres
from tests.dossier_fill import complete_dossier
from tests.dossier_steps import join, open_home
from tests.races import written_between


@needs_postgres
async def test_a_submission_beaten_by_a_colleagues_drop_shows_what_changed(web_harness, monkeypatch):
    director = await join(web_harness, 6201, "fr", "Coop Course")
    await complete_dossier(director)
    bob = web_harness.user(6202, "Bob", "fr")
    await bob.send(f"/start {director.invitations.member_token}")
    await open_home(director)
    await director.press("✅ Marquer")
    await director.press("📤 Soumettre")
    assert "Oui, soumettre" in " ".join(director.buttons()), director.last_text
    async with web_harness.database.transaction() as session:
        dossier_id = (await session.exec(select(Dossier.id))).one()
    drop = {"dossier": dossier_id, "code": 5, "chosen": False}
    async with client(web_harness) as http:
        asked = await http.post("/app/api/engagement", headers=auth(bob), json=drop)
        assert asked.status_code == 409, asked.text
        seen = asked.json().get("seen")
        from bot.web.miniapp import saves
        from models.dossier import submission

        # the drop commits after the submission read the dossier and before it writes (the order two
        # instances may meet in; the opposite order is a plain refusal of the drop)
        written = written_between(monkeypatch, (submission, "read_snapshot"), (saves, "dossier_of_member"))

        async def drop_confirmed():
            try:
                return await http.post(
                    "/app/api/engagement", headers=auth(bob), json={**drop, "confirmed": True, "seen": seen}
                )
            finally:
                written.set()

        _, dropped = await asyncio.gather(director.press("✅ Oui, soumettre"), drop_confirmed())
    async with web_harness.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
        assert (
            dossier.status == DossierStatus.DRAFT and not (await session.exec(select(DossierVersion))).all()
        )
    assert dropped.status_code == 200, dropped.text
    said = director.last_text  # the screen itself, not a pop-up over a confirmation still offered
    assert "rien n’a été soumis" in said and "Bob a retiré l’engagement 5" in said, said
    assert "✅ Oui, soumettre" not in " ".join(director.buttons()), director.buttons()
