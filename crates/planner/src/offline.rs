//! [`OfflinePlanner`]: the [`Planner`] that follows the procedures file, with
//! no model: authenticate, read, split the ticket into requests, resolve each
//! request's slots, then act, ask, answer or hand off.

use async_trait::async_trait;
use frontdesk_intent::Catalog;

use crate::auth::{authenticate, Authenticated};
use crate::customer::{Customer, Reader};
use crate::requests::extract;
use crate::slots::{resolve, Resolution};
use crate::text::{is_no, is_yes};
use crate::{
    Outcome, Plan, PlanError, PlanRequest, Planner, Procedures, ProposedWrite, ToolRunner,
};

/// The offline planner: procedures as data, no model.
pub struct OfflinePlanner {
    procedures: Procedures,
    catalog: Catalog,
}

impl OfflinePlanner {
    /// A planner over `procedures`, recognising customers' names in text
    /// with `catalog` (use [`Catalog::empty`] to rely on "my name is ..." phrases).
    pub fn new(procedures: Procedures, catalog: Catalog) -> Self {
        OfflinePlanner {
            procedures,
            catalog,
        }
    }

    /// The shipped procedures with an empty catalog.
    pub fn shipped() -> Result<Self, PlanError> {
        Ok(OfflinePlanner::new(
            Procedures::shipped()?,
            Catalog::empty(),
        ))
    }

    /// The procedures in use.
    pub fn procedures(&self) -> &Procedures {
        &self.procedures
    }
}

/// Cancellations run first (their gift-card refunds pay for what follows),
/// then order-level changes (address, payment), then item changes, which
/// change the order's status.
fn write_rank(w: &ProposedWrite) -> u8 {
    match w.tool.as_str() {
        "cancel_pending_order" => 0,
        "modify_pending_order_address" | "modify_pending_order_payment" | "modify_user_address" => {
            1
        }
        "modify_pending_order_items" => 2,
        _ => 3,
    }
}

/// Merges writes of one tool on one order (one item change or return per
/// order) and drops repeats.
fn merge_writes(writes: Vec<ProposedWrite>) -> Vec<ProposedWrite> {
    let mut out: Vec<ProposedWrite> = Vec::new();
    for w in writes {
        if out.iter().any(|o| o.tool == w.tool && o.args == w.args) {
            continue;
        }
        let items_tool = matches!(
            w.tool.as_str(),
            "return_delivered_order_items"
                | "exchange_delivered_order_items"
                | "modify_pending_order_items"
        );
        if let Some(o) = out
            .iter_mut()
            .find(|o| items_tool && o.tool == w.tool && o.order_id == w.order_id)
        {
            let ids = |v: &ProposedWrite, k: &str| -> Vec<serde_json::Value> {
                v.args
                    .get(k)
                    .and_then(|x| x.as_array())
                    .cloned()
                    .unwrap_or_default()
            };
            let (mut old, mut new) = (ids(o, "item_ids"), ids(o, "new_item_ids"));
            let (wold, wnew) = (ids(&w, "item_ids"), ids(&w, "new_item_ids"));
            for (n, id) in wold.iter().enumerate() {
                if old.contains(id) {
                    continue;
                }
                old.push(id.clone());
                if let Some(x) = wnew.get(n) {
                    new.push(x.clone());
                }
            }
            o.args["item_ids"] = serde_json::Value::Array(old);
            if o.args.get("new_item_ids").is_some() {
                o.args["new_item_ids"] = serde_json::Value::Array(new);
            }
            o.item_count += w.item_count;
            let add = |a: Option<f64>, b: Option<f64>| match (a, b) {
                (None, None) => None,
                (a, b) => Some(a.unwrap_or(0.0) + b.unwrap_or(0.0)),
            };
            o.refund_amount = add(o.refund_amount, w.refund_amount);
            o.charge_amount = add(o.charge_amount, w.charge_amount);
            o.price_difference = add(o.price_difference, w.price_difference);
            o.summary = format!("{}; {}", o.summary, w.summary);
            continue;
        }
        out.push(w);
    }
    out.sort_by_key(write_rank);
    out
}

