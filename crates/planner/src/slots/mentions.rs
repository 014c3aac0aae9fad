//! Where the text names products of an order, and mapping normalised offsets back to the text.

use std::sync::LazyLock;

use regex::Regex;

use crate::customer::Item;
use crate::text::{normalise, re};

/// "over a helmet", "bigger than a mug": a product named with "a" after a preposition of
/// place or comparison is a thing in general, not an item of the order (which is "the" or
/// "my" helmet). "With a" and "for a" are left out: "the order with a tablet" names an order.
static GENERIC_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\b(?:over|under|like|than|into|onto|inside|around|beside|behind|underneath)\s+an?\s+$")
});

/// One place where the text names a product of the order.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Byte offset in the normalised text.
    pub pos: usize,
    /// Byte offset just past the name in the normalised text.
    pub end: usize,
    /// Product name.
    pub name: String,
    /// The order's items of that product.
    pub items: Vec<Item>,
}

/// Every place `raw` names a product among `items`, in text order. Where
/// names overlap ("action camera" / "camera"), the longer one wins.
pub fn mentions(raw: &str, items: &[Item]) -> Vec<Mention> {
    let norm = normalise(raw);
    let mut names: Vec<&str> = items.iter().map(|i| i.name.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    let mut spans: Vec<(usize, usize, usize, &str)> = Vec::new();
    for name in &names {
        for alias in crate::variant::aliases(name) {
            let strength = alias.split(' ').count();
            let mut start = 0;
            while let Some(pos) = norm
                .get(start..)
                .and_then(|h| crate::variant::find_words(h, &alias))
            {
                let p = start + pos;
                // a quoted word is a dict key or value ('set type'), not a product; "a pain
                // to get on over a helmet" names a thing in general, not the order's helmet
                if !norm[..p].ends_with('\'') && !GENERIC_BEFORE.is_match(&norm[..p]) {
                    spans.push((p, p + alias.len(), strength, name));
                }
                start = p + alias.len();
            }
        }
        // "the action cam": the name with its last word cut short
        let strength = name.split_whitespace().count();
        for (a, b) in crate::variant::shortened_spans(&norm, name) {
            spans.push((a, b, strength, name));
        }
    }
    // "botles", "dumbells": a product word of five letters or more with one letter left
    // out, added or swapped (never replaced: "speaker" is no "sneaker"), when it fits one
    // product only; it loses to any exact name
    let mut at = 0;
    for word in norm.split(' ') {
        let p = at;
        at += word.len() + 1;
        if word.len() < 5 || !word.chars().all(|c| c.is_ascii_alphabetic()) {
            continue;
        }
        // "glass" is a material, not a slip of "sunglasses"
        let an_option = items.iter().any(|i| {
            i.options
                .values()
                .any(|v| normalise(v).split(' ').any(|w| w == word))
        });
        if an_option {
            continue;
        }
        // only the head noun (the name's last word): "office" or "water" alone name nothing
        let fits: Vec<&str> = names
            .iter()
            .copied()
            .filter(|name| {
                let head = crate::names::head_noun(name);
                head.len() >= 5
                    && word != head
                    && word != format!("{head}s")
                    && (crate::names::one_slip(word, &head)
                        || crate::names::one_slip(word, &format!("{head}s")))
            })
            .collect();
        if let [name] = fits.as_slice() {
            spans.push((p, p + word.len(), 0, name));
        }
    }
    spans.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    let mut kept: Vec<(usize, usize, usize, &str)> = Vec::new();
    for sp in spans {
        if !kept.iter().any(|k| sp.0 < k.1 && k.0 < sp.1) {
            kept.push(sp);
        }
    }
    kept.sort_by_key(|k| k.0);
    kept.into_iter()
        .map(|(pos, end, _, name)| Mention {
            pos,
            end,
            name: name.to_owned(),
            items: items.iter().filter(|i| i.name == name).cloned().collect(),
        })
        .collect()
}

/// Items named in `raw` among `items`, with the normalised offset of the mention.
pub fn mentioned_items(raw: &str, items: &[Item]) -> Vec<(Item, usize)> {
    mentions(raw, items)
        .into_iter()
        .flat_map(|m| m.items.into_iter().map(move |i| (i, m.pos)))
        .collect()
}

/// Whether a `;` separates two mentions (a list of items, not a target).
pub(super) fn source_has_separator(raw: &str, a: usize, b: usize) -> bool {
    let (ra, rb) = (raw_pos(raw, a), raw_pos(raw, b));
    raw.get(ra.min(rb)..rb).is_some_and(|t| t.contains(';'))
}

/// Maps an offset in `normalise(raw)` back to an approximate offset in `raw`
/// (the n-th word of the normalised text starts at the n-th word of the raw text).
pub fn raw_pos(raw: &str, norm_pos: usize) -> usize {
    let norm = normalise(raw);
    let word_index = norm[..norm_pos.min(norm.len())]
        .split(' ')
        .count()
        .saturating_sub(1);
    let mut count = 0;
    let mut in_word = false;
    for (i, c) in raw.char_indices() {
        let sep = c.is_whitespace() || c == '-' || c == '_';
        if !sep && !in_word {
            if count == word_index {
                return i;
            }
            count += 1;
        }
        in_word = !sep;
    }
    raw.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(name: &str) -> Item {
        Item {
            order_id: "#W1000001".to_owned(),
            name: name.to_owned(),
            product_id: name.to_lowercase(),
            item_id: name.to_lowercase(),
            price: 1.0,
            options: Default::default(),
        }
    }

    #[test]
    fn a_thing_in_general_is_no_item_of_the_order() {
        let items = [item("Fleece Jacket"), item("Cycling Helmet")];
        let named = |text: &str| -> Vec<String> {
            mentions(text, &items).into_iter().map(|m| m.name).collect()
        };
        assert_eq!(
            named("The fleece jacket is a pain to get on over a helmet, so the full-zip one."),
            ["Fleece Jacket"]
        );
        // "the order with a helmet" and "my helmet" name the order's
        assert_eq!(
            named("the order with a helmet: the jacket should be black"),
            ["Cycling Helmet", "Fleece Jacket"]
        );
        assert_eq!(
            named("my helmet is too tight, like the jacket"),
            ["Cycling Helmet", "Fleece Jacket"]
        );
    }
}
