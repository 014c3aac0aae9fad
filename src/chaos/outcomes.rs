//! What came out of a chaos run, per ticket, and how it scores: exactly one outcome after
//! de-duplication by ticket id, raw duplicates, contradictions, losses, and writes the
//! store applied more than once.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::Value;

use crate::messages::{Handoff, Resolution, ToolCall};

/// One terminal record's outcome: `resolve`, `ask` (a resolution awaiting the customer) or
/// `handoff:<reason>`.
fn outcome_of_resolution(r: &Resolution) -> String {
    if r.awaiting_customer {
        "ask"
    } else {
        "resolve"
    }
    .to_owned()
}

fn outcome_of_handoff(h: &Handoff) -> String {
    format!("handoff:{}", h.reason_code.as_str())
}

/// Terminal records seen, per ticket, with the idempotency keys their tool logs name.
#[derive(Debug, Default)]
pub struct Outcomes {
    by_ticket: HashMap<String, Vec<String>>,
    /// Idempotency key → conversation, from the tool logs of the outcomes.
    keys: HashMap<String, String>,
}

impl Outcomes {
    /// A resolution arrived.
    pub fn resolution(&mut self, r: &Resolution) {
        self.calls(&r.conversation_id, &r.actions);
        self.push(&r.ticket_id, outcome_of_resolution(r));
    }

    /// A handoff arrived.
    pub fn handoff(&mut self, h: &Handoff) {
        self.calls(&h.conversation_id, &h.tool_log);
        self.push(&h.ticket_id, outcome_of_handoff(h));
    }

    fn push(&mut self, ticket: &str, outcome: String) {
        self.by_ticket
            .entry(ticket.to_owned())
            .or_default()
            .push(outcome);
    }

    fn calls(&mut self, conversation: &str, calls: &[ToolCall]) {
        for c in calls {
            if let Some(k) = &c.idempotency_key {
                self.keys.insert(k.clone(), conversation.to_owned());
            }
        }
    }

    /// Tickets of `expected` with at least one outcome.
    pub fn done(&self, expected: &HashSet<String>) -> usize {
        expected
            .iter()
            .filter(|t| self.by_ticket.contains_key(*t))
            .count()
    }

    /// Tickets of `expected` without an outcome, sorted.
    pub fn missing(&self, expected: &HashSet<String>) -> Vec<String> {
        let mut m: Vec<String> = expected
            .iter()
            .filter(|t| !self.by_ticket.contains_key(*t))
            .cloned()
            .collect();
        m.sort();
        m
    }

    /// The conversation a write's idempotency key belongs to, if an outcome named it.
    pub fn conversation_of_key(&self, key: &str) -> Option<&str> {
        self.keys.get(key).map(String::as_str)
    }

    /// Scores the outcomes of `expected` tickets.
    pub fn score(&self, expected: &HashSet<String>) -> Score {
        let mut s = Score::default();
        for t in expected {
            let Some(outs) = self.by_ticket.get(t) else {
                s.lost += 1;
                continue;
            };
            s.raw_duplicates += outs.len() - 1;
            let distinct: HashSet<&String> = outs.iter().collect();
            if distinct.len() == 1 {
                s.exactly_once += 1;
            } else {
                s.contradictory += 1;
            }
            // The first outcome stands for the ticket (what a de-duplicating reader keeps).
            let first = &outs[0];
            match first.strip_prefix("handoff:") {
                Some(reason) => *s.handoffs_by_reason.entry(reason.to_owned()).or_default() += 1,
                None => *s.resolutions.entry(first.clone()).or_default() += 1,
            }
        }
        s
    }
}

/// The score of a run.
#[derive(Debug, Default, serde::Serialize)]
pub struct Score {
    /// Tickets with exactly one distinct outcome.
    pub exactly_once: usize,
    /// Tickets with two different outcomes (say a resolution and a handoff).
    pub contradictory: usize,
    /// Terminal records beyond the first per ticket.
    pub raw_duplicates: usize,
    /// Tickets with no terminal record.
    pub lost: usize,
    /// Tickets handed off, by reason (first outcome per ticket).
    pub handoffs_by_reason: BTreeMap<String, usize>,
    /// Tickets resolved (`resolve`) or answered with a question (`ask`).
    pub resolutions: BTreeMap<String, usize>,
}

