//! Sections headed by a request word: people who organise their e-mails write
//!
//! ```text
//! RETURN
//! Item: leather hiking boots, size 12
//! Refund to: gift card
//! ```
//!
//! The heading says what to do, the "Item:" or "Order:" line under it what to do it to. The
//! two are written as the sentence they stand for ("Return the leather hiking boots, size
//! 12."), and the other lines of the section stay as they are. A heading is a line of its own
//! whose last word is a request word ("RETURN", "Request 2 - cancel", "1. Exchange:"); the
//! section ends at a blank line or the next heading. A line that labels its request
//! ("Return: green leather camera backpack", "[ ] EXCHANGE: the e-reader -> the 8 inch one")
//! is written with the label as its verb.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use crate::text::re;

/// The request a heading's word asks for, as a verb.
fn verb(word: &str) -> Option<&'static str> {
    Some(match word.to_lowercase().as_str() {
        "return" | "returns" => "Return",
        "cancel" | "cancellation" | "cancelation" => "Cancel",
        "exchange" | "exchanges" | "swap" => "Exchange",
        _ => return None,
    })
}

/// The verb of a heading line: a short line of its own whose last word is a request word,
/// with no more than four words before it (a number, "REQUEST 2 -", "Please").
fn heading(line: &str) -> Option<&'static str> {
    let t = line.trim().trim_end_matches([':', '.', '-']).trim();
    if t.is_empty() || t.contains([',', '?', '(']) {
        return None;
    }
    let words: Vec<&str> = t
        .split(|c: char| c.is_whitespace() || c == '-' || c == '#')
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() > 5 {
        return None;
    }
    verb(words.last()?.trim_matches(|c: char| !c.is_alphanumeric()))
}

/// The value of an "Item:" or "Order:" line: what the heading's request acts on.
fn object(line: &str) -> Option<&str> {
    let (label, value) = line.trim().split_once(':')?;
    let label = label.trim().to_lowercase();
    let names = matches!(
        label.as_str(),
        "item" | "items" | "product" | "products" | "what" | "order" | "order number" | "order no"
    );
    let value = value.trim();
    (names && !value.is_empty()).then_some(value)
}

/// A checkbox or a list mark before a line, kept as written.
const LIST_MARK: &str = r"(?P<mark>\s*(?:\[[ xX]?\]|[-*\u{2022}]|\d{1,2}[.)])?\s*)";

/// A line that labels its request: "Return: green leather camera backpack", "[ ] EXCHANGE:
/// the 7 inch e-reader ...", "Action: change the shipping address ...". A checkbox or a list
/// mark before it is kept.
static LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^{LIST_MARK}(?P<label>return|returns|cancel|exchange|swap|action|request|requested action|to do|todo)\s*:\s*(?P<rest>\S.*)$",
    ))
});

/// A line that labels what an item should become: "Requested: 6 ft, white, glass", "Want:
/// Google Assistant version, still black". A street address after the label is left alone
/// (whether it is an order's or the account's is read elsewhere).
static WANTED: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^{LIST_MARK}(?:requested|requested change|want|wanted|i want|i'?d like|change to|should be|desired|new version|wish)\s*:\s*(?P<rest>\S.*)$",
    ))
});

/// A line that names the items, then the request: "both makeup kits: return please" (what
/// the spelling pass makes of "both makeup kits -> return pls").
static ITEMS_THEN_VERB: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^{LIST_MARK}(?P<what>[^:]{{3,80}}?)\s*:\s*(?P<verb>return|returns|cancel|exchange|swap)\s*(?:it|them|please|pls|plz|thanks|thx|\s)*[.!]*\s*$",
    ))
});

/// `line` with a request's label written as its verb ("Return: the lamp" is "Return the
/// lamp"; "Action: change ..." is "change ..."); `None` when it is no labelled request.
fn labelled_request(line: &str) -> Option<String> {
    if let Some(c) = WANTED
        .captures(line)
        .filter(|c| crate::text::addresses(&c["rest"]).is_empty())
    {
        let rest = c["rest"].trim_end_matches('.');
        return Some(format!("{}I want {rest} instead.", &c["mark"]));
    }
    if let Some(c) = ITEMS_THEN_VERB.captures(line) {
        let verb = verb(&c["verb"])?;
        return Some(format!("{}{verb} {}.", &c["mark"], c["what"].trim()));
    }
    let c = LABELLED.captures(line)?;
    let mark = c.name("mark").map_or("", |m| m.as_str());
    let rest = &c["rest"];
    Some(match verb(&c["label"]) {
        Some(v) => format!("{mark}{v} {rest}"),
        None => format!("{mark}{rest}"),
    })
}

