//! The sentence-embedding path of the intent model, end to end: train,
//! save, load, classify. Skipped, with a note, when all-MiniLM-L6-v2 is not
//! present (run scripts/fetch-model.sh to get it).

use frontdesk_intent::features::Scratch;
use frontdesk_intent::{
    train, Classifier, Combine, EmbeddingConfig, Embeddings, Example, FineTuneConfig, Model,
    TrainConfig,
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
                fine_tune: None,
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

#[test]
fn a_fine_tuned_model_saves_its_layers_and_loads_them_back() {
    if frontdesk_embed::locate().is_none() {
        eprintln!("SKIPPED: all-MiniLM-L6-v2 not found (run scripts/fetch-model.sh)");
        return;
    }
    let ft = |layers| TrainConfig {
        embeddings: Embeddings::On,
        embedding: EmbeddingConfig {
            fine_tune: Some(FineTuneConfig {
                layers,
                epochs: 2,
                stop_after: 2,
                lr: 5e-4,
                seed: 1,
            }),
            ..EmbeddingConfig::default()
        },
        // calibration holds a quarter back (kept out of fine-tuning too)
        calibration_fraction: 0.25,
        features: frontdesk_intent::features::FeatureConfig {
            min_df: 1,
            ..Default::default()
        },
        ..TrainConfig::default()
    };
    let model = train(&examples(), &ft(2)).unwrap();
    assert_eq!(model.meta.embedding.as_ref().unwrap().tuned_layers, 2);
    assert_eq!(model.classify("please cancel my order").label(), "cancel");

    // The tuned network is not the published one: the same text embeds
    // differently.
    let published = frontdesk_embed::Embedder::load_default().unwrap();
    let text = "where is my parcel";
    let tuned_vec = model.embedder().unwrap().embed_one(text).unwrap();
    let plain_vec = published.embed_one(text).unwrap();
    assert!(frontdesk_embed::cosine(&tuned_vec, &plain_vec) < 0.9999);

    let dir = tempfile::tempdir().unwrap();
    model.save(dir.path()).unwrap();
    assert!(dir.path().join("tuned.safetensors").is_file());

    // Training is reproducible: the same rows and settings give the same
    // files, byte for byte (dropout masks, batch order and head are seeded).
    let again = tempfile::tempdir().unwrap();
    train(&examples(), &ft(2))
        .unwrap()
        .save(again.path())
        .unwrap();
    for file in ["tuned.safetensors", "model.bin", "embed.bin"] {
        let a = std::fs::read(dir.path().join(file)).unwrap();
        let b = std::fs::read(again.path().join(file)).unwrap();
        assert!(a == b, "{file} differs between two runs");
    }
    // Loading, alone or beside a shared network, restores the tuned layers:
    // the same probabilities as the model that was saved.
    let shared = std::sync::Arc::new(published);
    for loaded in [
        Model::load(dir.path()).unwrap(),
        Model::load_with_embedder(dir.path(), shared.clone()).unwrap(),
    ] {
        for t in ["cancel the order", "where's my package", "tell me a joke"] {
            let a = model.probabilities(t, &mut Scratch::default());
            let b = loaded.probabilities(t, &mut Scratch::default());
            let diff = a
                .iter()
                .zip(&b)
                .map(|(x, y)| (x - y).abs())
                .fold(0f32, f32::max);
            assert!(diff < 1e-4, "{t}: {diff}");
        }
    }

    // A model.json that disagrees with the saved layers is refused.
    let json = dir.path().join("model.json");
    let text_json = std::fs::read_to_string(&json).unwrap();
    std::fs::write(
        &json,
        text_json.replace("\"tuned_layers\": 2", "\"tuned_layers\": 3"),
    )
    .unwrap();
    assert!(Model::load(dir.path()).is_err());

    // A model without fine-tuning saved over it leaves no stale layers.
    let plain = train(
        &examples(),
        &TrainConfig {
            embedding: EmbeddingConfig {
                fine_tune: None,
                ..EmbeddingConfig::default()
            },
            ..ft(1)
        },
    )
    .unwrap();
    plain.save(dir.path()).unwrap();
    assert!(!dir.path().join("tuned.safetensors").exists());
    assert_eq!(
        Model::load(dir.path())
            .unwrap()
            .meta
            .embedding
            .unwrap()
            .tuned_layers,
        0
    );
}