/// Writes the store applied more than once: the same idempotency key applied twice, or
/// one conversation applying the same operation to the same order under several keys (a
/// request carried out twice, whatever its arguments). `ledger` is the store's ledger;
/// `conversation_of` attributes a write to the conversation that asked for it.
pub fn duplicate_writes(
    ledger: &[frontdesk_sandbox::LedgerEntry],
    conversation_of: impl Fn(&frontdesk_sandbox::LedgerEntry) -> Option<String>,
) -> DuplicateWrites {
    let mut by_key: HashMap<&str, usize> = HashMap::new();
    let mut by_request: HashMap<(String, &str, Option<&str>), HashSet<&str>> = HashMap::new();
    let mut unattributed = 0;
    for e in ledger.iter().filter(|e| e.ok) {
        let Some(key) = e.idempotency_key.as_deref() else {
            unattributed += 1;
            continue;
        };
        *by_key.entry(key).or_default() += 1;
        match conversation_of(e) {
            Some(c) => {
                let order = e.arguments.get("order_id").and_then(Value::as_str);
                by_request
                    .entry((c, e.operation.as_str(), order))
                    .or_default()
                    .insert(key);
            }
            None => unattributed += 1,
        }
    }
    DuplicateWrites {
        applied: ledger.iter().filter(|e| e.ok).count(),
        same_key_twice: by_key.values().map(|n| n - 1).sum(),
        same_order_twice: by_request.values().map(|k| k.len() - 1).sum(),
        unattributed,
    }
}

/// Writes applied more than once.
#[derive(Debug, Default, serde::Serialize)]
pub struct DuplicateWrites {
    /// Writes the store applied.
    pub applied: usize,
    /// Applied again under an idempotency key already applied.
    pub same_key_twice: usize,
    /// Applied again by the same conversation to the same order (same operation) under
    /// another key.
    pub same_order_twice: usize,
    /// Applied writes no conversation could be found for.
    pub unattributed: usize,
}

impl DuplicateWrites {
    /// Both kinds of duplicates.
    pub fn total(&self) -> usize {
        self.same_key_twice + self.same_order_twice
    }
}

/// The ticket among `tickets` whose write this is, by recomputing its idempotency key.
pub fn find_ticket<'a>(
    e: &frontdesk_sandbox::LedgerEntry,
    tickets: impl IntoIterator<Item = &'a String>,
) -> Option<String> {
    let key = e.idempotency_key.as_deref()?;
    let args: &Value = &e.arguments;
    tickets
        .into_iter()
        .find(|t| frontdesk_tools::idempotency_key(t, &e.operation, args) == key)
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn entry(key: &str, op: &str, order: &str, ok: bool) -> frontdesk_sandbox::LedgerEntry {
        frontdesk_sandbox::LedgerEntry {
            seq: 0,
            idempotency_key: Some(key.into()),
            operation: op.into(),
            arguments: json!({ "order_id": order }),
            ok,
            result: Value::Null,
            at: String::new(),
        }
    }

    #[test]
    fn counts_a_key_applied_twice_and_a_conversation_changing_an_order_twice() {
        let ledger = [
            entry("k1", "cancel_pending_order", "#W1", true),
            entry("k1", "cancel_pending_order", "#W1", true),
            entry("k2", "return_delivered_order_items", "#W2", true),
            entry("k3", "return_delivered_order_items", "#W2", true),
            entry("k4", "return_delivered_order_items", "#W2", false),
            // another order of the same conversation, and the same order in another one
            entry("k5", "return_delivered_order_items", "#W3", true),
            entry("k6", "cancel_pending_order", "#W1", true),
        ];
        let owner = |e: &frontdesk_sandbox::LedgerEntry| {
            Some(
                match e.idempotency_key.as_deref() {
                    Some("k1") => "c1",
                    Some("k6") => "c3",
                    _ => "c2",
                }
                .to_owned(),
            )
        };
        let d = duplicate_writes(&ledger, owner);
        assert_eq!((d.applied, d.same_key_twice, d.same_order_twice), (6, 1, 1));
        assert_eq!(d.total(), 2);
    }

    #[test]
    fn a_ticket_is_exactly_once_after_dedupe_unless_its_outcomes_differ() {
        let mut o = Outcomes::default();
        o.by_ticket
            .insert("a".into(), vec!["resolve".into(), "resolve".into()]);
        o.by_ticket.insert(
            "b".into(),
            vec!["resolve".into(), "handoff:no_answer".into()],
        );
        o.by_ticket
            .insert("c".into(), vec!["handoff:dead_lettered".into()]);
        let expected: HashSet<String> = ["a", "b", "c", "d"].map(String::from).into();
        let s = o.score(&expected);
        assert_eq!(
            (s.exactly_once, s.contradictory, s.raw_duplicates, s.lost),
            (2, 1, 2, 1)
        );
        assert_eq!(s.handoffs_by_reason["dead_lettered"], 1);
    }
}
