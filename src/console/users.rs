//! People who may sign in, their roles, and their argon2 password hashes.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use sqlx::{AnyPool, Row};

use super::error::ConsoleError;
use crate::messages::now_ms;

/// What a person may do.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Deserialize, clap::ValueEnum,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Works the queue: claims, replies, notes, closes, hands back.
    Agent,
    /// An agent who may also approve or reject proposed actions.
    Approver,
    /// Everything, including releasing other people's claims.
    Admin,
}

impl Role {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Agent => "agent",
            Role::Approver => "approver",
            Role::Admin => "admin",
        }
    }

    fn parse(s: &str) -> Option<Role> {
        match s.trim() {
            "agent" => Some(Role::Agent),
            "approver" => Some(Role::Approver),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }
}

/// A signed-in person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// Their name (shown on claims, replies and audit records).
    pub username: String,
    /// Their roles.
    pub roles: Vec<Role>,
}

impl User {
    /// Whether they hold `role` (an admin holds every role).
    pub fn has(&self, role: Role) -> bool {
        self.roles.iter().any(|r| *r == role || *r == Role::Admin)
    }

    /// `Ok` if they hold `role`, else [`ConsoleError::Forbidden`].
    pub fn require(&self, role: Role) -> Result<(), ConsoleError> {
        if self.has(role) {
            Ok(())
        } else {
            Err(ConsoleError::Forbidden(role.as_str()))
        }
    }
}

fn parse_roles(s: &str) -> Vec<Role> {
    s.split(',').filter_map(Role::parse).collect()
}

/// The `console_users` table.
#[derive(Clone, Debug)]
pub struct Users {
    pool: AnyPool,
}

impl Users {
    /// Over the state database's pool.
    pub fn new(pool: AnyPool) -> Users {
        Users { pool }
    }

    /// Adds a person, or replaces their password and roles.
    pub async fn upsert(
        &self,
        username: &str,
        password: &str,
        roles: &[Role],
    ) -> Result<(), ConsoleError> {
        if username.trim().is_empty() || roles.is_empty() {
            return Err(ConsoleError::BadRequest(
                "a user needs a name and at least one role".to_owned(),
            ));
        }
        let salt = SaltString::generate(&mut OsRng);
        let hash = Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map_err(|e| ConsoleError::Hash(e.to_string()))?
            .to_string();
        let mut names: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        sqlx::query(
            "INSERT INTO console_users (username, password_hash, roles, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (username) DO UPDATE SET password_hash = $2, roles = $3",
        )
        .bind(username)
        .bind(hash)
        .bind(names.join(","))
        .bind(now_ms())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The person named `username`, if they exist.
    pub async fn find(&self, username: &str) -> Result<Option<User>, ConsoleError> {
        let row = sqlx::query("SELECT roles FROM console_users WHERE username = $1")
            .bind(username)
            .fetch_optional(&self.pool)
            .await?;
        Ok(match row {
            Some(r) => Some(User {
                username: username.to_owned(),
                roles: parse_roles(&r.try_get::<String, _>("roles")?),
            }),
            None => None,
        })
    }

    /// Everyone's name, for the assign list.
    pub async fn names(&self) -> Result<Vec<String>, ConsoleError> {
        let rows = sqlx::query("SELECT username FROM console_users ORDER BY username")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| r.try_get("username"))
            .collect::<Result<_, _>>()
            .map_err(ConsoleError::from)
    }

    /// The person, if `password` is theirs. Hashing runs on a blocking thread: argon2 is
    /// deliberately slow. An unknown name costs the same as a wrong password.
    pub async fn verify(
        &self,
        username: &str,
        password: &str,
    ) -> Result<Option<User>, ConsoleError> {
        let row = sqlx::query("SELECT password_hash, roles FROM console_users WHERE username = $1")
            .bind(username)
            .fetch_optional(&self.pool)
            .await?;
        let (hash, roles) = match &row {
            Some(r) => (
                r.try_get::<String, _>("password_hash")?,
                r.try_get::<String, _>("roles")?,
            ),
            // A hash of a password nobody knows, so timing does not tell names apart.
            None => (unknown_user_hash()?, String::new()),
        };
        let password = password.to_owned();
        let ok = tokio::task::spawn_blocking(move || {
            PasswordHash::new(&hash)
                .map(|parsed| {
                    Argon2::default()
                        .verify_password(password.as_bytes(), &parsed)
                        .is_ok()
                })
                .unwrap_or(false)
        })
        .await
        .map_err(|e| ConsoleError::Hash(e.to_string()))?;
        Ok((ok && row.is_some()).then(|| User {
            username: username.to_owned(),
            roles: parse_roles(&roles),
        }))
    }
}

/// argon2id (default parameters) of a random password nobody knows, made once.
fn unknown_user_hash() -> Result<String, ConsoleError> {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    if let Some(h) = HASH.get() {
        return Ok(h.clone());
    }
    let secret = SaltString::generate(&mut OsRng);
    let hash = Argon2::default()
        .hash_password(
            secret.as_str().as_bytes(),
            &SaltString::generate(&mut OsRng),
        )
        .map_err(|e| ConsoleError::Hash(e.to_string()))?
        .to_string();
    Ok(HASH.get_or_init(|| hash).clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn users() -> (Users, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("s.db").display());
        let db = crate::state::StateDb::connect(&url, 1).await.unwrap();
        (Users::new(db.pool().clone()), dir)
    }

    #[tokio::test]
    async fn a_password_verifies_only_for_its_user_and_is_stored_hashed() {
        let (u, _dir) = users().await;
        u.upsert("ana", "correct horse", &[Role::Agent])
            .await
            .unwrap();
        let ana = u.verify("ana", "correct horse").await.unwrap().unwrap();
        assert_eq!(ana.roles, vec![Role::Agent]);
        assert!(!ana.has(Role::Approver));
        assert!(u.verify("ana", "wrong").await.unwrap().is_none());
        assert!(u.verify("bob", "correct horse").await.unwrap().is_none());
        let stored: String = sqlx::query("SELECT password_hash FROM console_users")
            .fetch_one(&u.pool)
            .await
            .unwrap()
            .try_get("password_hash")
            .unwrap();
        assert!(stored.starts_with("$argon2id$") && !stored.contains("correct horse"));
    }

    #[test]
    fn an_admin_holds_every_role() {
        let admin = User {
            username: "root".into(),
            roles: vec![Role::Admin],
        };
        assert!(admin.has(Role::Approver) && admin.has(Role::Agent));
        assert!(User {
            username: "a".into(),
            roles: vec![Role::Agent]
        }
        .require(Role::Approver)
        .is_err());
    }
}
