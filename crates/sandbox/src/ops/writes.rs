//! The state changes of the write operations, replicated exactly from the reference.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::args::{ItemsArgs, ReturnArgs};
use super::json::*;
use super::CANCEL_REASONS;
use crate::money::round2;
use crate::StoreError;

/// `cancel_pending_order`: refunds every payment (gift cards immediately) and
/// sets status `cancelled` and `cancel_reason`.
pub fn cancel_pending_order(
    order: &mut Value,
    user: &mut Value,
    reason: &str,
) -> Result<(), StoreError> {
    if status(order)? != "pending" {
        return Err(StoreError::rule(
            "order_not_pending",
            "non-pending order cannot be cancelled",
        ));
    }
    if !CANCEL_REASONS.contains(&reason) {
        return Err(StoreError::rule(
            "invalid_reason",
            "invalid reason: must be 'no longer needed' or 'ordered by mistake'",
        ));
    }
    let mut refunds = Vec::new();
    for payment in history_mut(order)?.iter() {
        let pm = str_field(payment, "payment_method_id")?.to_owned();
        let amount = payment
            .get("amount")
            .cloned()
            .ok_or_else(|| corrupt("payment without amount"))?;
        if pm.contains("gift_card") {
            let a = num(&amount, "payment amount")?;
            add_to_balance(payment_method_mut(user, &pm)?, a)?;
        }
        refunds.push(json!({
            "transaction_type": "refund",
            "amount": amount,
            "payment_method_id": pm,
        }));
    }
    set(order, "status", json!("cancelled"))?;
    set(order, "cancel_reason", json!(reason))?;
    history_mut(order)?.extend(refunds);
    Ok(())
}

/// `modify_pending_order_address`: replaces the shipping address of a pending order.
pub fn modify_pending_order_address(
    order: &mut Value,
    new_address: Value,
) -> Result<(), StoreError> {
    if status(order)? != "pending" {
        return Err(StoreError::rule(
            "order_not_pending",
            "non-pending order cannot be modified",
        ));
    }
    set(order, "address", new_address)
}

/// `modify_pending_order_payment`: pays with another of the user's methods and
/// refunds the original one.
pub fn modify_pending_order_payment(
    order: &mut Value,
    user: &mut Value,
    payment_method_id: &str,
) -> Result<(), StoreError> {
    if status(order)? != "pending" {
        return Err(StoreError::rule(
            "order_not_pending",
            "non-pending order cannot be modified",
        ));
    }
    if payment_method(user, payment_method_id).is_none() {
        return Err(payment_not_found(payment_method_id));
    }
    let history = history_mut(order)?;
    let single_payment = history.len() == 1
        && history[0].get("transaction_type").and_then(Value::as_str) == Some("payment");
    if !single_payment {
        return Err(StoreError::rule(
            "not_single_payment",
            "there should be exactly one payment for a pending order",
        ));
    }
    let old_pm = str_field(&history[0], "payment_method_id")?.to_owned();
    if old_pm == payment_method_id {
        return Err(StoreError::rule(
            "same_payment_method",
            "the new payment method should be different from the current one",
        ));
    }
    let amount_value = history[0]
        .get("amount")
        .cloned()
        .ok_or_else(|| corrupt("payment without amount"))?;
    let amount = num(&amount_value, "payment amount")?;
    let method = payment_method_mut(user, payment_method_id)?;
    let new_is_gift = is_gift_card_source(method);
    if new_is_gift && balance(method)? < amount {
        return Err(StoreError::rule(
            "insufficient_gift_card_balance",
            "insufficient gift card balance to pay for the order",
        ));
    }
    history.push(json!({
        "transaction_type": "payment",
        "amount": amount_value.clone(),
        "payment_method_id": payment_method_id,
    }));
    history.push(json!({
        "transaction_type": "refund",
        "amount": amount_value,
        "payment_method_id": old_pm,
    }));
    if new_is_gift {
        add_to_balance(payment_method_mut(user, payment_method_id)?, -amount)?;
    }
    if old_pm.contains("gift_card") {
        add_to_balance(payment_method_mut(user, &old_pm)?, amount)?;
    }
    Ok(())
}

/// Shared checks of items changes: item multiset, equal lengths, same product
/// and availability. Returns the price difference.
fn check_item_change(
    order: &Value,
    products: &BTreeMap<String, Value>,
    item_ids: &[String],
    new_item_ids: &[String],
) -> Result<Option<f64>, StoreError> {
    if let Some(missing) = check_items_exist(order, item_ids)? {
        return Err(StoreError::not_found(
            "item_not_found",
            format!("{missing} not found"),
        ));
    }
    if item_ids.len() != new_item_ids.len() {
        return Err(StoreError::rule(
            "item_count_mismatch",
            "the number of items to be exchanged should match",
        ));
    }
    price_difference(order, products, item_ids, new_item_ids)
}

