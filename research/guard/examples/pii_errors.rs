//! Prints false positives / misses of one PII type on the tuning split
//! (lines with index % 3 != 2) of pii_dev, for error analysis.
//!
//! `cargo run --release --manifest-path research/Cargo.toml -p research-guard --example pii_errors -- PHONE_NUMBER`

use frontdesk_guard::detect_pii;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let kind = std::env::args().nth(1).unwrap_or_else(|| "PERSON".into());
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/guardrails/pii_dev.jsonl"
    );
    for (i, line) in std::fs::read_to_string(path)?.lines().enumerate() {
        if i % 3 == 2 {
            continue;
        }
        let row: serde_json::Value = serde_json::from_str(line)?;
        let text = row["text"].as_str().unwrap_or_default();
        let b: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .chain([text.len()])
            .collect();
        let gold: Vec<(String, usize, usize)> = row["spans"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|s| {
                let st = s["start"].as_u64().unwrap_or(0) as usize;
                let en = s["end"].as_u64().unwrap_or(0) as usize;
                (s["type"].as_str().unwrap_or("").to_string(), b[st], b[en])
            })
            .collect();
        let pred = detect_pii(text);
        for p in pred.iter().filter(|p| p.kind.label() == kind) {
            let overlapping = |g: &&(String, usize, usize)| p.start < g.2 && g.1 < p.end;
            let hit = gold.iter().filter(overlapping).find(|g| g.0 == kind);
            if hit.is_none() {
                let hit = gold.iter().find(overlapping);
                println!(
                    "FP {:?} (gold {:?}) in {:?}",
                    &text[p.start..p.end],
                    hit.map(|g| &g.0),
                    text
                );
            }
        }
        for g in gold.iter().filter(|g| g.0 == kind) {
            if !pred
                .iter()
                .any(|p| p.kind.label() == kind && p.start < g.2 && g.1 < p.end)
            {
                let other = pred
                    .iter()
                    .find(|p| p.start < g.2 && g.1 < p.end)
                    .map(|p| p.kind.label());
                println!(
                    "MISS {:?} (pred {:?}) in {:?}",
                    &text[g.1..g.2],
                    other,
                    text
                );
            }
        }
    }
    Ok(())
}
