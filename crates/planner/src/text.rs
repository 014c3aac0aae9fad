//! Text helpers the procedures share: sentences and clauses, option
//! normalisation, Python-style dict literals (`{'size': 'L'}`), literal
//! payment-method ids, postal addresses, and yes / no answers.
//!
//! One file (about 540 lines of code and 150 of tests): these are the small readers every
//! slot shares, and splitting them would scatter `normalise`'s callers across modules.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

/// `text` passed through `f`, which borrows when it changes nothing: the readings that put a
/// message in the form the planner reads it are chained with this.
pub(crate) fn then<'a>(text: Cow<'a, str>, f: impl FnOnce(&str) -> Cow<'_, str>) -> Cow<'a, str> {
    match f(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(changed) => Cow::Owned(changed),
    }
}

/// `meant` with the first letter capitalised when `found` (the word it replaces) starts with
/// a capital ("Retrun" is "Return").
pub(crate) fn cased_as(found: &str, meant: &str) -> String {
    if found.chars().next().is_some_and(char::is_uppercase) {
        capitalised(meant)
    } else {
        meant.to_owned()
    }
}

/// `s` with its first letter in capitals.
pub(crate) fn capitalised(s: &str) -> String {
    let mut cs = s.chars();
    cs.next()
        .map(|f| f.to_uppercase().collect::<String>() + cs.as_str())
        .unwrap_or_default()
}

/// Compiles a pattern written in the source (a bad one is a bug, caught by any test).
pub(crate) fn re(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| unreachable!("static regex {pattern}: {e}"))
}

static ORDER_ID: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)(?:#\s?W|\bW|#)(\d{7})\b"));
static PAYMENT_ID: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b(?:gift_card|credit_card|paypal)_\d+\b"));
static DICT: LazyLock<Regex> = LazyLock::new(|| re(r"\{[^{}]*\}"));
static PAIR: LazyLock<Regex> = LazyLock::new(|| re(r#"['"]([^'"]+)['"]\s*:\s*['"]([^'"]*)['"]"#));
static YES: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\W*(?:yes|yeah|yep|yup|sure|ok|okay|confirm(?:ed)?|correct|go ahead|please do|do it|that'?s right|absolutely|sounds good)\b",
    )
});
static NO: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)^\W*(?:no|nope|nah|don'?t|do not|cancel that|never ?mind|stop|not now)\b")
});
/// The words that open an address's second line ("Suite 4", "Floor 12", "Apt 7B").
const UNIT: &str =
    r"(?:Suite|Ste\.?|Apt\.?|Apartment|Unit|Floor|Fl\.?|Room|Rm\.?|Building|Bldg\.?|Dept\.?|#)";

/// A line break with the blanks around it, and the punctuation that ends the line before it.
static LINE_BREAK: LazyLock<Regex> = LazyLock::new(|| re(r"([,.;:!?])?[ \t]*(?:\r?\n[ \t]*)+"));

static ADDRESS_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"\b(\d{{1,6}}\s+(?:[A-Z][A-Za-z'-]*\s*){{1,4}})(?:,\s*({UNIT}\s*[A-Za-z0-9-]+))?,\s*([A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+){{0,2}}),?\s+([A-Z]{{2}}),?\s+(\d{{5}})(?:,?\s*(USA|US|United States))?",
    ))
});

/// The same address written all in lower case ("1450 wynkoop street, apt 702, denver, co
/// 80202"): read only with a real state code ([`US_STATES`]) before its zip code.
static LOWER_ADDRESS_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(\d{{1,6}}\s+(?:[a-z][a-z'-]*\s*){{1,4}})(?:,\s*({UNIT}\s*[a-z0-9-]+))?,\s*([a-z]+(?:\s[a-z]+){{0,2}}),?\s+([a-z]{{2}}),?\s+(\d{{5}})(?:,?\s*(usa|us|united states))?",
    ))
});

/// The two-letter codes of the US states and DC.
const US_STATES: [&str; 51] = [
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
    "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY",
    "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV",
    "WI", "WY", "DC",
];

