"""Named schema migrations. Each runs once, in order, inside a transaction.

Add a migration by appending ``(name, sql)`` to ``MIGRATIONS``; never edit one
that has shipped. ``schema_migrations`` records what a database has applied.
"""

from __future__ import annotations

import duckdb

_EVENT_COLUMNS = """
    event_id VARCHAR PRIMARY KEY,
    dataset VARCHAR NOT NULL,
    date DATE,
    date_precision VARCHAR,
    source_code VARCHAR,
    source_country VARCHAR,
    source_sector VARCHAR,
    source_name VARCHAR,
    target_code VARCHAR,
    target_country VARCHAR,
    target_sector VARCHAR,
    target_name VARCHAR,
    cameo_code VARCHAR,
    cameo_root VARCHAR,
    plover_type VARCHAR,
    quad_class TINYINT,
    origin_quad_class TINYINT,
    goldstein FLOAT,
    confidence FLOAT,
    speculative BOOLEAN,
    negated BOOLEAN,
    doc_id VARCHAR,
    sentence_id INTEGER,
    sentence VARCHAR,
    spans VARCHAR,
    origin VARCHAR,
    coder_version VARCHAR,
    report_of VARCHAR
"""

_ACTOR_FIELDS = [f"{side}_{part}" for side in ("source", "target") for part in ("code", "country", "sector", "name")]

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_initial",
        f"""
        CREATE TABLE events ({_EVENT_COLUMNS});
        -- Every place an event was seen: the same event in two files is one row
        -- in events and two rows here.
        CREATE TABLE event_origins (
            event_id VARCHAR NOT NULL,
            origin VARCHAR NOT NULL,
            PRIMARY KEY (event_id, origin)
        );
        CREATE TABLE documents (
            doc_id VARCHAR PRIMARY KEY,
            title VARCHAR,
            text VARCHAR,
            date DATE,
            source VARCHAR,
            added_at TIMESTAMP DEFAULT current_timestamp
        );
        CREATE TABLE sentences (
            doc_id VARCHAR NOT NULL,
            sentence_id INTEGER NOT NULL,
            start_char INTEGER,
            end_char INTEGER,
            text VARCHAR,
            PRIMARY KEY (doc_id, sentence_id)
        );
        CREATE TABLE imports (
            import_id VARCHAR PRIMARY KEY,
            path VARCHAR,
            file_hash VARCHAR,
            dataset VARCHAR,
            started_at TIMESTAMP,
            finished_at TIMESTAMP,
            rows_read BIGINT,
            stored BIGINT,
            set_aside BIGINT,
            duplicates BIGINT,
            status VARCHAR
        );
        CREATE TABLE rejects (
            import_id VARCHAR,
            file VARCHAR,
            line BIGINT,
            reason VARCHAR,
            raw VARCHAR
        );
        -- Reporting volume per country and day (GDELT's daily totals), used to
        -- normalise dyad series.
        CREATE TABLE country_volume (
            date DATE NOT NULL,
            country VARCHAR NOT NULL,
            events BIGINT,
            PRIMARY KEY (date, country)
        );
        """,
    ),
    (
        "0002_gdelt_mentions",
        """
        -- GDELT 2.0 mentions: every article (and sentence) that mentioned an event.
        CREATE TABLE gdelt_mentions (
            event_id VARCHAR NOT NULL,
            global_event_id BIGINT,
            event_time TIMESTAMP,
            mention_time TIMESTAMP,
            mention_type TINYINT,
            source_name VARCHAR,
            identifier VARCHAR NOT NULL,
            sentence_id INTEGER NOT NULL,
            confidence TINYINT,
            doc_tone FLOAT,
            origin VARCHAR,
            PRIMARY KEY (event_id, identifier, sentence_id)
        );
        """,
    ),
    (
        "0003_trim_actor_fields",
        # Imports before this kept GDELT's " AFG" (and " " for no actor) as written.
        "UPDATE events SET "
        + ", ".join(f"{f} = nullif(trim({f}), '')" for f in _ACTOR_FIELDS)
        + " WHERE "
        + " OR ".join(f"{f} IS DISTINCT FROM nullif(trim({f}), '')" for f in _ACTOR_FIELDS)
        + ";",
    ),
]


def apply(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply every pending migration; return the names applied now."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP DEFAULT current_timestamp)"
    )
    done = {r[0] for r in con.execute("SELECT name FROM schema_migrations").fetchall()}
    applied = []
    for name, sql in MIGRATIONS:
        if name in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations (name) VALUES (?)", [name])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(name)
    return applied


def pending(con: duckdb.DuckDBPyConnection) -> list[str]:
    try:
        done = {r[0] for r in con.execute("SELECT name FROM schema_migrations").fetchall()}
    except duckdb.CatalogException:
        done = set()
    return [name for name, _ in MIGRATIONS if name not in done]
