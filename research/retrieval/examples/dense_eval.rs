//! BM25 vs dense (all-MiniLM-L6-v2) vs hybrid retrieval, measured.
//!
//! ```text
//! cargo run --release --manifest-path research/Cargo.toml -p research-retrieval --example dense_eval [-- --skip-abcd]
//! ```
//!
//! Banking help center: the dev tasks are split as in `examples/eval.rs`
//! (first half tunes, second half is held out). Every method is scored on
//! both halves; pick on half 1, report half 2. Second help center (ABCD
//! agent guidelines): short Bitext customer utterances of seven intents
//! whose ABCD subflow is unambiguous, 30 per intent, even rows tune, odd
//! rows are held out. Also prints index build time (BM25, embedding,
//! reopening with persisted vectors), query latency (wall, p50/p99,
//! including embedding the query), and the cost of the dense dot products
//! over 13,302 passages. Exits 0 with a note when the model is absent.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use frontdesk_retrieval::dense::{dot_all, Fusion, Retriever};
use frontdesk_retrieval::{read_tasks, Embedder, Index, SearchConfig, Task};

fn data(rel: &str) -> String {
    format!("{}/../../data/{rel}", env!("CARGO_MANIFEST_DIR"))
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

#[derive(Default, Clone, Copy)]
struct Scores {
    r1: f64,
    r5: f64,
    r10: f64,
    mrr: f64,
    n: usize,
}

impl Scores {
    fn fmt(&self) -> String {
        format!(
            "{:.3} / {:.3} / {:.3} / {:.3}",
            self.r1, self.r5, self.r10, self.mrr
        )
    }
}

fn score(
    index: &Index,
    tasks: &[Task],
    qvecs: &[Vec<f32>],
    retriever: Retriever,
    pick: impl Fn(usize) -> bool,
) -> Scores {
    let mut s = Scores::default();
    for (i, (task, qv)) in tasks.iter().zip(qvecs).enumerate() {
        if !pick(i) || task.required_documents.is_empty() {
            continue;
        }
        let ranked: Vec<String> = index
            .rank_documents_with(&task.query, 10, retriever, Some(qv))
            .into_iter()
            .map(|d| d.doc_id)
            .collect();
        let n = task.required_documents.len() as f64;
        let found = |k: usize| {
            let top = &ranked[..k.min(ranked.len())];
            task.required_documents
                .iter()
                .filter(|d| top.contains(d))
                .count() as f64
                / n
        };
        s.r1 += found(1);
        s.r5 += found(5);
        s.r10 += found(10);
        if let Some(p) = ranked
            .iter()
            .position(|d| task.required_documents.contains(d))
        {
            s.mrr += 1.0 / (p as f64 + 1.0);
        }
        s.n += 1;
    }
    let n = s.n.max(1) as f64;
    s.r1 /= n;
    s.r5 /= n;
    s.r10 /= n;
    s.mrr /= n;
    s
}

fn methods() -> Vec<(String, Retriever)> {
    let mut m = vec![
        ("bm25".to_string(), Retriever::Bm25),
        ("dense".to_string(), Retriever::Dense),
    ];
    for w in [0.25f32, 0.5, 1.0, 2.0] {
        m.push((
            format!("rrf k=60 w={w}"),
            Retriever::Hybrid(Fusion::Rrf {
                k: 60.0,
                dense_weight: w,
            }),
        ));
    }
    for w in [0.1f32, 0.25, 0.5, 1.0] {
        m.push((
            format!("minmax w={w}"),
            Retriever::Hybrid(Fusion::MinMax { dense_weight: w }),
        ));
    }
    m
}

fn latency(index: &Index, queries: &[String], retriever: Retriever) -> (f64, f64) {
    let mut ms = Vec::new();
    for q in queries {
        let t = Instant::now();
        let hits = index.search_with(q, 5, retriever);
        ms.push(t.elapsed().as_secs_f64() * 1e3);
        std::hint::black_box(hits);
    }
    ms.sort_by(f64::total_cmp);
    (percentile(&ms, 50.0), percentile(&ms, 99.0))
}

fn table(
    name: &str,
    index: &Index,
    tasks: &[Task],
    qvecs: &BTreeMap<usize, Vec<Vec<f32>>>,
    tune: impl Fn(usize) -> bool + Copy,
) {
    println!("\n## {name}: r@1 / r@5 / r@10 / MRR\n");
    println!("| method | query chunks | tune | held out | all |");
    println!("|---|---|---|---|---|");
    for (chunk, qv) in qvecs {
        for (label, r) in methods() {
            if r == Retriever::Bm25 && *chunk != *qvecs.keys().next().unwrap_or(&0) {
                continue;
            }
            let a = score(index, tasks, qv, r, tune);
            let b = score(index, tasks, qv, r, |i| !tune(i));
            let c = score(index, tasks, qv, r, |_| true);
            let chunk = if r == Retriever::Bm25 {
                "-".to_string()
            } else if *chunk == 0 {
                "whole".to_string()
            } else {
                format!("{chunk} words")
            };
            println!(
                "| {label} | {chunk} | {} | {} | {} |",
                a.fmt(),
                b.fmt(),
                c.fmt()
            );
        }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let skip_abcd = std::env::args().any(|a| a == "--skip-abcd");
    let Some(model_dir) = frontdesk_embed::locate() else {
        println!("note: embedding model not found; nothing to compare (BM25 only)");
        return Ok(());
    };
    let embedder = Arc::new(Embedder::load(&model_dir)?);

    // ---- Banking: build times, persistence.
    let dir = tempfile::tempdir()?;
    let t = Instant::now();
    let mut index = Index::open_or_create(dir.path())?;
    index.ingest_jsonl(data("helpcenter/banking/documents.jsonl"))?;
    let bm25_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let embedded = index.attach_embedder(embedder.clone())?;
    let embed_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let mut reopened = Index::open_or_create(dir.path())?;
    let again = reopened.attach_embedder(embedder.clone())?;
    let reopen_ms = t.elapsed().as_secs_f64() * 1e3;
    let bytes = std::fs::metadata(dir.path().join("embeddings.bin"))?.len();
    println!(
        "banking: {} documents, {} passages; BM25 ingest+build {bm25_ms:.0} ms; \
         embedding {embedded} passages {embed_s:.1} s ({:.0}/s); \
         reopen + attach with persisted vectors {reopen_ms:.0} ms (embedded {again}); embeddings.bin {:.1} MB",
        index.document_count(),
        index.passage_count(),
        embedded as f64 / embed_s,
        bytes as f64 / 1e6
    );

    let tasks = read_tasks(Path::new(&data("helpcenter/banking/tasks_dev.jsonl")))?;
    let mut qvecs = BTreeMap::new();
    for chunk in [0usize, 80, 40] {
        let t = Instant::now();
        let v: Vec<Vec<f32>> = tasks
            .iter()
            .map(|t| {
                index
                    .embed_query_chunked(&t.query, chunk)
                    .unwrap_or_default()
            })
            .collect();
        println!(
            "query embedding, chunks of {chunk} words (0 = whole): {:.1} ms/query",
            t.elapsed().as_secs_f64() * 1e3 / tasks.len() as f64
        );
        qvecs.insert(chunk, v);
    }
    let mid = tasks.len() / 2;
    table("banking dev tasks", &index, &tasks, &qvecs, |i| i < mid);

    // ---- Latency on the banking index (search(q, 5), includes the query embedding).
    let scenarios: Vec<String> = tasks.iter().map(|t| t.query.clone()).collect();
    let titles: Vec<String> = read_titles(&data("helpcenter/banking/documents.jsonl"))?
        .into_iter()
        .take(200)
        .collect();
    println!("\n## latency on the banking index (wall ms, p50 / p99, search(q, 5))\n");
    println!("| method | 200 titles (short) | 82 scenarios (long) |");
    println!("|---|---|---|");
    for (label, r) in [
        ("bm25", Retriever::Bm25),
        ("dense", Retriever::Dense),
        (
            "hybrid rrf",
            Retriever::Hybrid(Fusion::Rrf {
                k: 60.0,
                dense_weight: 1.0,
            }),
        ),
    ] {
        latency(&index, &titles[..20], r); // warm up
        let (s50, s99) = latency(&index, &titles, r);
        let (l50, l99) = latency(&index, &scenarios, r);
        println!("| {label} | {s50:.2} / {s99:.2} | {l50:.2} / {l99:.2} |");
    }
    // Dense scoring alone over a 13,302 x 384 matrix (the bench corpus size).
    let rows = 13_302usize;
    let dim = embedder.dim();
    let matrix: Vec<f32> = (0..rows * dim)
        .map(|i| ((i * 2_654_435_761) % 1000) as f32 / 1000.0 - 0.5)
        .collect();
    let q: Vec<f32> = (0..dim).map(|i| (i as f32).sin()).collect();
    let mut ms = Vec::new();
    for _ in 0..200 {
        let t = Instant::now();
        std::hint::black_box(dot_all(&matrix, dim, &q));
        ms.push(t.elapsed().as_secs_f64() * 1e3);
    }
    ms.sort_by(f64::total_cmp);
    println!(
        "\ndense dot products over {rows} x {dim}: p50 {:.2} ms, p99 {:.2} ms",
        percentile(&ms, 50.0),
        percentile(&ms, 99.0)
    );

    if skip_abcd {
        return Ok(());
    }
    // ---- ABCD guidelines with Bitext utterances.
    let mut abcd = Index::in_memory(SearchConfig::default());
    abcd.ingest_guidelines_json(data("helpcenter/retail-abcd/guidelines.json"))?;
    let t = Instant::now();
    let n = abcd.attach_embedder(embedder.clone())?;
    println!(
        "\nABCD: {} documents, {} passages; embedded {n} in {:.1} s",
        abcd.document_count(),
        abcd.passage_count(),
        t.elapsed().as_secs_f64()
    );
    let map = [
        ("get_refund", "product-defect/initiate-refund"),
        ("track_refund", "product-defect/refund-status"),
        ("recover_password", "account-access/recover-password"),
        ("cancel_order", "order-issue/manage-cancel"),
        ("place_order", "order-issue/manage-create"),
        ("delivery_period", "order-issue/status-delivery-time"),
        ("track_order", "shipping-issue/shipping-status"),
    ];
    for (_, id) in map {
        if abcd.document(id).is_none() {
            return Err(format!("no ABCD document {id}").into());
        }
    }
    let mut rdr = csv::Reader::from_path(data("intents/bitext_dev.csv"))?;
    let mut by_intent: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for rec in rdr.records() {
        let rec = rec?;
        by_intent
            .entry(rec[1].to_string())
            .or_default()
            .push(rec[0].to_string());
    }
    let mut atasks = Vec::new();
    for (intent, id) in map {
        let rows = by_intent.get(intent).cloned().unwrap_or_default();
        let step = (rows.len() / 30).max(1);
        for q in rows.into_iter().step_by(step).take(30) {
            atasks.push(Task {
                id: intent.into(),
                query: q,
                required_documents: vec![id.into()],
            });
        }
    }
    let mut aq = BTreeMap::new();
    aq.insert(
        80usize,
        atasks
            .iter()
            .map(|t| abcd.embed_query(&t.query).unwrap_or_default())
            .collect::<Vec<_>>(),
    );
    table(
        &format!("ABCD guidelines, {} Bitext utterances", atasks.len()),
        &abcd,
        &atasks,
        &aq,
        |i| i % 2 == 0,
    );
    Ok(())
}

fn read_titles(path: &str) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    Ok(std::fs::read_to_string(path)?
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["title"].as_str().map(String::from))
        .collect())
}
