//! E-mail as a channel: a received message reduced to a ticket (threading by
//! `Message-ID` / `In-Reply-To` / `References`, quoted history and signatures stripped,
//! the verified sender as the identity), and the IMAP poller.
//!
//! - [`message`]: [`InboundMail`], parsed from MIME or assembled from a parse webhook.
//! - [`auth`]: `Authentication-Results` from trusted authserv-ids: is the sender verified?
//! - the customer's own words: [`frontdesk_intent::letter::customer_text`], shared with the
//!   router and the planner.
//! - [`threads`]: the `mail_threads` table.
//! - [`ticket`]: [`MailTickets`], an e-mail to a ticket.
//! - [`imap`]: [`Poller`], `frontdesk mail poll`.

pub mod auth;
pub mod imap;
pub mod message;
pub mod threads;
pub mod ticket;

pub use imap::Poller;
pub use message::InboundMail;
pub use threads::Threads;
pub use ticket::{MailOutcome, MailTickets};
