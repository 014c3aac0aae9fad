-- The agent-assist console (src/console/). Portable SQL: runs on SQLite and PostgreSQL.
-- Numbered 0010 to leave 0002-0009 to the pipeline's own tables.

-- One row per handed-off ticket, filled from the handoffs topic by the console's consumer
-- group (insert by ticket id, so a redelivered record changes nothing) and worked by people.
CREATE TABLE IF NOT EXISTS handoffs (
    ticket_id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    reason_code TEXT NOT NULL,
    intent TEXT NOT NULL,
    summary TEXT NOT NULL,
    -- The Handoff record as JSON, and the Kafka headers it came with.
    record_json TEXT NOT NULL,
    headers_json TEXT NOT NULL,
    handed_off_at BIGINT NOT NULL,
    stored_at BIGINT NOT NULL,
    -- open | closed | returned (handed back to the agent) | superseded (a later handoff
    -- of the same conversation arrived)
    status TEXT NOT NULL,
    claimed_by TEXT,
    claimed_at BIGINT,
    first_claimed_at BIGINT,
    closed_at BIGINT,
    closed_by TEXT,
    -- none | proposed | approving | approved | rejected | failed
    action_status TEXT NOT NULL,
    action_by TEXT,
    action_at BIGINT,
    action_result TEXT
);
CREATE INDEX IF NOT EXISTS handoffs_queue ON handoffs (status, handed_off_at);
-- The queue's counts per reason, intent and channel read these alone (no table rows), and
-- a queue filtered by reason reads its rows in age order.
CREATE INDEX IF NOT EXISTS handoffs_reason ON handoffs (status, reason_code, handed_off_at);
CREATE INDEX IF NOT EXISTS handoffs_intent ON handoffs (status, intent);
CREATE INDEX IF NOT EXISTS handoffs_channel ON handoffs (status, channel);
CREATE INDEX IF NOT EXISTS handoffs_conversation ON handoffs (conversation_id);

-- People who may sign in; roles is a comma-separated subset of agent,approver,admin.
CREATE TABLE IF NOT EXISTS console_users (
    username TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    roles TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

-- Signed-in sessions: the cookie's SHA-256 (never the cookie itself) and the CSRF token of
-- the session's forms.
CREATE TABLE IF NOT EXISTS console_sessions (
    token_hash TEXT PRIMARY KEY,
    username TEXT NOT NULL,
    csrf TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);

-- What people did on a handoff (claims, notes, approvals, ...), shown in its history.
CREATE TABLE IF NOT EXISTS console_events (
    event_id TEXT PRIMARY KEY,
    ticket_id TEXT NOT NULL,
    actor TEXT NOT NULL,
    kind TEXT NOT NULL,
    body TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS console_events_ticket ON console_events (ticket_id, at);

-- Replies people sent: one row per outbound record (`<ticket>:agent:<n>`), with how much
-- the agent's draft was edited.
CREATE TABLE IF NOT EXISTS console_replies (
    reply_ticket_id TEXT PRIMARY KEY,
    ticket_id TEXT NOT NULL,
    actor TEXT NOT NULL,
    edit_class TEXT NOT NULL,
    edit_distance BIGINT NOT NULL,
    body TEXT NOT NULL,
    sent_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS console_replies_ticket ON console_replies (ticket_id);
