//! Matching what the customer wrote against the catalog: which item they
//! mean (by product name and options) and which variant they want instead.
//!
//! How customers name the products themselves is in [`crate::names`], steps along an
//! option's order ("the next size up") in [`crate::steps`], values described rather than
//! named in [`crate::described`]. The rest, about 970 lines of code and 570 of tests, stays
//! one file: reading option words (with their surface forms, sizes, negations and relative
//! amounts), what the customer keeps or frees, and choosing the variant are one concept
//! whose helpers call each other.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use std::sync::LazyLock;

use regex::Regex;

use crate::customer::Item;
use crate::text::{contains_words, normalise, re};

pub use crate::names::{aliases, find_words, mention, shortened_spans};

/// The option keys and values a product's variants take.
pub fn option_space(product: &Value) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for v in variants(product) {
        for (k, val) in &v.options {
            out.entry(k.clone()).or_default().insert(val.clone());
        }
    }
    out
}

/// One variant of a product.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// Item id.
    pub item_id: String,
    /// Options.
    pub options: BTreeMap<String, String>,
    /// Whether it can be ordered.
    pub available: bool,
    /// Price.
    pub price: f64,
}

/// Every variant of a product.
pub fn variants(product: &Value) -> Vec<Variant> {
    product
        .get("variants")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(id, v)| Variant {
            item_id: id.clone(),
            options: v
                .get("options")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                .map(|(k, x)| (k.clone(), x.as_str().unwrap_or("").to_owned()))
                .collect(),
            available: v.get("available").and_then(Value::as_bool).unwrap_or(false),
            price: v.get("price").and_then(Value::as_f64).unwrap_or(0.0),
        })
        .collect()
}

/// Option values of `product` written in `raw` (key -> every value seen).
/// Values of one or two letters must be written in their case ("XL");
/// numeric values need their key next to them ("size 9"); a value several
/// keys share needs its key next to it. A value is found in any of the ways
/// people write it (`surface_forms`: "20000 mah", "130 degree", "wifi"), and a
/// yes/no option by its key alone ("the waterproof one").
pub fn option_mentions(raw: &str, product: &Value) -> BTreeMap<String, BTreeSet<String>> {
    let space = option_space(product);
    let norm = normalise(&carry_keys(raw, &space));
    let mut owners: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (k, vals) in &space {
        for v in vals {
            owners.entry(normalise(v)).or_default().push(k.clone());
        }
    }
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (k, vals) in &space {
        let key = normalise(k);
        let key_last = key.split(' ').next_back().unwrap_or("").to_owned();
        // "the 500 piece version": a plural unit key used as an adjective
        let key_one = key_last
            .strip_suffix('s')
            .filter(|k| k.len() >= 3)
            .unwrap_or(&key_last)
            .to_owned();
        for v in vals {
            let nv = normalise(v);
            let forms = surface_forms(&nv);
            let with_key = forms.iter().any(|f| {
                [
                    format!("{key} {f}"),
                    format!("{f} {key}"),
                    format!("{key} of {f}"),
                    format!("{f} {key_last}"),
                    format!("{f} {key_one}"),
                    format!("{key} is {f}"),
                ]
                .iter()
                .any(|p| contains_words(&norm, p))
            }) || negative_value(&norm, &nv, &key, &key_last);
            let shared = owners.get(&nv).is_some_and(|o| o.len() > 1);
            let numeric = nv.chars().all(|c| c.is_ascii_digit() || c == '.');
            let short = v.trim().chars().count() <= 2;
            let has_digit = nv.chars().any(|c| c.is_ascii_digit());
            // "medium size" names the size, not a medium ventilation: only where the
            // other key takes the same value
            let next_to_other_key = space
                .iter()
                .filter(|(o, ovals)| *o != k && ovals.iter().any(|x| normalise(x) == nv))
                .any(|(o, _)| {
                    let ok = normalise(o);
                    contains_words(&norm, &format!("{nv} {ok}"))
                        || contains_words(&norm, &format!("{ok} {nv}"))
                })
                && !with_key;
            // "a small instead of medium": a value written only as what is replaced is
            // not wanted
            let written = || {
                forms
                    .iter()
                    .any(|f| contains_words(&norm, f) && !only_as_replaced(&norm, f))
            };
            // "the old-fashioned kind with hands": the value described, not named
            let described = || {
                crate::described::descriptions(&key, &nv)
                    .iter()
                    .any(|d| contains_words(&norm, d) && !only_as_replaced(&norm, d))
            };
            // "the helmet is a medium and it pinches": "a medium" there is the letter size M
            // (when the product is sold in letter sizes), not a medium ventilation
            let a_letter_size = key != "size"
                && !with_key
                && letter_size_of(&nv).is_some_and(|letter| {
                    space.iter().any(|(o, ovals)| {
                        normalise(o) == "size" && ovals.iter().any(|x| normalise(x) == letter)
                    }) && size_word(&norm, "size", letter)
                });
            let found = if next_to_other_key || a_letter_size {
                false
            } else if size_word(&norm, &key, &nv) || described() {
                true
            } else if numeric && !shared {
                // "I got an 11 but I need a 12": a number after "a"/"an" is the only key's
                with_key
                    || forms.iter().any(|f| {
                        contains_words(&norm, &format!("a {f}"))
                            || contains_words(&norm, &format!("an {f}"))
                    })
            } else if shared || numeric {
                with_key
            } else if short && !has_digit {
                // "xl" is no English word: a message written in lower case names the size
                // with it; a single letter needs its case or its key
                with_key
                    || word_case_sensitive(raw, v.trim())
                    || (nv.len() == 2 && nv.starts_with('x') && written())
            } else {
                with_key || written()
            };
            if found {
                out.entry(k.clone()).or_default().insert(v.clone());
            }
        }
        if let Some(yes) = boolean_by_key(&norm, &key, vals) {
            out.entry(k.clone()).or_default().insert(yes);
        }
    }
    // "rose gold" also contains "gold": keep the longest of nested values
    for vals in out.values_mut() {
        let all: Vec<String> = vals.iter().cloned().collect();
        vals.retain(|v| {
            let nv = normalise(v);
            !all.iter()
                .any(|o| o != v && contains_words(&normalise(o), &nv))
        });
    }
    out
}

/// Whether every place `value` is written in `norm` follows "instead of", "rather than",
/// "not" or "from" (the value being replaced: "in a small instead of medium", "not the bumpy
/// tactile ones").
fn only_as_replaced(norm: &str, value: &str) -> bool {
    static REPLACED: LazyLock<Regex> = LazyLock::new(|| {
        // "not the bumpy tactile ones": one describing word may sit between
        re(r"(?:instead of|rather than|\bnot|\bfrom)(?: (?:the|a|an|my))?(?: [a-z]+)?\s*$")
    });
    let mut any = false;
    let mut start = 0;
    while let Some(i) = norm.get(start..).and_then(|h| h.find(value)) {
        let a = start + i;
        let b = a + value.len();
        let whole = (a == 0 || !norm[..a].ends_with(char::is_alphanumeric))
            && !norm[b..].starts_with(char::is_alphanumeric);
        if whole {
            if !REPLACED.is_match(&norm[..a]) {
                return false;
            }
            any = true;
        }
        start = b;
    }
    any
}

