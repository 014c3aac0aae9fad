//! Which variant an item becomes.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use regex::Regex;

use crate::customer::Item;
use crate::format::{describe_space, fmt_opts, money};
use crate::text::{dicts, normalise, re, sentences};
use crate::variant::{
    mention, option_mentions, option_space, preference, relative_changes, target_variant, variants,
    Freedom, Variant, VariantProblem,
};

use super::context::Ctx;
use super::descriptors::{describes_order, description_spans};
use super::items::target_start;
use super::mentions::{mentions, raw_pos};
use super::Resolution;

static SAME_AS_OTHER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:the )?same (?:\w+ )?as (?:the|my) other\b([^.;]*)"));
static KEPT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:stays?|remains?|stay (?:the same|as (?:it|they) (?:is|are))|unchanged|(?:leave|keep) (?:it|them|that one|the other(?: one)?) (?:as (?:it|they) (?:is|are)|alone|be)|(?:don'?t|do not) (?:change|touch|modify))\b",
    )
});
static CHANGED_MIND: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:change[sd]? (?:my|his|her|their) mind|actually|on second thought|after all)\b")
});

impl Ctx<'_> {
    /// The words that describe what `item` (named at `pos` of the clause, or before it)
    /// should become. With one item to change (`alone`), every sentence of the request that
    /// names no other product of the order, or the part of it around this product; with
    /// several, the clause from this item's mention to the next one, and the sentences after
    /// it that name it or no other product.
    fn target_text(
        &self,
        item: &Item,
        pos: usize,
        next: Option<usize>,
        alone: bool,
        named_in_clause: bool,
    ) -> String {
        let others = self.other_items(item);
        let siblings = super::siblings::siblings_of(item, &self.customer.items(self.order_id));
        let clause = &self.req.clause;
        let mut text = if alone {
            // the sentences of the clause that are about a sibling are the sibling's
            let clause = &super::siblings::without_sibling_runs(clause, item, &siblings)
                .unwrap_or_else(|| clause.clone());
            // the sentences before the request's own describe this item only when they name it
            let before = if named_in_clause {
                Vec::new()
            } else {
                sentences(&self.req.before)
            };
            let mut own = Vec::new();
            for s in before.into_iter().chain(std::iter::once(clause.clone())) {
                // a sentence about what is kept describes no target, unless it also says what
                // the item becomes: "to medium room size, the HEPA filter and night mode stay"
                let only_kept =
                    KEPT.is_match(&s) && target_start(&super::kept::without_staying(&s)).is_none();
                if self.about_another(&s, item, &others) || only_kept {
                    continue;
                }
                own.push(super::kept::without_staying(&own_part(&s, item, &others)));
            }
            own.join(" ")
        } else {
            let start = raw_pos(clause, pos);
            let mut end = next.map_or(clause.len(), |n| raw_pos(clause, n));
            // "..., and the blue fabric office chair": the words that open the next product's
            // phrase are that product's
            if next.is_some() {
                let name_end = clause[start.min(end)..end]
                    .find(char::is_whitespace)
                    .map_or(end, |w| start + w);
                if let Some(m) = clause
                    .get(name_end..end)
                    .and_then(|seg| NEXT_PHRASE.find_iter(seg).last())
                {
                    end = name_end + m.start();
                }
            }
            let segment = &clause[start.min(end)..end];
            let own = OWN_CHANGE.find(segment).map(|o| o.start());
            let text = match (target_start(segment), own) {
                // "the lamp should be the low brightness one for my desk"
                (Some(m), Some(o)) if o < m => segment[o..].to_owned(),
                (Some(m), _) => segment[m..].to_owned(),
                // "the earbuds should have the 6 hour battery instead of 8, and the kettle
                // should be the one for electric stovetops": the item's own words say what it
                // becomes; a target later in the clause is another item's
                (None, Some(_)) => segment.to_owned(),
                (None, None) => match target_start(clause) {
                    Some(m) => clause[m..].to_owned(),
                    None => segment.to_owned(),
                },
            };
            // "... high ventilation, not low - the small white one is fine as is"
            super::kept::without_staying(&text)
        };
        let after = super::siblings::pieces(&sentences(&self.req.after));
        let on_sibling = super::siblings::on_sibling(&after, item, &siblings);
        // "2) The portable charger - 20000mAh. Still wireless, still black.": the sentences
        // after one that names another item are that item's, until one names this item again
        let mut on_other = false;
        for (s, _) in after.into_iter().zip(on_sibling).filter(|(_, on)| !on) {
            let norm = normalise(&s);
            let names_it = mention(&norm, &item.name).is_some();
            let names_other = others.iter().any(|o| mention(&norm, &o.name).is_some());
            // "The medium one stays": a sentence about what is kept describes no target
            if KEPT.is_match(&s) {
                continue;
            }
            if names_it || names_other {
                on_other = !names_it;
            }
            if names_it || (!on_other && !names_other && !self.about_another(&s, item, &others)) {
                // "The black toothbrush is fine, leave it.": what stays describes no target
                text.push(' ');
                text.push_str(&super::kept::without_staying(&own_part(&s, item, &others)));
            }
        }
        text
    }

    /// The order's items other than `item` (by product name).
    fn other_items(&self, item: &Item) -> Vec<Item> {
        self.customer
            .items(self.order_id)
            .into_iter()
            .filter(|i| i.name != item.name)
            .collect()
    }

    /// The sentences after the request (before the next one) that name no other item of the
    /// order, neither by name nor by its options alone.
    fn following_about(&self, item: &Item) -> String {
        let others = self.other_items(item);
        sentences(&self.req.after)
            .into_iter()
            .filter(|s| {
                let norm = normalise(s);
                !others.iter().any(|o| mention(&norm, &o.name).is_some())
                    && !self.about_another(s, item, &others)
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Whether `sentence` names no product yet speaks only of options another product of
    /// the order has ("I don't care about wired or not" next to a bookshelf and a mouse).
    fn about_another(&self, sentence: &str, item: &Item, others: &[Item]) -> bool {
        let norm = normalise(sentence);
        if mention(&norm, &item.name).is_some()
            || others.iter().any(|o| mention(&norm, &o.name).is_some())
        {
            return false;
        }
        let words_of = |i: &Item| {
            self.customer
                .products
                .get(&i.product_id)
                .is_some_and(|p| !option_mentions(sentence, p).is_empty())
        };
        !words_of(item) && others.iter().any(words_of)
    }

    /// "... so it is the same as the other IPX4 pair": the variant of the one other item of
    /// the same product (in this order, else in the customer's other orders) that the words
    /// after "other" fit. None when the text makes no such comparison.
    fn same_as_other(&self, item: &Item, text: &str) -> Result<Option<Variant>, Resolution> {
        let Some(c) = SAME_AS_OTHER.captures(text) else {
            return Ok(None);
        };
        let Some(product) = self.customer.products.get(&item.product_id) else {
            return Ok(None);
        };
        let tail = c.get(1).map_or("", |m| m.as_str());
        let wanted = option_mentions(tail, product);
        let fits = |i: &Item| {
            i.name == item.name
                && i.item_id != item.item_id
                && wanted
                    .iter()
                    .all(|(k, vals)| i.options.get(k).is_some_and(|v| vals.contains(v)))
        };
        let mut candidates: Vec<Item> = self
            .customer
            .items(self.order_id)
            .into_iter()
            .filter(|i| fits(i))
            .collect();
        if candidates.is_empty() {
            candidates = self
                .customer
                .orders
                .keys()
                .flat_map(|id| self.customer.items(id))
                .filter(|i| fits(i))
                .collect();
        }
        candidates.sort_by(|a, b| a.item_id.cmp(&b.item_id));
        candidates.dedup_by(|a, b| a.item_id == b.item_id);
        match candidates.as_slice() {
            [] => Ok(None),
            [other] => {
                let v = variants(product)
                    .into_iter()
                    .find(|v| v.item_id == other.item_id);
                match v {
                    Some(v) if v.available => Ok(Some(v)),
                    _ => Err(Resolution::Unavailable(format!(
                        "The {} you want to match ({}) is not available any more. Would another option work?",
                        item.name,
                        fmt_opts(&other.options)
                    ))),
                }
            }
            several => Err(Resolution::ask(format!(
                "Which {} should yours match: {}?",
                item.name,
                several
                    .iter()
                    .map(Item::label)
                    .collect::<Vec<_>>()
                    .join("; ")
            ))),
        }
    }

    /// The target variant of one item.
    pub(super) fn target(
        &self,
        item: &Item,
        pos: usize,
        next: Option<usize>,
        alone: bool,
        named_in_clause: bool,
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
            // A value as the store writes it, where the text's spelling pass wrote its "+" as
            // "and" ("Wi-Fi + Cellular" read "Wi-Fi and Cellular").
            let target: BTreeMap<String, String> = ds[1]
                .pairs
                .iter()
                .map(|(k, v)| {
                    let stored = space.get(k).and_then(|vals| {
                        vals.iter()
                            .find(|x| *x == v || x.replace(" + ", " and ").eq_ignore_ascii_case(v))
                    });
                    (k.clone(), stored.unwrap_or(v).clone())
                })
                .collect();
            let valid = target
                .iter()
                .all(|(k, v)| space.get(k).is_some_and(|vals| vals.contains(v)));
            if !valid {
                let asked: Vec<String> = target.iter().map(|(k, v)| format!("{k} {v}")).collect();
                return Err(Resolution::ask(format!(
                    "The {} does not come with {}. Which options would you like? Options: {}.",
                    item.name,
                    asked.join(", "),
                    describe_space(&space)
                )));
            }
            let empty = target.is_empty();
            (target, None, empty)
        } else {
            let mut target_text = self.target_text(item, pos, next, alone, named_in_clause);
            if let Some(same) = self.same_as_other(item, &target_text)? {
                return Ok(same);
            }
            if let Some(m) = CHANGED_MIND.find_iter(&target_text).last() {
                target_text = target_text[m.end()..].to_owned();
            }
            // "stainless steel if possible, but if that's not available then black is fine"
            if let Some(done) = self.second_choice(item, product, &target_text) {
                return done;
            }
            let mut mentions = option_mentions(&target_text, product);
            // "if the same perfume comes in a 30ml bottle, change it to that"
            if mentions.is_empty() {
                if let Some(span) = crate::conditions::available_span(clause) {
                    mentions = option_mentions(span, product);
                }
            }
            let mut changes = changes_from(item, mentions)?;
            match relative_changes(&target_text, item, product) {
                Ok(relative) => {
                    for (k, v) in relative {
                        changes.entry(k).or_insert(v);
                    }
                }
                Err(missing) => {
                    return Err(Resolution::Unavailable(format!(
                        "The {} does not come with {missing}. Which options would you like? Options: {}.",
                        item.name,
                        describe_space(&space)
                    )))
                }
            }
            // "the next size up", "one foot taller", "four times the storage"
            for (k, v) in crate::steps::stepped_changes(&target_text, item, product) {
                if item.options.get(&k) != Some(&v) {
                    changes.entry(k).or_insert(v);
                }
            }
            // "the largest size you carry in that same clock"
            for (k, v) in crate::variant::extreme_changes(&target_text, item, product) {
                if item.options.get(&k) != Some(&v) {
                    changes.entry(k).or_insert(v);
                }
            }
            // "take the more expensive one and change it to high ventilation": a price word
            // before the wanted variant is described says which item, not which variant
            let wanted =
                target_start(&target_text).map_or(target_text.as_str(), |at| &target_text[at..]);
            (changes, preference(wanted), false)
        };
        if changes.is_empty() && pref.is_none() && !explicit_same {
            return Err(Resolution::ask(format!(
                "What would you like instead of your {}? Options: {}.",
                item.label(),
                describe_space(&space)
            )));
        }
        let freedom = if ds.len() >= 2 {
            Freedom::default()
        } else {
            // "... change them to a size 10? I want to stay with white; I don't care about
            // the material.": what the customer frees or keeps may follow the request, in the
            // sentences before the next one that name no other item
            let mut text = self.target_text(item, pos, next, alone, named_in_clause);
            text.push(' ');
            text.push_str(&self.following_about(item));
            let mut freedom = Freedom::read(&text, product);
            // "should become the gray fabric chair": a value the item already has, written
            // for the wanted variant, is kept
            let wanted = self.target_text(item, pos, next, alone, named_in_clause);
            let wanted = target_start(&wanted).map_or(wanted.as_str(), |at| &wanted[at..]);
            for (k, vals) in option_mentions(wanted, product) {
                if vals.len() == 1
                    && vals.iter().all(|v| item.options.get(&k) == Some(v))
                    && !freedom.relaxed.contains(&k)
                {
                    freedom.kept.insert(k);
                }
            }
            freedom
        };
        match target_variant(item, product, &changes, pref, &freedom) {
            Ok(v) => {
                if v.item_id == item.item_id && !explicit_same {
                    return Err(Resolution::ask(format!(
                        "Your {} already has those options. What would you like to change?",
                        item.label()
                    )));
                }
                Ok(v)
            }
            Err(VariantProblem::Several(list)) => {
                let q = match list.as_slice() {
                    // one variant has the asked options, with others changed as well
                    [v] => format!(
                        "The {} with exactly those options is not sold; the only one that has them also changes the others: {} at {}. Which options would you like?",
                        item.name,
                        fmt_opts(&v.options),
                        money(v.price)
                    ),
                    _ => format!(
                        "Several {} fit: {}. Which one would you like?",
                        item.name,
                        list.iter()
                            .take(6)
                            .map(|v| format!("{} at {}", fmt_opts(&v.options), money(v.price)))
                            .collect::<Vec<_>>()
                            .join("; ")
                    ),
                };
                // the asked change with every other option kept exists, but is sold out
                let mut desired = item.options.clone();
                desired.extend(changes.clone());
                let sold_out = variants(product)
                    .iter()
                    .any(|v| v.options == desired && !v.available);
                Err(if sold_out && pref.is_none() {
                    Resolution::Unavailable(q)
                } else {
                    Resolution::ask(q)
                })
            }
            Err(VariantProblem::Unavailable(desired)) => Err(Resolution::Unavailable(format!(
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

/// The option changes `mentions` (option values named in the text) ask for on `item`:
/// values it already has are no change; two other values for one option are asked about.
pub(super) fn changes_from(
    item: &Item,
    mentions: BTreeMap<String, BTreeSet<String>>,
) -> Result<BTreeMap<String, String>, Resolution> {
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
    Ok(changes)
}

/// Words that say, within an item's own phrase, what it should become.
static OWN_CHANGE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:should (?:be|have|come)|instead|rather than|but in|needs? to be|must be|(?:like|want|prefer|need|rather have)\s+(?:it|them|one|ones|those|these|that|this)\s+(?:in|to be|with)|make (?:it|them|that|those) (?:an?\s+|the\s+)?[\w-]+)\b",
    )
});

/// Where the phrase of the next product starts: a comma or "and" and a determiner ("...,
/// and the blue fabric office chair", "... and the black lamp").
static NEXT_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:[,;]\s*(?:and\s+|but\s+|plus\s+|also\s+)?|\b(?:and|but|plus)\s+)(?:the|my|a|an|that|this)\s",
    )
});

