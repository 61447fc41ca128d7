"""The SQL of an update and of the reminder sweep, counted: the structural wins of issue 12 stay won.

Counted on the engine (SQLAlchemy's ``before_cursor_execute`` and ``commit`` events), whatever
model function runs the statements. Not timed: speed lives in benchmark/.
"""

from __future__ import annotations

from contextlib import AsyncExitStack, contextmanager
from datetime import datetime, timedelta

import pytest
from sqlalchemy import event, insert
from sqlmodel import SQLModel

from benchmark.seed import ORDER
from benchmark.seed_rows import LEADS, build
from bot.delivery.reminders import deliver_reminders, hand_over_reminders
from models.clock import PARIS
from models.db import Database
from models.dossier.current import current_dossier
from models.sql.writes import update_row
from models.tables import DossierStatus, SentReminder
from tests.dossier_steps import choose, join, open_home
from tests.harness import BotHarness

# where each figure stands; the visitor is read with their coop's current dossier and its chosen
# engagements (one statement), which the update's next transaction takes instead of reading them again
NAVIGATION = 1  # the visitor, with their position and the axis screen's dossier and choices
SAME_SCREEN = 1  # the same, with nothing to write
CHOICE = 4  # the visitor (1), the choice, its audit entry and the dossier's version (3)
# a typed answer's position is saved with the message id its next question will most likely get
TYPED_ANSWER = 7  # the visitor (1), the new indicator (the dossier held, its siblings and their titles, the
# row, its audit entry and the dossier's version: 5; a title its engagement has is refused before anything
# changes), its position (1); its next question draws the row created, not read again
FIELD_ANSWER = 6  # the visitor (1), the indicator (1), the field, its audit entry and the dossier's
# version (3), the position (1): each row read once
SWEEP = 3  # what is due: checkpoints with their members (1), the committee (1); handed over as pending (1)
# sends cut short by a gone instance settled (1), the pending reminders (1), the bilans already sent
# for their 6- and 12-month checkpoints (1, when any is due: the reminder says so); then per reminder:
DELIVERY = 3
PER_REMINDER = 2  # its claim (pending → sending) and its settling, each in its own commit


class Counted:
    """Statements and commits seen on an engine, with the statements themselves."""

    def __init__(self) -> None:
        self.statements: list[str] = []
        self.commits = 0

    def said(self) -> str:
        """The statements, for an assertion's message."""
        return "\n".join(s[:150] for s in self.statements)

    def touching(self, table: str) -> list[str]:
        """The statements that name a table."""
        return [s for s in self.statements if f" {table} " in f" {s} ".replace('"', " ")]


def updates_of_user(counted: Counted) -> list[str]:
    """The statements that write the user's row (« user » is quoted on PostgreSQL)."""
    return [s for s in counted.statements if s.replace('"', "").startswith("UPDATE user ")]


@contextmanager
def counting(engine):
    """Count what an async engine runs and commits within the block."""
    counted = Counted()
    sync = engine.sync_engine

    def statement(_conn, _cursor, sql, _parameters, _context, _many) -> None:
        counted.statements.append(" ".join(sql.split()))

    def commit(_conn) -> None:
        counted.commits += 1

    event.listen(sync, "before_cursor_execute", statement)
    event.listen(sync, "commit", commit)
    try:
        yield counted
    finally:
        event.remove(sync, "before_cursor_execute", statement)
        event.remove(sync, "commit", commit)


async def test_a_navigation_button_reads_the_visitor_once_and_writes_nothing(harness):
    camille = await join(harness, 1201, "fr")
    await camille.send("/dossier")
    with counting(harness.database.engine) as counted:
        await camille.press("Axe 1")
    assert "Axe 1" in camille.last_text
    assert len(counted.statements) <= NAVIGATION, counted.said()
    assert counted.commits == 0, counted.said()
    assert len(counted.touching("member")) == 1  # who is asking: one statement, with the position
    assert not updates_of_user(counted)  # last-seen is fresh


