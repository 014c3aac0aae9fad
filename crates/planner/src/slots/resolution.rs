//! [`Resolution`], what became of one request, and [`resolve`], the dispatch by request kind.

use crate::customer::Customer;
use crate::requests::Request;
use crate::{Procedures, ProposedWrite};

use super::actions::user_address;
use super::context::Ctx;
use super::facts::{account_facts, product_facts, status_facts};
use super::order::pick_order;

/// What became of one request.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolution {
    /// Every slot resolved: the write to propose, by the named procedure.
    Write(Box<ProposedWrite>, String),
    /// A slot is missing or ambiguous: the question to ask.
    Ask(String),
    /// What the customer asked for is not sold (a variant that does not exist or is sold
    /// out): the question to ask, unless a fallback says what to do instead.
    Unavailable(String),
    /// A precondition fails (status, ownership): the fact to tell.
    Refuse(String),
    /// A read-only request answered by these facts.
    Facts(Vec<String>),
}

/// Resolves one request.
pub fn resolve(
    req: &Request,
    customer: &Customer,
    procedures: &Procedures,
    full_text: &str,
) -> Resolution {
    if req.kind == "status" {
        return Resolution::Facts(status_facts(req, customer));
    }
    if req.kind == "product_info" {
        return Resolution::Facts(product_facts(req, customer));
    }
    if req.kind == "account" {
        return Resolution::Facts(account_facts(req, customer));
    }
    if req.kind == "user_address" {
        return user_address(req, customer, procedures, full_text);
    }
    let kinds = kinds_of(req);
    let accepts = |status: &str| {
        kinds
            .iter()
            .any(|k| procedures.for_status(k, status).is_some())
    };
    let order_id = match pick_order(req, customer, &accepts) {
        Ok(id) => id,
        Err(r) => return r,
    };
    let status = customer.status(&order_id).to_owned();
    let Some(procedure) = kinds.iter().find_map(|k| procedures.for_status(k, &status)) else {
        return Resolution::Refuse(format!(
            "Order {order_id} is {status}, so it cannot be {}.",
            verb(&req.kind)
        ));
    };
    let ctx = Ctx {
        req,
        customer,
        procedures,
        full_text,
        order_id: &order_id,
        procedure,
    };
    match procedure.spec.tool.as_deref() {
        Some("cancel_pending_order") => ctx.cancel(),
        Some("return_delivered_order_items") => acting_on_items(ctx.return_items(), &ctx),
        Some("exchange_delivered_order_items") | Some("modify_pending_order_items") => {
            acting_on_items(ctx.change_items(), &ctx)
        }
        Some("modify_pending_order_address") => ctx.order_address(),
        Some("modify_pending_order_payment") => ctx.order_payment(),
        _ => Resolution::Facts(status_facts(req, customer)),
    }
}

/// The request kinds a request may be served by: a refund asked without saying cancel or
/// return is either, by the order's status.
fn kinds_of(req: &Request) -> Vec<&str> {
    if !req.explicit && (req.kind == "cancel" || req.kind == "return") {
        vec!["cancel", "return"]
    } else {
        vec![req.kind.as_str()]
    }
}

/// The order `req` is about, if its text and the store settle it.
pub fn order_of(req: &Request, customer: &Customer, procedures: &Procedures) -> Option<String> {
    let kinds = kinds_of(req);
    let accepts = |status: &str| {
        kinds
            .iter()
            .any(|k| procedures.for_status(k, status).is_some())
    };
    pick_order(req, customer, &accepts).ok()
}

/// The order `req` names, whatever its status (for a condition on that status).
pub fn named_order(req: &Request, customer: &Customer) -> Option<String> {
    super::order::pick_order(req, customer, &|_| true).ok()
}

pub(super) fn verb(kind: &str) -> &'static str {
    match kind {
        "cancel" => "cancelled",
        "return" => "returned",
        "item_change" => "exchanged or modified",
        "order_address" => "given a new address",
        "order_payment" => "paid with another method",
        _ => "changed",
    }
}

impl Resolution {
    pub(super) fn ask(q: impl Into<String>) -> Resolution {
        Resolution::Ask(q.into())
    }
}

/// A write on an order's items that names none is never proposed: which items is asked.
fn acting_on_items(r: Resolution, ctx: &Ctx<'_>) -> Resolution {
    let Resolution::Write(w, _) = &r else {
        return r;
    };
    let none = w.args["item_ids"].as_array().is_none_or(Vec::is_empty);
    if !none {
        return r;
    }
    ctx.which_items(&ctx.customer.items(ctx.order_id))
}
