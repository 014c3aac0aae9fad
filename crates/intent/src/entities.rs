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

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use regex::{Regex, RegexBuilder};
use serde::{Deserialize, Serialize};

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

/// Errors loading the catalog.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    /// A file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A file is not the expected JSON.
    #[error("{path}: {source}")]
    Json {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: serde_json::Error,
    },
    /// A term list produced an invalid pattern (should not happen).
    #[error("building matcher: {0}")]
    Pattern(#[from] regex::Error),
}

/// Case-insensitive whole-word matcher over a term list.
#[derive(Debug, Clone)]
struct TermMatcher {
    regex: Option<Regex>,
    terms: Vec<String>,
}

impl TermMatcher {
    fn new(
        terms: impl IntoIterator<Item = String>,
        case_insensitive: bool,
    ) -> Result<Self, regex::Error> {
        let set: BTreeSet<String> = terms
            .into_iter()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect();
        let mut terms: Vec<String> = set.into_iter().collect();
        terms.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        if terms.is_empty() {
            return Ok(Self { regex: None, terms });
        }
        let alternation = terms
            .iter()
            .map(|t| regex::escape(t))
            .collect::<Vec<_>>()
            .join("|");
        let regex = RegexBuilder::new(&format!(
            r"(?:^|[^\w'])((?:{alternation})(?:e?s)?)(?:$|[^\w'])"
        ))
        .case_insensitive(case_insensitive)
        .build()?;
        Ok(Self {
            regex: Some(regex),
            terms,
        })
    }

    fn find(&self, text: &str, kind: EntityKind, out: &mut Vec<Entity>) {
        let Some(regex) = &self.regex else { return };
        let mut pos = 0;
        while pos <= text.len() {
            let Some(caps) = regex.captures_at(text, pos) else {
                break;
            };
            let Some(m) = caps.get(1) else { break };
            let found = m.as_str().to_lowercase();
            let canonical = self
                .terms
                .iter()
                .find(|t| {
                    let t = t.to_lowercase();
                    found == t || found == format!("{t}s") || found == format!("{t}es")
                })
                .cloned()
                .unwrap_or_else(|| m.as_str().to_string());
            out.push(Entity {
                kind,
                value: canonical,
                start: m.start(),
                end: m.end(),
            });
            // continue right after the term so adjacent terms can match
            pos = m.end();
        }
    }
}

/// What the store sells and who its customers are, for matching.
#[derive(Debug, Clone)]
pub struct Catalog {
    products: TermMatcher,
    options: TermMatcher,
    short_options: TermMatcher,
    people: TermMatcher,
}

impl Catalog {
    /// Builds a catalog from product names, option values and full customer
    /// names ("First Last"). Option values of one or two characters (sizes
    /// such as `M`, `XL`) match case-sensitively, the rest case-insensitively.
    pub fn new(
        product_names: impl IntoIterator<Item = String>,
        option_values: impl IntoIterator<Item = String>,
        person_names: impl IntoIterator<Item = String>,
    ) -> Result<Self, CatalogError> {
        let (short, long): (Vec<String>, Vec<String>) = option_values
            .into_iter()
            .filter(|o| !o.trim().is_empty())
            .partition(|o| o.trim().chars().count() <= 2);
        Ok(Self {
            products: TermMatcher::new(product_names, true)?,
            options: TermMatcher::new(long, true)?,
            short_options: TermMatcher::new(short, false)?,
            people: TermMatcher::new(person_names, true)?,
        })
    }

    /// An empty catalog: only the pattern extractors run.
    pub fn empty() -> Self {
        let none = TermMatcher {
            regex: None,
            terms: Vec::new(),
        };
        Self {
            products: none.clone(),
            options: none.clone(),
            short_options: none.clone(),
            people: none,
        }
    }

