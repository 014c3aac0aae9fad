-- The write-action gate's tables. Portable SQL (SQLite and PostgreSQL). Applied by
-- `Ledger::connect` as idempotent CREATE ... IF NOT EXISTS statements, not by sqlx's
-- migrator: the state database already has the root crate's migrator, and sqlx keeps one
-- `_sqlx_migrations` table per database, so a second migrator on the same database would
-- see the other's versions as unknown and fail. Forward-only: add new files, never edit.

-- Writes per customer per UTC day (the daily cap, shared by every instance of the stage).
CREATE TABLE IF NOT EXISTS write_ledger (
    customer_id TEXT NOT NULL,
    day TEXT NOT NULL,
    count BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (customer_id, day)
);

-- One row per held slot, keyed by the write's idempotency key, so a redelivered ticket
-- re-uses its reservation instead of consuming a second one. Released slots are deleted.
CREATE TABLE IF NOT EXISTS write_reservations (
    idempotency_key TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL,
    day TEXT NOT NULL,
    action TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    ticket_id TEXT NOT NULL,
    count BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE INDEX IF NOT EXISTS write_reservations_by_day ON write_reservations (day);
