//! Tests of the index.

use super::search::*;
use super::*;
use proptest::prelude::*;

fn doc(id: &str, title: &str, content: &str) -> Document {
    Document::from_markdown(id, title, "", content)
}

fn sample() -> Index {
    let mut idx = Index::in_memory(SearchConfig::default());
    idx.replace_source(
        "s",
        vec![
            doc("refunds", "Refund policy", "## Refunds\nRefunds go to the original payment method within 5 days.\n## Gift cards\nGift card refunds are immediate."),
            doc("cards", "Card limits", "Your credit limit depends on income."),
            doc("travel", "Travel notices", "Tell us before you travel abroad."),
        ],
    )
    .unwrap();
    idx
}

#[test]
fn search_returns_cited_relevant_passage() {
    let idx = sample();
    let hits = idx.search("how long does a refund to my payment method take", 3);
    assert_eq!(hits[0].doc_id, "refunds");
    assert_eq!(hits[0].section, "Refunds");
    assert!(hits[0].confidence > 0.3 && hits[0].confidence <= 1.0);
    assert!(idx.search("zebra quantum", 3).is_empty());
    assert_eq!(
        idx.rank_documents("credit limit income", 1)[0].doc_id,
        "cards"
    );
}

#[test]
fn replace_source_reports_changes() {
    let mut idx = sample();
    let c = idx
        .replace_source(
            "s",
            vec![
                doc("refunds", "Refund policy", "## Refunds\nRefunds go to the original payment method within 5 days.\n## Gift cards\nGift card refunds are immediate."),
                doc("cards", "Card limits", "Your credit limit depends on income and history."),
                doc("new", "New doc", "Fresh content."),
            ],
        )
        .unwrap();
    assert_eq!(c.added, vec!["new"]);
    assert_eq!(c.updated, vec!["cards"]);
    assert_eq!(c.removed, vec!["travel"]);
    assert_eq!(c.unchanged, 1);
    assert!(idx.search("travel abroad", 5).is_empty());
}

#[test]
fn corrupt_or_foreign_index_directories_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let idx = Index::open_or_create(dir.path()).unwrap();
    assert_eq!(idx.document_count(), 0);
    fs::write(dir.path().join(MANIFEST), "{not json").unwrap();
    assert!(matches!(
        Index::open_or_create(dir.path()),
        Err(RetrievalError::Json { .. })
    ));
    let future = r#"{"version":99,"config":{},"documents":{}}"#;
    fs::write(dir.path().join(MANIFEST), future).unwrap();
    assert!(matches!(
        Index::open_or_create(dir.path()),
        Err(RetrievalError::InvalidDocument { .. })
    ));
}

#[test]
fn family_keys_strip_only_a_numeric_suffix() {
    assert_eq!(family_key("doc_gold_account_001"), "doc_gold_account");
    assert_eq!(family_key("doc_gold_account_12"), "doc_gold_account");
    assert_eq!(
        family_key("policy#return-delivered-order"),
        "policy#return-delivered-order"
    );
    assert_eq!(family_key("doc_gold_account_v2"), "doc_gold_account_v2");
    assert_eq!(family_key("_001"), "_001");
    assert_eq!(family_key("doc_"), "doc_");
}

