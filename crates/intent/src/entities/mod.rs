//! Entity extraction with byte spans: what the store's tools need.
//!
//! Regular-expression extractors find order ids (`#W1234567`, `W1234567`,
//! `order 1234567`, and bare 7-digit numbers that match the customer's
//! orders), item ids, emails, zip codes, postal addresses, amounts with
//! currencies, payment methods (gift card, PayPal, card brands, last four
//! digits) and cancellation reasons. Person names come from "my name is ..."
//! phrases and from the store's known customers; item names and option words
//! are matched against the catalog and the customer's orders. Overlaps are
//! resolved by kind priority, except that a zip code may sit inside an
//! address.
//!
//! [`catalog`] holds the term lists matched against the text; [`patterns`]
//! the regular-expression extractors, one function per kind.

mod catalog;
mod patterns;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use catalog::TermMatcher;
pub use catalog::{Catalog, CatalogError, CustomerContext};
pub use patterns::*;

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// An order id, normalised to `#W1234567`.
    OrderId,
    /// An e-mail address, lower-cased.
    Email,
    /// A postal address as written.
    Address,
    /// An amount, normalised to `<number> <ISO currency>`.
    Amount,
    /// A payment method: `gift_card`, `paypal`, `credit_card`,
    /// `card_brand:<brand>` or `card_last_four:<dddd>`.
    PaymentMethod,
    /// A 10-digit product or item id.
    ItemId,
    /// A 5-digit (or ZIP+4) zip code.
    Zip,
    /// A person's name, as written.
    PersonName,
    /// A catalog product name, canonical spelling.
    ItemName,
    /// A catalog option value (colour, size, material...), canonical spelling.
    OptionValue,
    /// A cancellation reason: `no longer needed` or `ordered by mistake`.
    CancellationReason,
}

/// One extracted entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// What it is.
    pub kind: EntityKind,
    /// Normalised value (see [`EntityKind`]).
    pub value: String,
    /// Byte offset where the mention starts.
    pub start: usize,
    /// Byte offset just past the mention.
    pub end: usize,
}

/// Kind priority when spans overlap (lower wins).
fn priority(kind: EntityKind) -> u8 {
    match kind {
        EntityKind::OrderId => 0,
        EntityKind::Email => 1,
        EntityKind::Address => 2,
        EntityKind::Amount => 3,
        EntityKind::PaymentMethod => 4,
        EntityKind::ItemId => 5,
        EntityKind::Zip => 6,
        EntityKind::PersonName => 7,
        EntityKind::CancellationReason => 8,
        EntityKind::ItemName => 9,
        EntityKind::OptionValue => 10,
    }
}

pub(crate) fn push(
    out: &mut Vec<Entity>,
    kind: EntityKind,
    value: impl Into<String>,
    start: usize,
    end: usize,
) {
    out.push(Entity {
        kind,
        value: value.into(),
        start,
        end,
    });
}

/// Keeps the highest-priority entity where spans overlap (a zip may sit
/// inside an address), then sorts by position.
fn resolve(mut all: Vec<Entity>) -> Vec<Entity> {
    all.sort_by(|a, b| {
        priority(a.kind)
            .cmp(&priority(b.kind))
            .then((b.end - b.start).cmp(&(a.end - a.start)))
            .then(a.start.cmp(&b.start))
    });
    let mut kept: Vec<Entity> = Vec::new();
    for e in all {
        let clash = kept.iter().any(|k| {
            let overlap = e.start < k.end && k.start < e.end;
            let nested_zip = e.kind == EntityKind::Zip && k.kind == EntityKind::Address;
            overlap && !nested_zip
        });
        if !clash {
            kept.push(e);
        }
    }
    kept.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(priority(a.kind).cmp(&priority(b.kind)))
    });
    kept
}

/// Extracts every entity from `text`, matching item names and option words
/// against the catalog and, when given, the customer's orders.
pub fn extract_entities(
    text: &str,
    catalog: &Catalog,
    customer: Option<&CustomerContext>,
) -> Vec<Entity> {
    let mut all = Vec::new();
    extract_order_ids(text, customer, &mut all);
    extract_emails(text, &mut all);
    extract_addresses(text, &mut all);
    extract_amounts(text, &mut all);
    extract_payment_methods(text, &mut all);
    extract_item_ids(text, &mut all);
    extract_zips(text, &mut all);
    extract_name_phrases(text, &mut all);
    extract_cancellation_reasons(text, &mut all);
    catalog.people.find(text, EntityKind::PersonName, &mut all);
    catalog.products.find(text, EntityKind::ItemName, &mut all);
    catalog
        .options
        .find(text, EntityKind::OptionValue, &mut all);
    catalog
        .short_options
        .find(text, EntityKind::OptionValue, &mut all);
    if let Some(ctx) = customer {
        let extra = [
            TermMatcher::new(ctx.item_names.iter().cloned(), true)
                .map(|m| (m, EntityKind::ItemName)),
            TermMatcher::new(ctx.option_values.iter().cloned(), true)
                .map(|m| (m, EntityKind::OptionValue)),
            TermMatcher::new(ctx.name.iter().cloned(), true).map(|m| (m, EntityKind::PersonName)),
        ];
        for (matcher, kind) in extra.into_iter().flatten() {
            matcher.find(text, kind, &mut all);
        }
    }
    let mut resolved = resolve(all);
    resolved.dedup();
    resolved
}
