//! Contract tests for every store operation: effects and every rule / error.

mod common;

use common::*;
use frontdesk_sandbox::Operation;
use serde_json::{json, Value};

// ---------------------------------------------------------------- reads

#[tokio::test]
async fn find_user_by_email_is_case_insensitive() {
    let s = store().await;
    let (uid, u) = &seed().users[17];
    let email = u["email"].as_str().unwrap().to_uppercase();
    let got = s
        .apply("find_user_id_by_email", &json!({"email": email}), None)
        .await
        .unwrap();
    assert_eq!(got, json!(uid));
    let r = s
        .apply(
            "find_user_id_by_email",
            &json!({"email": "nobody@example.invalid"}),
            None,
        )
        .await;
    assert_err(r, 404, "user_not_found");
}

#[tokio::test]
async fn find_user_by_name_zip() {
    let s = store().await;
    let (uid, u) = &seed().users[42];
    let args = json!({
        "first_name": u["name"]["first_name"].as_str().unwrap().to_lowercase(),
        "last_name": u["name"]["last_name"],
        "zip": u["address"]["zip"],
    });
    let got = s
        .apply("find_user_id_by_name_zip", &args, None)
        .await
        .unwrap();
    assert_eq!(got, json!(uid));
    let wrong_zip = with(args, json!({"zip": "00000"}));
    assert_err(
        s.apply("find_user_id_by_name_zip", &wrong_zip, None).await,
        404,
        "user_not_found",
    );
}

#[tokio::test]
async fn detail_reads() {
    let s = store().await;
    let (uid, u) = &seed().users[3];
    let got = s
        .apply("get_user_details", &json!({"user_id": uid}), None)
        .await
        .unwrap();
    assert_eq!(got["user_id"], json!(uid));
    assert_eq!(got["payment_methods"], u["payment_methods"]);
    assert_err(
        s.apply("get_user_details", &json!({"user_id": "nope_1"}), None)
            .await,
        404,
        "user_not_found",
    );

    let (oid, o) = &seed().orders[5];
    let got = s
        .apply("get_order_details", &json!({"order_id": oid}), None)
        .await
        .unwrap();
    assert_eq!(&got, o);
    // tau-bench is exact about the leading '#'.
    let bare = oid.trim_start_matches('#');
    assert_err(
        s.apply("get_order_details", &json!({"order_id": bare}), None)
            .await,
        404,
        "order_not_found",
    );

    let (pid, p) = &seed().products[9];
    let got = s
        .apply("get_product_details", &json!({"product_id": pid}), None)
        .await
        .unwrap();
    assert_eq!(&got, p);
    assert_err(
        s.apply("get_product_details", &json!({"product_id": "0"}), None)
            .await,
        404,
        "product_not_found",
    );
}

#[tokio::test]
async fn list_all_product_types_is_sorted_name_to_id() {
    let s = store().await;
    let got = s
        .apply("list_all_product_types", &json!({}), None)
        .await
        .unwrap();
    let map = got.as_object().unwrap();
    assert_eq!(map.len(), seed().products.len());
    for (_, p) in &seed().products {
        assert_eq!(map[p["name"].as_str().unwrap()], p["product_id"]);
    }
    let names: Vec<&String> = map.keys().collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
}

#[tokio::test]
async fn malformed_calls_are_bad_requests() {
    let s = store().await;
    assert_err(
        s.apply("drop_tables", &json!({}), None).await,
        400,
        "unknown_operation",
    );
    assert_err(
        s.apply(
            "cancel_pending_order",
            &json!({"order_id": "#W1"}),
            Some("k"),
        )
        .await,
        400,
        "invalid_arguments",
    );
    assert_err(
        s.apply(
            "cancel_pending_order",
            &json!({"order_id": "#W1", "reason": "no longer needed", "force": true}),
            Some("k"),
        )
        .await,
        400,
        "invalid_arguments",
    );
    assert_err(
        s.apply("modify_pending_order_items", &json!({"order_id": "#W1", "item_ids": "x", "new_item_ids": [], "payment_method_id": "p"}), None).await,
        400,
        "invalid_arguments",
    );
    // A refused malformed write leaves no ledger entry and does not burn the key.
    assert!(s.ledger().await.unwrap().is_empty());
}

