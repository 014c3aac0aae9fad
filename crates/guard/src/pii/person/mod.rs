//! Person-name recogniser: runs of capitalised tokens that are not ordinary
//! words, with context cues ("my name is", "Mr.", "Dear", "User:", ...).
//!
//! "Ordinary word" means: seen in lower case at least twice in the shipped
//! support and help-centre corpora (Bitext, Banking77, CLINC150, the banking
//! help centre), which are compiled into the crate. No name list is used.
//!
//! The rules propose candidates; a logistic filter trained on the tuning split of the
//! Presidio research set ([`model`]) decides which are names (the rules' own verdict is
//! one of its features).

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use super::geo::is_geo;
use super::{PiiKind, PiiSpan};

pub mod features;
pub mod model;

const CORPORA: [&str; 4] = [
    include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/intents/bitext_dev.csv"
    )),
    include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/intents/banking77_train.csv"
    )),
    include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/intents/clinc150_train.csv"
    )),
    include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/helpcenter/banking/documents.jsonl"
    )),
];

/// Lower-case words seen at least twice in lower case in the corpora.
static COMMON: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let mut counts: HashMap<&str, u32> = HashMap::new();
    for corpus in CORPORA {
        for w in corpus.split(|c: char| !c.is_alphabetic() && c != '\'') {
            let w = w.trim_matches('\'');
            if !w.is_empty() && w.chars().all(char::is_lowercase) {
                *counts.entry(w).or_insert(0) += 1;
            }
        }
    }
    counts
        .into_iter()
        .filter(|(_, n)| *n >= 2)
        .map(|(w, _)| w.to_string())
        .collect()
});

/// Whether `word` (any case) is an ordinary lower-case word of the corpora ("brown",
/// "rose"), so that, alone, it does not stand for a name.
pub fn is_common_word(word: &str) -> bool {
    COMMON.contains(&word.to_lowercase())
}

/// Cues that make the following capitalised token(s) a name.
const STRONG_CUES: &[&str] = &[
    "name is",
    "name's",
    "named",
    "called",
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "dear",
    "hi",
    "hello",
    "user:",
    "name:",
    "name?",
    "sincerely",
    "regards",
    "partner's",
    "i am",
    "i'm",
    "this is",
    "call me",
];

/// Weaker cues, trusted only for multi-word runs.
const WEAK_CUES: &[&str] = &[
    "under", "by", "thanks", "contact", "customer", "ask for", "speak to", "talk to", "with",
];

/// Tokens that end organisation names rather than person names.
const ORG_WORDS: &[&str] = &[
    "inc",
    "inc.",
    "corp",
    "corporation",
    "ltd",
    "llc",
    "gmbh",
    "co",
    "co.",
    "company",
    "group",
    "bank",
    "university",
    "orchestra",
    "weekly",
    "times",
    "news",
    "institute",
    "foundation",
    "association",
    "club",
    "street",
    "avenue",
    "insurance",
    "systems",
    "consulting",
    "capital",
    "solutions",
    "technologies",
    "technology",
    "partners",
    "holdings",
    "services",
    "labs",
    "media",
    "agency",
    "international",
    "industries",
    "enterprises",
    "bancorp",
    "financial",
    "analytics",
    "software",
    "networks",
    "motors",
    "airlines",
    "hotel",
    "restaurant",
    "statement",
];

/// Function words that never appear inside a person name (title-case runs
/// such as song titles contain them).
const FUNCTION_WORDS: &[&str] = &[
    "my", "to", "the", "of", "and", "for", "a", "an", "in", "on", "with", "is", "are", "you",
    "you're", "your", "i", "we", "it", "this", "that", "at", "from", "by", "be", "not", "but",
    "or", "so", "me", "our",
];

/// What may follow a lone name: a verb of a short biographical sentence, a
/// conjunction joining another name, a vocative comma, or a speaker colon.
static AFTER_NAME: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(
        r"^(?:['’]s\b| (?:is|was|had|has|have|lives|lived|said|says|spent|began|begins|flew|went|and|&|or|will|would|can|could|called|wrote|told|asked|named|recorded|sang|joined|works|worked)\b|, |:[ \t]+\S)",
    )
    .expect("static regex compiles")
});

/// Words that, alone, are never a name: sentence adverbs, greetings and answers that open a
/// support e-mail's sentence followed by a comma ("Also, can I change the address?", "Hi,",
/// "Thanks,") in the same place a vocative name would stand.
const NEVER_ALONE: &[&str] = &[
    "also",
    "however",
    "therefore",
    "anyway",
    "anyways",
    "actually",
    "besides",
    "meanwhile",
    "otherwise",
    "still",
    "then",
    "thanks",
    "thank",
    "hi",
    "hello",
    "hey",
    "yes",
    "no",
    "ok",
    "okay",
    "please",
    "sorry",
    "well",
    "now",
    "finally",
    "first",
    "firstly",
    "second",
    "secondly",
    "lastly",
    "additionally",
    "unfortunately",
    "honestly",
    "btw",
    "again",
    "plus",
    "oh",
    "ah",
    "sure",
    "great",
    "perfect",
    "cheers",
    "regards",
    "sincerely",
    "today",
    "tomorrow",
    "yesterday",
    "instead",
    "unless",
    "if",
    "when",
    "where",
    "what",
    "why",
    "how",
    "which",
    "who",
    "update",
    "p.s",
    "ps",
    "note",
    "fyi",
    "asap",
    "urgent",
];

