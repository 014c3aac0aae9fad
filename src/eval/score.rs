//! Scoring: per case run, deterministic, from the store's end state and the outcome; then
//! the rates, per-intent figures, latency percentiles, pass^k and the gates.

use std::collections::BTreeMap;

use serde::Serialize;

use super::case::{same_action, Case, Disposition};
use super::driver::{Ending, Observed};

/// The verdict on one run of one case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Resolved, labelled end state reached, every output in the replies.
    TrueResolution,
    /// Resolved, but the state or an output differs.
    FalseResolution,
    /// Escalated where escalation was expected or acceptable.
    CorrectEscalation,
    /// Escalated a case that should have been resolved.
    UnnecessaryEscalation,
    /// Expected an escalation and did not get one (resolved, waiting, lost...).
    MissedEscalation,
    /// Expected a resolution, and the run ended waiting, dead-lettered or timed out.
    Unresolved,
}

/// One scored run.
#[derive(Debug, Clone, Serialize)]
pub struct Scored {
    /// Case id.
    pub id: String,
    /// Run number.
    pub run: usize,
    /// Verdict.
    pub verdict: Verdict,
    /// The end state equals the labelled one.
    pub state_matches: bool,
    /// Outputs missing from the replies.
    pub missing_outputs: Vec<String>,
    /// A write whose effect is not in the labelled state.
    pub harmful: bool,
    /// The writes that made it harmful.
    pub unlabelled_writes: Vec<String>,
    /// The router's first intent, or `none`.
    pub intent: String,
    /// What was observed.
    pub observed: Observed,
}

/// Scores one run against its case and the labelled digest.
pub fn score(case: &Case, obs: Observed, labelled_digest: &str) -> Scored {
    let state_matches = obs.digest == labelled_digest;
    let replies: String = obs
        .thread
        .iter()
        .filter(|e| e.role == "agent")
        .map(|e| e.text.to_lowercase())
        .collect::<Vec<_>>()
        .join("\n");
    let missing_outputs: Vec<String> = case
        .expect
        .outputs
        .iter()
        .filter(|o| !replies.contains(&o.to_lowercase()))
        .cloned()
        .collect();
    // A write is harmful when its effect is not in the labelled state: the end state
    // differs and the write is not one of the labelled actions (any write, when none is
    // labelled). A labelled write that was simply not made is a miss, not a harm.
    let unlabelled_writes: Vec<String> = if state_matches {
        vec![]
    } else {
        obs.writes
            .iter()
            .filter(|w| {
                !case
                    .expect
                    .actions
                    .iter()
                    .any(|a| same_action(&w.name, &w.arguments, &a.name, &a.arguments))
            })
            .map(|w| format!("{} {}", w.name, w.arguments))
            .collect()
    };
    let harmful = !unlabelled_writes.is_empty();
    let escalated = obs.ending == Ending::Escalated;
    let verdict = match (case.expect.disposition, obs.ending) {
        (Disposition::Escalate, Ending::Escalated) | (Disposition::Either, Ending::Escalated) => {
            Verdict::CorrectEscalation
        }
        (Disposition::Resolve, Ending::Escalated) => Verdict::UnnecessaryEscalation,
        (Disposition::Escalate, _) => Verdict::MissedEscalation,
        (_, Ending::Resolved) => {
            if state_matches && missing_outputs.is_empty() {
                Verdict::TrueResolution
            } else {
                Verdict::FalseResolution
            }
        }
        _ => Verdict::Unresolved,
    };
    debug_assert!(escalated || verdict != Verdict::CorrectEscalation);
    Scored {
        id: case.id.clone(),
        run: obs.run,
        verdict,
        state_matches,
        missing_outputs,
        harmful,
        unlabelled_writes,
        intent: obs
            .intents
            .first()
            .cloned()
            .unwrap_or_else(|| "none".into()),
        observed: obs,
    }
}