#[test]
fn operation_names_round_trip() {
    for op in Operation::ALL {
        assert_eq!(Operation::from_name(op.name()), Some(op));
    }
    assert_eq!(Operation::ALL.iter().filter(|o| o.is_write()).count(), 7);
}

// ---------------------------------------------------------------- cancel

#[tokio::test]
async fn cancel_refunds_gift_card_immediately() {
    let s = store().await;
    let (oid, o) = orders_with_status("pending")
        .find(|(_, o)| first_payment_method(o).contains("gift_card"))
        .unwrap();
    let uid = o["user_id"].as_str().unwrap();
    let pm = first_payment_method(o);
    let amount = o["payment_history"][0]["amount"].as_f64().unwrap();
    let before = balance(user(uid), &pm);

    let got = s
        .apply(
            "cancel_pending_order",
            &json!({"order_id": oid, "reason": "ordered by mistake"}),
            None,
        )
        .await
        .unwrap();
    assert_eq!(got["status"], "cancelled");
    assert_eq!(got["cancel_reason"], "ordered by mistake");
    let hist = got["payment_history"].as_array().unwrap();
    assert_eq!(hist.len(), 2);
    assert_eq!(
        hist[1],
        json!({"transaction_type": "refund", "amount": o["payment_history"][0]["amount"], "payment_method_id": pm})
    );
    let u = s
        .apply("get_user_details", &json!({"user_id": uid}), None)
        .await
        .unwrap();
    assert_eq!(balance(&u, &pm), py_round2(before + amount));
    // The stored order matches what the write returned.
    let stored = s
        .apply("get_order_details", &json!({"order_id": oid}), None)
        .await
        .unwrap();
    assert_eq!(stored, got);
}

#[tokio::test]
async fn cancel_with_card_leaves_balances_alone() {
    let s = store().await;
    let (oid, o) = orders_with_status("pending")
        .find(|(_, o)| !first_payment_method(o).contains("gift_card"))
        .unwrap();
    let uid = o["user_id"].as_str().unwrap();
    s.apply(
        "cancel_pending_order",
        &json!({"order_id": oid, "reason": "no longer needed"}),
        None,
    )
    .await
    .unwrap();
    let u = s
        .apply("get_user_details", &json!({"user_id": uid}), None)
        .await
        .unwrap();
    assert_eq!(u["payment_methods"], user(uid)["payment_methods"]);
}

#[tokio::test]
async fn cancel_rules() {
    let s = store().await;
    let seed_digest = s.digest().await.unwrap();
    let (pending, _) = orders_with_status("pending").next().unwrap();
    for status in ["processed", "delivered", "cancelled"] {
        let (oid, _) = orders_with_status(status).next().unwrap();
        assert_err(
            s.apply(
                "cancel_pending_order",
                &json!({"order_id": oid, "reason": "no longer needed"}),
                None,
            )
            .await,
            422,
            "order_not_pending",
        );
    }
    assert_err(
        s.apply(
            "cancel_pending_order",
            &json!({"order_id": pending, "reason": "too expensive"}),
            None,
        )
        .await,
        422,
        "invalid_reason",
    );
    assert_err(
        s.apply(
            "cancel_pending_order",
            &json!({"order_id": "#W0000000", "reason": "no longer needed"}),
            None,
        )
        .await,
        404,
        "order_not_found",
    );
    assert_eq!(
        s.digest().await.unwrap(),
        seed_digest,
        "failed writes changed the store"
    );
    // Failed writes are still in the ledger, marked not ok.
    let ledger = s.ledger().await.unwrap();
    assert_eq!(ledger.len(), 5);
    assert!(ledger.iter().all(|e| !e.ok));
}

// ---------------------------------------------------------------- modify address