/// Particles allowed inside a name (`van`, `de`, ...).
const PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "da", "di", "del", "la", "le", "du", "dos", "bin", "al",
];

fn is_common(word: &str) -> bool {
    COMMON.contains(&word.to_lowercase())
}

#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let part = c.is_alphabetic() || c == '\'' || c == '’' || c == '-' || c == '.';
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Token {
                    text: &text[s..i],
                    start: s,
                    end: i,
                });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(Token {
            text: &text[s..],
            start: s,
            end: text.len(),
        });
    }
    out
}

/// Core word of a token: without trailing `.`, possessive `'s` or hyphens.
fn core(tok: &str) -> &str {
    let t = tok.trim_end_matches('.');
    let t = t
        .strip_suffix("'s")
        .or_else(|| t.strip_suffix("’s"))
        .unwrap_or(t);
    t.trim_matches(|c| c == '\'' || c == '’' || c == '-')
}

fn capitalised(word: &str) -> bool {
    let mut cs = word.chars();
    match cs.next() {
        Some(first) if first.is_uppercase() => {
            let rest: Vec<char> = cs.collect();
            // Either an initial ("J") or a word with some lower-case letters.
            rest.is_empty() || rest.iter().any(|c| c.is_lowercase())
        }
        _ => false,
    }
}

fn is_initial(word: &str) -> bool {
    word.chars().count() == 1 && word.chars().all(char::is_uppercase)
}

/// `true` when the text just before `start` ends a sentence (or is empty).
fn sentence_start(text: &str, start: usize) -> bool {
    let before = text
        .get(..start)
        .unwrap_or("")
        .trim_end_matches([' ', '"', '\'', '(']);
    before.is_empty() || before.ends_with(['.', '!', '?', '\n', ':', '>', '“'])
}

