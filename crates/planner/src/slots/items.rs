//! Which items of the order a request names.
//!
//! Naming, and price and measure picks ("the cheaper of the two"), decide one thing, the
//! items acted on, and call each other through `Ctx`, so they stay one file (about 855
//! lines with its tests). Exclusions ("everything but the lamp", "keeping the camera, the
//! rest goes back") are read in [`super::excluded`], what a request says stays as it is in
//! [`super::kept`].

use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::customer::Item;
use crate::text::{dicts, normalise, re};
use crate::variant::{preference, Preference};

use super::context::Ctx;
use super::descriptors::describes_order;
use super::excluded::{excludes, Excluded};
use super::kept::{kept_spans, split_kept, without_staying};
use super::mentions::{mentions, raw_pos, source_has_separator, Mention};
use super::Resolution;

pub(super) static ALL_ITEMS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:all (?:the |of the |my )?(?:items|products|things)|(?:every|each) (?:single )?(?:item|product|thing|piece)|each of the (?:items|products|things)|everything|(?:entire|whole) (?:#?\s?W\d{7}\s+)?order|all of (?:it|them)|all of (?:the |my |this |that )?(?:order\b|#?\s?W\d{7})|them all|(?:return|send back|exchange|refund)\s+(?:the|my|this|that|these|those)\s+(?:whole |entire )?(?:order|items|products|things|stuff)|the (?:items|products|things) (?:in|of|from) (?:it|the order|my order|that order)|(?:going|go|goes|sent|send it|send them)\s+back\s+in full|in its entirety)\b",
    )
});
/// The whole order, said so that no product named around it narrows it.
static WHOLE_ORDER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:going|goes|go|sent|sending)\s+back\s+(?:in full|in its entirety)\b|\breturn(?:ing)?\s+(?:it|them|the (?:whole |entire )?order|everything)\s+(?:in full|in its entirety)\b|\b(?:the )?(?:whole|entire) order\s+(?:is going|goes|is)\s+back\b",
    )
});
/// A word for several items at once: "them", "both", "all of them", "these".
static PLURAL_REF: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:them|they|both|all|each|every|these|those|the two|the three)\b")
});
/// "both", "all", "two", and a count written as a multiplier: "(x2)", "2x", "qty 2".
static BOTH: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:both|all|each|two|every)\b|\bx\s?[2-9]\b|\b[2-9]\s?x\b|\u{d7}\s?[2-9]\b|\b(?:qty|quantity)\s*:?\s*[2-9]\b",
    )
});
static SPLIT: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b(?:to|for|into)\b"));
static INFINITIVE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:want|wants|wanted|like|love|need|needs|needed|have|has|had|going|wish|plan|planned|try|trying|tried|able|decided|decide|hoping|hope|asked|ask|would|prefer|meant|mean|forgot|remember|happy|glad|ready)\s+$",
    )
});
static REPLACE_WITH: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:replace|replaced|replacing|swap|swapped|substitute|switch)\b[^.]*?\b(with)\b")
});
/// "... the same as the other pair": what follows describes another item.
/// An object left open, named later: "something", "an item", "a couple of things".
static SOMETHING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:something|an item|one item|a thing|a product|(?:a few|a couple of|some|two|three) (?:things|items|products))\b",
    )
});
static SAME_AS: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b(?:the )?same (?:\w+ )?as\b"));

/// Where the wanted variant starts being described in `text` ("... for a white one", "...
/// into ...", "replace it with ..."): before it, words describe the item as it is.
pub(super) fn target_start(text: &str) -> Option<usize> {
    // "I want to exchange ...": an infinitive's "to" starts no target
    let to = SPLIT
        .find_iter(text)
        .find(|m| {
            !(m.as_str().eq_ignore_ascii_case("to") && INFINITIVE.is_match(&text[..m.start()]))
        })
        .map(|m| m.start());
    let with = REPLACE_WITH
        .captures(text)
        .and_then(|c| c.get(1))
        .map(|m| m.start());
    // "the white one in size S: make it a size M"
    let make = MAKE_IT.find(text).map(|m| m.start());
    [to, with, make].into_iter().flatten().min()
}

