-- The PII vault: the originals of the values replaced by tokens at ingress, encrypted
-- (AES-256-GCM, base64 nonce and ciphertext). Keyed by conversation and token: a token is
-- read back only within its own conversation.
CREATE TABLE IF NOT EXISTS pii_vault (
    conversation_id TEXT NOT NULL,
    token TEXT NOT NULL,
    kind TEXT NOT NULL,
    nonce TEXT NOT NULL,
    ciphertext TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (conversation_id, token)
);
CREATE INDEX IF NOT EXISTS pii_vault_age ON pii_vault (created_at);
