//! `frontdesk eval` end to end on the embedded broker: cases run through the real
//! pipeline against their own sandbox stores and are scored.

use frontdesk::eval::{self, DriveOptions, EvalOptions, Thresholds};
use std::time::Duration;

use crate::helpers::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn scores_cases_run_through_the_pipeline() {
    let dir = tempfile::tempdir().unwrap();
    let set = dir.path().join("set.jsonl");
    // Two cases the agent must escalate, and one where it must make exactly one write.
    std::fs::write(
        &set,
        r##"{"id": "human", "customer": {"email": "noah.brown7922@example.com"}, "messages": ["I want to talk to a real person about my order, not a bot."], "expect": {"disposition": "escalate"}, "tags": ["t1"]}
{"id": "legal", "customer": {"email": "noah.brown7922@example.com"}, "messages": ["My lawyer will be in touch about order #W7678072. I am going to sue."], "expect": {"disposition": "escalate"}}
{"id": "cancel", "customer": {"email": "noah.brown7922@example.com"}, "messages": ["Please cancel my order #W7678072, I no longer need it."], "expect": {"disposition": "resolve", "actions": [{"name": "cancel_pending_order", "arguments": {"order_id": "#W7678072", "reason": "no longer needed"}}]}}
"##,
    )
    .unwrap();
    let cfg = test_config(dir.path());
    let opts = EvalOptions {
        sets: vec![set],
        data_dir: frontdesk::demo::default_data_dir(),
        drive: DriveOptions {
            runs: 2,
            concurrency: 4,
            case_timeout: Duration::from_secs(60),
            brokers: None,
            progress: false,
        },
        thresholds: Thresholds::default(),
        report: Some(dir.path().join("report.html")),
        cases_out: None,
    };
    let s = eval::run(cfg, opts).await.unwrap();
    assert_eq!((s.cases, s.distinct_cases, s.runs), (6, 3, 2));
    // The cancel ticket made exactly the one labelled write, in each run's own store.
    assert_eq!(
        s.verdicts.get("true_resolution"),
        Some(&2),
        "{:?}",
        s.verdicts
    );
    assert_eq!(
        s.verdicts.get("correct_escalation"),
        Some(&4),
        "{:?}",
        s.verdicts
    );
    assert_eq!(s.pass_hat_k["pass^2"], 1.0);
    assert_eq!(s.escalation_recall, Some(1.0));
    assert_eq!(s.harmful_action_rate, 0.0);
    assert_eq!(s.per_tag["t1"].cases, 2);
    assert!(s.pass_hat_k.contains_key("pass^2"));
    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    assert!(html.contains("<svg") && html.contains("escalation recall"));
}
