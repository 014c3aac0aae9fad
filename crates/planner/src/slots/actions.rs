//! The write each procedure proposes once its slots resolved.

use std::sync::LazyLock;

use frontdesk_intent::entities::extract_cancellation_reasons;
use regex::Regex;
use serde_json::{json, Value};

use crate::customer::{Customer, Item};
use crate::format::{fmt_opts, money, refund_line, round2};
use crate::requests::Request;
use crate::text::re;
use crate::variant::Variant;
use crate::{Procedures, ProposedWrite};

use super::address::pick_address;
use super::context::Ctx;
use super::descriptors::describes_order;
use super::mentions::mentions;
use super::Resolution;

static WHOLE_ORDER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\bcancel(?:l?ing)?\s+(?:(?:my|the|this|that|our|whole|entire|pending|open|current|unshipped|recent|most|last|new|newest|latest|other|second|first)\s+){1,3}order\b",
    )
});
static MISTAKE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:by mistake|mistaken|mistakenly|(?:was|were|is|a) (?:\w+ )?mistake|in error|by error|accident(?:al|ally)?|wrong (?:item|order|one|size|color|colour|model|product|version)|ordered (?:it |them |the |a )?wrong(?:ly)?|(?:did ?n[o']t|never) (?:mean|intend) to (?:order|buy|place|purchase)|ordered (?:\w+ ){0,3}twice|(?:double|duplicate)[- ]?order(?:ed)?|without (?:realis|realiz)ing)\b",
    )
});

