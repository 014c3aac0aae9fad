//! What `frontdesk guard train` is configured with and what it records in
//! the saved model's `model.json`.

use frontdesk_tfidf::FeatureConfig;
use serde::{Deserialize, Serialize};

/// The n-gram features of the injection detector: word 1-2-grams and
/// character 1-5-grams within words, vocabulary entries seen in 2 or more
/// training texts.
pub fn default_features() -> FeatureConfig {
    FeatureConfig {
        max_word_ngram: 2,
        min_char_ngram: 1,
        max_char_ngram: 5,
        min_df: 2,
        char_weight: 1.0,
    }
}

/// Settings of [`super::train::train`]; the defaults are the shipped model's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TrainConfig {
    /// N-grams, vocabulary pruning and block weights (`frontdesk-tfidf`).
    pub features: FeatureConfig,
    /// Inverse L2 regularisation strength of the logistic regression.
    pub c: f32,
    /// Full-batch gradient steps.
    pub iterations: usize,
    /// Adam learning rate.
    pub learning_rate: f32,
    /// Every `ordinary_every`-th ordinary ticket is a benign training text
    /// (0: none); the tickets halfway between them check the false-positive
    /// rate while the threshold is chosen; all others stay unseen.
    pub ordinary_every: usize,
    /// Orderings of the ordinary training tickets cut into long
    /// multi-sentence benign messages (so length alone is no signal).
    pub composite_passes: usize,
    /// Every `emails_every`-th customer e-mail is a benign training text (0: none).
    pub emails_every: usize,
    /// Every `people_emails_every`-th e-mail in people's phrasings is a benign
    /// training text (0: none).
    pub people_emails_every: usize,
    /// Weight of each piece (sentence or sentence pair) of a benign training
    /// e-mail or augmented benign text, trained as a benign text of its own (0: none).
    pub benign_piece_weight: f32,
    /// Draws per augmentation pattern (0: no augmentation).
    pub augment_per_pattern: usize,
    /// Weight of an augmented text relative to a labelled one.
    pub augment_weight: f32,
    /// Share of augmented texts that get an ordinary ticket put before them.
    pub carrier_share: f32,
    /// Seed of the augmentation draws and of the fold assignment.
    pub seed: u64,
    /// Group-aware folds of the labelled texts whose out-of-fold scores choose the threshold.
    pub folds: usize,
    /// Highest false-positive rate on the held-back ordinary tickets the
    /// chosen threshold may have (a fraction).
    pub max_ordinary_fpr: f64,
    /// A fixed threshold instead of the calibrated one.
    pub threshold: Option<f32>,
    /// Score = max(whole text, best sentence or sentence pair) when set.
    pub score_pieces: bool,
}

impl Default for TrainConfig {
    fn default() -> Self {
        Self {
            features: default_features(),
            c: 10.0,
            iterations: 200,
            learning_rate: 0.05,
            ordinary_every: 25,
            composite_passes: 4,
            emails_every: 4,
            people_emails_every: 1,
            benign_piece_weight: 0.5,
            augment_per_pattern: 12,
            augment_weight: 0.5,
            carrier_share: 0.3,
            seed: 2024,
            folds: 5,
            max_ordinary_fpr: 0.0075,
            threshold: None,
            score_pieces: true,
        }
    }
}

/// How many texts of each source the model was trained on.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainedOn {
    /// Labelled texts (injections and benign).
    pub labelled: usize,
    /// Injections among them.
    pub labelled_injections: usize,
    /// Ordinary tickets.
    pub ordinary: usize,
    /// Long benign composites of those tickets.
    pub composites: usize,
    /// Customer e-mails.
    pub emails: usize,
    /// Customer e-mails in people's phrasings.
    #[serde(default)]
    pub people_emails: usize,
    /// Pieces of benign letters trained as texts of their own.
    #[serde(default)]
    pub benign_pieces: usize,
    /// Augmented injections.
    pub augmented_injections: usize,
    /// Augmented benign texts.
    pub augmented_benign: usize,
}

/// How the threshold was chosen: out-of-fold figures at that threshold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Calibration {
    /// Group-aware folds.
    pub folds: usize,
    /// Near-duplicate groups among the labelled texts.
    pub groups: usize,
    /// Out-of-fold precision on the labelled texts.
    pub precision: f64,
    /// Out-of-fold recall.
    pub recall: f64,
    /// Out-of-fold F1.
    pub f1: f64,
    /// False-positive rate of the fold models on the held-back ordinary tickets.
    pub ordinary_fpr: f64,
    /// Held-back ordinary tickets scored.
    pub ordinary_n: usize,
}

/// `model.json` of a saved detector.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DetectorMeta {
    /// Format version of `model.json` + `model.bin`.
    pub version: u32,
    /// Texts scoring at or above it are flagged.
    pub threshold: f32,
    /// The training settings (the features among them).
    pub config: TrainConfig,
    /// Training texts by source.
    pub trained_on: TrainedOn,
    /// Out-of-fold figures at the threshold, when it was calibrated.
    pub calibration: Option<Calibration>,
}
