//! Words as typed, read as meant: typographic quotes in ASCII, contractions without their
//! apostrophe and known misspellings of request words ([`correct_typos`]), and words typed
//! one letter wrong, read as the word of the planner's vocabulary they almost are: "excet" is
//! "except", "Mastecrard" "Mastercard", "caemra" "camera" ([`correct_misspellings`]).
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

use crate::text::{cased_as, re, then};

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
    catalog_words().chain(REQUEST_WORDS.iter().copied())
}

/// The words of the store's catalog (`data/catalog_words.txt`): product names, option keys
/// and values.
pub(crate) fn catalog_words() -> impl Iterator<Item = &'static str> {
    words(include_str!("../data/catalog_words.txt"))
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
        corrected.map_or_else(|| m.to_owned(), |w| cased_as(m, w))
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

/// Misspellings of the words requests are read from, and what they mean.
const TYPOS: &[(&str, &str)] = &[
    ("retrun", "return"),
    ("reutrn", "return"),
    ("retun", "return"),
    ("returm", "return"),
    ("exhange", "exchange"),
    ("exchage", "exchange"),
    ("excahnge", "exchange"),
    ("exchnage", "exchange"),
    ("echange", "exchange"),
    ("cancle", "cancel"),
    ("canel", "cancel"),
    ("cancell", "cancel"),
    ("adress", "address"),
    ("addres", "address"),
    ("adresss", "address"),
    ("refnd", "refund"),
    ("refud", "refund"),
    ("refumd", "refund"),
    ("recieve", "receive"),
    ("recieved", "received"),
    ("diffrence", "difference"),
    ("differnce", "difference"),
    ("payement", "payment"),
    ("paymnet", "payment"),
    ("shiped", "shipped"),
    ("chnage", "change"),
    ("chage", "change"),
    ("swich", "switch"),
    ("swtich", "switch"),
    ("replce", "replace"),
    ("instaed", "instead"),
    ("insted", "instead"),
    ("isntead", "instead"),
    ("availble", "available"),
    ("avaliable", "available"),
    ("giftcard", "gift card"),
    ("paypall", "paypal"),
    ("pls", "please"),
    ("plz", "please"),
    // shorthand typed on phones: "ord w/ the lamp", "refund the diff", "thx"
    ("ord", "order"),
    ("ords", "orders"),
    ("diff", "difference"),
    ("addr", "address"),
    ("acct", "account"),
    ("qty", "quantity"),
    ("amt", "amount"),
    ("pmt", "payment"),
    ("thx", "thanks"),
    ("thnx", "thanks"),
    // contractions typed without their apostrophe ("dont change the lamp", "if its not
    // available" is left alone: "its" is also a word)
    ("dont", "don't"),
    ("doesnt", "doesn't"),
    ("didnt", "didn't"),
    ("isnt", "isn't"),
    ("arent", "aren't"),
    ("wasnt", "wasn't"),
    ("werent", "weren't"),
    ("cant", "can't"),
    ("couldnt", "couldn't"),
    ("wouldnt", "wouldn't"),
    ("shouldnt", "shouldn't"),
    ("havent", "haven't"),
    ("hasnt", "hasn't"),
    ("hadnt", "hadn't"),
    ("wont", "won't"),
    ("im", "I'm"),
    ("ive", "I've"),
    ("youre", "you're"),
    ("theyre", "they're"),
    ("thats", "that's"),
    ("theres", "there's"),
    ("whats", "what's"),
];

/// Typographic quotes and dashes as e-mail programs and phones write them, and the ASCII the
/// planner's readings are written in: "don’t" is "don't".
const TYPOGRAPHIC: &[(char, &str)] = &[
    ('\u{2019}', "'"),
    ('\u{2018}', "'"),
    ('\u{02BC}', "'"),
    ('\u{201C}', "\""),
    ('\u{201D}', "\""),
    ('\u{2013}', "-"),
    ('\u{2014}', " - "),
    ('\u{00A0}', " "),
];

