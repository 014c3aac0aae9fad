//! The parts of a request that say what stays as it is ("I'll keep the black one", "the
//! white one is fine as is", "the maple one stays plain"), split from what it acts on. Used
//! to pick items (`slots/items.rs`) and to read the wanted variant (`slots/target.rs`).

use std::sync::LazyLock;

use regex::Regex;

use crate::text::re;

/// "No change to the tablet": said of what stays, in [`KEEPING`] and in the planner's checks.
pub(crate) const NO_CHANGE_TO: &str = r"no changes? (?:to|for|on|with)";

/// "the kettle and the earbuds don't need changing", "no change needed": said of what stays;
/// in [`KEEPING`] and in the planner's checks.
pub(crate) const NEEDS_NO_CHANGE: &str = r"(?:don'?t|doesn'?t|do not|does not) need (?:changing|to (?:be )?changed?|any changes?|a change)|no changes? (?:needed|necessary|required)";

/// "the only thing I really need from it is the camera": said of what stays while the rest
/// goes back; in [`KEEPING`] and in the planner's checks.
pub(crate) const ONLY_NEED: &str = r"the only (?:thing|item|one)s? (?:i|we) (?:really |actually |still |truly )?(?:need|want|like|use|care about)";

/// "keep", "hold on to", "no change to", or "stays" / "remains" said of what is kept ("the grey one stays",
/// "stays with me"), not of how it behaves ("the lamp stays on when switched off").
static KEEPING: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:keep(?:ing)?|hold on to|{NO_CHANGE_TO}|{ONLY_NEED}|{NEEDS_NO_CHANGE})\b|\b(?:stays?|remains?)(?:\s+(?:with me|as (?:it|they) (?:is|are)|as is|unchanged|the same|in the order|put|here))?\s*(?:[.,;!?)]|$)",
    ))
});

/// "the small white one is fine as is", "the maple one is fine": said of an item, what stays
/// (not in a conditional part: "if not, black is fine" is a second choice).
static FINE_AS_IS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:(?:one|ones|pair|it|they|them)\s+(?:is|are)\s+(?:fine|ok|okay|good|perfect)|(?:the|my)\s+(?:[\w-]+\s+){1,4}(?:is|are)\s+(?:fine|ok|okay|good|perfect)|leave (?:it|them)(?:\s+(?:alone|as (?:it|they) (?:is|are)|as is|be))?|(?:is|are)\s+(?:fine|ok|okay|good|perfect)\s+as\s+(?:is|it is|they are))\s*(?:[.,;!?)-]|$)",
    )
});
static CONDITIONAL_PART: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:if|otherwise|unless|or else|in case)\b"));

/// "the small white one for my kid is fine as is", "the maple one stays": a part said of an
/// item that stays as it is.
static STAYS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:stays?|remains?)(?:\s+(?:with me|as (?:it|they) (?:is|are)|as is|unchanged|the same|in the order|put|here|[\w-]+))?\s*(?:[.,;!?)]|$)",
    )
});

/// `text` without its parts that say an item stays as it is (see [`STAYS`], [`FINE_AS_IS`]):
/// they describe no target.
pub(super) fn without_staying(text: &str) -> String {
    // an aside in parentheses is a part of its own: "graphic instead of plain (the maple one
    // stays plain)"
    // "if the 80% one doesn't come with RGB, the white backlight is fine": after a condition
    // in the same sentence, "... is fine" is a second choice
    let mut conditional = false;
    let mut out = String::new();
    for p in clause_parts(text)
        .into_iter()
        .flat_map(|p| p.split_inclusive('('))
    {
        conditional |= CONDITIONAL_PART.is_match(p);
        let stays = STAYS.is_match(p) || (FINE_AS_IS.is_match(p) && !conditional);
        if !stays {
            out.push_str(p);
        }
        if p.trim_end().ends_with(['.', '!', '?']) {
            conditional = false;
        }
    }
    out
}

/// Where a clause turns from acting to keeping ("return the green one and keep the grey
/// one") or from keeping to acting ("keep the grey one but return the green one").
static TURN_TO_KEEP: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:and|but|while)\s+(?:i(?:'ll| will| want to| would like to|'d like to|'m going to| am going to| can) )?(?:keep|hold on to)\b",
    )
});
static TURN_TO_ACT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:and|but)\s+(?:(?:please|i(?:'d like to| would like to| want to| need to|'m|'ll| am| will)) )?(?:return(?:ing)?|exchang(?:e|ing)|send(?:ing)?|swap(?:ping)?|replac(?:e|ing)|chang(?:e|ing)|cancel(?:l?ing)?|remov(?:e|ing))\b",
    )
});

/// Where `text` turns from keeping to acting ("keeping the tablet and sending the rest
/// back"), if it does.
pub(crate) fn turn_to_act(text: &str) -> Option<usize> {
    TURN_TO_ACT.find(text).map(|m| m.start())
}

/// `text` split into the clauses that say what to act on and those that say what is kept
/// ("I'll keep the black one", "the large one stays", "return the green one and keep the
/// grey one").
pub(super) fn split_kept(text: &str) -> (String, String) {
    split_kept_where(text, |_| true)
}

