//! Throughput of the fast path on one core: prints JSON with
//! `classifications_per_sec_per_core` (model only) and
//! `routes_per_sec_per_core` (clause split + per-clause classification +
//! registry rules + entity extraction), both per second of this thread's CPU
//! time, and the same per wall-clock second (`*_wall`), which undercounts
//! when other processes share the cores.
//!
//! ```text
//! cargo run --release --manifest-path research/Cargo.toml -p research-intent --example bench -- \
//!     [--model models/router/retail] [--data data/intents/bitext_dev.csv] [--seconds 3]
//! ```

use std::time::Instant;

use frontdesk_intent::features::Scratch;
use frontdesk_intent::{extract_entities, load_labelled_csv, Catalog, Model, Registry};

/// CPU time consumed by this thread, in seconds (what "per core" means
/// when the machine is shared: wall-clock rates undercount under load).
fn thread_cpu_seconds() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec for the duration of the call.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return f64::NAN;
    }
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut model_dir = format!("{root}/models/router/retail");
    let mut data = format!("{root}/data/intents/bitext_dev.csv");
    let mut seconds = 3.0f64;
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).cloned().ok_or("missing value")?;
        match args[i].as_str() {
            "--model" => model_dir = value,
            "--data" => data = value,
            "--seconds" => seconds = value.parse()?,
            other => return Err(format!("unknown argument {other}").into()),
        }
        i += 2;
    }
    let load_start = Instant::now();
    let model = Model::load(&model_dir)?;
    let load_ms = load_start.elapsed().as_secs_f64() * 1000.0;
    let texts: Vec<String> = load_labelled_csv(&data)?
        .into_iter()
        .map(|e| e.text)
        .collect();
    if texts.is_empty() {
        return Err("no texts".into());
    }
    let mut scratch = Scratch::default();
    let (mut n, mut checksum) = (0usize, 0f64);
    let start = Instant::now();
    let cpu_start = thread_cpu_seconds();
    while start.elapsed().as_secs_f64() < seconds {
        for t in &texts {
            checksum += f64::from(model.classify_with(t, &mut scratch).confidence());
        }
        n += texts.len();
    }
    let per_sec = n as f64 / start.elapsed().as_secs_f64();
    let per_cpu_sec = n as f64 / (thread_cpu_seconds() - cpu_start);

    let registry = Registry::load(format!("{root}/config/intents.toml"))?;
    let catalog = Catalog::load(format!("{root}/data/retail"))?;
    let (mut m, mut entities) = (0usize, 0usize);
    let start = Instant::now();
    let cpu_start = thread_cpu_seconds();
    while start.elapsed().as_secs_f64() < seconds {
        for t in &texts {
            let route = registry.route(&model, t);
            entities += extract_entities(t, &catalog, None).len() + route.intents.len();
        }
        m += texts.len();
    }
    let routes_per_sec = m as f64 / start.elapsed().as_secs_f64();
    let routes_per_cpu_sec = m as f64 / (thread_cpu_seconds() - cpu_start);
    println!(
        "{}",
        serde_json::json!({
            "model": model_dir,
            "labels": model.labels().len(),
            "features": model.n_features(),
            "load_ms": load_ms,
            "texts": texts.len(),
            "classifications_per_sec_per_core": per_cpu_sec,
            "classifications_per_sec_wall": per_sec,
            "routes_per_sec_per_core": routes_per_cpu_sec,
            "routes_per_sec_wall": routes_per_sec,
            "checksum": checksum + entities as f64 * 0.0,
        })
    );
    Ok(())
}
