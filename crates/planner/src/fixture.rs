//! A small hand-made store for unit tests: one customer with two pending and two delivered
//! orders, the products of their items, and a [`ToolRunner`] that serves them.

use std::collections::BTreeMap;
use std::sync::Arc;

use async_trait::async_trait;
use serde_json::{json, Value};

use crate::customer::{s, Customer};
use crate::{ToolFailure, ToolRunner};

/// Ana Lima's user record: PayPal, a Visa card and a gift card with $50.
pub fn user() -> Value {
    json!({
        "name": {"first_name": "Ana", "last_name": "Lima"},
        "email": "ana.lima@example.com",
        "address": {"address1": "1 Oak Street", "address2": "Apt 2", "city": "Denver",
                    "country": "USA", "state": "CO", "zip": "80202"},
        "payment_methods": {
            "paypal_1": {"source": "paypal", "id": "paypal_1"},
            "credit_card_2": {"source": "credit_card", "brand": "visa", "last_four": "1111", "id": "credit_card_2"},
            "gift_card_3": {"source": "gift_card", "balance": 50.0, "id": "gift_card_3"}
        },
        "orders": ["#W1000001", "#W1000002", "#W1000003", "#W1000066"]
    })
}

fn item(name: &str, product: &str, id: &str, price: f64, options: Value) -> Value {
    json!({"name": name, "product_id": product, "item_id": id, "price": price, "options": options})
}

fn order(id: &str, status: &str, items: Vec<Value>, method: &str, zip: &str) -> Value {
    let total: f64 = items
        .iter()
        .map(|i| i["price"].as_f64().unwrap_or(0.0))
        .sum();
    json!({
        "order_id": id, "user_id": "ana_lima_1", "status": status, "items": items,
        "address": {"address1": "9 Elm Road", "address2": "", "city": "Austin", "country": "USA",
                    "state": "TX", "zip": zip},
        "fulfillments": if status == "delivered" { json!([{"tracking_id": ["111222333"], "item_ids": []}]) } else { json!([]) },
        "payment_history": [{"transaction_type": "payment", "amount": total, "payment_method_id": method}]
    })
}

/// The orders: #W1000001 pending (mouse, lamp), #W1000002 delivered (mouse, t-shirt),
/// #W1000003 delivered (water bottle, gift card), #W1000066 pending (t-shirt).
pub fn orders() -> BTreeMap<String, Value> {
    let mouse = |id: &str, color: &str, sensor: &str, price: f64| {
        item(
            "Gaming Mouse",
            "p_mouse",
            id,
            price,
            json!({"color": color, "sensor type": sensor, "connectivity": "wired"}),
        )
    };
    let shirt = |id: &str, color: &str, size: &str, price: f64| {
        item(
            "T-Shirt",
            "p_shirt",
            id,
            price,
            json!({"color": color, "size": size}),
        )
    };
    let lamp = item(
        "Desk Lamp",
        "p_lamp",
        "lamp_white_high",
        40.0,
        json!({"color": "white", "brightness": "high"}),
    );
    let bottle = item(
        "Water Bottle",
        "p_bottle",
        "bottle_500",
        30.0,
        json!({"capacity": "500ml"}),
    );
    [
        order(
            "#W1000001",
            "pending",
            vec![mouse("mouse_black_laser", "black", "laser", 15.0), lamp],
            "paypal_1",
            "73301",
        ),
        order(
            "#W1000002",
            "delivered",
            vec![
                mouse("mouse_white_optical", "white", "optical", 10.0),
                shirt("shirt_blue_m", "blue", "M", 20.0),
            ],
            "credit_card_2",
            "73301",
        ),
        order(
            "#W1000003",
            "delivered",
            vec![bottle],
            "gift_card_3",
            "73302",
        ),
        order(
            "#W1000066",
            "pending",
            vec![shirt("shirt_red_l", "red", "L", 22.0)],
            "paypal_1",
            "73301",
        ),
    ]
    .into_iter()
    .map(|o| (s(&o, "order_id").to_owned(), o))
    .collect()
}

fn variant(id: &str, price: f64, available: bool, options: Value) -> (String, Value) {
    (
        id.to_owned(),
        json!({"item_id": id, "price": price, "available": available, "options": options}),
    )
}

