//! Signed-in sessions and their CSRF tokens.
//!
//! The cookie holds a random 256-bit token; the table keeps only its SHA-256, so a copy of
//! the database signs nobody in. Each session has its own CSRF token, put in every form and
//! checked on every POST.

use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::{AnyPool, Row};

use super::error::ConsoleError;
use super::users::{User, Users};
use crate::messages::now_ms;

/// A signed-in person and their session's CSRF token.
#[derive(Debug, Clone)]
pub struct Session {
    /// Who.
    pub user: User,
    /// The token every form of this session carries.
    pub csrf: String,
}

/// 256 random bits, URL-safe base64.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Compares two secrets in time independent of where they differ (both are hashed first,
/// so their lengths do not show either).
pub fn same_secret(a: &str, b: &str) -> bool {
    let (a, b) = (Sha256::digest(a.as_bytes()), Sha256::digest(b.as_bytes()));
    a.iter()
        .zip(b.iter())
        .fold(0u8, |acc, (x, y)| acc | (x ^ y))
        == 0
}

/// The `console_sessions` table.
#[derive(Clone, Debug)]
pub struct Sessions {
    pool: AnyPool,
    users: Users,
    ttl_ms: i64,
}

impl Sessions {
    /// Sessions lasting `ttl`.
    pub fn new(pool: AnyPool, ttl: std::time::Duration) -> Sessions {
        Sessions {
            users: Users::new(pool.clone()),
            pool,
            ttl_ms: i64::try_from(ttl.as_millis()).unwrap_or(i64::MAX),
        }
    }

    /// Starts a session for `user`; returns the cookie token and the session.
    pub async fn create(&self, user: User) -> Result<(String, Session), ConsoleError> {
        let token = random_token();
        let csrf = random_token();
        let now = now_ms();
        sqlx::query(
            "INSERT INTO console_sessions (token_hash, username, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(digest(&token))
        .bind(&user.username)
        .bind(&csrf)
        .bind(now)
        .bind(now.saturating_add(self.ttl_ms))
        .execute(&self.pool)
        .await?;
        // Expired sessions go when new ones start: the table stays as large as the
        // sessions alive.
        sqlx::query("DELETE FROM console_sessions WHERE expires_at < $1")
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok((token, Session { user, csrf }))
    }

    /// The live session of a cookie token, with the user's current roles.
    pub async fn find(&self, token: &str) -> Result<Option<Session>, ConsoleError> {
        let row = sqlx::query(
            "SELECT username, csrf FROM console_sessions WHERE token_hash = $1 AND expires_at > $2",
        )
        .bind(digest(token))
        .bind(now_ms())
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let username: String = row.try_get("username")?;
        let csrf: String = row.try_get("csrf")?;
        // A user removed since sign-in has no session any more.
        Ok(self
            .users
            .find(&username)
            .await?
            .map(|user| Session { user, csrf }))
    }

    /// Ends the session of a cookie token.
    pub async fn delete(&self, token: &str) -> Result<(), ConsoleError> {
        sqlx::query("DELETE FROM console_sessions WHERE token_hash = $1")
            .bind(digest(token))
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_compare_equal_only_when_equal() {
        let t = random_token();
        assert_eq!(t.len(), 43);
        assert!(same_secret(&t, &t.clone()));
        assert!(!same_secret(&t, &random_token()));
        assert!(!same_secret(&t, ""));
    }
}
