"""The admins' alert names where a failure is, never what was typed: a database refusal is keyed by its
own code (a constraint, PostgreSQL's SQLSTATE, SQLite's error name) and by the innermost line of ours
outside the database plumbing every statement passes through (models/db.py, models/sql/), so two
unrelated refusals are two alerts in a period, each naming its place, where both read « … at
models/db.py in transaction » and the second was only counted under the first."""

from __future__ import annotations

from bot.logs import where_raised
from bot.outages import AlertThrottle
from models.tables import Coop
from models.tables.dossier import Dossier

TAKEN = "Coop des Lilas — nom confidentiel"


async def refusal_of(db, row) -> Exception:
    """The error a transaction adding ``row`` fails with (at its flush, in models/db.py)."""
    try:
        async with db.transaction() as session:
            session.add(row)
    except Exception as error:  # whichever the database raises
        return error
    raise AssertionError(f"{row!r} was stored")


async def test_two_unrelated_refusals_are_two_alerts_each_naming_its_place_not_its_values(db):
    async with db.transaction() as session:
        session.add(Coop(name=TAKEN))
    name_taken = await refusal_of(db, Coop(name=TAKEN))
    no_such_coop = await refusal_of(db, Dossier(coop_id=987654, cycle=1))
    first, second = where_raised(name_taken), where_raised(no_such_coop)
    assert first != second
    for key in (first, second):
        assert "tests/unit/test_alert_keys.py" in key and " in refusal_of" in key, key
        assert "models/db.py" not in key and TAKEN not in key and "987654" not in key, key
    throttle = AlertThrottle()
    assert throttle.should_alert(first) is not None and throttle.should_alert(second) is not None