/// The ways people write a normalised option value: as it is, with or without a space
/// between a number and its unit ("20000mah" / "20000 mah"), with the unit singular or
/// plural ("130 degrees" / "130 degree"), and a two-part word joined ("wi fi" -> "wifi").
fn surface_forms(nv: &str) -> Vec<String> {
    static NUM_UNIT: LazyLock<Regex> = LazyLock::new(|| re(r"^(\d+(?:\.\d+)?)\s*([a-z]+)$"));
    let mut forms = vec![nv.to_owned()];
    if let Some(c) = NUM_UNIT.captures(nv) {
        let (n, unit) = (&c[1], &c[2]);
        let mut units = vec![unit.to_owned()];
        match unit.strip_suffix('s') {
            Some(one) if one.len() > 1 => units.push(one.to_owned()),
            _ if unit.len() > 2 => units.push(format!("{unit}s")),
            _ => {}
        }
        // "1.5 liter" for 1.5L, "30 megapixel" for 30MP: the unit spelled out
        let spelled: &[&str] = match unit {
            "l" => &["liter"],
            "ml" => &["milliliter", "millilitre"],
            "mm" => &["millimeter", "millimetre"],
            "cm" => &["centimeter", "centimetre"],
            "oz" => &["ounce"],
            "w" => &["watt"],
            "mp" => &["megapixel"],
            "lb" | "lbs" => &["pound"],
            "gb" => &["gigabyte", "gig"],
            "tb" => &["terabyte"],
            // "4hr battery", "20 hrs": hours written short
            "hours" | "hour" => &["hr", "h"],
            _ => &[],
        };
        for w in spelled {
            units.push((*w).to_owned());
            units.push(format!("{w}s"));
        }
        for u in units {
            forms.push(format!("{n}{u}"));
            forms.push(format!("{n} {u}"));
        }
    }
    // "wi fi" written "wifi", also inside a longer value ("wi fi + cellular")
    let parts: Vec<&str> = nv.split(' ').collect();
    let short = |p: &str| p.len() <= 3 && p.chars().all(char::is_alphabetic);
    let mut merged: Vec<String> = Vec::new();
    let mut i = 0;
    while i < parts.len() {
        if i + 1 < parts.len() && short(parts[i]) && short(parts[i + 1]) {
            merged.push(format!("{}{}", parts[i], parts[i + 1]));
            i += 2;
        } else {
            merged.push(parts[i].to_owned());
            i += 1;
        }
    }
    let merged = merged.join(" ");
    if merged != nv {
        forms.push(merged);
    }
    // "wifi + cellular" written "wifi and cellular", "wifi & cellular", "wifi plus cellular"
    for f in forms.clone() {
        if f.contains(" + ") {
            for joiner in [" and ", " & ", " plus ", " "] {
                forms.push(f.replace(" + ", joiner));
            }
        }
    }
    // "over-ear" said as "over the ears", "in-ear" as "in your ear": a compound of a
    // preposition and a noun, unfolded
    if let [prep @ ("over" | "on" | "in" | "under" | "behind" | "around"), noun] =
        nv.split(' ').collect::<Vec<_>>().as_slice()
    {
        for det in ["the", "your", "my"] {
            forms.push(format!("{prep} {det} {noun}"));
            forms.push(format!("{prep} {det} {noun}s"));
        }
    }
    // smart-home platforms as people name them: "works with Alexa", "HomeKit", "Google Home"
    match nv {
        "amazon alexa" => forms.push("alexa".to_owned()),
        "apple homekit" => forms.push("homekit".to_owned()),
        "google assistant" => {
            forms.push("google home".to_owned());
            forms.push("google".to_owned());
        }
        _ => {}
    }
    forms.sort();
    forms.dedup();
    forms
}

/// "from size 10 to 11", "size 8 -> 10" (the spelling pass writes the arrow as "to"): the key
/// written once names both values ("size 10 to size 11"). Only a key of the product, and
/// only when the new value does not name a key itself.
fn carry_keys(raw: &str, space: &BTreeMap<String, BTreeSet<String>>) -> String {
    // ASCII lower case keeps every byte offset of `raw`
    let lower = raw.to_ascii_lowercase();
    let keys: Vec<(&String, String)> = space.keys().map(|k| (k, k.to_ascii_lowercase())).collect();
    let mut inserts: Vec<(usize, String)> = Vec::new();
    for (key, k) in &keys {
        let mut from = 0;
        while let Some(found) = lower[from..].find(k.as_str()) {
            let at = from + found;
            from = at + k.len();
            let bounded = at == 0 || !lower.as_bytes()[at - 1].is_ascii_alphanumeric();
            let rest = &lower[from..];
            let mut words = rest.split_whitespace();
            let (Some(_old), Some(to), Some(new)) = (words.next(), words.next(), words.next())
            else {
                continue;
            };
            let starts_spaced = rest.starts_with(char::is_whitespace);
            let new_is_key = keys.iter().any(|(_, o)| new.starts_with(o.as_str()));
            if bounded && starts_spaced && to == "to" && !new_is_key {
                // the offset of `new` in `raw`
                let to_at = rest.find(" to ").map(|p| from + p + 4);
                if let Some(pos) = to_at {
                    let gap = raw[pos..].len() - raw[pos..].trim_start().len();
                    inserts.push((pos + gap, format!("{key} ")));
                }
            }
        }
    }
    if inserts.is_empty() {
        return raw.to_owned();
    }
    inserts.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
    inserts.dedup_by_key(|(at, _)| *at);
    let mut out = raw.to_owned();
    for (at, key) in inserts {
        out.insert_str(at, &key);
    }
    out
}

/// The ways a yes/no option's key is said: "water resistance" is also "water resistant" and
/// "waterproof".
fn key_forms(key: &str) -> Vec<String> {
    let mut forms = vec![key.to_owned()];
    if let Some(stem) = key.strip_suffix(" resistance") {
        forms.push(format!("{stem} resistant"));
        forms.push(format!("{stem}proof"));
    }
    forms
}

/// A yes/no option named by its key alone: "the waterproof one" is `waterproof: yes`,
/// unless the key is negated ("not waterproof", "non-waterproof", "without ...").
fn boolean_by_key(norm: &str, key: &str, vals: &BTreeSet<String>) -> Option<String> {
    let yes = vals.iter().find(|v| normalise(v) == "yes")?;
    if vals.len() != 2 || !vals.iter().any(|v| normalise(v) == "no") {
        return None;
    }
    let forms = key_forms(key);
    // "not waterproof", "not the water resistant version", "I don't need a waterproof one"
    let negated = forms.iter().any(|f| {
        [
            "not",
            "non",
            "no",
            "without",
            "isn't",
            "isnt",
            "not the",
            "not a",
            "not an",
            "without the",
            "without a",
            "don't need the",
            "don't need a",
            "dont need the",
            "dont need a",
            "doesn't need to be",
            "don't need it",
        ]
        .iter()
        .any(|n| contains_words(norm, &format!("{n} {f}")))
    });
    (forms.iter().any(|f| contains_words(norm, f)) && !negated).then(|| yes.clone())
}

/// Letter sizes (normalised) and the words people write them in.
const LETTER_SIZES: &[(&str, &[&str])] = &[
    ("xs", &["extra small", "x small"]),
    ("s", &["small"]),
    ("m", &["medium"]),
    ("l", &["large"]),
    ("xl", &["extra large", "x large"]),
    ("xxl", &["xx large", "extra extra large", "2xl"]),
];

/// Words after "the large" that leave it a letter size: "the large one", "the large, still
/// red" (punctuation is gone from normalised text).
const THE_SIZE_AFTER: &[&str] = &[
    "one", "ones", "size", "instead", "still", "then", "please", "if", "and", "but", "or", "in",
    "version", "would", "will", "is", "fits", "should",
];

/// The letter size a word names ("medium" is M).
fn letter_size_of(word: &str) -> Option<&'static str> {
    LETTER_SIZES
        .iter()
        .find(|(_, words)| words.contains(&word))
        .map(|(letter, _)| *letter)
}