fn has_cue(text: &str, start: usize, cues: &[&str]) -> bool {
    let before = text.get(..start).unwrap_or("").trim_end().to_lowercase();
    let before = before.trim_end_matches(['.', ',']);
    cues.iter().any(|cue| {
        before.ends_with(cue)
            && before[..before.len() - cue.len()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// A capitalised run that may be a name: its span, what the hand-written rules say of it,
/// and the features the learned filter ([`model`]) weighs.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Byte offsets of the run (without a possessive `'s`).
    pub start: usize,
    /// End of the run.
    pub end: usize,
    /// Whether the hand-written rules alone take it for a name.
    pub by_rules: bool,
    /// Feature names (hashed into the model's input).
    pub features: Vec<String>,
}

/// Person spans in `text`, skipping anything overlapping `taken`: the candidates the
/// shipped filter accepts.
pub fn find(text: &str, taken: &[PiiSpan]) -> Vec<PiiSpan> {
    find_with(model::shipped(), text, taken)
}

/// Person spans: the candidates `model` accepts.
pub fn find_with(model: &model::PersonModel, text: &str, taken: &[PiiSpan]) -> Vec<PiiSpan> {
    spans(text, taken, |c| model.accepts(c))
}

/// Person spans by the hand-written rules alone (the filter's first feature).
pub fn find_by_rules(text: &str, taken: &[PiiSpan]) -> Vec<PiiSpan> {
    spans(text, taken, |c| c.by_rules)
}

fn spans(text: &str, taken: &[PiiSpan], keep: impl Fn(&Candidate) -> bool) -> Vec<PiiSpan> {
    candidates(text, taken)
        .into_iter()
        .filter(|c| keep(c))
        .map(|c| PiiSpan {
            kind: PiiKind::Person,
            start: c.start,
            end: c.end,
        })
        .collect()
}

/// Every run of capitalised tokens outside `taken` (without leading ordinary words, unless
/// it has nothing else), but a lone contraction.
pub fn candidates(text: &str, taken: &[PiiSpan]) -> Vec<Candidate> {
    let toks = tokens(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let w = core(toks[i].text);
        if !capitalised(w) {
            i += 1;
            continue;
        }
        // Grow a run of capitalised tokens (and particles) separated by single spaces.
        let mut j = i + 1;
        while j < toks.len() {
            let gap = text.get(toks[j - 1].end..toks[j].start).unwrap_or("x");
            let wj = core(toks[j].text);
            let joinable = gap == " " && (capitalised(wj) || PARTICLES.contains(&wj));
            if !joinable || toks[j - 1].text.ends_with("'s") {
                break;
            }
            j += 1;
        }
        let mut run: Vec<Token> = toks[i..j].to_vec();
        let after_possessive = i > 0 && {
            let prev = toks[i - 1].text;
            (prev.ends_with("'s") || prev.ends_with("’s")) && capitalised(core(prev))
        };
        let run_start = i;
        i = j;
        // Drop leading ordinary words ("Unlike", "Maybe", "Why" at a sentence's start) and
        // contractions ("I'm"); a run of nothing else stays whole, a candidate for the filter
        // ("Frank", "Mary").
        let leading = |t: &Token| {
            let w = core(t.text);
            (is_common(w) && (sentence_start(text, t.start) || !is_initial(w))) || contraction(w)
        };
        let skip = run.iter().position(|t| !leading(t)).unwrap_or(0);
        run.drain(..skip);
        while run
            .last()
            .is_some_and(|t| PARTICLES.contains(&core(t.text)))
        {
            run.pop();
        }
        let (Some(first), Some(last)) = (run.first().copied(), run.last().copied()) else {
            continue;
        };
        let words: Vec<&str> = run.iter().map(|t| core(t.text)).collect();
        let uncommon = words
            .iter()
            .filter(|w| !is_initial(w) && !is_common(w))
            .count();
        if words.len() == 1
            && (contraction(words[0]) || NEVER_ALONE.contains(&words[0].to_lowercase().as_str()))
        {
            continue;
        }
        let end = last.start + core_end(last.text);
        if end <= first.start || taken.iter().any(|t| t.start < end && first.start < t.end) {
            continue;
        }
        let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        let org = lower.iter().any(|w| ORG_WORDS.contains(&w.as_str()));
        let function = lower.iter().any(|w| FUNCTION_WORDS.contains(&w.as_str()));
        let geo = lower.iter().any(|w| is_geo(w));
        let strong = has_cue(text, first.start, STRONG_CUES);
        let weak = has_cue(text, first.start, WEAK_CUES);
        let after = text.get(last.end..).unwrap_or("");
        let after_ok =
            AFTER_NAME.is_match(after) || last.text.ends_with("'s") || last.text.ends_with("’s");
        let at_start = sentence_start(text, first.start);
        let by_rules = uncommon > 0
            && !after_possessive
            && !org
            && !function
            && !geo
            && match words.len() {
                1 => strong || after_ok || (!at_start && SINGLE_MID_SENTENCE),
                _ => strong || weak || uncommon >= 2 || !at_start || after_ok,
            };
        let cues = features::Cues {
            by_rules,
            after_possessive,
            org,
            function,
            geo,
            strong,
            weak,
            after_ok,
            at_start,
            uncommon,
        };
        let before: Vec<&str> = toks[run_start.saturating_sub(2)..run_start]
            .iter()
            .map(|t| t.text)
            .collect();
        let next: Vec<&str> = toks[i..(i + 2).min(toks.len())]
            .iter()
            .map(|t| t.text)
            .collect();
        out.push(Candidate {
            start: first.start,
            end,
            by_rules,

            features: features::of(text, first.start, end, &words, &before, &next, cues),
        });
    }
    out
}

/// Whether a lone uncommon capitalised word in mid-sentence counts as a name.
const SINGLE_MID_SENTENCE: bool = true;

/// `I'd`, `C'mon`: an apostrophe followed by at most two lower-case letters.
fn contraction(word: &str) -> bool {
    word.split_once(['\'', '’'])
        .is_some_and(|(_, tail)| tail.chars().count() <= 3 && tail.chars().all(char::is_lowercase))
}

/// Byte length of the name part of a token (drops `'s` and trailing dots,
/// but keeps the dot of an initial such as `D.`).
fn core_end(tok: &str) -> usize {
    let c = core(tok);
    match tok.find(c) {
        Some(off) => {
            let end = off + c.len();
            if is_initial(c) && tok[end..].starts_with('.') {
                end + 1
            } else {
                end
            }
        }
        None => tok.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<&str> {
        find(text, &[])
            .into_iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn names_with_cues() {
        assert_eq!(names("My name is Rubija"), vec!["Rubija"]);
        assert_eq!(
            names("please correct it to Dr. Cettina Fanucci?"),
            vec!["Cettina Fanucci"]
        );
        assert_eq!(
            names("Bot: What's the name on the account? User: Šárka Ottová"),
            vec!["Šárka Ottová"]
        );
    }

    #[test]
    fn names_mid_sentence() {
        // The title after the possessive is a known false positive of the filter: the
        // rules' exclusions (possessive, organisation and function words, places) are its
        // features, not vetoes, because as vetoes they cost F1 in cross-validation.
        assert!(
            names("the verses from Faina D. Yefremova's Cautionary Tales")
                .contains(&"Faina D. Yefremova")
        );
        assert_eq!(names("Thanks, Keiko Watanabe"), vec!["Keiko Watanabe"]);
    }

    #[test]
    fn ordinary_support_text_has_no_names() {
        assert!(names("I want to cancel my order. Where is my refund?").is_empty());
        assert!(names("How do I change my Shipping Address?").is_empty());
        // a sentence adverb or a greeting before a comma stands where a vocative name would
        for t in [
            "Also, can I change the address?",
            "Hi, where is my order?",
            "Thanks, that helps.",
            "However, the lamp is broken.",
        ] {
            assert!(names(t).is_empty(), "{t}: {:?}", names(t));
        }
        assert_eq!(names("Frank, can I change the address?"), vec!["Frank"]);
    }
}