/// "wynkoop street" as an address is written: "Wynkoop Street"; a compass point and a unit
/// with a letter in capitals, as the postal service writes them ("P Street NW", "Apt 3B");
/// a number's suffix stays ("2nd").
fn title_case(words: &str) -> String {
    const COMPASS: [&str; 8] = ["n", "s", "e", "w", "ne", "nw", "se", "sw"];
    words
        .split_whitespace()
        .map(|w| {
            let ordinal = ["st", "nd", "rd", "th"].iter().any(|x| {
                w.strip_suffix(x)
                    .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
            });
            if COMPASS.contains(&w) || (w.chars().any(|c| c.is_ascii_digit()) && !ordinal) {
                return w.to_uppercase();
            }
            let mut cs = w.chars();
            match cs.next() {
                Some(f) if f.is_alphabetic() => f.to_uppercase().collect::<String>() + cs.as_str(),
                Some(f) => std::iter::once(f).chain(cs).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A word of text without the punctuation around it, as [`normalise`] reads it.
pub fn trim_word(w: &str) -> &str {
    w.trim_matches(|c: char| matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | '(' | ')' | '"'))
}

/// A number with an inch mark after it (`34"`, `27”`), not opened by a quote of its own.
static INCH_MARK: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    re(r#"(?P<lead>^|[^"\u{201C}\w.])(?P<n>\d+(?:\.\d+)?)\s?(?:"|\u{201D}|'')"#)
});

/// `34"` written as `34 inch`; a quote closed after a number (`"size 10"`) is no measure.
fn inch_marks(text: &str) -> std::borrow::Cow<'_, str> {
    // `normalise` runs on every option value and clause: most hold no quote mark at all
    if !text.contains(['"', '\u{201D}']) && !text.contains("''") {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut at = 0;
    let mut quoted = false;
    for c in INCH_MARK.captures_iter(text) {
        let (Some(whole), Some(n)) = (c.get(0), c.name("n")) else {
            continue;
        };
        quoted ^= text[at..whole.start()].matches(['"', '\u{201C}']).count() % 2 == 1;
        out.push_str(&text[at..whole.start()]);
        if quoted {
            // the mark closes the quote
            out.push_str(whole.as_str());
            quoted = false;
        } else {
            out.push_str(&text[whole.start()..n.end()]);
            out.push_str(" inch");
        }
        at = whole.end();
    }
    if at == 0 {
        return std::borrow::Cow::Borrowed(text);
    }
    out.push_str(&text[at..]);
    std::borrow::Cow::Owned(out)
}

/// Lower-cases and normalises units and punctuation so option values and
/// free text compare: `5-feet` and `5 ft` both become `5 ft`.
pub fn normalise(s: &str) -> String {
    let lower = s.to_lowercase().replace(['-', '_'], " ");
    let lower = inch_marks(&lower);
    let mut out = Vec::new();
    for w in lower.split_whitespace() {
        let w = match trim_word(w) {
            "pc" | "pcs" | "pc." | "pcs." => "pieces",
            "feet" | "foot" | "ft." => "ft",
            "inches" | "in." | "\"" => "inch",
            "liters" | "litres" | "litre" => "liter",
            "grey" => "gray",
            "lbs" | "lbs." | "lb." | "pounds" | "pound" => "lb",
            other => other,
        };
        if w.is_empty() {
            continue;
        }
        // "500pc", "1000pcs": a count of pieces written without a space
        match w.strip_suffix("pcs").or_else(|| w.strip_suffix("pc")) {
            Some(n) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
                out.push(n.to_owned());
                out.push("pieces".to_owned());
            }
            _ => out.push(w.to_owned()),
        }
    }
    let out = crate::numbers::numbers_before_units(out);
    let mut joined = out.join(" ");
    // "5ft" / "28inch" written without a space
    for unit in ["ft", "inch"] {
        for d in 0..10 {
            joined = joined.replace(&format!("{d}{unit}"), &format!("{d} {unit}"));
        }
    }
    joined
}

/// "it", "them", "the one", "this one": words that point back at a product named before.
/// "the smaller of the two", "the cheaper one", "the other pair": one of the items named
/// before, picked by a comparison (or as the other one).
pub(crate) static COMPARED: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    re(r"(?i)\bthe\s+(?:\w+er|\w+est|other)\s+(?:one|of the two|of them|of those|pair)\b")
});

