//! Shared helpers for the sandbox integration tests: fresh stores and fixture
//! discovery in the shipped seed data (fixtures are found by rule, not hard-coded).
#![allow(dead_code)]

use std::sync::OnceLock;

use frontdesk_sandbox::{default_data_dir, Seed, Store, StoreError};
use serde_json::{json, Value};

pub async fn store() -> Store {
    Store::open("sqlite::memory:", &default_data_dir())
        .await
        .expect("open store")
}

pub fn seed() -> &'static Seed {
    static SEED: OnceLock<Seed> = OnceLock::new();
    SEED.get_or_init(|| Seed::load(&default_data_dir()).expect("seed"))
}

pub fn user(id: &str) -> &'static Value {
    &seed().users.iter().find(|(k, _)| k == id).expect("user").1
}

pub fn order(id: &str) -> &'static Value {
    &seed()
        .orders
        .iter()
        .find(|(k, _)| k == id)
        .expect("order")
        .1
}

pub fn product(id: &str) -> &'static Value {
    &seed()
        .products
        .iter()
        .find(|(k, _)| k == id)
        .expect("product")
        .1
}

pub fn orders_with_status(status: &str) -> impl Iterator<Item = &'static (String, Value)> + '_ {
    seed()
        .orders
        .iter()
        .filter(move |(_, o)| o["status"] == status)
}

pub fn first_payment_method(order: &Value) -> String {
    order["payment_history"][0]["payment_method_id"]
        .as_str()
        .unwrap()
        .to_owned()
}

pub fn balance(user: &Value, pm: &str) -> f64 {
    user["payment_methods"][pm]["balance"].as_f64().unwrap()
}

/// Python `round(x, 2)` reference for expectations, written independently of
/// the crate's implementation (decimal string rounding half-even on the exact value).
pub fn py_round2(x: f64) -> f64 {
    format!("{x:.2}").parse().unwrap()
}

pub fn address(tag: &str) -> Value {
    json!({
        "address1": format!("{tag} Test Street"),
        "address2": "Suite 1",
        "city": "Springfield",
        "state": "IL",
        "country": "USA",
        "zip": "62704",
    })
}

pub fn with(mut base: Value, extra: Value) -> Value {
    for (k, v) in extra.as_object().unwrap() {
        base[k] = v.clone();
    }
    base
}

#[track_caller]
pub fn assert_err(r: Result<Value, StoreError>, status: u16, code: &str) {
    match r {
        Ok(v) => panic!("expected {status} {code}, got Ok({v})"),
        Err(e) => {
            assert_eq!((e.status(), e.code()), (status, code), "error was: {e}");
        }
    }
}

/// A pending (or `status`) order with an item whose product has another
/// variant matching `want_available`, returning (order_id, item_id, new_item_id).
pub fn item_swap(status: &str, want_available: bool) -> (String, String, String) {
    for (oid, o) in orders_with_status(status) {
        for item in o["items"].as_array().unwrap() {
            let p = product(item["product_id"].as_str().unwrap());
            for (vid, v) in p["variants"].as_object().unwrap() {
                if vid != item["item_id"].as_str().unwrap()
                    && v["available"].as_bool() == Some(want_available)
                {
                    return (
                        oid.clone(),
                        item["item_id"].as_str().unwrap().to_owned(),
                        vid.clone(),
                    );
                }
            }
        }
    }
    panic!("no fixture for {status} / available={want_available}")
}
