//! A return announced with a colon and its items listed on the lines below it, joined into
//! one sentence: "I'm sending back:\n- the smart light bulb\n- the small grey pet bed"
//! reads as "I'm sending back the smart light bulb and the small grey pet bed."
//!
//! A list under a change heading ("please change:\n- charger: the blue one") carries a
//! target on each line and is read line by line (`lists`, `implied`). A return's lines carry
//! only the items, so without this the return's own sentence names no item, and a product
//! the sentence names to say *which* order ("from the delivery that had the grill in it")
//! would be the only one left to act on.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use super::lists::{is_bullet, list_mark_end};
use crate::text::re;

/// A line that ends by announcing a return and nothing more: the return verb (`verb`),
/// optional words for "these items", then a colon.
static RETURN_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?P<verb>return|returning|send(?:ing)?(?:\s+(?:it|them|these|those))?\s+back|going\s+back|ship(?:ping)?\s+back)(?:\s+(?:the|following|these|those|both|all|of|them|items?|things?|products?))*\s*:\s*$",
    )
});

/// Words that make a line a request of its own, not an item of the list.
static OWN_REQUEST: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:cancel|exchange|change|swap|switch|modify|replace|refund|track|tracking|address|pay|paid|charge|charged|keep|keeping|stays?|how|what|when|where|why|please|pls)\b",
    )
});

/// The longest item line joined, in words outside parentheses.
const MAX_ITEM_WORDS: usize = 10;

/// `body` with each return heading's item lines joined into its sentence; borrowed when
/// there is none.
pub fn join_return_lists(body: &str) -> Cow<'_, str> {
    let lines: Vec<&str> = body.lines().collect();
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut changed = false;
    let mut i = 0;
    while i < lines.len() {
        let head = lines[i];
        let Some(verb) = RETURN_HEAD.captures(head).and_then(|c| c.name("verb")) else {
            out.push(head.to_owned());
            i += 1;
            continue;
        };
        // under a heading that is itself a list line, its items are indented further
        let head_indent = is_bullet(head).then(|| indent(head));
        let mut items: Vec<&str> = Vec::new();
        let mut j = i + 1;
        while j < lines.len() {
            let line = lines[j];
            if line.trim().is_empty() {
                if items.is_empty() {
                    j += 1;
                    continue;
                }
                break;
            }
            let nested = head_indent.is_none_or(|h| indent(line) > h);
            if !(is_bullet(line) && nested && is_item(line)) {
                break;
            }
            items.push(unmarked(line));
            j += 1;
        }
        if items.is_empty() {
            out.push(head.to_owned());
            i += 1;
            continue;
        }
        // "return the following items:" loses the words that only pointed at the list
        let stem = &head[..verb.end()];
        let list = match items.as_slice() {
            [one] => (*one).to_owned(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
            [] => unreachable!("items is not empty"),
        };
        let end = if list.ends_with(['.', '!', '?']) {
            ""
        } else {
            "."
        };
        out.push(format!("{stem} {list}{end}"));
        changed = true;
        i = j;
    }
    if !changed {
        return Cow::Borrowed(body);
    }
    Cow::Owned(out.join("\n"))
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// A list line without its mark: "- the lamp" is "the lamp", "2) the lamp" is "the lamp".
fn unmarked(line: &str) -> &str {
    line[list_mark_end(line).unwrap_or(0)..].trim_end()
}

/// Whether a list line names an item and nothing else: short, no request words and no
/// question outside its parentheses.
fn is_item(line: &str) -> bool {
    let text = unmarked(line);
    let mut outside = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => outside.push(c),
            _ => {}
        }
    }
    let words = outside.split_whitespace().count();
    (1..=MAX_ITEM_WORDS).contains(&words)
        && !outside.contains(['?', ':'])
        && !OWN_REQUEST.is_match(&outside)
}

#[cfg(test)]
mod tests {
    use super::join_return_lists;

    #[test]
    fn a_return_heading_takes_its_item_lines() {
        let body = "From the delivery with the grill, I'm sending back:\n- the smart light bulb (the daylight one)\n- the small grey pet bed\nRefund to PayPal.";
        assert_eq!(
            join_return_lists(body),
            "From the delivery with the grill, I'm sending back the smart light bulb (the daylight one) and the small grey pet bed.\nRefund to PayPal."
        );
        let numbered =
            "I'd like to return the following items:\n\n1. desk lamp\n2. wall clock\n3. kettle";
        assert_eq!(
            join_return_lists(numbered),
            "I'd like to return desk lamp, wall clock and kettle."
        );
    }

    #[test]
    fn under_a_list_line_only_the_indented_lines_are_its_items() {
        let body = "\u{2022} From my big order I'm returning:\n   - the lamp\n   - the pet bed\n\u{2022} All refunds to PayPal please.";
        assert_eq!(
            join_return_lists(body),
            "\u{2022} From my big order I'm returning the lamp and the pet bed.\n\u{2022} All refunds to PayPal please."
        );
    }

    #[test]
    fn a_line_that_asks_for_something_else_ends_the_list() {
        let body = "Returning:\n- the lamp\n- also cancel my other order\n- the clock";
        assert_eq!(
            join_return_lists(body),
            "Returning the lamp.\n- also cancel my other order\n- the clock"
        );
    }

    #[test]
    fn change_lists_and_plain_text_are_left_alone() {
        for body in [
            "Please change:\n- charger: the blue one\n- lamp: black",
            "I want to return the lamp.\n- note: it is broken",
            "Return:\nI changed my mind about the lamp.",
        ] {
            assert_eq!(join_return_lists(body), body);
        }
    }
}