impl Ctx<'_> {
    pub(super) fn cancel(&self) -> Resolution {
        // cancelling is for whole orders: naming some of its items is not consent to cancel the
        // rest, unless the customer asks to cancel the order itself ("cancel my pending order
        // because I ordered the wrong camera")
        if self.req.order_ids.is_empty() && !WHOLE_ORDER.is_match(&self.req.clause) {
            let items = self.customer.items(self.order_id);
            // "...; the one with only the black tee stays": a part that keeps something
            // chooses nothing to cancel
            let acting = super::kept::without_staying(&self.req.clause);
            let found = mentions(&acting, &items);
            let describing = describes_order(&acting, &found);
            // products named to say which order are not a choice of items
            let named: Vec<_> = found
                .iter()
                .zip(&describing)
                .filter(|(_, d)| !**d)
                .map(|(m, _)| m)
                .collect();
            let covered: usize = named.iter().map(|m| m.items.len()).sum();
            if !named.is_empty() && covered < items.len() {
                return Resolution::ask(format!(
                    "Order {} holds {}. A pending order can only be cancelled as a whole: should I cancel the whole order, or change its items instead?",
                    self.order_id,
                    items.iter().map(|i| i.name.as_str()).collect::<Vec<_>>().join(", ")
                ));
            }
        }
        let reason = cancel_reason(&self.req.clause)
            .or_else(|| cancel_reason(self.full_text))
            .or_else(|| {
                let d = &self.procedures.defaults.cancel_reason;
                (!d.is_empty()).then(|| d.clone())
            });
        let Some(reason) = reason else {
            return Resolution::ask(format!(
                "Why would you like to cancel order {}: is it no longer needed, or was it ordered by mistake?",
                self.order_id
            ));
        };
        let paid = self.customer.paid(self.order_id);
        let mut w = self.write(
            json!({ "order_id": self.order_id, "reason": reason }),
            format!("cancel order {} ({reason})", self.order_id),
        );
        w.refund_amount = Some(paid);
        w.payment_method_id = self.customer.original_payment(self.order_id);
        w.payment_method_label = w
            .payment_method_id
            .as_ref()
            .map(|p| self.customer.payment_label(p));
        let items = self.customer.items(self.order_id);
        w.details = vec![
            format!("the whole order: {}", labels(items.iter())),
            refund_line(
                paid,
                w.payment_method_id.as_deref(),
                w.payment_method_label.as_deref(),
            ),
        ];
        self.done(w)
    }

    pub(super) fn return_items(&self) -> Resolution {
        let items = match self.items() {
            Ok(p) => p.items,
            Err(r) => return r,
        };
        let method = match self.refund_method() {
            Ok(m) => m,
            Err(r) => return r,
        };
        let ids: Vec<String> = items.iter().map(|(i, _)| i.item_id.clone()).collect();
        let total: f64 = items.iter().map(|(i, _)| i.price).sum();
        let label = self.customer.payment_label(&method);
        let names: Vec<String> = items.iter().map(|(i, _)| i.name.clone()).collect();
        let mut w = self.write(
            json!({ "order_id": self.order_id, "item_ids": ids, "payment_method_id": method }),
            format!(
                "return {} from order {}, refund {} to {label}",
                names.join(", "),
                self.order_id,
                money(total)
            ),
        );
        w.item_count = items.len();
        w.refund_amount = Some(round2(total));
        w.details = vec![
            format!(
                "the item(s) returned: {}",
                labels(items.iter().map(|(i, _)| i))
            ),
            refund_line(round2(total), Some(&method), Some(&label)),
        ];
        w.payment_method_id = Some(method);
        w.payment_method_label = Some(label);
        self.done(w)
    }

    pub(super) fn change_items(&self) -> Resolution {
        let picked = match self.items() {
            Ok(p) => p,
            Err(r) => return r,
        };
        let items = &picked.items;
        let mut pairs: Vec<(Item, Variant)> = Vec::new();
        for (n, (item, pos)) in items.iter().enumerate() {
            let next = items.get(n + 1).map(|(_, p)| *p).filter(|p| p > pos);
            let alone = items.len() == 1 || !picked.in_clause;
            match self.target(item, *pos, next, alone, picked.in_clause) {
                Ok(v) => pairs.push((item.clone(), v)),
                Err(r) => return r,
            }
        }
        let diff: f64 = round2(pairs.iter().map(|(i, v)| v.price - i.price).sum());
        let method = match self.difference_method(diff) {
            Ok(m) => m,
            Err(r) => return r,
        };
        let label = self.customer.payment_label(&method);
        let old: Vec<String> = pairs.iter().map(|(i, _)| i.item_id.clone()).collect();
        let new: Vec<String> = pairs.iter().map(|(_, v)| v.item_id.clone()).collect();
        let what = if self.procedure.spec.tool.as_deref() == Some("exchange_delivered_order_items")
        {
            "exchange"
        } else {
            "modify"
        };
        let names: Vec<String> = pairs.iter().map(|(i, _)| i.name.clone()).collect();
        let money_line = if diff > 0.0 {
            format!("charge {} to {label}", money(diff))
        } else if diff < 0.0 {
            format!("refund {} to {label}", money(diff))
        } else {
            "no price difference".to_owned()
        };
        let mut details: Vec<String> = pairs
            .iter()
            .map(|(i, v)| {
                format!(
                    "{} becomes {} ({}), {}",
                    i.label(),
                    i.name,
                    fmt_opts(&v.options),
                    money(v.price)
                )
            })
            .collect();
        details.push(format!("price difference: {money_line}"));
        let mut w = self.write(
            json!({ "order_id": self.order_id, "item_ids": old, "new_item_ids": new, "payment_method_id": method }),
            format!("{what} {} in order {}; {money_line}", names.join(", "), self.order_id),
        );
        w.item_count = pairs.len();
        w.details = details;
        w.price_difference = Some(diff);
        if diff > 0.0 {
            w.charge_amount = Some(diff);
        } else if diff < 0.0 {
            w.refund_amount = Some(-diff);
        }
        w.payment_method_id = Some(method);
        w.payment_method_label = Some(label);
        self.done(w)
    }

    pub(super) fn order_payment(&self) -> Resolution {
        let current = self.customer.original_payment(self.order_id);
        let method = match self.named_method() {
            Ok(Some(m)) => m,
            Ok(None) => {
                return Resolution::ask(format!(
                    "Which payment method would you like to pay for order {} with?",
                    self.order_id
                ))
            }
            Err(r) => return r,
        };
        if Some(&method) == current.as_ref() {
            return Resolution::Refuse(format!(
                "Order {} is already paid with your {}.",
                self.order_id,
                self.customer.payment_label(&method)
            ));
        }
        let paid = self.customer.paid(self.order_id);
        if let Some(balance) = self.customer.gift_balance(&method) {
            if balance < paid {
                return Resolution::Refuse(format!(
                    "Your gift card balance ({}) does not cover order {} ({}), so the payment method was not changed.",
                    money(balance),
                    self.order_id,
                    money(paid)
                ));
            }
        }
        let label = self.customer.payment_label(&method);
        let mut w = self.write(
            json!({ "order_id": self.order_id, "payment_method_id": method }),
            format!("pay order {} with {label} instead", self.order_id),
        );
        w.details = vec![
            format!("{} charged to {label}", money(paid)),
            refund_line(
                paid,
                current.as_deref(),
                current
                    .as_ref()
                    .map(|c| self.customer.payment_label(c))
                    .as_deref(),
            ),
        ];
        w.charge_amount = Some(paid);
        w.refund_amount = Some(paid);
        w.payment_method_id = Some(method);
        w.payment_method_label = Some(label);
        self.done(w)
    }

    pub(super) fn order_address(&self) -> Resolution {
        let Some(address) = pick_address(
            self.req,
            self.customer,
            self.full_text,
            true,
            Some(self.order_id),
        ) else {
            return Resolution::ask(format!(
                "What is the new shipping address for order {} (street, apartment or suite, city, state, zip)?",
                self.order_id
            ));
        };
        let mut args = json!({ "order_id": self.order_id });
        merge(&mut args, address.to_json());
        let w = self.write(
            args,
            format!("ship order {} to {}", self.order_id, address.line()),
        );
        self.done(w)
    }
}

