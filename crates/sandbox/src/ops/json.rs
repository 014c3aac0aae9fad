//! Reading and changing the stored JSON entities (users, orders, products); a missing or
//! mistyped field is a corrupt store, never a panic.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use crate::money::round2;
use crate::StoreError;

pub(super) fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(what.to_owned())
}

pub(super) fn obj_mut<'a>(
    v: &'a mut Value,
    what: &str,
) -> Result<&'a mut Map<String, Value>, StoreError> {
    v.as_object_mut().ok_or_else(|| corrupt(what))
}

pub(super) fn str_field<'a>(v: &'a Value, key: &str) -> Result<&'a str, StoreError> {
    v.get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| corrupt(&format!("missing string field {key:?}")))
}

pub(super) fn num(v: &Value, what: &str) -> Result<f64, StoreError> {
    v.as_f64()
        .ok_or_else(|| corrupt(&format!("{what} is not a number")))
}

pub(super) fn float(x: f64) -> Result<Value, StoreError> {
    serde_json::Number::from_f64(x)
        .map(Value::Number)
        .ok_or_else(|| corrupt("non-finite amount"))
}

/// The order's status string.
pub fn status(order: &Value) -> Result<&str, StoreError> {
    str_field(order, "status")
}

pub(super) fn history_mut(order: &mut Value) -> Result<&mut Vec<Value>, StoreError> {
    order
        .get_mut("payment_history")
        .and_then(Value::as_array_mut)
        .ok_or_else(|| corrupt("order payment_history is not a list"))
}

pub(super) fn items(order: &Value) -> Result<&Vec<Value>, StoreError> {
    order
        .get("items")
        .and_then(Value::as_array)
        .ok_or_else(|| corrupt("order items is not a list"))
}

pub(super) fn payment_method<'a>(user: &'a Value, id: &str) -> Option<&'a Value> {
    user.get("payment_methods").and_then(|m| m.get(id))
}

pub(super) fn payment_method_mut<'a>(
    user: &'a mut Value,
    id: &str,
) -> Result<&'a mut Value, StoreError> {
    user.get_mut("payment_methods")
        .and_then(|m| m.get_mut(id))
        .ok_or_else(|| {
            StoreError::rule(
                "payment_method_not_found",
                format!("payment method {id} not found"),
            )
        })
}

pub(super) fn is_gift_card_source(method: &Value) -> bool {
    method.get("source").and_then(Value::as_str) == Some("gift_card")
}

pub(super) fn balance(method: &Value) -> Result<f64, StoreError> {
    num(
        method
            .get("balance")
            .ok_or_else(|| corrupt("gift card without balance"))?,
        "gift card balance",
    )
}

/// `balance = round(balance + delta, 2)` on a payment method.
pub(super) fn add_to_balance(method: &mut Value, delta: f64) -> Result<(), StoreError> {
    let new = round2(balance(method)? + delta);
    obj_mut(method, "payment method")?.insert("balance".into(), float(new)?);
    Ok(())
}

pub(super) fn payment_not_found(id: &str) -> StoreError {
    StoreError::rule(
        "payment_method_not_found",
        format!("payment method {id} not found among the user's payment methods"),
    )
}

/// The reference's multiset check: every id must occur in the order at least
/// as often as it occurs in `item_ids`.
pub(super) fn check_items_exist(
    order: &Value,
    item_ids: &[String],
) -> Result<Option<String>, StoreError> {
    let all: Vec<&str> = items(order)?
        .iter()
        .filter_map(|i| i.get("item_id").and_then(Value::as_str))
        .collect();
    for id in item_ids {
        let wanted = item_ids.iter().filter(|x| *x == id).count();
        let have = all.iter().filter(|x| **x == id).count();
        if wanted > have {
            return Ok(Some(id.clone()));
        }
    }
    Ok(None)
}

pub(super) fn first_item_index(order: &Value, item_id: &str) -> Result<usize, StoreError> {
    items(order)?
        .iter()
        .position(|i| i.get("item_id").and_then(Value::as_str) == Some(item_id))
        .ok_or_else(|| corrupt("item vanished"))
}

/// Looks `new_item_id` up among the variants of `product_id`, explaining a
/// miss as not-same-product, unavailable or unknown.
pub(super) fn variant<'a>(
    products: &'a BTreeMap<String, Value>,
    product_id: &str,
    new_item_id: &str,
) -> Result<&'a Value, StoreError> {
    let message = format!("new item {new_item_id} not found or available");
    let found = products
        .get(product_id)
        .and_then(|p| p.get("variants"))
        .and_then(|v| v.get(new_item_id));
    match found {
        Some(v) if v.get("available").and_then(Value::as_bool) == Some(true) => Ok(v),
        Some(_) => Err(StoreError::rule("item_unavailable", message)),
        None => {
            let elsewhere = products
                .values()
                .any(|p| p.get("variants").and_then(|v| v.get(new_item_id)).is_some());
            if elsewhere {
                Err(StoreError::rule("not_same_product", message))
            } else {
                Err(StoreError::not_found("item_not_found", message))
            }
        }
    }
}

/// Sum of `new_price - old_price` over the pairs, as the reference computes it
/// (`None` is the reference's integer 0 when there are no pairs).
pub(super) fn price_difference(
    order: &Value,
    products: &BTreeMap<String, Value>,
    item_ids: &[String],
    new_item_ids: &[String],
) -> Result<Option<f64>, StoreError> {
    let mut diff: Option<f64> = None;
    for (item_id, new_item_id) in item_ids.iter().zip(new_item_ids) {
        let item = &items(order)?[first_item_index(order, item_id)?];
        let product_id = str_field(item, "product_id")?;
        let v = variant(products, product_id, new_item_id)?;
        let old_price = num(item.get("price").unwrap_or(&Value::Null), "item price")?;
        let new_price = num(v.get("price").unwrap_or(&Value::Null), "variant price")?;
        diff = Some(diff.unwrap_or(0.0) + (new_price - old_price));
    }
    Ok(diff)
}

pub(super) fn set(order: &mut Value, key: &str, value: Value) -> Result<(), StoreError> {
    obj_mut(order, "order")?.insert(key.to_owned(), value);
    Ok(())
}

pub(super) fn sorted(ids: &[String]) -> Value {
    let mut v = ids.to_vec();
    v.sort();
    json!(v)
}