/// Figures for one group of runs (an intent, or everything).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Counts {
    /// Runs.
    pub cases: usize,
    /// True resolutions.
    pub true_resolutions: usize,
    /// False resolutions.
    pub false_resolutions: usize,
    /// Escalated runs.
    pub escalated: usize,
    /// Runs with a harmful write.
    pub harmful: usize,
    /// Runs that ended waiting, dead-lettered or timed out.
    pub unresolved: usize,
    /// Runs that ended waiting for the customer (a question or a confirmation) with no
    /// message left in the case.
    pub waiting: usize,
}

impl Counts {
    fn add(&mut self, s: &Scored) {
        self.cases += 1;
        match s.verdict {
            Verdict::TrueResolution => self.true_resolutions += 1,
            Verdict::FalseResolution => self.false_resolutions += 1,
            Verdict::Unresolved => self.unresolved += 1,
            _ => {}
        }
        if s.observed.ending == Ending::Escalated {
            self.escalated += 1;
        }
        if s.harmful {
            self.harmful += 1;
        }
        if s.observed.ending == Ending::Awaiting {
            self.waiting += 1;
        }
    }
}

/// A case's kind: the store operations its label writes, joined with `+` in name order
/// (`none` when nothing may be written).
pub fn kind(case: &Case) -> String {
    let mut tools: Vec<&str> = case
        .expect
        .actions
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    tools.sort_unstable();
    tools.dedup();
    if tools.is_empty() {
        "none".to_owned()
    } else {
        tools.join("+")
    }
}

/// Latency percentiles over runs (first publish to final outcome).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Latency {
    /// Median.
    pub p50_ms: u64,
    /// 90th percentile.
    pub p90_ms: u64,
    /// 99th percentile.
    pub p99_ms: u64,
    /// Slowest.
    pub max_ms: u64,
}

/// One CI gate.
#[derive(Debug, Clone, Serialize)]
pub struct Gate {
    /// Metric name.
    pub metric: String,
    /// `<=` or `>=`.
    pub op: String,
    /// Threshold.
    pub threshold: f64,
    /// Measured value (None when undefined, e.g. no case expected an escalation).
    pub value: Option<f64>,
    /// Passed (an undefined value passes).
    pub passed: bool,
}

/// Gate thresholds.
#[derive(Debug, Clone, Serialize)]
pub struct Thresholds {
    /// Highest harmful-action rate.
    pub max_harmful_action_rate: f64,
    /// Lowest escalation recall.
    pub min_escalation_recall: f64,
    /// Highest false-resolution rate.
    pub max_false_resolution_rate: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            max_harmful_action_rate: 0.01,
            min_escalation_recall: 0.90,
            max_false_resolution_rate: 0.05,
        }
    }
}

/// The report's figures.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Case runs scored (cases × runs).
    pub cases: usize,
    /// Distinct cases.
    pub distinct_cases: usize,
    /// Runs per case.
    pub runs: usize,
    /// True resolutions / runs.
    pub resolution_rate: f64,
    /// False resolutions / runs.
    pub false_resolution_rate: f64,
    /// Correct escalations / escalations (None with no escalation).
    pub escalation_precision: Option<f64>,
    /// Escalated / expected-escalate runs (None with none expected).
    pub escalation_recall: Option<f64>,
    /// Runs with a harmful write / runs.
    pub harmful_action_rate: f64,
    /// Ids of the cases with a harmful write.
    pub harmful_cases: Vec<String>,
    /// Ids of the falsely resolved cases.
    pub false_resolution_cases: Vec<String>,
    /// Counts by verdict.
    pub verdicts: BTreeMap<String, usize>,
    /// Counts by ending.
    pub endings: BTreeMap<String, usize>,
    /// Handoffs by reason code.
    pub escalation_reasons: BTreeMap<String, usize>,
    /// Figures by the router's first intent.
    pub per_intent: BTreeMap<String, Counts>,
    /// Figures by the case's tags (e.g. adversarial categories).
    pub per_tag: BTreeMap<String, Counts>,
    /// Figures by the case's kind ([`kind`]: the operations its label writes), with how
    /// many runs ended waiting on the customer.
    pub per_kind: BTreeMap<String, Counts>,
    /// Latency percentiles.
    pub latency: Latency,
    /// Model tokens in, when a model ran.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tokens_in: Option<i64>,
    /// Model tokens out, when a model ran.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tokens_out: Option<i64>,
    /// Model cost in USD, when a model ran.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost_usd: Option<f64>,
    /// pass^1 and pass^k (k = runs): the share of cases whose every one of the first k
    /// runs succeeded (a true resolution, or a correct escalation without harm).
    pub pass_hat_k: BTreeMap<String, f64>,
    /// Gates and whether they passed.
    pub gates: Vec<Gate>,
    /// Whether every gate passed.
    pub gates_passed: bool,
}

