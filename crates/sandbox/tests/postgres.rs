//! The store on PostgreSQL: runs when `FRONTDESK_TEST_PG` is a server URL
//! (a random database is created and dropped); skipped otherwise, unless
//! `FRONTDESK_REQUIRE_EXTERNAL=1`.

mod common;

use common::*;
use frontdesk_sandbox::{default_data_dir, Store};
use rand::Rng;
use serde_json::json;
use sqlx::Connection;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn store_on_postgres_matches_sqlite() {
    let Ok(base) = std::env::var("FRONTDESK_TEST_PG") else {
        if std::env::var("FRONTDESK_REQUIRE_EXTERNAL").as_deref() == Ok("1") {
            panic!("FRONTDESK_TEST_PG is not set but FRONTDESK_REQUIRE_EXTERNAL=1");
        }
        eprintln!("skipped: set FRONTDESK_TEST_PG=postgres://user:pass@host:port/db to run");
        return;
    };
    let db = format!("sandbox_test_{:016x}", rand::thread_rng().gen::<u64>());
    let mut admin = sqlx::PgConnection::connect(&base).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE {db}"))
        .execute(&mut admin)
        .await
        .unwrap();
    let (prefix, _) = base.rsplit_once('/').unwrap();
    let url = format!("{prefix}/{db}");

    let result = async move {
        let pg = Store::open(&url, &default_data_dir()).await.unwrap();
        let lite = store().await;
        assert_eq!(pg.digest().await.unwrap(), lite.digest().await.unwrap());
        let (oid, o) = orders_with_status("pending")
            .find(|(_, o)| first_payment_method(o).contains("gift_card"))
            .unwrap();
        let (did, d) = orders_with_status("delivered").next().unwrap();
        let writes = [
            (
                "cancel_pending_order",
                json!({"order_id": oid, "reason": "no longer needed"}),
            ),
            (
                "return_delivered_order_items",
                json!({"order_id": did, "item_ids": [d["items"][0]["item_id"]], "payment_method_id": first_payment_method(d)}),
            ),
        ];
        for (i, (op, args)) in writes.iter().enumerate() {
            let a = pg.apply(op, args, Some(&format!("k{i}"))).await.unwrap();
            let b = lite.apply(op, args, Some(&format!("k{i}"))).await.unwrap();
            assert_eq!(a, b);
        }
        assert_eq!(pg.digest().await.unwrap(), lite.digest().await.unwrap());
        // Idempotency on PostgreSQL.
        let again = pg
            .apply(writes[0].0, &writes[0].1, Some("k0"))
            .await
            .unwrap();
        assert_eq!(again["status"], "cancelled");
        assert_err(
            pg.apply(writes[1].0, &writes[1].1, Some("k0")).await,
            409,
            "idempotency_key_reused",
        );
        assert_eq!(pg.ledger().await.unwrap().len(), 2);
        let found = pg
            .apply(
                "find_user_id_by_email",
                &json!({"email": user(o["user_id"].as_str().unwrap())["email"]}),
                None,
            )
            .await
            .unwrap();
        assert_eq!(found, o["user_id"]);
        pg.reset().await.unwrap();
        assert_eq!(
            pg.digest().await.unwrap(),
            store().await.digest().await.unwrap()
        );
        pg.close().await;
    };
    // Drop the database even when an assertion failed.
    let outcome = tokio::spawn(result).await;
    sqlx::query(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"))
        .execute(&mut admin)
        .await
        .unwrap();
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}