/// "small", "medium", "large", "extra large" for letter sizes S, M, L, XL.
fn size_word(norm: &str, key: &str, nv: &str) -> bool {
    if key != "size" {
        return false;
    }
    let words: &[&str] = LETTER_SIZES
        .iter()
        .find(|(letter, _)| *letter == nv)
        .map_or(&[], |(_, words)| words);
    words.iter().any(|w| {
        contains_words(norm, &format!("{w} size"))
            || contains_words(norm, &format!("size {w}"))
            || contains_words(norm, &format!("a {w} one"))
            || contains_words(norm, &format!("in {w}"))
            || contains_words(norm, &format!("in a {w}"))
            // "exchange it for a large", "switch it to a medium"
            || ["for", "to", "into", "with"]
                .iter()
                .any(|p| contains_words(norm, &format!("{p} a {w}")))
            || contains_words(norm, &format!("an {w} instead"))
            || contains_words(norm, &format!("a {w} instead"))
            // "if there's no medium, then the large, still red": "the large" alone, or before
            // a word that opens no other option's phrase ("the medium ventilation" does)
            || THE_SIZE_AFTER.iter().any(|next| {
                contains_words(norm, &format!("the {w} {next}"))
            })
            || norm == format!("the {w}")
            || norm.ends_with(&format!(" the {w}"))
            // "the fleece is a small; I need a large", "should be a small"
            || ["is", "be", "need", "want", "get", "take", "prefer", "wear", "wears"]
                .iter()
                .any(|verb| contains_words(norm, &format!("{verb} a {w}")))
    }) && !(nv == "l" && contains_words(norm, "extra large"))
        && !(nv == "s" && contains_words(norm, "extra small"))
}

/// "no backlight" / "without a backlight" / "without the backlight" for the value `none`, "not
/// waterproof" / "non waterproof" for the value `no`.
fn negative_value(norm: &str, nv: &str, key: &str, key_last: &str) -> bool {
    let forms: Vec<String> = match nv {
        "none" => vec![
            // "the plain version with no extras": a product's add-ons all left out
            "no extras".to_owned(),
            "without extras".to_owned(),
            "without any extras".to_owned(),
            "no add ons".to_owned(),
            format!("no {key}"),
            format!("no {key}s"),
            format!("without {key}"),
            format!("without {key}s"),
            format!("without a {key}"),
            format!("without the {key}"),
            format!("without any {key}"),
            format!("no {key_last}"),
        ],
        "no" => key_forms(key)
            .iter()
            .flat_map(|k| [format!("not {k}"), format!("non {k}"), format!("no {k}")])
            .collect(),
        _ => Vec::new(),
    };
    forms.iter().any(|f| contains_words(norm, f))
}

fn word_case_sensitive(raw: &str, v: &str) -> bool {
    let mut start = 0;
    while let Some(i) = raw.get(start..).and_then(|r| r.find(v)) {
        let a = start + i;
        let b = a + v.len();
        let left = a == 0
            || !raw[..a]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '\'');
        let right = b >= raw.len() || !raw[b..].chars().next().is_some_and(char::is_alphanumeric);
        // "P.S.", "U.S.": a letter of an abbreviation is no value
        let dotted = raw[..a].ends_with('.')
            && raw[..a.saturating_sub(1)]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic)
            || raw[b..].starts_with('.')
                && raw[b + 1..].chars().next().is_some_and(char::is_alphabetic);
        if left && right && !dotted {
            return true;
        }
        start = a + 1;
    }
    false
}

static RELATIVE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(\d+(?:\.\d+)?)\s*(more|extra|additional|fewer|less)\s+([a-z]+)"));

/// The leading number of an option value ("1000ml" -> 1000, "5 ft" -> 5), and the rest.
pub(crate) fn number_of(value: &str) -> Option<(f64, &str)> {
    let end = value
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(value.len());
    value[..end].parse().ok().map(|n| (n, &value[end..]))
}

/// An option changed by an amount: "1000 more pieces" on a 500-piece puzzle is `pieces:
/// 1500`, "250 more ml" on a 500ml bottle `capacity: 750ml`. The word after the amount names
/// the option (its key, or the unit its values carry). `Err` names a value the product does
/// not come in.
pub fn relative_changes(
    raw: &str,
    item: &Item,
    product: &Value,
) -> Result<BTreeMap<String, String>, String> {
    let space = option_space(product);
    let mut out = BTreeMap::new();
    for c in RELATIVE.captures_iter(raw) {
        let (Some(n), Some(dir), Some(word)) = (c.get(1), c.get(2), c.get(3)) else {
            continue;
        };
        let Ok(n) = n.as_str().parse::<f64>() else {
            continue;
        };
        let word = normalise(word.as_str());
        let stem = word.trim_end_matches('s');
        let up = matches!(
            dir.as_str().to_lowercase().as_str(),
            "more" | "extra" | "additional"
        );
        for (key, current) in &item.options {
            let Some((value, unit)) = number_of(current) else {
                continue;
            };
            let names_key = normalise(key)
                .split(' ')
                .any(|k| k.trim_end_matches('s') == stem);
            let names_unit = !unit.trim().is_empty() && normalise(unit).trim() == word;
            if !(names_key || names_unit) {
                continue;
            }
            let wanted = if up { value + n } else { value - n };
            let formatted = if wanted.fract() == 0.0 {
                format!("{}{unit}", wanted as i64)
            } else {
                format!("{wanted}{unit}")
            };
            if space.get(key).is_some_and(|vals| vals.contains(&formatted)) {
                out.insert(key.clone(), formatted);
            } else {
                return Err(format!("{key} {formatted}"));
            }
        }
    }
    Ok(out)
}

/// "the largest size you carry", "the one with the most storage", "the longest battery
/// life": the extreme of a measured option.
static EXTREME: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?P<dir>largest|biggest|longest|tallest|highest|most|maximum|smallest|shortest|lowest|least|minimum|tiniest)\s+(?P<word>[a-z%-]+)",
    )
});

/// An option set to its extreme ([`EXTREME`]): the largest (or smallest) value of the
/// measured option the words name (its key or unit: "storage", "battery", "pieces"), or, for
/// "size", "one", "model", "version", the product's only measured option, among the available
/// variants with the item's other options. Price words ("most expensive", "lowest price") are
/// a price preference, not a measure.
pub fn extreme_changes(raw: &str, item: &Item, product: &Value) -> BTreeMap<String, String> {
    const GENERIC: [&str; 6] = ["size", "one", "model", "version", "option", "capacity"];
    const PRICE: [&str; 5] = ["expensive", "price", "priced", "pricey", "cost"];
    let all = variants(product);
    let measured: Vec<String> = option_space(product)
        .into_iter()
        .filter(|(_, vals)| vals.len() > 1 && vals.iter().all(|v| number_of(v).is_some()))
        .map(|(k, _)| k)
        .collect();
    let mut out = BTreeMap::new();
    for c in EXTREME.captures_iter(raw) {
        let (Some(dir), Some(word)) = (c.name("dir"), c.name("word")) else {
            continue;
        };
        let word = word.as_str().to_lowercase();
        if PRICE.iter().any(|p| word.starts_with(p)) {
            continue;
        }
        let stem = word.trim_end_matches('s');
        let named: Vec<&String> = measured
            .iter()
            .filter(|k| {
                normalise(k)
                    .split(' ')
                    .any(|w| w.trim_end_matches('s') == stem)
                    || all.iter().any(|v| {
                        v.options
                            .get(*k)
                            .and_then(|x| number_of(x))
                            .is_some_and(|(_, unit)| normalise(unit).trim() == stem)
                    })
            })
            .collect();
        let key = match (named.as_slice(), measured.as_slice()) {
            ([k], _) => (*k).clone(),
            ([], [k]) if GENERIC.contains(&stem) => k.clone(),
            _ => continue,
        };
        let up = matches!(
            dir.as_str().to_lowercase().as_str(),
            "largest" | "biggest" | "longest" | "tallest" | "highest" | "most" | "maximum"
        );
        // the values sold with the item's other options
        let values: Vec<(f64, &String)> = all
            .iter()
            .filter(|v| {
                v.available
                    && v.options
                        .iter()
                        .all(|(k, x)| *k == key || item.options.get(k) == Some(x))
            })
            .filter_map(|v| {
                let x = v.options.get(&key)?;
                number_of(x).map(|(n, _)| (n, x))
            })
            .collect();
        let pick = if up {
            values.iter().max_by(|a, b| a.0.total_cmp(&b.0))
        } else {
            values.iter().min_by(|a, b| a.0.total_cmp(&b.0))
        };
        if let Some((_, v)) = pick {
            out.insert(key, (*v).clone());
        }
    }
    out
}

