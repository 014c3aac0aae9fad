//! Whether frontdesk agreed with the person who handled a ticket.
//!
//! | person \ frontdesk | acted / acts on a "yes" | answered | asked | handed off |
//! |---|---|---|---|---|
//! | resolved with actions | agreed when the writes match | disagreed | undetermined | disagreed |
//! | resolved by a reply | disagreed | agreed | undetermined | disagreed |
//! | escalated | disagreed | disagreed | undetermined | agreed |
//!
//! "Asked" is undetermined: the backlog holds the customer's first message, not the answer
//! they would have given frontdesk. Writes match when they are the same tools with the
//! same arguments, in any order, comparing every argument but the address fields (a
//! resolution carries addresses masked, so an address change is compared by its tool).

use serde::Serialize;
use serde_json::Value;

use super::outcome::Did;
use super::recorded::{Action, HumanOutcome, Recorded};

/// Arguments a resolution carries masked: compared by presence, not by value.
const MASKED_ARGUMENTS: [&str; 6] = ["address1", "address2", "city", "state", "country", "zip"];

/// The verdict on one ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// frontdesk would have done what the person did.
    Agreed,
    /// It would have done something else.
    Disagreed,
    /// The backlog cannot tell (frontdesk asked the customer a question).
    Undetermined,
}

/// A verdict and its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comparison {
    /// The verdict.
    pub verdict: Verdict,
    /// Why, as a stable phrase (the report counts them).
    pub why: &'static str,
}

fn is(verdict: Verdict, why: &'static str) -> Comparison {
    Comparison { verdict, why }
}

/// The person's writes among `actions`: the tools `is_write` names.
pub fn writes<'a>(actions: &'a [Action], is_write: &dyn Fn(&str) -> bool) -> Vec<&'a Action> {
    actions.iter().filter(|a| is_write(&a.name)).collect()
}

/// A write as compared: its tool and canonical arguments, address fields masked.
fn key(a: &Action) -> (String, String) {
    let mut args = a.arguments.clone();
    if let Value::Object(map) = &mut args {
        for k in MASKED_ARGUMENTS {
            if let Some(v) = map.get_mut(k) {
                *v = Value::Null;
            }
        }
    }
    (a.name.clone(), frontdesk_tools::canonical_json(&args))
}

fn sorted(keys: impl Iterator<Item = (String, String)>) -> Vec<(String, String)> {
    let mut v: Vec<_> = keys.collect();
    v.sort();
    v
}

/// Compares frontdesk's writes with the person's.
fn same_writes(ours: &[Action], theirs: &[&Action]) -> Comparison {
    let a = sorted(ours.iter().map(key));
    let b = sorted(theirs.iter().map(|x| key(x)));
    if a == b {
        return is(Verdict::Agreed, "same writes");
    }
    let tools = |v: &[(String, String)]| v.iter().map(|(t, _)| t.clone()).collect::<Vec<_>>();
    if tools(&a) == tools(&b) {
        is(Verdict::Disagreed, "same tools, different arguments")
    } else {
        is(Verdict::Disagreed, "different writes")
    }
}

