//! Privacy by construction: PII in the customer's text is replaced by tokens at the door,
//! the originals kept encrypted in a vault; a customer's data is erased on request, and
//! every table keeps its rows only as long as `[retention]` says.
//!
//! Where text is tokenised: the router (the first stage, before the turn is written) and
//! the channel publishers (gateway, mail poller, import) before the ticket reaches the
//! inbound topic. Where it is revealed: the tool executor (an argument that is a token is
//! sent in clear, recorded as the token), the offline planner's turn in memory for names and
//! addresses (`privacy.planner_reads`, concealed again before anything leaves the tools
//! stage), and `frontdesk deliver` for the customer's own reply (`privacy.reply_reveals`).
//! Everything else — topics, `turns`, conversation state, handoffs, dead letters, audit
//! records, logs, model prompts — carries tokens.
//!
//! # Layout
//! - [`token`]: the token's shape, how it is derived and found again.
//! - [`keys`]: the token and vault keys, from the environment.
//! - [`vault`]: [`Vault`], tokenise, store, look up, reveal, shred.
//! - [`planner_view`]: [`PlannerView`], names and addresses in clear for the offline planner's
//!   one turn, and back to tokens.
//! - [`erase`]: `frontdesk erase --customer`.
//! - [`retention`]: `frontdesk retention run`.
//! - [`config`]: `[privacy]` and `[retention]`.

pub mod config;
pub mod erase;
pub mod keys;
pub mod planner_view;
pub mod retention;
pub mod token;
pub mod vault;

pub use config::{PrivacyConfig, RetentionConfig};
pub use keys::{KeyError, Keys};
pub use planner_view::PlannerView;
pub use vault::{Revealed, Vault, VaultError};

/// The vault of `cfg` over `state`, or none when `privacy.enabled` is false. Ephemeral keys
/// are allowed only on the embedded broker (one process: the demo, the eval, the bench);
/// anywhere else an unset key is a startup error.
pub fn build_vault(
    cfg: &crate::config::Config,
    state: &crate::state::StateDb,
) -> anyhow::Result<Option<Vault>> {
    if !cfg.privacy.enabled {
        return Ok(None);
    }
    let keys = Keys::from_env(&cfg.privacy, cfg.kafka.is_embedded())?;
    Ok(Some(Vault::new(&cfg.privacy, keys, state.pool().clone())?))
}
