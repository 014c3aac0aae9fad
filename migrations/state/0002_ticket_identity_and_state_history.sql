-- A ticket is the same ticket by (ticket_id, channel, tenant): two channels or two tenants
-- may issue equal ids. Rows finished before this migration keep their conversation's channel
-- and the default tenant.
CREATE TABLE processed_tickets_by_key (
    ticket_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    tenant TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    outcome TEXT NOT NULL,
    finished_at BIGINT NOT NULL,
    PRIMARY KEY (ticket_id, channel, tenant)
);

INSERT INTO processed_tickets_by_key (ticket_id, channel, tenant, conversation_id, outcome, finished_at)
SELECT p.ticket_id, COALESCE(c.channel, ''), '', p.conversation_id, p.outcome, p.finished_at
FROM processed_tickets p LEFT JOIN conversations c ON c.conversation_id = p.conversation_id;

DROP TABLE processed_tickets;

ALTER TABLE processed_tickets_by_key RENAME TO processed_tickets;

-- A conversation's state after each of its last tickets (`StateDb::save_state`), so a
-- redelivered ticket loads the state from before it. `conversations.state_json` is no
-- longer written; its last value becomes the first entry here (ticket unknown).
CREATE TABLE conversation_states (
    conversation_id TEXT NOT NULL,
    ticket_id TEXT NOT NULL,
    seq BIGINT NOT NULL,
    state_json TEXT NOT NULL,
    saved_at BIGINT NOT NULL,
    PRIMARY KEY (conversation_id, ticket_id)
);

CREATE INDEX conversation_states_by_seq ON conversation_states (conversation_id, seq);

INSERT INTO conversation_states (conversation_id, ticket_id, seq, state_json, saved_at)
SELECT conversation_id, '', 1, state_json, updated_at FROM conversations WHERE state_json <> '{}';
