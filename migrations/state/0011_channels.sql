-- Channels (src/channels/). Portable SQL: runs on SQLite and PostgreSQL.

-- One row per inbound message accepted by the gateway, the IMAP poller or an import,
-- keyed by the ticket id derived from the provider's own event id: a retried webhook or a
-- re-imported row finds its row and makes no second ticket. `state` is `claimed` while a
-- request publishes it and `published` once the broker acknowledged it. `provider` and
-- `origin_json` say where the answer goes (read by `frontdesk deliver`).
CREATE TABLE IF NOT EXISTS channel_inbox (
    ticket_id TEXT PRIMARY KEY,
    provider TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    origin_json TEXT NOT NULL,
    state TEXT NOT NULL,
    claimed_at BIGINT NOT NULL,
    published_at BIGINT
);

-- E-mail threading: every Message-ID seen (received, or sent by deliver) and its
-- conversation, so a reply continues its thread through In-Reply-To / References.
CREATE TABLE IF NOT EXISTS mail_threads (
    message_id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

-- What deliver sent, one row per (ticket, provider, kind): a redelivered resolution or
-- handoff finds `sent` (or `dead`) and is not posted again. `parts_done` counts the parts
-- the provider accepted (SMS segments, a note then an assignment), so a restart resumes
-- after them; `detail` holds the provider's id of what was created, or why it failed.
CREATE TABLE IF NOT EXISTS channel_outbox (
    ticket_id TEXT NOT NULL,
    provider TEXT NOT NULL,
    kind TEXT NOT NULL,
    state TEXT NOT NULL,
    parts_done INTEGER NOT NULL,
    attempts INTEGER NOT NULL,
    detail TEXT,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (ticket_id, provider, kind)
);

-- Import checkpoints: how many items of a source file are done, so an interrupted
-- `frontdesk import` resumes after them.
CREATE TABLE IF NOT EXISTS import_progress (
    source TEXT PRIMARY KEY,
    position BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
