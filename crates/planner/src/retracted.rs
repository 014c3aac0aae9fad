//! What the customer takes back while writing: "send it back to PayPal... actually, scratch
//! that, could you put it on my gift card instead?" reads as the gift card alone. The
//! sentence before "scratch that", "strike that", "forget that", "ignore that", "never mind
//! that" or "on second thought" (up to the marker) is dropped; what follows stands.
//!
//! Left as written: a value corrected in place ("size 12. Wait, no, 11"), which names the
//! new value itself and is read where values are read.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use crate::text::re;

/// A marker that withdraws what was just said, with the punctuation around it.
static WITHDRAWN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:\bactually\s*,?\s*|\bsorry\s*,?\s*|\bno\s*,\s*|\boh\s*,?\s*)*\b(?:scratch|strike|forget|ignore|disregard|never\s*mind)\s+(?:that|what i (?:just )?said)(?:\s+(?:last\s+)?(?:part|bit|one))?\s*(?:[,;:!.\u{2014}\u{2013}-]+\s*|$)|\bon second thought\s*[,;:!.\u{2014}\u{2013}-]*\s*",
    )
});

/// Punctuation and fillers between the withdrawn sentence and its marker.
const TRAILING: &[char] = &['.', ',', ';', ' ', '\u{2014}', '\u{2013}', '-', '\u{2026}'];

/// `text` without the sentences the customer withdrew; borrowed when there is none.
pub fn without_retracted(text: &str) -> Cow<'_, str> {
    let Some(m) = WITHDRAWN.find(text) else {
        return Cow::Borrowed(text);
    };
    let head = text[..m.start()].trim_end_matches(TRAILING);
    // the withdrawn sentence: back to the end of the one before it ("... I paid.
    // Actually, scratch that" withdraws the sentence that ended there)
    let head_body = head.trim_end_matches(['!', '?']);
    let start = head_body.rfind(['.', '!', '?', '\n']).map_or(0, |i| i + 1);
    // what follows the marker, with a space before it when it continues earlier text
    let gap = if start == 0 { "" } else { " " };
    let kept = format!("{}{gap}{}", &text[..start], &text[m.end()..]);
    // another marker further on withdraws again
    Cow::Owned(without_retracted(&kept).into_owned())
}

#[cfg(test)]
mod tests {
    use super::without_retracted;

    #[test]
    fn the_sentence_before_the_marker_is_withdrawn() {
        assert_eq!(
            without_retracted("Hi. For the refund, just send it back to PayPal since that's how I paid... actually, scratch that, could you put it on my gift card instead? Thanks."),
            "Hi. could you put it on my gift card instead? Thanks."
        );
        assert_eq!(
            without_retracted(
                "Please cancel order #W1000001. Actually, forget that. Return the lamp instead."
            ),
            "Return the lamp instead."
        );
        assert_eq!(
            without_retracted("Refund to my Visa. On second thought, PayPal is better."),
            "PayPal is better."
        );
    }

    #[test]
    fn other_uses_of_the_words_are_kept() {
        for text in [
            "The lamp has a scratch that goes across the base.",
            "Please ignore that the box was opened; the lamp is new.",
            "Size 12. Wait, no, 11.",
        ] {
            assert_eq!(without_retracted(text), text);
        }
    }
}
