//! Flag rate of the default injection detector on retail customer e-mails.
//!
//! `cargo run --release -p frontdesk-guard --example retail_fpr -- [threshold] [top]`
//!
//! Scores the first message of every case in `eval/sets/retail_train.jsonl`
//! (a quarter is part of default training: reported apart from the unseen
//! rest), `retail_dev.jsonl` (held out) and the `prompt_injection` cases of
//! `adversarial.jsonl` (which should all be flagged). Prints flagged texts
//! with their top-scoring segments.

use frontdesk_guard::InjectionDetector;
use serde_json::Value;

const SETS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../eval/sets");

fn first_messages(
    file: &str,
    tag: Option<&str>,
) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let raw = std::fs::read_to_string(format!("{SETS}/{file}"))?;
    let mut out = Vec::new();
    for line in raw.lines().filter(|l| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line)?;
        if let Some(tag) = tag {
            let tagged = v["tags"]
                .as_array()
                .is_some_and(|ts| ts.iter().any(|t| t == tag));
            if !tagged {
                continue;
            }
        }
        if let Some(m) = v["messages"][0].as_str() {
            out.push(m.to_string());
        }
    }
    Ok(out)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut det = InjectionDetector::load_default()?;
    if let Some(t) = args.first() {
        det = det.with_threshold(t.parse()?);
    }
    let top: usize = args.get(1).map_or(Ok(3), |s| s.parse())?;
    for (file, tag) in [
        ("retail_train.jsonl", None),
        ("retail_dev.jsonl", None),
        ("adversarial.jsonl", Some("prompt_injection")),
    ] {
        let texts = first_messages(file, tag)?;
        let mut flagged = 0;
        let (mut seen, mut seen_flagged) = (0usize, 0usize);
        let mut scores: Vec<f32> = Vec::new();
        for t in &texts {
            let v = det.score(t);
            if det.was_trained_on(t) {
                seen += 1;
                seen_flagged += usize::from(v.flagged);
            }
            scores.push(v.score);
            if v.flagged {
                flagged += 1;
                println!(
                    "  FLAG {:.3} {}",
                    v.score,
                    t.chars().take(160).collect::<String>()
                );
                let mut segs = det.segment_scores(t);
                segs.sort_by(|a, b| b.1.total_cmp(&a.1));
                for (s, sc) in segs.into_iter().take(top) {
                    println!("       {sc:.3} | {s}");
                }
            }
        }
        scores.sort_by(f32::total_cmp);
        let max = scores.last().copied().unwrap_or(0.0);
        let min = scores.first().copied().unwrap_or(0.0);
        let unseen = texts.len() - seen;
        let unseen_flagged = flagged - seen_flagged;
        println!(
            "{file}{}: flagged {flagged}/{} ({:.1}%), score min {min:.3} max {max:.3}; \
             in training {seen_flagged}/{seen}, unseen {unseen_flagged}/{unseen} ({:.1}%)",
            tag.map(|t| format!(" [{t}]")).unwrap_or_default(),
            texts.len(),
            100.0 * flagged as f64 / texts.len().max(1) as f64,
            100.0 * unseen_flagged as f64 / unseen.max(1) as f64
        );
    }
    Ok(())
}