/// "not the black one", "(not the black rechargeable one)": a description of the item not
/// meant.
static NOT_MEANT: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\bnot\s+(?:the|my|a|an|that|this)\s+(?P<what>[^,.;:()!?]{1,50})"));

/// `text` without its descriptions of items not meant ([`NOT_MEANT`]), and those
/// descriptions.
fn split_not_meant(text: &str) -> (String, String) {
    let mut not_meant = String::new();
    let rest = NOT_MEANT.replace_all(text, |c: &regex::Captures<'_>| {
        not_meant.push(' ');
        not_meant.push_str(&c["what"]);
        " "
    });
    (rest.into_owned(), not_meant)
}

/// A verb that asks for a write on items.
static REQUEST_VERB: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:return|send (?:back|it back|them back)|exchange|swap|replace|change|cancel|switch|give (?:back|it back|them back)|take (?:back|it back|them back))\b",
    )
});

/// "make it a size M", "make them the blue ones": what follows is the wanted variant.
static MAKE_IT: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\bmake\s+(?:it|them|mine|this|that)\s+(?:an?|the|into)\b"));

/// The items a request names, and whether they were named in its own clause (else in the
/// sentences just before it).
pub(super) struct Picked {
    /// Each item with the (normalised) offset of its mention.
    pub items: Vec<(Item, usize)>,
    /// Named in the request's clause.
    pub in_clause: bool,
}

/// The products `source` names as items to act on: those named to describe the order ("my
/// order with the grill") only when nothing else is named.
pub(super) fn acting(source: &str, items: &[Item]) -> Vec<Mention> {
    let (named, found) = named_apart(source, items);
    if named.is_empty() {
        found
    } else {
        named
    }
}

/// The products `source` names as items to act on (none named to describe the order), and
/// every product it names.
fn named_apart(source: &str, items: &[Item]) -> (Vec<Mention>, Vec<Mention>) {
    let found = mentions(source, items);
    let describing = describes_order(source, &found);
    let named = found
        .iter()
        .zip(&describing)
        .filter(|(_, d)| !**d)
        .map(|(m, _)| m.clone())
        .collect();
    (named, found)
}

/// "Exchange 2 t-shirts", "the 3 black mugs": a count in digits right before the product,
/// not an option's value ("the size 8 boots", "the 9 bar espresso machine", "$5").
static COUNT_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:^|\b(?:return|exchange|swap|replace|change|cancel|send|the|my|these|those|both|all|of|for|with|and|got|have|had|ordered|bought)\s+)[2-9]\s+(?:(?P<word>[a-z][\w-]*)\s+)?$",
    )
});

/// Words after a number that make it a measure, not a count.
const UNITS: &[&str] = &[
    "bar", "ft", "foot", "feet", "inch", "inches", "in", "l", "liter", "liters", "litre", "litres",
    "ml", "oz", "gb", "tb", "mp", "k", "w", "mah", "lb", "lbs", "kg", "piece", "pieces", "hour",
    "hours", "mm", "cm", "m", "v", "volt", "speed", "person", "pack", "cup", "cups", "slice", "qt",
    "quart", "gallon", "degree", "degrees", "port", "ports", "burner",
];

/// Whether `before` ends with a count of the product named after it ([`COUNT_BEFORE`]).
fn count_before(before: &str) -> bool {
    COUNT_BEFORE.captures(before).is_some_and(|c| {
        c.name("word")
            .is_none_or(|w| !UNITS.contains(&w.as_str().to_lowercase().as_str()))
    })
}

/// "one of the two pairs": one item, not both.
static ONE_OF: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:one|just one|only one|a single) (?:of|pair of|of the)\b"));
/// "the two cheapest ones", "the most expensive item", "the 3 priciest things", "the 2
/// cheapest" (a count says "items" already): a count and a price rank of the order's items,
/// named by no product.
static PRICE_RANK: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\bthe\s+(?:(?P<n>two|three|four|2|3|4)\s+(?P<ranked>cheapest|least expensive|lowest[- ]priced|most expensive|priciest|highest[- ]priced)\b(?:\s+(?:ones?|items?|things?|products?|pieces?)\b)?|(?P<rank>cheapest|least expensive|lowest[- ]priced|most expensive|priciest|highest[- ]priced)(?:\s+(?P<m>two|three|four|2|3|4))?\s+(?:ones?|items?|things?|products?|pieces?)\b)",
    )
});

