//! Resolving a request's slots against the customer's real data: which order, which items,
//! which target variants, which payment method, which address, which reason. Each slot either
//! resolves or becomes one question; a write is proposed only when every slot resolved and
//! every precondition holds.
//!
//! - [`resolution`]: [`Resolution`] and [`resolve`], the dispatch by request kind.
//! - [`mentions`]: where the text names the order's products.
//! - [`descriptors`]: products named to say which order, not which items.
//! - [`order`]: which order a request is about.
//! - [`context`]: the slots of one request on one order, and the writes it builds.
//! - [`items`]: which items of the order.
//! - [`target`]: which variant an item becomes.
//! - [`siblings`]: sentences about another item of the same product in the order.
//! - [`second_choice`]: the option a customer takes when the first is not sold.
//! - [`payment`]: which payment method pays or receives money.
//! - [`actions`]: the write of each procedure.
//! - [`address`]: which address an order or the account moves to.
//! - [`facts`]: read-only answers (order status, product options).

mod actions;
mod address;
mod context;
pub mod descriptors;
mod destination;
mod excluded;
pub mod facts;
mod items;
pub(crate) mod kept;
pub mod mentions;
mod order;
pub(crate) mod payment;
pub mod resolution;
mod second_choice;
mod siblings;
mod target;

pub use mentions::{mentioned_items, mentions, raw_pos, Mention};
pub use resolution::{named_order, order_of, resolve, Resolution};

#[cfg(test)]
mod tests;
