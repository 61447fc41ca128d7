"""How statements reach the database: SQLite run in the loop, and statements prepared once."""
