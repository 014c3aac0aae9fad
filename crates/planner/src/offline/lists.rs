//! Lists and headings: how an e-mail announces the changes it asks for and lays them out.
//! "I'd like to exchange two things in it:" above lines without a change verb, "- charger:
//! the wireless one" under "please change:", "I want to change my order that hasn't shipped."
//! above "The thermostat - the google one, black." The lines are read as item changes
//! (`implied`); the heading itself asks for nothing beyond them.

use std::sync::LazyLock;

use regex::Regex;

use super::implied::ASKS;
use crate::text::re;

/// Whether sentence `i` is a line of a list ("- charger: ...") whose opening line asks
/// ("please change:", "could you change them?").
pub(super) fn in_asking_list(sents: &[String], i: usize) -> bool {
    if !is_bullet(&sents[i]) {
        // "I'd like to exchange two items:\nThe charcoal grill, ...\nThe e-reader, same 7
        // inch, but the one with four times the storage.": the lines right after a heading
        // that ends with a colon, written without list marks
        return sents[..i]
            .iter()
            .rposition(|s| s.trim_end().ends_with(':'))
            .is_some_and(|j| i - j <= UNMARKED_LIST_LINES && heads_a_list(sents, j));
    }
    sents[..i]
        .iter()
        .rposition(|s| !is_bullet(s))
        .is_some_and(|j| heads_a_list(sents, j))
}

/// Whether sentence `i` comes right after a sentence that announces changes to an order,
/// within [`UNMARKED_LIST_LINES`]: "I want to change my order that hasn't shipped. The
/// e-reader, the 32GB one. The thermostat - the google one, black." A line that keeps
/// something ("The black toothbrush is fine, leave it.") is no change of its own.
pub(super) fn after_announcement(sents: &[String], i: usize) -> bool {
    !keeps_only(&sents[i])
        && sents[..i]
            .iter()
            .rposition(|s| announces_changes(s))
            .is_some_and(|j| i - j <= UNMARKED_LIST_LINES)
}

/// Whether a line says only what stays ("The black toothbrush is fine, leave it.", "makeup
/// kit stays as is"), not a change that keeps some options ("keyboard -> 80% size with white
/// backlight, keep tactile switches", "charger: the blue one, same 20000mAh"): a keep word
/// in its first part, or after a part that names a target ("to", "with", "into", "instead",
/// or a colon followed by words).
fn keeps_only(line: &str) -> bool {
    static TARGET: LazyLock<Regex> =
        LazyLock::new(|| re(r"(?i)\b(?:to|with|into|instead)\b|:\s*\S"));
    let Some(k) = super::checks::KEEP_SAID.find(line) else {
        return false;
    };
    let before = &line[..k.start()];
    // "keyboard -> 80% layout white backlit switches stay tactile": with no comma, the
    // words before the keep word name the change ("I want to keep the tablet" names none)
    let part = before
        .rfind([',', ';'])
        .map_or(before, |cut| &before[..cut]);
    !TARGET.find_iter(part).any(|m| {
        let prev = part[..m.start()].split_whitespace().last().unwrap_or("");
        !matches!(
            prev.to_lowercase().as_str(),
            "want" | "like" | "need" | "going" | "have" | "wish" | "plan" | "prefer" | "rather"
        )
    })
}

/// "I need to change my order", "a few changes to my pending order", "two changes please":
/// a sentence that says changes to an order follow.
pub(super) fn announces_changes(s: &str) -> bool {
    static CHANGE_ORDER: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)\b(?:change|modify|update|edit|amend|adjust)\s+(?:(?:my|the|our|this|that)\s+)?(?:[\w-]+\s+){0,2}order\b|\bchanges?\s+(?:to|on|in)\s+(?:my|the|our|this|that)\s+(?:[\w-]+\s+){0,2}order\b",
        )
    });
    !s.trim_end().ends_with('?') && (is_heading(s) || CHANGE_ORDER.is_match(s))
}

/// How many sentences after a heading ending with a colon are read as its list when they
/// carry no list marks.
const UNMARKED_LIST_LINES: usize = 4;

