//! [`Vault`]: replaces PII in text with tokens and keeps the originals, encrypted, in the
//! state database's `pii_vault` table; reveals them again where a value must leave in
//! clear (a tool argument, the customer's own reply).
//!
//! A row is `(conversation_id, token, kind, nonce, ciphertext, created_at)`, keyed by
//! conversation and token: a token is read back only within its own conversation, so a
//! token copied into another conversation (by a customer, or a model) reveals nothing.
//! The ciphertext is AES-256-GCM of the value under the vault key, with a random 96-bit
//! nonce per row and the conversation and token as associated data (a row moved to
//! another key cannot be decrypted). Deleting a conversation's rows is crypto-shredding:
//! its tokens, wherever they were copied, no longer mean anything.

use std::collections::HashMap;

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use base64::Engine;
use frontdesk_guard::PiiKind;
use regex::Regex;
use sqlx::{AnyPool, Row};

use super::config::PrivacyConfig;
use super::keys::{random, Keys};
use super::token::{find_tokens, kind_code, kind_of_code, may_hold_tokens, token};
use crate::messages::{now_ms, Ticket};

/// Errors of the vault.
#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    /// The state database failed.
    #[error("PII vault: {0}")]
    Db(#[from] sqlx::Error),
    /// A `keep_clear` pattern does not compile.
    #[error("privacy.keep_clear pattern `{pattern}`: {reason}")]
    Pattern {
        /// The pattern.
        pattern: String,
        /// The regex error.
        reason: String,
    },
    /// Encryption failed (it does not, for values under 64 GiB; kept for the type).
    #[error("PII vault: encryption failed")]
    Encrypt,
}

impl From<VaultError> for crate::runtime::StageError {
    fn from(e: VaultError) -> Self {
        crate::runtime::StageError::Transient(e.to_string())
    }
}

/// One value replaced by a token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replaced {
    /// The token written in its place.
    pub token: String,
    /// What it is.
    pub kind: PiiKind,
    /// The original value.
    pub value: String,
}

/// The clear values of a conversation's tokens, by token.
pub type Revealed = HashMap<String, (PiiKind, String)>;

/// The vault; cheap to clone.
#[derive(Clone)]
pub struct Vault {
    keys: std::sync::Arc<Keys>,
    cipher: Aes256Gcm,
    kinds: Vec<PiiKind>,
    planner_reads: Vec<PiiKind>,
    keep_clear: Vec<Regex>,
    pool: AnyPool,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault")
            .field("kinds", &self.kinds)
            .field("ephemeral", &self.keys.ephemeral)
            .finish()
    }
}

