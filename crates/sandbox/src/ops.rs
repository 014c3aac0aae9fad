//! The store operations: names, typed arguments and the pure state changes of
//! the tau-bench retail tools, replicated exactly (checks in the same order,
//! same status strings, same payment-history entries, same float rounding).
//!
//! Functions here mutate in-memory JSON entities; [`crate::Store`] loads them
//! in a transaction and persists them only when the operation succeeds.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

use crate::money::round2;
use crate::StoreError;

/// The reasons a pending order may be cancelled with.
pub const CANCEL_REASONS: [&str; 2] = ["no longer needed", "ordered by mistake"];

/// A store operation, named as the tau-bench retail tool it replicates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operation {
    /// `find_user_id_by_email {email}` (read).
    FindUserIdByEmail,
    /// `find_user_id_by_name_zip {first_name, last_name, zip}` (read).
    FindUserIdByNameZip,
    /// `get_user_details {user_id}` (read).
    GetUserDetails,
    /// `get_order_details {order_id}` (read).
    GetOrderDetails,
    /// `get_product_details {product_id}` (read).
    GetProductDetails,
    /// `list_all_product_types {}` (read).
    ListAllProductTypes,
    /// `cancel_pending_order {order_id, reason}` (write).
    CancelPendingOrder,
    /// `modify_pending_order_address {order_id, address1, address2, city, state, country, zip}` (write).
    ModifyPendingOrderAddress,
    /// `modify_pending_order_payment {order_id, payment_method_id}` (write).
    ModifyPendingOrderPayment,
    /// `modify_pending_order_items {order_id, item_ids, new_item_ids, payment_method_id}` (write).
    ModifyPendingOrderItems,
    /// `return_delivered_order_items {order_id, item_ids, payment_method_id}` (write).
    ReturnDeliveredOrderItems,
    /// `exchange_delivered_order_items {order_id, item_ids, new_item_ids, payment_method_id}` (write).
    ExchangeDeliveredOrderItems,
    /// `modify_user_address {user_id, address1, address2, city, state, country, zip}` (write).
    ModifyUserAddress,
}

impl Operation {
    /// Every operation.
    pub const ALL: [Operation; 13] = [
        Operation::FindUserIdByEmail,
        Operation::FindUserIdByNameZip,
        Operation::GetUserDetails,
        Operation::GetOrderDetails,
        Operation::GetProductDetails,
        Operation::ListAllProductTypes,
        Operation::CancelPendingOrder,
        Operation::ModifyPendingOrderAddress,
        Operation::ModifyPendingOrderPayment,
        Operation::ModifyPendingOrderItems,
        Operation::ReturnDeliveredOrderItems,
        Operation::ExchangeDeliveredOrderItems,
        Operation::ModifyUserAddress,
    ];

    /// The tau-bench tool name.
    pub fn name(self) -> &'static str {
        match self {
            Operation::FindUserIdByEmail => "find_user_id_by_email",
            Operation::FindUserIdByNameZip => "find_user_id_by_name_zip",
            Operation::GetUserDetails => "get_user_details",
            Operation::GetOrderDetails => "get_order_details",
            Operation::GetProductDetails => "get_product_details",
            Operation::ListAllProductTypes => "list_all_product_types",
            Operation::CancelPendingOrder => "cancel_pending_order",
            Operation::ModifyPendingOrderAddress => "modify_pending_order_address",
            Operation::ModifyPendingOrderPayment => "modify_pending_order_payment",
            Operation::ModifyPendingOrderItems => "modify_pending_order_items",
            Operation::ReturnDeliveredOrderItems => "return_delivered_order_items",
            Operation::ExchangeDeliveredOrderItems => "exchange_delivered_order_items",
            Operation::ModifyUserAddress => "modify_user_address",
        }
    }

    /// Looks an operation up by its tool name.
    pub fn from_name(name: &str) -> Option<Operation> {
        Operation::ALL.into_iter().find(|op| op.name() == name)
    }

    /// Whether the operation changes the store.
    pub fn is_write(self) -> bool {
        !matches!(
            self,
            Operation::FindUserIdByEmail
                | Operation::FindUserIdByNameZip
                | Operation::GetUserDetails
                | Operation::GetOrderDetails
                | Operation::GetProductDetails
                | Operation::ListAllProductTypes
        )
    }
}

