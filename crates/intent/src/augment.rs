//! Training-time noise: copies of the training rows written the way people
//! type a request into a box (words left out, typos), so that the model does
//! not learn that an intent needs a template's whole sentence.
//!
//! Datasets such as Bitext phrase every request as a full, well-spelt
//! sentence ("I need help canceling the order I made"); people write "cancel
//! order pls" or "wheres my pakage". A noisy copy drops each word with some
//! chance (at least one word stays) and gives some of the longer words one
//! typo (a letter deleted, doubled, swapped with the next, or replaced by a
//! neighbouring key). The copies of a row depend only on the row's text and
//! the seed, so training twice on the same data gives the same model, and
//! the copies of a calibration row never reach the rows the model is fit on.

use serde::{Deserialize, Serialize};

use crate::data::Example;
use crate::rng::SplitMix64;

/// How many noisy copies of each training row are added, and how noisy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AugmentConfig {
    /// Noisy copies added per training row (0 = none).
    pub copies: usize,
    /// Chance that a word is left out of a copy.
    pub drop_word: f64,
    /// Chance that a function word ("I", "the", "could", "with": [`FUNCTION_WORDS`]) is left
    /// out instead; people who type a request into a box keep its content words ("cancel
    /// order pls") and leave out the grammar around them.
    pub drop_function_word: f64,
    /// Chance that a word of four or more letters gets one typo.
    pub typo: f64,
    /// Mixed with each row's text to seed its copies.
    pub seed: u64,
    /// Whether the copies also join the rows the embedding network is
    /// fine-tuned on (fine-tuning then takes `1 + copies` times as long).
    pub fine_tune: bool,
}

/// Off by default (`copies` = 0): measured on held-out sets (crate README),
/// copies helped the retail router on long e-mails but not the Bitext model
/// on short requests, and they cost CLINC150 out-of-scope recall.
impl Default for AugmentConfig {
    fn default() -> Self {
        Self {
            copies: 0,
            drop_word: 0.3,
            drop_function_word: 0.3,
            typo: 0.15,
            seed: 7,
            fine_tune: false,
        }
    }
}

impl AugmentConfig {
    /// Two copies per row: what the shipped retail model is trained with.
    pub fn two() -> Self {
        Self {
            copies: 2,
            ..Self::default()
        }
    }
}

/// The noisy copies of `rows` (not the rows themselves): up to
/// `cfg.copies` per row, each labelled as its row; a copy equal to its row
/// or to an earlier copy of it is left out.
pub fn noisy_copies(rows: &[Example], cfg: &AugmentConfig) -> Vec<Example> {
    if cfg.copies == 0 {
        return Vec::new();
    }
    let mut out = Vec::with_capacity(rows.len() * cfg.copies);
    for row in rows {
        let mut rng = SplitMix64::new(cfg.seed ^ text_hash(&row.text));
        let mut seen: Vec<String> = vec![row.text.to_lowercase()];
        for _ in 0..cfg.copies {
            let copy = noisy(&row.text, cfg, &mut rng);
            if !copy.is_empty() && !seen.contains(&copy) {
                seen.push(copy.clone());
                out.push(Example::new(copy, row.intent.clone()));
            }
        }
    }
    out
}

/// One noisy, lower-cased copy of `text`.
fn noisy(text: &str, cfg: &AugmentConfig, rng: &mut SplitMix64) -> String {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let keep = if words.len() > 1 {
        let kept: Vec<bool> = words
            .iter()
            .map(|w| {
                let p = if FUNCTION_WORDS.contains(&w.as_str()) {
                    cfg.drop_function_word
                } else {
                    cfg.drop_word
                };
                chance(rng) >= p
            })
            .collect();
        if kept.iter().any(|k| *k) {
            kept
        } else {
            // everything dropped: keep one word at random
            let one = rng.below(words.len());
            (0..words.len()).map(|i| i == one).collect()
        }
    } else {
        vec![true; words.len()]
    };
    let mut out = String::with_capacity(text.len());
    for (w, k) in words.iter().zip(keep) {
        if !k {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        if w.chars().count() >= 4 && chance(rng) < cfg.typo {
            out.push_str(&typo(w, rng));
        } else {
            out.push_str(w);
        }
    }
    out
}

/// English function words: pronouns, articles, auxiliaries and modals, prepositions,
/// conjunctions and the politeness around a request. A general list, not one chosen from
/// any data set's rows.
pub const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "am", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by", "can",
    "could", "did", "do", "does", "for", "from", "had", "has", "have", "how", "i", "i'd", "i'm",
    "if", "in", "is", "it", "it's", "just", "kindly", "let", "me", "might", "my", "of", "on", "or",
    "please", "should", "so", "some", "that", "the", "there", "this", "to", "u", "us", "was", "we",
    "were", "what", "when", "where", "which", "will", "with", "would", "you", "your",
];

