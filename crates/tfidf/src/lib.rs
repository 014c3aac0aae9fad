//! frontdesk-tfidf: the one sparse TF-IDF core of the project, used by the
//! router's intent model (`frontdesk-intent`, re-exported there as
//! `features`) and by the prompt-injection detector (`frontdesk-guard`).
//!
//! Text featurisation: normalisation, hashed word 1-2-grams and character
//! 2-5-grams within word boundaries (both ranges configurable), TF-IDF with
//! sublinear tf, and per-block L2 normalisation (the word block and the
//! character block each get unit norm, as a union of two TF-IDF vectorisers
//! would).
//!
//! N-grams are identified by a stable 64-bit FNV-1a hash of their bytes and a
//! kind tag, so the vocabulary is a set of integers: no strings are allocated
//! per n-gram at classification time. The hashes are part of every saved
//! model: changing normalisation or hashing invalidates them
//! (`crates/intent/tests/golden_model.rs` pins a saved model's scores).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use serde::{Deserialize, Serialize};

/// Which n-grams to extract and how to prune the vocabulary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeatureConfig {
    /// Longest word n-gram (1 = unigrams only).
    pub max_word_ngram: usize,
    /// Shortest character n-gram (0 disables character n-grams).
    pub min_char_ngram: usize,
    /// Longest character n-gram.
    pub max_char_ngram: usize,
    /// Minimum document frequency for an n-gram to enter the vocabulary.
    pub min_df: u32,
    /// Weight of the character block relative to the word block.
    pub char_weight: f32,
}

impl Default for FeatureConfig {
    fn default() -> Self {
        Self {
            max_word_ngram: 2,
            min_char_ngram: 2,
            max_char_ngram: 5,
            min_df: 2,
            char_weight: 1.0,
        }
    }
}

/// A sparse, L2-normalised feature vector.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SparseVec {
    /// Feature indices into the vocabulary.
    pub idx: Vec<u32>,
    /// Values, parallel to `idx`.
    pub val: Vec<f32>,
}

impl SparseVec {
    /// Dot product with dense `weights` (indices past its end count 0).
    pub fn dot(&self, weights: &[f32]) -> f32 {
        self.idx
            .iter()
            .zip(&self.val)
            .map(|(&i, &v)| weights.get(i as usize).map_or(0.0, |w| w * v))
            .sum()
    }
}

/// Hasher for keys that already are well-mixed 64-bit hashes.
#[derive(Default, Clone, Copy)]
pub struct PassThroughHasher(u64);

impl Hasher for PassThroughHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A map keyed by n-gram hash.
pub type HashIndex<V> = HashMap<u64, V, BuildHasherDefault<PassThroughHasher>>;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

fn fnv_start(tag: u8) -> u64 {
    (FNV_OFFSET ^ u64::from(tag)).wrapping_mul(FNV_PRIME)
}