/// The items `text` picks by price rank ([`PRICE_RANK`]) among `items`; a question when
/// prices tie at the cut; `None` when the text ranks nothing.
fn by_price_rank(text: &str, items: &[Item]) -> Option<Result<Vec<Item>, Resolution>> {
    let c = PRICE_RANK.captures(text)?;
    // "I'll order the most expensive one instead": a new purchase, not the order's items
    let before = text[..c.get(0).map_or(0, |m| m.start())].to_lowercase();
    if ["order", "buy", "get", "purchase", "want", "take"]
        .iter()
        .any(|w| before.trim_end().ends_with(w))
    {
        return None;
    }
    let count = |w: &str| match w.to_lowercase().as_str() {
        "two" | "2" => 2,
        "three" | "3" => 3,
        "four" | "4" => 4,
        _ => 1,
    };
    let n = c
        .name("n")
        .or_else(|| c.name("m"))
        .map_or(1, |m| count(m.as_str()));
    let rank = c
        .name("rank")
        .or_else(|| c.name("ranked"))
        .map_or("", |m| m.as_str());
    let cheap = matches!(
        rank.to_lowercase().as_str(),
        "cheapest" | "least expensive" | "lowest priced" | "lowest-priced"
    );
    let mut sorted = items.to_vec();
    sorted.sort_by(|a, b| a.price.total_cmp(&b.price));
    if !cheap {
        sorted.reverse();
    }
    if n >= sorted.len() {
        return None;
    }
    // the cut must fall between two prices
    if (sorted[n - 1].price - sorted[n].price).abs() < 0.005 {
        return Some(Err(Resolution::ask(format!(
            "Several items cost the same, so I cannot tell which {n} you mean: {}. Which ones?",
            sorted
                .iter()
                .map(Item::label)
                .collect::<Vec<_>>()
                .join("; ")
        ))));
    }
    Some(Ok(sorted.into_iter().take(n).collect()))
}

/// The last `n` words of `text`.
/// "it", "this one", "that one": one item, named before.
static ONE_BACK: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b(?:it|this one|that one)\b"));

/// Of the sentences of `before`, the nearest that names an item of `items` to act on (not
/// only to say which order it is, not as kept), with its mentions, when it names one product.
fn nearest_named<'a>(before: &'a str, items: &[Item]) -> Option<(&'a str, Vec<Mention>)> {
    for s in crate::text::sentences(before).iter().rev() {
        let Some(at) = before.rfind(s.as_str()) else {
            continue;
        };
        let sentence = &before[at..at + s.len()];
        let found = acting(sentence, items);
        let describing = super::descriptors::description_spans(sentence, &found);
        let kept = kept_spans(sentence);
        let own: Vec<Mention> = found
            .into_iter()
            .filter(|m| {
                let at = raw_pos(sentence, m.pos);
                !describing.iter().any(|(a, b)| (*a..*b).contains(&m.pos))
                    && !kept.iter().any(|(a, b)| (*a..*b).contains(&at))
            })
            .collect();
        if own.is_empty() {
            continue;
        }
        let names: BTreeSet<&str> = own.iter().map(|m| m.name.as_str()).collect();
        return (names.len() == 1).then_some((sentence, own));
    }
    None
}

fn last_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    words[words.len().saturating_sub(n)..].join(" ")
}

