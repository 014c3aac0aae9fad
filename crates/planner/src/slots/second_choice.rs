//! A second choice of option: "white if you have it, but if that's not available then black
//! is fine". The first choice if it is sold, else the first with the second's options.

use std::collections::BTreeMap;

use crate::customer::Item;
use crate::format::{describe_space, fmt_opts};
use crate::variant::{option_mentions, option_space, target_variant, Freedom, Variant};

use super::context::Ctx;
use super::target::changes_from;
use super::Resolution;

/// "if that's not available, then black is fine", "if not, the black one": what the customer
/// takes when their first choice is not sold (`alt`).
static SECOND_CHOICE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::text::re(&format!(
        r"(?i)(?:,|;|\bbut\b|\band\b)?\s*{},?\s*(?:then\s+)?(?P<alt>[^.;!?]+)",
        crate::conditions::IF_UNAVAILABLE
    ))
});

impl Ctx<'_> {
    /// The target when `text` names a second choice of option: the first choice (the text
    /// before it) if it is sold, else the first with the second's options; `None` when
    /// `text` names no second choice with options of `product`.
    pub(super) fn second_choice(
        &self,
        item: &Item,
        product: &serde_json::Value,
        text: &str,
    ) -> Option<Result<Variant, Resolution>> {
        let m = SECOND_CHOICE.captures(text)?;
        let (all, alt) = (m.get(0)?, m.name("alt")?);
        let second = option_mentions(alt.as_str(), product);
        if second.is_empty() {
            return None;
        }
        let first_text = &text[..all.start()];
        let first = match changes_from(item, option_mentions(first_text, product)) {
            Ok(c) => c,
            Err(r) => return Some(Err(r)),
        };
        let mut fallback = first.clone();
        for (k, vals) in second {
            if let [v] = vals.into_iter().collect::<Vec<_>>().as_slice() {
                fallback.insert(k, v.clone());
            }
        }
        let freedom = Freedom::read(first_text, product);
        let sold = |changes: &BTreeMap<String, String>| {
            target_variant(item, product, changes, None, &freedom)
                .ok()
                .filter(|v| v.item_id != item.item_id)
        };
        Some(sold(&first).or_else(|| sold(&fallback)).ok_or_else(|| {
            Resolution::Unavailable(format!(
                "Neither {} nor {} is available for the {}. Would another option work? Options: {}.",
                fmt_opts(&first),
                fmt_opts(&fallback),
                item.name,
                describe_space(&option_space(product))
            ))
        }))
    }
}
