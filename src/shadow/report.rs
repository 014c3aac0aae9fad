//! The shadow report: what frontdesk would have done with each ticket, against what the
//! person did where the backlog records it, in total and by intent; as text or JSON
//! (the page is [`super::html`]).

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde::Serialize;

use super::compare::{compare, Verdict};
use super::outcome::{Did, ShadowOutcome};
use super::recorded::{HumanOutcome, Recorded};

/// Counts over a set of tickets.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Tickets with a shadow outcome.
    pub tickets: usize,
    /// Would have resolved: acted, or answered without a write.
    pub would_resolve: usize,
    /// Of those, by a write the write gate allowed.
    pub would_act: usize,
    /// Would have proposed writes and waited for the customer's "yes".
    pub would_act_on_confirmation: usize,
    /// Would have asked the customer a question.
    pub would_ask: usize,
    /// Would have handed off.
    pub would_hand_off: usize,
    /// Agreed with the person.
    pub agreed: usize,
    /// Disagreed with the person.
    pub disagreed: usize,
    /// The backlog cannot tell.
    pub undetermined: usize,
    /// No recorded outcome for the ticket.
    pub unrecorded: usize,
}

impl Tally {
    fn add(&mut self, did: &Did, verdict: Option<Verdict>) {
        self.tickets += 1;
        match did {
            Did::Acted { .. } => {
                self.would_resolve += 1;
                self.would_act += 1;
            }
            Did::Answered => self.would_resolve += 1,
            Did::ActsOnConfirmation { .. } => self.would_act_on_confirmation += 1,
            Did::Asked => self.would_ask += 1,
            Did::HandedOff { .. } => self.would_hand_off += 1,
        }
        match verdict {
            Some(Verdict::Agreed) => self.agreed += 1,
            Some(Verdict::Disagreed) => self.disagreed += 1,
            Some(Verdict::Undetermined) => self.undetermined += 1,
            None => self.unrecorded += 1,
        }
    }

    /// Agreed over agreed plus disagreed (undetermined and unrecorded tickets left out).
    pub fn agreement(&self) -> Option<f64> {
        let decided = self.agreed + self.disagreed;
        (decided > 0).then(|| self.agreed as f64 / decided as f64)
    }
}

/// One ticket frontdesk and the person did not agree on (or that the backlog cannot settle).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Case {
    /// The ticket.
    pub ticket_id: String,
    /// frontdesk's intent.
    pub intent: String,
    /// The person's label, when recorded.
    pub human_intent: Option<String>,
    /// What frontdesk would have done.
    pub frontdesk: Did,
    /// What the person did.
    pub human: HumanOutcome,
    /// The person's writes (`tool(arguments)`).
    pub human_writes: Vec<String>,
    /// The verdict.
    pub verdict: Verdict,
    /// Why.
    pub why: &'static str,
    /// frontdesk's reply or handoff summary.
    pub text: String,
}

/// The report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Everything.
    pub total: Tally,
    /// By frontdesk's intent.
    pub by_intent: BTreeMap<String, Tally>,
    /// Verdicts by reason.
    pub reasons: BTreeMap<String, usize>,
    /// Handoffs by reason code.
    pub handoff_reasons: BTreeMap<String, usize>,
    /// Recorded tickets the shadow run has no outcome for (not yet processed, or lost).
    pub missing: Vec<String>,
    /// The disagreements, then the undetermined tickets, by ticket id.
    pub cases: Vec<Case>,
}