/// `word` with one typo.
fn typo(word: &str, rng: &mut SplitMix64) -> String {
    let mut chars: Vec<char> = word.chars().collect();
    // never the first letter: people rarely miss it, and it anchors the word
    let at = 1 + rng.below(chars.len() - 1);
    match rng.below(4) {
        0 => {
            chars.remove(at);
        }
        1 => chars.insert(at, chars[at]),
        2 if at + 1 < chars.len() => chars.swap(at, at + 1),
        2 => chars.swap(at - 1, at),
        _ => {
            if let Some(near) = neighbour(chars[at], rng) {
                chars[at] = near;
            }
        }
    }
    chars.into_iter().collect()
}

/// A key next to `c` on a QWERTY keyboard.
fn neighbour(c: char, rng: &mut SplitMix64) -> Option<char> {
    const ROWS: [&str; 3] = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
    let (r, i) = ROWS
        .iter()
        .enumerate()
        .find_map(|(r, row)| row.find(c).map(|i| (r, i)))?;
    let row = ROWS[r].as_bytes();
    let mut near: Vec<char> = Vec::with_capacity(2);
    if i > 0 {
        near.push(char::from(row[i - 1]));
    }
    if i + 1 < row.len() {
        near.push(char::from(row[i + 1]));
    }
    (!near.is_empty()).then(|| near[rng.below(near.len())])
}

/// A uniform draw in `[0, 1)`.
fn chance(rng: &mut SplitMix64) -> f64 {
    (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
}

/// FNV-1a of the text: the per-row part of a copy's seed.
fn text_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows() -> Vec<Example> {
        vec![
            Example::new(
                "I would like to cancel the order I made yesterday",
                "cancel",
            ),
            Example::new("Where can I check the status of my package?", "track"),
            Example::new("refund", "refund"),
        ]
    }

    #[test]
    fn copies_are_noisy_labelled_and_reproducible() {
        let cfg = AugmentConfig::two();
        let a = noisy_copies(&rows(), &cfg);
        assert_eq!(a, noisy_copies(&rows(), &cfg));
        // a one-word row without a typo has no distinct copy to give
        assert!(a.len() >= 4 && a.len() <= 6, "{a:?}");
        for copy in &a {
            let source = rows()
                .into_iter()
                .find(|r| r.intent == copy.intent)
                .unwrap();
            assert_ne!(copy.text, source.text.to_lowercase());
            assert!(!copy.text.is_empty());
            assert!(copy.text.split(' ').count() <= source.text.split(' ').count());
            assert_eq!(copy.text, copy.text.to_lowercase());
        }
        let other = noisy_copies(
            &rows(),
            &AugmentConfig {
                seed: 8,
                ..cfg.clone()
            },
        );
        assert_ne!(a, other);
        assert!(noisy_copies(&rows(), &AugmentConfig::default()).is_empty());
    }

    #[test]
    fn a_row_always_keeps_a_word() {
        let cfg = AugmentConfig {
            copies: 20,
            drop_word: 1.0,
            drop_function_word: 1.0,
            typo: 0.0,
            seed: 1,
            fine_tune: false,
        };
        let copies = noisy_copies(&rows()[..1], &cfg);
        assert!(!copies.is_empty());
        for c in copies {
            assert_eq!(c.text.split(' ').count(), 1, "{c:?}");
        }
    }

    #[test]
    fn function_words_can_go_while_content_words_stay() {
        let cfg = AugmentConfig {
            copies: 3,
            drop_word: 0.0,
            drop_function_word: 1.0,
            typo: 0.0,
            seed: 1,
            fine_tune: false,
        };
        let copies = noisy_copies(&rows()[..2], &cfg);
        let texts: Vec<&str> = copies.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            texts,
            ["like cancel order made yesterday", "check status package"],
            "one distinct copy per row: every function word out, every other word in"
        );
    }

    #[test]
    fn typos_change_one_letter_and_keep_the_first() {
        let mut rng = SplitMix64::new(3);
        for _ in 0..200 {
            let t = typo("package", &mut rng);
            assert!(t.starts_with('p'), "{t}");
            let diff = t.len().abs_diff("package".len());
            assert!(diff <= 1, "{t}");
        }
    }
}
