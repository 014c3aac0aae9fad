//! Query processing: turning a customer message (or a long simulated-customer
//! scenario) into weighted query terms.
//!
//! Scenario texts carry role-play instructions ("You are playing the role of a
//! customer...", "Never respond as a customer service representative") that say
//! nothing about the customer's problem but would match every article that
//! mentions customers and agents. Sentences that contain one of a small set of
//! role-play markers are dropped before tokenising; if that would leave
//! nothing, the whole text is kept.

use std::collections::BTreeMap;

use crate::text::tokenize;

/// Phrases that mark a sentence as role-play instructions to a simulated
/// customer rather than content about the customer's problem.
const ROLE_PLAY_MARKERS: &[&str] = &[
    "playing the role",
    "customer service representative",
    "dump all your information",
    "never respond as",
    "on the line with",
];

/// Splits text into sentences at `.`, `!`, `?` followed by whitespace, and at
/// line breaks.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let boundary = match c {
            '\n' => Some(i + 1),
            '.' | '!' | '?' => match chars.peek() {
                Some((_, next)) if next.is_whitespace() => Some(i + 1),
                None => Some(i + 1),
                _ => None,
            },
            _ => None,
        };
        if let Some(end) = boundary {
            let s = text[start..end].trim();
            if !s.is_empty() {
                out.push(s);
            }
            start = end;
        }
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// Removes role-play instruction sentences; returns the original text if every
/// sentence would be removed.
pub fn strip_role_play(text: &str) -> String {
    let kept: Vec<&str> = sentences(text)
        .into_iter()
        .filter(|s| {
            let lower = s.to_lowercase();
            !ROLE_PLAY_MARKERS.iter().any(|m| lower.contains(m))
        })
        .collect();
    if kept.is_empty() {
        text.to_string()
    } else {
        kept.join(" ")
    }
}

/// Query terms with their within-query frequency (the weight BM25 multiplies by).
pub fn query_terms(text: &str) -> BTreeMap<String, f32> {
    let mut terms: BTreeMap<String, f32> = BTreeMap::new();
    for t in tokenize(&strip_role_play(text)) {
        *terms.entry(t).or_insert(0.0) += 1.0;
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn drops_role_play_sentences() {
        let q = "You are playing the role of a customer. You want to dispute a charge.\n\
                 Never respond as a customer service representative/assistant.";
        assert_eq!(strip_role_play(q), "You want to dispute a charge.");
    }

    #[test]
    fn keeps_text_when_everything_is_boilerplate() {
        let q = "You are playing the role of a customer.";
        assert_eq!(strip_role_play(q), q);
    }

    #[test]
    fn splits_sentences() {
        assert_eq!(
            sentences("A b. C d!\nE f? 3.5 percent"),
            vec!["A b.", "C d!", "E f?", "3.5 percent"]
        );
    }

    proptest! {
        #[test]
        fn sentences_preserve_all_words(s in "[a-z .!?\n]{0,120}") {
            let joined: Vec<String> = sentences(&s).join(" ").split_whitespace().map(String::from).collect();
            let orig: Vec<String> = s.split_whitespace().map(String::from).collect();
            prop_assert_eq!(joined, orig);
        }
    }
}