/// Parses operation arguments, mapping any mismatch to a 400 `invalid_arguments` error.
pub fn parse_args<T: DeserializeOwned>(op: Operation, kwargs: &Value) -> Result<T, StoreError> {
    let kwargs = if kwargs.is_null() {
        Value::Object(Map::new())
    } else {
        kwargs.clone()
    };
    serde_json::from_value(kwargs).map_err(|e| {
        StoreError::bad_request(
            "invalid_arguments",
            format!("invalid arguments for {}: {e}", op.name()),
        )
    })
}

/// Arguments of `find_user_id_by_email`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmailArgs {
    /// The email to look up (case-insensitive).
    pub email: String,
}

/// Arguments of `find_user_id_by_name_zip`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NameZipArgs {
    /// First name (case-insensitive).
    pub first_name: String,
    /// Last name (case-insensitive).
    pub last_name: String,
    /// Zip code (exact).
    pub zip: String,
}

/// Arguments naming a user.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserIdArgs {
    /// The user id, e.g. `noah_brown_6181`.
    pub user_id: String,
}

/// Arguments naming an order.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrderIdArgs {
    /// The order id, e.g. `#W2611340`.
    pub order_id: String,
}

/// Arguments naming a product.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProductIdArgs {
    /// The product id, e.g. `9523456873`.
    pub product_id: String,
}

/// Arguments of operations without arguments.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoArgs {}

/// Arguments of `cancel_pending_order`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CancelArgs {
    /// The order id.
    pub order_id: String,
    /// `no longer needed` or `ordered by mistake`.
    pub reason: String,
}

/// Arguments of `modify_pending_order_address`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrderAddressArgs {
    /// The order id.
    pub order_id: String,
    /// First address line.
    pub address1: String,
    /// Second address line (may be empty).
    pub address2: String,
    /// City.
    pub city: String,
    /// State or province.
    pub state: String,
    /// Country.
    pub country: String,
    /// Zip code.
    pub zip: String,
}

/// Arguments of `modify_user_address`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserAddressArgs {
    /// The user id.
    pub user_id: String,
    /// First address line.
    pub address1: String,
    /// Second address line (may be empty).
    pub address2: String,
    /// City.
    pub city: String,
    /// State or province.
    pub state: String,
    /// Country.
    pub country: String,
    /// Zip code.
    pub zip: String,
}

/// Arguments of `modify_pending_order_payment`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaymentArgs {
    /// The order id.
    pub order_id: String,
    /// The new payment method, one of the user's.
    pub payment_method_id: String,
}

/// Arguments of `modify_pending_order_items` and `exchange_delivered_order_items`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemsArgs {
    /// The order id.
    pub order_id: String,
    /// Item ids in the order to change (duplicates allowed).
    pub item_ids: Vec<String>,
    /// The new item ids, position by position, of the same products.
    pub new_item_ids: Vec<String>,
    /// Payment method that pays or receives the price difference.
    pub payment_method_id: String,
}

/// Arguments of `return_delivered_order_items`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReturnArgs {
    /// The order id.
    pub order_id: String,
    /// Item ids in the order to return (duplicates allowed).
    pub item_ids: Vec<String>,
    /// Refund destination: the original payment method or a gift card.
    pub payment_method_id: String,
}

/// Builds an address object with the reference's key order.
pub fn address(
    address1: &str,
    address2: &str,
    city: &str,
    state: &str,
    country: &str,
    zip: &str,
) -> Value {
    json!({
        "address1": address1,
        "address2": address2,
        "city": city,
        "state": state,
        "country": country,
        "zip": zip,
    })
}