#[tokio::test]
async fn modify_pending_order_address() {
    let s = store().await;
    let (oid, _) = orders_with_status("pending").nth(3).unwrap();
    let args = with(address("12"), json!({"order_id": oid}));
    let got = s
        .apply("modify_pending_order_address", &args, None)
        .await
        .unwrap();
    assert_eq!(got["address"], address("12"));
    assert_eq!(got["status"], "pending");
    let (processed, _) = orders_with_status("processed").next().unwrap();
    assert_err(
        s.apply(
            "modify_pending_order_address",
            &with(address("1"), json!({"order_id": processed})),
            None,
        )
        .await,
        422,
        "order_not_pending",
    );
    assert_err(
        s.apply(
            "modify_pending_order_address",
            &with(address("1"), json!({"order_id": "#W0"})),
            None,
        )
        .await,
        404,
        "order_not_found",
    );
}

// ---------------------------------------------------------------- modify payment

#[tokio::test]
async fn modify_payment_to_card_refunds_gift_card() {
    let s = store().await;
    let (oid, o, new_pm) = orders_with_status("pending")
        .find_map(|(oid, o)| {
            let old = first_payment_method(o);
            if !old.contains("gift_card") {
                return None;
            }
            let u = user(o["user_id"].as_str().unwrap());
            u["payment_methods"]
                .as_object()
                .unwrap()
                .iter()
                .find(|(_, m)| m["source"] != "gift_card")
                .map(|(k, _)| (oid, o, k.clone()))
        })
        .unwrap();
    let uid = o["user_id"].as_str().unwrap();
    let old = first_payment_method(o);
    let amount = &o["payment_history"][0]["amount"];
    let got = s
        .apply(
            "modify_pending_order_payment",
            &json!({"order_id": oid, "payment_method_id": new_pm}),
            None,
        )
        .await
        .unwrap();
    assert_eq!(got["status"], "pending");
    let hist = got["payment_history"].as_array().unwrap();
    assert_eq!(hist.len(), 3);
    assert_eq!(
        hist[1],
        json!({"transaction_type": "payment", "amount": amount, "payment_method_id": new_pm})
    );
    assert_eq!(
        hist[2],
        json!({"transaction_type": "refund", "amount": amount, "payment_method_id": old})
    );
    let u = s
        .apply("get_user_details", &json!({"user_id": uid}), None)
        .await
        .unwrap();
    assert_eq!(
        balance(&u, &old),
        py_round2(balance(user(uid), &old) + amount.as_f64().unwrap())
    );
    // Now the history has two more entries: a second change is refused.
    let r = s
        .apply(
            "modify_pending_order_payment",
            &json!({"order_id": oid, "payment_method_id": old}),
            None,
        )
        .await;
    assert_err(r, 422, "not_single_payment");
}

#[tokio::test]
async fn modify_payment_rules() {
    let s = store().await;
    let (oid, o) = orders_with_status("pending").next().unwrap();
    let current = first_payment_method(o);
    assert_err(
        s.apply(
            "modify_pending_order_payment",
            &json!({"order_id": oid, "payment_method_id": current}),
            None,
        )
        .await,
        422,
        "same_payment_method",
    );
    assert_err(
        s.apply(
            "modify_pending_order_payment",
            &json!({"order_id": oid, "payment_method_id": "credit_card_0000000"}),
            None,
        )
        .await,
        422,
        "payment_method_not_found",
    );
    let (delivered, d) = orders_with_status("delivered").next().unwrap();
    assert_err(
        s.apply(
            "modify_pending_order_payment",
            &json!({"order_id": delivered, "payment_method_id": first_payment_method(d)}),
            None,
        )
        .await,
        422,
        "order_not_pending",
    );
}

