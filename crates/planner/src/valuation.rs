//! What a write is worth, read from the store rather than taken from whoever proposed it.
//!
//! The write gate's value ceilings and item limits need the amount a write moves. The offline
//! procedures compute it while planning; a write a model proposes carries only tool arguments,
//! and a model's own figures are never trusted. [`value_write`] reads the customer's record,
//! the order and the products it touches through the [`ToolRunner`] and derives the refund,
//! the charge, the price difference, the item count and the payment method the same way the
//! procedures do. A write it cannot value (an order that is not the customer's, an item that
//! is not in the order, a variant that does not exist) is refused with the reason, and the
//! caller hands it to a person.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::{json, Value};

use crate::customer::{s, Customer, Reader};
use crate::format::round2;
use crate::{ProposedWrite, ReadCall, ToolFailure, ToolRunner};

/// Why a write could not be valued.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValuationError {
    /// The store was unreachable: retry later.
    #[error("{0}")]
    Tool(ToolFailure),
    /// The arguments do not describe something this customer may change.
    #[error("{0}")]
    Invalid(String),
}

fn invalid(why: impl Into<String>) -> ValuationError {
    ValuationError::Invalid(why.into())
}

fn strings(args: &Value, field: &str) -> Vec<String> {
    args.get(field)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect()
}

