//! Words typed one letter wrong, read as the word of the planner's vocabulary they almost
//! are: "excet" is "except", "Mastecrard" "Mastercard", "caemra" "camera".
//!
//! A misspelt word the planner reads by (a product, an option, a payment method, "except")
//! turns a request into another one: "return everything excet the camera" was read as
//! "return the camera". So before the text is read, a word is replaced when
//!
//! - it is five letters or more and is not itself a word (it is neither in the English words
//!   of `data/known_words.txt`, nor in the vocabulary);
//! - exactly one word of the vocabulary is one edit away (a letter left out, added,
//!   replaced, or two neighbours swapped: Damerau-Levenshtein distance 1), and it starts
//!   with the same letter (people seldom mistype the first one; "pinch" is no "inch");
//! - it is not part of a run of capitalised words (a street, a city, a brand: "Pine Court"),
//! - the two are not a word and its plural ("bottles" is no misspelling of "bottle");
//!   nor a capitalised word of the last two lines, where a name signs the e-mail.
//!
//! The vocabulary is the words of the store's catalog (`data/catalog_words.txt`) and the
//! words requests, conditions and payment methods are read by ([`REQUEST_WORDS`]). Both
//! word files are written by `scripts/known_words.py`: the catalog's from
//! `data/retail/products.json`, the known words from the corpora this repository ships and
//! the SCOWL American English list (`data/LICENSE-scowl.txt`).

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::text::re;

/// Words the planner reads requests, conditions and payment methods by.
const REQUEST_WORDS: &[&str] = &[
    "return",
    "returns",
    "exchange",
    "cancel",
    "cancelled",
    "canceled",
    "modify",
    "change",
    "replace",
    "switch",
    "refund",
    "refunded",
    "instead",
    "except",
    "excluding",
    "everything",
    "delivered",
    "delivery",
    "order",
    "orders",
    "shipped",
    "shipping",
    "pending",
    "address",
    "payment",
    "difference",
    "charge",
    "tracking",
    "number",
    "available",
    "account",
    "mastercard",
    "paypal",
    "visa",
    "amex",
    "american",
    "express",
    "discover",
    "gift",
    "card",
    "credit",
    "balance",
    "cheaper",
    "cheapest",
    "expensive",
    "different",
    "color",
    "colour",
    "bigger",
    "smaller",
    "larger",
    "received",
    "arrived",
    "processed",
    "wrong",
    "broken",
    "other",
    "items",
    "item",
    "leave",
    "alone",
    "unchanged",
    "please",
    "thanks",
    "total",
    "default",
    "current",
    "whole",
    "entire",
    "remaining",
    "rest",
    "both",
    "each",
];

static KNOWN: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    words(include_str!("../data/known_words.txt"))
        .chain(vocabulary())
        .collect()
});

static VOCABULARY: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut v: Vec<&'static str> = vocabulary().filter(|w| w.len() >= 4).collect();
    v.sort_unstable();
    v.dedup();
    v
});

fn words(list: &'static str) -> impl Iterator<Item = &'static str> {
    list.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn vocabulary() -> impl Iterator<Item = &'static str> {
    words(include_str!("../data/catalog_words.txt")).chain(REQUEST_WORDS.iter().copied())
}

static WORD: LazyLock<Regex> = LazyLock::new(|| re(r"[A-Za-z]{5,}"));

/// `text` with its one-letter misspellings of the vocabulary written as meant (a capital
/// first letter kept); borrowed when there is none.
pub fn correct_misspellings(text: &str) -> Cow<'_, str> {
    let signature_from = last_lines_start(text);
    let out = WORD.replace_all(text, |c: &regex::Captures<'_>| {
        let m = c.get(0).map_or("", |m| m.as_str());
        let at = c.get(0).map_or(0, |m| m.start());
        let capital = m.chars().next().is_some_and(char::is_uppercase);
        let whole = on_word_edges(text, at, at + m.len());
        let named = capital && (at >= signature_from || in_capitalised_run(text, at, at + m.len()));
        let corrected = (whole && !named)
            .then(|| meant(&m.to_lowercase()))
            .flatten();
        corrected.map_or_else(|| m.to_owned(), |w| crate::text::cased_as(m, w))
    });
    if out == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(out.into_owned())
    }
}

