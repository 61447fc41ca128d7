"""/tableau for a federation of many coops: the same few statements whatever their number, the chat
told at once that the work has begun, and counts written the reader's way (« 1 200 »)."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import event, insert
from sqlmodel import SQLModel

from benchmark.seed import ORDER
from benchmark.seed_rows import build
from models.label.dashboard import build_dashboard
from models.label.stages import coop_stages
from models.tables import Checkpoint, Coop, Dossier, DossierStatus, EngagementChoice, Member, User
from tests.conftest import ADMIN_ID, NOW
from tests.harness import BotHarness

TODAY = NOW.date()


@contextmanager
def statements(harness):
    """The SQL statements run within the block, each with the number of Telegram calls made before it."""
    seen: list[tuple[str, int]] = []

    def statement(_conn, _cursor, sql, _parameters, _context, _many) -> None:
        seen.append((" ".join(sql.split()), len(harness.fake.calls)))

    sync = harness.database.engine.sync_engine
    event.listen(sync, "before_cursor_execute", statement)
    try:
        yield seen
    finally:
        event.remove(sync, "before_cursor_execute", statement)


async def federation(tmp_path, coops: int) -> BotHarness:
    """A bot on a federation of ``coops`` coops at every stage (the benchmark's: people, dossiers,
    engagements, checkpoints), and one coop renewing its label, its cycle 2 a draft."""
    rows = build(coops, active=coops // 4, due_checkpoints=2, sweep_day=TODAY)
    rows.coop(coops + 1, DossierStatus.RENEWED, (1, 2))  # ids given: PostgreSQL's sequences stay behind
    renewed = rows.tables["dossier"][-1]
    renewed["labelled_on"] = date(2025, 1, 15)
    cycle_two = {
        **renewed,
        "cycle": 2,
        "status": DossierStatus.DRAFT,
        "submitted_at": None,
        "labelled_on": None,
    }
    rows.add("dossier", **{column: value for column, value in cycle_two.items() if column != "id"})
    (tmp_path / str(coops)).mkdir()
    bot = BotHarness(tmp_path / str(coops), admin_ids=(ADMIN_ID,), clock=lambda: NOW)
    await bot.start()
    async with bot.database.engine.begin() as connection:
        for name in ORDER:
            if rows.tables.get(name):
                await connection.execute(insert(SQLModel.metadata.tables[name]), rows.tables[name])
    return bot


async def test_the_dashboard_runs_the_same_statements_for_20_coops_as_for_200(tmp_path):
    """Counted on the engine, for the text and for the table: no statement per coop."""
    counts = []
    for coops in (20, 200):
        bot = await federation(tmp_path, coops)
        try:
            admin = bot.user(ADMIN_ID, language_code="fr")
            with statements(bot) as text:
                await admin.send("/tableau")
            with statements(bot) as table:
                await admin.send("/tableau csv")
            assert f"Coopératives\u00a0: {coops + 1} · " in admin.texts()[-2], admin.texts()[-2]
        finally:
            await bot.stop()
        counts.append((len(text), len(table)))
    assert counts[0] == counts[1], (counts, [sql for sql, _ in table])
    assert counts[1][1] < 15, [sql for sql, _ in table]


async def test_some_coops_stages_read_as_the_dashboard_counts_them(tmp_path):
    """The requests' inbox reads its page's coops' stages (``coop_stages`` for those coops): the same as
    those coops' lines in /tableau."""
    bot = await federation(tmp_path, 60)
    try:
        async with bot.database.transaction() as session:
            board = await build_dashboard(session, TODAY)
            some = [line.coop.id for line in board.lines[::3]]
            alone = await coop_stages(session, TODAY, some)
    finally:
        await bot.stop()
    assert {line.stage for line in board.lines} >= {"not_started", "preparing", "submitted", "labelled"}
    assert alone == {line.coop.id: line.stage for line in board.lines if line.coop.id in some}


async def test_the_chat_is_told_before_the_counting_begins(tmp_path):
    """« typing… » for the figures, « sending a file… » for the table, before the coops are read: with thousands of coops the reader knows it is coming."""
    bot = await federation(tmp_path, 10)
    try:
        admin = bot.user(ADMIN_ID, language_code="fr")
        for command, action in (("/tableau", "typing"), ("/tableau csv", "upload_document")):
            first_call = len(bot.fake.calls)
            with statements(bot) as seen:
                await admin.send(command)
            calls = bot.fake.calls[first_call:]
            actions = [i for i, call in enumerate(calls) if call.method.lower() == "sendchataction"]
            assert actions and calls[actions[0]].params.get("action") == action, [c.method for c in calls]
            counting = next(at for sql, at in seen if sql.endswith("FROM coop"))  # the coops read
            assert first_call + actions[0] < counting
    finally:
        await bot.stop()


async def registered_coops(harness, coops: int, soon: int) -> None:
    """``coops`` coops, each with its direction registered, a dossier submitted and engagement 1 chosen;
    ``soon`` of them with a checkpoint in the next 60 days."""
    async with harness.database.transaction() as session:
        rows = [Coop(name=f"Coop {n:05d}", created_at=datetime(2025, 1, 1, tzinfo=UTC)) for n in range(coops)]
        session.add_all(rows)
        session.add_all(User(id=9_000_000 + n, first_name=f"D{n}") for n in range(coops))
        await session.flush()
        session.add_all(Member(user_id=9_000_000 + n, coop_id=coop.id) for n, coop in enumerate(rows))
        dossiers = [
            Dossier(coop_id=coop.id, status=DossierStatus.SUBMITTED, submitted_at=NOW - timedelta(days=30))
            for coop in rows
        ]
        session.add_all(dossiers)
        await session.flush()
        session.add_all(EngagementChoice(dossier_id=dossier.id, engagement_code=1) for dossier in dossiers)
        session.add_all(
            Checkpoint(dossier_id=dossier.id, kind="six_months", due_on=TODAY + timedelta(days=10))
            for dossier in dossiers[:soon]
        )


async def test_thousands_are_written_the_french_way(harness):
    """« 1 200 », « 1 200 sur 1 200 », « 1 200 coopératives l’ont choisi »: babel's grouping, never
    « 1200 »; the checkpoints beyond the twenty shown point to the table that has them all."""
    await registered_coops(harness, 1200, soon=1046)
    admin = harness.user(ADMIN_ID, language_code="fr")
    await admin.send("/tableau")
    text = admin.last_text
    thousands = "1\u202f200"  # CLDR's French group separator: a narrow no-break space
    assert f"Coopératives\u00a0: {thousands} · {thousands} inscrites dans l’assistant" in text, text
    assert f"Engagées\u00a0: {thousands} sur {thousands} coopératives inscrites" in text
    assert f"Dossiers en attente du comité\u00a0: {thousands}" in text
    assert f"• Dossier soumis\u00a0: {thousands}" in text
    assert "… et 1\u202f026 autres\u00a0: /tableau csv les donne tous" in text
    assert "1200" not in text and "1026" not in text
    await admin.send("/tableau engagements")
    assert f"{thousands}\u00a0coopératives l’ont choisi" in admin.last_text, admin.last_text
    assert "1200" not in admin.last_text