/// Values `tool(args)` for `user_id`, reading through `tools`. Returns the write with its
/// amounts and a one-line summary, and the reads made.
pub async fn value_write(
    tool: &str,
    args: &Value,
    user_id: &str,
    tools: &dyn ToolRunner,
) -> Result<(ProposedWrite, Vec<ReadCall>), ValuationError> {
    let mut reader = Reader::new(tools);
    let customer = Customer::load(&mut reader, user_id)
        .await
        .map_err(ValuationError::Tool)?
        .ok_or_else(|| invalid(format!("customer {user_id} was not found")))?;
    let mut w = ProposedWrite::new(tool, args.clone(), String::new(), user_id);
    let payment = s(args, "payment_method_id");
    if !payment.is_empty() {
        if !customer.has_payment(payment) {
            return Err(invalid(format!(
                "payment method {payment} is not one of the customer's"
            )));
        }
        w.payment_method_id = Some(payment.to_owned());
        w.payment_method_label = Some(customer.payment_label(payment));
    }
    let order_id = s(args, "order_id");
    if order_id.is_empty() {
        w.summary = format!("{} for user {user_id}", tool.replace('_', " "));
        return Ok((w, reader.log));
    }
    if !customer.orders.contains_key(order_id) {
        return Err(invalid(format!(
            "order {order_id} is not one of the customer's orders"
        )));
    }
    w.order_id = Some(order_id.to_owned());
    let items = customer.items(order_id);
    let old_ids = strings(args, "item_ids");
    let new_ids = strings(args, "new_item_ids");
    let mut old_total = 0.0;
    let mut old_items = Vec::new();
    let mut left = items.clone();
    for id in &old_ids {
        let Some(pos) = left.iter().position(|i| &i.item_id == id) else {
            return Err(invalid(format!("item {id} is not in order {order_id}")));
        };
        let item = left.remove(pos);
        old_total += item.price;
        old_items.push(item);
    }
    w.item_count = old_ids.len();
    if !new_ids.is_empty() {
        if new_ids.len() != old_ids.len() {
            return Err(invalid("each changed item needs exactly one new item"));
        }
        let mut products: BTreeMap<String, Arc<Value>> = customer.products.clone();
        let mut new_total = 0.0;
        for (old, new) in old_items.iter().zip(&new_ids) {
            if !products.contains_key(&old.product_id) {
                if let Some(p) = reader
                    .read(
                        "get_product_details",
                        json!({ "product_id": old.product_id }),
                    )
                    .await
                    .map_err(ValuationError::Tool)?
                {
                    products.insert(old.product_id.clone(), p);
                }
            }
            let variant = products
                .get(&old.product_id)
                .and_then(|p| p.get("variants"))
                .and_then(|v| v.get(new.as_str()))
                .ok_or_else(|| {
                    invalid(format!(
                        "{new} is not a variant of {} (the item it replaces)",
                        old.name
                    ))
                })?;
            if variant.get("available").and_then(Value::as_bool) == Some(false) {
                return Err(invalid(format!("{new} is not available")));
            }
            new_total += variant.get("price").and_then(Value::as_f64).unwrap_or(0.0);
        }
        let diff = round2(new_total - old_total);
        w.price_difference = Some(diff);
        if diff > 0.0 {
            w.charge_amount = Some(diff);
        } else if diff < 0.0 {
            w.refund_amount = Some(-diff);
        }
        w.summary = format!(
            "{} {} in order {order_id} (price difference ${diff:.2})",
            tool.replace('_', " "),
            old_items
                .iter()
                .map(|i| i.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
    } else if !old_ids.is_empty() {
        w.refund_amount = Some(round2(old_total));
        w.summary = format!(
            "{} {} of order {order_id} (${:.2})",
            tool.replace('_', " "),
            old_items
                .iter()
                .map(|i| i.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            old_total
        );
    } else {
        // A whole-order write: cancelling refunds what was paid, re-paying refunds the old
        // method; an address change moves no money.
        let paid = customer.paid(order_id);
        if tool.contains("cancel") || tool.contains("payment") {
            w.refund_amount = Some(paid);
            w.item_count = items.len();
        }
        w.summary = format!("{} {order_id}", tool.replace('_', " "));
    }
    Ok((w, reader.log))
}

#[cfg(test)]
mod tests {
    use async_trait::async_trait;

    use super::*;

    struct Store;

    #[async_trait]
    impl ToolRunner for Store {
        async fn call(&self, tool: &str, args: Value) -> Result<Value, ToolFailure> {
            let refused = |code: &str| ToolFailure::Refused {
                tool: tool.to_owned(),
                code: code.to_owned(),
                message: String::new(),
            };
            match (
                tool,
                s(&args, "user_id"),
                s(&args, "order_id"),
                s(&args, "product_id"),
            ) {
                ("get_user_details", "u1", _, _) => Ok(json!({
                    "orders": ["#W1"],
                    "payment_methods": {
                        "gift_card_1": {"source": "gift_card", "balance": 10.0},
                        "paypal_2": {"source": "paypal"}
                    }
                })),
                ("get_order_details", _, "#W1", _) => Ok(json!({
                    "user_id": "u1", "status": "delivered",
                    "items": [
                        {"name": "Lamp", "product_id": "p1", "item_id": "i1", "price": 100.0},
                        {"name": "Lamp", "product_id": "p1", "item_id": "i2", "price": 120.0}
                    ],
                    "payment_history": [
                        {"transaction_type": "payment", "amount": 220.0, "payment_method_id": "paypal_2"}
                    ]
                })),
                ("get_product_details", _, _, "p1") => Ok(json!({
                    "variants": {
                        "i1": {"price": 100.0, "available": true},
                        "i3": {"price": 150.0, "available": true},
                        "i4": {"price": 90.0, "available": false}
                    }
                })),
                _ => Err(refused("not_found")),
            }
        }
    }

    #[tokio::test]
    async fn a_return_is_worth_the_prices_paid_for_its_items() {
        let args =
            json!({"order_id": "#W1", "item_ids": ["i1", "i2"], "payment_method_id": "paypal_2"});
        let (w, reads) = value_write("return_delivered_order_items", &args, "u1", &Store)
            .await
            .unwrap();
        assert_eq!(w.refund_amount, Some(220.0));
        assert_eq!(w.item_count, 2);
        assert_eq!(w.payment_method_label.as_deref(), Some("PayPal"));
        assert!(!reads.is_empty());
    }

    #[tokio::test]
    async fn an_exchange_is_worth_the_price_difference_from_the_catalog() {
        let args = json!({"order_id": "#W1", "item_ids": ["i1"], "new_item_ids": ["i3"], "payment_method_id": "gift_card_1"});
        let (w, _) = value_write("exchange_delivered_order_items", &args, "u1", &Store)
            .await
            .unwrap();
        assert_eq!(w.price_difference, Some(50.0));
        assert_eq!(w.charge_amount, Some(50.0));
    }

    #[tokio::test]
    async fn a_cancellation_is_worth_what_was_paid() {
        let args = json!({"order_id": "#W1", "reason": "no longer needed"});
        let (w, _) = value_write("cancel_pending_order", &args, "u1", &Store)
            .await
            .unwrap();
        assert_eq!(w.refund_amount, Some(220.0));
    }

    #[tokio::test]
    async fn what_the_customer_does_not_own_or_the_store_lacks_is_refused() {
        for (tool, args) in [
            ("cancel_pending_order", json!({"order_id": "#W9"})),
            (
                "return_delivered_order_items",
                json!({"order_id": "#W1", "item_ids": ["i9"], "payment_method_id": "paypal_2"}),
            ),
            (
                "return_delivered_order_items",
                json!({"order_id": "#W1", "item_ids": ["i1", "i1"], "payment_method_id": "paypal_2"}),
            ),
            (
                "exchange_delivered_order_items",
                json!({"order_id": "#W1", "item_ids": ["i1"], "new_item_ids": ["i4"], "payment_method_id": "paypal_2"}),
            ),
            (
                "return_delivered_order_items",
                json!({"order_id": "#W1", "item_ids": ["i1"], "payment_method_id": "card_7"}),
            ),
        ] {
            let r = value_write(tool, &args, "u1", &Store).await;
            assert!(
                matches!(r, Err(ValuationError::Invalid(_))),
                "{tool} {args}: {r:?}"
            );
        }
    }
}