impl Ctx<'_> {
    /// Items of the order the request names, or a question.
    pub(super) fn items(&self) -> Result<Picked, Resolution> {
        let in_clause = !acting(&self.req.clause, &self.customer.items(self.order_id)).is_empty()
            || excludes(&self.req.clause)
            || ALL_ITEMS.is_match(&self.req.clause);
        let items = self.pick_items()?;
        Ok(Picked { items, in_clause })
    }

    fn pick_items(&self) -> Result<Vec<(Item, usize)>, Resolution> {
        let mut picked = self.named_items()?;
        // "I ordered two cycling helmets ... I want to return the cheaper of the two, plus the
        // pet bed": the comparison picks one of the items named before, beside those the
        // clause names
        if let Some(extra) = self.compared_from_before(&picked)? {
            if !picked.iter().any(|(i, _)| i.item_id == extra.item_id) {
                picked.push((extra, 0));
            }
        }
        if !self.req.only_products.is_empty() {
            // a later "only ..." narrows what this request acts on
            picked.retain(|(i, _)| self.req.only_products.contains(&i.name));
            if picked.is_empty() {
                return Err(Resolution::ask(format!(
                    "Which items of order {} do you mean?",
                    self.order_id
                )));
            }
        }
        Ok(picked)
    }

    /// The item a comparison in the clause ("the cheaper of the two", "the shorter one")
    /// picks among the items of one product the sentences before name, when the clause itself
    /// names no item of that product. A comparison that cannot pick one (a tie, no measure) is
    /// a question, never dropped.
    fn compared_from_before(&self, picked: &[(Item, usize)]) -> Result<Option<Item>, Resolution> {
        let clause = self.req.clause.as_str();
        let Some(c) = COMPARED_PICK.find(clause) else {
            return Ok(None);
        };
        let items = self.customer.items(self.order_id);
        // "the cheaper of the two helmets": the clause names the product itself
        let after = &clause[c.end()..];
        if !mentions(after.split([',', ';', '.']).next().unwrap_or(""), &items).is_empty() {
            return Ok(None);
        }
        let before = mentions(&self.req.before, &items);
        let several: Vec<&Mention> = before
            .iter()
            .filter(|m| m.items.len() >= 2)
            .filter(|m| !picked.iter().any(|(i, _)| i.name == m.name))
            .collect();
        let [m] = several.as_slice() else {
            return Ok(None);
        };
        let candidates: Vec<&Item> = items.iter().filter(|i| i.name == m.name).collect();
        let phrase = c.as_str();
        let priced = preference(phrase).and_then(|p| by_price(p, &candidates));
        match priced.or_else(|| by_measure(phrase, &candidates)) {
            Some(i) => Ok(Some(i.clone())),
            None => Err(Resolution::ask(format!(
                "Which {} of order {} do you mean: {}?",
                m.name,
                self.order_id,
                candidates
                    .iter()
                    .map(|i| i.label())
                    .collect::<Vec<_>>()
                    .join("; ")
            ))),
        }
    }

    fn named_items(&self) -> Result<Vec<(Item, usize)>, Resolution> {
        let items = self.customer.items(self.order_id);
        let mut source = match self.exclusion(&items) {
            Excluded::Decided(picked) => return picked,
            Excluded::ReadFrom(source) => source,
        };
        let mut found = acting(source, &items);
        // "I have two identical bookshelves. I only want to change the one that was shipped
        // together with the tablet: exchange it ...": the clause names products only to say
        // which order, and "the one" / "it" is the item named just before
        if source == self.req.clause && crate::text::POINTS_BACK.is_match(source) {
            let (named_here, found_here) = named_apart(source, &items);
            let (named_before, _) = named_apart(&self.req.before, &items);
            if named_here.is_empty() && !found_here.is_empty() && !named_before.is_empty() {
                source = self.req.before.as_str();
                found = named_before;
            }
        }
        // "return the helmet only", "just the helmet": of the products named, that one
        let norm_source = normalise(source);
        let singled = |n: usize| {
            let m = &found[n];
            let before: Vec<&str> = norm_source[..m.pos].split_whitespace().collect();
            let near_before = before[before.len().saturating_sub(3)..].to_vec();
            let det = |w: &&str| matches!(*w, "the" | "my" | "a" | "an" | "that" | "this");
            // "just the mouse and the lamp": a list after "just" is all of it
            let listed_next = found.get(n + 1).is_some_and(|next| {
                norm_source.get(m.end..next.pos).is_some_and(|between| {
                    between.split_whitespace().next() == Some("and")
                        && between
                            .split_whitespace()
                            .all(|w| matches!(w, "and" | "the" | "my" | "a" | "an"))
                })
            });
            let lead = near_before
                .iter()
                .rposition(|w| matches!(*w, "only" | "just"))
                .is_some_and(|at| near_before[at + 1..].iter().all(det))
                && !listed_next;
            // "return the helmet only.": an "only" that ends the clause ("the headphones
            // only work with iPhones" is no choice)
            let rest = source.get(raw_pos(source, m.end)..).unwrap_or_default();
            let rest = rest.trim_start_matches(|c: char| c.is_alphanumeric() || c == '-');
            let trail = rest.trim_start().strip_prefix("only").is_some_and(|r| {
                let r = r.trim_start();
                r.is_empty() || r.starts_with(['.', ',', ';', '!', '?'])
            });
            lead || trail
        };
        let singles: Vec<usize> = (0..found.len()).filter(|n| singled(*n)).collect();
        if found.len() > 1 && !singles.is_empty() {
            found = singles.into_iter().map(|n| found[n].clone()).collect();
        }
        // "the mouse can go back; I'm keeping the t-shirt": a product named only as kept is
        // not acted on when another is named to act on
        let kept = kept_spans(source);
        let in_kept = |m: &Mention| {
            let at = raw_pos(source, m.pos);
            kept.iter().any(|(a, b)| (*a..*b).contains(&at))
        };
        if found.iter().any(|m| !in_kept(m)) {
            found.retain(|m| !in_kept(m));
        } else if matches!(self.req.kind.as_str(), "return" | "cancel") && !found.is_empty() {
            // "return both botles and keep the laptop": when only the kept products were
            // recognised, what to send back is not known
            found.clear();
        }
        if found.is_empty() && ALL_ITEMS.is_match(source) && self.req.kind != "item_change" {
            return Ok(items.into_iter().map(|i| (i, 0)).collect());
        }
        // "the one with the wristwatch and the animal puzzle is going back in full": the
        // whole order, whatever products describe it
        if WHOLE_ORDER.is_match(source) && self.req.kind == "return" {
            return Ok(items.into_iter().map(|i| (i, 0)).collect());
        }
        // "return the two cheapest ones in it": that many of the order's items, by price
        if found.is_empty() && self.req.kind != "item_change" {
            if let Some(picked) = by_price_rank(source, &items) {
                return picked.map(|v| v.into_iter().map(|i| (i, 0)).collect());
            }
        }
        if found.is_empty() {
            source = self.req.before.as_str();
            found = acting(source, &items);
            // "My order with the headphones, the grill and the watch. Could you change it to
            // the leather strap?": several items named before a change that names none, and
            // no word for all of them: which one is meant is not written
            let several: BTreeSet<&str> = found.iter().map(|m| m.name.as_str()).collect();
            let nearest = if ONE_BACK.is_match(&self.req.clause) {
                nearest_named(source, &items)
            } else {
                None
            };
            if let (Some((sentence, own)), true) = (nearest, several.len() > 1) {
                // "The keyboard I picked has clicky switches. Could you change it to tactile
                // ones?": "it" is the one product the nearest sentence names
                source = sentence;
                found = own;
            } else if self.req.kind == "item_change"
                && several.len() > 1
                && !PLURAL_REF.is_match(&self.req.clause)
            {
                let named: Vec<Item> = items
                    .iter()
                    .filter(|i| several.contains(i.name.as_str()))
                    .cloned()
                    .collect();
                return Err(self.which_items(&named));
            }
        }
        // "May I return something? It's the gold tablet from order #W9172475.": an object
        // left open ("something", "an item") is named in one of the two sentences after
        // ("details below. ... P.S. It's the two fleece jackets")
        let mut named_after = false;
        if found.is_empty() && SOMETHING.is_match(&self.req.clause) {
            let after = self.req.after.as_str();
            for next in crate::text::sentences(after).into_iter().take(2) {
                let Some(at) = after.find(next.as_str()) else {
                    continue;
                };
                let next = &after[at..at + next.len()];
                let named = acting(next, &items);
                if !named.is_empty() {
                    source = next;
                    found = named;
                    named_after = true;
                    break;
                }
            }
        }
        if found.is_empty() {
            if items.len() == 1 {
                return Ok(vec![(items[0].clone(), 0)]);
            }
            return Err(self.which_items(&items));
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
                    && target_start(between).is_some()
                    && !source_has_separator(source, prev.pos, m.pos)
                {
                    continue;
                }
            }
            // "I received two large pet beds, and ... I'd like to return the grey polyester
            // bed": a product told of before the request's verb and named again after it is
            // read where the request names it
            // (not when the later one is what the item becomes: "exchange it for the same
            // chair with fixed armrests")
            if let Some(again) = found[n + 1..].iter().find(|o| o.name == m.name) {
                let between = &norm[m.end..again.pos];
                if !REQUEST_VERB.is_match(&norm[..m.pos])
                    && REQUEST_VERB.is_match(between)
                    && target_start(between).is_none()
                {
                    continue;
                }
            }
            let mut free: Vec<&Item> = m
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
            let cut = target_start(segment).map_or(segment.len(), |x| x);
            let cut = SAME_AS.find(&segment[..cut]).map_or(cut, |x| x.start());
            // "the black helmet should be high - the small white one for my kid is fine as is":
            // a part that says what is kept and runs past the cut ends the description there
            let straddling = kept_spans(segment).into_iter().find(|(s, e)| {
                *s > 0
                    && *s < cut
                    && *e > cut
                    && without_staying(&segment[*s..*e]).trim().is_empty()
            });
            let (cut, kept_after) = match straddling {
                Some((s, e)) => (s, &segment[s..e]),
                None => (cut, ""),
            };
            let mut describing = format!("{before} {}", &segment[..cut]);
            // named before the request's own sentence, described in it ("... a silver one and
            // a black one. I'd like to return the silver one."): the request's words decide
            let mut in_request = String::new();
            if source != self.req.clause {
                let clause = self.req.clause.as_str();
                let cut = target_start(clause).map_or(clause.len(), |x| x);
                let cut = SAME_AS.find(&clause[..cut]).map_or(cut, |x| x.start());
                describing.push(' ');
                describing.push_str(&clause[..cut]);
                in_request = normalise(split_kept(&clause[..cut]).0.as_str());
            }
            // "I'll keep the black one; please return the silver one", "the silver one - not
            // the black one": what is kept, or said not to be meant, describes the items not
            // to act on
            let (describing, not_meant) = split_not_meant(&describing);
            let (describing, keeping) = split_kept(&describing);
            let keeping = format!("{keeping} {not_meant}");
            let (describing, keeping) = (
                normalise(&describing),
                normalise(&format!("{keeping} {kept_after}")),
            );
            let kept = |it: &Item| {
                it.options
                    .values()
                    .any(|v| crate::text::contains_words(&keeping, &normalise(v)))
            };
            if free.iter().any(|i| !kept(i)) {
                free.retain(|i| !kept(i));
            }
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
                let hits = |text: &str| {
                    it.options
                        .values()
                        .filter(|v| crate::text::contains_words(text, &normalise(v)))
                        .count()
                };
                10 * hits(&in_request) + hits(&describing)
            };
            let best = free.iter().map(|i| score(i)).max().unwrap_or(0);
            let mut top: Vec<&Item> = free.iter().copied().filter(|i| score(i) == best).collect();
            // "the cheaper of the two", "the most expensive pair": one item, by its price
            if let (Some(p), true) = (preference(&describing), top.len() > 1) {
                top.sort_by(|a, b| a.price.total_cmp(&b.price));
                if let Some(pick) = by_price(p, &top) {
                    top = vec![pick];
                }
            }
            // "the shorter of the two", "the bigger one": one item, by the option they differ in
            if top.len() > 1 {
                if let Some(pick) = by_measure(&describing, &top) {
                    top = vec![pick];
                }
            }
            let distinct: std::collections::BTreeSet<&str> =
                top.iter().map(|i| i.item_id.as_str()).collect();
            // "return both A5 notebooks", "return both of them": a quantifier in the request
            // (not "my delivery came with two kettles" before it)
            let one_of = ONE_OF.is_match(&last_words(before, 6));
            let quantified = !one_of
                // (the sentence that names the open object counts as the request's own)
                && if source == self.req.clause || named_after {
                    BOTH.is_match(&last_words(before, 4))
                        || count_before(before)
                        || (best == 0 && BOTH.is_match(segment))
                } else {
                    // "both black XL tees are too small. Can I swap them for XXL?": the
                    // request points back at what the sentence before counted
                    let clause = self.req.clause.as_str();
                    let asked = &clause[..target_start(clause).unwrap_or(clause.len())];
                    BOTH.is_match(asked)
                        || (PLURAL_REF.is_match(asked)
                            && !ONE_OF.is_match(asked)
                            && BOTH.is_match(&last_words(before, 4)))
                };
            let chosen: Vec<&Item> = if top.len() == 1 {
                vec![top[0]]
            } else if quantified {
                // "both A5 notebooks", "all the kettles": every one the words fit
                top.clone()
            } else if distinct.len() == 1 {
                vec![top[0]]
            } else if best == 0 && !one_of && BOTH.is_match(source) {
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

/// "the cheaper of the two", "the shorter one", "the more expensive one": one item picked by a
/// comparison, its product not named with it.
static COMPARED_PICK: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\bthe\s+(?:more expensive|less expensive|most expensive|least expensive|\w+er|\w+est)\s+(?:one|of the two|of them|of those|of both)\b",
    )
});

