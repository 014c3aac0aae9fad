//! How the shipped injection detector flags the first messages of the
//! adversarial eval cases (`eval/sets/adversarial.jsonl`), per tag: the
//! `prompt_injection` cases should all be flagged; the others (other
//! customers' orders, legal threats, requests for a person, ...) are not
//! injections.
//!
//! ```text
//! cargo run --release --manifest-path research/Cargo.toml -p research-guard --example adversarial_flags
//! ```

use std::collections::BTreeMap;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let detector = frontdesk_guard::InjectionDetector::load_default()?;
    let raw = std::fs::read_to_string(format!("{root}/eval/sets/adversarial.jsonl"))?;
    let mut per_tag: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for line in raw.lines().filter(|l| !l.trim().is_empty()) {
        let case: serde_json::Value = serde_json::from_str(line)?;
        let text = case["messages"][0].as_str().unwrap_or_default();
        let tag = case["tags"]
            .as_array()
            .and_then(|t| {
                t.iter()
                    .filter_map(|x| x.as_str())
                    .find(|x| *x != "adversarial")
            })
            .unwrap_or("untagged")
            .to_string();
        let entry = per_tag.entry(tag).or_default();
        entry.0 += 1;
        entry.1 += usize::from(detector.score(text).flagged);
    }
    for (tag, (n, flagged)) in per_tag {
        println!(
            "{}",
            serde_json::json!({"tag": tag, "cases": n, "flagged": flagged})
        );
    }
    Ok(())
}
