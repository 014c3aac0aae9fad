//! Which variant an item becomes.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::customer::Item;
use crate::format::{describe_space, fmt_opts, money};
use crate::text::{dicts, normalise, re};
use crate::variant::{
    mention, option_mentions, option_space, preference, target_variant, Variant, VariantProblem,
};

use super::context::Ctx;
use super::items::SPLIT;
use super::mentions::raw_pos;
use super::Resolution;

static CHANGED_MIND: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:change[sd]? (?:my|his|her|their) mind|actually|on second thought|after all)\b")
});

impl Ctx<'_> {
    /// The target variant of one item.
    pub(super) fn target(
        &self,
        item: &Item,
        pos: usize,
        next: Option<usize>,
    ) -> Result<Variant, Resolution> {
        let Some(product) = self.customer.products.get(&item.product_id) else {
            return Err(Resolution::ask(format!(
                "Which {} would you like instead?",
                item.name
            )));
        };
        let clause = &self.req.clause;
        let start = raw_pos(clause, pos);
        let end = next.map_or(clause.len(), |n| raw_pos(clause, n));
        let segment = &clause[start.min(end)..end];
        let ds = dicts(segment);
        let space = option_space(product);
        let (changes, pref, explicit_same) = if ds.len() >= 2 {
            let target = &ds[1].pairs;
            let valid = target
                .iter()
                .all(|(k, v)| space.get(k).is_some_and(|vals| vals.contains(v)));
            if !valid {
                return Err(Resolution::ask(format!(
                    "The {} does not come with {:?}. Which options would you like?",
                    item.name, target
                )));
            }
            (target.clone(), None, target.is_empty())
        } else {
            let mut target_text = match SPLIT.find(segment) {
                Some(m) => segment[m.start()..].to_owned(),
                None => match SPLIT.find(clause) {
                    Some(m) => clause[m.start()..].to_owned(),
                    None => segment.to_owned(),
                },
            };
            let others: Vec<Item> = self
                .customer
                .items(self.order_id)
                .into_iter()
                .filter(|i| i.name != item.name)
                .collect();
            for s in crate::text::sentences(&self.req.after) {
                let norm = normalise(&s);
                let names_it = mention(&norm, &item.name).is_some();
                let names_other = others.iter().any(|o| mention(&norm, &o.name).is_some());
                if names_it || !names_other {
                    target_text.push(' ');
                    target_text.push_str(&s);
                }
            }
            if let Some(m) = CHANGED_MIND.find_iter(&target_text).last() {
                target_text = target_text[m.end()..].to_owned();
            }
            let mentions = option_mentions(&target_text, product);
            let mut changes = BTreeMap::new();
            for (k, vals) in mentions {
                let differing: Vec<String> = vals
                    .into_iter()
                    .filter(|v| item.options.get(&k) != Some(v))
                    .collect();
                match differing.len() {
                    0 => {}
                    1 => {
                        changes.insert(k, differing[0].clone());
                    }
                    _ => {
                        return Err(Resolution::ask(format!(
                            "Which {k} would you like for the {}: {}?",
                            item.name,
                            differing.join(" or ")
                        )))
                    }
                }
            }
            (changes, preference(&target_text), false)
        };
        if changes.is_empty() && pref.is_none() && !explicit_same {
            return Err(Resolution::ask(format!(
                "What would you like instead of your {}? Options: {}.",
                item.label(),
                describe_space(&space)
            )));
        }
        match target_variant(item, product, &changes, pref) {
            Ok(v) => {
                if v.item_id == item.item_id && !explicit_same {
                    return Err(Resolution::ask(format!(
                        "Your {} already has those options. What would you like to change?",
                        item.label()
                    )));
                }
                Ok(v)
            }
            Err(VariantProblem::Several(list)) => Err(Resolution::ask(format!(
                "Several {} fit: {}. Which one would you like?",
                item.name,
                list.iter()
                    .take(6)
                    .map(|v| format!("{} at {}", fmt_opts(&v.options), money(v.price)))
                    .collect::<Vec<_>>()
                    .join("; ")
            ))),
            Err(VariantProblem::Unavailable(desired)) => Err(Resolution::ask(format!(
                "The {} with {} is not available. Would another option work? Options: {}.",
                item.name,
                fmt_opts(&desired),
                describe_space(&space)
            ))),
            Err(VariantProblem::Conflicting(k)) => Err(Resolution::ask(format!(
                "Which {k} would you like for the {}?",
                item.name
            ))),
        }
    }
}
