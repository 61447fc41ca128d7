"""A consultation opened while the direction's new candidacy is being made (two instances, PostgreSQL's
READ COMMITTED): the opening waits for it and becomes the new candidacy's evidence, not the refused one's
(the latest dossier read, then read again with it held, as the new candidacy holds it)."""

from __future__ import annotations

import asyncio

from models.clock import utcnow
from models.consultations.store import new_consultation, open_consultation
from models.coops import create_coop
from models.db import Database
from models.dossier.reads import hold_dossier
from models.tables import Consultation, Dossier, DossierStatus, User
from tests.databases import database_url, needs_postgres

pytestmark = needs_postgres


async def test_an_opening_waits_for_a_new_candidacy_being_made_and_belongs_to_it(tmp_path):
    database = Database(database_url(tmp_path))
    now = utcnow()
    async with database.transaction() as session:
        session.add(User(id=41, first_name="Dir", telegram_language="fr"))
        coop = await create_coop(session, "Coop Entre-Deux")
        refused = (await session.exec(Dossier.__table__.select().where(Dossier.coop_id == coop.id))).one()
        await session.flush()
        draft = await new_consultation(session, coop.id, refused.id, 41, now)
    coop_id, refused_id, draft_id = coop.id, refused.id, draft.id
    async with database.transaction() as making:  # the new candidacy, its refused dossier held
        await hold_dossier(making, refused_id)
        making.add(Dossier(coop_id=coop_id, cycle=2, status=DossierStatus.DRAFT))
        await making.flush()

        async def opening() -> None:
            async with database.transaction() as session:
                await open_consultation(session, await session.get(Consultation, draft_id), 41, utcnow())

        opened = asyncio.create_task(opening())
        await asyncio.sleep(0.5)  # the opening has read the latest dossier (cycle 1) and waits, or wrote
    await opened
    async with database.transaction() as session:
        consultation = await session.get(Consultation, draft_id)
        new = (await session.exec(Dossier.__table__.select().where(Dossier.cycle == 2))).one()
    await database.dispose()
    assert consultation.dossier_id == new.id != refused_id