/// Builds the report; `is_write` names the write tools (the person's reads are not compared).
pub fn build(
    shadow: &HashMap<String, ShadowOutcome>,
    recorded: &HashMap<String, Recorded>,
    is_write: &dyn Fn(&str) -> bool,
) -> Report {
    let mut report = Report {
        total: Tally::default(),
        by_intent: BTreeMap::new(),
        reasons: BTreeMap::new(),
        handoff_reasons: BTreeMap::new(),
        missing: {
            let mut m: Vec<String> = recorded
                .keys()
                .filter(|t| !shadow.contains_key(*t))
                .cloned()
                .collect();
            m.sort();
            m
        },
        cases: Vec::new(),
    };
    let mut ids: Vec<&String> = shadow.keys().collect();
    ids.sort();
    for id in ids {
        let o = &shadow[id];
        let rec = recorded.get(id);
        let cmp = rec.map(|r| compare(&o.did, r, is_write));
        let verdict = cmp.as_ref().map(|c| c.verdict);
        report.total.add(&o.did, verdict);
        report
            .by_intent
            .entry(o.intent.clone())
            .or_default()
            .add(&o.did, verdict);
        if let Did::HandedOff { reason } = &o.did {
            *report.handoff_reasons.entry(reason.clone()).or_default() += 1;
        }
        let (Some(r), Some(c)) = (rec, cmp) else {
            continue;
        };
        *report.reasons.entry(c.why.to_owned()).or_default() += 1;
        if c.verdict != Verdict::Agreed {
            report.cases.push(Case {
                ticket_id: id.clone(),
                intent: o.intent.clone(),
                human_intent: r.intent.clone(),
                frontdesk: o.did.clone(),
                human: r.outcome,
                human_writes: super::compare::writes(&r.actions, is_write)
                    .iter()
                    .map(|a| format!("{}({})", a.name, a.arguments))
                    .collect(),
                verdict: c.verdict,
                why: c.why,
                text: o.text.clone(),
            });
        }
    }
    report
        .cases
        .sort_by(|a, b| (a.verdict, &a.ticket_id).cmp(&(b.verdict, &b.ticket_id)));
    report
}

