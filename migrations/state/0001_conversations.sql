-- Conversation state and processed tickets. Portable SQL: runs on SQLite and PostgreSQL.
CREATE TABLE IF NOT EXISTS conversations (
    conversation_id TEXT PRIMARY KEY,
    channel TEXT NOT NULL,
    customer_json TEXT NOT NULL,
    state_json TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS turns (
    conversation_id TEXT NOT NULL,
    ticket_id TEXT NOT NULL,
    role TEXT NOT NULL,
    body TEXT NOT NULL,
    at BIGINT NOT NULL,
    PRIMARY KEY (conversation_id, ticket_id, role)
);

CREATE TABLE IF NOT EXISTS processed_tickets (
    ticket_id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL,
    outcome TEXT NOT NULL,
    finished_at BIGINT NOT NULL
);