/// "the shorter of the two", "the smaller one", "the longest skateboard", "the short one" (of
/// two): a comparison that picks one of `items` by the one measured option they differ in (a length, a capacity, a
/// letter size). None when the words compare both ways, no option or several options differ,
/// or two items tie.
fn by_measure<'a>(describing: &str, items: &[&'a Item]) -> Option<&'a Item> {
    static LESS: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)\bthe (?:smaller|smallest|shorter|shortest|lower|lowest|narrower|narrowest|thinner|thinnest|lighter|lightest|tinier|tiniest|little|littler)\b|\bthe (?:short|small|low|narrow|thin)\s+(?:one|ones|pair|of the two)\b",
        )
    });
    static MORE: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)\bthe (?:bigger|biggest|larger|largest|longer|longest|taller|tallest|higher|highest|wider|widest|thicker|thickest|heavier|heaviest)\b|\bthe (?:big|large|long|tall|high|wide|thick)\s+(?:one|ones|pair|of the two)\b",
        )
    });
    let (less, more) = (LESS.is_match(describing), MORE.is_match(describing));
    if less == more {
        return None;
    }
    let keys: std::collections::BTreeSet<&String> =
        items.iter().flat_map(|i| i.options.keys()).collect();
    let mut measured: Option<Vec<f64>> = None;
    for k in keys {
        let values: Option<Vec<f64>> = items
            .iter()
            .map(|i| i.options.get(k).and_then(|v| measure(v)))
            .collect();
        let Some(values) = values else { continue };
        if values.iter().all(|v| (v - values[0]).abs() < 1e-9) {
            continue;
        }
        if measured.is_some() {
            return None;
        }
        measured = Some(values);
    }
    let values = measured?;
    let best = if less {
        values.iter().copied().fold(f64::INFINITY, f64::min)
    } else {
        values.iter().copied().fold(f64::NEG_INFINITY, f64::max)
    };
    let at: Vec<usize> = (0..values.len())
        .filter(|i| (values[*i] - best).abs() < 1e-9)
        .collect();
    match at.as_slice() {
        [i] => Some(items[*i]),
        _ => None,
    }
}