async def test_a_screen_drawn_again_where_it_was_writes_nothing(harness):
    camille = await join(harness, 1202, "fr")
    await camille.send("/dossier")
    home = camille.last
    axis = camille.find_button("Axe 1")[1]
    await camille.press("Axe 1")  # the home is edited into the axis: the same message
    with counting(harness.database.engine) as counted:
        await camille.press_data(home, axis)  # a second tap on the same button
    assert "Axe 1" in camille.last_text
    assert counted.commits == 0, counted.said()
    assert len(counted.statements) <= SAME_SCREEN, counted.said()
    assert not [s for s in counted.statements if not s.startswith("SELECT")], counted.said()


async def test_choosing_an_engagement_reads_the_dossier_once_and_commits_once(harness):
    camille = await join(harness, 1205, "fr")
    await camille.send("/dossier")
    await camille.press("Axe 1")
    with counting(harness.database.engine) as counted:
        await camille.press("⬜ 1 · ")
    assert "✅ 1 · " in " ".join(camille.buttons())
    assert len(counted.statements) <= CHOICE and counted.commits == 1, counted.said()
    assert [s for s in counted.touching("dossier") if s.startswith("SELECT")] == counted.statements[:1]
    assert not [s for s in counted.touching("chatstate") if not s.startswith("SELECT")]  # menu to menu


async def home_with_a_writer_between(harness, user_id: int, writer) -> tuple[str, Counted]:
    """« 🏠 » pressed on the axis screen, with ``writer`` run between the visit and the screen."""
    camille = await join(harness, user_id, "fr")
    await camille.send("/dossier")
    await camille.press("Axe 1")

    async def meanwhile(_update, _context) -> None:
        await writer(camille.invitations.coop.id)

    with harness.meanwhile(meanwhile), counting(harness.database.engine) as counted:
        await camille.press("🏠 Mon dossier")
    return camille.last_text, counted


async def marked_ready(session, coop_id: int) -> None:
    """What a colleague's « mark as ready » writes."""
    await update_row(session, await current_dossier(session, coop_id), status=DossierStatus.READY)


async def test_the_dossier_read_with_the_visitor_is_read_again_once_another_transaction_ran(harness):
    async def another_transaction(coop_id: int) -> None:  # an upload, a job
        async with harness.database.transaction() as session:
            await marked_ready(session, coop_id)

    screen, counted = await home_with_a_writer_between(harness, 1206, another_transaction)
    assert "Prêt à soumettre" in screen  # not the « Brouillon » the visitor's read saw
    assert len([s for s in counted.touching("dossier") if s.startswith("SELECT")]) == 3, counted.said()


async def test_nor_once_a_transaction_begun_before_the_visit_committed(harness):
    # a Mini App request's, on PostgreSQL: it began first, wrote, and commits while the update runs
    stack = AsyncExitStack()
    begun = await stack.enter_async_context(harness.database.transaction())

    async def commit_begun(coop_id: int) -> None:
        await marked_ready(begun, coop_id)
        await stack.aclose()

    screen, _counted = await home_with_a_writer_between(harness, 1207, commit_begun)
    assert "Prêt à soumettre" in screen


async def at_a_new_indicators_title(harness, user_id: int):
    """A member of a new coop, engagement 1 chosen, asked the title of their own new indicator."""
    camille = await join(harness, user_id, "fr")
    await choose(camille, [1])
    await open_home(camille)
    for label in ("📊 Indicateurs", " 1 · ", "➕ Ajouter un indicateur", "✏️ Mon propre indicateur"):
        await camille.press(label)
    return camille


async def test_a_typed_answer_is_stored_with_its_position_in_one_transaction(harness):
    camille = await at_a_new_indicators_title(harness, 1203)
    with counting(harness.database.engine) as counted:
        await camille.send("Délai de relogement")
    assert len(counted.statements) <= TYPED_ANSWER, counted.said()
    assert [s[:6] for s in counted.touching("indicator")] == ["SELECT", "INSERT"], counted.said()
    # the answer with the next position and the message the next question is drawn in
    assert counted.commits == 1, counted.said()