static TYPO: LazyLock<Regex> = LazyLock::new(|| {
    let words: Vec<&str> = TYPOS.iter().map(|(w, _)| *w).collect();
    re(&format!(r"(?i)\b(?:{})\b", words.join("|")))
});

/// `text` as the readings are written: typographic quotes and dashes in ASCII
/// ([`TYPOGRAPHIC`]), and the misspellings and apostrophe-less contractions of [`TYPOS`]
/// written as meant (a capital first letter kept); borrowed when there is none.
pub fn correct_typos(text: &str) -> Cow<'_, str> {
    if text.contains(|c: char| TYPOGRAPHIC.iter().any(|(t, _)| *t == c)) {
        let mut plain = String::with_capacity(text.len());
        for c in text.chars() {
            match TYPOGRAPHIC.iter().find(|(t, _)| *t == c) {
                Some((_, ascii)) => plain.push_str(ascii),
                None => plain.push(c),
            }
        }
        return Cow::Owned(correct_spelling(&plain).into_owned());
    }
    correct_spelling(text)
}

/// "its" and "id" are words of their own; before these words they can only be "it's" and
/// "I'd" ("if its cheaper", "Id like the black one").
static ITS_ID: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:(?P<its>its)\s+(?:not|cheaper|pricier|more|less|available|possible|ok|okay|fine|a|an|the|still|already|too|just|only|been|going|gone|shipped|delivered|pending|sold|out|in stock|no longer|under|over|about)|(?P<id>id)\s+(?:like|prefer|rather|love|want|appreciate|need|be|have|take|go))\b",
    )
});

fn correct_spelling(text: &str) -> Cow<'_, str> {
    then(
        then(then(restore_its_id(text), correct_words), arrows_as_to),
        joiners_as_words,
    )
}

/// "w/", "w/o", "b/c", and "+" or "&" between two words, as phones type them: "the ord w/ the
/// lamp + the kettle" names two items with "with" and "and", as the readings are written.
static JOINER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?P<wo>w/o)\b|\b(?P<w>w/)(?P<next>\w)?|\b(?P<bc>b/c)\b|(?P<l>[a-z)])\s+(?P<j>[+&])\s+(?P<r>[a-z(])|(?-i:(?P<before>\b[a-z]{2,}) w (?P<after>[a-z]))",
    )
});

fn joiners_as_words(text: &str) -> Cow<'_, str> {
    JOINER.replace_all(text, |c: &regex::Captures<'_>| {
        if let Some(m) = c.name("wo") {
            cased_as(m.as_str(), "without")
        } else if let Some(m) = c.name("w") {
            // "w/the lamp" and "w/ the lamp" alike; a line that ends in "w/" keeps its end
            let next = c.name("next").map_or("", |n| n.as_str());
            let gap = if next.is_empty() { "" } else { " " };
            format!("{}{gap}{next}", cased_as(m.as_str(), "with"))
        } else if let Some(m) = c.name("bc") {
            cased_as(m.as_str(), "because")
        } else if let (Some(b), Some(a)) = (c.name("before"), c.name("after")) {
            // "paid w paypal", "the one w the kettle": a lone lower-case "w" between words
            format!("{} with {}", b.as_str(), a.as_str())
        } else {
            format!("{} and {}", &c["l"], &c["r"])
        }
    })
}

/// "white S one -> size M", "black => white": an arrow between words is "to".
static ARROW: LazyLock<Regex> =
    LazyLock::new(|| re(r"(\S)\s*(?:-+>|=+>|\u{2192}|\u{21D2})\s*(\S)"));

/// What follows an arrow that says what to do, not what to change to: "grill order ->
/// cancel please", "t-shirt order -> switch the payment".
static ARROW_TO_VERB: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:(?:please|pls|just|then|simply)\s+)*(?:cancel|return|refund|exchange|swap|switch|change|modify|update|send|ship|move|leave|keep|pay|charge|bill|no change|nothing|don'?t|do not|forget|never ?mind|skip)\b",
    )
});

