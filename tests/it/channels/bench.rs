//! The channel figures of the README, measured on the embedded mock cluster and a SQLite
//! state file. Ignored by default; run them in a release build on a quiet machine:
//!
//! ```sh
//! cargo test --release --test it channels::bench -- --ignored --nocapture --test-threads=1
//! ```
//!
//! - gateway requests per second with Zendesk signatures on, driven by `wrk` (every request
//!   a new signed event, each answered after the broker acknowledged its ticket);
//! - import tickets per second for a 100,000-ticket JSONL and an mbox, built from the
//!   shipped Bitext and Banking77 texts (`data/intents/`);
//! - deliver records per second against a Zendesk fake.

use std::io::Write;

use futures::StreamExt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use frontdesk::channels::gateway::zendesk::Zendesk;
use frontdesk::channels::import::{self, Checkpoints, ImportOptions, Sinks};
use frontdesk::channels::signature::{sign, Algorithm, Encoding};
use frontdesk::channels::{Origin, Provider};
use frontdesk::messages::{Channel, RecordKind};
use frontdesk::topics::names;
use frontdesk_llm::ApiKey;

use super::deliver_rig::{resolution, seed_origin, start_deliver, zendesk_cfg};
use super::fakes::{self, Script};
use super::rig::*;
use crate::helpers::Which;

/// Customer texts from the shipped intent data sets.
fn texts() -> Vec<String> {
    let mut out = Vec::new();
    for f in [
        "data/intents/bitext_dev.csv",
        "data/intents/banking77_train.csv",
    ] {
        let path = format!("{}/{f}", env!("CARGO_MANIFEST_DIR"));
        let mut r = csv::Reader::from_path(&path).unwrap();
        for rec in r.records() {
            out.push(rec.unwrap()[0].to_owned());
        }
    }
    out
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "benchmark: run in release with --ignored --nocapture"]
async fn bench_gateway_with_wrk() {
    let Some(mut base) = base(Which::Mock).await else {
        return;
    };
    base.cfg
        .kafka
        .librdkafka_options
        .insert("linger.ms".into(), "1".into());
    let secret = "zd-secret";
    let hook = Arc::new(Zendesk::new(ApiKey::new(secret), Duration::from_secs(300)));
    let gw = gateway(&base, vec![hook], 1 << 20).await;
    // Distinct signed events, one per line: timestamp, signature, body (tab-separated).
    let template = String::from_utf8(golden("zendesk_comment_added.json")).unwrap();
    let template: serde_json::Value = serde_json::from_str(&template).unwrap();
    let n = env_usize("FD_BENCH_REQUESTS", 200_000);
    let file = base.dir.path().join("requests.tsv");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&file).unwrap());
    let ts = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    for i in 0..n {
        let mut v = template.clone();
        v["event"]["comment"]["id"] = serde_json::json!(format!("{}", 100_000 + i));
        v["detail"]["id"] = serde_json::json!(format!("{}", 5000 + i % 997));
        let body = v.to_string();
        let sig = sign(
            Algorithm::Sha256,
            Encoding::Base64,
            secret.as_bytes(),
            &[ts.as_bytes(), body.as_bytes()],
        );
        writeln!(out, "{ts}\t{sig}\t{body}").unwrap();
    }
    out.flush().unwrap();
    drop(out);
    let lua = base.dir.path().join("zendesk.lua");
    std::fs::write(
        &lua,
        format!(
            r#"
local threads = {{}}
local counter = 0
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end
function init(args)
  nthreads = {threads}
  reqs = {{}}
  local k = 0
  for line in io.lines("{file}") do
    if k % nthreads == id then
      local ts, sig, body = line:match("([^\t]+)\t([^\t]+)\t(.*)")
      reqs[#reqs + 1] = wrk.format("POST", "/webhooks/zendesk", {{
        ["Content-Type"] = "application/json",
        ["X-Zendesk-Webhook-Signature"] = sig,
        ["X-Zendesk-Webhook-Signature-Timestamp"] = ts }}, body)
    end
    k = k + 1
  end
  i = 0
end
function request()
  i = i + 1
  if i > #reqs then i = 1 end
  return reqs[i]
