//! Defaults that are safe in production: `frontdesk run` refuses the embedded broker and
//! topics with a single replica unless `--demo`, naming the flag; `frontdesk topics apply`
//! creates what is missing and reports the drift it cannot fix.

use std::process::{Command, Output, Stdio};
use std::time::Duration;

use rdkafka::admin::{AdminOptions, NewTopic, TopicReplication};
use serde_json::Value;

use crate::helpers::{broker, unique, Which, VAULT_KEYS};

/// Runs frontdesk; one still running after a minute (a `run` that was not refused) is
/// killed, and its output is what it printed until then.
fn frontdesk(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_frontdesk"))
        .args(args)
        .envs(env.iter().copied())
        .envs(VAULT_KEYS)
        .env("RUST_LOG", "error")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run frontdesk");
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while child.try_wait().expect("wait").is_none() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    child.wait_with_output().expect("frontdesk output")
}

/// `frontdesk topics apply --json`, which must succeed.
fn topics_apply(env: &[(&str, &str)]) -> Value {
    let out = frontdesk(&["topics", "apply", "--json"], env);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    serde_json::from_slice(&out.stdout).expect("one JSON object")
}

#[test]
fn run_refuses_the_embedded_broker_without_demo_and_names_the_flag() {
    let out = frontdesk(&["run", "--stages", "router"], &[]);
    assert!(!out.status.success(), "run started on the embedded broker");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("embedded broker") && err.contains("--demo"),
        "{err}"
    );
}

#[tokio::test]
async fn on_one_broker_run_refuses_single_replica_topics_and_apply_fixes_settings_and_reports_drift(
) {
    let Some(b) = broker(Which::Tansu) else {
        return;
    };
    let brokers = b.bootstrap();
    let prefix = unique("prod");
    let env = [
        ("FRONTDESK__KAFKA__BROKERS", brokers.as_str()),
        ("FRONTDESK__TOPICS__PREFIX", prefix.as_str()),
    ];
    let admin = frontdesk::kafka::admin(&brokers, &Default::default()).expect("admin");
    let opts = AdminOptions::new().operation_timeout(Some(Duration::from_secs(30)));
    // Before apply: `routed` exists with 2 partitions instead of the declared 6.
    let routed = format!("{prefix}.routed");
    admin
        .create_topics(
            [&NewTopic::new(&routed, 2, TopicReplication::Fixed(1))],
            &opts,
        )
        .await
        .expect("create routed")
        .into_iter()
        .for_each(|r| {
            r.expect("routed created");
        });

    let r = topics_apply(&env);
    let declared = r["declared"].as_u64().expect("declared");
    assert_eq!(
        r["created"].as_array().map(Vec::len),
        Some(declared as usize - 1),
        "{r}"
    );
    let drift = r["drift"].as_array().expect("drift");
    assert!(
        drift.iter().any(|d| d["topic"] == routed.as_str()
            && d["what"] == "partitions"
            && d["declared"] == "6"
            && d["actual"] == "2"),
        "{r}"
    );

    // `routed` was created without the declared cleanup policy: apply sets it, or, where
    // the broker will not change settings (tansu 0.6 refuses AlterConfigs), reports it
    // as drift. (Which settings are fixed and which kept: the unit tests of
    // `topics::reconcile`.)
    let about_policy = |k: &str| {
        r[k].as_array().is_some_and(|a| {
            a.iter().any(|x| {
                x["topic"] == routed.as_str()
                    && (x["setting"] == "cleanup.policy" || x["what"] == "cleanup.policy")
            })
        })
    };
    assert!(
        about_policy("fixed") || about_policy("drift") || r["settings_unchecked"].is_string(),
        "{r}"
    );
    // Applying again creates nothing and finds the same drift.
    let again = topics_apply(&env);
    assert_eq!(
        again["created"].as_array().map(Vec::len),
        Some(0),
        "{again}"
    );
    let partitions = |v: &Value| -> Vec<Value> {
        v["drift"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|d| d["what"] == "partitions")
            .cloned()
            .collect()
    };
    assert_eq!(partitions(&again), partitions(&r), "{again}");

    // One broker: every topic has one replica, and run will not start on them.
    let out = frontdesk(&["run", "--stages", "router"], &env);
    assert!(
        !out.status.success(),
        "run started on single-replica topics"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("single replica") && err.contains(&routed) && err.contains("--demo"),
        "{err}"
    );
}
