//! The store's terms (item names, option words, customer names) and what is known of the customer.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use regex::{Regex, RegexBuilder};
use serde::{Deserialize, Serialize};

use super::*;

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
pub(super) struct TermMatcher {
    regex: Option<Regex>,
    terms: Vec<String>,
}

impl TermMatcher {
    pub(super) fn new(
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

    pub(super) fn find(&self, text: &str, kind: EntityKind, out: &mut Vec<Entity>) {
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
    pub(super) products: TermMatcher,
    pub(super) options: TermMatcher,
    pub(super) short_options: TermMatcher,
    pub(super) people: TermMatcher,
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