end
"#,
            threads = 2,
            file = file.display()
        ),
    )
    .unwrap();
    let secs = env_usize("FD_BENCH_SECONDS", 10);
    let conns = env_usize("FD_BENCH_CONNECTIONS", 32);
    let output = tokio::process::Command::new("wrk")
        .args(["-t2", &format!("-c{conns}"), &format!("-d{secs}s"), "-s"])
        .arg(&lua)
        .arg(format!("{}/webhooks/zendesk", gw.url))
        .output()
        .await
        .expect("wrk (apt-get install wrk)");
    let text = String::from_utf8_lossy(&output.stdout);
    eprintln!("{text}");
    let rps: f64 = text
        .lines()
        .find_map(|l| l.strip_prefix("Requests/sec:"))
        .and_then(|v| v.trim().parse().ok())
        .expect("wrk printed Requests/sec");
    assert!(!text.contains("Non-2xx"), "every request accepted: {text}");
    let accepted = frontdesk::channels::metrics::value(
        frontdesk::channels::metrics::GATEWAY_REQUESTS,
        &[("provider", "zendesk"), ("outcome", "accepted")],
    );
    eprintln!(
        "gateway: {rps:.0} requests/s with signatures on ({conns} connections, {secs} s); {accepted} new tickets acknowledged"
    );
    gw.shutdown.cancel();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "benchmark: run in release with --ignored --nocapture"]