static DONT_CARE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:(?:don'?t|do not|doesn'?t|does not)\s+(?:really\s+)?(?:care|mind)|(?:I'?m|I am|we'?re|we are)\s+not\s+(?:too\s+|that\s+|really\s+|very\s+)?(?:fussed|bothered|picky|particular|worried)|(?:any|whatever|whichever)\b)(?P<what>[^.,;!?\n]{0,50})",
    )
});

/// "waterproof or not doesn't matter", "the color does not really matter", "the material can
/// be whatever", "the processor and the storage are of no great importance": the option named
/// before the verb, within its own clause.
static DOESNT_MATTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:^|[.,;:!?(])\s*(?P<what>[^.,;:!?()]{1,60}?)\s+(?:or not\s+)?(?:(?P<verb>doesn'?t|does not|don'?t|do not|won'?t|will not)\s+(?:really\s+)?matter|(?:can|could|may)\s+be\s+(?:whatever|anything|whichever)|(?:is|(?P<are>are))\s+(?:(?:of\s+)?(?:no|little)\s+(?:great\s+|real\s+|particular\s+)?(?:importance|consequence|concern)|(?:not|n't)\s+(?:(?:very|that|really|too)\s+)?important|unimportant))\b",
    )
});

/// "Waterproof or not, I don't mind": the option before "or not", when what follows says it
/// does not matter.
static OR_NOT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:^|[.,;:!?(])\s*(?P<what>[^.,;:!?()]{1,40}?)\s+or\s+(?:not|no)\s*[,-]?\s*(?:(?:I|we)\s+(?:really\s+)?(?:don'?t|do not)\s+(?:mind|care)|(?:either(?:\s+way|\s+one)?|both)\s+(?:is|are|would be)?\s*(?:fine|ok|okay))\b",
    )
});

/// "Material: don't care", "Colour: any": a "key: value" line that frees the key.
static KEY_FREE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:^|[.,;!?(\n])\s*(?:[-*\u{2022}]\s*)?(?P<what>[^.,;:!?()\n]{1,30}?)\s*:\s*(?:(?:I\s+)?(?:don'?t|do not)\s+(?:really\s+)?(?:care|mind)|any(?:thing)?|whatever|either|(?:does\s*n'?t|does not)\s+matter|no preference|not fussed)\s*(?:[.,;!\n]|$)",
    )
});

/// "not fussed about the material as long as they're gray": what follows a condition on the
/// freedom is no option set free.
static FREEDOM_ENDS: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:as long as|so long as|provided|providing|but|except|unless)\b"));

/// What the customer said about the options they did not ask to change.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Freedom {
    /// Options they do not mind ("whatever the switches").
    pub relaxed: BTreeSet<String>,
    /// Options they want kept ("in the same RGB color", "still 20000mAh").
    pub kept: BTreeSet<String>,
}

impl Freedom {
    /// What `raw` says about `product`'s options.
    pub fn read(raw: &str, product: &Value) -> Freedom {
        let kept = kept_keys(raw, product);
        let mut relaxed = relaxed_keys(raw, product);
        relaxed.retain(|k| !kept.contains(k));
        Freedom { relaxed, kept }
    }
}

static KEEP: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:same|keep(?:ing)?(?: it| them| the)?|still|stay(?:s|ing)?)\b(?P<what>[^.,;!?()]{0,40})",
    )
});

/// The options the customer wants kept: named by key or value after "same", "keep", "still".
pub fn kept_keys(raw: &str, product: &Value) -> BTreeSet<String> {
    named_keys(
        KEEP.captures_iter(raw)
            .filter_map(|c| c.name("what"))
            .map(|m| m.as_str()),
        product,
    )
}

/// The keys of `product` that the texts name, by a word of the key or by a value.
fn named_keys<'t>(texts: impl Iterator<Item = &'t str>, product: &Value) -> BTreeSet<String> {
    let space = option_space(product);
    let mut out = BTreeSet::new();
    for m in texts {
        let what = normalise(m);
        // "what they're made of" names the material, "the shade" the color
        let said: Vec<&str> = what
            .split(' ')
            .map(|w| match stem(w) {
                "made" | "fabric" => "material",
                "colour" | "shade" => "color",
                other => other,
            })
            .collect();
        for (key, values) in &space {
            let k = normalise(key);
            // "the neckline" for a style that comes as "crew neck" or "v-neck": a word
            // made on a word of the key's values
            let made_on_value = || {
                values.iter().any(|v| {
                    normalise(v)
                        .split([' ', '-'])
                        .filter(|vw| vw.len() >= 4)
                        .any(|vw| {
                            said.iter().any(|w| {
                                w.len() > vw.len() && w.len() <= vw.len() + 4 && w.starts_with(vw)
                            })
                        })
                })
            };
            let named = k.split(' ').any(|w| w.len() > 2 && said.contains(&stem(w)))
                || values.iter().any(|v| contains_words(&what, &normalise(v)))
                || made_on_value();
            if named {
                out.insert(key.clone());
            }
        }
    }
    out
}

/// A word without its plural ending ("switches" -> "switch", "colors" -> "color").
fn stem(w: &str) -> &str {
    w.strip_suffix("es")
        .filter(|s| s.ends_with("ch") || s.ends_with("sh") || s.ends_with('x'))
        .or_else(|| w.strip_suffix('s'))
        .unwrap_or(w)
}

/// The options the customer says they do not mind ("I don't mind what ventilation it has",
/// "I don't care about wired or not", "any color is fine"): named by key, or by one of the
/// key's values.
pub fn relaxed_keys(raw: &str, product: &Value) -> BTreeSet<String> {
    // "a size smaller and the color doesn't matter": only the words after the last "and";
    // but "fabric and neckline don't matter": a plural verb takes both
    let tail = |c: &regex::Captures<'_>| -> usize {
        let what = c.name("what").map_or("", |m| m.as_str());
        let plural = c.name("are").is_some()
            || c.name("verb").is_some_and(|v| {
                let v = v.as_str().to_lowercase();
                v.starts_with("don") || v.starts_with("do not")
            });
        let conjunctions: Vec<regex::Match<'_>> = CONJUNCTION.find_iter(what).collect();
        let last = conjunctions.last().map_or(0, |m| m.end());
        // the words before that "and": a short noun phrase ("the fabric"), not a change
        // ("a size smaller")
        let before_and = match conjunctions.as_slice() {
            [.., prev, and] if and.as_str().eq_ignore_ascii_case("and") => {
                Some((prev.end(), &what[prev.end()..and.start()]))
            }
            [and] if and.as_str().eq_ignore_ascii_case("and") => Some((0, &what[..and.start()])),
            _ => None,
        };
        match before_and {
            Some((start, words))
                if plural
                    && words.split_whitespace().count() <= 3
                    && !words.split_whitespace().any(|w| w.ends_with("er")) =>
            {
                start
            }
            _ => last,
        }
    };
    named_keys(
        DONT_CARE
            .captures_iter(raw)
            .filter_map(|c| c.name("what"))
            .map(|m| {
                let what = m.as_str();
                FREEDOM_ENDS.find(what).map_or(what, |e| &what[..e.start()])
            })
            .chain(DOESNT_MATTER.captures_iter(raw).filter_map(|c| {
                let what = c.name("what")?;
                Some(&what.as_str()[tail(&c)..])
            }))
            .chain(
                OR_NOT
                    .captures_iter(raw)
                    .chain(KEY_FREE.captures_iter(raw))
                    .filter_map(|c| c.name("what"))
                    .map(|m| m.as_str()),
            ),
        product,
    )
}