impl Vault {
    /// A vault over the state database's `pool` (its table comes with the state
    /// migrations).
    pub fn new(cfg: &PrivacyConfig, keys: Keys, pool: AnyPool) -> Result<Vault, VaultError> {
        let keep_clear = cfg
            .keep_clear
            .iter()
            .map(|p| {
                Regex::new(&format!("^(?:{p})$")).map_err(|e| VaultError::Pattern {
                    pattern: p.clone(),
                    reason: e.to_string(),
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(Vault {
            cipher: Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(&keys.vault)),
            keys: std::sync::Arc::new(keys),
            kinds: cfg.kinds.clone(),
            planner_reads: cfg.planner_reads.clone(),
            keep_clear,
            pool,
        })
    }

    /// The kinds the offline planner reads in clear (`privacy.planner_reads`).
    pub fn planner_reads(&self) -> &[PiiKind] {
        &self.planner_reads
    }

    /// `text` with every PII value of a configured kind replaced by its token in
    /// `conversation_id`, and what was replaced. Pure: nothing is stored.
    pub fn tokenise(&self, conversation_id: &str, text: &str) -> (String, Vec<Replaced>) {
        let mut out = String::with_capacity(text.len());
        let mut replaced = Vec::new();
        let mut cursor = 0;
        for mut span in frontdesk_guard::detect_pii(text) {
            // The guard's e-mail and address spans take a sentence's full stop with them
            // ("…@example.com.", "…, TX 78701."): the value is the address, the stop stays
            // in the text.
            if matches!(span.kind, PiiKind::Email | PiiKind::StreetAddress) {
                let value = text.get(span.start..span.end).unwrap_or("");
                span.end = span.start + value.trim_end_matches(['.', ',', ';', ':']).len();
            }
            let Some(value) = text.get(span.start..span.end).filter(|v| !v.is_empty()) else {
                continue;
            };
            if !self.kinds.contains(&span.kind) || self.keep_clear.iter().any(|r| r.is_match(value))
            {
                continue;
            }
            let t = token(&self.keys.token, conversation_id, span.kind, value);
            out.push_str(&text[cursor..span.start]);
            out.push_str(&t);
            cursor = span.end;
            replaced.push(Replaced {
                token: t,
                kind: span.kind,
                value: value.to_owned(),
            });
        }
        out.push_str(&text[cursor..]);
        (out, replaced)
    }

    /// Tokenises `text` and stores the originals; returns the tokenised text and how
    /// many values were replaced. Idempotent: a value already in the vault keeps its row.
    pub async fn protect(
        &self,
        conversation_id: &str,
        text: &str,
    ) -> Result<(String, usize), VaultError> {
        let (out, replaced) = self.tokenise(conversation_id, text);
        self.store(conversation_id, &replaced).await?;
        Ok((out, replaced.len()))
    }

    /// The token `value` (of `kind`) has in `conversation_id`; nothing is stored.
    pub fn token_of(&self, conversation_id: &str, kind: PiiKind, value: &str) -> String {
        token(&self.keys.token, conversation_id, kind, value)
    }

    /// Stores `value` as a secret of `kind` in `conversation_id` and returns its token: a
    /// value no recogniser finds in text (a one-time code), which must still cross a topic
    /// sealed.
    pub async fn seal(
        &self,
        conversation_id: &str,
        kind: PiiKind,
        value: &str,
    ) -> Result<String, VaultError> {
        let sealed = Replaced {
            token: token(&self.keys.token, conversation_id, kind, value),
            kind,
            value: value.to_owned(),
        };
        self.store(conversation_id, std::slice::from_ref(&sealed))
            .await?;
        Ok(sealed.token)
    }

    /// Tokenises a ticket's subject and body in place (stored first); returns how many
    /// values were replaced. The channel identity (`customer`) stays: it is the verified
    /// sender, which routing and the answer need.
    pub async fn protect_ticket(&self, ticket: &mut Ticket) -> Result<usize, VaultError> {
        let (body, mut n) = self.protect(&ticket.conversation_id, &ticket.body).await?;
        ticket.body = body;
        if let Some(subject) = &ticket.subject {
            let (subject, m) = self.protect(&ticket.conversation_id, subject).await?;
            ticket.subject = Some(subject);
            n += m;
        }
        Ok(n)
    }

    /// Stores `replaced` (encrypted) for `conversation_id`. A token already stored keeps its
    /// value.
    pub async fn store(
        &self,
        conversation_id: &str,
        replaced: &[Replaced],
    ) -> Result<(), VaultError> {
        self.store_unique(conversation_id, replaced, false).await
    }

    /// Stores `replaced` like [`Vault::store`], except that a token already stored takes the
    /// value given last here. A token stands for its value in any case ("1450 wynkoop
    /// street" and "1450 Wynkoop Street" share one), so this only changes how a value is
    /// written: the planner's spelling of an address replaces the customer's lower-case one,
    /// and the write a later "yes" confirms reveals to what the customer was shown.
    pub async fn store_respelt(
        &self,
        conversation_id: &str,
        replaced: &[Replaced],
    ) -> Result<(), VaultError> {
        self.store_unique(conversation_id, replaced, true).await
    }

    /// One row per token: the first given, or with `respell` the last.
    async fn store_unique(
        &self,
        conversation_id: &str,
        replaced: &[Replaced],
        respell: bool,
    ) -> Result<(), VaultError> {
        let mut seen = std::collections::HashSet::new();
        let mut unique: Vec<&Replaced> = if respell {
            replaced
                .iter()
                .rev()
                .filter(|r| seen.insert(&r.token))
                .collect()
        } else {
            replaced.iter().filter(|r| seen.insert(&r.token)).collect()
        };
        if respell {
            unique.reverse();
        }
        // A few hundred rows a statement keeps far under any database's limit on
        // parameters.
        for chunk in unique.chunks(500) {
            self.store_rows(conversation_id, chunk, respell).await?;
        }
        Ok(())
    }

    async fn store_rows(
        &self,
        conversation_id: &str,
        replaced: &[&Replaced],
        respell: bool,
    ) -> Result<(), VaultError> {
        let b64 = base64::engine::general_purpose::STANDARD;
        // One statement for every row: a round trip to the database is most of the cost
        // of a ticket's tokens.
        let mut sql = String::from(
            "INSERT INTO pii_vault (conversation_id, token, kind, nonce, ciphertext, created_at) VALUES ",
        );
        let mut rows = Vec::with_capacity(replaced.len());
        for (i, r) in replaced.iter().enumerate() {
            let nonce = random::<12>();
            let aad = aad(conversation_id, &r.token);
            let sealed = self
                .cipher
                .encrypt(
                    Nonce::from_slice(&nonce),
                    Payload {
                        msg: r.value.as_bytes(),
                        aad: &aad,
                    },
                )
                .map_err(|_| VaultError::Encrypt)?;
            if i > 0 {
                sql.push_str(", ");
            }
            let n = i * 6;
            sql.push_str(&format!(
                "(${}, ${}, ${}, ${}, ${}, ${})",
                n + 1,
                n + 2,
                n + 3,
                n + 4,
                n + 5,
                n + 6
            ));
            rows.push((r, b64.encode(nonce), b64.encode(sealed)));
        }
        sql.push_str(if respell {
            " ON CONFLICT (conversation_id, token) DO UPDATE SET nonce = excluded.nonce, \
             ciphertext = excluded.ciphertext"
        } else {
            " ON CONFLICT (conversation_id, token) DO NOTHING"
        });
        let at = now_ms();
        let mut q = sqlx::query(&sql);
        for (r, nonce, sealed) in rows {
            q = q
                .bind(conversation_id)
                .bind(&r.token)
                .bind(kind_code(r.kind))
                .bind(nonce)
                .bind(sealed)
                .bind(at);
        }
        q.execute(&self.pool).await?;
        Ok(())
    }

    /// The clear values of the tokens in `texts` that belong to `conversation_id`. A token
    /// of another conversation, an erased one, or one that does not decrypt (another
    /// key) is absent. No query when no text holds a token.
    pub async fn lookup<'a>(
        &self,
        conversation_id: &str,
        texts: impl IntoIterator<Item = &'a str>,
    ) -> Result<Revealed, VaultError> {
        let wanted: Vec<String> = texts
            .into_iter()
            .filter(|t| may_hold_tokens(t))
            .flat_map(|t| {
                find_tokens(t)
                    .map(|f| f.token.to_owned())
                    .collect::<Vec<_>>()
            })
            .collect();
        let mut out = Revealed::new();
        if wanted.is_empty() {
            return Ok(out);
        }
        let rows = sqlx::query(
            "SELECT token, kind, nonce, ciphertext FROM pii_vault WHERE conversation_id = $1",
        )
        .bind(conversation_id)
        .fetch_all(&self.pool)
        .await?;
        let b64 = base64::engine::general_purpose::STANDARD;
        for row in rows {
            let tok: String = row.try_get("token")?;
            if !wanted.contains(&tok) {
                continue;
            }
            let kind: String = row.try_get("kind")?;
            let nonce: String = row.try_get("nonce")?;
            let sealed: String = row.try_get("ciphertext")?;
            let (Some(kind), Ok(nonce), Ok(sealed)) =
                (kind_of_code(&kind), b64.decode(nonce), b64.decode(sealed))
            else {
                tracing::warn!(conversation_id, "PII vault: a row does not parse");
                continue;
            };
            if nonce.len() != 12 {
                continue;
            }
            let aad = aad(conversation_id, &tok);
            match self.cipher.decrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: &sealed,
                    aad: &aad,
                },
            ) {
                Ok(clear) => {
                    out.insert(tok, (kind, String::from_utf8_lossy(&clear).into_owned()));
                }
                Err(_) => tracing::warn!(
                    conversation_id,
                    "PII vault: a row does not decrypt under this process's key (another key, \
                     or an ephemeral one)"
                ),
            }
        }
        Ok(out)
    }

