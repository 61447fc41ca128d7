"""What every table is built on: a SQLModel whose pydantic validator waits for its first use.

pydantic builds a core schema, a validator and a serializer for each model when its class is
created: for the 34 tables, 0.7 MB and 6 % of the instructions their import runs, at every start.
A table row is never validated (sqlmodel constructs table models without their validator, and
SQLAlchemy loads rows without ``__init__``); only ``model_dump`` uses the serializer (a dossier's
submission, a personal-data export), and pydantic builds it there, the first time, for that table
alone (``defer_build``; about 0.7 ms a table).
"""

from __future__ import annotations

from pydantic import ConfigDict
from sqlmodel import SQLModel

# a database integer is 64-bit: an id typed or forged beyond it would fail in the database, not as a
# row not found (SQLite raises OverflowError): below this bound, every id is one a table may hold
LARGEST_ID = 2**62
# a table's own id (``id: int`` primary keys) is an INTEGER on PostgreSQL, 32 bits: a row id typed or forged
# beyond it fails there (« value out of int32 range »), where SQLite would find no row
ROW_ID_MAX = 2**31 - 1


class Table(SQLModel):
    """The base of every table: its pydantic schema is built on first use, not at import."""

    model_config = ConfigDict(defer_build=True)
