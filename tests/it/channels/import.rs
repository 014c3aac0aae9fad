//! `frontdesk import` against a real broker: idempotent (importing again adds nothing),
//! resumable after a SIGKILL, `--dry-run` lists bad rows by line; JSONL, CSV, mbox and a
//! Zendesk export.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use frontdesk::channels::import::{self, Checkpoints, ImportOptions, Sinks};
use frontdesk::messages::Channel;

use super::rig::*;
use crate::helpers::*;

fn write_jsonl(path: &Path, n: usize, bad_at: &[usize]) {
    let mut f = std::fs::File::create(path).unwrap();
    for i in 0..n {
        if bad_at.contains(&i) {
            writeln!(
                f,
                "{{\"ticket_id\": \"bad-{i}\", \"body\": \"no conversation\"}}"
            )
            .unwrap();
        } else {
            writeln!(
                f,
                "{{\"ticket_id\":\"imp-{i}\",\"conversation_id\":\"c-{}\",\"channel\":\"email\",\"customer\":{{\"email\":\"u{i}@example.com\"}},\"body\":\"Where is my order #W{:07}?\"}}",
                i % 97,
                i
            )
            .unwrap();
        }
    }
}

fn opts(path: &Path, dry_run: bool) -> ImportOptions {
    ImportOptions {
        path: path.to_owned(),
        format: None,
        channel: Channel::Webhook,
        dry_run,
        batch: 64,
        progress: false,
    }
}

