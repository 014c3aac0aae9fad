//! Money and option formatting shared by the questions, the confirmations and the replies.

use std::collections::{BTreeMap, BTreeSet};

/// "$12.30" (the sign is dropped: the sentence says which way money goes).
pub fn money(x: f64) -> String {
    format!("${:.2}", x.abs())
}

/// Rounded to cents.
pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// "color blue, size L".
pub fn fmt_opts(o: &BTreeMap<String, String>) -> String {
    o.iter()
        .map(|(k, v)| format!("{k} {v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "color: blue/red; size: L/M".
pub fn describe_space(space: &BTreeMap<String, BTreeSet<String>>) -> String {
    space
        .iter()
        .map(|(k, v)| format!("{k}: {}", v.iter().cloned().collect::<Vec<_>>().join("/")))
        .collect::<Vec<_>>()
        .join("; ")
}