    /// Loads `products.json` and `users.json` from the retail data folder.
    pub fn load(retail_dir: impl AsRef<Path>) -> Result<Self, CatalogError> {
        let dir = retail_dir.as_ref();
        let read = |name: &str| -> Result<serde_json::Value, CatalogError> {
            let path = dir.join(name);
            let text = std::fs::read_to_string(&path).map_err(|source| CatalogError::Io {
                path: path.clone(),
                source,
            })?;
            serde_json::from_str(&text).map_err(|source| CatalogError::Json { path, source })
        };
        let products = read("products.json")?;
        let users = read("users.json")?;
        let mut names = Vec::new();
        let mut options = Vec::new();
        for product in products.as_object().into_iter().flat_map(|m| m.values()) {
            if let Some(n) = product.get("name").and_then(|n| n.as_str()) {
                names.push(n.to_string());
            }
            for variant in product
                .get("variants")
                .and_then(|v| v.as_object())
                .into_iter()
                .flat_map(|m| m.values())
            {
                for value in variant
                    .get("options")
                    .and_then(|o| o.as_object())
                    .into_iter()
                    .flat_map(|m| m.values())
                {
                    if let Some(v) = value.as_str() {
                        options.push(v.to_string());
                    }
                }
            }
        }
        let people = users
            .as_object()
            .into_iter()
            .flat_map(|m| m.values())
            .filter_map(|u| {
                let n = u.get("name")?;
                Some(format!(
                    "{} {}",
                    n.get("first_name")?.as_str()?,
                    n.get("last_name")?.as_str()?
                ))
            })
            .collect::<Vec<_>>();
        Self::new(names, options, people)
    }
}

/// What is known about the customer in the conversation, if anything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerContext {
    /// The customer's order ids (`#W1234567`).
    pub order_ids: Vec<String>,
    /// Names of the items in the customer's orders.
    pub item_names: Vec<String>,
    /// Option values of the items in the customer's orders.
    pub option_values: Vec<String>,
    /// The customer's full name.
    pub name: Option<String>,
}

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| unreachable!("static regex {pattern}: {e}"))
}

static ORDER_ID: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)(?:#\s?W|\bW|#)(\d{7})\b"));
static ORDER_WORD_ID: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\border(?:\s+(?:id|number|no\.?|num))?\s*(?:is\s+)?[:#]?\s*(\d{7})\b")
});
static BARE_7: LazyLock<Regex> = LazyLock::new(|| re(r"\b(\d{7})\b"));
static ITEM_ID: LazyLock<Regex> = LazyLock::new(|| re(r"\b\d{10}\b"));
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    re(r"[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
});
static ZIP: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:^|[^\w$.,#-])(\d{5}(?:-\d{4})?)(?:$|[^\w%]|\.(?:\D|$))"));
static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b\d{1,6}\s+(?:[A-Z][A-Za-z'-]*\s+){1,4}(?:Street|St|Avenue|Ave|Road|Rd|Drive|Dr|Lane|Ln|Boulevard|Blvd|Court|Ct|Way|Place|Pl|Terrace|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Trail|Square|Sq)\b\.?(?:,?\s+(?:Suite|Ste\.?|Apt\.?|Apartment|Unit|#)\s*[A-Za-z0-9-]+)?(?:,\s*[A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+){0,2}(?:,\s*[A-Z]{2})?(?:,?\s+\d{5}(?:-\d{4})?)?)?",
    )
});
static AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:(?P<sym>[$€£]|\b(?:usd|eur|gbp)\b)\s?(?P<n1>\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)|\b(?P<n2>\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)\s?(?P<word>dollars?|bucks|usd|euros?|eur|pounds?|gbp)\b)",
    )
});
static GIFT_CARD: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bgift[\s-]?cards?\b"));
static PAYPAL: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bpay\s?pal\b"));
static CREDIT_CARD: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b(?:credit|debit)\s+cards?\b"));
static CARD_BRAND: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(visa|master\s?card|amex|american express|discover)\b"));
static LAST_FOUR: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:ending\s+(?:in|with)|ends\s+(?:in|with)|last\s+(?:four|4)(?:\s+digits)?(?:\s+(?:is|are|of))?|[x*]{2,}[\s-]*)\s*[:#]?\s*(\d{4})\b",
    )
});
static REASON_NOT_NEEDED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:no longer need(?:ed|s)?|(?:do not|don'?t|dont) need (?:it|them|this|that|these|those)(?: any ?more)?|not needed any ?more|changed my mind)\b",
    )
});
static REASON_MISTAKE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:ordered (?:it |them |this |that )?(?:by (?:mistake|accident)|accidentally|in error)|by mistake|by accident|accidentally (?:ordered|bought|placed)|mistakenly (?:ordered|bought|placed))\b",
    )
});
static NAME_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:[Mm]y name is|[Mm]y name's|[Tt]his is|I am|I'm|[Nn]ame:)\s+(?P<name>[A-Z][a-z]+(?:[\s-][A-Z][a-z]+){1,2})\b",
    )
});

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

