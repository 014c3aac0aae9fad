//! Tenants: one store per tenant header, isolated from each other and from the default.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use frontdesk_sandbox::{Tenants, TENANT_HEADER};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

async fn send(app: &axum::Router, req: Request<Body>) -> (StatusCode, Value) {
    let resp = app.clone().oneshot(req).await.unwrap();
    let status = resp.status();
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

fn cancel(order: &str, tenant: Option<&str>) -> Request<Body> {
    let mut b = Request::post(format!("/orders/{}/cancel", order.replace('#', "%23")))
        .header("content-type", "application/json")
        .header("Idempotency-Key", "k-1");
    if let Some(t) = tenant {
        b = b.header(TENANT_HEADER, t);
    }
    b.body(Body::from(r#"{"reason": "no longer needed"}"#))
        .unwrap()
}

fn digest(tenant: Option<&str>) -> Request<Body> {
    let mut b = Request::get("/admin/digest");
    if let Some(t) = tenant {
        b = b.header(TENANT_HEADER, t);
    }
    b.body(Body::empty()).unwrap()
}

#[tokio::test]
async fn each_tenant_has_its_own_fresh_store() {
    let default = store().await;
    let tenants = Tenants::new(default.clone(), seed().clone());
    let app = tenants.clone().router();
    let order = orders_with_status("pending").next().unwrap().0.clone();
    let seed_digest = send(&app, digest(None)).await.1;

    let (st, _) = send(&app, cancel(&order, Some("case-a"))).await;
    assert_eq!(st, StatusCode::OK);
    let a = send(&app, digest(Some("case-a"))).await.1;
    assert_ne!(a, seed_digest, "tenant a changed");
    assert_eq!(send(&app, digest(Some("case-b"))).await.1, seed_digest);
    assert_eq!(
        send(&app, digest(None)).await.1,
        seed_digest,
        "default untouched"
    );
    assert_eq!(tenants.len().await, 2);

    // The same write on another tenant is a first write there, not an idempotent replay.
    let (st, _) = send(&app, cancel(&order, Some("case-b"))).await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(send(&app, digest(Some("case-b"))).await.1, a);

    tenants.remove("case-a").await;
    assert_eq!(
        send(&app, digest(Some("case-a"))).await.1,
        seed_digest,
        "a removed tenant starts again from the seed"
    );
    let (st, body) = send(&app, digest(Some("bad tenant!"))).await;
    assert_eq!(st, StatusCode::BAD_REQUEST, "{body}");
}
