//! The state database on SQLite and PostgreSQL.

use frontdesk::messages::{Channel, Identity, Ticket};
use frontdesk::runtime::StageError;
use frontdesk::state::{StateDb, TicketKey};

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

fn key(id: &str, channel: &str, tenant: &str) -> TicketKey {
    TicketKey {
        ticket_id: id.into(),
        channel: channel.into(),
        tenant: tenant.into(),
    }
}

async fn exercise(db: StateDb) {
    let t1 = key("t1", "chat", "");
    assert!(!db.is_finished(&t1).await.unwrap());
    db.mark_finished(&t1, "conv-1", "resolve").await.unwrap();
    db.mark_finished(&t1, "conv-1", "resolve").await.unwrap();
    assert!(db.is_finished(&t1).await.unwrap());
    // The same id on another channel, or of another tenant, is another ticket.
    assert!(!db.is_finished(&key("t1", "email", "")).await.unwrap());
    assert!(!db.is_finished(&key("t1", "chat", "store-2")).await.unwrap());

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

    conversation_state(&db).await;

    // Group commit: many concurrent writers and readers share transactions and queries,
    // and each sees its own write once its future resolves.
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..600 {
        let db = db.clone();
        tasks.spawn(async move {
            let mut t = ticket(&format!("g{i}"));
            t.conversation_id = format!("conv-g{}", i % 7);
            let k = TicketKey::of(&t);
            assert!(!db.is_finished(&k).await.unwrap());
            db.append_turn(&t, "customer", &t.body).await.unwrap();
            db.mark_finished(&k, &t.conversation_id, "handoff")
                .await
                .unwrap();
            assert!(db.is_finished(&k).await.unwrap());
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

/// A ticket's replay loads the state from before it; the next ticket sees the latest.
async fn conversation_state(db: &StateDb) {
    use serde_json::{json, Value};
    let load = |ticket: &'static str| async move {
        db.load_state::<Value>("conv-s", ticket).await.unwrap()
    };
    assert_eq!(load("a").await, None, "a new conversation has no state");
    db.save_state("conv-s", "a", &json!({"pending": "cancel"}))
        .await
        .unwrap();
    assert_eq!(load("b").await, Some(json!({"pending": "cancel"})));
    // "b" confirms: the pending write runs and the state moves on.
    db.save_state("conv-s", "b", &json!({"pending": null}))
        .await
        .unwrap();
    assert_eq!(
        load("c").await,
        Some(json!({"pending": null})),
        "the next ticket sees it"
    );
    // "b" is redelivered (a crash before its offset was committed): it plans against the
    // state it first saw, with the write still pending, not against what it did.
    assert_eq!(load("b").await, Some(json!({"pending": "cancel"})));
    // Its replay saves again: that replaces its own entry while nothing later was saved...
    db.save_state("conv-s", "b", &json!({"pending": null, "replayed": true}))
        .await
        .unwrap();
    assert_eq!(
        load("c").await,
        Some(json!({"pending": null, "replayed": true}))
    );
    // ...but not once a later ticket saved one.
    db.save_state("conv-s", "c", &json!({"question": "which order?"}))
        .await
        .unwrap();
    db.save_state("conv-s", "b", &json!({"stale": true}))
        .await
        .unwrap();
    assert_eq!(load("d").await, Some(json!({"question": "which order?"})));
    assert_eq!(
        load("a").await,
        None,
        "before the first ticket there was none"
    );
    // Only the last few states are kept.
    for i in 0..40 {
        db.save_state("conv-s", &format!("n{i}"), &json!({"i": i}))
            .await
            .unwrap();
    }
    assert_eq!(
        db.load_state::<Value>("conv-s", "n39").await.unwrap(),
        Some(json!({"i": 38}))
    );
    // A state that no longer parses as what the stage expects cannot be retried away: the
    // stage sees a permanent error (the runner dead-letters the record and hands it off).
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Planner {
        pending: Vec<String>,
    }
    let err = db.load_state::<Planner>("conv-s", "n40").await.unwrap_err();
    match StageError::from(err) {
        StageError::Permanent { kind, .. } => assert_eq!(kind, "state_unreadable"),
        other => panic!("{other:?}"),
    }
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

/// A database migrated before ticket keys and per-ticket states keeps its finished tickets
/// (under their conversation's channel) and its conversations' last state.
#[tokio::test]
async fn finished_tickets_and_states_survive_the_upgrade() {
    use serde_json::{json, Value};
    sqlx::any::install_default_drivers();
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("old.db").display());
    let first = dir.path().join("migrations");
    std::fs::create_dir(&first).unwrap();
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/migrations/state/0001_conversations.sql"
        ),
        first.join("0001_conversations.sql"),
    )
    .unwrap();
    let pool = sqlx::AnyPool::connect(&url).await.unwrap();
    sqlx::migrate::Migrator::new(first.as_path())
        .await
        .unwrap()
        .run(&pool)
        .await
        .unwrap();
    sqlx::query("INSERT INTO conversations VALUES ('conv-1', 'sms', '{}', '{\"question\":\"which order?\"}', 1, 1)")
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query("INSERT INTO processed_tickets VALUES ('t1', 'conv-1', 'resolve', 1)")
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
    let db = StateDb::connect(&url, 2).await.unwrap();
    assert!(db.is_finished(&key("t1", "sms", "")).await.unwrap());
    assert!(!db.is_finished(&key("t1", "chat", "")).await.unwrap());
    assert_eq!(
        db.load_state::<Value>("conv-1", "t2").await.unwrap(),
        Some(json!({"question": "which order?"}))
    );
}