// ---------------------------------------------------------------------------
// JSON accessors

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(what.to_owned())
}

fn obj_mut<'a>(v: &'a mut Value, what: &str) -> Result<&'a mut Map<String, Value>, StoreError> {
    v.as_object_mut().ok_or_else(|| corrupt(what))
}

fn str_field<'a>(v: &'a Value, key: &str) -> Result<&'a str, StoreError> {
    v.get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| corrupt(&format!("missing string field {key:?}")))
}

fn num(v: &Value, what: &str) -> Result<f64, StoreError> {
    v.as_f64()
        .ok_or_else(|| corrupt(&format!("{what} is not a number")))
}

fn float(x: f64) -> Result<Value, StoreError> {
    serde_json::Number::from_f64(x)
        .map(Value::Number)
        .ok_or_else(|| corrupt("non-finite amount"))
}

/// The order's status string.
pub fn status(order: &Value) -> Result<&str, StoreError> {
    str_field(order, "status")
}

fn history_mut(order: &mut Value) -> Result<&mut Vec<Value>, StoreError> {
    order
        .get_mut("payment_history")
        .and_then(Value::as_array_mut)
        .ok_or_else(|| corrupt("order payment_history is not a list"))
}

fn items(order: &Value) -> Result<&Vec<Value>, StoreError> {
    order
        .get("items")
        .and_then(Value::as_array)
        .ok_or_else(|| corrupt("order items is not a list"))
}

fn payment_method<'a>(user: &'a Value, id: &str) -> Option<&'a Value> {
    user.get("payment_methods").and_then(|m| m.get(id))
}

fn payment_method_mut<'a>(user: &'a mut Value, id: &str) -> Result<&'a mut Value, StoreError> {
    user.get_mut("payment_methods")
        .and_then(|m| m.get_mut(id))
        .ok_or_else(|| {
            StoreError::rule(
                "payment_method_not_found",
                format!("payment method {id} not found"),
            )
        })
}

fn is_gift_card_source(method: &Value) -> bool {
    method.get("source").and_then(Value::as_str) == Some("gift_card")
}

fn balance(method: &Value) -> Result<f64, StoreError> {
    num(
        method
            .get("balance")
            .ok_or_else(|| corrupt("gift card without balance"))?,
        "gift card balance",
    )
}

/// `balance = round(balance + delta, 2)` on a payment method.
fn add_to_balance(method: &mut Value, delta: f64) -> Result<(), StoreError> {
    let new = round2(balance(method)? + delta);
    obj_mut(method, "payment method")?.insert("balance".into(), float(new)?);
    Ok(())
}

fn payment_not_found(id: &str) -> StoreError {
    StoreError::rule(
        "payment_method_not_found",
        format!("payment method {id} not found among the user's payment methods"),
    )
}

/// The reference's multiset check: every id must occur in the order at least
/// as often as it occurs in `item_ids`.
fn check_items_exist(order: &Value, item_ids: &[String]) -> Result<Option<String>, StoreError> {
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

fn first_item_index(order: &Value, item_id: &str) -> Result<usize, StoreError> {
    items(order)?
        .iter()
        .position(|i| i.get("item_id").and_then(Value::as_str) == Some(item_id))
        .ok_or_else(|| corrupt("item vanished"))
}

/// Looks `new_item_id` up among the variants of `product_id`, explaining a
/// miss as not-same-product, unavailable or unknown.
fn variant<'a>(
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
fn price_difference(
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

fn set(order: &mut Value, key: &str, value: Value) -> Result<(), StoreError> {
    obj_mut(order, "order")?.insert(key.to_owned(), value);
    Ok(())
}

fn sorted(ids: &[String]) -> Value {
    let mut v = ids.to_vec();
    v.sort();
    json!(v)
}

// ---------------------------------------------------------------------------
// Operations

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