/// [`split_kept`] for the kept clauses `which` accepts; the others stay with what to act on.
pub(super) fn split_kept_where(text: &str, which: impl Fn(&str) -> bool) -> (String, String) {
    let (mut act, mut keep) = (String::new(), String::new());
    let mut at = 0;
    for (start, end) in kept_spans(text) {
        if !which(&text[start..end]) {
            continue;
        }
        act.push_str(&text[at..start]);
        keep.push_str(&text[start..end]);
        at = end;
    }
    act.push_str(&text[at..]);
    (act, keep)
}

/// `text` cut after each `.`, `;`, `,`, `!`, `?`, dash, and a hyphen between spaces ("the
/// black helmet should be high - the white one is fine"), each part with its separator.
fn clause_parts(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    for (i, c) in text.char_indices() {
        let spaced_hyphen = c == '-'
            && i > 0
            && bytes[i - 1] == b' '
            && bytes.get(i + 1).is_some_and(|b| *b == b' ');
        if matches!(c, '.' | ';' | ',' | '!' | '?' | '\u{2013}' | '\u{2014}') || spaced_hyphen {
            let end = i + c.len_utf8();
            out.push(&text[from..end]);
            from = end;
        }
    }
    if from < text.len() {
        out.push(&text[from..]);
    }
    out
}

/// The byte ranges of `text` that say what is kept (see [`split_kept`]), in order.
pub(super) fn kept_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for part in clause_parts(text) {
        let base = offset;
        offset += part.len();
        let fine = || {
            (!CONDITIONAL_PART.is_match(part))
                .then(|| FINE_AS_IS.find(part))
                .flatten()
        };
        // "the earbuds keep falling out": "keep" before a gerund goes on doing, it keeps nothing
        let keeps = KEEPING.find_iter(part).find(|k| {
            let next = part[k.end()..]
                .split_whitespace()
                .next()
                .unwrap_or_default();
            !(k.as_str().to_lowercase().starts_with("keep") && next.ends_with("ing"))
        });
        let Some(k) = keeps.or_else(fine) else {
            continue;
        };
        if let Some(t) = TURN_TO_KEEP.find(part).filter(|t| t.start() < k.end()) {
            out.push((base + t.start(), base + part.len()));
        } else if let Some(open) = part[..k.start()].rfind('(') {
            // "the security camera for the 4K one (keep 130 degrees and ethernet)": an aside
            // keeps what it names, not what comes before or after it
            let close = part[k.end()..]
                .find(')')
                .map_or(part.len(), |c| k.end() + c + 1);
            out.push((base + open, base + close));
        } else if let Some(t) = TURN_TO_ACT.find_at(part, k.end()) {
            out.push((base, base + t.start()));
        } else {
            out.push((base, base + part.len()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::split_kept;

    #[test]
    fn what_is_kept_is_split_from_what_is_acted_on_within_a_clause() {
        let (act, keep) =
            split_kept("I'd like to return the green leather one and keep the grey one.");
        assert!(act.contains("green") && !act.contains("grey"), "{act}");
        assert!(keep.contains("grey") && !keep.contains("green"), "{keep}");
        let (act, keep) = split_kept("I'll keep the black pair but please return the white pair");
        assert!(act.contains("white") && keep.contains("black") && !keep.contains("white"));
        let (act, keep) = split_kept(
            "The only thing I really need from it is the camera. The boots and the tee go back.",
        );
        assert!(keep.contains("camera") && act.contains("boots") && !act.contains("camera"));
        // what stays describes no target, a second choice after a condition does
        let t = super::without_staying(
            "the graphic design instead of plain (the maple one stays plain). The black one is fine, leave it.",
        );
        assert!(
            t.contains("graphic") && !t.contains("maple") && !t.contains("black"),
            "{t}"
        );
        let t = super::without_staying(
            "an 80% one; if that doesn't come with RGB, the white backlight is fine.",
        );
        assert!(t.contains("white"), "{t}");
        // "keep falling out" goes on doing: nothing is kept
        let (act, keep) =
            split_kept("The white earbuds keep falling out of my ears, so I'll send them back.");
        assert!(keep.is_empty() && act.contains("earbuds"), "{keep}");
        // a sentence that only keeps stays whole, one that only acts too
        assert_eq!(
            split_kept("The tablet stays as it is.").1,
            "The tablet stays as it is."
        );
        // "keeping X and sending ... back": the turn to acting in the -ing form too
        let (act, keep) = split_kept(
            "I'm keeping the camera from my last delivery and sending everything else back.",
        );
        assert!(
            keep.contains("camera") && act.contains("everything else"),
            "{keep} | {act}"
        );
        let (act, keep) =
            split_kept("the indoor security camera for the 4K one (keep 130 degrees + ethernet),");
        assert!(
            act.contains("security camera") && keep.starts_with("(keep"),
            "{act} | {keep}"
        );
        let (act, keep) = split_kept("the luggage set to 4-piece (keep red hardshell) and the speaker to red (keep 20 hours)");
        assert!(
            act.contains("speaker") && !keep.contains("speaker"),
            "{act} | {keep}"
        );
        // "don't need changing" keeps what it is said of
        let (act, keep) = split_kept(
            "Desk lamp: switch to black, and the tea kettle and the earbuds don't need changing.",
        );
        assert!(
            act.contains("lamp") && keep.contains("kettle") && !act.contains("kettle"),
            "{act} | {keep}"
        );
        assert_eq!(
            split_kept("return the red and blue one").0,
            "return the red and blue one"
        );
    }
}