/// The verdict on a ticket: what frontdesk `did` against what the person `recorded`;
/// `is_write` tells the write tools (the person's reads are not compared).
pub fn compare(did: &Did, recorded: &Recorded, is_write: &dyn Fn(&str) -> bool) -> Comparison {
    let theirs = writes(&recorded.actions, is_write);
    match (recorded.outcome, did) {
        (_, Did::Asked) => is(
            Verdict::Undetermined,
            "frontdesk asked the customer; the backlog has no answer",
        ),
        (HumanOutcome::Escalated, Did::HandedOff { .. }) => {
            is(Verdict::Agreed, "both passed it to a person")
        }
        (HumanOutcome::Escalated, Did::Answered) => is(
            Verdict::Disagreed,
            "frontdesk would have answered what the person escalated",
        ),
        (HumanOutcome::Escalated, _) => is(
            Verdict::Disagreed,
            "frontdesk would have written where the person escalated",
        ),
        (HumanOutcome::Resolved, Did::HandedOff { .. }) if theirs.is_empty() => is(
            Verdict::Disagreed,
            "frontdesk would have handed off what the person answered",
        ),
        (HumanOutcome::Resolved, Did::HandedOff { .. }) => is(
            Verdict::Disagreed,
            "frontdesk would have handed off what the person resolved with a write",
        ),
        (HumanOutcome::Resolved, Did::Answered) if theirs.is_empty() => {
            is(Verdict::Agreed, "both answered with a reply and no write")
        }
        (HumanOutcome::Resolved, Did::Answered) => is(
            Verdict::Disagreed,
            "frontdesk would have answered without the person's write",
        ),
        (HumanOutcome::Resolved, _) if theirs.is_empty() => is(
            Verdict::Disagreed,
            "frontdesk would have written where the person only replied",
        ),
        (HumanOutcome::Resolved, _) => same_writes(did.writes(), &theirs),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn act(name: &str, args: Value) -> Action {
        Action {
            name: name.into(),
            arguments: args,
        }
    }

    fn human(outcome: HumanOutcome, actions: Vec<Action>) -> Recorded {
        Recorded {
            ticket_id: "t".into(),
            outcome,
            actions,
            intent: None,
        }
    }

    fn writes_only(name: &str) -> bool {
        !name.starts_with("get_") && !name.starts_with("find_")
    }

    fn verdict(did: &Did, r: &Recorded) -> (Verdict, &'static str) {
        let c = compare(did, r, &writes_only);
        (c.verdict, c.why)
    }

    #[test]
    fn the_same_writes_in_another_order_agree_and_reads_are_ignored() {
        let cancel = act(
            "cancel_pending_order",
            json!({"order_id": "#W1", "reason": "no longer needed"}),
        );
        let ret = act(
            "return_delivered_order_items",
            json!({"order_id": "#W2", "item_ids": ["1"], "payment_method_id": "paypal_1"}),
        );
        let r = human(
            HumanOutcome::Resolved,
            vec![
                act("get_order_details", json!({"order_id": "#W1"})),
                cancel.clone(),
                ret.clone(),
            ],
        );
        let did = Did::ActsOnConfirmation {
            actions: vec![ret.clone(), cancel.clone()],
        };
        assert_eq!(verdict(&did, &r), (Verdict::Agreed, "same writes"));
        let did = Did::Acted {
            actions: vec![cancel.clone()],
        };
        assert_eq!(verdict(&did, &r).0, Verdict::Disagreed);
    }

    #[test]
    fn a_different_argument_disagrees_but_a_masked_address_does_not() {
        let theirs = act(
            "cancel_pending_order",
            json!({"order_id": "#W1", "reason": "ordered by mistake"}),
        );
        let ours = act(
            "cancel_pending_order",
            json!({"order_id": "#W1", "reason": "no longer needed"}),
        );
        let r = human(HumanOutcome::Resolved, vec![theirs]);
        assert_eq!(
            verdict(
                &Did::Acted {
                    actions: vec![ours]
                },
                &r
            ),
            (Verdict::Disagreed, "same tools, different arguments")
        );
        let theirs = act(
            "modify_user_address",
            json!({"user_id": "u", "address1": "1 Main St", "zip": "02139"}),
        );
        let ours = act(
            "modify_user_address",
            json!({"user_id": "u", "address1": "[ADDRESS]", "zip": "[ZIP]"}),
        );
        let r = human(HumanOutcome::Resolved, vec![theirs]);
        assert_eq!(
            verdict(
                &Did::Acted {
                    actions: vec![ours]
                },
                &r
            )
            .0,
            Verdict::Agreed
        );
    }

    #[test]
    fn handoffs_agree_with_escalations_and_disagree_with_resolutions() {
        let handoff = Did::HandedOff {
            reason: "out_of_scope".into(),
        };
        assert_eq!(
            verdict(&handoff, &human(HumanOutcome::Escalated, vec![])).0,
            Verdict::Agreed
        );
        assert_eq!(
            verdict(&handoff, &human(HumanOutcome::Resolved, vec![])),
            (
                Verdict::Disagreed,
                "frontdesk would have handed off what the person answered"
            )
        );
        let write = act("cancel_pending_order", json!({"order_id": "#W1"}));
        assert_eq!(
            verdict(
                &handoff,
                &human(HumanOutcome::Resolved, vec![write.clone()])
            )
            .1,
            "frontdesk would have handed off what the person resolved with a write"
        );
        let acted = Did::Acted {
            actions: vec![write],
        };
        assert_eq!(
            verdict(&acted, &human(HumanOutcome::Escalated, vec![])).0,
            Verdict::Disagreed
        );
    }

    #[test]
    fn replies_agree_with_replies_and_a_question_is_undetermined() {
        let reply_only = human(
            HumanOutcome::Resolved,
            vec![act("get_order_details", json!({}))],
        );
        assert_eq!(verdict(&Did::Answered, &reply_only).0, Verdict::Agreed);
        assert_eq!(verdict(&Did::Asked, &reply_only).0, Verdict::Undetermined);
        assert_eq!(
            verdict(&Did::Asked, &human(HumanOutcome::Escalated, vec![])).0,
            Verdict::Undetermined
        );
        let wrote = Did::Acted {
            actions: vec![act("cancel_pending_order", json!({}))],
        };
        assert_eq!(
            verdict(&wrote, &reply_only).1,
            "frontdesk would have written where the person only replied"
        );
    }
}
