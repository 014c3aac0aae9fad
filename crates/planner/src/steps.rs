//! An option moved by a step along its own order: "the next size up", "two sizes bigger", "one
//! foot taller", "three inches shorter", "four times the storage". The product's own values
//! decide: a step lands only on a value the product comes in (sold or not; whether the variant
//! is sold is checked where the variant is chosen).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;

use crate::customer::Item;
use crate::text::{normalise, re};
use crate::variant::{number_of, option_space};

/// "next size up", "one size bigger", "a size down", "two sizes larger", "size up"; "a
/// smaller size", "down a size".
static SIZE_STEP: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:(?P<n>next|one|a|two|three|1|2|3)\s+)?sizes?\s+(?P<dir>up|down|bigger|larger|smaller|higher|lower)\b|\b(?:a|one)\s+(?P<before>smaller|bigger|larger)\s+size\b|\b(?P<by>up|down)\s+(?:a|one)\s+size\b",
    )
});

/// "one foot taller", "3 inches shorter", "two feet longer".
static MEASURE_STEP: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?P<n>a|one|two|three|four|five|six|\d+(?:\.\d+)?)\s+(?P<unit>foot|feet|ft|inch|inches|in)\s+(?P<dir>taller|higher|longer|wider|bigger|larger|shorter|lower|smaller|narrower)\b",
    )
});

/// "twice the storage", "four times the capacity", "double the battery".
static TIMES: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?P<m>twice|double|two times|three times|triple|four times|quadruple)\s+(?:the\s+|as\s+much\s+)?(?P<word>[a-z]+)",
    )
});

/// Sizes in order, as letters and as words.
const SIZE_SCALES: [&[&str]; 2] = [
    &["xs", "s", "m", "l", "xl", "xxl"],
    &["extra small", "small", "medium", "large", "extra large"],
];

fn count(word: &str) -> Option<f64> {
    match word.to_lowercase().as_str() {
        "next" | "one" | "a" => Some(1.0),
        "two" => Some(2.0),
        "three" => Some(3.0),
        "four" => Some(4.0),
        "five" => Some(5.0),
        "six" => Some(6.0),
        w => w.parse().ok(),
    }
}

fn up(dir: &str) -> bool {
    matches!(
        dir.to_lowercase().as_str(),
        "up" | "bigger" | "larger" | "higher" | "taller" | "longer" | "wider"
    )
}