fn arrows_as_to(text: &str) -> Cow<'_, str> {
    ARROW.replace_all(text, |c: &regex::Captures<'_>| {
        let after = c.get(2).map_or(0, |m| m.start());
        if ARROW_TO_VERB.is_match(&text[after..]) {
            format!("{}: {}", &c[1], &c[2])
        } else {
            format!("{} to {}", &c[1], &c[2])
        }
    })
}

fn restore_its_id(text: &str) -> Cow<'_, str> {
    ITS_ID.replace_all(text, |c: &regex::Captures<'_>| {
        let all = &c[0];
        if let Some(m) = c.name("its") {
            let rest = &all[m.len()..];
            format!("{}'s{rest}", &m.as_str()[..2])
        } else {
            let rest = &all[2..];
            format!("I'd{rest}")
        }
    })
}

fn correct_words(text: &str) -> Cow<'_, str> {
    TYPO.replace_all(text, |c: &regex::Captures<'_>| {
        let found = &c[0];
        let lower = found.to_lowercase();
        let meant = TYPOS
            .iter()
            .find(|(w, _)| *w == lower)
            .map_or(found, |(_, m)| m);
        cased_as(found, meant)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_shorthand_is_read_as_words() {
        assert_eq!(
            correct_typos("the ord w/ the tablet + notebook: cancel pls, refund the diff thx"),
            "the order with the tablet and notebook: cancel please, refund the difference thanks"
        );
        assert_eq!(
            correct_typos("W/o the case & the strap, b/c I have them"),
            "Without the case and the strap, because I have them"
        );
        assert_eq!(
            correct_typos("refund the Mastercard I paid w/\n2) the lamp w/the cord"),
            "refund the Mastercard I paid with\n2) the lamp with the cord"
        );
        assert_eq!(
            correct_typos("i paid w paypal, its the one w the kettle; a 60 W bulb"),
            "i paid with paypal, it's the one with the kettle; a 60 W bulb"
        );
        // a sum or a name with a joiner stays as written
        assert_eq!(correct_typos("$20 + tax, AT&T"), "$20 + tax, AT&T");
    }

    #[test]
    fn misspelt_request_words_are_read_as_meant() {
        assert_eq!(
            correct_typos("I'd like to retrun the boots. Exhange the lamp pls."),
            "I'd like to return the boots. Exchange the lamp please."
        );
        assert!(matches!(correct_typos("Return the lamp"), Cow::Borrowed(_)));
        // phones and mail programs write typographic apostrophes; people drop them
        assert_eq!(
            correct_typos(
                "I don\u{2019}t want the \u{201C}blue\u{201D} one \u{2014} dont change it"
            ),
            "I don't want the \"blue\" one  -  don't change it"
        );
        assert_eq!(
            correct_typos("Im sure its box is fine if it isnt available"),
            "I'm sure its box is fine if it isn't available"
        );
        assert_eq!(
            correct_typos("If its cheaper, refund me. Id like the black one; my order id is 5."),
            "If it's cheaper, refund me. I'd like the black one; my order id is 5."
        );
        // part of a longer word is left alone
        assert_eq!(correct_typos("Cantor and Imogen"), "Cantor and Imogen");
        // an arrow between words is "to"; a lone "-" or ">" is not
        assert_eq!(
            correct_typos("white S one -> size M, black=>white, red \u{2192} blue"),
            "white S one to size M, black to white, red to blue"
        );
        assert_eq!(correct_typos("size - M > S"), "size - M > S");
        // an arrow before what to do is a colon
        assert_eq!(
            correct_typos(
                "grill order -> cancel please, t-shirt order => switch payment to PayPal"
            ),
            "grill order: cancel please, t-shirt order: switch payment to PayPal"
        );
        // part of a longer word is no misspelling
        assert_eq!(correct_typos("the plsx model"), "the plsx model");
    }

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