async fn bench_import_jsonl_and_mbox() {
    let Some(base) = base(Which::Mock).await else {
        return;
    };
    let texts = texts();
    let codec = frontdesk::pipeline::codec(&base.cfg);
    let sinks = Sinks {
        acceptor: base.acceptor().with_lease(Duration::ZERO),
        mail: base.mail_tickets(),
        checkpoints: Checkpoints::new(base.state.pool().clone()),
        trusted: vec!["mx.acme.example".into()],
    };
    let opts = |path: std::path::PathBuf| ImportOptions {
        path,
        format: None,
        channel: Channel::Webhook,
        dry_run: false,
        batch: 1000,
        progress: false,
    };

    let n = env_usize("FD_BENCH_JSONL", 100_000);
    let jsonl = base.dir.path().join("backlog.jsonl");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&jsonl).unwrap());
    for i in 0..n {
        let t = serde_json::json!({
            "ticket_id": format!("bench-{i}"),
            "conversation_id": format!("conv-{}", i % 5000),
            "channel": "email",
            "customer": {"email": format!("customer{}@example.com", i % 5000)},
            "body": texts[i % texts.len()],
        });
        writeln!(out, "{t}").unwrap();
    }
    out.flush().unwrap();
    drop(out);
    let s = import::run(&opts(jsonl), &codec, Some(&sinks))
        .await
        .unwrap();
    assert_eq!(s.imported as usize, n);
    eprintln!(
        "import jsonl: {n} tickets in {} ms: {:.0} tickets/s",
        s.elapsed_ms, s.units_per_sec
    );

    let m = env_usize("FD_BENCH_MBOX", 100_000);
    let mbox = base.dir.path().join("backlog.mbox");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&mbox).unwrap());
    for i in 0..m {
        let thread_root = i - i % 4;
        write!(
            out,
            "From customer{c}@example.com Mon Nov  3 09:00:00 2025\nFrom: Customer {c} <customer{c}@example.com>\nTo: support@acme.example\nSubject: Order {root}\nMessage-ID: <m{i}@example.com>\n{reply}Authentication-Results: mx.acme.example; dkim=pass header.d=example.com\n\n{body}\n\n-- \nCustomer {c}\n\n",
            c = thread_root % 5000,
            root = thread_root,
            reply = if i == thread_root {
                String::new()
            } else {
                format!("In-Reply-To: <m{}@example.com>\n", i - 1)
            },
            body = texts[i % texts.len()],
        )
        .unwrap();
    }
    out.flush().unwrap();
    drop(out);
    let s = import::run(&opts(mbox), &codec, Some(&sinks))
        .await
        .unwrap();
    assert_eq!(s.imported as usize, m);
    eprintln!(
        "import mbox: {m} messages in {} ms: {:.0} tickets/s",
        s.elapsed_ms, s.units_per_sec
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "benchmark: run in release with --ignored --nocapture"]
async fn bench_deliver_against_a_zendesk_fake() {
    let Some(mut base) = base(Which::Mock).await else {
        return;
    };
    // FD_BENCH_PG=postgres://... puts the outbox in a fresh PostgreSQL database instead of
    // the SQLite file (SQLite has one writer, so concurrent deliveries queue on its commits).
    if let Some(pg) = std::env::var("FD_BENCH_PG").ok().filter(|v| !v.is_empty()) {
        let url = crate::state::fresh_pg_database(&pg).await;
        base.cfg.state.url = url.clone();
        base.state = frontdesk::state::StateDb::connect(&url, 16).await.unwrap();
    }
    let zd = fakes::zendesk(Script::default()).await;
    base.cfg.channels.zendesk = Some(zendesk_cfg(&zd.uri()));
    base.cfg.channels.deliver.max_in_flight = env_usize("FD_BENCH_IN_FLIGHT", 64);
    let n = env_usize("FD_BENCH_RECORDS", 5_000);
    // Set-up, not measured: the origins, then every resolution through one producer with
    // its sends in flight together (a producer per record made the set-up the slow part).
    let topic = base.topics.physical(names::RESOLUTIONS);
    let codec = crate::helpers::codec();
    let producer = crate::helpers::producer(&base.cfg, &base.brokers);
    let mut sends = Vec::with_capacity(n);
    for i in 0..n {
        let ticket = format!("zendesk:comment:{i}");
        let conv = format!("zendesk:{}", 10_000 + i);
        let origin = Origin {
            thread_id: Some(format!("{}", 10_000 + i)),
            ..Default::default()
        };
        seed_origin(&base, &ticket, &conv, Provider::Zendesk, origin).await;
        let r = resolution(
            &ticket,
            &conv,
            Channel::Webhook,
            "Your order shipped on Monday.",
        );
        let bytes = codec
            .encode(RecordKind::Resolution, &topic, &r)
            .await
            .unwrap();
        sends.push((conv, bytes));
    }
    futures::future::join_all(
        sends
            .iter()
            .map(|(key, bytes)| crate::helpers::send(&producer, &topic, key, bytes)),
    )
    .await;
    let started = Instant::now();
    let d = start_deliver(&base);
    eventually(
        "the first record delivered",
        Duration::from_secs(120),
        || zd.posted_count() >= 1,
    )
    .await;
    let first = Instant::now();
    eventually("every record delivered", Duration::from_secs(600), || {
        zd.posted_count() >= n
    })
    .await;
    let secs = first.elapsed().as_secs_f64();
    eprintln!(
        "deliver: {n} records to a Zendesk fake in {secs:.1} s after the first: {:.0} records/s (the group join before it took {:.1} s; state {})",
        n as f64 / secs,
        (first - started).as_secs_f64(),
        if base.cfg.state.url.starts_with("postgres") { "PostgreSQL" } else { "SQLite" }
    );
    d.stop().await;

    // Baseline in the same run: the fake alone, sent the same number of updates by a plain
    // HTTP client at the same concurrency, so the figure above can be read against what the
    // fake itself serves.
    let alone = fakes::zendesk(Script::default()).await;
    let client = reqwest::Client::new();
    let started = Instant::now();
    futures::stream::iter(0..n)
        .map(|i| {
            let client = client.clone();
            let url = format!("{}/api/v2/tickets/{}.json", alone.uri(), 10_000 + i);
            async move {
                client
                    .put(url)
                    .json(&serde_json::json!({"ticket": {"comment": {"body": "Your order shipped on Monday.", "public": true}, "status": "solved"}}))
                    .send()
                    .await
                    .unwrap()
                    .status()
            }
        })
        .buffer_unordered(base.cfg.channels.deliver.max_in_flight)
        .for_each(|status| async move { assert!(status.is_success(), "{status}") })
        .await;
    let base_secs = started.elapsed().as_secs_f64();
    eprintln!(
        "baseline: the fake alone took {n} updates in {base_secs:.1} s: {:.0} requests/s; deliver ran at {:.2} of it",
        n as f64 / base_secs,
        base_secs / secs
    );
}
