//! Retrieval evaluation over tasks shaped like the banking help-center
//! benchmark: `{query, required_documents}` per JSONL line.
//!
//! `recall_at_k` is, per task, the fraction of its required documents found
//! among the top k ranked documents, averaged over tasks. Because many tasks
//! need more than k documents, the report also carries `capped_recall_at_k`
//! (denominator `min(k, required)`, so 1.0 is reachable) and the ceiling
//! `oracle_recall_at_k` a perfect ranker would get under the plain definition.

use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::RetrievalError;
use crate::index::Index;

/// One evaluation task.
#[derive(Debug, Clone, Deserialize)]
pub struct Task {
    /// Task id (optional in input).
    #[serde(default)]
    pub id: String,
    /// The query text.
    pub query: String,
    /// Ids of the documents needed to answer.
    pub required_documents: Vec<String>,
}

/// Evaluation figures, averaged over tasks with at least one required document.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EvalReport {
    /// Number of tasks scored.
    pub tasks: usize,
    /// Mean fraction of required documents in the top 1.
    pub recall_at_1: f64,
    /// Mean fraction of required documents in the top 5.
    pub recall_at_5: f64,
    /// Mean fraction of required documents in the top 10.
    pub recall_at_10: f64,
    /// Mean reciprocal rank of the first required document (0 if none in the
    /// top `max(k, 10)`).
    pub mrr: f64,
    /// The `k` asked for.
    pub k: usize,
    /// Mean fraction of required documents in the top `k`.
    pub recall_at_k: f64,
    /// Recall@1 with denominator `min(1, required)`.
    pub capped_recall_at_1: f64,
    /// Recall@5 with denominator `min(5, required)`.
    pub capped_recall_at_5: f64,
    /// Recall@10 with denominator `min(10, required)`.
    pub capped_recall_at_10: f64,
    /// Best reachable `recall_at_5` for these tasks.
    pub oracle_recall_at_5: f64,
    /// Best reachable `recall_at_10` for these tasks.
    pub oracle_recall_at_10: f64,
}

/// Reads tasks from a JSONL file.
pub fn read_tasks(path: &Path) -> Result<Vec<Task>, RetrievalError> {
    let raw = fs::read_to_string(path).map_err(|e| RetrievalError::io(path, e))?;
    let mut tasks = Vec::new();
    for (n, line) in raw.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        tasks.push(
            serde_json::from_str(line).map_err(|source| RetrievalError::Json {
                path: path.to_path_buf(),
                line: n + 1,
                source,
            })?,
        );
    }
    Ok(tasks)
}

/// Evaluates `index` on the tasks in `tasks_path` (JSONL).
pub fn evaluate(
    index: &Index,
    tasks_path: impl AsRef<Path>,
    k: usize,
) -> Result<EvalReport, RetrievalError> {
    let tasks = read_tasks(tasks_path.as_ref())?;
    Ok(evaluate_tasks(index, &tasks, k))
}

/// Builds an in-memory index (default [`SearchConfig`](crate::SearchConfig))
/// from a documents JSONL file and evaluates it on a tasks JSONL file: what
/// `frontdesk grounding eval --docs D --tasks T --k K --json` prints.
pub fn evaluate_files(
    docs_path: impl AsRef<Path>,
    tasks_path: impl AsRef<Path>,
    k: usize,
) -> Result<EvalReport, RetrievalError> {
    let mut index = Index::in_memory(crate::index::SearchConfig::default());
    index.ingest_jsonl(docs_path)?;
    evaluate(&index, tasks_path, k)
}

/// [`evaluate_files`], optionally with dense retrieval: when `dense` is true
/// and the embedding model is found locally ([`frontdesk_embed::locate`],
/// never downloaded), passages are embedded and the index ranks with the
/// default hybrid ([`crate::index::DEFAULT_RETRIEVER`]); otherwise BM25, as
/// [`evaluate_files`]. Returns the report and whether dense ranking was used.
/// Embedding the banking help center takes minutes on one busy core.
pub fn evaluate_files_with(
    docs_path: impl AsRef<Path>,
    tasks_path: impl AsRef<Path>,
    k: usize,
    dense: bool,
) -> Result<(EvalReport, bool), RetrievalError> {
    let mut index = Index::in_memory(crate::index::SearchConfig::default());
    index.ingest_jsonl(docs_path)?;
    let used = dense && index.attach_local_embedder();
    Ok((evaluate(&index, tasks_path, k)?, used))
}

/// Evaluates `index` on in-memory tasks.
pub fn evaluate_tasks(index: &Index, tasks: &[Task], k: usize) -> EvalReport {
    let depth = k.max(10);
    let mut r = EvalReport {
        k,
        ..EvalReport::default()
    };
    for task in tasks {
        let required: Vec<&str> = task.required_documents.iter().map(String::as_str).collect();
        if required.is_empty() {
            continue;
        }
        let ranked: Vec<String> = index
            .rank_documents(&task.query, depth)
            .into_iter()
            .map(|d| d.doc_id)
            .collect();
        let n = required.len() as f64;
        let found = |k: usize| {
            let top = &ranked[..k.min(ranked.len())];
            required
                .iter()
                .filter(|d| top.iter().any(|t| t == *d))
                .count() as f64
        };
        r.tasks += 1;
        r.recall_at_1 += found(1) / n;
        r.recall_at_5 += found(5) / n;
        r.recall_at_10 += found(10) / n;
        r.recall_at_k += found(k) / n;
        r.capped_recall_at_1 += found(1) / n.min(1.0);
        r.capped_recall_at_5 += found(5) / n.min(5.0);
        r.capped_recall_at_10 += found(10) / n.min(10.0);
        r.oracle_recall_at_5 += n.min(5.0) / n;
        r.oracle_recall_at_10 += n.min(10.0) / n;
        if let Some(pos) = ranked.iter().position(|d| required.contains(&d.as_str())) {
            r.mrr += 1.0 / (pos as f64 + 1.0);
        }
    }
    if r.tasks > 0 {
        let t = r.tasks as f64;
        for v in [
            &mut r.recall_at_1,
            &mut r.recall_at_5,
            &mut r.recall_at_10,
            &mut r.recall_at_k,
            &mut r.mrr,
            &mut r.capped_recall_at_1,
            &mut r.capped_recall_at_5,
            &mut r.capped_recall_at_10,
            &mut r.oracle_recall_at_5,
            &mut r.oracle_recall_at_10,
        ] {
            *v /= t;
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::index::SearchConfig;

    #[test]
    fn perfect_and_missing_retrieval() {
        let mut idx = Index::in_memory(SearchConfig::default());
        idx.replace_source(
            "s",
            vec![
                Document::from_markdown("a", "Refunds", "", "refund money back"),
                Document::from_markdown("b", "Travel", "", "travel abroad notice"),
            ],
        )
        .unwrap();
        let tasks = vec![
            Task {
                id: "1".into(),
                query: "refund money".into(),
                required_documents: vec!["a".into()],
            },
            Task {
                id: "2".into(),
                query: "travel notice".into(),
                required_documents: vec!["b".into(), "zz".into()],
            },
            Task {
                id: "3".into(),
                query: "x".into(),
                required_documents: vec![],
            },
        ];
        let r = evaluate_tasks(&idx, &tasks, 5);
        assert_eq!(r.tasks, 2);
        assert!((r.recall_at_1 - 0.75).abs() < 1e-9);
        assert!((r.recall_at_5 - 0.75).abs() < 1e-9);
        assert!((r.mrr - 1.0).abs() < 1e-9);
        assert!((r.oracle_recall_at_5 - 1.0).abs() < 1e-9);
    }
}