#[tokio::test]
async fn modify_payment_gift_card_balance() {
    // Find a pending order whose user owns a gift card (other than the current
    // method) that cannot cover the total, and one that can.
    let mut short = None;
    let mut enough = None;
    for (oid, o) in orders_with_status("pending") {
        let current = first_payment_method(o);
        let amount = o["payment_history"][0]["amount"].as_f64().unwrap();
        let u = user(o["user_id"].as_str().unwrap());
        for (pm, m) in u["payment_methods"].as_object().unwrap() {
            if m["source"] == "gift_card" && *pm != current {
                let b = m["balance"].as_f64().unwrap();
                if b < amount && short.is_none() {
                    short = Some((oid.clone(), pm.clone()));
                } else if b >= amount && enough.is_none() {
                    enough = Some((oid.clone(), pm.clone(), b, amount, o["user_id"].clone()));
                }
            }
        }
    }
    let s = store().await;
    let (oid, pm) = short.unwrap();
    assert_err(
        s.apply(
            "modify_pending_order_payment",
            &json!({"order_id": oid, "payment_method_id": pm}),
            None,
        )
        .await,
        422,
        "insufficient_gift_card_balance",
    );
    let (oid, pm, b, amount, uid) = enough.unwrap();
    s.apply(
        "modify_pending_order_payment",
        &json!({"order_id": oid, "payment_method_id": pm}),
        None,
    )
    .await
    .unwrap();
    let u = s
        .apply("get_user_details", &json!({"user_id": uid}), None)
        .await
        .unwrap();
    assert_eq!(balance(&u, &pm), py_round2(b - amount));
}

// ---------------------------------------------------------------- modify items

