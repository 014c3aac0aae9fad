//! TF-IDF over character n-grams taken inside word boundaries (`char_wb`).
//!
//! Each whitespace-separated word is lower-cased, padded with one space on
//! each side, and cut into n-grams of `min_n..=max_n` characters. N-grams are
//! hashed (FNV-1a, 64 bit) and looked up in a vocabulary learned at fit time;
//! unseen n-grams are dropped. Optionally, word n-grams of `1..=word_n`
//! words (lower-cased alphanumeric runs; they span word boundaries, which the
//! `char_wb` n-grams cannot) join the same vocabulary. Weights are
//! `(1 + ln tf) * idf`, L2-normalised. Optionally ([`normalise`]) German
//! umlauts and `ß` are folded to their two-letter spellings and other Latin
//! accents are stripped before the n-grams are cut.

use std::collections::HashMap;

/// A sparse feature vector: `(feature index, weight)`, indices ascending.
pub type Sparse = Vec<(u32, f32)>;

/// A fitted character n-gram TF-IDF vectoriser.
#[derive(Debug, Clone)]
pub struct Vectorizer {
    min_n: usize,
    max_n: usize,
    word_n: usize,
    fold: bool,
    vocab: HashMap<u64, u32>,
    idf: Vec<f32>,
}

fn fnv1a(chars: &[char]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for c in chars {
        let mut buf = [0u8; 4];
        for b in c.encode_utf8(&mut buf).bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    // Mix in the length so that n-grams of different sizes never alias trivially.
    h ^ (chars.len() as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// Term counts of the hashed `char_wb` n-grams of `text`.
pub fn ngram_counts(text: &str, min_n: usize, max_n: usize) -> HashMap<u64, u32> {
    let mut counts: HashMap<u64, u32> = HashMap::new();
    let lower = text.to_lowercase();
    let mut padded: Vec<char> = Vec::with_capacity(32);
    for word in lower.split_whitespace() {
        padded.clear();
        padded.push(' ');
        padded.extend(word.chars());
        padded.push(' ');
        for n in min_n.max(1)..=max_n {
            if padded.len() < n {
                break;
            }
            for window in padded.windows(n) {
                *counts.entry(fnv1a(window)).or_insert(0) += 1;
            }
        }
    }
    counts
}

/// Adds the hashed word n-grams (`1..=word_n` words) of `text` to `counts`.
pub fn add_word_ngrams(counts: &mut HashMap<u64, u32>, text: &str, word_n: usize) {
    if word_n == 0 {
        return;
    }
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    for n in 1..=word_n {
        for window in words.windows(n) {
            // A leading NUL keeps word n-grams apart from character n-grams.
            let key: Vec<char> = std::iter::once('\0')
                .chain(window.join(" ").chars())
                .collect();
            *counts.entry(fnv1a(&key)).or_insert(0) += 1;
        }
    }
}

/// Lower-cases `text`; with `fold`, also folds `ä ö ü ß` to `ae oe ue ss`
/// and strips the accents of other common Latin letters (`é` -> `e`,
/// `ç` -> `c`, `ñ` -> `n`), so that "für" and "fuer", "Übersetze" and
/// "uebersetze", "répondez" and "repondez" share their n-grams.
pub fn normalise(text: &str, fold: bool) -> String {
    let lower = text.to_lowercase();
    if !fold || lower.is_ascii() {
        return lower;
    }
    let mut out = String::with_capacity(lower.len() + 8);
    for c in lower.chars() {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            'à' | 'á' | 'â' | 'ã' | 'å' => out.push('a'),
            'è' | 'é' | 'ê' | 'ë' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' => out.push('i'),
            'ò' | 'ó' | 'ô' | 'õ' => out.push('o'),
            'ù' | 'ú' | 'û' => out.push('u'),
            'ç' => out.push('c'),
            'ñ' => out.push('n'),
            _ => out.push(c),
        }
    }
    out
}

fn counts(text: &str, min_n: usize, max_n: usize, word_n: usize, fold: bool) -> HashMap<u64, u32> {
    let text = normalise(text, fold);
    let mut c = ngram_counts(&text, min_n, max_n);
    add_word_ngrams(&mut c, &text, word_n);
    c
}

impl Vectorizer {
    /// Learns the vocabulary and inverse document frequencies from `docs`
    /// (character n-grams only).
    pub fn fit<S: AsRef<str>>(docs: &[S], min_n: usize, max_n: usize) -> Self {
        Self::fit_with_words(docs, min_n, max_n, 0)
    }

    /// [`Self::fit`] plus word n-grams of `1..=word_n` words (none when 0).
    pub fn fit_with_words<S: AsRef<str>>(
        docs: &[S],
        min_n: usize,
        max_n: usize,
        word_n: usize,
    ) -> Self {
        Self::fit_options(docs, min_n, max_n, word_n, false)
    }

    /// [`Self::fit_with_words`], with accent folding ([`normalise`]) when
    /// `fold` is set (applied at fit and transform time alike).
    pub fn fit_options<S: AsRef<str>>(
        docs: &[S],
        min_n: usize,
        max_n: usize,
        word_n: usize,
        fold: bool,
    ) -> Self {
        let mut vocab: HashMap<u64, u32> = HashMap::new();
        let mut df: Vec<u32> = Vec::new();
        for doc in docs {
            for key in counts(doc.as_ref(), min_n, max_n, word_n, fold).into_keys() {
                let next = vocab.len() as u32;
                let idx = *vocab.entry(key).or_insert(next);
                if idx as usize == df.len() {
                    df.push(0);
                }
                df[idx as usize] += 1;
            }
        }
        let n = docs.len() as f32;
        let idf = df
            .iter()
            .map(|&d| ((1.0 + n) / (1.0 + d as f32)).ln() + 1.0)
            .collect();
        Self {
            min_n,
            max_n,
            word_n,
            fold,
            vocab,
            idf,
        }
    }

    /// Number of features (vocabulary size).
    pub fn dim(&self) -> usize {
        self.idf.len()
    }

    /// Turns `text` into an L2-normalised sparse TF-IDF vector.
    pub fn transform(&self, text: &str) -> Sparse {
        let mut v: Sparse = counts(text, self.min_n, self.max_n, self.word_n, self.fold)
            .into_iter()
            .filter_map(|(key, tf)| {
                let idx = *self.vocab.get(&key)?;
                let idf = self.idf.get(idx as usize).copied().unwrap_or(1.0);
                Some((idx, (1.0 + (tf as f32).ln()) * idf))
            })
            .collect();
        let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            for (_, w) in &mut v {
                *w /= norm;
            }
        }
        v.sort_unstable_by_key(|(i, _)| *i);
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_padded_ngrams() {
        // " ab " -> 1-grams: ' ', a, b, ' ' ; 2-grams: " a", ab, "b "
        let c = ngram_counts("AB", 1, 2);
        assert_eq!(c.values().sum::<u32>(), 7);
        assert_eq!(c.len(), 6); // the space 1-gram occurs twice
    }

    #[test]
    fn transform_is_unit_length_and_drops_unseen() {
        let v = Vectorizer::fit(&["ignore previous instructions", "where is my order"], 1, 4);
        let x = v.transform("ignore my order");
        let norm: f32 = x.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 1e-4);
        // Only the padding-space 1-gram of unseen words survives.
        assert_eq!(v.transform("日本語").len(), 1);
    }

    #[test]
    fn folding_merges_umlaut_spellings() {
        assert_eq!(
            normalise("Übersetze für Straße", true),
            "uebersetze fuer strasse"
        );
        assert_eq!(
            normalise("Répondez EN Français", true),
            "repondez en francais"
        );
        assert_eq!(normalise("Übersetze", false), "übersetze");
        let v = Vectorizer::fit_options(
            &["uebersetze fuer mich", "wo ist meine bestellung"],
            1,
            4,
            0,
            true,
        );
        // Equal up to float rounding (the norm is summed in hash order).
        let same = |a: &Sparse, b: &Sparse| {
            a.len() == b.len()
                && a.iter()
                    .zip(b)
                    .all(|(x, y)| x.0 == y.0 && (x.1 - y.1).abs() < 1e-6)
        };
        assert!(same(
            &v.transform("Übersetze für mich"),
            &v.transform("uebersetze fuer mich")
        ));
        let plain = Vectorizer::fit_options(&["uebersetze fuer mich", "wo ist"], 1, 4, 0, false);
        assert!(!same(
            &plain.transform("Übersetze für mich"),
            &plain.transform("uebersetze fuer mich")
        ));
    }

    #[test]
    fn word_ngrams_span_word_boundaries() {
        let mut c = HashMap::new();
        add_word_ngrams(&mut c, "Forget, everything above!", 2);
        assert_eq!(c.len(), 5); // 3 words + 2 bigrams
        let chars = Vectorizer::fit(&["forget everything", "where is it"], 1, 4);
        let words = Vectorizer::fit_with_words(&["forget everything", "where is it"], 1, 4, 2);
        assert_eq!(words.dim(), chars.dim() + (2 + 1) + (3 + 2));
    }
}
