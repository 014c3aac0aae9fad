//! The HTTP API: routes, id encoding, idempotency header, error bodies, admin.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use frontdesk_sandbox::router;
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

async fn call(app: &axum::Router, req: Request<Body>) -> (StatusCode, Value) {
    let resp = app.clone().oneshot(req).await.unwrap();
    let status = resp.status();
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    let body = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes).unwrap()
    };
    (status, body)
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

fn post(uri: &str, key: Option<&str>, body: &str) -> Request<Body> {
    let mut b = Request::post(uri).header("content-type", "application/json");
    if let Some(k) = key {
        b = b.header("Idempotency-Key", k);
    }
    b.body(Body::from(body.to_owned())).unwrap()
}

fn enc(order_id: &str) -> String {
    order_id.replace('#', "%23")
}

#[tokio::test]
async fn reads() {
    let app = router(store().await);
    let (uid, u) = &seed().users[0];
    let (st, body) = call(
        &app,
        get(&format!(
            "/users/by-email?email={}",
            u["email"].as_str().unwrap()
        )),
    )
    .await;
    assert_eq!((st, body), (StatusCode::OK, json!({"user_id": uid})));
    let uri = format!(
        "/users/by-name-zip?first_name={}&last_name={}&zip={}",
        u["name"]["first_name"].as_str().unwrap(),
        u["name"]["last_name"].as_str().unwrap(),
        u["address"]["zip"].as_str().unwrap()
    );
    assert_eq!(call(&app, get(&uri)).await.1, json!({"user_id": uid}));
    let (st, body) = call(&app, get("/users/by-name-zip?first_name=A&zip=1")).await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["code"], "missing_parameter");
    let (st, body) = call(&app, get(&format!("/users/{uid}"))).await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(body["user_id"], json!(uid));
    assert_eq!(body["email"], u["email"]);

    let (oid, o) = &seed().orders[1];
    assert_eq!(
        call(&app, get(&format!("/orders/{}", enc(oid)))).await,
        (StatusCode::OK, o.clone())
    );
    assert_eq!(
        call(
            &app,
            get(&format!("/orders/{}", oid.trim_start_matches('#')))
        )
        .await
        .1,
        *o
    );
    let (st, body) = call(&app, get("/orders/%23W0000000")).await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    assert_eq!(body["error"]["code"], "order_not_found");
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("not found"));

    let (pid, p) = &seed().products[0];
    assert_eq!(call(&app, get(&format!("/products/{pid}"))).await.1, *p);
    let (st, body) = call(&app, get("/products")).await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(body["product_types"].as_object().unwrap().len(), 50);
    assert_eq!(call(&app, get("/healthz")).await.0, StatusCode::OK);
    assert_eq!(call(&app, get("/nope")).await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn writes_need_a_key_and_a_json_object() {
    let app = router(store().await);
    let (oid, _) = orders_with_status("pending").next().unwrap();
    let uri = format!("/orders/{}/cancel", enc(oid));
    let body = r#"{"reason": "no longer needed"}"#;
    let (st, b) = call(&app, post(&uri, None, body)).await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert_eq!(b["error"]["code"], "missing_idempotency_key");
    let (st, b) = call(&app, post(&uri, Some("k"), "{not json")).await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert_eq!(b["error"]["code"], "malformed_body");
    assert_eq!(
        call(&app, post(&uri, Some("k"), "[1]")).await.0,
        StatusCode::BAD_REQUEST
    );
    let (st, b) = call(&app, post(&uri, Some("k"), "{}")).await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert_eq!(b["error"]["code"], "invalid_arguments");
    assert_eq!(
        call(
            &app,
            post(&format!("/orders/{}/explode", enc(oid)), Some("k"), body)
        )
        .await
        .0,
        StatusCode::NOT_FOUND
    );
    // None of that burned the key.
    let (st, b) = call(&app, post(&uri, Some("k"), body)).await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(b["status"], "cancelled");
}

#[tokio::test]
async fn idempotent_replay_and_conflict() {
    let app = router(store().await);
    let (oid, _) = orders_with_status("pending").next().unwrap();
    let uri = format!("/orders/{}/cancel", oid.trim_start_matches('#'));
    let body = r#"{"reason": "ordered by mistake"}"#;
    let first = call(&app, post(&uri, Some("abc"), body)).await;
    assert_eq!(first.0, StatusCode::OK);
    let digest = call(&app, get("/admin/digest")).await.1;
    let second = call(&app, post(&uri, Some("abc"), body)).await;
    assert_eq!(second, first);
    assert_eq!(call(&app, get("/admin/digest")).await.1, digest);
    let (st, b) = call(
        &app,
        post(&uri, Some("abc"), r#"{"reason": "no longer needed"}"#),
    )
    .await;
    assert_eq!(st, StatusCode::CONFLICT);
    assert_eq!(b["error"]["code"], "idempotency_key_reused");
    // A rule error replays verbatim as well.
    let e1 = call(&app, post(&uri, Some("def"), body)).await;
    assert_eq!(e1.0, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(call(&app, post(&uri, Some("def"), body)).await, e1);
}

#[tokio::test]
async fn every_write_route() {
    let app = router(store().await);
    let mut pending = orders_with_status("pending");
    let (p1, _) = pending.next().unwrap();
    let (p2, o2) = pending
        .find(|(_, o)| {
            let u = user(o["user_id"].as_str().unwrap());
            u["payment_methods"].as_object().unwrap().len() > 1
                && !first_payment_method(o).contains("gift_card")
        })
        .unwrap();
    let new_pm = user(o2["user_id"].as_str().unwrap())["payment_methods"]
        .as_object()
        .unwrap()
        .iter()
        .find(|(k, m)| **k != first_payment_method(o2) && m["source"] != "gift_card")
        .map(|(k, _)| k.clone());
    let (p3, i3, n3) = item_swap("pending", true);
    let (d1, i4, n4) = item_swap("delivered", true);
    let (d2, od2) = orders_with_status("delivered")
        .find(|(k, _)| **k != d1)
        .unwrap();
    let (uid, _) = &seed().users[2];

    let addr = address("9").to_string();
    let mut cases = vec![
        (format!("/orders/{}/modify-address", enc(p1)), addr.clone(), "pending"),
        (format!("/orders/{}/return", enc(d2)), json!({"item_ids": [od2["items"][0]["item_id"]], "payment_method_id": first_payment_method(od2)}).to_string(), "return requested"),
        (format!("/orders/{}/modify-items", enc(&p3)), json!({"item_ids": [i3], "new_item_ids": [n3], "payment_method_id": first_payment_method(order(&p3))}).to_string(), "pending (item modified)"),
        (format!("/orders/{}/exchange", enc(&d1)), json!({"item_ids": [i4], "new_item_ids": [n4], "payment_method_id": first_payment_method(order(&d1))}).to_string(), "exchange requested"),
    ];
    if let Some(pm) = new_pm {
        cases.push((
            format!("/orders/{}/modify-payment", enc(p2)),
            json!({"payment_method_id": pm}).to_string(),
            "pending",
        ));
    }
    for (i, (uri, body, status)) in cases.iter().enumerate() {
        let (st, b) = call(&app, post(uri, Some(&format!("w{i}")), body)).await;
        if b["error"]["code"] == "insufficient_gift_card_balance" {
            continue;
        }
        assert_eq!(st, StatusCode::OK, "{uri}: {b}");
        assert_eq!(b["status"], *status, "{uri}");
    }
    let (st, b) = call(
        &app,
        post(&format!("/users/{uid}/address"), Some("u"), &addr),
    )
    .await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(b["address"], address("9"));
    assert_eq!(b["user_id"], json!(uid));
    let (st, _) = call(&app, post("/users/nobody_1/address", Some("u2"), &addr)).await;
    assert_eq!(st, StatusCode::NOT_FOUND);

    let (st, ledger) = call(&app, get("/admin/ledger")).await;
    assert_eq!(st, StatusCode::OK);
    assert!(ledger.as_array().unwrap().len() >= 5);
    let seed_digest = store().await.digest().await.unwrap();
    assert_ne!(
        call(&app, get("/admin/digest")).await.1["digest"],
        json!(seed_digest)
    );
    let (st, b) = call(&app, post("/admin/reset", None, "")).await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(b["digest"], json!(seed_digest));
    assert_eq!(call(&app, get("/admin/ledger")).await.1, json!([]));
}

#[tokio::test]
async fn serve_over_tcp_with_shutdown() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(frontdesk_sandbox::serve(listener, store().await, async {
        let _ = rx.await;
    }));
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut buf = String::new();
    stream.read_to_string(&mut buf).await.unwrap();
    assert!(buf.starts_with("HTTP/1.1 200"), "{buf}");
    tx.send(()).unwrap();
    server.await.unwrap().unwrap();
}
