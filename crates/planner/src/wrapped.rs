//! Paragraphs that a mail program hard-wrapped, joined again.
//!
//! Plain-text e-mail is often sent with its lines broken at a fixed width (72 or 78
//! characters). The planner reads a line break as a boundary: a list line names one item,
//! a request ends with its line. A sentence broken in the middle by the sender's mail
//! program would be read as two. So a body that looks wrapped has its wrapped breaks joined
//! before it is read.
//!
//! Greedy wrapping breaks a line only where the next word would not fit, so a break is a
//! wrap when the line plus the next line's first word is longer than the width. The width
//! is where the longest lines of the body end together (two within [`CLUSTER`] characters,
//! at most [`MAX_WIDTH`]); a longer line was not wrapped and is never joined. A body counts
//! as wrapped when that width is at least [`MIN_WIDTH`] and at least two lines fill most of
//! it. A break after a sentence's end, before a list marker or a blank line is
//! kept: it is the writer's, or joining it changes nothing the planner reads.

use std::borrow::Cow;

/// The widest line a mail program wraps at (RFC 5322 recommends 78).
const MAX_WIDTH: usize = 100;
/// The narrowest width taken for wrapping: below it, short lines are the writer's.
const MIN_WIDTH: usize = 40;
/// How close two line lengths are for both to end at the wrapping width.
const CLUSTER: usize = 6;

/// `body` with its hard-wrapped breaks joined; borrowed when it does not look wrapped.
pub fn unwrap_paragraphs(body: &str) -> Cow<'_, str> {
    let lines: Vec<&str> = body.lines().collect();
    // The width is where wrapped lines end: the longest length another line comes within
    // `CLUSTER` characters of. A line the mail program did not wrap (a URL, a greeting
    // added by another program) stands alone above it and is never joined.
    let mut lengths: Vec<usize> = lines
        .iter()
        .map(|l| l.trim_end().chars().count())
        .filter(|n| *n <= MAX_WIDTH)
        .collect();
    lengths.sort_unstable_by(|a, b| b.cmp(a));
    // (a short body may have no two lines that close: then its longest line is the width)
    let width = lengths
        .windows(2)
        .find(|w| w[0] - w[1] <= CLUSTER)
        .map(|w| w[0])
        .or_else(|| lengths.first().copied())
        .unwrap_or(0);
    if !(MIN_WIDTH..=MAX_WIDTH).contains(&width) {
        return Cow::Borrowed(body);
    }
    let full = lines
        .iter()
        .filter(|l| l.trim_end().chars().count() * 10 >= width * 7)
        .count();
    if full < 2 {
        return Cow::Borrowed(body);
    }
    let mut out = String::with_capacity(body.len());
    let mut joined = false;
    let mut continues = false;
    for (i, line) in lines.iter().enumerate() {
        let line = line.trim_end();
        // a continuation loses the indent a list item's wrapped lines carry
        out.push_str(if continues { line.trim_start() } else { line });
        let Some(next) = lines.get(i + 1) else {
            break;
        };
        continues = wrapped_break(line, next, width);
        if continues {
            out.push(' ');
            joined = true;
        } else {
            out.push('\n');
        }
    }
    if !joined {
        return Cow::Borrowed(body);
    }
    if body.ends_with('\n') {
        out.push('\n');
    }
    Cow::Owned(out)
}

/// Whether the break between `line` and `next` is the mail program's.
fn wrapped_break(line: &str, next: &str, width: usize) -> bool {
    let next = next.trim_start();
    let Some(first_word) = next.split_whitespace().next() else {
        return false; // a blank line ends the paragraph
    };
    if line.trim().is_empty() || starts_a_list_item(next) {
        // a list item starts its own line, whatever the length of the one before
        return false;
    }
    if line.ends_with(['.', '!', '?', ':', ';']) || line.chars().count() > width {
        return false;
    }
    line.chars().count() + 1 + first_word.chars().count() > width
}

/// "- ", "* ", "• ", "1) ", "2. ", "a) ": a list marker at the start of a line.
fn starts_a_list_item(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some('-' | '*' | '•' | '–' | '>') => true,
        Some(c) if c.is_ascii_digit() || c.is_ascii_lowercase() => {
            let rest: String = line
                .chars()
                .skip_while(char::is_ascii_digit)
                .take(2)
                .collect();
            let digits = line.starts_with(|c: char| c.is_ascii_digit());
            (digits && (rest.starts_with(". ") || rest.starts_with(") ")))
                || (!digits && line.get(1..3) == Some(") "))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WRAPPED: &str = "Hi,\n\nMy order with the mountain bike hasn't shipped yet, and I'd like to\nchange the earbuds in it. Keep them blue, but I want the ones that go\ntwice as long on one charge. Leave the bike alone.\n\nThanks,\nMason\n";

    #[test]
    fn a_wrapped_paragraph_is_one_line_again() {
        assert_eq!(
            unwrap_paragraphs(WRAPPED),
            "Hi,\n\nMy order with the mountain bike hasn't shipped yet, and I'd like to change the earbuds in it. Keep them blue, but I want the ones that go twice as long on one charge. Leave the bike alone.\n\nThanks,\nMason\n"
        );
    }

    #[test]
    fn one_long_unwrapped_line_does_not_hide_the_wrapping_of_the_rest() {
        let body = format!(
            "Good morning. First of all, thanks for the quick shipping last time, it was great, truly great.\n\n{WRAPPED}"
        );
        assert!(unwrap_paragraphs(&body).contains("I'd like to change the earbuds in it."));
    }

    #[test]
    fn a_short_wrapped_body_is_joined_too() {
        let body = "Hi! Please deliver my order with the earbuds and the security camera to\n2014 N Delaware St, Indianapolis, IN 46202 instead (no apartment\nnumber). Thank you! Isabella";
        assert_eq!(
            unwrap_paragraphs(body),
            "Hi! Please deliver my order with the earbuds and the security camera to 2014 N Delaware St, Indianapolis, IN 46202 instead (no apartment number). Thank you! Isabella"
        );
    }

    #[test]
    fn a_body_written_in_long_lines_is_left_alone() {
        let body = "Hi, I want to return the boots from my last order, they are too small and the colour is not what the photo showed at all.\nThanks,\nAna";
        assert!(matches!(unwrap_paragraphs(body), Cow::Borrowed(_)));
    }

    #[test]
    fn short_lines_and_list_items_stay_the_writers() {
        let body = "Two things from order W2702727, before it ships please, and thanks in\nadvance for sorting these out:\n- The white glass bookshelf: I need it one foot taller than what I\n  picked.\n- The yoga mat: keep it pink, whichever other pink one you carry is\n  fine by me.\nYusuf";
        assert_eq!(
            unwrap_paragraphs(body),
            "Two things from order W2702727, before it ships please, and thanks in advance for sorting these out:\n- The white glass bookshelf: I need it one foot taller than what I picked.\n- The yoga mat: keep it pink, whichever other pink one you carry is fine by me.\nYusuf"
        );
    }

    #[test]
    fn a_break_the_next_word_would_have_fitted_before_is_kept() {
        // "Sofia" would have fitted after "thanks": the writer broke the line
        let body = "about the glass water bottle that arrived with my makeup kit, its the\nsmall blue 500 ml one, I would like the big one in the same blue glass\nuse my gift card, thanks\nSofia";
        assert_eq!(
            unwrap_paragraphs(body),
            "about the glass water bottle that arrived with my makeup kit, its the small blue 500 ml one, I would like the big one in the same blue glass use my gift card, thanks\nSofia"
        );
    }
}
