//! The sentence-embedding path of the intent model, end to end: train,
//! save, load, classify. Skipped, with a note, when all-MiniLM-L6-v2 is not
//! present (run scripts/fetch-model.sh to get it).

use frontdesk_intent::features::Scratch;
use frontdesk_intent::{
    train, Classifier, Combine, EmbeddingConfig, Embeddings, Example, Model, TrainConfig,
};

fn examples() -> Vec<Example> {
    let mut v = Vec::new();
    for (label, phrases) in [
        (
            "track",
            &[
                "where is my order",
                "track my package",
                "when will my parcel arrive",
                "has my order shipped yet",
                "what is the delivery status of my order",
                "my stuff still has not come",
                "is my shipment on its way",
                "how long until the package gets here",
            ],
        ),
        (
            "cancel",
            &[
                "cancel my order",
                "i want to cancel the purchase",
                "please cancel order 123",
                "stop my order from shipping",
                "cancel it now please",
                "i no longer want this order",
                "call off the purchase i made",
                "can you cancel what i bought yesterday",
            ],
        ),
        (
            "oos",
            &[
                "what is the weather",
                "tell me a joke",
                "who won the game last night",
                "play some music",
                "what time is it in tokyo",
                "how tall is mount everest",
                "recommend a good movie",
                "what is the capital of peru",
            ],
        ),
    ] {
        for p in phrases {
            v.push(Example::new(*p, label));
        }
    }
    v
}

#[test]
fn embedding_model_trains_saves_loads_and_classifies() {
    if frontdesk_embed::locate().is_none() {
        eprintln!("SKIPPED: all-MiniLM-L6-v2 not found (run scripts/fetch-model.sh)");
        return;
    }
    for combine in [Combine::Concat, Combine::Ensemble] {
        let cfg = TrainConfig {
            embeddings: Embeddings::On,
            embedding: EmbeddingConfig {
                combine,
                weight: if combine == Combine::Concat { 1.0 } else { 0.5 },
                c: 1.0,
            },
            calibration_fraction: 0.0,
            features: frontdesk_intent::features::FeatureConfig {
                min_df: 1,
                ..Default::default()
            },
            ..TrainConfig::default()
        };
        let model = train(&examples(), &cfg).unwrap();
        assert!(model.uses_embeddings());
        assert_eq!(model.meta.embedding.as_ref().unwrap().dim, 384);
        assert_eq!(model.classify("please cancel my order").label(), "cancel");
        // no word in common with the training rows of "track"
        assert_eq!(
            model
                .classify("the parcel I paid for hasn't turned up")
                .label(),
            "track"
        );
        let dir = tempfile::tempdir().unwrap();
        model.save(dir.path()).unwrap();
        assert!(dir.path().join("embed.bin").is_file());
        let loaded = Model::load(dir.path()).unwrap();
        assert!(loaded.uses_embeddings());
        let texts = ["cancel the order", "where's my package", "tell me a joke"];
        let batch = loaded.classify_batch(&texts);
        for (t, b) in texts.iter().zip(&batch) {
            let a = model.classify(t);
            assert_eq!(a.label(), b.label(), "{t}");
            assert!((a.confidence() - b.confidence()).abs() < 1e-3, "{t}");
        }
        let sum: f32 = loaded
            .probabilities("x", &mut Scratch::default())
            .iter()
            .sum();
        assert!((sum - 1.0).abs() < 1e-4);
        // an n-gram-only model saved over it leaves no stale embedding head
        let plain = train(&examples(), &TrainConfig::ngram_only()).unwrap();
        plain.save(dir.path()).unwrap();
        assert!(!dir.path().join("embed.bin").exists());
        assert!(!Model::load(dir.path()).unwrap().uses_embeddings());
    }
}