/// The raw offset just past the word that ends at normalised offset `norm_end`.
fn raw_end(raw: &str, norm_end: usize) -> usize {
    let start = raw_pos(raw, norm_end);
    let rest = raw.get(start..).unwrap_or_default();
    let len = rest
        .find(|c: char| {
            c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | '(' | ')')
        })
        .unwrap_or(rest.len());
    start + len
}

/// The part of `sentence` about `item`: all of it when it names no other product of the
/// order; else from the last other product named before `item` to the next one after it.
fn own_part(sentence: &str, item: &Item, others: &[Item]) -> String {
    let mut all: Vec<Item> = others.to_vec();
    all.push(item.clone());
    // "in my pending order with the red leather chair, switch the boots to ...": the words
    // that describe the order by another product are not this item's
    let found = mentions(sentence, &all);
    let blanked: String;
    let sentence = {
        let mut spans: Vec<(usize, usize)> = description_spans(sentence, &found)
            .into_iter()
            .filter(|(a, b)| {
                !found
                    .iter()
                    .any(|m| m.name == item.name && m.pos >= *a && m.end <= *b)
            })
            .map(|(a, b)| (raw_pos(sentence, a), raw_end(sentence, b)))
            .collect();
        spans.sort_unstable();
        if spans.is_empty() {
            sentence
        } else {
            let mut out = sentence.to_owned();
            for (a, b) in spans.into_iter().rev() {
                let (a, b) = (a.min(out.len()), b.min(out.len()));
                if a < b {
                    out.replace_range(a..b, &" ".repeat(b - a));
                }
            }
            blanked = out;
            blanked.as_str()
        }
    };
    // products named to say which order do not split the sentence
    let found = mentions(sentence, &all);
    let describing = describes_order(sentence, &found);
    let found: Vec<_> = found
        .into_iter()
        .zip(describing)
        .filter(|(m, d)| !d || m.name == item.name)
        .map(|(m, _)| m)
        .collect();
    if found.iter().all(|m| m.name == item.name) {
        return sentence.to_owned();
    }
    let Some(here) = found.iter().position(|m| m.name == item.name) else {
        return String::new();
    };
    let from = found[..here]
        .iter()
        .rev()
        .find(|m| m.name != item.name)
        .map_or(0, |m| raw_pos(sentence, m.end));
    let to = found[here..]
        .iter()
        .find(|m| m.name != item.name)
        .map_or(sentence.len(), |m| raw_pos(sentence, m.pos));
    // "... the 750ml one (still black glass), and the blue fabric office chair ...": the
    // words before the next product's name describe that product, so this item's part ends
    // where its phrase does
    let mine = raw_pos(sentence, found[here].end).min(to);
    let to = sentence
        .get(mine..to)
        .and_then(|seg| NEXT_PHRASE.find_iter(seg).last())
        .map_or(to, |m| mine + m.start());
    sentence
        .get(from.min(to)..to)
        .unwrap_or_default()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::customer;

    #[test]
    fn an_item_s_part_ends_where_the_next_product_s_phrase_starts() {
        let c = customer();
        let items = c.items("#W1000001");
        let mouse = items
            .iter()
            .find(|i| i.name == "Gaming Mouse")
            .expect("mouse");
        let lamp = items.iter().find(|i| i.name == "Desk Lamp").expect("lamp");
        let s = "The gaming mouse should be the white one (still wired), and the black desk lamp should be low brightness.";
        let part = own_part(s, mouse, std::slice::from_ref(lamp));
        assert!(part.contains("white one (still wired)"), "{part}");
        assert!(!part.contains("black"), "{part}");
        // the words describing the order by another product are not the item's
        let s = "In my pending order with the black gaming mouse, switch the desk lamp to low brightness.";
        let part = own_part(s, lamp, std::slice::from_ref(mouse));
        assert!(!part.contains("black"), "{part}");
        assert!(part.contains("desk lamp to low brightness"), "{part}");
        // a comma inside the item's own description stays in it
        let s = "Make the gaming mouse the white, wireless one and the desk lamp low brightness.";
        let part = own_part(s, mouse, std::slice::from_ref(lamp));
        assert!(part.contains("white, wireless one"), "{part}");
    }
}
