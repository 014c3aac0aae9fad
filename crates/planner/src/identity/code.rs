//! One-time codes: a short code sent to the contact on file of the account a customer names,
//! which proves they can read that contact. The conversation keeps only a salted hash, the
//! expiry and the attempts left ([`Verification`]); the code itself leaves once, in
//! [`crate::CodeDelivery`], for the caller to send.

use rand::Rng;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::CodeDelivery;

use super::IdentityConfig;

/// Time and randomness for codes, behind a trait so tests can fix them.
pub trait CodeSource: Send + Sync {
    /// Now, in milliseconds since the Unix epoch.
    fn now_ms(&self) -> i64;
    /// `n` random decimal digits.
    fn digits(&self, n: u32) -> String;
}

/// The system clock and the operating system's random source.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemCodes;

impl CodeSource for SystemCodes {
    fn now_ms(&self) -> i64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
    }

    fn digits(&self, n: u32) -> String {
        let mut rng = rand::rngs::OsRng;
        (0..n)
            .map(|_| char::from(b'0' + rng.gen_range(0..10u8)))
            .collect()
    }
}

/// A code the conversation waits for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    /// The account the code proves.
    pub user_id: String,
    /// Hex SHA-256 of the salt, the user id and the code.
    pub code_hash: String,
    /// Random salt of the hash.
    pub salt: String,
    /// When the code stops being accepted, in milliseconds since the Unix epoch.
    pub expires_at_ms: i64,
    /// Wrong codes still accepted.
    pub attempts_left: u32,
    /// Digits of the code.
    pub digits: u32,
}

/// What a message did to a waiting code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeCheck {
    /// The right code, in time.
    Verified,
    /// The message holds no code.
    NoCode,
    /// A wrong code; this many tries are left.
    Wrong {
        /// Tries left.
        attempts_left: u32,
    },
    /// The code expired.
    Expired,
    /// Too many wrong codes.
    Exhausted,
}

fn hash(salt: &str, user_id: &str, code: &str) -> String {
    let mut h = Sha256::new();
    for part in [salt, "\u{1f}", user_id, "\u{1f}", code] {
        h.update(part.as_bytes());
    }
    hex::encode(h.finalize())
}

/// Equal without an early exit, so timing does not tell how much of a guess was right.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

impl Verification {
    /// A new code for `user_id`, to be sent to `email` (the account's contact on file).
    pub fn issue(
        user_id: &str,
        email: &str,
        config: &IdentityConfig,
        source: &dyn CodeSource,
    ) -> (Verification, CodeDelivery) {
        let code = source.digits(config.code_digits);
        let salt = source.digits(16);
        let ttl_ms =
            i64::try_from(config.code_ttl_seconds.saturating_mul(1000)).unwrap_or(i64::MAX);
        let expires_at_ms = source.now_ms().saturating_add(ttl_ms);
        let v = Verification {
            user_id: user_id.to_owned(),
            code_hash: hash(&salt, user_id, &code),
            salt,
            expires_at_ms,
            attempts_left: config.code_attempts,
            digits: config.code_digits,
        };
        let delivery = CodeDelivery {
            user_id: user_id.to_owned(),
            email: email.to_owned(),
            code,
            expires_at_ms,
        };
        (v, delivery)
    }

    /// Checks the codes written in `text` (runs of exactly the code's digits) at `now_ms`;
    /// every wrong code uses up one attempt.
    pub fn check(&mut self, text: &str, now_ms: i64) -> CodeCheck {
        let width = usize::try_from(self.digits).unwrap_or(usize::MAX);
        let candidates: Vec<&str> = text
            .split(|c: char| !c.is_ascii_digit())
            .filter(|t| t.len() == width)
            .collect();
        if candidates.is_empty() {
            return CodeCheck::NoCode;
        }
        if self.attempts_left == 0 {
            return CodeCheck::Exhausted;
        }
        if now_ms > self.expires_at_ms {
            return CodeCheck::Expired;
        }
        for code in candidates {
            if same(&hash(&self.salt, &self.user_id, code), &self.code_hash) {
                return CodeCheck::Verified;
            }
            self.attempts_left = self.attempts_left.saturating_sub(1);
            if self.attempts_left == 0 {
                return CodeCheck::Exhausted;
            }
        }
        CodeCheck::Wrong {
            attempts_left: self.attempts_left,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fixed {
        now: i64,
    }

    impl CodeSource for Fixed {
        fn now_ms(&self) -> i64 {
            self.now
        }
        fn digits(&self, n: u32) -> String {
            // the code is fours, the (longer) salt sevens
            if n <= 8 { "4" } else { "7" }.repeat(n as usize)
        }
    }

    fn issued() -> (Verification, CodeDelivery) {
        Verification::issue(
            "ana_lima_1",
            "ana.lima@example.com",
            &IdentityConfig::default(),
            &Fixed { now: 1_000 },
        )
    }

    #[test]
    fn the_right_code_in_time_verifies_and_only_its_hash_is_kept() {
        let (mut v, d) = issued();
        assert_eq!(d.code, "444444");
        assert_eq!(d.email, "ana.lima@example.com");
        let kept = serde_json::to_string(&v).unwrap();
        assert!(!kept.contains("444444"), "the code is not stored: {kept}");
        assert_eq!(v.check("it is 444444, thanks", 2_000), CodeCheck::Verified);
    }

    #[test]
    fn wrong_codes_use_up_the_attempts() {
        let (mut v, _) = issued();
        assert_eq!(v.check("no code here", 2_000), CodeCheck::NoCode);
        assert_eq!(
            v.check("123456", 2_000),
            CodeCheck::Wrong { attempts_left: 2 }
        );
        assert_eq!(
            v.check("123457", 2_000),
            CodeCheck::Wrong { attempts_left: 1 }
        );
        assert_eq!(v.check("123458", 2_000), CodeCheck::Exhausted);
        // even the right code is refused once the attempts are gone
        assert_eq!(v.check("444444", 2_000), CodeCheck::Exhausted);
    }

    #[test]
    fn an_expired_code_is_refused() {
        let (mut v, _) = issued();
        let late = 1_000 + 600_000 + 1;
        assert_eq!(v.check("444444", late), CodeCheck::Expired);
    }

    #[test]
    fn system_codes_are_digits_of_the_asked_length() {
        let code = SystemCodes.digits(6);
        assert_eq!(code.len(), 6);
        assert!(code.bytes().all(|b| b.is_ascii_digit()));
        assert!(SystemCodes.now_ms() > 1_600_000_000_000);
    }
}