#[test]
fn family_overview_is_lifted_by_its_matching_siblings() {
    let docs = || {
        vec![
            doc(
                "gold_001",
                "Gold account",
                "Getting started: eligibility for savings.",
            ),
            doc(
                "gold_002",
                "Gold account",
                "Interest rate tiers for savings balances.",
            ),
            doc(
                "gold_003",
                "Gold account",
                "Interest is paid monthly on savings.",
            ),
            doc(
                "other",
                "Savings interest",
                "Interest on savings, compared.",
            ),
        ]
    };
    let q = "savings interest rate";
    let mut plain = Index::in_memory(SearchConfig {
        family_boost: 0.0,
        ..SearchConfig::default()
    });
    plain.replace_source("s", docs()).unwrap();
    let mut boosted = Index::in_memory(SearchConfig::default());
    boosted.replace_source("s", docs()).unwrap();
    let score = |idx: &Index, id: &str| {
        idx.rank_documents(q, 4)
            .into_iter()
            .find(|d| d.doc_id == id)
            .map(|d| d.score)
            .unwrap()
    };
    // The overview gains; the other documents keep their scores.
    assert!(score(&boosted, "gold_001") > score(&plain, "gold_001") + 0.05);
    for id in ["gold_002", "gold_003", "other"] {
        assert!(
            (score(&boosted, id) - score(&plain, id)).abs() < 1e-6,
            "{id}"
        );
    }
    assert_eq!(boosted.search("zebra", 3), Vec::new());
}

#[test]
fn without_an_embedder_every_retriever_is_bm25() {
    let plain = sample();
    let cfg = SearchConfig {
        retriever: Retriever::Hybrid(crate::dense::Fusion::Rrf {
            k: 60.0,
            dense_weight: 1.0,
        }),
        ..SearchConfig::default()
    };
    let mut hybrid = Index::in_memory(cfg);
    hybrid
        .replace_source(
            "s",
            vec![
                doc("refunds", "Refund policy", "## Refunds\nRefunds go to the original payment method within 5 days.\n## Gift cards\nGift card refunds are immediate."),
                doc("cards", "Card limits", "Your credit limit depends on income."),
                doc("travel", "Travel notices", "Tell us before you travel abroad."),
            ],
        )
        .unwrap();
    assert!(!hybrid.has_dense());
    assert_eq!(hybrid.active_retriever(), Retriever::Bm25);
    assert!(hybrid.embed_query("refund").is_none());
    for q in ["refund to my payment method", "credit limit", "zebra"] {
        assert_eq!(hybrid.search(q, 3), plain.search(q, 3));
        assert_eq!(
            hybrid.search_with(q, 3, Retriever::Dense),
            plain.search(q, 3)
        );
        assert_eq!(hybrid.rank_documents(q, 3), plain.rank_documents(q, 3));
    }
}

#[test]
fn search_config_with_a_retriever_round_trips_and_old_manifests_load() {
    for r in [
        Retriever::Bm25,
        Retriever::Dense,
        Retriever::Hybrid(crate::dense::Fusion::MinMax { dense_weight: 0.5 }),
        Retriever::Hybrid(crate::dense::Fusion::Rrf {
            k: 60.0,
            dense_weight: 1.0,
        }),
    ] {
        let cfg = SearchConfig {
            retriever: r,
            ..SearchConfig::default()
        };
        let json = serde_json::to_string(&cfg).unwrap();
        let back: SearchConfig = serde_json::from_str(&json).unwrap();
        assert_eq!(back, cfg, "{json}");
    }
    // A manifest config written before the retriever field existed.
    let old = r#"{"passage":{"k1":1.2,"b":0.75},"document":{"k1":1.2,"b":0.75},"document_weight":1.0,"title_repeat":2,"title_weight":0.3,"family_boost":0.3}"#;
    let cfg: SearchConfig = serde_json::from_str(old).unwrap();
    assert_eq!(cfg.retriever, DEFAULT_RETRIEVER);
}

proptest! {
    #[test]
    fn top_k_is_sorted_positive_and_bounded(scores in proptest::collection::vec(-1.0f32..10.0, 0..50), k in 0usize..20) {
        let top = top_k(&scores, k);
        prop_assert!(top.len() <= k);
        prop_assert!(top.windows(2).all(|w| w[0].1 >= w[1].1));
        prop_assert!(top.iter().all(|(_, s)| *s > 0.0));
        let positives = scores.iter().filter(|s| **s > 0.0).count();
        prop_assert_eq!(top.len(), k.min(positives));
    }
}