fn push(
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

/// Order ids: `#W1234567`, `W1234567`, `#1234567`, `order 1234567`, and bare
/// 7-digit numbers that are one of the customer's orders.
pub fn extract_order_ids(text: &str, customer: Option<&CustomerContext>, out: &mut Vec<Entity>) {
    for caps in ORDER_ID
        .captures_iter(text)
        .chain(ORDER_WORD_ID.captures_iter(text))
    {
        if let (Some(all), Some(d)) = (caps.get(0), caps.get(1)) {
            let start = if all.as_str().starts_with(['#', 'W', 'w']) {
                all.start()
            } else {
                d.start()
            };
            push(
                out,
                EntityKind::OrderId,
                format!("#W{}", d.as_str()),
                start,
                d.end(),
            );
        }
    }
    if let Some(ctx) = customer {
        for caps in BARE_7.captures_iter(text) {
            if let Some(d) = caps.get(1) {
                let id = format!("#W{}", d.as_str());
                if ctx.order_ids.iter().any(|o| o.eq_ignore_ascii_case(&id)) {
                    push(out, EntityKind::OrderId, id, d.start(), d.end());
                }
            }
        }
    }
}

/// E-mail addresses (value lower-cased, trailing dot excluded).
pub fn extract_emails(text: &str, out: &mut Vec<Entity>) {
    for m in EMAIL.find_iter(text) {
        push(
            out,
            EntityKind::Email,
            m.as_str().to_lowercase(),
            m.start(),
            m.end(),
        );
    }
}

/// 5-digit and ZIP+4 codes not part of a longer number, amount or id.
pub fn extract_zips(text: &str, out: &mut Vec<Entity>) {
    let mut pos = 0;
    while let Some(caps) = ZIP.captures_at(text, pos) {
        let Some(m) = caps.get(1) else { break };
        push(out, EntityKind::Zip, m.as_str(), m.start(), m.end());
        pos = m.end();
    }
}

/// 10-digit product or item ids.
pub fn extract_item_ids(text: &str, out: &mut Vec<Entity>) {
    for m in ITEM_ID.find_iter(text) {
        push(out, EntityKind::ItemId, m.as_str(), m.start(), m.end());
    }
}

/// US-style postal addresses: number, capitalised street name and suffix,
/// optional suite, optional city, state and zip.
pub fn extract_addresses(text: &str, out: &mut Vec<Entity>) {
    for m in ADDRESS.find_iter(text) {
        let trimmed = m.as_str().trim_end_matches([',', ' ']);
        push(
            out,
            EntityKind::Address,
            trimmed,
            m.start(),
            m.start() + trimmed.len(),
        );
    }
}

/// Amounts with a currency symbol, code or word; value `<number> <ISO code>`.
pub fn extract_amounts(text: &str, out: &mut Vec<Entity>) {
    for caps in AMOUNT.captures_iter(text) {
        let Some(all) = caps.get(0) else { continue };
        let number = caps
            .name("n1")
            .or_else(|| caps.name("n2"))
            .map_or("", |m| m.as_str())
            .replace(',', "");
        let unit = caps
            .name("sym")
            .or_else(|| caps.name("word"))
            .map_or("", |m| m.as_str())
            .to_lowercase();
        let code = match unit.as_str() {
            "€" | "eur" | "euro" | "euros" => "EUR",
            "£" | "gbp" | "pound" | "pounds" => "GBP",
            _ => "USD",
        };
        push(
            out,
            EntityKind::Amount,
            format!("{number} {code}"),
            all.start(),
            all.end(),
        );
    }
}

/// Payment-method mentions.
pub fn extract_payment_methods(text: &str, out: &mut Vec<Entity>) {
    for m in GIFT_CARD.find_iter(text) {
        push(
            out,
            EntityKind::PaymentMethod,
            "gift_card",
            m.start(),
            m.end(),
        );
    }
    for m in PAYPAL.find_iter(text) {
        push(out, EntityKind::PaymentMethod, "paypal", m.start(), m.end());
    }
    for m in CREDIT_CARD.find_iter(text) {
        push(
            out,
            EntityKind::PaymentMethod,
            "credit_card",
            m.start(),
            m.end(),
        );
    }
    for m in CARD_BRAND.find_iter(text) {
        let brand = m.as_str().to_lowercase().replace(' ', "");
        let brand = if brand == "americanexpress" {
            "amex".to_string()
        } else {
            brand
        };
        push(
            out,
            EntityKind::PaymentMethod,
            format!("card_brand:{brand}"),
            m.start(),
            m.end(),
        );
    }
    for caps in LAST_FOUR.captures_iter(text) {
        if let (Some(all), Some(d)) = (caps.get(0), caps.get(1)) {
            push(
                out,
                EntityKind::PaymentMethod,
                format!("card_last_four:{}", d.as_str()),
                all.start(),
                all.end(),
            );
        }
    }
}

/// The store's two cancellation reasons.
pub fn extract_cancellation_reasons(text: &str, out: &mut Vec<Entity>) {
    for m in REASON_NOT_NEEDED.find_iter(text) {
        push(
            out,
            EntityKind::CancellationReason,
            "no longer needed",
            m.start(),
            m.end(),
        );
    }
    for m in REASON_MISTAKE.find_iter(text) {
        push(
            out,
            EntityKind::CancellationReason,
            "ordered by mistake",
            m.start(),
            m.end(),
        );
    }
}

/// Names after "my name is" / "this is" / "I am", capitalised.
pub fn extract_name_phrases(text: &str, out: &mut Vec<Entity>) {
    for caps in NAME_PHRASE.captures_iter(text) {
        if let Some(n) = caps.name("name") {
            push(out, EntityKind::PersonName, n.as_str(), n.start(), n.end());
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn catalog() -> Catalog {
        Catalog::new(
            ["T-Shirt", "Office Chair", "Water Bottle"].map(String::from),
            ["blue", "XL", "M", "1000ml", "crew neck", "glass"].map(String::from),
            ["Noah Brown", "Yusuf Rossi"].map(String::from),
        )
        .unwrap()
    }

    fn kinds(text: &str) -> Vec<(EntityKind, String, String)> {
        extract_entities(text, &catalog(), None)
            .into_iter()
            .map(|e| (e.kind, e.value, text[e.start..e.end].to_string()))
            .collect()
    }

    #[test]
    fn realistic_ticket() {
        let t = "Hi, my name is Noah Brown, email noah.brown7922@example.com, zip 80279. \
                 Please cancel order #W2611340, I ordered it by mistake, and refund $536.65 to my gift card. \
                 Also exchange the blue T-Shirt size XL.";
        let k = kinds(t);
        let has = |kind, v: &str| k.iter().any(|(kk, vv, _)| *kk == kind && vv == v);
        assert!(has(EntityKind::PersonName, "Noah Brown"), "{k:?}");
        assert!(has(EntityKind::Email, "noah.brown7922@example.com"));
        assert!(has(EntityKind::Zip, "80279"));
        assert!(has(EntityKind::OrderId, "#W2611340"));
        assert!(has(EntityKind::CancellationReason, "ordered by mistake"));
        assert!(has(EntityKind::Amount, "536.65 USD"));
        assert!(has(EntityKind::PaymentMethod, "gift_card"));
        assert!(has(EntityKind::OptionValue, "blue"));
        assert!(has(EntityKind::OptionValue, "XL"));
        assert!(has(EntityKind::ItemName, "T-Shirt"));
        // the zip is not also an amount or an order id
        assert_eq!(k.iter().filter(|(_, _, s)| s.contains("80279")).count(), 1);
    }

    #[test]
    fn addresses_payment_and_bare_ids() {
        let t = "Ship it to 986 Sunset Drive, Suite 259, Denver, CO 80279 and charge the Visa ending in 9212. Order 2611340.";
        let k = kinds(t);
        assert!(
            k.iter().any(|(kind, v, _)| *kind == EntityKind::Address
                && v.starts_with("986 Sunset Drive, Suite 259, Denver")),
            "{k:?}"
        );
        assert!(k
            .iter()
            .any(|(kind, v, _)| *kind == EntityKind::Zip && v == "80279"));
        assert!(k.iter().any(|(_, v, _)| v == "card_brand:visa"));
        assert!(k.iter().any(|(_, v, _)| v == "card_last_four:9212"));
        assert!(k
            .iter()
            .any(|(kind, v, _)| *kind == EntityKind::OrderId && v == "#W2611340"));
        let ctx = CustomerContext {
            order_ids: vec!["#W7678072".into()],
            ..CustomerContext::default()
        };
        let e = extract_entities("about 7678072 and 1111111", &Catalog::empty(), Some(&ctx));
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].value, "#W7678072");
    }

    #[test]
    fn short_options_are_case_sensitive_and_words_whole() {
        let k = kinds("I'm unsure, maybe the glasses or size M?");
        assert!(k.iter().any(|(_, v, s)| v == "M" && s == "M"), "{k:?}");
        assert!(!k.iter().any(|(_, _, s)| s == "m"));
        assert!(k.iter().any(|(_, v, s)| v == "glass" && s == "glasses"));
        assert!(kinds("bluetooth speaker").is_empty());
    }

    #[test]
    fn shipped_catalog_loads() {
        let c = Catalog::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/retail")).unwrap();
        let e = extract_entities("I want to return my Office Chair in black", &c, None);
        assert!(
            e.iter()
                .any(|e| e.kind == EntityKind::ItemName && e.value == "Office Chair"),
            "{e:?}"
        );
        assert!(e
            .iter()
            .any(|e| e.kind == EntityKind::OptionValue && e.value == "black"));
    }

    const FILLER: &str = "[a-z ]{0,20}";

    proptest! {
        #[test]
        fn never_panics_and_spans_are_valid(text in "\\PC{0,200}") {
            for e in extract_entities(&text, &catalog(), None) {
                prop_assert!(e.start < e.end && e.end <= text.len());
                prop_assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end));
            }
        }

        #[test]
        fn order_ids_found(pre in FILLER, post in FILLER, d in "[0-9]{7}", hash in any::<bool>()) {
            let id = if hash { format!("#W{d}") } else { format!("W{d}") };
            let text = format!("{pre} {id} {post}");
            let mut out = Vec::new();
            extract_order_ids(&text, None, &mut out);
            let want = format!("#W{d}");
            prop_assert!(out.iter().any(|e| e.value == want && text[e.start..e.end] == id));
        }

        #[test]
        fn emails_found(pre in FILLER, user in "[a-z][a-z0-9._]{0,10}[a-z0-9]", host in "[a-z]{1,8}", tld in "(com|org|net|io)") {
            let email = format!("{user}@{host}.{tld}");
            let text = format!("{pre} {email}. thanks");
            let mut out = Vec::new();
            extract_emails(&text, &mut out);
            prop_assert_eq!(out.len(), 1);
            prop_assert_eq!(&text[out[0].start..out[0].end], email.as_str());
        }

        #[test]
        fn zips_found_and_not_inside_longer_numbers(pre in FILLER, z in "[0-9]{5}", long in "[0-9]{6,9}") {
            let text = format!("{pre} zip {z}, id {long}");
            let mut out = Vec::new();
            extract_zips(&text, &mut out);
            prop_assert_eq!(out.len(), 1);
            prop_assert_eq!(out[0].value.as_str(), z.as_str());
        }

        #[test]
        fn amounts_found(whole in 0u32..100_000, cents in 0u32..100, sym in "(\\$|€|£)") {
            let number = format!("{whole}.{cents:02}");
            let text = format!("please refund {sym}{number} today");
            let mut out = Vec::new();
            extract_amounts(&text, &mut out);
            prop_assert_eq!(out.len(), 1);
            let code = match sym.as_str() { "€" => "EUR", "£" => "GBP", _ => "USD" };
            prop_assert_eq!(out[0].value.clone(), format!("{number} {code}"));
        }

        #[test]
        fn last_four_found(d in "[0-9]{4}", brand in "(Visa|Mastercard|Amex|Discover)") {
            let text = format!("use my {brand} card ending in {d}");
            let mut out = Vec::new();
            extract_payment_methods(&text, &mut out);
            let want = format!("card_last_four:{d}");
            prop_assert!(out.iter().any(|e| e.value == want));
            prop_assert!(out.iter().any(|e| e.value.starts_with("card_brand:")));
        }

        #[test]
        fn addresses_found(n in 1u32..99999, street in "[A-Z][a-z]{2,9}", suffix in "(Street|Avenue|Road|Drive|Lane)", city in "[A-Z][a-z]{3,9}", z in "[0-9]{5}") {
            let addr = format!("{n} {street} {suffix}, {city}, CA {z}");
            let text = format!("please send it to {addr}. thanks");
            let mut out = Vec::new();
            extract_addresses(&text, &mut out);
            prop_assert_eq!(out.len(), 1);
            prop_assert_eq!(out[0].value.as_str(), addr.as_str());
        }

        #[test]
        fn names_after_phrase(first in "[A-Z][a-z]{2,8}", last in "[A-Z][a-z]{2,8}") {
            let text = format!("hello, my name is {first} {last} and I need help");
            let mut out = Vec::new();
            extract_name_phrases(&text, &mut out);
            prop_assert_eq!(out.len(), 1);
            prop_assert_eq!(out[0].value.clone(), format!("{first} {last}"));
        }

        #[test]
        fn catalog_terms_found_any_case(pre in FILLER, upper in any::<bool>()) {
            let item = if upper { "WATER BOTTLE" } else { "water bottle" };
            let text = format!("{pre} my {item} leaks");
            let e = extract_entities(&text, &catalog(), None);
            prop_assert!(e.iter().any(|e| e.kind == EntityKind::ItemName && e.value == "Water Bottle"));
        }

        #[test]
        fn item_ids_found_only_at_ten_digits(id in "[1-9][0-9]{9}", longer in "[1-9][0-9]{10,12}") {
            let text = format!("item {id} not {longer}");
            let mut out = Vec::new();
            extract_item_ids(&text, &mut out);
            prop_assert_eq!(out.len(), 1);
            prop_assert_eq!(out[0].value.as_str(), id.as_str());
        }

        #[test]
        fn wallets_found(pre in FILLER, gift in any::<bool>()) {
            let (mention, want) = if gift { ("Gift Card", "gift_card") } else { ("PayPal", "paypal") };
            let text = format!("{pre} refund to my {mention} please");
            let mut out = Vec::new();
            extract_payment_methods(&text, &mut out);
            prop_assert!(out.iter().any(|e| e.value == want && &text[e.start..e.end] == mention));
        }

        #[test]
        fn reasons_found(pre in FILLER, mistake in any::<bool>()) {
            let phrase = if mistake { "I ordered it by mistake" } else { "I no longer need it" };
            let text = format!("{pre}. {phrase}.");
            let mut out = Vec::new();
            extract_cancellation_reasons(&text, &mut out);
            let want = if mistake { "ordered by mistake" } else { "no longer needed" };
            prop_assert!(out.iter().any(|e| e.value == want));
        }
    }
}