pub(crate) static POINTS_BACK: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    re(
        r"(?i)\b(?:it|them|the one|this one|that one|these|those|that order|this order|that purchase)\b",
    )
});

/// Whether `hay[a..b]` starts and ends on word boundaries. A letter after an apostrophe
/// inside a word ("i'm", "it's") is no word of its own (a size "M" or "S"); a quoted value
/// ("'M'") is, and so is a word before an apostrophe ("women's").
pub fn on_word_boundaries(hay: &str, a: usize, b: usize) -> bool {
    let mut back = hay[..a].chars().rev();
    let left = match back.next() {
        None => true,
        Some('\'' | '\u{2019}') => !back.next().is_some_and(char::is_alphanumeric),
        Some(c) => !c.is_alphanumeric(),
    };
    // "women's": a possessive or contraction after the value leaves it whole
    let right = !hay[b.min(hay.len())..]
        .chars()
        .next()
        .is_some_and(char::is_alphanumeric);
    left && right
}

/// Whether `needle` (normalised) occurs in `hay` (normalised) on word boundaries.
pub fn contains_words(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let mut start = 0;
    while let Some(i) = hay[start..].find(needle) {
        let a = start + i;
        let b = a + needle.len();
        if on_word_boundaries(hay, a, b) {
            return true;
        }
        start = a + needle.len().max(1);
        if start >= hay.len() {
            break;
        }
    }
    false
}

/// Splits text into sentences (at `.`, `!`, `?` followed by white space, and
/// at line breaks), keeping dict literals whole.
pub fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut cur = String::new();
    let chars: Vec<char> = text.chars().collect();
    let markers = inline_list_markers(&chars);
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if c == '\n' && depth <= 0 {
            push_sentence(&mut out, &mut cur);
            continue;
        }
        if depth <= 0 && markers.contains(&i) && !in_brackets(&cur) {
            push_sentence(&mut out, &mut cur);
        }
        cur.push(c);
        let next_space = chars.get(i + 1).is_none_or(|n| n.is_whitespace());
        if depth <= 0 && matches!(c, '.' | '!' | '?') && next_space && !abbreviation(&cur) {
            push_sentence(&mut out, &mut cur);
        }
    }
    push_sentence(&mut out, &mut cur);
    out
}

/// Where a list item numbered "2)" to "9)" starts inside a line, after a "1)" that opens the
/// text or a line or follows white space: "1) return the lamp, refund to the card I paid
/// with 2) change the kettle ..." is two sentences, as the same list on two lines is.
fn inline_list_markers(chars: &[char]) -> Vec<usize> {
    let marker = |i: usize, n: char| {
        chars.get(i) == Some(&n)
            && chars.get(i + 1) == Some(&')')
            && chars.get(i + 2).is_none_or(|c| c.is_whitespace())
            && (i == 0 || chars[i - 1].is_whitespace())
    };
    let Some(first) = (0..chars.len()).find(|&i| marker(i, '1')) else {
        return Vec::new();
    };
    (first + 1..chars.len())
        .filter(|&i| {
            chars[i].is_ascii_digit()
                && chars[i] != '0'
                && chars[i] != '1'
                && marker(i, chars[i])
                && chars[i - 1] != '\n'
        })
        .collect()
}

/// Whether a bracket opened in `cur` is still open; a list number's own bracket ("2) ...")
/// opens nothing.
fn in_brackets(cur: &str) -> bool {
    let t = cur.trim_start();
    let own = t.len() > 1 && t.as_bytes()[0].is_ascii_digit() && t.as_bytes()[1] == b')';
    let opened = cur.matches('(').count();
    let closed = cur.matches(')').count() - usize::from(own);
    opened > closed
}