fn pct(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "-".to_owned();
    }
    format!("{:.1} %", 100.0 * part as f64 / whole as f64)
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = &self.total;
        writeln!(f, "frontdesk shadow report: {} tickets", t.tickets)?;
        writeln!(
            f,
            "  would resolve           {:>5}  {} (by a write: {})",
            t.would_resolve,
            pct(t.would_resolve, t.tickets),
            t.would_act
        )?;
        writeln!(
            f,
            "  would act on a yes      {:>5}  {}",
            t.would_act_on_confirmation,
            pct(t.would_act_on_confirmation, t.tickets)
        )?;
        writeln!(
            f,
            "  would ask the customer  {:>5}  {}",
            t.would_ask,
            pct(t.would_ask, t.tickets)
        )?;
        writeln!(
            f,
            "  would hand off          {:>5}  {}",
            t.would_hand_off,
            pct(t.would_hand_off, t.tickets)
        )?;
        writeln!(f, "  agreed with the person  {:>5}", t.agreed)?;
        writeln!(f, "  disagreed               {:>5}", t.disagreed)?;
        writeln!(f, "  undetermined            {:>5}", t.undetermined)?;
        writeln!(f, "  no recorded outcome     {:>5}", t.unrecorded)?;
        writeln!(f, "  recorded, not in shadow {:>5}", self.missing.len())?;
        if let Some(a) = t.agreement() {
            writeln!(f, "  agreement (agreed / agreed + disagreed) {:.3}", a)?;
        }
        writeln!(f, "\nby intent                         tickets resolve  on-yes    ask handoff  agreed disagreed undetermined")?;
        for (intent, t) in &self.by_intent {
            writeln!(
                f,
                "  {intent:<32} {:>6} {:>7} {:>7} {:>6} {:>7} {:>7} {:>9} {:>12}",
                t.tickets,
                t.would_resolve,
                t.would_act_on_confirmation,
                t.would_ask,
                t.would_hand_off,
                t.agreed,
                t.disagreed,
                t.undetermined
            )?;
        }
        writeln!(f, "\nverdicts by reason")?;
        for (why, n) in &self.reasons {
            writeln!(f, "  {n:>5}  {why}")?;
        }
        writeln!(f, "\nhandoffs by reason")?;
        for (why, n) in &self.handoff_reasons {
            writeln!(f, "  {n:>5}  {why}")?;
        }
        writeln!(
            f,
            "\ncases ({} disagreed or undetermined)",
            self.cases.len()
        )?;
        for c in &self.cases {
            writeln!(
                f,
                "  {:?} {} [{}] frontdesk {}: {}; person {:?} {:?} ({})",
                c.verdict,
                c.ticket_id,
                c.intent,
                c.frontdesk.label(),
                c.frontdesk
                    .writes()
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", "),
                c.human,
                c.human_writes,
                c.why
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shadow::outcome::Write;
    use crate::shadow::recorded::Action;
    use serde_json::json;

    fn outcome(id: &str, intent: &str, did: Did) -> (String, ShadowOutcome) {
        (
            id.to_owned(),
            ShadowOutcome {
                ticket_id: id.into(),
                intent: intent.into(),
                did,
                text: String::new(),
            },
        )
    }

    fn recorded(id: &str, outcome: HumanOutcome, actions: Vec<Action>) -> (String, Recorded) {
        (
            id.to_owned(),
            Recorded {
                ticket_id: id.into(),
                outcome,
                actions,
                intent: None,
            },
        )
    }

    #[test]
    fn counts_by_intent_and_lists_only_the_cases_that_did_not_agree() {
        let cancel = Action {
            name: "cancel_pending_order".into(),
            arguments: json!({"order_id": "#W1"}),
        };
        let shadow: HashMap<_, _> = [
            outcome(
                "a",
                "cancel_order",
                Did::ActsOnConfirmation {
                    writes: vec![Write {
                        name: cancel.name.clone(),
                        arguments: cancel.arguments.clone(),
                        key: Some(crate::shadow::would::comparison_key(
                            "a",
                            &cancel.name,
                            &cancel.arguments,
                        )),
                    }],
                },
            ),
            outcome(
                "b",
                "cancel_order",
                Did::HandedOff {
                    reason: "low_confidence".into(),
                },
            ),
            outcome(
                "c",
                "none",
                Did::HandedOff {
                    reason: "out_of_scope".into(),
                },
            ),
            outcome("d", "order_status", Did::Asked),
            outcome("e", "order_status", Did::Answered),
        ]
        .into_iter()
        .collect();
        let recorded: HashMap<_, _> = [
            recorded("a", HumanOutcome::Resolved, vec![cancel.clone()]),
            recorded("b", HumanOutcome::Resolved, vec![cancel]),
            recorded("c", HumanOutcome::Escalated, vec![]),
            recorded("d", HumanOutcome::Resolved, vec![]),
            recorded("z", HumanOutcome::Resolved, vec![]),
        ]
        .into_iter()
        .collect();
        let r = build(&shadow, &recorded, &|t| t.starts_with("cancel"));
        assert_eq!(r.total.tickets, 5);
        assert_eq!(
            (
                r.total.agreed,
                r.total.disagreed,
                r.total.undetermined,
                r.total.unrecorded
            ),
            (2, 1, 1, 1)
        );
        assert_eq!(r.missing, vec!["z".to_owned()], "z has no shadow outcome");
        let cancel = &r.by_intent["cancel_order"];
        assert_eq!(
            (
                cancel.tickets,
                cancel.would_act_on_confirmation,
                cancel.would_hand_off
            ),
            (2, 1, 1)
        );
        assert_eq!((cancel.agreed, cancel.disagreed), (1, 1));
        assert_eq!(r.by_intent["order_status"].would_resolve, 1);
        assert_eq!(r.handoff_reasons["out_of_scope"], 1);
        let listed: Vec<(&str, Verdict)> = r
            .cases
            .iter()
            .map(|c| (c.ticket_id.as_str(), c.verdict))
            .collect();
        assert_eq!(
            listed,
            vec![("b", Verdict::Disagreed), ("d", Verdict::Undetermined)]
        );
        assert_eq!(r.total.agreement(), Some(2.0 / 3.0));
        let text = r.to_string();
        assert!(text.contains("cancel_order"), "{text}");
    }
}
