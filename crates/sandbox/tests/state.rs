//! Idempotency, atomicity under concurrency, ledger, digest, reset and persistence.

mod common;

use common::*;
use frontdesk_sandbox::{default_data_dir, Store};
use serde_json::json;

fn cancel_args(oid: &str) -> serde_json::Value {
    json!({"order_id": oid, "reason": "no longer needed"})
}

#[tokio::test]
async fn same_key_same_body_has_one_effect() {
    let s = store().await;
    let (oid, o) = orders_with_status("pending")
        .find(|(_, o)| first_payment_method(o).contains("gift_card"))
        .unwrap();
    let first = s
        .apply("cancel_pending_order", &cancel_args(oid), Some("k1"))
        .await
        .unwrap();
    let after_first = s.digest().await.unwrap();
    let again = s
        .apply("cancel_pending_order", &cancel_args(oid), Some("k1"))
        .await
        .unwrap();
    assert_eq!(first, again);
    assert_eq!(
        s.digest().await.unwrap(),
        after_first,
        "replay changed the store"
    );
    assert_eq!(s.ledger().await.unwrap().len(), 1);
    // Without the key the second call is a new write, refused by the rules.
    assert_err(
        s.apply("cancel_pending_order", &cancel_args(oid), None)
            .await,
        422,
        "order_not_pending",
    );
    let uid = o["user_id"].as_str().unwrap();
    let u = s
        .apply("get_user_details", &json!({"user_id": uid}), None)
        .await
        .unwrap();
    let pm = first_payment_method(o);
    let amount = o["payment_history"][0]["amount"].as_f64().unwrap();
    assert_eq!(
        balance(&u, &pm),
        py_round2(balance(user(uid), &pm) + amount),
        "refunded once"
    );
}

#[tokio::test]
async fn same_key_other_body_conflicts() {
    let s = store().await;
    let mut pending = orders_with_status("pending");
    let (a, _) = pending.next().unwrap();
    let (b, _) = pending.next().unwrap();
    s.apply("cancel_pending_order", &cancel_args(a), Some("k"))
        .await
        .unwrap();
    let digest = s.digest().await.unwrap();
    assert_err(
        s.apply("cancel_pending_order", &cancel_args(b), Some("k"))
            .await,
        409,
        "idempotency_key_reused",
    );
    let other_reason = json!({"order_id": a, "reason": "ordered by mistake"});
    assert_err(
        s.apply("cancel_pending_order", &other_reason, Some("k"))
            .await,
        409,
        "idempotency_key_reused",
    );
    let other_op = with(address("1"), json!({"order_id": a}));
    assert_err(
        s.apply("modify_pending_order_address", &other_op, Some("k"))
            .await,
        409,
        "idempotency_key_reused",
    );
    assert_eq!(s.digest().await.unwrap(), digest);
    let b_order = s
        .apply("get_order_details", &json!({"order_id": b}), None)
        .await
        .unwrap();
    assert_eq!(b_order["status"], "pending");
}

#[tokio::test]
async fn key_order_in_body_does_not_matter() {
    let s = store().await;
    let (oid, _) = orders_with_status("pending").next().unwrap();
    let a: serde_json::Value = serde_json::from_str(&format!(
        r#"{{"order_id":"{oid}","reason":"no longer needed"}}"#
    ))
    .unwrap();
    let b: serde_json::Value = serde_json::from_str(&format!(
        r#"{{"reason":"no longer needed","order_id":"{oid}"}}"#
    ))
    .unwrap();
    s.apply("cancel_pending_order", &a, Some("k"))
        .await
        .unwrap();
    s.apply("cancel_pending_order", &b, Some("k"))
        .await
        .unwrap();
}