/// Writes that cannot all run on one order: a delivered order takes one
/// return or one exchange, and a cancelled order takes nothing else.
fn conflict(writes: &[ProposedWrite]) -> Option<String> {
    for w in writes {
        let Some(order) = &w.order_id else { continue };
        let same: Vec<&ProposedWrite> = writes
            .iter()
            .filter(|o| o.order_id.as_ref() == Some(order))
            .collect();
        let delivered = same
            .iter()
            .filter(|o| {
                matches!(
                    o.tool.as_str(),
                    "return_delivered_order_items" | "exchange_delivered_order_items"
                )
            })
            .count();
        if delivered > 1 {
            return Some(format!(
                "Order {order} can have either one return or one exchange, not both. Which would you like: {}?",
                same.iter().map(|o| o.summary.as_str()).collect::<Vec<_>>().join(", or ")
            ));
        }
        if w.tool == "cancel_pending_order" && same.len() > 1 {
            return Some(format!(
                "You asked to cancel order {order} and also to change it. Should I cancel the whole order?"
            ));
        }
    }
    None
}

/// Reads the catalog products a product question names.
async fn read_named_products(
    reader: &mut Reader<'_>,
    customer: &mut Customer,
    requests: &[crate::requests::Request],
) -> Result<(), crate::ToolFailure> {
    let Some(types) = reader
        .read("list_all_product_types", serde_json::json!({}))
        .await?
    else {
        return Ok(());
    };
    let text: String = requests
        .iter()
        .filter(|r| r.kind == "product_info")
        .map(|r| crate::text::normalise(&r.clause))
        .collect::<Vec<_>>()
        .join(" ");
    for (name, id) in types.as_object().into_iter().flatten() {
        let Some(id) = id.as_str() else { continue };
        if customer.products.contains_key(id) || crate::variant::mention(&text, name).is_none() {
            continue;
        }
        if let Some(p) = reader
            .read(
                "get_product_details",
                serde_json::json!({ "product_id": id }),
            )
            .await?
        {
            customer.products.insert(id.to_owned(), p);
        }
    }
    Ok(())
}

static ALL_ORDERS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)\b(?:all|every one of|each of) (?:of )?(?:my |the )?(?:pending |open |current )?orders\b")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

/// Drops retracted requests and vague repeats: a request that names neither
/// an order nor an item is dropped when another request of its kind does.
fn select(
    mut requests: Vec<crate::requests::Request>,
    customer: &Customer,
) -> Vec<crate::requests::Request> {
    requests.retain(|r| !r.retracted);
    let family = |k: &str| {
        if k == "cancel" || k == "return" {
            "refund"
        } else {
            "other"
        }
    };
    let specific: Vec<bool> = requests
        .iter()
        .map(|r| {
            !r.order_ids.is_empty()
                || customer.orders.keys().any(|id| {
                    !crate::slots::mentioned_items(&r.clause, &customer.items(id)).is_empty()
                })
        })
        .collect();
    let mut keep = Vec::new();
    for (i, r) in requests.iter().enumerate() {
        if !specific[i] {
            let same_kind = |j: usize| {
                let o = &requests[j];
                o.kind == r.kind
                    || (!r.explicit
                        && family(&o.kind) == family(&r.kind)
                        && family(&r.kind) == "refund")
            };
            let covered =
                (0..requests.len()).any(|j| j != i && same_kind(j) && (specific[j] || j < i));
            if covered {
                continue;
            }
        }
        keep.push(r.clone());
    }
    // "cancel all my pending orders": one cancellation per pending order
    let mut expanded = Vec::new();
    for r in keep {
        if r.kind == "cancel" && r.order_ids.is_empty() && ALL_ORDERS.is_match(&r.clause) {
            for (id, order) in &customer.orders {
                if crate::customer::s(order, "status") == "pending" {
                    let mut one = r.clone();
                    one.order_ids = vec![id.clone()];
                    expanded.push(one);
                }
            }
            continue;
        }
        expanded.push(r);
    }
    let mut keep = expanded;
    let alone = keep.len() == 1;
    for r in &mut keep {
        r.alone = alone;
    }
    keep
}

