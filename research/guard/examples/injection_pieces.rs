//! Which pieces of a text make the shipped injection detector flag it: reads
//! an eval set (JSONL with `messages`) and prints, for each first message the
//! detector flags, its score and its highest-scoring pieces.
//!
//! ```text
//! cargo run --release --manifest-path research/Cargo.toml -p research-guard \
//!     --example injection_pieces -- eval/sets/people_dev.jsonl
//! ```

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let detector = frontdesk_guard::InjectionDetector::load_default()?;
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: injection_pieces SET.jsonl")?;
    let raw = std::fs::read_to_string(path)?;
    let (mut n, mut flagged) = (0usize, 0usize);
    for line in raw.lines().filter(|l| !l.trim().is_empty()) {
        let case: serde_json::Value = serde_json::from_str(line)?;
        let text = case["messages"][0].as_str().unwrap_or_default();
        n += 1;
        let verdict = detector.score(text);
        if !verdict.flagged {
            continue;
        }
        flagged += 1;
        println!("{} score {:.3}", case["id"], verdict.score);
        let mut pieces = detector.segment_scores(text);
        pieces.sort_by(|a, b| b.1.total_cmp(&a.1));
        for (piece, score) in pieces.iter().take(3) {
            println!(
                "  {score:.3}  {:?}",
                piece.chars().take(160).collect::<String>()
            );
        }
    }
    println!("{flagged} of {n} first messages flagged");
    Ok(())
}
