//! The state database on SQLite and PostgreSQL.

use frontdesk::messages::{Channel, Identity, Ticket};
use frontdesk::state::StateDb;

fn ticket(id: &str) -> Ticket {
    Ticket {
        ticket_id: id.into(),
        conversation_id: "conv-1".into(),
        channel: Channel::Chat,
        customer: Identity {
            email: Some("a@example.com".into()),
            ..Default::default()
        },
        subject: None,
        body: format!("message {id}"),
        attachments: vec![],
        received_at: 0,
        headers: Default::default(),
        locale: None,
    }
}

async fn exercise(db: StateDb) {
    assert!(!db.is_finished("t1").await.unwrap());
    db.mark_finished("t1", "conv-1", "resolve").await.unwrap();
    db.mark_finished("t1", "conv-1", "resolve").await.unwrap();
    assert!(db.is_finished("t1").await.unwrap());

    db.append_turn(&ticket("t1"), "customer", "hello")
        .await
        .unwrap();
    db.append_turn(&ticket("t1"), "customer", "hello again (redelivery)")
        .await
        .unwrap();
    db.append_turn(&ticket("t1"), "agent", "hi").await.unwrap();
    let turns = db.transcript("conv-1").await.unwrap();
    assert_eq!(turns.len(), 2, "a redelivered turn is not stored twice");
    assert_eq!(turns[0].text, "hello");

    assert_eq!(
        db.load_state::<serde_json::Value>("conv-1").await.unwrap(),
        None
    );
    db.save_state("conv-1", &serde_json::json!({"pending": "cancel"}))
        .await
        .unwrap();
    assert_eq!(
        db.load_state::<serde_json::Value>("conv-1").await.unwrap(),
        Some(serde_json::json!({"pending": "cancel"}))
    );

    // Group commit: many concurrent writers and readers share transactions and queries,
    // and each sees its own write once its future resolves.
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..600 {
        let db = db.clone();
        tasks.spawn(async move {
            let mut t = ticket(&format!("g{i}"));
            t.conversation_id = format!("conv-g{}", i % 7);
            assert!(!db.is_finished(&t.ticket_id).await.unwrap());
            db.append_turn(&t, "customer", &t.body).await.unwrap();
            db.mark_finished(&t.ticket_id, &t.conversation_id, "handoff")
                .await
                .unwrap();
            assert!(db.is_finished(&t.ticket_id).await.unwrap());
        });
    }
    while let Some(r) = tasks.join_next().await {
        r.unwrap();
    }
    let mut turns = 0;
    for c in 0..7 {
        turns += db.transcript(&format!("conv-g{c}")).await.unwrap().len();
    }
    assert_eq!(turns, 600);
}

#[tokio::test]
async fn state_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("s.db").display());
    exercise(StateDb::connect(&url, 4).await.unwrap()).await;
    // Migrations are idempotent on reopen.
    StateDb::connect(&url, 4).await.unwrap();
}

#[tokio::test]
async fn state_on_postgres() {
    let Some(url) = pg_database_or_skip().await else {
        return;
    };
    exercise(StateDb::connect(&url, 4).await.unwrap()).await;
    StateDb::connect(&url, 4).await.unwrap();
}

/// A fresh PostgreSQL database, or `None` (the test is skipped with a message) when
/// `FRONTDESK_TEST_PG` is not set and not required.
pub async fn pg_database_or_skip() -> Option<String> {
    let Ok(base) = std::env::var("FRONTDESK_TEST_PG") else {
        assert!(
            std::env::var("FRONTDESK_REQUIRE_EXTERNAL").is_err(),
            "FRONTDESK_TEST_PG is required"
        );
        eprintln!("skipped: FRONTDESK_TEST_PG is not set (scripts/test.sh starts PostgreSQL)");
        return None;
    };
    Some(fresh_pg_database(&base).await)
}

/// Creates a randomly named database and returns its URL.
pub async fn fresh_pg_database(base: &str) -> String {
    sqlx::any::install_default_drivers();
    let name = crate::helpers::unique("fd_test").replace('-', "_");
    let admin = sqlx::AnyPool::connect(base).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&admin)
        .await
        .unwrap();
    let (prefix, _) = base.rsplit_once('/').unwrap();
    format!("{prefix}/{name}")
}
