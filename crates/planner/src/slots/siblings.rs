//! Sentences about a sibling: another item of the same product in the order, singled out by
//! the option it differs in ("- the 5K one: black as well" beside a 4K camera of the same
//! order). What such a sentence says, and what follows it until the item is named again,
//! describes the sibling's change, not this item's.

use crate::customer::Item;
use crate::text::{contains_words, normalise, sentences};

/// The items among `items` (an order's) of `item`'s product, other than `item` itself.
pub(super) fn siblings_of(item: &Item, items: &[Item]) -> Vec<Item> {
    items
        .iter()
        .filter(|s| s.product_id == item.product_id && s.item_id != item.item_id)
        .cloned()
        .collect()
}

/// For each of `sents`, whether it is about one of `siblings` of `item`: "- the 4K one:
/// black. - the 5K one: black as well. I know the black 5K is not waterproof": from a
/// sentence that opens on a sibling on, until one names this item by an option the siblings
/// have not.
pub(super) fn on_sibling(sents: &[String], item: &Item, siblings: &[Item]) -> Vec<bool> {
    let mut on = false;
    sents
        .iter()
        .map(|s| {
            if singles_out_sibling(s, item, siblings) {
                on = true;
            } else if on && names_own_variant(s, item, siblings) {
                on = false;
            }
            on
        })
        .collect()
}

/// `text` without the sentences about `siblings` of `item`; `None` when there are none.
pub(super) fn without_sibling_runs(text: &str, item: &Item, siblings: &[Item]) -> Option<String> {
    let sents = pieces(&sentences(text));
    let on = on_sibling(&sents, item, siblings);
    on.iter().any(|o| *o).then(|| {
        sents
            .into_iter()
            .zip(on)
            .filter(|(_, on)| !on)
            .map(|(s, _)| s)
            .collect::<Vec<_>>()
            .join(" ")
    })
}

/// Whether `sentence` opens on one of `siblings` of `item`: "the <value> one", "for the
/// <value> camera", where `<value>` is an option the sibling has and `item` has not.
pub(super) fn singles_out_sibling(sentence: &str, item: &Item, siblings: &[Item]) -> bool {
    let norm = normalise(sentence);
    let words: Vec<&str> = norm.split(' ').collect();
    let Some(the) = words.iter().take(3).position(|w| *w == "the") else {
        return false;
    };
    if words[..the]
        .iter()
        .any(|w| !matches!(*w, "and" | "for" | "as" | "then"))
    {
        return false;
    }
    let head = &words[the + 1..words.len().min(the + 6)];
    let noun = normalise(item.name.split_whitespace().last().unwrap_or_default());
    let Some(end) = head
        .iter()
        .position(|w| matches!(*w, "one" | "ones" | "model" | "version") || *w == noun)
    else {
        return false;
    };
    let subject = head[..end].join(" ");
    siblings
        .iter()
        .flat_map(|s| s.options.iter())
        .filter(|(k, v)| item.options.get(*k) != Some(*v))
        .any(|(_, v)| contains_words(&subject, &normalise(v)))
}

/// Whether `sentence` names `item` by an option it has and one of its `siblings` has not.
fn names_own_variant(sentence: &str, item: &Item, siblings: &[Item]) -> bool {
    let norm = normalise(sentence);
    item.options.iter().any(|(k, v)| {
        siblings.iter().any(|s| s.options.get(k) != Some(v)) && contains_words(&norm, &normalise(v))
    })
}

/// `sents` with list lines a sentence runs together split apart: "I'd like both in black:
/// - the 4K one: just black." is "I'd like both in black:" and "- the 4K one: just black.".
pub(super) fn pieces(sents: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for s in sents {
        let mut start = 0;
        for (i, _) in s.match_indices([' ', '\n']) {
            let rest = &s[i + 1..];
            let marker =
                rest.starts_with("- ") || rest.starts_with("* ") || rest.starts_with("\u{2022} ");
            if marker && i > start && s[start..i].trim_end().ends_with([':', '.', ';', '!', '?']) {
                out.push(s[start..i].trim().to_owned());
                start = i + 1;
            }
        }
        out.push(s[start..].trim().to_owned());
    }
    out.retain(|p| !p.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn camera(item_id: &str, resolution: &str) -> Item {
        Item {
            order_id: "#W1".into(),
            name: "Action Camera".into(),
            product_id: "p1".into(),
            item_id: item_id.into(),
            price: 100.0,
            options: BTreeMap::from([
                ("color".to_owned(), "silver".to_owned()),
                ("resolution".to_owned(), resolution.to_owned()),
            ]),
        }
    }

    #[test]
    fn a_sentence_opening_on_the_other_variant_is_the_siblings() {
        let four = camera("1", "4K");
        let five = camera("2", "5K");
        let both = [four.clone(), five.clone()];
        assert!(singles_out_sibling(
            "- the 5K one: black as well.",
            &four,
            &both
        ));
        assert!(singles_out_sibling(
            "And the 5K camera in black too",
            &four,
            &both
        ));
        assert!(!singles_out_sibling(
            "- the 4K one: black instead of silver",
            &four,
            &both
        ));
        assert!(singles_out_sibling(
            "- the 4K one: black instead of silver",
            &five,
            &both
        ));
        // a value both share, or a sentence that does not open on an item, singles none out
        assert!(!singles_out_sibling(
            "the silver one should be black",
            &four,
            &both
        ));
        assert!(!singles_out_sibling(
            "I know the black 5K is not waterproof",
            &four,
            &both
        ));
        assert!(!singles_out_sibling("make it 5K instead", &four, &both));
    }

    #[test]
    fn list_lines_run_into_a_sentence_are_split_apart() {
        let s = |t: &str| t.to_owned();
        assert_eq!(
            pieces(&[
                s("I'd like both in black: - the 4K one: just black."),
                s("- the 5K one: too")
            ]),
            [
                s("I'd like both in black:"),
                s("- the 4K one: just black."),
                s("- the 5K one: too")
            ]
        );
        // a dash inside a sentence is no list line
        assert_eq!(
            pieces(&[s("Ship it - today - please.")]),
            [s("Ship it - today - please.")]
        );
    }
}