fn sinks(base: &Base) -> Sinks {
    Sinks {
        acceptor: base.acceptor().with_lease(Duration::ZERO),
        mail: base.mail_tickets(),
        checkpoints: Checkpoints::new(base.state.pool().clone()),
        trusted: vec!["mx.acme.example".into()],
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn importing_twice_adds_nothing_and_a_dry_run_reports_bad_rows_by_line() {
    let Some(base) = base(Which::Mock).await else {
        return;
    };
    let file = base.dir.path().join("backlog.jsonl");
    write_jsonl(&file, 300, &[4, 120]);
    let codec = frontdesk::pipeline::codec(&base.cfg);

    let dry = import::run(&opts(&file, true), &codec, None).await.unwrap();
    assert_eq!((dry.read, dry.imported, dry.invalid), (300, 298, 2));
    let lines: Vec<String> = dry.bad_rows.iter().map(|b| b.at.to_string()).collect();
    assert_eq!(lines, vec!["line 5", "line 121"]);
    assert!(
        dry.bad_rows[0].reason.contains("conversation_id"),
        "{:?}",
        dry.bad_rows
    );

    let first = import::run(&opts(&file, false), &codec, Some(&sinks(&base)))
        .await
        .unwrap();
    assert_eq!(
        (first.imported, first.duplicates, first.invalid),
        (298, 0, 2)
    );
    // Unchanged file: the checkpoint says it is done.
    let second = import::run(&opts(&file, false), &codec, Some(&sinks(&base)))
        .await
        .unwrap();
    assert_eq!((second.resumed_after, second.imported), (300, 0));
    // The same rows in a changed file (appended to): read again, every old row is a duplicate.
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&file)
        .unwrap();
    writeln!(f, "{{\"ticket_id\":\"imp-new\",\"conversation_id\":\"c-new\",\"channel\":\"chat\",\"body\":\"hi\"}}").unwrap();
    drop(f);
    let third = import::run(&opts(&file, false), &codec, Some(&sinks(&base)))
        .await
        .unwrap();
    assert_eq!((third.imported, third.duplicates), (1, 298));

    let tickets = base.inbound_tickets().await;
    assert_eq!(tickets.len(), 299, "every valid row once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn mbox_csv_and_zendesk_exports_import() {
    let Some(base) = base(Which::Mock).await else {
        return;
    };
    let codec = frontdesk::pipeline::codec(&base.cfg);
    let mbox = base.dir.path().join("support.mbox");
    std::fs::write(
        &mbox,
        "From amelia@example.com Mon Nov  3 09:00:00 2025\n\
From: Amelia <amelia@example.com>\nSubject: Order\nMessage-ID: <a1@example.com>\n\
Authentication-Results: mx.acme.example; dkim=pass header.d=example.com\n\nWhere is my order?\n\n\
From amelia@example.com Mon Nov  3 10:00:00 2025\n\
From: Amelia <amelia@example.com>\nSubject: other subject\nMessage-ID: <a2@example.com>\nIn-Reply-To: <a1@example.com>\n\n\
Any news?\n\nOn Mon, Nov 3, 2025 at 9:00 AM Amelia <amelia@example.com> wrote:\n> Where is my order?\n\n\
From mailer-daemon@example.com Mon Nov  3 11:00:00 2025\n\
From: Mailer <mailer-daemon@example.com>\nSubject: Undeliverable\nMessage-ID: <b1@example.com>\nAuto-Submitted: auto-replied\n\nBounce.\n",
    )
    .unwrap();
    let s = import::run(&opts(&mbox, false), &codec, Some(&sinks(&base)))
        .await
        .unwrap();
    assert_eq!((s.read, s.imported, s.skipped), (3, 2, 1), "{s:?}");

    let csv = base.dir.path().join("rows.csv");
    std::fs::write(&csv, "text,email\nI want a refund,b@example.com\n,\n").unwrap();
    let s = import::run(&opts(&csv, false), &codec, Some(&sinks(&base)))
        .await
        .unwrap();
    assert_eq!((s.imported, s.invalid), (1, 1));
    assert_eq!(s.bad_rows[0].at.to_string(), "line 3");

    let export = base.dir.path().join("export.json");
    std::fs::write(
        &export,
        include_str!("../../../src/channels/import/golden/zendesk_export.json"),
    )
    .unwrap();
    let s = import::run(&opts(&export, false), &codec, Some(&sinks(&base)))
        .await
        .unwrap();
    assert_eq!((s.imported, s.skipped, s.invalid), (1, 1, 1));

    let tickets = base.inbound_tickets().await;
    assert_eq!(tickets.len(), 4);
    let mails: Vec<_> = tickets
        .iter()
        .filter(|t| t.channel == Channel::Email)
        .collect();
    assert_eq!(
        mails[0].conversation_id, mails[1].conversation_id,
        "threaded"
    );
    assert!(
        mails.iter().any(|t| t.body == "Any news?"),
        "quote stripped"
    );
    assert!(tickets.iter().any(|t| t.conversation_id == "zendesk:35436"));
}

/// The binary, killed midway through a 20,000-ticket import and run again: every ticket
/// arrives; a ticket is published twice only if it was in the batch the kill cut short.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_killed_import_resumes() {
    let Some(base) = base(Which::Mock).await else {
        return;
    };
    let n = 20_000;
    let batch = 500;
    let file = base.dir.path().join("big.jsonl");
    write_jsonl(&file, n, &[]);
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_frontdesk"))
            .args(["import", file.to_str().unwrap(), "--json", "--no-progress"])
            .args(["--batch", &batch.to_string()])
            .env("FRONTDESK__KAFKA__BROKERS", &base.brokers)
            .env("FRONTDESK__TOPICS__PREFIX", &base.cfg.topics.prefix)
            .env("FRONTDESK__STATE__URL", &base.cfg.state.url)
            .envs(crate::helpers::VAULT_KEYS)
            .env("RUST_LOG", "error")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap()
    };
    let topics: Vec<String> = base.topics.inbound().into_iter().map(|(t, _)| t).collect();
    let refs: Vec<&str> = topics.iter().map(String::as_str).collect();
    let obs = observer(&base.cfg, &base.brokers, &refs);
    let mut child = run();
    let mut seen = collect_until(&obs, Duration::from_secs(120), |s| s.len() >= n / 4).await;
    child.kill().unwrap();
    child.wait().unwrap();
    let out = run().wait_with_output().unwrap();
    assert!(out.status.success());
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(summary["resumed_after"].as_u64().unwrap() > 0, "{summary}");
    seen.extend(collect_for(&obs, Duration::from_secs(5)).await);
    let c = codec();
    let mut counts: HashMap<String, usize> = HashMap::new();
    for s in &seen {
        let t: frontdesk::messages::Ticket = c
            .decode(frontdesk::messages::RecordKind::Ticket, &s.value)
            .await
            .unwrap();
        *counts.entry(t.ticket_id).or_default() += 1;
    }
    assert_eq!(counts.len(), n, "every ticket arrives");
    let repeated = counts.values().filter(|c| **c > 1).count();
    eprintln!("killed import: {repeated} of {n} tickets published twice");
    assert!(
        repeated <= batch,
        "only the interrupted batch may repeat: {repeated}"
    );
}