fn abbreviation(cur: &str) -> bool {
    // "1. the speaker ...": a list number is not a sentence
    if let Some(n) = cur.trim().strip_suffix('.') {
        if (1..=2).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()) {
            return true;
        }
    }
    let mut words = cur.split_whitespace().rev();
    let last = words.next().unwrap_or("");
    // "the tracking no. for the laptop", "order no. W1234567": a number sign, not "no."
    if last.eq_ignore_ascii_case("no.")
        && words.next().is_some_and(|w| {
            matches!(
                w.to_lowercase().trim_start_matches(['(', '-']),
                "tracking"
                    | "order"
                    | "item"
                    | "phone"
                    | "account"
                    | "reference"
                    | "ref"
                    | "confirmation"
                    | "invoice"
                    | "model"
                    | "serial"
                    | "case"
                    | "ticket"
                    | "card"
                    | "parcel"
                    | "package"
                    | "shipment"
            )
        })
    {
        return true;
    }
    matches!(
        last,
        "St."
            | "Ave."
            | "Dr."
            | "Rd."
            | "Mr."
            | "Mrs."
            | "Ms."
            | "Ste."
            | "Apt."
            | "e.g."
            | "i.e."
            | "vs."
    )
}

fn push_sentence(out: &mut Vec<String>, cur: &mut String) {
    let s = cur.trim();
    if !s.is_empty() {
        out.push(s.to_owned());
    }
    cur.clear();
}

/// Order ids mentioned, normalised to `#W1234567`, with their byte offsets.
pub fn order_ids(text: &str) -> Vec<(usize, String)> {
    ORDER_ID
        .captures_iter(text)
        .filter_map(|c| {
            let m = c.get(0)?;
            Some((m.start(), format!("#W{}", c.get(1)?.as_str())))
        })
        .collect()
}

/// Literal payment-method ids (`gift_card_123`, `paypal_45`, `credit_card_6`).
pub fn payment_ids(text: &str) -> Vec<String> {
    PAYMENT_ID
        .find_iter(text)
        .map(|m| m.as_str().to_owned())
        .collect()
}

/// One dict literal: its byte span and its key/value pairs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictLiteral {
    /// Byte offset of `{`.
    pub start: usize,
    /// Byte offset just past `}`.
    pub end: usize,
    /// Pairs, key -> value, as written.
    pub pairs: BTreeMap<String, String>,
}

/// Python-style dict literals with string values (`{'size': 'L'}`, `{}`).
pub fn dicts(text: &str) -> Vec<DictLiteral> {
    DICT.find_iter(text)
        .map(|m| DictLiteral {
            start: m.start(),
            end: m.end(),
            pairs: PAIR
                .captures_iter(m.as_str())
                .filter_map(|c| {
                    Some((c.get(1)?.as_str().to_owned(), c.get(2)?.as_str().to_owned()))
                })
                .collect(),
        })
        .collect()
}

/// Whether a reply means "yes" (confirms the pending action).
pub fn is_yes(text: &str) -> bool {
    YES.is_match(text.trim()) && !is_no(text)
}

/// Whether a reply means "no" (drops the pending action).
pub fn is_no(text: &str) -> bool {
    NO.is_match(text.trim())
}

/// A postal address as the store's tools take it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    /// First line.
    pub address1: String,
    /// Second line (may be empty).
    pub address2: String,
    /// City.
    pub city: String,
    /// Two-letter state.
    pub state: String,
    /// Country.
    pub country: String,
    /// Zip code.
    pub zip: String,
}

impl Address {
    /// The address as the store's JSON object (without the order or user id).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "address1": self.address1,
            "address2": self.address2,
            "city": self.city,
            "state": self.state,
            "country": self.country,
            "zip": self.zip,
        })
    }

    /// Reads an address from a JSON object with the store's keys.
    pub fn from_json(v: &serde_json::Value) -> Option<Address> {
        let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_owned);
        Some(Address {
            address1: s("address1")?,
            address2: s("address2").unwrap_or_default(),
            city: s("city")?,
            state: s("state")?,
            country: s("country").unwrap_or_else(|| "USA".to_owned()),
            zip: s("zip")?,
        })
    }

    /// One line, e.g. "986 Sunset Drive, Suite 259, Denver, CO 80279, USA".
    pub fn line(&self) -> String {
        let mut parts = vec![self.address1.clone()];
        if !self.address2.is_empty() {
            parts.push(self.address2.clone());
        }
        parts.push(self.city.clone());
        parts.push(format!("{} {}", self.state, self.zip));
        parts.push(self.country.clone());
        parts.join(", ")
    }
}