/// `text` with each section under a request-word heading written as its request, and each
/// line that labels its request written with its verb; borrowed when it holds none.
pub fn sections_as_requests(text: &str) -> Cow<'_, str> {
    let rewritten: Vec<Option<String>> = text.lines().map(labelled_request).collect();
    let text: Cow<'_, str> = if rewritten.iter().any(Option::is_some) {
        Cow::Owned(
            text.lines()
                .zip(rewritten)
                .map(|(l, r)| r.unwrap_or_else(|| l.to_owned()))
                .collect::<Vec<_>>()
                .join("\n"),
        )
    } else {
        Cow::Borrowed(text)
    };
    let lines: Vec<&str> = text.lines().collect();
    if !lines.iter().any(|l| heading(l).is_some()) {
        return text;
    }
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut changed = false;
    let mut i = 0;
    while i < lines.len() {
        let Some(verb) = heading(lines[i]) else {
            out.push(lines[i].to_owned());
            i += 1;
            continue;
        };
        // the section: the lines up to a blank line or the next heading
        let end = (i + 1..lines.len())
            .find(|&j| lines[j].trim().is_empty() || heading(lines[j]).is_some())
            .unwrap_or(lines.len());
        let section = &lines[i + 1..end];
        let Some(at) = section.iter().position(|l| object(l).is_some()) else {
            out.push(lines[i].to_owned());
            i += 1;
            continue;
        };
        let what = object(section[at]).unwrap_or_default();
        let lead = what.split_whitespace().next().unwrap_or("").to_lowercase();
        let article = if matches!(lead.as_str(), "my" | "the" | "both" | "all" | "order")
            || lead.starts_with('#')
            || lead.starts_with('w') && lead[1..].chars().all(|c| c.is_ascii_digit())
        {
            ""
        } else {
            "the "
        };
        out.push(format!("{verb} {article}{what}."));
        for (n, l) in section.iter().enumerate() {
            if n != at {
                out.push((*l).to_owned());
            }
        }
        changed = true;
        i = end;
    }
    if !changed {
        return text;
    }
    Cow::Owned(out.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_word_heading_and_its_item_line_are_one_request() {
        let text = "Two things:\n\nRETURN\nItem: leather hiking boots, size 12 (they're too big)\nRefund to: gift card\n\nCANCEL\nOrder: my desk lamp order\nReason: I don't need it anymore\n\nThanks";
        assert_eq!(
            sections_as_requests(text),
            "Two things:\n\nReturn the leather hiking boots, size 12 (they're too big).\nRefund to: gift card\n\nCancel my desk lamp order.\nReason: I don't need it anymore\n\nThanks"
        );
        assert_eq!(
            sections_as_requests("Request 2 - Exchange:\nOrder: #W1234567\nWant: the blue one"),
            "Exchange #W1234567.\nI want the blue one instead."
        );
    }

    #[test]
    fn a_request_labelled_on_its_line_is_read_with_its_verb() {
        assert_eq!(
            sections_as_requests("Return: green leather camera backpack\nKeep: grey backpack"),
            "Return green leather camera backpack\nKeep: grey backpack"
        );
        assert_eq!(
            sections_as_requests("[ ] RETURN: the makeup kit\n- Action: change the address"),
            "[ ] Return the makeup kit\n- change the address"
        );
        // the items first, then the request
        assert_eq!(
            sections_as_requests("both makeup kits: return please\nrefund to my visa"),
            "Return both makeup kits.\nrefund to my visa"
        );
        // what the item should become
        assert_eq!(
            sections_as_requests("Glass bookshelf\nCurrent: 5 ft, white\nRequested: 6 ft, white."),
            "Glass bookshelf\nCurrent: 5 ft, white\nI want 6 ft, white instead."
        );
        // a street address is not rewritten
        assert!(matches!(
            sections_as_requests("Requested: 1200 Riverplace Blvd, Jacksonville, FL 32207"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn other_lines_stay_as_written() {
        for text in [
            "Please return the boots.\nItem: boots",
            "I want to cancel\nthe order with the lamp",
            "RETURN\nReason: too big",
            "Could you tell me how to return, please?",
            "Return policy: 30 days",
        ] {
            assert!(
                matches!(sections_as_requests(text), Cow::Borrowed(_)),
                "{text}"
            );
        }
    }
}
