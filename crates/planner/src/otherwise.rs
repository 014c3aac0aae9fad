//! "Otherwise" that means "in other respects", not "if not".
//!
//! "I'd like it in silver, same 4K waterproof model otherwise" and "an otherwise identical
//! one" describe the item wanted; "switch it to silver, otherwise cancel" is a fallback. The
//! conditional readings (`conditions`, the clause split, the checks for unread conditions)
//! take every "otherwise" as a fallback, which made the colour change above a fallback of the
//! request before it, never planned. So the descriptive uses are said plainly first.
//!
//! "Keep" said of an item's other options is the same statement: "skateboard 31 inch -> 34
//! inch, keep everything else about it the same" keeps no item. The keep readings (what
//! stays, what the customer spoke for) took the skateboard as kept, so the request on it was
//! neither planned nor asked about while the rest of the e-mail was carried out.

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

/// "keep everything else about it", "keeping the rest of it", "keep all the other specs",
/// "keep the same colour": what follows "keep" is options of the item, not an item ("keep
/// the same one" is an item, and stays).
static KEEP_OPTIONS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:keep(?:ing)?|leav(?:e|ing))\s+(?P<what>(?:everything|all|anything)\s+else\s+(?:about|on|of|for|with)\s+(?:it|them|that|this|those|the\s+[\w-]+)|the\s+rest\s+of\s+(?:it|them|its|their)\b|(?:all\s+)?(?:the\s+|its\s+|their\s+)?other\s+(?:options|specs|specifications|details|features|settings|attributes)|the\s+same\s+(?:colou?r|size|material|style|finish|capacity|length|model|type|design|brand|fit|specs|options|features|everything))\b",
    )
});

/// `text` with "keep" said of an item's options dropped: "skateboard 31 inch -> 34 inch,
/// everything else about it the same".
pub(crate) fn descriptive_keep(text: &str) -> Cow<'_, str> {
    KEEP_OPTIONS.replace_all(text, "${what}")
}

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
    fn keeping_an_items_options_keeps_no_item() {
        use super::descriptive_keep;
        assert_eq!(
            descriptive_keep(
                "skateboard 31 inch to 34 inch, keep everything else about it the same."
            ),
            "skateboard 31 inch to 34 inch, everything else about it the same."
        );
        assert_eq!(
            descriptive_keep("Exchange it for a large and keep the same colour please."),
            "Exchange it for a large and the same colour please."
        );
        assert_eq!(
            descriptive_keep("the black one, keeping all the other specs"),
            "the black one, all the other specs"
        );
        for kept in [
            "Keep the same one, I changed my mind.",
            "I'll keep the rest.",
            "keep everything else in the order",
            "Keep the lamp and return the rest of the order.",
        ] {
            assert_eq!(descriptive_keep(kept), kept);
        }
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
