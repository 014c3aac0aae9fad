//! Resolving every request of a turn against the store, with the conditions written on them:
//! a fallback ("if it is not available, cancel the order") stands only when its request
//! fails, a price bound can stop a write, and a condition the planner cannot evaluate stops
//! the turn.

use super::antecedent::inherit_orders;
use crate::conditions::Condition;
use crate::customer::Customer;
use crate::requests::Request;
use crate::slots::{named_order, order_of, resolve, Resolution};
use crate::text::capitalised;
use crate::{Procedures, ProposedWrite};

/// What a turn's requests came to.
#[derive(Debug, Default)]
pub(super) struct Outcomes {
    /// Writes proposed, in the order they were resolved.
    pub writes: Vec<ProposedWrite>,
    /// Questions, the first of which is asked.
    pub questions: Vec<String>,
    /// Facts and refusals to state.
    pub facts: Vec<String>,
    /// The procedures that planned.
    pub names: Vec<String>,
    /// A condition the planner cannot evaluate, as written: nothing is written.
    pub unmodelled: Option<String>,
    /// A question of the customer's (status, product, account) the store gave no answer
    /// to, as written: answering the rest would read as a complete answer.
    pub unanswered: Option<String>,
}

/// How one request went, for the fallback after it.
enum Went {
    Done,
    Unavailable(String),
    Failed(Option<String>),
    /// "If it comes in medium, switch to that": it does not, so nothing was changed, as
    /// asked (a fallback of it, "if you don't have it, cancel the order", still applies).
    NotSold,
}

/// What the reply says of a conditional change that was not made because what it asks for
/// is not sold.
const LEFT_AS_ASKED: &str =
    "What you asked for is not available, so as you asked I left it as it is.";

/// Cancellations first (their gift-card refunds are spendable at once), then payment changes
/// (later item changes of the order pay with the new method), then the rest.
fn stage(r: &Request) -> u8 {
    match r.kind.as_str() {
        "cancel" if r.explicit => 0,
        "order_payment" => 1,
        _ => 2,
    }
}

/// The price of the new items a write buys (0 when it buys none).
fn new_price(w: &ProposedWrite, customer: &Customer) -> f64 {
    let Some(order) = &w.order_id else { return 0.0 };
    let mut items = customer.items(order);
    let old: f64 = w
        .args
        .get("item_ids")
        .and_then(serde_json::Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|id| {
            let pos = items
                .iter()
                .position(|i| Some(i.item_id.as_str()) == id.as_str())?;
            Some(items.remove(pos).price)
        })
        .sum();
    old + w.price_difference.unwrap_or(0.0)
}