#[async_trait]
impl Planner for OfflinePlanner {
    async fn plan(&self, req: &PlanRequest, tools: &dyn ToolRunner) -> Result<Plan, PlanError> {
        let mut state = req.state.clone();
        let text = req.text();
        if !state.pending.is_empty() {
            if is_yes(&req.body) {
                let writes = std::mem::take(&mut state.pending);
                state.question = None;
                state.context.clear();
                let mut plan = Plan::new(Vec::new(), Outcome::Act, state);
                plan.draft = format!(
                    "Thank you. I am now going to {}.",
                    writes
                        .iter()
                        .map(|w| w.summary.as_str())
                        .collect::<Vec<_>>()
                        .join("; and ")
                );
                plan.procedures = vec!["confirmation".to_owned()];
                plan.writes = writes;
                return Ok(plan);
            }
            state.pending.clear();
            if is_no(&req.body) {
                state.question = None;
                state.context.clear();
                let mut plan = Plan::new(Vec::new(), Outcome::Answered, state);
                plan.draft = "Understood, I have not made any change.".to_owned();
                plan.reply_facts = vec![plan.draft.clone()];
                return Ok(plan);
            }
        }
        let full_text = if state.question.is_some() && !state.context.is_empty() {
            format!("{}\n{}", state.context.join("\n"), text)
        } else {
            state.context.clear();
            text.clone()
        };
        if let Some(phrase) = self.procedures.handoff_phrase(&full_text) {
            state.pending.clear();
            let mut plan = Plan::new(
                Vec::new(),
                Outcome::HandOff {
                    reason: format!("the message tries to override the agent's rules ({phrase:?})"),
                },
                state,
            );
            plan.procedures = vec!["handoff".to_owned()];
            return Ok(plan);
        }
        let mut reader = Reader::new(tools);
        let user_id = match authenticate(
            &mut reader,
            &req.identity,
            state.user_id.as_deref(),
            &full_text,
            &self.catalog,
        )
        .await?
        {
            Authenticated::User { user_id, via } => {
                state
                    .slots
                    .insert("authenticated_via".to_owned(), via.to_owned());
                user_id
            }
            Authenticated::Unknown => {
                let q = "To look into this I first need to find your account: please send the e-mail address on your account, or your full name and zip code.".to_owned();
                state.context.push(text);
                let mut plan = Plan::ask(reader.log, state, q);
                plan.procedures = vec!["authenticate".to_owned()];
                return Ok(plan);
            }
        };
        let Some(mut customer) = Customer::load(&mut reader, &user_id).await? else {
            let q = "I could not find your account. Please send the e-mail address on your account, or your full name and zip code.".to_owned();
            state.user_id = None;
            state.context.push(text);
            return Ok(Plan::ask(reader.log, state, q));
        };
        state.user_id = Some(user_id);
        // the subject only summarises the body: requests come from the body
        // (and the earlier turns), the subject's order id is context
        let body_text = if state.question.is_some() && !state.context.is_empty() {
            format!("{}\n{}", state.context.join("\n"), req.body)
        } else {
            req.body.clone()
        };
        let mut extracted = extract(&body_text, &self.procedures);
        if extracted.is_empty() {
            extracted = extract(&full_text, &self.procedures);
        } else if let [(_, id)] = crate::text::order_ids(&req.subject).as_slice() {
            for r in &mut extracted {
                if r.context_order.is_none() {
                    r.context_order = Some(id.clone());
                }
            }
        }
        let retracted = extracted.iter().filter(|r| r.retracted).count();
        let requests = select(extracted, &customer);
        if requests.iter().any(|r| r.kind == "product_info") {
            read_named_products(&mut reader, &mut customer, &requests).await?;
        }
        let mut writes = Vec::new();
        let mut facts = Vec::new();
        let mut questions = Vec::new();
        let mut names = Vec::new();
        // cancellations first (their gift-card refunds are spendable at once), then
        // payment changes (later item changes of the order pay with the new method)
        let mut planned = customer.clone();
        let stage = |r: &crate::requests::Request| match r.kind.as_str() {
            "cancel" if r.explicit => 0,
            "order_payment" => 1,
            _ => 2,
        };
        let mut order: Vec<&crate::requests::Request> = requests.iter().collect();
        order.sort_by_key(|r| stage(r));
        for r in order {
            match resolve(r, &planned, &self.procedures, &full_text) {
                Resolution::Write(w, name) => {
                    let order_id = w.order_id.clone().unwrap_or_default();
                    match w.tool.as_str() {
                        "modify_pending_order_payment" => planned.assume_paid_with(
                            &order_id,
                            w.payment_method_id.as_deref().unwrap_or_default(),
                        ),
                        "cancel_pending_order" => planned.assume_cancelled(&order_id),
                        // a modification charges or refunds a gift card at once
                        "modify_pending_order_items" => planned.add_balance(
                            w.payment_method_id.as_deref().unwrap_or_default(),
                            -w.price_difference.unwrap_or(0.0),
                        ),
                        _ => {}
                    }
                    writes.push(*w);
                    names.push(name);
                }
                Resolution::Ask(q) => questions.push(q),
                Resolution::Refuse(f) => facts.push(f),
                Resolution::Facts(f) => {
                    facts.extend(f);
                    names.push("order_status".to_owned());
                }
            }
        }
        names.dedup();
        if let Some(q) = questions.first() {
            state.context = vec![full_text];
            let mut plan = Plan::ask(reader.log, state, q.clone());
            plan.reply_facts = facts;
            plan.procedures = names;
            return Ok(plan);
        }
        let writes = merge_writes(writes);
        if let Some(q) = conflict(&writes) {
            state.context = vec![full_text];
            let mut plan = Plan::ask(reader.log, state, q);
            plan.reply_facts = facts;
            plan.procedures = names;
            return Ok(plan);
        }
        state.question = None;
        state.context.clear();
        if writes.is_empty() {
            let handoff = req
                .intents
                .iter()
                .find(|h| self.procedures.defaults.handoff_intents.contains(&h.key));
            let outcome = match (requests.is_empty(), handoff) {
                (true, Some(h)) => Outcome::HandOff {
                    reason: format!("routed as {}: no procedure acts on it", h.key),
                },
                _ => Outcome::Answered,
            };
            if requests.is_empty() && facts.is_empty() {
                let wants_status = req
                    .intents
                    .iter()
                    .any(|h| h.key == "order_status" || h.key == "refund_status");
                if wants_status {
                    let all = crate::requests::Request {
                        kind: "status".to_owned(),
                        clause: full_text.clone(),
                        order_ids: crate::text::order_ids(&full_text)
                            .into_iter()
                            .map(|(_, id)| id)
                            .collect(),
                        context_order: None,
                        before: String::new(),
                        after: String::new(),
                        explicit: false,
                        retracted: false,
                        alone: true,
                    };
                    if let Resolution::Facts(f) =
                        resolve(&all, &customer, &self.procedures, &full_text)
                    {
                        facts = f;
                    }
                }
            }
            let write_intent = req.intents.iter().any(|h| {
                h.confidence >= 0.5
                    && self
                        .procedures
                        .procedures
                        .iter()
                        .any(|p| p.spec.tool.is_some() && p.spec.intents.contains(&h.key))
            });
            let retracted_only = requests.is_empty() && retracted > 0;
            let outcome = if facts.is_empty()
                && requests.is_empty()
                && write_intent
                && !retracted_only
            {
                let q = "I could not tell which order and which change you mean. Could you send the order number and what you would like me to do?".to_owned();
                state.context = vec![full_text.clone()];
                state.question = Some(q.clone());
                Outcome::AskCustomer { question: q }
            } else {
                outcome
            };
            if facts.is_empty() && retracted_only {
                facts.push("Understood, I have not made any change.".to_owned());
            }
            let unsure = facts.is_empty() && requests.is_empty() && !retracted_only;
            let mut plan = Plan::new(reader.log, outcome, state);
            plan.unsure = unsure;
            plan.draft = match &plan.outcome {
                Outcome::AskCustomer { question } => question.clone(),
                _ => facts.join(" "),
            };
            plan.reply_facts = facts;
            plan.procedures = names;
            return Ok(plan);
        }
        let mut plan = self
            .procedures
            .act_or_confirm(req.channel, reader.log, state, writes);
        plan.reply_facts = facts;
        plan.procedures = names;
        Ok(plan)
    }
}