    /// `text` for the customer it came from: tokens of a `reveal` kind replaced by their
    /// value, any other token by the guard's placeholder for its kind (a card shows its
    /// last four digits).
    pub async fn reveal_for_customer(
        &self,
        conversation_id: &str,
        text: &str,
        reveal: &[PiiKind],
    ) -> Result<String, VaultError> {
        if !may_hold_tokens(text) {
            return Ok(text.to_owned());
        }
        let known = self.lookup(conversation_id, [text]).await?;
        Ok(substitute(text, |tok, kind| match known.get(tok) {
            Some((_, v)) if reveal.contains(&kind) => v.clone(),
            Some((_, v)) => frontdesk_guard::pii::mask::placeholder(kind, v),
            None => frontdesk_guard::pii::mask::placeholder(kind, ""),
        }))
    }

    /// Deletes every vault row of `conversation_ids`; returns how many.
    pub async fn erase(&self, conversation_ids: &[String]) -> Result<u64, VaultError> {
        let mut n = 0;
        for id in conversation_ids {
            n += sqlx::query("DELETE FROM pii_vault WHERE conversation_id = $1")
                .bind(id)
                .execute(&self.pool)
                .await?
                .rows_affected();
        }
        Ok(n)
    }
}

/// `text` with each token replaced by `with(token, kind)`.
pub fn substitute(text: &str, mut with: impl FnMut(&str, PiiKind) -> String) -> String {
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for f in find_tokens(text) {
        out.push_str(&text[cursor..f.start]);
        out.push_str(&with(f.token, f.kind));
        cursor = f.end;
    }
    out.push_str(&text[cursor..]);
    out
}

