//! "Otherwise" that means "in other respects", not "if not".
//!
//! "I'd like it in silver, same 4K waterproof model otherwise" and "an otherwise identical
//! one" describe the item wanted; "switch it to silver, otherwise cancel" is a fallback. The
//! conditional readings (`conditions`, the clause split, the checks for unread conditions)
//! take every "otherwise" as a fallback, which made the colour change above a fallback of the
//! request before it, never planned. So the descriptive uses are said plainly first.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use crate::text::re;

/// "same ... otherwise", "everything else as is otherwise": after words that say the rest
/// stays, at the end of the clause.
static TRAILING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?P<head>(?:the\s+)?same|identical|unchanged|as[\s-]is|as before|as ordered|everything else|all else|the rest)\b(?P<mid>[^,.;:!?()\n]{0,40}?)\s+otherwise(?P<end>\s*(?:[.,;:!?)]|$))",
    )
});

/// "otherwise identical", "otherwise the same", "otherwise unchanged".
static LEADING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\botherwise\s+(?P<what>identical|unchanged|(?:exactly\s+|just\s+)?the\s+(?:exact\s+)?same|same|as[\s-]is|as before|as ordered)\b",
    )
});

/// `text` with "otherwise" in the sense "in other respects" written as that.
pub(crate) fn descriptive_otherwise(text: &str) -> Cow<'_, str> {
    let lower = text.to_ascii_lowercase();
    if !lower.contains("otherwise") {
        return Cow::Borrowed(text);
    }
    let once = TRAILING.replace_all(text, "${head}${mid} in other respects${end}");
    match LEADING.replace_all(&once, "in other respects ${what}") {
        Cow::Borrowed(_) => once,
        Cow::Owned(s) => Cow::Owned(s),
    }
}

#[cfg(test)]
mod tests {
    use super::descriptive_otherwise;

    #[test]
    fn the_rest_staying_is_said_plainly() {
        assert_eq!(
            descriptive_otherwise(
                "I'd like it in silver instead of black, same 4K model otherwise."
            ),
            "I'd like it in silver instead of black, same 4K model in other respects."
        );
        assert_eq!(
            descriptive_otherwise("make it the 12 inch one, everything else as is otherwise"),
            "make it the 12 inch one, everything else as is in other respects"
        );
        assert_eq!(
            descriptive_otherwise("I want an otherwise identical lamp in white."),
            "I want an in other respects identical lamp in white."
        );
        assert_eq!(
            descriptive_otherwise("Black please, otherwise the same."),
            "Black please, in other respects the same."
        );
    }

    #[test]
    fn a_fallback_stays_a_fallback() {
        for text in [
            "Switch it to silver if you have it; otherwise cancel the order.",
            "Change it to black, otherwise leave it as is.",
            "If the same one comes in red, take that, or cancel it otherwise.",
            "Otherwise, please cancel.",
        ] {
            assert_eq!(descriptive_otherwise(text), text);
        }
    }
}