#[tokio::test]
async fn modify_items_swaps_variant_and_records_difference() {
    let s = store().await;
    let (oid, item_id, new_id) = item_swap("pending", true);
    let o = order(&oid);
    let pm = first_payment_method(o);
    let old_item = o["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["item_id"] == item_id)
        .unwrap();
    let variant = &product(old_item["product_id"].as_str().unwrap())["variants"][&new_id];
    let diff = variant["price"].as_f64().unwrap() - old_item["price"].as_f64().unwrap();
    let got = s
        .apply(
            "modify_pending_order_items",
            &json!({"order_id": oid, "item_ids": [item_id], "new_item_ids": [new_id], "payment_method_id": pm}),
            None,
        )
        .await;
    let got = match got {
        Ok(v) => v,
        // A gift card that cannot cover the difference is a legitimate refusal.
        Err(e) => {
            assert_eq!(e.code(), "insufficient_gift_card_balance");
            return;
        }
    };
    assert_eq!(got["status"], "pending (item modified)");
    let new_item = got["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["item_id"] == new_id)
        .unwrap();
    assert_eq!(new_item["price"], variant["price"]);
    assert_eq!(new_item["options"], variant["options"]);
    assert_eq!(new_item["product_id"], old_item["product_id"]);
    let last = got["payment_history"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(
        last["transaction_type"],
        if diff > 0.0 { "payment" } else { "refund" }
    );
    assert_eq!(last["amount"].as_f64().unwrap(), diff.abs());
    assert_eq!(last["payment_method_id"], json!(pm));
    // Modify can be called once: the order is no longer `pending`.
    assert_err(
        s.apply(
            "modify_pending_order_items",
            &json!({"order_id": oid, "item_ids": [new_id], "new_item_ids": [item_id], "payment_method_id": pm}),
            None,
        )
        .await,
        422,
        "order_not_pending",
    );
    assert_err(
        s.apply(
            "cancel_pending_order",
            &json!({"order_id": oid, "reason": "no longer needed"}),
            None,
        )
        .await,
        422,
        "order_not_pending",
    );
}

#[tokio::test]
async fn modify_items_with_gift_card_moves_balance() {
    // A pending order with a swap, paid with a user gift card that covers the difference.
    let s = store().await;
    for (oid, o) in orders_with_status("pending") {
        let u = user(o["user_id"].as_str().unwrap());
        let Some((pm, m)) = u["payment_methods"]
            .as_object()
            .unwrap()
            .iter()
            .find(|(_, m)| m["source"] == "gift_card")
        else {
            continue;
        };
        for item in o["items"].as_array().unwrap() {
            let p = product(item["product_id"].as_str().unwrap());
            for (vid, v) in p["variants"].as_object().unwrap() {
                let diff = v["price"].as_f64().unwrap() - item["price"].as_f64().unwrap();
                if v["available"] == true
                    && *vid != item["item_id"]
                    && diff > 0.0
                    && m["balance"].as_f64().unwrap() >= diff
                {
                    let got = s
                        .apply(
                            "modify_pending_order_items",
                            &json!({"order_id": oid, "item_ids": [item["item_id"]], "new_item_ids": [vid], "payment_method_id": pm}),
                            None,
                        )
                        .await
                        .unwrap();
                    let last = got["payment_history"]
                        .as_array()
                        .unwrap()
                        .last()
                        .unwrap()
                        .clone();
                    assert_eq!(last["transaction_type"], "payment");
                    let u2 = s
                        .apply("get_user_details", &json!({"user_id": o["user_id"]}), None)
                        .await
                        .unwrap();
                    assert_eq!(
                        balance(&u2, pm),
                        py_round2(m["balance"].as_f64().unwrap() - diff)
                    );
                    return;
                }
            }
        }
    }
    panic!("no fixture");
}

#[tokio::test]
async fn modify_items_rules() {
    let s = store().await;
    let seed_digest = s.digest().await.unwrap();
    let (oid, item_id, new_id) = item_swap("pending", true);
    let pm = first_payment_method(order(&oid));
    let call = |items: Value, new_items: Value, pm: &str| json!({"order_id": oid, "item_ids": items, "new_item_ids": new_items, "payment_method_id": pm});
    // Item not in the order (also: more copies than the order holds).
    assert_err(
        s.apply(
            "modify_pending_order_items",
            &call(json!(["0000000000"]), json!([new_id]), &pm),
            None,
        )
        .await,
        404,
        "item_not_found",
    );
    let n = order(&oid)["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["item_id"] == item_id)
        .count();
    let too_many: Vec<&str> = vec![&item_id; n + 1];
    assert_err(
        s.apply(
            "modify_pending_order_items",
            &call(json!(too_many), json!(vec![&new_id; n + 1]), &pm),
            None,
        )
        .await,
        404,
        "item_not_found",
    );
    assert_err(
        s.apply(
            "modify_pending_order_items",
            &call(json!([item_id]), json!([]), &pm),
            None,
        )
        .await,
        422,
        "item_count_mismatch",
    );
    // An item of another product.
    let item_product = order(&oid)["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["item_id"] == item_id)
        .unwrap()["product_id"]
        .clone();
    let other = seed()
        .products
        .iter()
        .find(|(pid, _)| json!(pid) != item_product)
        .map(|(_, p)| {
            p["variants"]
                .as_object()
                .unwrap()
                .keys()
                .next()
                .unwrap()
                .clone()
        })
        .unwrap();
    assert_err(
        s.apply(
            "modify_pending_order_items",
            &call(json!([item_id]), json!([other]), &pm),
            None,
        )
        .await,
        422,
        "not_same_product",
    );
    assert_err(
        s.apply(
            "modify_pending_order_items",
            &call(json!([item_id]), json!(["1"]), &pm),
            None,
        )
        .await,
        404,
        "item_not_found",
    );
    assert_err(
        s.apply(
            "modify_pending_order_items",
            &call(json!([item_id]), json!([new_id]), "paypal_0"),
            None,
        )
        .await,
        422,
        "payment_method_not_found",
    );
    // Unavailable variant.
    let (oid2, item2, unavailable) = item_swap("pending", false);
    let pm2 = first_payment_method(order(&oid2));
    assert_err(
        s.apply(
            "modify_pending_order_items",
            &json!({"order_id": oid2, "item_ids": [item2], "new_item_ids": [unavailable], "payment_method_id": pm2}),
            None,
        )
        .await,
        422,
        "item_unavailable",
    );
    let (delivered, ..) = item_swap("delivered", true);
    assert_err(
        s.apply("modify_pending_order_items", &json!({"order_id": delivered, "item_ids": [], "new_item_ids": [], "payment_method_id": "x"}), None).await,
        422,
        "order_not_pending",
    );
    assert_eq!(s.digest().await.unwrap(), seed_digest);
}

// ---------------------------------------------------------------- return

#[tokio::test]
async fn return_delivered_items() {
    let s = store().await;
    let (oid, o) = orders_with_status("delivered")
        .find(|(_, o)| o["items"].as_array().unwrap().len() >= 2)
        .unwrap();
    let ids: Vec<String> = o["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["item_id"].as_str().unwrap().to_owned())
        .collect();
    let mut asked = vec![ids[1].clone(), ids[0].clone()];
    let pm = first_payment_method(o);
    let got = s
        .apply(
            "return_delivered_order_items",
            &json!({"order_id": oid, "item_ids": asked, "payment_method_id": pm}),
            None,
        )
        .await
        .unwrap();
    asked.sort();
    assert_eq!(got["status"], "return requested");
    assert_eq!(got["return_items"], json!(asked));
    assert_eq!(got["return_payment_method_id"], json!(pm));
    assert_eq!(
        got["payment_history"], o["payment_history"],
        "returns do not touch payments"
    );
    // Return / exchange only once.
    assert_err(
        s.apply(
            "return_delivered_order_items",
            &json!({"order_id": oid, "item_ids": [ids[0]], "payment_method_id": pm}),
            None,
        )
        .await,
        422,
        "order_not_delivered",
    );
}

#[tokio::test]
async fn return_rules() {
    let s = store().await;
    // A user with a non-gift method that is not the order's original method.
    let (oid, o, other) = orders_with_status("delivered")
        .find_map(|(oid, o)| {
            let orig = first_payment_method(o);
            user(o["user_id"].as_str().unwrap())["payment_methods"]
                .as_object()
                .unwrap()
                .iter()
                .find(|(k, m)| m["source"] != "gift_card" && **k != orig)
                .map(|(k, _)| (oid, o, k.clone()))
        })
        .unwrap();
    let item = o["items"][0]["item_id"].clone();
    assert_err(
        s.apply(
            "return_delivered_order_items",
            &json!({"order_id": oid, "item_ids": [item], "payment_method_id": other}),
            None,
        )
        .await,
        422,
        "refund_method_not_allowed",
    );
    assert_err(
        s.apply(
            "return_delivered_order_items",
            &json!({"order_id": oid, "item_ids": [item], "payment_method_id": "gift_card_0"}),
            None,
        )
        .await,
        422,
        "payment_method_not_found",
    );
    let pm = first_payment_method(o);
    assert_err(
        s.apply(
            "return_delivered_order_items",
            &json!({"order_id": oid, "item_ids": ["123"], "payment_method_id": pm}),
            None,
        )
        .await,
        404,
        "item_not_found",
    );
    let (pending, p) = orders_with_status("pending").next().unwrap();
    assert_err(
        s.apply("return_delivered_order_items", &json!({"order_id": pending, "item_ids": [p["items"][0]["item_id"]], "payment_method_id": first_payment_method(p)}), None).await,
        422,
        "order_not_delivered",
    );
}

// ---------------------------------------------------------------- exchange

#[tokio::test]
async fn exchange_delivered_items() {
    let s = store().await;
    let (oid, item_id, new_id) = item_swap("delivered", true);
    let o = order(&oid);
    let pm = first_payment_method(o);
    let old_item = o["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["item_id"] == item_id)
        .unwrap();
    let new_price = product(old_item["product_id"].as_str().unwrap())["variants"][&new_id]["price"]
        .as_f64()
        .unwrap();
    let r = s
        .apply(
            "exchange_delivered_order_items",
            &json!({"order_id": oid, "item_ids": [item_id], "new_item_ids": [new_id], "payment_method_id": pm}),
            None,
        )
        .await;
    let got = match r {
        Ok(v) => v,
        Err(e) => {
            assert_eq!(e.code(), "insufficient_gift_card_balance");
            return;
        }
    };
    assert_eq!(got["status"], "exchange requested");
    assert_eq!(got["exchange_items"], json!([item_id]));
    assert_eq!(got["exchange_new_items"], json!([new_id]));
    assert_eq!(got["exchange_payment_method_id"], json!(pm));
    assert_eq!(
        got["exchange_price_difference"].as_f64().unwrap(),
        py_round2(new_price - old_item["price"].as_f64().unwrap())
    );
    assert_eq!(
        got["items"], o["items"],
        "exchange keeps the delivered items"
    );
    assert_eq!(got["payment_history"], o["payment_history"]);
    assert_err(
        s.apply(
            "exchange_delivered_order_items",
            &json!({"order_id": oid, "item_ids": [item_id], "new_item_ids": [new_id], "payment_method_id": pm}),
            None,
        )
        .await,
        422,
        "order_not_delivered",
    );
}

#[tokio::test]
async fn exchange_rules() {
    let s = store().await;
    let (oid, item_id, new_id) = item_swap("delivered", true);
    let pm = first_payment_method(order(&oid));
    let call = |items: Value, new_items: Value, pm: &str| json!({"order_id": oid, "item_ids": items, "new_item_ids": new_items, "payment_method_id": pm});
    assert_err(
        s.apply(
            "exchange_delivered_order_items",
            &call(json!(["9"]), json!([new_id]), &pm),
            None,
        )
        .await,
        404,
        "item_not_found",
    );
    assert_err(
        s.apply(
            "exchange_delivered_order_items",
            &call(json!([item_id]), json!([new_id, new_id]), &pm),
            None,
        )
        .await,
        422,
        "item_count_mismatch",
    );
    assert_err(
        s.apply(
            "exchange_delivered_order_items",
            &call(json!([item_id]), json!([new_id]), "gift_card_0"),
            None,
        )
        .await,
        422,
        "payment_method_not_found",
    );
    let (oid2, item2, unavailable) = item_swap("delivered", false);
    assert_err(
        s.apply(
            "exchange_delivered_order_items",
            &json!({"order_id": oid2, "item_ids": [item2], "new_item_ids": [unavailable], "payment_method_id": first_payment_method(order(&oid2))}),
            None,
        )
        .await,
        422,
        "item_unavailable",
    );
    let (pending, p) = orders_with_status("pending").next().unwrap();
    assert_err(
        s.apply("exchange_delivered_order_items", &json!({"order_id": pending, "item_ids": [], "new_item_ids": [], "payment_method_id": first_payment_method(p)}), None).await,
        422,
        "order_not_delivered",
    );
}

#[tokio::test]
async fn exchange_gift_card_must_cover_difference() {
    // Search for a delivered order, a positive-difference swap, and a user gift
    // card whose balance is below the difference.
    for (oid, o) in orders_with_status("delivered") {
        let u = user(o["user_id"].as_str().unwrap());
        for item in o["items"].as_array().unwrap() {
            let p = product(item["product_id"].as_str().unwrap());
            for (vid, v) in p["variants"].as_object().unwrap() {
                let diff =
                    py_round2(v["price"].as_f64().unwrap() - item["price"].as_f64().unwrap());
                if v["available"] != true {
                    continue;
                }
                for (pm, m) in u["payment_methods"].as_object().unwrap() {
                    if m["source"] == "gift_card" && m["balance"].as_f64().unwrap() < diff {
                        let s = store().await;
                        assert_err(
                            s.apply(
                                "exchange_delivered_order_items",
                                &json!({"order_id": oid, "item_ids": [item["item_id"]], "new_item_ids": [vid], "payment_method_id": pm}),
                                None,
                            )
                            .await,
                            422,
                            "insufficient_gift_card_balance",
                        );
                        return;
                    }
                }
            }
        }
    }
    panic!("no fixture");
}

// ---------------------------------------------------------------- user address

#[tokio::test]
async fn modify_user_address_updates_lookup() {
    let s = store().await;
    let (uid, u) = &seed().users[7];
    let args = with(address("7"), json!({"user_id": uid}));
    let got = s.apply("modify_user_address", &args, None).await.unwrap();
    assert_eq!(got["address"], address("7"));
    assert_eq!(got["payment_methods"], u["payment_methods"]);
    let found = s
        .apply(
            "find_user_id_by_name_zip",
            &json!({"first_name": u["name"]["first_name"], "last_name": u["name"]["last_name"], "zip": "62704"}),
            None,
        )
        .await
        .unwrap();
    assert_eq!(found, json!(uid));
    assert_err(
        s.apply(
            "modify_user_address",
            &with(address("7"), json!({"user_id": "ghost_0"})),
            None,
        )
        .await,
        404,
        "user_not_found",
    );
}
