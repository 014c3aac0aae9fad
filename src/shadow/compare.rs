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
//! same arguments, in any order (lists in arguments compared as sets), by their
//! [`comparison_key`]: a resolution carries arguments masked, the key was taken in clear.

use serde::Serialize;

use super::outcome::{Did, Write};
use super::recorded::{Action, HumanOutcome, Recorded};
use super::would::comparison_key;

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

fn sorted<T: Ord>(mut v: Vec<T>) -> Vec<T> {
    v.sort();
    v
}

/// Compares frontdesk's writes with the person's.
fn same_writes(ticket_id: &str, ours: &[Write], theirs: &[&Action]) -> Comparison {
    let a = sorted(ours.iter().map(|w| w.key.clone()).collect());
    let b = sorted(
        theirs
            .iter()
            .map(|x| Some(comparison_key(ticket_id, &x.name, &x.arguments)))
            .collect(),
    );
    if a == b {
        return is(Verdict::Agreed, "same writes");
    }
    let ours = sorted(ours.iter().map(|w| w.name.as_str()).collect());
    let theirs = sorted(theirs.iter().map(|x| x.name.as_str()).collect());
    if ours == theirs {
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
        (HumanOutcome::Resolved, _) => same_writes(&recorded.ticket_id, did.writes(), &theirs),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn act(name: &str, args: Value) -> Action {
        Action {
            name: name.into(),
            arguments: args,
        }
    }

    /// frontdesk's write of `a` on ticket `t`, its arguments masked as a resolution has them.
    fn ours(a: &Action) -> Write {
        Write {
            name: a.name.clone(),
            arguments: json!({"item_ids": ["[PHONE]"]}),
            key: Some(comparison_key("t", &a.name, &a.arguments)),
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
            json!({"order_id": "#W2", "item_ids": ["1", "2"], "payment_method_id": "paypal_1"}),
        );
        let ret_reordered = act(
            "return_delivered_order_items",
            json!({"payment_method_id": "paypal_1", "item_ids": ["2", "1"], "order_id": "#W2"}),
        );
        let r = human(
            HumanOutcome::Resolved,
            vec![
                act("get_order_details", json!({"order_id": "#W1"})),
                cancel.clone(),
                ret,
            ],
        );
        let did = Did::ActsOnConfirmation {
            writes: vec![ours(&ret_reordered), ours(&cancel)],
        };
        assert_eq!(verdict(&did, &r), (Verdict::Agreed, "same writes"));
        let did = Did::Acted {
            writes: vec![ours(&cancel)],
        };
        assert_eq!(verdict(&did, &r), (Verdict::Disagreed, "different writes"));
    }

    #[test]
    fn a_different_argument_or_ticket_disagrees() {
        let theirs = act(
            "cancel_pending_order",
            json!({"order_id": "#W1", "reason": "ordered by mistake"}),
        );
        let mine = act(
            "cancel_pending_order",
            json!({"order_id": "#W1", "reason": "no longer needed"}),
        );
        let r = human(HumanOutcome::Resolved, vec![theirs.clone()]);
        assert_eq!(
            verdict(
                &Did::Acted {
                    writes: vec![ours(&mine)]
                },
                &r
            ),
            (Verdict::Disagreed, "same tools, different arguments")
        );
        let mut elsewhere = ours(&theirs);
        elsewhere.key = Some(comparison_key(
            "another ticket",
            &theirs.name,
            &theirs.arguments,
        ));
        assert_eq!(
            verdict(
                &Did::Acted {
                    writes: vec![elsewhere]
                },
                &r
            )
            .0,
            Verdict::Disagreed
        );
        assert_eq!(
            verdict(
                &Did::Acted {
                    writes: vec![ours(&theirs)]
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
            writes: vec![ours(&write)],
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
            writes: vec![ours(&act("cancel_pending_order", json!({})))],
        };
        assert_eq!(
            verdict(&wrote, &reply_only).1,
            "frontdesk would have written where the person only replied"
        );
    }
}