/// `modify_pending_order_items`: swaps items for available variants of the same
/// products, records the price difference and sets `pending (item modified)`.
pub fn modify_pending_order_items(
    order: &mut Value,
    user: &mut Value,
    products: &BTreeMap<String, Value>,
    args: &ItemsArgs,
) -> Result<(), StoreError> {
    if status(order)? != "pending" {
        return Err(StoreError::rule(
            "order_not_pending",
            "non-pending order cannot be modified",
        ));
    }
    let diff = check_item_change(order, products, &args.item_ids, &args.new_item_ids)?;
    let method = payment_method(user, &args.payment_method_id)
        .ok_or_else(|| payment_not_found(&args.payment_method_id))?;
    let is_gift = is_gift_card_source(method);
    if is_gift && balance(method)? < diff.unwrap_or(0.0) {
        return Err(StoreError::rule(
            "insufficient_gift_card_balance",
            "insufficient gift card balance to pay for the new item",
        ));
    }
    let (kind, amount) = match diff {
        Some(d) => (if d > 0.0 { "payment" } else { "refund" }, float(d.abs())?),
        None => ("refund", json!(0)),
    };
    history_mut(order)?.push(json!({
        "transaction_type": kind,
        "amount": amount,
        "payment_method_id": args.payment_method_id,
    }));
    if is_gift {
        let method = payment_method_mut(user, &args.payment_method_id)?;
        match diff {
            Some(d) => add_to_balance(method, -d)?,
            None => {
                // `round(balance - 0, 2)`: integers stay integers.
                if let Some(b) = method.get("balance").filter(|b| !b.is_i64() && !b.is_u64()) {
                    let b = round2(num(b, "gift card balance")?);
                    obj_mut(method, "payment method")?.insert("balance".into(), float(b)?);
                }
            }
        }
    }
    for (item_id, new_item_id) in args.item_ids.iter().zip(&args.new_item_ids) {
        let idx = first_item_index(order, item_id)?;
        let product_id = str_field(&items(order)?[idx], "product_id")?.to_owned();
        let v = variant(products, &product_id, new_item_id)?;
        let price = v.get("price").cloned().unwrap_or(Value::Null);
        let options = v.get("options").cloned().unwrap_or(Value::Null);
        let item = order
            .get_mut("items")
            .and_then(Value::as_array_mut)
            .and_then(|a| a.get_mut(idx))
            .ok_or_else(|| corrupt("item vanished"))?;
        let item = obj_mut(item, "item")?;
        item.insert("item_id".into(), json!(new_item_id));
        item.insert("price".into(), price);
        item.insert("options".into(), options);
    }
    set(order, "status", json!("pending (item modified)"))
}

/// `return_delivered_order_items`: sets `return requested`, `return_items` and
/// `return_payment_method_id` (original method or a gift card).
pub fn return_delivered_order_items(
    order: &mut Value,
    user: &Value,
    args: &ReturnArgs,
) -> Result<(), StoreError> {
    if status(order)? != "delivered" {
        return Err(StoreError::rule(
            "order_not_delivered",
            "non-delivered order cannot be returned",
        ));
    }
    if payment_method(user, &args.payment_method_id).is_none() {
        return Err(payment_not_found(&args.payment_method_id));
    }
    let original = history_mut(order)?
        .first()
        .and_then(|p| p.get("payment_method_id"))
        .and_then(Value::as_str)
        .map(str::to_owned);
    if !args.payment_method_id.contains("gift_card")
        && Some(args.payment_method_id.as_str()) != original.as_deref()
    {
        return Err(StoreError::rule(
            "refund_method_not_allowed",
            "payment method should be either the original payment method or a gift card",
        ));
    }
    if check_items_exist(order, &args.item_ids)?.is_some() {
        return Err(StoreError::not_found(
            "item_not_found",
            "some item not found",
        ));
    }
    set(order, "status", json!("return requested"))?;
    set(order, "return_items", sorted(&args.item_ids))?;
    set(
        order,
        "return_payment_method_id",
        json!(args.payment_method_id),
    )
}

/// `exchange_delivered_order_items`: sets `exchange requested` with the sorted
/// old and new items, the payment method and the rounded price difference.
pub fn exchange_delivered_order_items(
    order: &mut Value,
    user: &Value,
    products: &BTreeMap<String, Value>,
    args: &ItemsArgs,
) -> Result<(), StoreError> {
    if status(order)? != "delivered" {
        return Err(StoreError::rule(
            "order_not_delivered",
            "non-delivered order cannot be exchanged",
        ));
    }
    let diff = check_item_change(order, products, &args.item_ids, &args.new_item_ids)?.map(round2);
    let method = payment_method(user, &args.payment_method_id)
        .ok_or_else(|| payment_not_found(&args.payment_method_id))?;
    if is_gift_card_source(method) && balance(method)? < diff.unwrap_or(0.0) {
        return Err(StoreError::rule(
            "insufficient_gift_card_balance",
            "insufficient gift card balance to pay for the price difference",
        ));
    }
    set(order, "status", json!("exchange requested"))?;
    set(order, "exchange_items", sorted(&args.item_ids))?;
    set(order, "exchange_new_items", sorted(&args.new_item_ids))?;
    set(
        order,
        "exchange_payment_method_id",
        json!(args.payment_method_id),
    )?;
    let d = match diff {
        Some(d) => float(d)?,
        None => json!(0),
    };
    set(order, "exchange_price_difference", d)
}

/// `modify_user_address`: replaces the user's default address.
pub fn modify_user_address(user: &mut Value, new_address: Value) -> Result<(), StoreError> {
    obj_mut(user, "user")?.insert("address".into(), new_address);
    Ok(())
}

/// `list_all_product_types`: product name -> product id, sorted by name
/// (later products win on duplicate names, as in a Python dict).
pub fn product_types<'a>(products: impl IntoIterator<Item = &'a Value>) -> Value {
    let mut map = BTreeMap::new();
    for p in products {
        if let (Some(name), Some(id)) = (
            p.get("name").and_then(Value::as_str),
            p.get("product_id").and_then(Value::as_str),
        ) {
            map.insert(name.to_owned(), json!(id));
        }
    }
    Value::Object(map.into_iter().collect())
}