#[tokio::test]
async fn rule_errors_replay_too() {
    let s = store().await;
    let (oid, _) = orders_with_status("delivered").next().unwrap();
    assert_err(
        s.apply("cancel_pending_order", &cancel_args(oid), Some("e"))
            .await,
        422,
        "order_not_pending",
    );
    assert_err(
        s.apply("cancel_pending_order", &cancel_args(oid), Some("e"))
            .await,
        422,
        "order_not_pending",
    );
    assert_eq!(
        s.ledger().await.unwrap().len(),
        1,
        "a replay is not a new write"
    );
}

#[tokio::test]
async fn ledger_records_writes_not_reads() {
    let s = store().await;
    let (oid, _) = orders_with_status("pending").next().unwrap();
    s.apply("get_order_details", &json!({"order_id": oid}), None)
        .await
        .unwrap();
    s.apply("cancel_pending_order", &cancel_args(oid), Some("k-9"))
        .await
        .unwrap();
    let ledger = s.ledger().await.unwrap();
    assert_eq!(ledger.len(), 1);
    let e = &ledger[0];
    assert_eq!(e.seq, 1);
    assert_eq!(e.idempotency_key.as_deref(), Some("k-9"));
    assert_eq!(e.operation, "cancel_pending_order");
    assert_eq!(e.arguments, cancel_args(oid));
    assert!(e.ok);
    assert_eq!(e.result["status"], "cancelled");
    assert!(e.at.contains('T'));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_writes_to_one_order_serialise() {
    let s = store().await;
    let (oid, _) = orders_with_status("pending").next().unwrap();
    let mut handles = Vec::new();
    for i in 0..8 {
        let s = s.clone();
        let oid = oid.clone();
        handles.push(tokio::spawn(async move {
            s.apply(
                "cancel_pending_order",
                &cancel_args(&oid),
                Some(&format!("c{i}")),
            )
            .await
        }));
    }
    let mut ok = 0;
    for h in handles {
        match h.await.unwrap() {
            Ok(_) => ok += 1,
            Err(e) => assert_eq!(e.code(), "order_not_pending"),
        }
    }
    assert_eq!(ok, 1);
    let o = s
        .apply("get_order_details", &json!({"order_id": oid}), None)
        .await
        .unwrap();
    assert_eq!(
        o["payment_history"].as_array().unwrap().len(),
        2,
        "refunded exactly once"
    );
}

#[tokio::test]
async fn digest_is_order_independent_and_reset_restores_seed() {
    let a = store().await;
    let b = store().await;
    let seed_digest = a.digest().await.unwrap();
    assert_eq!(b.digest().await.unwrap(), seed_digest);
    let mut pending = orders_with_status("pending");
    let (o1, _) = pending.next().unwrap();
    let (o2, _) = pending.next().unwrap();
    let (uid, _) = &seed().users[11];
    let w1 = ("cancel_pending_order", cancel_args(o1));
    let w2 = (
        "modify_pending_order_address",
        with(address("5"), json!({"order_id": o2})),
    );
    let w3 = (
        "modify_user_address",
        with(address("6"), json!({"user_id": uid})),
    );
    for (op, args) in [&w1, &w2, &w3] {
        a.apply(op, args, None).await.unwrap();
    }
    for (op, args) in [&w3, &w1, &w2] {
        b.apply(op, args, Some(&format!("{op}-key"))).await.unwrap();
    }
    let da = a.digest().await.unwrap();
    assert_ne!(da, seed_digest);
    assert_eq!(
        b.digest().await.unwrap(),
        da,
        "ledger/keys/times must not affect the digest"
    );
    a.reset().await.unwrap();
    assert_eq!(a.digest().await.unwrap(), seed_digest);
    assert!(a.ledger().await.unwrap().is_empty());
    // Keys are forgotten by a reset.
    a.apply(
        "cancel_pending_order",
        &cancel_args(o2),
        Some("cancel_pending_order-key"),
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn sqlite_file_persists_and_is_not_reseeded() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("s.db").display());
    let (oid, _) = orders_with_status("pending").next().unwrap();
    let digest = {
        let s = Store::open(&url, &default_data_dir()).await.unwrap();
        s.apply("cancel_pending_order", &cancel_args(oid), Some("p"))
            .await
            .unwrap();
        let d = s.digest().await.unwrap();
        s.close().await;
        d
    };
    let s = Store::open(&url, &default_data_dir()).await.unwrap();
    assert_eq!(s.digest().await.unwrap(), digest);
    assert_eq!(s.ledger().await.unwrap().len(), 1);
    assert_err(
        s.apply("cancel_pending_order", &cancel_args(oid), Some("p2"))
            .await,
        422,
        "order_not_pending",
    );
}

#[tokio::test]
async fn memory_stores_are_independent() {
    let a = store().await;
    let b = store().await;
    let (oid, _) = orders_with_status("pending").next().unwrap();
    a.apply("cancel_pending_order", &cancel_args(oid), None)
        .await
        .unwrap();
    let o = b
        .apply("get_order_details", &json!({"order_id": oid}), None)
        .await
        .unwrap();
    assert_eq!(o["status"], "pending");
}

#[tokio::test]
async fn shared_cache_memory_url_works() {
    let name = format!("sandbox-{:x}", rand::random::<u64>());
    let url = format!("sqlite:file:{name}?mode=memory&cache=shared");
    let s = Store::open(&url, &default_data_dir()).await.unwrap();
    let fresh = store().await.digest().await.unwrap();
    assert_eq!(s.digest().await.unwrap(), fresh);
    let (oid, _) = orders_with_status("pending").next().unwrap();
    s.apply("cancel_pending_order", &cancel_args(oid), Some("m"))
        .await
        .unwrap();
    assert_ne!(s.digest().await.unwrap(), fresh);
    s.reset().await.unwrap();
    assert_eq!(s.digest().await.unwrap(), fresh);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_stores_on_one_file_serialise_writes() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("shared.db").display()
    );
    let a = Store::open(&url, &default_data_dir()).await.unwrap();
    let b = Store::open(&url, &default_data_dir()).await.unwrap();
    let (oid, _) = orders_with_status("pending")
        .find(|(_, o)| first_payment_method(o).contains("gift_card"))
        .unwrap();
    let mut handles = Vec::new();
    for i in 0..6 {
        let s = if i % 2 == 0 { a.clone() } else { b.clone() };
        let oid = oid.clone();
        handles.push(tokio::spawn(async move {
            s.apply(
                "cancel_pending_order",
                &cancel_args(&oid),
                Some(&format!("x{i}")),
            )
            .await
        }));
    }
    let mut ok = 0;
    for h in handles {
        match h.await.unwrap() {
            Ok(_) => ok += 1,
            Err(e) => assert_eq!(e.code(), "order_not_pending", "{e}"),
        }
    }
    assert_eq!(ok, 1);
    let o = a
        .apply("get_order_details", &json!({"order_id": oid}), None)
        .await
        .unwrap();
    assert_eq!(o["payment_history"].as_array().unwrap().len(), 2);
    let seqs: Vec<i64> = b.ledger().await.unwrap().iter().map(|e| e.seq).collect();
    assert_eq!(seqs, (1..=6).collect::<Vec<i64>>());
}

#[tokio::test]
async fn reset_restores_lookup_columns() {
    let s = store().await;
    let (uid, u) = &seed().users[30];
    let by_zip = json!({"first_name": u["name"]["first_name"], "last_name": u["name"]["last_name"], "zip": u["address"]["zip"]});
    s.apply(
        "modify_user_address",
        &with(address("3"), json!({"user_id": uid})),
        None,
    )
    .await
    .unwrap();
    assert_err(
        s.apply("find_user_id_by_name_zip", &by_zip, None).await,
        404,
        "user_not_found",
    );
    s.reset().await.unwrap();
    let found = s
        .apply("find_user_id_by_name_zip", &by_zip, None)
        .await
        .unwrap();
    assert_eq!(found, json!(uid));
    let got = s
        .apply("get_user_details", &json!({"user_id": uid}), None)
        .await
        .unwrap();
    assert_eq!(got["address"], u["address"]);
}
