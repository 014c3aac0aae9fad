//! Channels: the webhook gateway, the IMAP poller and SMTP against real mail servers,
//! import, deliver against provider fakes, and one end-to-end test per provider.

mod bench;
mod deliver;
mod deliver_rig;
mod e2e;
mod fakes;
mod gateway;
mod import;
mod mail;
mod restart;
mod rig;
