"""A refused statement's error never carries what a member typed: SQLAlchemy formats a statement's
parameters into its errors (« [parameters: ('<their words>', …)] »), which the log keeps; the engine hides
them, so a bug's traceback names the statement and never the words (SQLite and PostgreSQL alike)."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import StatementError

WORDS = "Nos locataires ont peur des travaux"


async def test_a_refused_statement_s_error_does_not_carry_its_parameters(db) -> None:
    with pytest.raises(StatementError) as refused:
        async with db.transaction() as session:
            connection = await session.connection()
            await connection.execute(
                text("INSERT INTO no_such_table (words) VALUES (:words)"), {"words": WORDS}
            )
    assert "no_such_table" in str(refused.value)  # the statement is still named, for the one who debugs
    assert WORDS not in str(refused.value)