/// The options `raw` moves by a step from `item`'s own values, each to a value `product`
/// comes in.
pub fn stepped_changes(raw: &str, item: &Item, product: &Value) -> BTreeMap<String, String> {
    let space = option_space(product);
    let mut out = BTreeMap::new();
    // sizes: letters in their order, or numbers ("a 9" -> "10"); an e-reader's "screen
    // size" where the product has no plain size
    let size_key = if item.options.contains_key("size") {
        Some("size".to_owned())
    } else {
        let sized: Vec<&String> = item
            .options
            .keys()
            .filter(|k| normalise(k).ends_with(" size"))
            .collect();
        match sized.as_slice() {
            [one] => Some((*one).clone()),
            _ => None,
        }
    };
    let current = size_key.as_ref().and_then(|k| item.options.get(k));
    if let (Some(c), Some(current), Some(key)) = (SIZE_STEP.captures(raw), current, &size_key) {
        let n = c.name("n").and_then(|m| count(m.as_str())).unwrap_or(1.0) as i64;
        let dir = ["dir", "before", "by"]
            .iter()
            .find_map(|g| c.name(g))
            .map_or("", |m| m.as_str());
        let n = if up(dir) { n } else { -n };
        if let Some(values) = space.get(key) {
            let rank = |v: &str| {
                SIZE_SCALES.iter().find_map(|scale| {
                    scale
                        .iter()
                        .position(|s| *s == normalise(v))
                        .map(|r| (*scale, r))
                })
            };
            let wanted = match (rank(current), number_of(current)) {
                (Some((scale, r)), _) => (r as i64 + n)
                    .try_into()
                    .ok()
                    .and_then(|i: usize| scale.get(i))
                    .and_then(|w| values.iter().find(|v| normalise(v) == *w)),
                (None, Some((x, unit))) => values
                    .iter()
                    .find(|v| number_of(v).is_some_and(|(y, u)| u == unit && y == x + n as f64)),
                _ => None,
            };
            if let Some(w) = wanted {
                out.insert(key.clone(), w.clone());
            }
        }
    }
    // a length moved by an amount, on the option whose values carry that unit
    for c in MEASURE_STEP.captures_iter(raw) {
        let Some(n) = count(&c["n"]) else { continue };
        let n = if up(&c["dir"]) { n } else { -n };
        let unit = match c["unit"].to_lowercase().as_str() {
            "foot" | "feet" | "ft" => "ft",
            _ => "inch",
        };
        for (key, current) in &item.options {
            let Some((x, u)) = number_of(current) else {
                continue;
            };
            if normalise(u).trim() != unit {
                continue;
            }
            if let Some(w) = space.get(key).and_then(|values| {
                values.iter().find(|v| {
                    number_of(v).is_some_and(|(y, vu)| normalise(vu) == normalise(u) && y == x + n)
                })
            }) {
                out.insert(key.clone(), w.clone());
            }
        }
    }
    // a multiple of a measured option named by its key or unit
    for c in TIMES.captures_iter(raw) {
        let m = match c["m"].to_lowercase().as_str() {
            "twice" | "double" | "two times" => 2.0,
            "three times" | "triple" => 3.0,
            _ => 4.0,
        };
        let word = normalise(&c["word"]);
        let stem = word.trim_end_matches('s');
        for (key, current) in &item.options {
            let Some((x, u)) = number_of(current) else {
                continue;
            };
            let names = normalise(key)
                .split(' ')
                .any(|k| k.trim_end_matches('s') == stem)
                || (!u.trim().is_empty() && normalise(u).trim() == word);
            if !names {
                continue;
            }
            if let Some(w) = space.get(key).and_then(|values| {
                values.iter().find(|v| {
                    number_of(v).is_some_and(|(y, vu)| normalise(vu) == normalise(u) && y == x * m)
                })
            }) {
                out.insert(key.clone(), w.clone());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn product(key: &str, values: &[&str]) -> Value {
        let variants: serde_json::Map<String, Value> = values
            .iter()
            .enumerate()
            .map(|(i, v)| {
                (
                    i.to_string(),
                    json!({"item_id": i.to_string(), "options": {key: v, "color": "grey"}, "available": true, "price": 1.0}),
                )
            })
            .collect();
        json!({"name": "Thing", "product_id": "p", "variants": variants})
    }

    fn item(key: &str, value: &str) -> Item {
        Item {
            order_id: "#W1".into(),
            name: "Thing".into(),
            product_id: "p".into(),
            item_id: "x".into(),
            price: 1.0,
            options: [
                (key.to_owned(), value.to_owned()),
                ("color".into(), "grey".into()),
            ]
            .into_iter()
            .collect(),
        }
    }

    #[test]
    fn a_step_lands_on_the_products_own_value() {
        let shirt = product("size", &["S", "M", "L", "XL", "XXL"]);
        let got = |t: &str, from: &str| stepped_changes(t, &item("size", from), &shirt);
        assert_eq!(got("the next size up please", "M")["size"], "L");
        assert_eq!(got("send it two sizes bigger", "M")["size"], "XL");
        assert_eq!(got("one size smaller", "M")["size"], "S");
        assert!(got("it is the right size", "M").is_empty());
        assert!(got("one size smaller", "S").is_empty(), "nothing below S");
        assert_eq!(got("I would like a smaller size in blue", "M")["size"], "S");
        assert_eq!(got("could you send a bigger size", "XL")["size"], "XXL");
        assert_eq!(got("I need to go down a size", "L")["size"], "M");
        let reader = product("screen size", &["6-inch", "7-inch", "8-inch"]);
        let got_screen =
            stepped_changes("the next size up", &item("screen size", "7-inch"), &reader);
        assert_eq!(got_screen["screen size"], "8-inch");
        let bed = product("size", &["small", "medium", "large"]);
        let got = stepped_changes("the next size up", &item("size", "small"), &bed);
        assert_eq!(got["size"], "medium");
        let shelf = product("height", &["3 ft", "4 ft", "5 ft", "6 ft"]);
        let got = |t: &str| stepped_changes(t, &item("height", "4 ft"), &shelf);
        assert_eq!(got("one foot taller than what I picked")["height"], "5 ft");
        assert!(got("two feet shorter").is_empty(), "2 ft is not sold");
    }

    #[test]
    fn a_multiple_of_a_measured_option() {
        let reader = product("storage", &["8GB", "16GB", "32GB"]);
        let got = stepped_changes(
            "the one with four times the storage",
            &item("storage", "8GB"),
            &reader,
        );
        assert_eq!(got["storage"], "32GB");
        let got = stepped_changes("twice the storage", &item("storage", "32GB"), &reader);
        assert!(got.is_empty(), "64GB is not sold");
    }
}
