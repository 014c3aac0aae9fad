//! Which items of the order a request names.

use std::sync::LazyLock;

use regex::Regex;

use crate::customer::Item;
use crate::text::{dicts, normalise, re};

use super::context::Ctx;
use super::mentions::{mentions, raw_pos, source_has_separator};
use super::Resolution;

static ALL_ITEMS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:all (?:the |of the |my )?(?:items|products|things)|everything|entire order|whole order|all of (?:it|them)|the order|the (?:items|products|things)|them all)\b",
    )
});
static BOTH: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b(?:both|all|each|two|every)\b"));
static EXCEPT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:except(?: for)?|but not|other than|apart from|besides|excluding|but keep|keep the)\b",
    )
});
pub(super) static SPLIT: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b(?:to|for|into|with)\b"));

impl Ctx<'_> {
    /// Items of the order the request names, or a question.
    pub(super) fn items(&self) -> Result<Vec<(Item, usize)>, Resolution> {
        let items = self.customer.items(self.order_id);
        let mut source = self.req.clause.as_str();
        if let Some(m) = EXCEPT.find(source) {
            let (kept, excluded) = (&source[..m.start()], &source[m.start()..]);
            let out_named = mentions(excluded, &items);
            if ALL_ITEMS.is_match(kept) && self.req.kind != "item_change" {
                if out_named.iter().any(|m| m.items.len() > 1) {
                    return Err(Resolution::ask(format!(
                        "Order {} has several of the items you want to keep. Which ones should stay?",
                        self.order_id
                    )));
                }
                let keep: Vec<&str> = out_named
                    .iter()
                    .flat_map(|m| m.items.iter().map(|i| i.item_id.as_str()))
                    .collect();
                let rest: Vec<(Item, usize)> = items
                    .iter()
                    .filter(|i| !keep.contains(&i.item_id.as_str()))
                    .map(|i| (i.clone(), 0))
                    .collect();
                if rest.is_empty() || keep.is_empty() {
                    return Err(Resolution::ask(format!(
                        "Which items of order {} do you mean: {}?",
                        self.order_id,
                        items.iter().map(Item::label).collect::<Vec<_>>().join("; ")
                    )));
                }
                return Ok(rest);
            }
            if !out_named.is_empty() {
                source = kept;
            }
        }
        let mut found = mentions(source, &items);
        if found.is_empty() && ALL_ITEMS.is_match(source) && self.req.kind != "item_change" {
            return Ok(items.into_iter().map(|i| (i, 0)).collect());
        }
        if found.is_empty() {
            source = self.req.before.as_str();
            found = mentions(source, &items);
        }
        if found.is_empty() {
            if items.len() == 1 {
                return Ok(vec![(items[0].clone(), 0)]);
            }
            return Err(Resolution::ask(format!(
                "Which items of order {} do you mean: {}?",
                self.order_id,
                items.iter().map(Item::label).collect::<Vec<_>>().join("; ")
            )));
        }
        let norm = normalise(source);
        let mut used: Vec<usize> = Vec::new();
        let index_of = |it: &Item, used: &[usize]| {
            items
                .iter()
                .enumerate()
                .position(|(n, i)| i.item_id == it.item_id && !used.contains(&n))
        };
        let mut out: Vec<(Item, usize)> = Vec::new();
        for (n, m) in found.iter().enumerate() {
            // "exchange the mouse for a white mouse": the second is the target, not an item
            if let Some(prev) = found[..n].iter().rev().find(|p| p.name == m.name) {
                let between = &norm[prev.end..m.pos];
                if self.req.kind == "item_change"
                    && SPLIT.is_match(between)
                    && !source_has_separator(source, prev.pos, m.pos)
                {
                    continue;
                }
            }
            let free: Vec<&Item> = m
                .items
                .iter()
                .filter(|i| index_of(i, &used).is_some())
                .collect();
            if free.is_empty() {
                continue;
            }
            let next = found
                .get(n + 1)
                .map_or(source.len(), |x| raw_pos(source, x.pos));
            let prev_end = if n == 0 {
                0
            } else {
                raw_pos(source, found[n - 1].end)
            };
            let start = raw_pos(source, m.pos);
            let segment = &source[start.min(next)..next];
            let before = &source[prev_end.min(start)..start];
            let dict = dicts(segment).into_iter().next();
            let cut = SPLIT.find(segment).map_or(segment.len(), |x| x.start());
            let describing = normalise(&format!("{before} {}", &segment[..cut]));
            let score = |it: &Item| -> usize {
                if let Some(d) = &dict {
                    if !d.pairs.is_empty() {
                        return if d.pairs.iter().all(|(k, v)| it.options.get(k) == Some(v)) {
                            100
                        } else {
                            0
                        };
                    }
                }
                it.options
                    .values()
                    .filter(|v| crate::text::contains_words(&describing, &normalise(v)))
                    .count()
            };
            let best = free.iter().map(|i| score(i)).max().unwrap_or(0);
            let top: Vec<&Item> = free.iter().copied().filter(|i| score(i) == best).collect();
            let distinct: std::collections::BTreeSet<&str> =
                top.iter().map(|i| i.item_id.as_str()).collect();
            let chosen: Vec<&Item> = if distinct.len() == 1 {
                if BOTH.is_match(segment) && best == 0 {
                    top.clone()
                } else {
                    vec![top[0]]
                }
            } else if best == 0 && BOTH.is_match(source) {
                free.clone()
            } else {
                return Err(Resolution::ask(format!(
                    "Order {} has several {}: {}. Which one do you mean?",
                    self.order_id,
                    m.name,
                    top.iter().map(|i| i.label()).collect::<Vec<_>>().join("; ")
                )));
            };
            for it in chosen {
                if let Some(ix) = index_of(it, &used) {
                    used.push(ix);
                    out.push((it.clone(), m.pos));
                }
            }
        }
        Ok(out)
    }
}