fn fnv_bytes(mut h: u64, bytes: &[u8]) -> u64 {
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// A stable 64-bit FNV-1a hash of `text`'s bytes (the same on every
/// platform and release, unlike `std`'s `DefaultHasher`), for keys saved in
/// model files.
pub fn text_hash(text: &str) -> u64 {
    fnv_bytes(FNV_OFFSET, text.as_bytes())
}

/// Tag of character n-grams (word n-grams use their length as tag).
const CHAR_TAG_BASE: u8 = 16;

/// Lower-cases, maps every digit to `0`, drops apostrophes and turns every
/// other non-alphanumeric character into a space.
pub fn normalise(text: &str, out: &mut String) {
    out.clear();
    for ch in text.chars() {
        if ch == '\'' || ch == '\u{2019}' {
            continue;
        }
        if ch.is_ascii_digit() {
            out.push('0');
        } else if ch.is_alphanumeric() {
            out.extend(ch.to_lowercase());
        } else {
            out.push(' ');
        }
    }
}

/// Scratch buffers reused across calls to avoid allocation.
#[derive(Debug, Default)]
pub struct Scratch {
    norm: String,
    chars: Vec<char>,
    hashes: Vec<(u64, u8)>,
}

/// Appends `(hash, block)` for every n-gram occurrence in `text`.
pub fn raw_ngrams(text: &str, cfg: &FeatureConfig, scratch: &mut Scratch) -> Vec<(u64, u8)> {
    let Scratch {
        norm,
        chars,
        hashes,
    } = scratch;
    hashes.clear();
    normalise(text, norm);
    let words: Vec<&str> = norm.split_whitespace().collect();
    for n in 1..=cfg.max_word_ngram.max(1) {
        let tag = n as u8;
        for window in words.windows(n) {
            let mut h = fnv_start(tag);
            for (i, w) in window.iter().enumerate() {
                if i > 0 {
                    h = fnv_bytes(h, b" ");
                }
                h = fnv_bytes(h, w.as_bytes());
            }
            hashes.push((h, 0));
        }
    }
    if cfg.min_char_ngram > 0 {
        let char_tag = CHAR_TAG_BASE;
        for w in &words {
            chars.clear();
            chars.push(' ');
            chars.extend(w.chars());
            chars.push(' ');
            // one running hash per start position: the n-gram hash extends
            // the (n-1)-gram hash, so each start costs O(max_char_ngram)
            for start in 0..chars.len() {
                let mut h = fnv_start(char_tag);
                for (n, c) in chars[start..].iter().take(cfg.max_char_ngram).enumerate() {
                    let mut b = [0u8; 4];
                    h = fnv_bytes(h, c.encode_utf8(&mut b).as_bytes());
                    if n + 1 >= cfg.min_char_ngram {
                        hashes.push((h, 1));
                    }
                }
            }
        }
    }
    std::mem::take(hashes)
}

/// A fitted TF-IDF vectoriser over hashed n-grams.
#[derive(Debug, Clone, PartialEq)]
pub struct Vectorizer {
    /// Extraction settings.
    pub config: FeatureConfig,
    /// n-gram hash of each feature, by feature index.
    pub hashes: Vec<u64>,
    /// Inverse document frequency of each feature.
    pub idf: Vec<f32>,
    /// Block of each feature (0 = words, 1 = characters).
    pub blocks: Vec<u8>,
    index: HashIndex<u32>,
}

impl Vectorizer {
    /// Fits the vocabulary and IDF weights on `texts`.
    pub fn fit<'a>(texts: impl IntoIterator<Item = &'a str>, config: FeatureConfig) -> Self {
        let mut df: HashIndex<(u32, u8)> = HashIndex::default();
        let mut scratch = Scratch::default();
        let mut n_docs = 0u32;
        for text in texts {
            n_docs += 1;
            let mut grams = raw_ngrams(text, &config, &mut scratch);
            grams.sort_unstable();
            grams.dedup();
            for (h, b) in &grams {
                df.entry(*h).or_insert((0, *b)).0 += 1;
            }
            scratch.hashes = grams;
        }
        let mut kept: Vec<(u64, u32, u8)> = df
            .into_iter()
            .filter(|(_, (d, _))| *d >= config.min_df)
            .map(|(h, (d, b))| (h, d, b))
            .collect();
        kept.sort_unstable();
        let n = n_docs as f32;
        let hashes = kept.iter().map(|k| k.0).collect();
        let idf = kept
            .iter()
            .map(|k| ((1.0 + n) / (1.0 + k.1 as f32)).ln() + 1.0)
            .collect();
        let blocks = kept.iter().map(|k| k.2).collect();
        Self::from_parts(config, hashes, idf, blocks)
    }

    /// Rebuilds a vectoriser from saved parts.
    pub fn from_parts(
        config: FeatureConfig,
        hashes: Vec<u64>,
        idf: Vec<f32>,
        blocks: Vec<u8>,
    ) -> Self {
        let index = hashes
            .iter()
            .enumerate()
            .map(|(i, h)| (*h, i as u32))
            .collect();
        Self {
            config,
            hashes,
            idf,
            blocks,
            index,
        }
    }

    /// Bytes per feature in [`Self::encode_parts`]: hash (u64), IDF (f32)
    /// and block (u8), little-endian.
    pub const BYTES_PER_FEATURE: usize = 8 + 4 + 1;

    /// Appends the vocabulary to `out`: every hash, then every IDF weight,
    /// then every block byte (the layout of the intent model's `model.bin`).
    pub fn encode_parts(&self, out: &mut Vec<u8>) {
        out.reserve(self.len() * Self::BYTES_PER_FEATURE);
        self.hashes
            .iter()
            .for_each(|h| out.extend_from_slice(&h.to_le_bytes()));
        self.idf
            .iter()
            .for_each(|w| out.extend_from_slice(&w.to_le_bytes()));
        out.extend_from_slice(&self.blocks);
    }

    /// Reads `n` features written by [`Self::encode_parts`] from the start
    /// of `bytes`; `None` when `bytes` is shorter than `n` features.
    pub fn decode_parts(config: FeatureConfig, n: usize, bytes: &[u8]) -> Option<Self> {
        let bytes = bytes.get(..n.checked_mul(Self::BYTES_PER_FEATURE)?)?;
        let (hashes, rest) = bytes.split_at(n * 8);
        let (idf, blocks) = rest.split_at(n * 4);
        let hashes = hashes
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
            .collect();
        let idf = idf
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        Some(Self::from_parts(config, hashes, idf, blocks.to_vec()))
    }

    /// Number of features.
    pub fn len(&self) -> usize {
        self.hashes.len()
    }

    /// Whether the vocabulary is empty.
    pub fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }

    /// Turns `text` into a normalised sparse vector (unknown n-grams dropped).
    pub fn transform(&self, text: &str, scratch: &mut Scratch) -> SparseVec {
        let mut grams = raw_ngrams(text, &self.config, scratch);
        grams.sort_unstable();
        let mut out = SparseVec::default();
        let mut norms = [0f32; 2];
        let mut i = 0;
        while i < grams.len() {
            let mut j = i + 1;
            while j < grams.len() && grams[j].0 == grams[i].0 {
                j += 1;
            }
            if let Some(&f) = self.index.get(&grams[i].0) {
                let tf = 1.0 + ((j - i) as f32).ln();
                let v = tf * self.idf[f as usize];
                let b = usize::from(self.blocks[f as usize].min(1));
                norms[b] += v * v;
                out.idx.push(f);
                out.val.push(v);
            }
            i = j;
        }
        scratch.hashes = grams;
        let scale = [
            if norms[0] > 0.0 {
                1.0 / norms[0].sqrt()
            } else {
                0.0
            },
            if norms[1] > 0.0 {
                self.config.char_weight / norms[1].sqrt()
            } else {
                0.0
            },
        ];
        for (f, v) in out.idx.iter().zip(out.val.iter_mut()) {
            *v *= scale[usize::from(self.blocks[*f as usize].min(1))];
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn normalise_maps_digits_and_punctuation() {
        let mut s = String::new();
        normalise("Where's order #W123?", &mut s);
        assert_eq!(s, "wheres order  w000 ");
    }

    #[test]
    fn transform_is_block_normalised() {
        let texts = ["track my order", "track my parcel", "cancel my order"];
        let v = Vectorizer::fit(texts, FeatureConfig::default());
        assert!(!v.is_empty());
        let mut s = Scratch::default();
        let x = v.transform("track my order please", &mut s);
        let mut norms = [0f32; 2];
        for (f, val) in x.idx.iter().zip(&x.val) {
            norms[v.blocks[*f as usize] as usize] += val * val;
        }
        assert!((norms[0] - 1.0).abs() < 1e-4, "{norms:?}");
        assert!((norms[1] - 1.0).abs() < 1e-4, "{norms:?}");
        // unknown text yields an empty vector
        assert!(v.transform("zzzz qqqq", &mut s).idx.is_empty());
    }

    #[test]
    fn parts_round_trip_and_short_input_is_refused() {
        let v = Vectorizer::fit(
            ["track my order", "track my parcel"],
            FeatureConfig::default(),
        );
        let mut bytes = Vec::new();
        v.encode_parts(&mut bytes);
        assert_eq!(bytes.len(), v.len() * Vectorizer::BYTES_PER_FEATURE);
        let back = Vectorizer::decode_parts(v.config.clone(), v.len(), &bytes).unwrap();
        assert_eq!(back, v);
        assert!(Vectorizer::decode_parts(v.config.clone(), v.len(), &bytes[1..]).is_none());
    }

    #[test]
    fn dot_and_text_hash() {
        let x = SparseVec {
            idx: vec![0, 2, 9],
            val: vec![1.0, 2.0, 5.0],
        };
        assert_eq!(x.dot(&[0.5, 7.0, 0.25]), 1.0);
        // FNV-1a reference value of "a".
        assert_eq!(text_hash("a"), 0xaf63_dc4c_8601_ec8c);
    }

    proptest! {
        #[test]
        fn transform_never_panics_and_is_finite(text in "\\PC{0,80}") {
            let v = Vectorizer::fit(["hello world", "hello there", "world peace"], FeatureConfig { min_df: 1, ..FeatureConfig::default() });
            let mut s = Scratch::default();
            let x = v.transform(&text, &mut s);
            prop_assert_eq!(x.idx.len(), x.val.len());
            prop_assert!(x.val.iter().all(|v| v.is_finite()));
        }

        #[test]
        fn case_and_digits_do_not_matter(text in "[a-z0-9 ]{0,40}") {
            let cfg = FeatureConfig::default();
            let mut s = Scratch::default();
            let mut a = raw_ngrams(&text, &cfg, &mut s);
            let upper = text.to_uppercase().replace('7', "3");
            let mut b = raw_ngrams(&upper, &cfg, &mut s);
            a.sort_unstable();
            b.sort_unstable();
            prop_assert_eq!(a, b);
        }
    }
}
