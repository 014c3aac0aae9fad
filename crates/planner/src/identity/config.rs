//! [`IdentityConfig`]: the `[identity]` section of the procedures file.

use serde::Deserialize;

/// What the planner does when a request needs the customer's account and the channel
/// verified nobody the store knows (an anonymous chat, an SMS from a number on no account, an
/// e-mail from an address on no account).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WhenUnverified {
    /// A person takes the ticket (reason `identity_unverified`); the reply says to write from
    /// the contact on the account.
    #[default]
    HandOff,
    /// Send a one-time code to the contact on file of the account the customer names (an
    /// e-mail address, or a name and zip code) and ask for it. Needs a caller that delivers
    /// [`crate::Plan::one_time_code`] (the tools stage, through the outbound topic).
    OneTimeCode,
}

/// The `[identity]` section.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdentityConfig {
    /// What to do when the channel verified nobody the store knows.
    #[serde(default)]
    pub unverified: WhenUnverified,
    /// Digits of a one-time code.
    #[serde(default = "default_code_digits")]
    pub code_digits: u32,
    /// How long a one-time code is accepted, in seconds.
    #[serde(default = "default_code_ttl_seconds")]
    pub code_ttl_seconds: u64,
    /// Wrong codes accepted before the ticket goes to a person.
    #[serde(default = "default_code_attempts")]
    pub code_attempts: u32,
}

const fn default_code_digits() -> u32 {
    6
}

const fn default_code_ttl_seconds() -> u64 {
    600
}

const fn default_code_attempts() -> u32 {
    3
}

impl Default for IdentityConfig {
    fn default() -> Self {
        IdentityConfig {
            unverified: WhenUnverified::default(),
            code_digits: default_code_digits(),
            code_ttl_seconds: default_code_ttl_seconds(),
            code_attempts: default_code_attempts(),
        }
    }
}
