//! A model file written before the TF-IDF core moved to `frontdesk-tfidf`
//! (and before the generator was shared with `frontdesk-embed`) still loads
//! and gives the same probabilities: saved models keep working across such
//! refactors. `tests/data/golden_ngram/` is an n-gram model trained (at
//! commit 469858e, `TrainConfig::ngram_only()`) on the first 25 Bitext rows
//! of four intents; its `model.bin` holds the hashed vocabulary, so any
//! change to normalisation, n-gram hashing or TF-IDF weighting shows here.

use frontdesk_intent::features::Scratch;
use frontdesk_intent::Model;

const GOLDEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/golden_ngram");

fn probabilities(model: &Model, text: &str) -> Vec<f32> {
    model.probabilities(text, &mut Scratch::default())
}

fn assert_close(got: &[f32], want: &[f32], text: &str) {
    assert_eq!(got.len(), want.len(), "{text}");
    for (g, w) in got.iter().zip(want) {
        assert!(
            (g - w).abs() <= 1e-6,
            "{text}: got {got:?}, pinned {want:?}"
        );
    }
}

#[test]
fn golden_model_gives_the_pinned_probabilities() {
    let model = Model::load(GOLDEN).unwrap();
    assert_eq!(
        model.labels(),
        [
            "cancel_order",
            "contact_human_agent",
            "get_refund",
            "track_order"
        ]
    );
    // Uncertain texts: every class's probability is pinned.
    assert_close(
        &probabilities(&model, "where is my parcel??"),
        &[0.264_965_83, 0.010_190_063, 0.182_688_65, 0.542_155_44],
        "parcel",
    );
    assert_close(
        &probabilities(&model, "what's the weather in paris"),
        &[0.976_695_5, 0.001_214_575, 3.944_155_5e-5, 0.022_050_388],
        "weather",
    );
    // Clear texts: the winning class, at its pinned confidence.
    for (text, class, p) in [
        ("please cancel my order", 0, 0.999_999_76),
        ("I want my money back for order 123", 2, 1.0),
        ("let me talk to a real person", 1, 1.0),
    ] {
        let got = probabilities(&model, text);
        assert!((got[class] - p).abs() <= 1e-6, "{text}: {got:?}");
    }
}