/// The cheapest or dearest of `items`, unless another costs the same.
fn by_price<'a>(p: Preference, items: &[&'a Item]) -> Option<&'a Item> {
    let pick = match p {
        Preference::Cheapest => items.iter().min_by(|a, b| a.price.total_cmp(&b.price)),
        Preference::Priciest => items.iter().max_by(|a, b| a.price.total_cmp(&b.price)),
    }?;
    let ties = items
        .iter()
        .filter(|i| (i.price - pick.price).abs() < 0.005)
        .count();
    (ties == 1).then_some(*pick)
}

/// The size an option value measures: its leading number ("28 inch", "1.5L", "20000mAh"), or
/// its place among letter sizes ("S" < "M" < "XL").
fn measure(value: &str) -> Option<f64> {
    const LETTERS: [&str; 8] = ["XXS", "XS", "S", "M", "L", "XL", "XXL", "XXXL"];
    if let Some(i) = LETTERS
        .iter()
        .position(|l| l.eq_ignore_ascii_case(value.trim()))
    {
        return Some(i as f64);
    }
    crate::variant::number_of(value.trim()).map(|(n, _)| n)
}

#[cfg(test)]
mod tests {
    use super::{
        by_measure, by_price_rank, count_before, split_not_meant, target_start, ALL_ITEMS,
    };
    use crate::customer::Item;