/// The products of the items, with their variants.
pub fn products() -> BTreeMap<String, Value> {
    let mouse: BTreeMap<String, Value> = [
        ("mouse_black_laser", "black", "laser", "wired", 15.0, true),
        (
            "mouse_white_optical",
            "white",
            "optical",
            "wired",
            10.0,
            true,
        ),
        (
            "mouse_white_optical_wl",
            "white",
            "optical",
            "wireless",
            20.0,
            true,
        ),
        (
            "mouse_black_laser_wl",
            "black",
            "laser",
            "wireless",
            25.0,
            true,
        ),
        ("mouse_white_laser", "white", "laser", "wired", 14.0, false),
    ]
    .into_iter()
    .map(|(id, c, s, w, p, a)| {
        variant(
            id,
            p,
            a,
            json!({"color": c, "sensor type": s, "connectivity": w}),
        )
    })
    .collect();
    let shirt: BTreeMap<String, Value> = [
        ("shirt_blue_m", "blue", "M", 20.0),
        ("shirt_blue_l", "blue", "L", 21.0),
        ("shirt_red_l", "red", "L", 22.0),
        ("shirt_red_m", "red", "M", 19.0),
    ]
    .into_iter()
    .map(|(id, c, sz, p)| variant(id, p, true, json!({"color": c, "size": sz})))
    .collect();
    let lamp: BTreeMap<String, Value> = [
        ("lamp_white_high", "white", "high", 40.0),
        ("lamp_white_low", "white", "low", 30.0),
        ("lamp_black_low", "black", "low", 32.0),
    ]
    .into_iter()
    .map(|(id, c, b, p)| variant(id, p, true, json!({"color": c, "brightness": b})))
    .collect();
    let bottle: BTreeMap<String, Value> = [
        ("bottle_500", "500ml", 30.0),
        ("bottle_1000", "1000ml", 35.0),
    ]
    .into_iter()
    .map(|(id, c, p)| variant(id, p, true, json!({"capacity": c})))
    .collect();
    [
        ("p_mouse", "Gaming Mouse", mouse),
        ("p_shirt", "T-Shirt", shirt),
        ("p_lamp", "Desk Lamp", lamp),
        ("p_bottle", "Water Bottle", bottle),
    ]
    .into_iter()
    .map(|(id, name, variants)| {
        (
            id.to_owned(),
            json!({"product_id": id, "name": name, "variants": variants}),
        )
    })
    .collect()
}

/// Each value behind an [`Arc`], as [`Customer`] holds what the store answered.
fn shared(map: BTreeMap<String, Value>) -> BTreeMap<String, Arc<Value>> {
    map.into_iter().map(|(k, v)| (k, Arc::new(v))).collect()
}

/// Ana Lima as the planner loads her.
pub fn customer() -> Customer {
    Customer {
        user_id: "ana_lima_1".to_owned(),
        user: Arc::new(user()),
        orders: shared(orders()),
        products: shared(products()),
    }
}

/// Serves the fixture's reads (and refuses everything else) as the store would.
pub struct FixtureStore;

#[async_trait]
impl ToolRunner for FixtureStore {
    async fn call(&self, tool: &str, args: Value) -> Result<Value, ToolFailure> {
        let refused = || ToolFailure::Refused {
            tool: tool.to_owned(),
            code: "not_found".to_owned(),
            message: "not found".to_owned(),
        };
        match tool {
            "find_user_id_by_email" if s(&args, "email") == "ana.lima@example.com" => {
                Ok(json!("ana_lima_1"))
            }
            "find_user_id_by_name_zip"
                if s(&args, "first_name") == "Ana"
                    && s(&args, "last_name") == "Lima"
                    && s(&args, "zip") == "80202" =>
            {
                Ok(json!("ana_lima_1"))
            }
            "get_user_details" if s(&args, "user_id") == "ana_lima_1" => Ok(user()),
            "get_order_details" => orders().remove(s(&args, "order_id")).ok_or_else(refused),
            "get_product_details" => products()
                .remove(s(&args, "product_id"))
                .ok_or_else(refused),
            _ => Err(refused()),
        }
    }
}
