//! k-fold cross-validation of the injection detector on the shipped 546 rows.
//!
//! `cargo run --release -p frontdesk-guard --example injection_cv -- [k] [c] [iterations] [lr] [threshold] [word_max_n]`
//!
//! Extra benign rows are those of default training ([`default_benign_training`]:
//! the ordinary-ticket sample [`default_benign_extras`], long composites of it
//! and a quarter of the retail_train e-mails); the ordinary false-positive
//! rate is measured on Bitext and Banking77 rows that are *not* in that sample.

use frontdesk_guard::injection::detector::{
    default_benign_training, default_injection_examples, ordinary_heldout_sample,
};
use frontdesk_guard::{cross_validate, TrainConfig};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| args.get(i).map(String::as_str);
    let k: usize = arg(0).unwrap_or("5").parse()?;
    let mut cfg = TrainConfig::default();
    if let Some(v) = arg(1) {
        cfg.c = v.parse()?;
    }
    if let Some(v) = arg(2) {
        cfg.iterations = v.parse()?;
    }
    if let Some(v) = arg(3) {
        cfg.learning_rate = v.parse()?;
    }
    if let Some(v) = arg(4) {
        cfg.threshold = v.parse()?;
    }
    if let Some(v) = arg(5) {
        cfg.word_max_n = v.parse()?;
    }
    let examples = default_injection_examples()?;
    let benign = default_benign_training()?;
    // A fixed 2,000-row held-out sample keeps the run short.
    let heldout = ordinary_heldout_sample(2000)?;
    let started = std::time::Instant::now();
    let cv = cross_validate(&examples, &benign, &heldout, &cfg, k)?;
    eprintln!(
        "config {cfg:?}; {} held-out ordinary texts; {:.1}s",
        heldout.len(),
        started.elapsed().as_secs_f64()
    );
    println!("{}", serde_json::to_string_pretty(&cv)?);
    Ok(())
}