    fn shelf(id: &str, height: &str) -> Item {
        Item {
            order_id: "#W1".into(),
            name: "Bookshelf".into(),
            product_id: "shelf".into(),
            item_id: id.into(),
            price: 100.0,
            options: [("height".to_owned(), height.to_owned())].into(),
        }
    }

    #[test]
    fn of_two_items_a_plain_size_word_picks_by_their_measure() {
        let (low, high) = (shelf("a", "3 ft"), shelf("b", "5 ft"));
        let both = [&low, &high];
        for (said, want) in [
            ("exchange the shorter one for a 4 ft one", "a"),
            ("exchange the short one for a 4 ft one", "a"),
            ("the tall one stays", "b"),
            ("the taller of the two", "b"),
        ] {
            assert_eq!(
                by_measure(said, &both).map(|i| i.item_id.as_str()),
                Some(want),
                "{said}"
            );
        }
        // both ways, or no size word: no pick
        assert!(by_measure("the short one and the tall one", &both).is_none());
        assert!(by_measure("the white one", &both).is_none());
    }

    #[test]
    fn a_description_of_the_item_not_meant_is_set_apart() {
        let (rest, not) = split_not_meant(
            "I want to return the silver one - not the black one, I'm keeping that",
        );
        assert!(!rest.contains("black") && rest.contains("silver"), "{rest}");
        assert_eq!(not.trim(), "black one");
        let (_, not) = split_not_meant("The blue toothbrush (not the black rechargeable one)");
        assert_eq!(not.trim(), "black rechargeable one");
    }

