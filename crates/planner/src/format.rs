//! Money and option formatting shared by the questions, the confirmations and the replies.

use std::collections::{BTreeMap, BTreeSet};

/// "$12.30" (the sign is dropped: the sentence says which way money goes).
pub fn money(x: f64) -> String {
    format!("${:.2}", x.abs())
}

/// "refund $12.30 to your PayPal (within 5 to 7 business days)": where a refund goes and
/// when it arrives (a gift card at once).
pub(crate) fn refund_line(amount: f64, method: Option<&str>, label: Option<&str>) -> String {
    let when = if method.is_some_and(|m| m.starts_with("gift_card")) {
        "right away"
    } else {
        "within 5 to 7 business days"
    };
    format!(
        "refund {} to your {} ({when})",
        money(amount),
        label.unwrap_or("original payment method")
    )
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
