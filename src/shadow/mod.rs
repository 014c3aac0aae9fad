//! Shadow mode: frontdesk on a team's own tickets before it acts on them.
//!
//! `frontdesk run --shadow` reads the live inbound topics and runs every stage as usual,
//! but writes only to its own topics (`<topics.prefix>.shadow.*`), consumer groups
//! (`<kafka.group_prefix>.shadow.<stage>`) and state database (`shadow.state_url`); its
//! store client refuses every write, and each write a live run would have sent is recorded
//! as "would have done" on the resolution. `frontdesk shadow report` reads that back and
//! compares it with what people did.
//!
//! - [`config`]: the `[shadow]` section.
//! - [`wiring`]: the shadow run's topics and groups; the refusal customer-facing commands
//!   (`frontdesk deliver`) make on a shadow config.
//! - [`would`]: a write not sent, as a tool-log entry.
//! - [`recorded`]: the recorded-outcomes file (what people did).
//! - [`outcome`]: what the shadow run did, read from its topics.
//! - [`compare`]: agreed, disagreed or undetermined, per ticket.
//! - [`report`]: the counts, by intent, and the cases; [`html`]: the page.
//! - [`command`]: `frontdesk shadow report`.

pub mod command;
pub mod compare;
pub mod config;
pub mod html;
pub mod outcome;
pub mod recorded;
pub mod report;
pub mod wiring;
pub mod would;

pub use command::{command, ShadowCommand};
pub use config::ShadowConfig;
pub use wiring::{build_vault, configure, refuse_customer_facing, topics, wiring};
pub use would::{is_not_sent, would_have_done, ALLOWED, AWAITS_CONFIRMATION, NOT_SENT};