/// Resolves `requests` (in text order) on `customer`.
pub(super) fn resolve_all(
    requests: &[Request],
    customer: &Customer,
    procedures: &Procedures,
    full_text: &str,
) -> Outcomes {
    let mut out = Outcomes::default();
    // a condition on what this agent never does is settled: the request stands or it does not
    // (the customer's own choice as a hypothetical stands only where a plain repeat asked for
    // it, `select`)
    let requests: Vec<Request> = requests
        .iter()
        .filter(|r| {
            !matches!(
                r.condition,
                Some(Condition::Outside { applies: false } | Condition::OwnChoice)
            )
        })
        .cloned()
        .collect();
    // "... my order with the mat? And can you change its address": "its" is that order
    let requests = inherit_orders(&requests, customer);
    let requests = requests.as_slice();
    if let Some(Condition::Unmodelled(text)) = requests
        .iter()
        .filter_map(|r| r.condition.as_ref())
        .find(|c| matches!(c, Condition::Unmodelled(_)))
    {
        out.unmodelled = Some(text.clone());
        return out;
    }
    // each fallback belongs to the nearest request before it that is not one
    let primary_of: Vec<Option<usize>> = (0..requests.len())
        .map(|i| {
            let fallback = requests[i]
                .condition
                .as_ref()
                .is_some_and(Condition::is_fallback);
            fallback
                .then(|| {
                    (0..i).rev().find(|j| {
                        !requests[*j]
                            .condition
                            .as_ref()
                            .is_some_and(Condition::is_fallback)
                    })
                })
                .flatten()
        })
        .collect();
    let mut planned = customer.clone();
    let mut went: Vec<Option<Went>> = requests.iter().map(|_| None).collect();
    let mut order: Vec<usize> = (0..requests.len())
        .filter(|i| primary_of[*i].is_none())
        .collect();
    order.sort_by_key(|i| stage(&requests[*i]));
    let step_with = |r: &Request, planned: &mut Customer, out: &mut Outcomes| -> Went {
        // "if it hasn't shipped yet": the order the text names, whatever its status, decides
        if let Some(c) = &r.condition {
            if let Some(id) = named_order(r, planned) {
                let status = planned.status(&id).to_owned();
                if c.holds_for_status(&status) == Some(false) {
                    out.facts.push(format!(
                        "Order {id} is {status}, so as you asked I left it as it is."
                    ));
                    return Went::Failed(None);
                }
            }
        }
        match resolve(r, planned, procedures, full_text) {
            Resolution::Write(w, name) => {
                if let Some(c) = &r.condition {
                    if let Err(why) = c.allows(&w, new_price(&w, planned)) {
                        out.facts
                            .push(format!("{}: {why}.", capitalised(&w.summary)));
                        return Went::Failed(None);
                    }
                }
                planned.assume(&w);
                out.writes.push(*w);
                out.names.push(name);
                Went::Done
            }
            Resolution::Ask(q) => Went::Failed(Some(q)),
            // "if it comes in medium, switch to that": it does not, so nothing is changed
            Resolution::Unavailable(_) if r.condition == Some(Condition::IfAvailable) => {
                Went::NotSold
            }
            Resolution::Unavailable(q) => Went::Unavailable(q),
            Resolution::Refuse(f) => {
                out.facts.push(f);
                Went::Failed(None)
            }
            // a question nothing in the store answered ("what does the taller one cost?",
            // and no taller one was found): not an answer, whatever else is answered
            Resolution::Facts(f) if f.is_empty() => {
                out.unanswered.get_or_insert_with(|| r.clause.clone());
                Went::Failed(None)
            }
            Resolution::Facts(f) => {
                out.facts.extend(f);
                out.names.push("order_status".to_owned());
                Went::Done
            }
        }
    };
    for i in order {
        went[i] = Some(step_with(&requests[i], &mut planned, &mut out));
    }
    // the fallbacks of the requests that did not go through, in text order
    for (i, primary) in primary_of.iter().enumerate() {
        let Some(p) = primary else { continue };
        let applies = matches!(
            (&requests[i].condition, &went[*p]),
            (
                Some(Condition::IfUnavailable),
                Some(Went::Unavailable(_) | Went::NotSold)
            ) | (
                Some(Condition::Otherwise),
                Some(Went::Unavailable(_) | Went::Failed(_) | Went::NotSold)
            )
        );
        if applies {
            // what the customer wants instead is known: the primary's question is moot; "that
            // whole order" is the order of the request it replaces
            went[*p] = Some(Went::Failed(None));
            let mut fallback = requests[i].clone();
            // "If not, exchange it for a large.": "it" is what the request it replaces named
            if fallback.before.is_empty() && requests[*p].kind == fallback.kind {
                fallback.before = format!("{} {}", requests[*p].before, requests[*p].clause)
                    .trim()
                    .to_owned();
            }
            if fallback.order_ids.is_empty() {
                if let Some(id) = order_of(&requests[*p], &planned, procedures) {
                    fallback.context_order = Some(id);
                }
            }
            went[i] = Some(step_with(&fallback, &mut planned, &mut out));
        }
    }
    for w in went.into_iter().flatten() {
        match w {
            Went::Unavailable(q) | Went::Failed(Some(q)) => out.questions.push(q),
            Went::NotSold => {
                if !out.facts.iter().any(|f| f == LEFT_AS_ASKED) {
                    out.facts.push(LEFT_AS_ASKED.to_owned());
                }
            }
            Went::Done | Went::Failed(None) => {}
        }
    }
    out.names.dedup();
    out
}
