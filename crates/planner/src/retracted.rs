//! What the customer takes back while writing: "send it back to PayPal... actually, scratch
//! that, could you put it on my gift card instead?" reads as the gift card alone. The
//! sentence before "scratch that", "strike that", "forget that", "ignore that", "never mind
//! that", "on second thought", "actually, you know what" or "but actually no," (up to the
//! marker) is dropped; what follows stands. "On reflection I would prefer the 2L one" is a
//! preference stated, not a sentence withdrawn.
//!
//! A value corrected in place with an apology ("the i7 with 16GB - sorry, I mean 32GB - of
//! RAM", "size 9, sorry, I meant 10") reads as the corrected value alone
//! ([`corrected_in_place`]). Left as written: "size 12. Wait, no, 11", which names the new
//! value itself and is read where values are read.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use crate::text::re;

/// A marker that withdraws what was just said, with the punctuation around it.
static WITHDRAWN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:\bactually\s*,?\s*|\bsorry\s*,?\s*|\bno\s*,\s*|\boh\s*,?\s*)*\b(?:scratch|strike|forget|ignore|disregard|never\s*mind)\s+(?:that|what i (?:just )?said)(?:\s+(?:last\s+)?(?:part|bit|one))?\s*(?:[,;:!.\u{2014}\u{2013}-]+\s*|$)|\bon second thoughts?\s*[,;:!.\u{2014}\u{2013}-]*\s*|\bactually\s*[,.!\u{2014}\u{2013}-]*\s*you know what\s*[,;:!.\u{2014}\u{2013}-]*\s*|\b(?:but|and)\s+actually\s*,?\s*no\s*[,;:!.\u{2014}\u{2013}-]+\s*",
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

/// A change of mind inside a sentence: "make it 28 inch... no wait, keep it 31 inch", "the
/// blue, wait no, the grey one". Written at the start of a sentence ("Size 12. Wait, no,
/// 11.") it is left to where values are read.
static CHANGED_MIND: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:\.{2,}|\u{2026}|[,;\u{2014}\u{2013}-])\s*(?:no,?\s+wait|wait,?\s+no|no,?\s+actually|actually,?\s+no)\b\s*[,;:!.\u{2014}\u{2013}-]*\s*",
    )
});

/// `text` without the clause the customer changed their mind about within a sentence: from
/// the clause's start (the last comma, semicolon or colon before the marker, in the same
/// sentence) to the marker ([`CHANGED_MIND`]); borrowed when there is none.
pub fn without_changed_mind(text: &str) -> Cow<'_, str> {
    let Some(m) = CHANGED_MIND.find(text) else {
        return Cow::Borrowed(text);
    };
    let head = &text[..m.start()];
    let sentence = head.rfind(['.', '!', '?', '\n']).map_or(0, |i| i + 1);
    let Some(clause) = head[sentence..]
        .rfind([',', ';', ':'])
        .map(|i| sentence + i)
    else {
        // the whole sentence so far is the withdrawn value: left as written
        return Cow::Borrowed(text);
    };
    let kept = format!("{}, {}", &text[..clause], &text[m.end()..]);
    Cow::Owned(without_changed_mind(&kept).into_owned())
}

/// A value, an apology that it was meant otherwise, and the value meant: "16GB - sorry, I
/// mean 32GB -", "size 9, sorry, I meant 10", "the red (oops, I mean blue) one".
static CORRECTED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?P<old>[\w.-]+)\s*[-,(\u{2014}\u{2013}]*\s*(?:sorry|oops|er|erm|uh)[,!.]?\s+(?:i\s+)?(?:mean|meant)\s*[,:]?\s+(?P<new>[\w.-]+)(?P<close>\s*[-)\u{2014}\u{2013}])?",
    )
});

/// `text` with each value corrected in place written as the value meant ([`CORRECTED`]),
/// when the two are of one kind (both with digits, or both without); borrowed when there is
/// none.
pub fn corrected_in_place(text: &str) -> Cow<'_, str> {
    if !CORRECTED.is_match(text) {
        return Cow::Borrowed(text);
    }
    CORRECTED.replace_all(text, |c: &regex::Captures<'_>| {
        let digits = |w: &str| w.chars().any(|ch| ch.is_ascii_digit());
        if digits(&c["old"]) == digits(&c["new"]) {
            c["new"].to_owned()
        } else {
            c[0].to_owned()
        }
    })
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
        assert_eq!(
            without_retracted("Return the lamp and the mug from it... actually, you know what, return everything but the kettle."),
            "return everything but the kettle."
        );
        assert_eq!(
            without_retracted(
                "About the camera: I thought of the 1080p one but actually no, make it the 4K one."
            ),
            "make it the 4K one."
        );
    }

    #[test]
    fn other_uses_of_the_words_are_kept() {
        for text in [
            "The lamp has a scratch that goes across the base.",
            "Please ignore that the box was opened; the lamp is new.",
            "Size 12. Wait, no, 11.",
            "Actually, I also need the tracking number.",
            "Actually no rush on the second order.",
            "My second request concerns the kettle. On reflection I would prefer the 2L one.",
        ] {
            assert_eq!(without_retracted(text), text);
        }
    }

    #[test]
    fn a_clause_changed_within_its_sentence_is_dropped() {
        assert_eq!(
            super::without_changed_mind(
                "And the plain skateboard, make it 28 inch... no wait, keep it 31 inch but with the graphic deck."
            ),
            "And the plain skateboard, keep it 31 inch but with the graphic deck."
        );
        // at a sentence's start, or with no clause before it in its sentence: as written
        for text in [
            "Size 12. Wait, no, 11.",
            "Make it 28 inch... no wait, 31.",
            "No, wait for the delivery first.",
        ] {
            assert_eq!(super::without_changed_mind(text), text);
        }
    }

    #[test]
    fn a_value_corrected_in_place_is_the_value_meant() {
        assert_eq!(
            super::corrected_in_place("I'd like the i7 with 16GB - sorry, I mean 32GB - of RAM"),
            "I'd like the i7 with 32GB of RAM"
        );
        assert_eq!(
            super::corrected_in_place("size 9, sorry, I meant 10, please"),
            "size 10, please"
        );
        // of another kind: left as written
        assert_eq!(
            super::corrected_in_place("the 9 - sorry, I mean the blue one"),
            "the 9 - sorry, I mean the blue one"
        );
    }
}