static CONJUNCTION: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:and|but|while|though|although|so)\b"));

/// A price preference written by the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preference {
    /// "cheapest", "cheaper", "lowest price".
    Cheapest,
    /// "most expensive", "priciest".
    Priciest,
}

/// "if it's cheaper", "if the new one costs more": the sign of a difference the customer
/// says where to send, not a wish for a cheaper or dearer variant.
static SIGN_CONDITION: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::re(
        r"(?i)\b(?:if|in case|should)\s+(?:it|that|they|the new one|the new ones|the difference|the price)(?:'s|'re|\s+is|\s+are|\s+costs?|\s+turns out|\s+ends up|\s+comes out|\s+be)?\s+(?:to be\s+)?(?:cheaper|less expensive|lower|more expensive|pricier|dearer|higher)\b",
    )
});

/// The price preference written in `raw`, if any.
pub fn preference(raw: &str) -> Option<Preference> {
    let n = normalise(&SIGN_CONDITION.replace_all(raw, " "));
    let cheap = [
        "cheapest",
        "cheaper",
        "lowest price",
        "least expensive",
        "less expensive",
        "lower price",
    ];
    let dear = [
        "most expensive",
        "priciest",
        "more expensive",
        "highest price",
    ];
    if cheap.iter().any(|w| contains_words(&n, w)) {
        Some(Preference::Cheapest)
    } else if dear.iter().any(|w| contains_words(&n, w)) {
        Some(Preference::Priciest)
    } else {
        None
    }
}

/// Why no single target variant could be chosen.
#[derive(Debug, Clone, PartialEq)]
pub enum VariantProblem {
    /// Two values were written for one option.
    Conflicting(String),
    /// No available variant has the requested options.
    Unavailable(BTreeMap<String, String>),
    /// Several variants fit; the customer must choose.
    Several(Vec<Variant>),
}