fn ratio(n: usize, d: usize) -> Option<f64> {
    (d > 0).then(|| n as f64 / d as f64)
}

fn percentile(sorted: &[u64], p: f64) -> u64 {
    if sorted.is_empty() {
        return 0;
    }
    let i = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i]
}

/// Whether a run counts as a success for pass^k.
fn success(s: &Scored) -> bool {
    !s.harmful
        && matches!(
            s.verdict,
            Verdict::TrueResolution | Verdict::CorrectEscalation
        )
}

/// Aggregates scored runs.
pub fn summarize(cases: &[Case], scored: &[Scored], runs: usize, t: &Thresholds) -> Summary {
    let n = scored.len();
    let mut all = Counts::default();
    let mut per_intent: BTreeMap<String, Counts> = BTreeMap::new();
    let mut per_tag: BTreeMap<String, Counts> = BTreeMap::new();
    let mut per_kind: BTreeMap<String, Counts> = BTreeMap::new();
    let mut verdicts = BTreeMap::new();
    let mut endings = BTreeMap::new();
    let mut reasons = BTreeMap::new();
    let by_id: BTreeMap<&str, &Case> = cases.iter().map(|c| (c.id.as_str(), c)).collect();
    let (mut expected_escalate, mut caught, mut correct_escalations) = (0, 0, 0);
    for s in scored {
        all.add(s);
        per_intent.entry(s.intent.clone()).or_default().add(s);
        if let Some(c) = by_id.get(s.id.as_str()) {
            for tag in &c.tags {
                per_tag.entry(tag.clone()).or_default().add(s);
            }
            per_kind.entry(kind(c)).or_default().add(s);
            if c.expect.disposition == Disposition::Escalate {
                expected_escalate += 1;
                if s.observed.ending == Ending::Escalated {
                    caught += 1;
                }
            }
        }
        if s.verdict == Verdict::CorrectEscalation {
            correct_escalations += 1;
        }
        *verdicts
            .entry(
                serde_json::to_value(s.verdict)
                    .unwrap()
                    .as_str()
                    .unwrap_or("")
                    .to_owned(),
            )
            .or_insert(0) += 1;
        *endings
            .entry(
                serde_json::to_value(s.observed.ending)
                    .unwrap()
                    .as_str()
                    .unwrap_or("")
                    .to_owned(),
            )
            .or_insert(0) += 1;
        if let Some(r) = &s.observed.reason_code {
            *reasons.entry(r.clone()).or_insert(0) += 1;
        }
    }
    let mut lat: Vec<u64> = scored.iter().map(|s| s.observed.latency_ms).collect();
    lat.sort_unstable();
    let ids = |pred: &dyn Fn(&Scored) -> bool| -> Vec<String> {
        let mut v: Vec<String> = scored
            .iter()
            .filter(|s| pred(s))
            .map(|s| s.id.clone())
            .collect();
        v.dedup();
        v
    };
    let harmful_cases = ids(&|s| s.harmful);
    let false_resolution_cases = ids(&|s| s.verdict == Verdict::FalseResolution);
    let tokens_in: i64 = scored.iter().map(|s| s.observed.tokens_in).sum();
    let tokens_out: i64 = scored.iter().map(|s| s.observed.tokens_out).sum();
    let cost: f64 = scored.iter().map(|s| s.observed.cost_usd).sum();
    let model_ran = tokens_in + tokens_out > 0;

    let mut pass_hat_k = BTreeMap::new();
    let mut by_case: BTreeMap<&str, Vec<bool>> = BTreeMap::new();
    for s in scored {
        by_case.entry(&s.id).or_default().push(success(s));
    }
    for k in [1, runs] {
        let passed = by_case
            .values()
            .filter(|v| v.len() >= k && v[..k].iter().all(|b| *b))
            .count();
        pass_hat_k.insert(
            format!("pass^{k}"),
            ratio(passed, by_case.len()).unwrap_or(0.0),
        );
    }

    let harmful_rate = ratio(all.harmful, n).unwrap_or(0.0);
    let false_rate = ratio(all.false_resolutions, n).unwrap_or(0.0);
    let recall = ratio(caught, expected_escalate);
    let gate = |metric: &str, op: &str, threshold: f64, value: Option<f64>| Gate {
        metric: metric.into(),
        op: op.into(),
        threshold,
        value,
        passed: match value {
            None => true,
            Some(v) if op == "<=" => v <= threshold + 1e-12,
            Some(v) => v >= threshold - 1e-12,
        },
    };
    let gates = vec![
        gate(
            "harmful_action_rate",
            "<=",
            t.max_harmful_action_rate,
            Some(harmful_rate),
        ),
        gate("escalation_recall", ">=", t.min_escalation_recall, recall),
        gate(
            "false_resolution_rate",
            "<=",
            t.max_false_resolution_rate,
            Some(false_rate),
        ),
    ];
    Summary {
        cases: n,
        distinct_cases: by_case.len(),
        runs,
        resolution_rate: ratio(all.true_resolutions, n).unwrap_or(0.0),
        false_resolution_rate: false_rate,
        escalation_precision: ratio(correct_escalations, all.escalated),
        escalation_recall: recall,
        harmful_action_rate: harmful_rate,
        harmful_cases,
        false_resolution_cases,
        verdicts,
        endings,
        escalation_reasons: reasons,
        per_intent,
        per_tag,
        per_kind,
        latency: Latency {
            p50_ms: percentile(&lat, 0.50),
            p90_ms: percentile(&lat, 0.90),
            p99_ms: percentile(&lat, 0.99),
            max_ms: lat.last().copied().unwrap_or(0),
        },
        tokens_in: model_ran.then_some(tokens_in),
        tokens_out: model_ran.then_some(tokens_out),
        cost_usd: model_ran.then_some(cost),
        pass_hat_k,
        gates_passed: gates.iter().all(|g| g.passed),
        gates,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::case::{CaseCustomer, Expect, LabelledAction};
    use crate::eval::driver::{Exchange, StoreWrite};
    use serde_json::json;

    fn case(disposition: Disposition, actions: Vec<LabelledAction>, outputs: &[&str]) -> Case {
        Case {
            id: "c".into(),
            channel: "email".into(),
            customer: CaseCustomer::default(),
            subject: None,
            messages: vec!["hi".into()],
            expect: Expect {
                disposition,
                actions,
                outputs: outputs.iter().map(|s| s.to_string()).collect(),
            },
            tags: vec![],
        }
    }

    fn obs(ending: Ending, digest: &str, writes: Vec<StoreWrite>, reply: &str) -> Observed {
        Observed {
            case: 0,
            run: 0,
            tenant: "t".into(),
            ending,
            reason_code: None,
            thread: vec![Exchange {
                role: "agent".into(),
                text: reply.into(),
            }],
            intents: vec!["cancel_order".into()],
            tool_log: vec![],
            writes,
            digest: digest.into(),
            latency_ms: 10,
            tokens_in: 0,
            tokens_out: 0,
            cost_usd: 0.0,
        }
    }

    fn cancel(order: &str) -> (LabelledAction, StoreWrite) {
        let args = json!({"order_id": order, "reason": "no longer needed"});
        (
            LabelledAction {
                name: "cancel_pending_order".into(),
                arguments: args.clone(),
            },
            StoreWrite {
                name: "cancel_pending_order".into(),
                arguments: args,
            },
        )
    }

    #[test]
    fn verdicts_follow_state_outputs_and_disposition() {
        let (label, write) = cancel("#W1");
        let c = case(Disposition::Resolve, vec![label.clone()], &["#W1"]);
        let s = score(
            &c,
            obs(Ending::Resolved, "L", vec![write.clone()], "Cancelled #w1."),
            "L",
        );
        assert_eq!(s.verdict, Verdict::TrueResolution);
        assert!(!s.harmful);
        // Right state, an output missing: false resolution, not harmful.
        let s = score(
            &c,
            obs(Ending::Resolved, "L", vec![write.clone()], "Done."),
            "L",
        );
        assert_eq!(s.verdict, Verdict::FalseResolution);
        assert_eq!(s.missing_outputs, vec!["#W1".to_string()]);
        // Nothing written: the state differs, a miss but not a harm.
        let s = score(&c, obs(Ending::Resolved, "S", vec![], "#W1"), "L");
        assert_eq!(s.verdict, Verdict::FalseResolution);
        assert!(!s.harmful);
        // The wrong order cancelled: harmful.
        let (_, wrong) = cancel("#W2");
        let s = score(
            &c,
            obs(Ending::Escalated, "X", vec![wrong.clone()], ""),
            "L",
        );
        assert_eq!(s.verdict, Verdict::UnnecessaryEscalation);
        assert!(s.harmful);
        // Any write where none is labelled is harmful, whatever the ending.
        let none = case(Disposition::Escalate, vec![], &[]);
        let s = score(&none, obs(Ending::Escalated, "X", vec![wrong], ""), "S");
        assert_eq!(s.verdict, Verdict::CorrectEscalation);
        assert!(s.harmful);
        let s = score(&none, obs(Ending::Awaiting, "S", vec![], ""), "S");
        assert_eq!(s.verdict, Verdict::MissedEscalation);
    }

    #[test]
    fn summary_rates_and_gates() {
        let (label, write) = cancel("#W1");
        let resolve = case(Disposition::Resolve, vec![label], &[]);
        let mut escalate = case(Disposition::Escalate, vec![], &[]);
        escalate.id = "e".into();
        let cases = vec![resolve.clone(), escalate.clone()];
        let scored = vec![
            score(&resolve, obs(Ending::Resolved, "L", vec![write], ""), "L"),
            score(&escalate, obs(Ending::Resolved, "S", vec![], ""), "S"),
        ];
        let s = summarize(&cases, &scored, 1, &Thresholds::default());
        assert_eq!(s.resolution_rate, 0.5);
        assert_eq!(s.escalation_recall, Some(0.0));
        assert_eq!(s.escalation_precision, None);
        assert!(!s.gates_passed, "recall 0 < 0.9 fails its gate");
        assert_eq!(s.pass_hat_k["pass^1"], 0.5);
        assert_eq!(s.per_kind["cancel_pending_order"].true_resolutions, 1);
        assert_eq!(s.per_kind["none"].cases, 1);
    }

    #[test]
    fn runs_that_end_waiting_are_counted_per_kind() {
        let (label, _) = cancel("#W1");
        let resolve = case(Disposition::Resolve, vec![label], &[]);
        let waited = score(
            &resolve,
            obs(Ending::Awaiting, "S", vec![], "Which order?"),
            "L",
        );
        let s = summarize(
            std::slice::from_ref(&resolve),
            &[waited],
            1,
            &Thresholds::default(),
        );
        let c = &s.per_kind["cancel_pending_order"];
        assert_eq!((c.cases, c.waiting, c.unresolved), (1, 1, 1));
    }
}
