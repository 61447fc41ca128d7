"""Migration 16: who a consultation asked is kept apart from its public link."""

from __future__ import annotations

from sqlalchemy import text

from models.coops import create_coop
from models.db import Database
from models.dossier.current import current_dossier
from models.migrations import LATEST_VERSION
from tests.databases import database_url


async def test_a_version_15_database_keeps_who_its_consultations_asked(tmp_path):
    database = Database(database_url(tmp_path, "v15"))
    await database.upgrade()
    async with database.transaction() as session:
        coop = await create_coop(session, "Coop Ancienne")
        dossier_id = (await current_dossier(session, coop.id)).id
    async with database.engine.begin() as connection:  # back to what schema 15 looked like
        await connection.execute(text("ALTER TABLE consultation DROP COLUMN via_link"))
        await connection.execute(text("DELETE FROM schema_version WHERE version > 15"))
        for cid, token in ((1, "'abc'"), (2, "NULL"), (3, "NULL"), (4, "NULL")):
            await connection.execute(
                text(
                    "INSERT INTO consultation (id, coop_id, dossier_id, created_by, status, choices, "
                    "for_members, public_token, created_at, updated_at) VALUES "
                    f"({cid}, {coop.id}, {dossier_id}, 7, 'closed', '[]', TRUE, {token}, '2026-01-01 00:00:00', "
                    "'2026-01-01 00:00:00')"
                )
            )
        # 2: its link was withdrawn after closing; 3: a link set then taken off; 4: never one
        for entity_id, value in ((2, "'tok2'"), (3, "'tok3'"), (3, "NULL")):
            await connection.execute(
                text(
                    "INSERT INTO auditentry (at, actor_id, coop_id, entity, entity_id, action, field, "
                    f"new_value) VALUES ('2026-01-01 00:00:00', 7, {coop.id}, 'consultation', {entity_id}, "
                    f"'update', 'public_token', {value})"
                )
            )
    applied = await database.upgrade()
    assert [m.version for m in applied] == list(range(16, LATEST_VERSION + 1))
    async with database.engine.connect() as connection:
        rows = (await connection.execute(text("SELECT id, via_link FROM consultation ORDER BY id"))).all()
    assert [(cid, bool(via)) for cid, via in rows] == [(1, True), (2, True), (3, False), (4, False)]
    await database.dispose()