/// The variant of `item`'s product with `changes` applied and every other
/// option kept, available only; with a preference, the cheapest / dearest
/// available variant having `changes`.
pub fn target_variant(
    item: &Item,
    product: &Value,
    changes: &BTreeMap<String, String>,
    pref: Option<Preference>,
    freedom: &Freedom,
) -> Result<Variant, VariantProblem> {
    let all = variants(product);
    // an option the customer asked to change is never freed by a "whatever ..." elsewhere
    let relaxed: BTreeSet<&String> = freedom
        .relaxed
        .iter()
        .filter(|k| !changes.contains_key(*k))
        .collect();
    if !relaxed.is_empty() && pref.is_none() {
        // "I don't mind the ventilation": every other option as asked or kept (with a price
        // preference, every option not asked for is free anyway)
        let mut wanted = item.options.clone();
        wanted.extend(changes.clone());
        wanted.retain(|k, _| !relaxed.contains(k));
        let mut fits: Vec<Variant> = all
            .iter()
            .filter(|v| v.available && wanted.iter().all(|(k, x)| v.options.get(k) == Some(x)))
            .cloned()
            .collect();
        fits.sort_by(|a, b| a.price.total_cmp(&b.price));
        match fits.len() {
            1 => return Ok(fits.remove(0)),
            0 => {}
            _ => return Err(VariantProblem::Several(fits)),
        }
    }
    let fits = |v: &Variant| changes.iter().all(|(k, val)| v.options.get(k) == Some(val));
    // "in the same RGB color": the options the customer keeps stay as they are
    let kept = |v: &Variant| {
        freedom
            .kept
            .iter()
            .filter(|k| !changes.contains_key(*k))
            .all(|k| v.options.get(k) == item.options.get(k))
    };
    if let Some(pref) = pref {
        // with a price preference every option not asked for is free, except those kept
        let mut candidates: Vec<Variant> = all
            .iter()
            .filter(|v| v.available && fits(v) && kept(v))
            .cloned()
            .collect();
        candidates.sort_by(|a, b| a.price.total_cmp(&b.price));
        let pick = match pref {
            Preference::Cheapest => candidates.first(),
            Preference::Priciest => candidates.last(),
        };
        return pick
            .cloned()
            .ok_or_else(|| VariantProblem::Unavailable(changes.clone()));
    }
    let mut desired = item.options.clone();
    for (k, v) in changes {
        desired.insert(k.clone(), v.clone());
    }
    let exact = all
        .iter()
        .find(|v| v.available && v.options == desired)
        .or_else(|| all.iter().find(|v| v.options == desired));
    match exact {
        Some(v) if v.available => Ok(v.clone()),
        _ => {
            let fitting: Vec<Variant> = all
                .iter()
                .filter(|v| v.available && fits(v) && kept(v))
                .cloned()
                .collect();
            if fitting.is_empty() {
                Err(VariantProblem::Unavailable(desired))
            } else {
                Err(VariantProblem::Several(fitting))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn mouse() -> Value {
        json!({"name": "Gaming Mouse", "product_id": "p", "variants": {
            "1": {"item_id": "1", "options": {"color": "white", "sensor type": "optical", "connectivity": "wired"}, "available": true, "price": 10.0},
            "2": {"item_id": "2", "options": {"color": "white", "sensor type": "optical", "connectivity": "wireless"}, "available": true, "price": 20.0},
            "3": {"item_id": "3", "options": {"color": "black", "sensor type": "laser", "connectivity": "wired"}, "available": true, "price": 15.0},
            "4": {"item_id": "4", "options": {"color": "white", "sensor type": "laser", "connectivity": "wired"}, "available": false, "price": 15.0}
        }})
    }

    fn item() -> Item {
        Item {
            order_id: "#W1".into(),
            name: "Gaming Mouse".into(),
            product_id: "p".into(),
            item_id: "3".into(),
            price: 15.0,
            options: [
                ("color", "black"),
                ("sensor type", "laser"),
                ("connectivity", "wired"),
            ]
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
            .into(),
        }
    }

    fn camera() -> Value {
        json!({"name": "Action Camera", "product_id": "c", "variants": {
            "1": {"item_id": "1", "options": {"resolution": "4K", "waterproof": "yes", "color": "black", "field of view": "130 degrees", "connectivity": "Wi-Fi", "battery": "2000mAh"}, "available": true, "price": 1.0},
            "2": {"item_id": "2", "options": {"resolution": "1080p", "waterproof": "no", "color": "silver", "field of view": "160 degrees", "connectivity": "Ethernet", "battery": "1500mAh"}, "available": true, "price": 2.0}
        }})
    }

    #[test]
    fn values_named_as_unwanted_and_add_ons_left_out() {
        let keyboard = json!({"name": "Mechanical Keyboard", "variants": {
            "1": {"options": {"switch type": "linear", "size": "80%"}, "available": true, "price": 1.0},
            "2": {"options": {"switch type": "clicky", "size": "80%"}, "available": true, "price": 1.0},
            "3": {"options": {"switch type": "tactile", "size": "80%"}, "available": true, "price": 1.0}
        }});
        let got = option_mentions(
            "change the keyboard to the one with the smooth linear switches, not the clicky ones, and not the bumpy tactile ones either",
            &keyboard,
        );
        assert_eq!(got["switch type"], BTreeSet::from(["linear".to_owned()]));
        let grill = json!({"name": "Grill", "variants": {
            "1": {"options": {"type": "gas", "features": "side burner"}, "available": true, "price": 1.0},
            "2": {"options": {"type": "gas", "features": "none"}, "available": true, "price": 1.0}
        }});
        let got = option_mentions("I want the plain version with no extras at all", &grill);
        assert_eq!(got["features"], BTreeSet::from(["none".to_owned()]));
    }

    #[test]
    fn a_yes_no_option_is_named_the_ways_people_say_it() {
        let speaker = json!({"name": "Bluetooth Speaker", "product_id": "s", "variants": {
            "1": {"item_id": "1", "options": {"color": "red", "water resistance": "no"}, "available": true, "price": 1.0},
            "2": {"item_id": "2", "options": {"color": "red", "water resistance": "yes"}, "available": true, "price": 2.0}
        }});
        let get = |t: &str| {
            option_mentions(t, &speaker)
                .get("water resistance")
                .cloned()
        };
        let yes = Some(BTreeSet::from(["yes".to_owned()]));
        assert_eq!(get("the waterproof model, still red"), yes);
        assert_eq!(get("a water resistant one"), yes);
        assert_eq!(
            get("not waterproof"),
            Some(BTreeSet::from(["no".to_owned()]))
        );
    }

    #[test]
    fn a_unit_spelled_out_names_the_value() {
        let kettle = json!({"name": "Electric Kettle", "product_id": "k", "variants": {
            "1": {"item_id": "1", "options": {"capacity": "1L", "color": "white"}, "available": true, "price": 1.0},
            "2": {"item_id": "2", "options": {"capacity": "1.5L", "color": "white"}, "available": true, "price": 2.0}
        }});
        let get = |t: &str| option_mentions(t, &kettle).get("capacity").cloned();
        let bigger = Some(BTreeSet::from(["1.5L".to_owned()]));
        assert_eq!(get("I want the 1.5 liter one"), bigger);
        assert_eq!(get("the 1.5 litre kettle"), bigger);
        assert_eq!(get("the 1.5L one"), bigger);
        let earbuds = json!({"name": "Wireless Earbuds", "product_id": "e", "variants": {
            "1": {"item_id": "1", "options": {"battery life": "4 hours", "color": "black"}, "available": true, "price": 1.0},
            "2": {"item_id": "2", "options": {"battery life": "8 hours", "color": "black"}, "available": true, "price": 2.0}
        }});
        let four = Some(BTreeSet::from(["4 hours".to_owned()]));
        for t in [
            "black with the same 4hr battery",
            "still 4 hrs of battery",
            "the 4h one",
        ] {
            assert_eq!(
                option_mentions(t, &earbuds).get("battery life").cloned(),
                four,
                "{t}"
            );
        }
    }

    #[test]
    fn a_smart_home_platform_by_the_name_people_use() {
        let thermostat = json!({"name": "Smart Thermostat", "product_id": "t", "variants": {
            "1": {"item_id": "1", "options": {"compatibility": "Apple HomeKit", "color": "black"}, "available": true, "price": 1.0},
            "2": {"item_id": "2", "options": {"compatibility": "Google Assistant", "color": "black"}, "available": true, "price": 1.0},
            "3": {"item_id": "3", "options": {"compatibility": "Amazon Alexa", "color": "black"}, "available": true, "price": 1.0}
        }});
        let get = |t: &str| {
            option_mentions(t, &thermostat)
                .get("compatibility")
                .cloned()
        };
        let one = |v: &str| Some(BTreeSet::from([v.to_owned()]));
        assert_eq!(
            get("one that works with Google Home"),
            one("Google Assistant")
        );
        assert_eq!(get("the Alexa one"), one("Amazon Alexa"));
        assert_eq!(get("the HomeKit one"), one("Apple HomeKit"));
    }

    #[test]
    fn an_extreme_of_a_measured_option() {
        let clock = json!({"name": "Wall Clock", "product_id": "w", "variants": {
            "1": {"item_id": "1", "options": {"diameter": "10 inches", "color": "black"}, "available": true, "price": 1.0},
            "2": {"item_id": "2", "options": {"diameter": "14 inches", "color": "black"}, "available": true, "price": 2.0},
            "3": {"item_id": "3", "options": {"diameter": "16 inches", "color": "black"}, "available": false, "price": 3.0},
            "4": {"item_id": "4", "options": {"diameter": "18 inches", "color": "white"}, "available": true, "price": 3.0}
        }});
        let item = Item {
            order_id: "#W1".into(),
            name: "Wall Clock".into(),
            product_id: "w".into(),
            item_id: "1".into(),
            price: 1.0,
            options: [("diameter", "10 inches"), ("color", "black")]
                .map(|(a, b)| (a.to_owned(), b.to_owned()))
                .into(),
        };
        // the largest sold in the item's colour: 16 is not sold, 18 only in white
        let want = BTreeMap::from([("diameter".to_owned(), "14 inches".to_owned())]);
        assert_eq!(
            extreme_changes("the largest size you carry", &item, &clock),
            want
        );
        assert_eq!(extreme_changes("the biggest diameter", &item, &clock), want);
        assert!(extreme_changes("the most expensive one", &item, &clock).is_empty());
        assert!(extreme_changes("the most beautiful one", &item, &clock).is_empty());
    }

    #[test]
    fn a_price_preference_keeps_what_the_customer_keeps() {
        let optical = BTreeMap::from([("sensor type".to_owned(), "optical".to_owned())]);
        // free: the dearest optical mouse is the white wireless one
        let v = target_variant(
            &item(),
            &mouse(),
            &optical,
            Some(Preference::Priciest),
            &Freedom::default(),
        );
        assert_eq!(v.map(|v| v.item_id), Ok("2".to_owned()));
        // "same black color": no optical mouse is black
        let keep_color = Freedom {
            kept: BTreeSet::from(["color".to_owned()]),
            ..Freedom::default()
        };
        let v = target_variant(
            &item(),
            &mouse(),
            &optical,
            Some(Preference::Priciest),
            &keep_color,
        );
        assert!(matches!(v, Err(VariantProblem::Unavailable(_))), "{v:?}");
    }

    #[test]
    fn a_key_written_once_names_both_values() {
        let boots = json!({"name": "Hiking Boots", "product_id": "b", "variants": {
            "1": {"item_id": "1", "options": {"size": "10", "material": "leather"}, "available": true, "price": 1.0},
            "2": {"item_id": "2", "options": {"size": "11", "material": "leather"}, "available": true, "price": 2.0}
        }});
        for said in [
            "change the boots from size 10 to 11, same leather",
            "boots size 10 to 11",
            "Size 10 to 11 please",
        ] {
            let found = option_mentions(said, &boots);
            // the old value is named too; the item's own value is no change
            assert!(
                found.get("size").is_some_and(|v| v.contains("11")),
                "{said}: {found:?}"
            );
        }
        // "to" and a word that is no value, or a value that names its key: left as written
        let found = option_mentions("boots size 10 to my house", &boots);
        assert_eq!(found.get("size"), Some(&BTreeSet::from(["10".to_owned()])));
        assert_eq!(
            carry_keys("size 10 to size 11", &option_space(&boots)),
            "size 10 to size 11"
        );
    }

    #[test]
    fn finds_values_as_people_write_them() {
        let found = |t: &str| option_mentions(t, &camera());
        let get = |t: &str, k: &str| found(t).get(k).cloned().unwrap_or_default();
        let set = |v: &str| BTreeSet::from([v.to_owned()]);
        // a value next to another key's name is still that value when the other key
        // does not take it
        assert_eq!(
            get("the 4K waterproof one in black", "resolution"),
            set("4K")
        );
        assert_eq!(
            get("the 4K waterproof one in black", "waterproof"),
            set("yes")
        );
        assert_eq!(get("the 4k one", "resolution"), set("4K"));
        assert_eq!(
            get("the one with the 130 degree view", "field of view"),
            set("130 degrees")
        );
        assert_eq!(get("a 2000 mah battery", "battery"), set("2000mAh"));
        assert_eq!(get("the wifi only one", "connectivity"), set("Wi-Fi"));
        assert_eq!(get("a non-waterproof one", "waterproof"), set("no"));
        assert_eq!(get("not waterproof please", "waterproof"), set("no"));
        // a negation with an article between, or a need denied, is no "yes"
        for said in [
            "the blue one, and not the waterproof version, I don't need that",
            "I don't need a waterproof one",
        ] {
            assert!(!get(said, "waterproof").contains("yes"), "{said}");
        }
        assert!(get("the black one", "waterproof").is_empty());
        let shoe = json!({"name": "Sneakers", "product_id": "s", "variants": {
            "1": {"item_id": "1", "options": {"size": "M", "material": "leather"}, "available": true, "price": 1.0},
            "2": {"item_id": "2", "options": {"size": "S", "material": "canvas"}, "available": true, "price": 1.0}
        }});
        assert_eq!(
            option_mentions("I'd like it in a small instead", &shoe).get("size"),
            Some(&BTreeSet::from(["S".to_owned()]))
        );
        let helmet = json!({"name": "Cycling Helmet", "product_id": "h", "variants": {
            "1": {"item_id": "1", "options": {"size": "M", "ventilation": "low"}, "available": true, "price": 1.0},
            "2": {"item_id": "2", "options": {"size": "S", "ventilation": "medium"}, "available": true, "price": 1.0}
        }});
        let m = option_mentions(
            "in a small instead of medium, same low ventilation",
            &helmet,
        );
        assert_eq!(
            m.get("ventilation"),
            Some(&BTreeSet::from(["low".to_owned()]))
        );
        assert_eq!(m.get("size"), Some(&BTreeSet::from(["S".to_owned()])));
        assert_eq!(
            relaxed_keys("I don't mind what they're made of", &shoe),
            BTreeSet::from(["material".to_owned()])
        );
        assert_eq!(
            relaxed_keys(
                "They need to stay gray, but the material can be whatever.",
                &shoe
            ),
            BTreeSet::from(["material".to_owned()])
        );
        // "P.S." holds no size S
        assert_eq!(
            option_mentions("same size M. P.S. Love the new website!", &json!({"name": "Fleece Jacket", "product_id": "f", "variants": {
                "1": {"item_id": "1", "options": {"size": "M"}, "available": true, "price": 1.0},
                "2": {"item_id": "2", "options": {"size": "S"}, "available": true, "price": 1.0}
            }})).get("size"),
            Some(&BTreeSet::from(["M".to_owned()]))
        );
        // a message written in lower case: "xl" is the size, a lone "s" is not
        let fleece = json!({"name": "Fleece Jacket", "product_id": "f", "variants": {
            "1": {"item_id": "1", "options": {"size": "XS"}, "available": true, "price": 1.0},
            "2": {"item_id": "2", "options": {"size": "XL"}, "available": true, "price": 1.0},
            "3": {"item_id": "3", "options": {"size": "S"}, "available": true, "price": 1.0}
        }});
        assert_eq!(
            option_mentions("the navy fleece jacket should be xl, not xs", &fleece).get("size"),
            Some(&BTreeSet::from(["XL".to_owned()]))
        );
        assert_eq!(
            option_mentions("it's got a stain on the sleeve", &fleece).get("size"),
            None
        );
        let headphones = json!({"name": "Headphones", "product_id": "h", "variants": {
            "1": {"item_id": "1", "options": {"type": "in-ear"}, "available": true, "price": 1.0},
            "2": {"item_id": "2", "options": {"type": "over-ear"}, "available": true, "price": 1.0}
        }});
        assert_eq!(
            option_mentions("the big kind that go over the ears", &headphones).get("type"),
            Some(&BTreeSet::from(["over-ear".to_owned()]))
        );
        let reader = json!({"name": "E-Reader", "product_id": "e", "variants": {
            "1": {"item_id": "1", "options": {"screen size": "7-inch"}, "available": true, "price": 1.0},
            "2": {"item_id": "2", "options": {"screen size": "8-inch"}, "available": true, "price": 1.0}
        }});
        assert_eq!(
            option_mentions("I'd like the next size up, the eight inch.", &reader)
                .get("screen size"),
            Some(&BTreeSet::from(["8-inch".to_owned()]))
        );
        // sizes after a verb: "is a small; I need a large", "should be a small"
        assert_eq!(
            option_mentions("the jacket is a medium, I need a small", &shoe).get("size"),
            Some(&BTreeSet::from(["M".to_owned(), "S".to_owned()]))
        );
        // "is a medium" is the letter size, not another option's "medium"; "for a large" too
        let helmet = json!({"name": "Cycling Helmet", "product_id": "c", "variants": {
            "1": {"item_id": "1", "options": {"size": "M", "ventilation": "high"}, "available": true, "price": 1.0},
            "2": {"item_id": "2", "options": {"size": "L", "ventilation": "medium"}, "available": true, "price": 1.0}
        }});
        let read = option_mentions(
            "the helmet is a medium and it pinches; exchange it for a large, black",
            &helmet,
        );
        assert_eq!(
            read.get("size"),
            Some(&BTreeSet::from(["M".to_owned(), "L".to_owned()]))
        );
        assert_eq!(read.get("ventilation"), None);
        assert_eq!(
            option_mentions("the large one but with medium ventilation", &helmet)
                .get("ventilation"),
            Some(&BTreeSet::from(["medium".to_owned()]))
        );
        // "then the large, still red": "the large" alone is the size; "the medium
        // ventilation" is the other option's
        assert_eq!(
            option_mentions(
                "if there's no M, then go up to the large, still black",
                &helmet
            )
            .get("size"),
            Some(&BTreeSet::from(["M".to_owned(), "L".to_owned()]))
        );
        assert_eq!(
            option_mentions("I'd prefer the medium ventilation", &helmet).get("size"),
            None
        );
        // "fabric and neckline don't matter": a plural verb takes both, and a word made on
        // a value's word ("neckline" on "crew neck") names its key
        let tee = json!({"name": "T-Shirt", "product_id": "t", "variants": {
            "1": {"item_id": "1", "options": {"size": "S", "material": "cotton", "style": "crew neck"}, "available": true, "price": 1.0},
            "2": {"item_id": "2", "options": {"size": "M", "material": "polyester", "style": "v-neck"}, "available": true, "price": 1.0}
        }});
        assert_eq!(
            relaxed_keys("Keep it purple; fabric and neckline don't matter.", &tee),
            BTreeSet::from(["material".to_owned(), "style".to_owned()])
        );
        // but a change before the "and" is no option the customer does not mind
        assert_eq!(
            relaxed_keys("a size smaller and the fabrics don't matter", &tee),
            BTreeSet::from(["material".to_owned()])
        );
        // "are of no great importance", "isn't important" say the same
        assert_eq!(
            relaxed_keys(
                "I would like it to remain a size M; the fabric and the neckline are of no great importance to me.",
                &tee
            ),
            BTreeSet::from(["material".to_owned(), "style".to_owned()])
        );
        assert_eq!(
            relaxed_keys("Size M please. The fabric is not really important.", &tee),
            BTreeSet::from(["material".to_owned()])
        );
        // the option before "doesn't matter", within its own clause only
        for t in [
            "size 8, still synthetic; waterproof or not doesn't matter",
            "Size 8 please. The waterproofing does not really matter.",
        ] {
            let boots = json!({"name": "Hiking Boots", "product_id": "b", "variants": {
                "1": {"item_id": "1", "options": {"size": "8", "waterproof": "yes"}, "available": true, "price": 1.0}
            }});
            let want = if t.contains("waterproofing") {
                BTreeSet::new() // "waterproofing" is no word of the key
            } else {
                BTreeSet::from(["waterproof".to_owned()])
            };
            assert_eq!(relaxed_keys(t, &boots), want, "{t}");
        }
        assert_eq!(
            relaxed_keys("a size smaller and the color doesn't matter", &shoe),
            BTreeSet::new()
        );
        // "not fussed about", up to the condition it sets
        let sneakers = json!({"name": "Sneakers", "product_id": "s", "variants": {
            "1": {"item_id": "1", "options": {"size": "8", "material": "leather", "color": "gray"}, "available": true, "price": 1.0},
            "2": {"item_id": "2", "options": {"size": "10", "material": "mesh", "color": "white"}, "available": true, "price": 1.0}
        }});
        assert_eq!(
            relaxed_keys(
                "size 10, not an 8. I'm not fussed about the material as long as they're gray.",
                &sneakers
            ),
            BTreeSet::from(["material".to_owned()])
        );
        // a "key: value" line that frees the key
        assert_eq!(
            relaxed_keys(
                "Running shoes: change to black. Size: still 9. Material: don't care.",
                &sneakers
            ),
            BTreeSet::from(["material".to_owned()])
        );
        assert_eq!(
            relaxed_keys("- colour: any\n- size: 10", &sneakers),
            BTreeSet::from(["color".to_owned()])
        );
        // "X or not, I don't mind"
        let boots = json!({"name": "Hiking Boots", "product_id": "b", "variants": {
            "1": {"item_id": "1", "options": {"size": "8", "waterproof": "yes", "material": "synthetic"}, "available": true, "price": 1.0}
        }});
        assert_eq!(
            relaxed_keys(
                "size 8, still synthetic. Waterproof or not, I don't mind.",
                &boots
            ),
            BTreeSet::from(["waterproof".to_owned()])
        );
        let boots = json!({"name": "Hiking Boots", "product_id": "b", "variants": {
            "1": {"item_id": "1", "options": {"size": "11", "material": "leather"}, "available": true, "price": 1.0},
            "2": {"item_id": "2", "options": {"size": "12", "material": "leather"}, "available": true, "price": 1.0}
        }});
        let sizes = option_mentions("they are an 11 but I need a 12", &boots);
        assert_eq!(
            sizes.get("size"),
            Some(&BTreeSet::from(["11".to_owned(), "12".to_owned()]))
        );
        assert!(option_mentions("I ordered 12 of them", &boots).is_empty());
        // a plural unit key as an adjective: "the 500 piece one", "a 1500-piece puzzle"
        let puzzle = json!({"name": "Jigsaw Puzzle", "product_id": "p", "variants": {
            "1": {"item_id": "1", "options": {"pieces": "500", "theme": "art"}, "available": true, "price": 1.0},
            "2": {"item_id": "2", "options": {"pieces": "1500", "theme": "art"}, "available": true, "price": 1.0}
        }});
        for t in ["I'd like the 500 piece version", "a 500-piece one please"] {
            let m = option_mentions(t, &puzzle);
            assert_eq!(
                m.get("pieces"),
                Some(&BTreeSet::from(["500".to_owned()])),
                "{t}"
            );
        }
    }

    #[test]
    fn a_value_written_with_a_plus_or_as_one_word() {
        let reader = json!({"name": "E-Reader", "product_id": "r", "variants": {
            "1": {"item_id": "1", "options": {"connectivity": "Wi-Fi"}, "available": true, "price": 1.0},
            "2": {"item_id": "2", "options": {"connectivity": "Wi-Fi + Cellular"}, "available": true, "price": 1.0}
        }});
        for t in ["the one with wifi + cellular", "wifi and cellular please"] {
            let m = option_mentions(t, &reader);
            assert!(
                m.get("connectivity")
                    .is_some_and(|v| v.contains("Wi-Fi + Cellular")),
                "{t}: {m:?}"
            );
        }
    }

    #[test]
    fn keeps_other_options_and_needs_availability() {
        let changes = [("color".to_owned(), "white".to_owned())].into();
        // white laser wired exists but is unavailable
        let none = Freedom::default();
        let r = target_variant(&item(), &mouse(), &changes, None, &none);
        assert!(matches!(r, Err(VariantProblem::Several(_))), "{r:?}");
        let changes: BTreeMap<_, _> = [("color", "white"), ("sensor type", "optical")]
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
            .into();
        assert_eq!(
            target_variant(&item(), &mouse(), &changes, None, &none)
                .unwrap()
                .item_id,
            "1"
        );
        let only_color = [("color".to_owned(), "white".to_owned())].into();
        let cheapest = target_variant(
            &item(),
            &mouse(),
            &only_color,
            Some(Preference::Cheapest),
            &none,
        );
        assert_eq!(cheapest.unwrap().item_id, "1");
        let dearest = target_variant(
            &item(),
            &mouse(),
            &only_color,
            Some(Preference::Priciest),
            &none,
        );
        assert_eq!(dearest.unwrap().item_id, "2");
    }

    #[test]
    fn an_amount_more_or_less_of_an_option() {
        let puzzle = json!({"variants": {
            "a": {"options": {"pieces": "500", "theme": "art"}, "available": true, "price": 1.0},
            "b": {"options": {"pieces": "1500", "theme": "art"}, "available": true, "price": 1.0}
        }});
        let mut it = item();
        it.options = [("pieces", "500"), ("theme", "art")]
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
            .into();
        let c = relative_changes("one with 1000 more pieces please", &it, &puzzle).unwrap();
        assert_eq!(c["pieces"], "1500");
        assert!(relative_changes("2000 more pieces", &it, &puzzle).is_err());
        assert!(relative_changes("two more days", &it, &puzzle)
            .unwrap()
            .is_empty());
    }

    #[test]
    fn options_the_customer_does_not_mind_are_free() {
        let freedom = Freedom::read("white please, I don't care about wired or not", &mouse());
        assert_eq!(freedom.relaxed, BTreeSet::from(["connectivity".to_owned()]));
        let changes = [
            ("color".to_owned(), "white".to_owned()),
            ("sensor type".to_owned(), "optical".to_owned()),
        ]
        .into();
        // white optical comes wired (10) and wireless (20): either is fine, so ask which
        assert!(matches!(
            target_variant(&item(), &mouse(), &changes, None, &freedom),
            Err(VariantProblem::Several(_))
        ));
        // kept options narrow what fits: a wireless one in the same black colour
        let wireless = [("connectivity".to_owned(), "wireless".to_owned())].into();
        let same_color = Freedom::read("a wireless one in the same color", &mouse());
        assert_eq!(same_color.kept, BTreeSet::from(["color".to_owned()]));
        assert!(matches!(
            target_variant(&item(), &mouse(), &wireless, None, &same_color),
            Err(VariantProblem::Unavailable(_))
        ));
        let cheapest = target_variant(
            &item(),
            &mouse(),
            &changes,
            Some(Preference::Cheapest),
            &freedom,
        );
        assert_eq!(cheapest.unwrap().item_id, "1");
    }

    #[test]
    fn reads_option_words() {
        let m = option_mentions("a white optical one, wireless please", &mouse());
        assert_eq!(m["color"].iter().next().unwrap(), "white");
        assert!(m.contains_key("sensor type"));
        assert!(m.contains_key("connectivity"));
    }
}