/// Addresses written in the text: dict literals with `address1`, then
/// free-text "123 Main Street, Suite 4, Denver, CO 80201".
pub fn addresses(text: &str) -> Vec<Address> {
    let mut out = Vec::new();
    // an address written as a block of lines ("1500 Westlake Ave N\nApt 3B\nSeattle, WA
    // 98109"): each line break is the comma it stands for
    let joined = LINE_BREAK.replace_all(text, |c: &regex::Captures<'_>| {
        if c.get(1).is_some() {
            format!("{} ", &c[1])
        } else {
            ", ".to_owned()
        }
    });
    let text = joined.as_ref();
    for d in dicts(text) {
        if d.pairs.contains_key("address1") {
            let v = serde_json::to_value(&d.pairs).unwrap_or_default();
            if let Some(a) = Address::from_json(&v) {
                out.push(a);
            }
        }
    }
    for c in ADDRESS_LINE.captures_iter(text) {
        let g = |i: usize| {
            c.get(i)
                .map_or(String::new(), |m| m.as_str().trim().to_owned())
        };
        out.push(Address {
            address1: g(1),
            address2: g(2),
            city: g(3),
            state: g(4),
            country: "USA".to_owned(),
            zip: g(5),
        });
    }
    if out.is_empty() {
        for c in LOWER_ADDRESS_LINE.captures_iter(text) {
            let g = |i: usize| c.get(i).map_or("", |m| m.as_str().trim());
            let state = g(4).to_uppercase();
            // written all in lower case, or it is the line above's to read
            if g(0).chars().any(char::is_uppercase) || !US_STATES.contains(&state.as_str()) {
                continue;
            }
            out.push(Address {
                address1: title_case(g(1)),
                address2: title_case(g(2)),
                city: title_case(g(3)),
                state,
                country: "USA".to_owned(),
                zip: g(5).to_owned(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_written_as_a_block_of_lines_is_read() {
        let want = "1500 Westlake Ave N, Apt 3B, Seattle, WA 98109, USA";
        for text in [
            "Could you send it here instead:\n\n1500 Westlake Ave N, Apt 3B\nSeattle, WA 98109\n\nThanks",
            "Send it to\n1500 Westlake Ave N\nApt 3B\nSeattle, WA 98109",
            "Send it to 1500 Westlake Ave N, Apt 3B, Seattle, WA 98109.",
        ] {
            let found = addresses(text);
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(found[0].line(), want, "{text}");
        }
    }

    #[test]
    fn inch_marks_and_piece_counts() {
        assert_eq!(
            normalise("The skateboard should be the 34\" length (currently 31\")"),
            "the skateboard should be the 34 inch length currently 31 inch"
        );
        assert_eq!(normalise("a 27” monitor"), "a 27 inch monitor");
        assert_eq!(
            normalise("I said \"size 10\" twice"),
            "i said size 10 twice"
        );
        assert_eq!(
            normalise("500pc instead of the 1000pcs one, 750 pcs"),
            "500 pieces instead of the 1000 pieces one 750 pieces"
        );
    }

    #[test]
    fn normalises_units() {
        assert_eq!(normalise("5-feet Glass"), "5 ft glass");
        assert_eq!(normalise("5 ft"), "5 ft");
        assert_eq!(normalise("30-50 lbs"), normalise("30-50 lb"));
        assert_eq!(normalise("1.5 Liters"), "1.5 liter");
        assert!(contains_words(
            &normalise("a white optical mouse."),
            "optical"
        ));
        assert!(!contains_words("nonoptical", "optical"));
        // a size after an apostrophe inside a word is no size; a quoted one is
        assert!(!contains_words("i'm lei and it's late", "m"));
        assert!(!contains_words("it's late", "s"));
        assert!(contains_words("{'size': 'm'}", "m"));
        assert!(contains_words("size m please", "m"));
        assert!(contains_words("the women's version", "women"));
    }

    #[test]
    fn splits_sentences_but_not_dicts() {
        let s = sentences("Cancel #W1234567. For #W7654321, modify Tea Kettle {'capacity': '1.5 liters'} to {}; via paypal_1. Thanks!");
        assert_eq!(s.len(), 3, "{s:?}");
        // "no." after "tracking" is a number sign; said alone it ends a sentence
        let s = sentences("What is the tracking no. for the laptop? I said no. Thanks.");
        assert_eq!(
            s,
            [
                "What is the tracking no. for the laptop?",
                "I said no.",
                "Thanks."
            ]
        );
    }

    #[test]
    fn a_list_numbered_inside_one_line_is_split_at_its_numbers() {
        let s = sentences(
            "1) return the lamp, refund to the card I paid with 2) change the kettle (the 2) one) to red 3) thanks",
        );
        assert_eq!(
            s,
            [
                "1) return the lamp, refund to the card I paid with",
                "2) change the kettle (the 2) one) to red",
                "3) thanks"
            ]
        );
        // no "1)" before it: a number in brackets stays where it is
        assert_eq!(sentences("I want 3 of them (not 2) please").len(), 1);
    }

    #[test]
    fn a_numbered_list_keeps_its_numbers() {
        let s =
            sentences("Two changes:\n1. the kettle to the red one\n2. the lamp in white. Thanks.");
        assert_eq!(
            s,
            [
                "Two changes:",
                "1. the kettle to the red one",
                "2. the lamp in white.",
                "Thanks."
            ]
        );
    }

    #[test]
    fn reads_dicts_and_addresses() {
        let d = dicts("modify {'size': 'L', 'color': 'black'} to {}");
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].pairs["size"], "L");
        assert!(d[1].pairs.is_empty());
        let a = addresses("ship it to 986 Sunset Drive, Suite 259, Denver, CO 80279 please");
        assert_eq!(a[0].address2, "Suite 259");
        assert_eq!(a[0].city, "Denver");
        assert_eq!(a[0].zip, "80279");
        // written all in lower case: read, and written as an address is
        let a =
            addresses("please deliver it to 2014 n delaware st, indianapolis, in 46202 instead");
        assert_eq!(
            (
                a[0].address1.as_str(),
                a[0].city.as_str(),
                a[0].state.as_str(),
                a[0].zip.as_str()
            ),
            ("2014 N Delaware St", "Indianapolis", "IN", "46202")
        );
        let a = addresses("i moved to 1450 wynkoop street, apt 702, denver, co 80202.");
        assert_eq!(a[0].address2, "Apt 702");
        // an office: a floor or a room is the second line as a suite is
        let a = addresses(
            "send it to my office instead: 1800 Larimer Street, Floor 12, Denver, CO 80202.",
        );
        assert_eq!(
            (a[0].address1.as_str(), a[0].address2.as_str()),
            ("1800 Larimer Street", "Floor 12")
        );
        let a = addresses("to 20 n main st, room 4b, ann arbor, mi 48104");
        assert_eq!(a[0].address2, "Room 4B");
        let a = addresses("set it to 2130 p street nw, apt 3b, washington, dc 20037");
        assert_eq!(
            (a[0].address1.as_str(), a[0].address2.as_str()),
            ("2130 P Street NW", "Apt 3B")
        );
        assert_eq!(title_case("21st avenue"), "21st Avenue");
        // no state has the code "zz": not an address
        assert!(addresses("order 12 boxes, big ones, zz 80202").is_empty());
    }

    #[test]
    fn yes_and_no() {
        assert!(is_yes("Yes, please go ahead."));
        assert!(!is_yes("No, thanks"));
        assert!(is_no("no"));
    }
}