async def test_an_answer_to_a_field_reads_each_row_once(harness):
    camille = await at_a_new_indicators_title(harness, 1204)
    await camille.send("Délai de relogement")  # the indicator is created; the wizard asks its rationale
    with counting(harness.database.engine) as counted:
        await camille.send("Reloger vite les ménages qui en ont besoin")
    assert len(counted.statements) <= FIELD_ANSWER, counted.said()
    assert len(counted.touching("indicator")) == 2, counted.said()  # read once (the next question too)
    # read once (with the visitor), held by the field's write (FOR UPDATE on PostgreSQL: the order of
    # locks of every change), its version bumped once, after
    said = [" ".join(s.split()[:2]) if s.startswith("UPDATE") else s[:6] for s in counted.touching("dossier")]
    assert said == ["SELECT", "UPDATE indicator", "UPDATE dossier"], counted.said()
    assert counted.commits == 1, counted.said()


async def test_a_write_of_last_seen_only_when_it_is_stale(tmp_path):
    now = [datetime(2027, 3, 1, 9, tzinfo=PARIS)]
    bot = BotHarness(tmp_path, clock=lambda: now[0])
    await bot.start()
    try:
        camille = await join(bot, 1204, "fr")
        await camille.send("/dossier")
        now[0] += timedelta(minutes=5)  # seen 5 minutes ago: fresh enough
        with counting(bot.database.engine) as fresh:
            await camille.send("/dossier")
        now[0] += timedelta(hours=1)
        with counting(bot.database.engine) as stale:
            await camille.send("/dossier")
    finally:
        await bot.stop()
    assert not updates_of_user(fresh), fresh.said()
    assert len(updates_of_user(stale)) == 1, stale.said()


async def federation(tmp_path, coops: int) -> tuple[BotHarness, datetime, int]:
    """A bot on a federation of ``coops`` coops, their history, and the same few reminders due."""
    day = datetime(2027, 3, 1).date()
    rows = build(coops, active=0, due_checkpoints=3, sweep_day=day)
    (tmp_path / str(coops)).mkdir()
    bot = BotHarness(tmp_path / str(coops), clock=lambda: datetime(2027, 3, 1, 9, 5, tzinfo=PARIS))
    await bot.start()
    async with bot.database.engine.begin() as connection:
        for name in ORDER:
            found = rows.tables.get(name)
            if name == SentReminder.__tablename__:  # the sweep inserts more: the database numbers them
                found = [{k: v for k, v in row.items() if k != "id"} for row in found]
            if found:
                await connection.execute(insert(SQLModel.metadata.tables[name]), found)
    return bot, datetime(2027, 3, 1, 9, 5, tzinfo=PARIS), rows.due_reminders


async def test_the_sweep_runs_the_same_few_statements_whatever_the_number_of_coops(tmp_path):
    counts = []
    for coops in (20, 200):
        bot, at, due = await federation(tmp_path, coops)
        try:
            with counting(bot.database.engine) as found:
                await hand_over_reminders(bot.application, at)
            with counting(bot.database.engine) as delivered:
                sent = await deliver_reminders(bot.application, at)
        finally:
            await bot.stop()
        assert sent == due > 0
        assert len(found.statements) == SWEEP and found.commits == 1, found.said()  # whatever is due
        assert found.statements[-1].startswith("INSERT INTO sentreminder"), found.said()  # one batched write
        # the send pipeline, as for an announcement's deliveries: each claim committed before its send
        assert len(delivered.statements) == DELIVERY + PER_REMINDER * due, delivered.said()
        assert delivered.commits == 1 + PER_REMINDER * due, delivered.said()
        counts.append(len(found.statements))
    assert counts[0] == counts[1]
    assert LEADS  # the seeded reminders fall due at the product's default leads


async def test_every_sqlite_connection_gets_the_chosen_pragmas(db_url):
    database = Database(db_url)
    try:
        if database.engine.dialect.name != "sqlite":
            pytest.skip("SQLite's pragmas")
        async with database.engine.connect() as first, database.engine.connect() as second:
            for connection in (first, second):  # two pooled connections: each was set up
                said = {
                    name: (await connection.exec_driver_sql(f"PRAGMA {name}")).scalar()
                    for name in (
                        "foreign_keys",
                        "journal_mode",
                        "synchronous",
                        "busy_timeout",
                        "wal_autocheckpoint",
                    )
                }
                assert said == {
                    "foreign_keys": 1,
                    "journal_mode": "wal",
                    "synchronous": 1,
                    "busy_timeout": 5000,
                    "wal_autocheckpoint": 10_000,  # the running bot checkpoints in a thread
                }
    finally:
        await database.dispose()
