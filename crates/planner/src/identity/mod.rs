//! Who the planner acts for. Private reads and every write act only for the identity the
//! channel verified: the sender's address on e-mail, the requester on a helpdesk ticket, the
//! logged-in user of a chat widget (the user id it passes), or an account the customer proved
//! with a one-time code sent to its contact on file. An identity written in the text (a name,
//! an e-mail address, a zip code) is a claim: it never authenticates, and a claim that is not
//! the verified customer stops the ticket. Knowing someone's address or zip code is not
//! being them.
//!
//! - [`binding`]: [`bind`], the channel's identity (and the conversation's stored customer,
//!   re-checked against it) to a store account.
//! - [`claims`]: identities claimed in the text, and whether they contradict the account.
//! - [`code`]: one-time codes: issue (hashed, with an expiry), check (attempt limit).
//! - [`config`]: [`IdentityConfig`], what to do when the channel verified nobody.

pub mod binding;
pub mod claims;
pub mod code;
pub mod config;

pub use binding::{bind, Binding, Unverified, Via};
pub use claims::{claims, claims_in, Claims, Conflict};
pub use code::{CodeCheck, CodeSource, SystemCodes, Verification};
pub use config::{IdentityConfig, WhenUnverified};