    #[test]
    fn the_wanted_variant_starts_at_to_with_or_make_it() {
        fn at(t: &str) -> Option<&str> {
            target_start(t).map(|i| &t[i..])
        }
        assert_eq!(
            at("the white one in size S: make it a size M (keep it white)"),
            Some("make it a size M (keep it white)")
        );
        assert_eq!(
            at("exchange the lamp for a black one"),
            Some("for a black one")
        );
        assert_eq!(at("I want to exchange the lamp"), None);
    }

    #[test]
    fn a_count_in_digits_before_the_product_counts_it() {
        for before in ["Exchange 2 ", "the 3 black ", "2 "] {
            assert!(count_before(before), "{before}");
        }
        for before in ["the size 8 ", "exchange the 9 bar ", "$5 ", "the 5 ft "] {
            assert!(!count_before(before), "{before}");
        }
    }

    #[test]
    fn a_count_and_a_price_rank_pick_that_many_items() {
        let priced = |id: &str, price: f64| Item {
            price,
            ..shelf(id, "3 ft")
        };
        let items = [priced("a", 10.0), priced("b", 30.0), priced("c", 20.0)];
        for said in [
            "return the two cheapest ones",
            "want to return the 2 cheapest, keep the other one",
        ] {
            let Some(Ok(picked)) = by_price_rank(said, &items) else {
                panic!("{said}")
            };
            let ids: Vec<&str> = picked.iter().map(|i| i.item_id.as_str()).collect();
            assert_eq!(ids, ["a", "c"], "{said}");
        }
        // a rank with neither a count nor a noun is no pick of the order's items
        assert!(by_price_rank("the cheapest is fine", &items).is_none());
    }

    #[test]
    fn every_item_of_an_order_said_with_its_id() {
        for said in [
            "send back all of order #W2470317 except for the dumbbells",
            "return the whole #W2470317 order but keep the dumbbells",
            "return all of the order apart from the lamp",
            "return everything",
        ] {
            assert!(ALL_ITEMS.is_match(said), "{said}");
        }
        assert!(!ALL_ITEMS.is_match("return the lamp from order #W2470317"));
    }
}