/// Whether sentence `i` opens a list that follows it: it ends with a colon ("please
/// change:") or, above list lines, a dash ("a few things -"), or it is a question that asks for something ("could you please change
/// them?") with list lines right after it.
pub(super) fn heads_a_list(sents: &[String], i: usize) -> bool {
    let s = sents[i].trim_end();
    let followed = sents.get(i + 1).is_some_and(|n| is_bullet(n));
    // "a few things, sorry, writing between school pickups -" above "- ..." lines: a dash
    // ends the heading as a colon does
    let dash = s.ends_with(" -") || s.ends_with(['\u{2013}', '\u{2014}']);
    !is_bullet(s)
        && (s.ends_with(':')
            || (followed && dash)
            || (followed && s.ends_with('?') && ASKS.is_match(s)))
}

/// A line of a list: "- charger: the wireless one", "* ...", "\u{2022} ...", "1. ...",
/// "2) ...", "(3) ...".
pub(super) fn is_bullet(s: &str) -> bool {
    list_mark_end(s).is_some()
}

/// Where the list mark of a line of a list ends, with the spaces after it ("- ", "2) "); none
/// when the line is no line of a list ([`is_bullet`]).
pub(super) fn list_mark_end(s: &str) -> Option<usize> {
    static MARK: LazyLock<Regex> =
        LazyLock::new(|| re(r"^\s*(?:[-*\u{2022}\u{2013}]|\(?\d{1,2}[.)]\s)\s*"));
    MARK.find(s).map(|m| m.end())
}

/// A sentence that announces the changes that follow: it ends with a colon, or counts them
/// ("I'd like to exchange two things in it.", "a couple of changes to make"). A count
/// followed by a change in the same sentence ("Two swaps please: skateboard 31 inch to 34
/// inch.") is that change, not only a heading.
pub(super) fn is_heading(sentence: &str) -> bool {
    let s = sentence.trim_end();
    if s.ends_with(':') {
        return true;
    }
    !s.contains(':') && COUNTED_CHANGES.is_match(s)
}

static COUNTED_CHANGES: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:exchange|change|swap|modify|replace|switch)\s+(?:two|three|four|a few|a couple of|some|several|2|3|4)\s+(?:things|items|products|of them|pieces)\b|\b(?:two|three|a few|a couple of|several|2|3)\s+(?:changes|exchanges|swaps|tweaks)\b",
    )
});

#[cfg(test)]
mod tests {
    use super::{announces_changes, is_heading, keeps_only};

    #[test]
    fn a_line_that_keeps_some_options_is_still_a_change() {
        assert!(keeps_only("The black toothbrush is fine, leave it."));
        assert!(keeps_only("makeup kit stays as is"));
        assert!(keeps_only("The tablet: keep it."));
        assert!(!keeps_only(
            "keyboard to 80% size with white backlight, keep tactile switches"
        ));
        assert!(!keeps_only("charger: the blue one, keep 20000mAh"));
        assert!(keeps_only("I want to keep the tablet."));
        assert!(!keeps_only(
            "keyboard to 80% layout white backlit switches stay tactile"
        ));
        assert!(!keeps_only("The thermostat - the google one, black."));
    }

    #[test]
    fn a_dash_above_list_lines_ends_a_heading() {
        let sents: Vec<String> = [
            "Anya here - a few things, sorry -",
            "- pending order - smart watch to the LCD version",
            "- the other order - tracking number?",
        ]
        .map(String::from)
        .to_vec();
        assert!(super::heads_a_list(&sents, 0));
        assert!(super::in_asking_list(&sents, 1));
        // a dash with no list under it is no heading
        assert!(!super::heads_a_list(&["I need it soon -".to_owned()], 0));
    }

    #[test]
    fn a_heading_announces_changes_and_holds_none() {
        assert!(is_heading("I'd like to exchange two things in it."));
        assert!(is_heading("Please change:"));
        // a count followed by the change itself is that change
        assert!(!is_heading(
            "Two swaps please: skateboard 31 inch to 34 inch."
        ));
        assert!(announces_changes(
            "i want to change my order that hasn't shipped."
        ));
        assert!(announces_changes(
            "A couple of changes to my pending order."
        ));
        assert!(!announces_changes("Can you change my order?"));
        assert!(!announces_changes("The lamp arrived broken."));
    }
}
