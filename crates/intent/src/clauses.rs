//! A ticket's clauses: sentences, and "... and I also want ..." requests within one,
//! each classified on its own by [`crate::Registry::route`].

use std::sync::LazyLock;

use regex::Regex;

static SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[.!?]+(?:\s+|$)|[;\n]+\s*").unwrap_or_else(|_| unreachable!("static regex"))
});
static CONJUNCTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:,\s*|\s+)(?:and also|and then|and|also|plus|but|then)\s+(?:also\s+)?(?P<opener>i\b|i'd|i'm|i've|please|can you|could you|would you|pls|my\b|(?:cancel|return|exchange|swap|change|modify|update|ship|send)\s+(?:the|my|it|them|that|this|those|these|order|everything|all)\b)")
        .unwrap_or_else(|_| unreachable!("static regex"))
});

/// Splits a ticket into clauses: sentences, then "... and I also want ..."
/// style conjunctions, and a conjunction before a second request's verb
/// ("return the mouse pad, and exchange the mouse"). Returns byte ranges of
/// non-empty clauses.
pub fn split_clauses(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut sentences = Vec::new();
    for m in SENTENCE.find_iter(text) {
        sentences.push((start, m.start()));
        start = m.end();
    }
    sentences.push((start, text.len()));
    for (s, e) in sentences {
        let sentence = &text[s..e];
        let mut cur = s;
        for caps in CONJUNCTION.captures_iter(sentence) {
            let (Some(all), Some(opener)) = (caps.get(0), caps.name("opener")) else {
                continue;
            };
            // the opener ("I", "please", ...) starts the next clause
            out.push((cur, s + all.start()));
            cur = s + opener.start();
        }
        out.push((cur, e));
    }
    out.into_iter()
        .map(|(a, b)| {
            let slice = &text[a..b];
            let lead = slice.len() - slice.trim_start().len();
            let trail = slice.len() - slice.trim_end().len();
            (a + lead, b - trail)
        })
        .filter(|(a, b)| b > a)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn splits_multi_request_tickets() {
        let t = "Where is my order #W123? And I also want to cancel my other order, please";
        let parts: Vec<&str> = split_clauses(t).iter().map(|(a, b)| &t[*a..*b]).collect();
        assert_eq!(
            parts,
            vec![
                "Where is my order #W123",
                "And I also want to cancel my other order, please"
            ]
        );
        let t = "please cancel order #W1 and I need to change the address of #W2";
        let parts: Vec<&str> = split_clauses(t).iter().map(|(a, b)| &t[*a..*b]).collect();
        assert_eq!(
            parts,
            vec![
                "please cancel order #W1",
                "I need to change the address of #W2"
            ]
        );
        let t = "My email is jo.lee@example.com. Cancel it";
        assert_eq!(split_clauses(t).len(), 2);
        let t = "black and white shoes";
        assert_eq!(split_clauses(t).len(), 1);
        let t = "I'd like to return the mouse pad, and exchange the mouse for a white one";
        let parts: Vec<&str> = split_clauses(t).iter().map(|(a, b)| &t[*a..*b]).collect();
        assert_eq!(
            parts,
            vec![
                "I'd like to return the mouse pad",
                "exchange the mouse for a white one"
            ]
        );
        // a verb without its object is no second request
        let t = "please cancel and refund";
        assert_eq!(split_clauses(t).len(), 1);
    }

    proptest! {
        #[test]
        fn clauses_are_in_bounds_and_ordered(text in "\\PC{0,120}") {
            let mut last = 0;
            for (a, b) in split_clauses(&text) {
                prop_assert!(a >= last && a < b && b <= text.len());
                prop_assert!(text.is_char_boundary(a) && text.is_char_boundary(b));
                last = b;
            }
        }
    }
}