fn aad(conversation_id: &str, token: &str) -> Vec<u8> {
    let mut a = Vec::with_capacity(conversation_id.len() + token.len() + 1);
    a.extend_from_slice(conversation_id.as_bytes());
    a.push(0);
    a.extend_from_slice(token.as_bytes());
    a
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::StateDb;

    async fn vault(db: &StateDb) -> Vault {
        Vault::new(
            &PrivacyConfig::default(),
            Keys::fixed(b"token-key-for-tests-0123456789abcdef", [3u8; 32]),
            db.pool().clone(),
        )
        .unwrap()
    }

    async fn db() -> StateDb {
        StateDb::connect("sqlite::memory:", 1).await.unwrap()
    }

    #[tokio::test]
    async fn pii_becomes_tokens_and_comes_back_only_in_its_conversation() {
        let db = db().await;
        let v = vault(&db).await;
        let text = "Card 4111 1111 1111 1111, mail Jane.Doe@example.com, order #W1234567, \
                    item 6086499569, call +1-604-696-5272. Again: jane.doe@example.com.";
        let (out, n) = v.protect("c1", text).await.unwrap();
        assert_eq!(n, 4, "{out}");
        for clear in ["4111", "Jane.Doe", "jane.doe", "696-5272"] {
            assert!(!out.contains(clear), "{out}");
        }
        assert!(
            out.contains("#W1234567") && out.contains("6086499569"),
            "{out}"
        );
        let emails: Vec<_> = find_tokens(&out)
            .filter(|f| f.kind == PiiKind::Email)
            .collect();
        assert_eq!(emails.len(), 2);
        assert_eq!(emails[0].token, emails[1].token, "same value, same token");

        let known = v.lookup("c1", [out.as_str()]).await.unwrap();
        assert_eq!(known.len(), 3);
        assert!(
            known
                .values()
                .any(|(_, val)| val.eq_ignore_ascii_case("jane.doe@example.com")),
            "the sentence's full stop is not part of the address: {known:?}"
        );
        assert!(out.ends_with("⟧."), "{out}");
        assert!(known
            .values()
            .any(|(k, val)| *k == PiiKind::CreditCard && val == "4111 1111 1111 1111"));
        assert!(v.lookup("c2", [out.as_str()]).await.unwrap().is_empty());

        let reply = format!("We will write to {} about card {}.", emails[0].token, {
            find_tokens(&out)
                .find(|f| f.kind == PiiKind::CreditCard)
                .unwrap()
                .token
        });
        let shown = v
            .reveal_for_customer("c1", &reply, &[PiiKind::Email])
            .await
            .unwrap();
        assert_eq!(
            shown,
            "We will write to Jane.Doe@example.com about card [CARD ****1111]."
        );
    }

    #[tokio::test]
    async fn a_sealed_code_opens_only_for_a_notification_of_its_conversation() {
        let db = db().await;
        let v = vault(&db).await;
        let token = v.seal("c1", PiiKind::OneTimeCode, "482913").await.unwrap();
        assert!(token.starts_with("⟦code:"), "{token}");
        let body = format!("Your verification code is {token}.");
        let opened = v
            .reveal_for_customer("c1", &body, &[PiiKind::OneTimeCode])
            .await
            .unwrap();
        assert_eq!(opened, "Your verification code is 482913.");
        // A reply's reveal kinds do not include codes, and another conversation knows none.
        let reply = v
            .reveal_for_customer("c1", &body, &[PiiKind::Email])
            .await
            .unwrap();
        assert_eq!(reply, "Your verification code is [CODE].");
        let elsewhere = v
            .reveal_for_customer("c2", &body, &[PiiKind::OneTimeCode])
            .await
            .unwrap();
        assert_eq!(elsewhere, "Your verification code is [CODE].");
        let rows: Vec<(String,)> = sqlx::query_as("SELECT ciphertext FROM pii_vault")
            .fetch_all(db.pool())
            .await
            .unwrap();
        assert_eq!(rows.len(), 1);
        assert!(!rows[0].0.contains("482913"));
    }

    #[tokio::test]
    async fn the_table_holds_no_clear_value_and_erasure_shreds() {
        let db = db().await;
        let v = vault(&db).await;
        let (out, _) = v
            .protect("c1", "my card is 4111111111111111")
            .await
            .unwrap();
        let rows = sqlx::query("SELECT nonce, ciphertext, token FROM pii_vault")
            .fetch_all(db.pool())
            .await
            .unwrap();
        assert_eq!(rows.len(), 1);
        for r in &rows {
            for col in ["nonce", "ciphertext", "token"] {
                let s: String = r.try_get(col).unwrap();
                assert!(!s.contains("4111111111111111"));
                let b = base64::engine::general_purpose::STANDARD
                    .decode(&s)
                    .unwrap_or_default();
                assert!(!String::from_utf8_lossy(&b).contains("4111111111111111"));
            }
        }
        // another key cannot read it
        let other = Vault::new(
            &PrivacyConfig::default(),
            Keys::fixed(b"token-key-for-tests-0123456789abcdef", [4u8; 32]),
            db.pool().clone(),
        )
        .unwrap();
        assert!(other.lookup("c1", [out.as_str()]).await.unwrap().is_empty());
        assert_eq!(v.erase(&["c1".to_owned()]).await.unwrap(), 1);
        assert!(v.lookup("c1", [out.as_str()]).await.unwrap().is_empty());
        let shown = v
            .reveal_for_customer("c1", &out, &PiiKind::ALL)
            .await
            .unwrap();
        assert_eq!(shown, "my card is [CARD ****]");
    }
}
