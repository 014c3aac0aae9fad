-- The per-conversation limit, counted in the database so it holds across instances and
-- restarts: reservations of a conversation within the window are counted (indexed), under a
-- lock on the conversation's row here (an upsert), so two instances count one after the
-- other. Applied like 0001 (idempotent CREATE ... IF NOT EXISTS).

CREATE TABLE IF NOT EXISTS write_conversations (
    conversation_id TEXT PRIMARY KEY,
    touched_at BIGINT NOT NULL
);

CREATE INDEX IF NOT EXISTS write_reservations_by_conversation ON write_reservations (conversation_id, created_at);
