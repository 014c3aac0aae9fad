//! Dense and hybrid retrieval with the real all-MiniLM-L6-v2 model:
//! persisted passage vectors, incremental re-embedding, fallback to BM25.
//! Skips (with a note) when the model is not on this machine.

use std::sync::Arc;

use frontdesk_retrieval::{Document, Embedder, Fusion, Index, Retriever};

fn embedder() -> Option<Arc<Embedder>> {
    let Some(dir) = frontdesk_embed::locate() else {
        eprintln!(
            "note: skipping the dense retrieval test: all-MiniLM-L6-v2 not found \
             (run scripts/fetch-model.sh or set {})",
            frontdesk_embed::MODEL_ENV
        );
        return None;
    };
    Some(Arc::new(Embedder::load(dir).expect("model loads")))
}

fn docs(card_text: &str) -> Vec<Document> {
    vec![
        Document::from_markdown(
            "lost_card",
            "Lost or stolen card",
            "",
            &format!("## Report it\n{card_text}\n## Replacement\nA replacement arrives in 5 to 7 business days."),
        ),
        Document::from_markdown(
            "wire",
            "International wire transfers",
            "",
            "Wires abroad need the recipient's IBAN and SWIFT code.",
        ),
        Document::from_markdown(
            "rewards",
            "Cash back rewards",
            "",
            "Earn 2% cash back on groceries and fuel purchases.",
        ),
    ]
}

#[test]
fn dense_vectors_persist_and_only_changed_passages_are_re_embedded() {
    let Some(embedder) = embedder() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut idx = Index::open_or_create(dir.path()).unwrap();
    idx.replace_source("s", docs("Freeze the card in the app at once."))
        .unwrap();
    let passages = idx.passage_count();
    assert_eq!(idx.attach_embedder(embedder.clone()).unwrap(), passages);
    assert!(idx.has_dense());
    assert!(dir.path().join("embeddings.bin").is_file());
    let rrf = Retriever::Hybrid(Fusion::Rrf {
        k: 60.0,
        dense_weight: 1.0,
    });
    idx.set_retriever(rrf);
    assert_eq!(idx.active_retriever(), rrf);

    // A paraphrase with no word in common with the right document: BM25
    // finds nothing, dense finds it.
    let q = "somebody pinched my wallet";
    assert!(idx.search_bm25(q, 3).is_empty());
    let dense = idx.search_with(q, 3, Retriever::Dense);
    assert_eq!(dense[0].doc_id, "lost_card", "{dense:?}");
    let hybrid = idx.search(q, 3);
    assert_eq!(hybrid, idx.search_with(q, 3, rrf));
    assert_eq!(hybrid[0].doc_id, "lost_card");
    // Lexical queries keep working in the hybrid.
    let hybrid = idx.search_with(
        "IBAN SWIFT",
        1,
        Retriever::Hybrid(Fusion::MinMax { dense_weight: 0.5 }),
    );
    assert_eq!(hybrid[0].doc_id, "wire");

    // Reopen: the vectors come from disk, nothing is embedded again.
    let mut reopened = Index::open_or_create(dir.path()).unwrap();
    assert_eq!(reopened.attach_embedder(embedder.clone()).unwrap(), 0);
    assert_eq!(reopened.embedded_total(), 0);
    assert_eq!(
        reopened.search_with(q, 3, Retriever::Dense)[0].doc_id,
        "lost_card"
    );

    // Edit one passage: exactly that passage is embedded on re-ingest.
    let c = reopened
        .replace_source("s", docs("Call us right away and we block it."))
        .unwrap();
    assert_eq!(c.updated, vec!["lost_card"]);
    assert_eq!(reopened.embedded_total(), 1);
    assert!(reopened.has_dense());

    // Without the embedder the same index ranks exactly like BM25.
    reopened.detach_embedder();
    assert!(!reopened.has_dense());
    assert_eq!(
        reopened.search("cash back groceries", 3),
        reopened.search_bm25("cash back groceries", 3)
    );
    assert!(reopened.search(q, 3).is_empty());
}