/// The word `lower` almost is, when it is not a word itself and exactly one word of the
/// vocabulary is one edit away.
fn meant(lower: &str) -> Option<&'static str> {
    if KNOWN.contains(lower) {
        return None;
    }
    let mut found = VOCABULARY
        .iter()
        .filter(|v| {
            v.len().abs_diff(lower.len()) <= 1
                && v.as_bytes().first() == lower.as_bytes().first()
                && one_edit(lower, v)
        })
        .filter(|v| !plural_pair(lower, v));
    let first = found.next()?;
    found.next().is_none().then_some(*first)
}

/// Letters, digits or an apostrophe next to the match make it part of a longer token (an
/// e-mail address, an id, "don't").
fn on_word_edges(text: &str, a: usize, b: usize) -> bool {
    let before = text[..a].chars().next_back();
    let after = text[b..].chars().next();
    let joined = |c: Option<char>| {
        c.is_some_and(|c| c.is_alphanumeric() || matches!(c, '_' | '@' | '.' | '\'' | '-'))
    };
    let dotted_after = after == Some('.')
        && text[b + 1..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric);
    !joined(before) && !(joined(after) && (after != Some('.') || dotted_after))
}

/// Where the last two non-empty lines start, in a body of three or more: a capitalised word
/// there may be the name that signs it.
fn last_lines_start(text: &str) -> usize {
    let mut starts: Vec<usize> = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if !line.trim().is_empty() {
            starts.push(offset);
        }
        offset += line.len();
    }
    match starts.len() {
        n if n >= 3 => starts[n - 2],
        _ => text.len(),
    }
}

/// Whether the word at `a..b` has a capitalised word right before or after it ("Pine Court",
/// "Court Street").
fn in_capitalised_run(text: &str, a: usize, b: usize) -> bool {
    let capitalised = |w: Option<&str>| {
        w.is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase) && w != "I")
    };
    let before = text[..a]
        .strip_suffix(' ')
        .and_then(|t| t.split(' ').next_back());
    let after = text[b..]
        .strip_prefix(' ')
        .and_then(|t| t.split([' ', ',', '.', '\n']).next());
    capitalised(before) || capitalised(after)
}

fn plural_pair(a: &str, b: &str) -> bool {
    a.strip_suffix('s') == Some(b) || b.strip_suffix('s') == Some(a)
}

/// Whether `a` and `b` are one letter left out, added, replaced, or two neighbours swapped
/// apart.
fn one_edit(a: &str, b: &str) -> bool {
    a != b && strsim::damerau_levenshtein(a, b) == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_one_letter_off_the_vocabulary_is_read_as_meant() {
        assert_eq!(
            correct_misspellings("please return everything excet the digiatl camera"),
            "please return everything except the digital camera"
        );
        assert_eq!(
            correct_misspellings("Refund to the Mastecrard. The indor security caemra."),
            "Refund to the Mastercard. The indoor security camera."
        );
    }

    #[test]
    fn words_plurals_and_names_are_left_alone() {
        // real words, plurals, and a signature
        let text = "I have two bottles, a pinch of salt and some boost here.\nThanks,\nGrills";
        assert!(matches!(correct_misspellings(text), Cow::Borrowed(_)));
        // a street, however it is spelt
        assert!(matches!(
            correct_misspellings("ship it to 12 Pine Court, Suite 4, Austin"),
            Cow::Borrowed(_)
        ));
        // part of an address or an id
        assert!(matches!(
            correct_misspellings("write to camra.x@example.com or user_caemra_1"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn the_shipped_word_lists_are_read() {
        assert!(KNOWN.len() > 60_000);
        assert!(VOCABULARY.contains(&"skateboard"));
        assert!(VOCABULARY.contains(&"except"));
    }
}