fn merge(into: &mut Value, from: Value) {
    if let (Some(a), Value::Object(b)) = (into.as_object_mut(), from) {
        a.extend(b);
    }
}

pub(super) fn user_address(
    req: &Request,
    customer: &Customer,
    procedures: &Procedures,
    full_text: &str,
) -> Resolution {
    let Some(procedure) = procedures.of_request("user_address").next() else {
        return Resolution::Refuse("I cannot change the default address here.".to_owned());
    };
    let Some(address) = pick_address(req, customer, full_text, false, None) else {
        return Resolution::ask(
            "What is the new default address (street, apartment or suite, city, state, zip)?",
        );
    };
    // "change its shipping address to my home address on file, <that address>": the
    // account already has it, and nothing is to be written there
    let current = &customer.user["address"];
    let new = address.to_json();
    let same = ["address1", "address2", "city", "state", "zip"]
        .iter()
        .all(|k| {
            let norm = |v: &Value| v.as_str().unwrap_or_default().trim().to_lowercase();
            norm(&current[*k]) == norm(&new[*k])
        });
    if same {
        return Resolution::Refuse(format!(
            "{} is already the default address on your account, so I left it as it is.",
            address.line()
        ));
    }
    let mut args = json!({ "user_id": customer.user_id });
    merge(&mut args, new);
    Resolution::Write(
        Box::new(ProposedWrite::new(
            procedure.spec.tool.as_deref().unwrap_or_default(),
            args,
            format!("set your default address to {}", address.line()),
            &customer.user_id,
        )),
        procedure.spec.name.clone(),
    )
}

/// "Gaming Mouse (color: black, sensor type: laser), T-Shirt (color: blue, size: M)".
fn labels<'a>(items: impl Iterator<Item = &'a Item>) -> String {
    items.map(Item::label).collect::<Vec<_>>().join(", ")
}

/// The reason a cancellation gives: "no longer needed" or "ordered by mistake" (a mistake,
/// an accident, the same thing ordered twice); `None` when the text gives neither.
fn cancel_reason(text: &str) -> Option<String> {
    let mut ents = Vec::new();
    extract_cancellation_reasons(text, &mut ents);
    if let Some(e) = ents.first() {
        return Some(e.value.clone());
    }
    MISTAKE
        .is_match(text)
        .then(|| "ordered by mistake".to_owned())
}

#[cfg(test)]
mod tests {
    use super::cancel_reason;

    #[test]
    fn the_same_thing_ordered_twice_is_a_mistake() {
        for text in [
            "I must have ordered them twice without realising. Please cancel that open order.",
            "looks like I ordered the same boots twice, cancel the open one",
            "this is a duplicate order, please cancel it",
            "I double ordered, please cancel #W1234567",
        ] {
            assert_eq!(
                cancel_reason(text).as_deref(),
                Some("ordered by mistake"),
                "{text}"
            );
        }
        assert_eq!(
            cancel_reason("please cancel the order, I'll reorder it later"),
            None
        );
    }
}
