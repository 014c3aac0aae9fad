//! The console's tables on SQLite and PostgreSQL: idempotent inserts from the topic,
//! superseding, conditional claims and approvals, and the learning figures.

use std::collections::BTreeMap;

use frontdesk::console::handoffs::{ActionStatus, Claimed, Filter, Handoffs, Status};
use frontdesk::console::history::{History, SentReply};
use frontdesk::console::learn::{figures, EditClass};
use frontdesk::console::ConsoleError;
use frontdesk::messages::{now_ms, Channel, Ticket};
use frontdesk::state::StateDb;

async fn exercise(db: StateDb) {
    let handoffs = Handoffs::new(db.pool().clone());
    let history = History::new(db.pool().clone());
    let now = now_ms();
    let none = BTreeMap::new();
    // bench::synthetic(0) proposes a refund (approval_required); 1 is another reason.
    let first = frontdesk::console::bench::synthetic(0, now);
    assert!(handoffs.insert(&first, &none).await.unwrap());
    assert!(
        !handoffs.insert(&first, &none).await.unwrap(),
        "a redelivered handoff is not stored twice"
    );
    let other = frontdesk::console::bench::synthetic(1, now);
    handoffs.insert(&other, &none).await.unwrap();

    let all = Filter::default();
    let (rows, total) = handoffs.queue(&all, "ana", 10).await.unwrap();
    assert_eq!(total, 2);
    assert!(
        rows[0].handed_off_at <= rows[1].handed_off_at,
        "oldest first"
    );
    let by_reason = Filter {
        reason: "approval_required".into(),
        ..Default::default()
    };
    let (rows, total) = handoffs.queue(&by_reason, "ana", 10).await.unwrap();
    assert_eq!((total, rows[0].ticket_id.as_str()), (1, "bench-000000"));

    // One claim wins; the other person gets a conflict; the claimer's own filter finds it.
    handoffs.claim("bench-000000", "ana").await.unwrap();
    handoffs.claim("bench-000000", "ana").await.unwrap();
    assert!(matches!(
        handoffs.claim("bench-000000", "bob").await,
        Err(ConsoleError::Conflict(_))
    ));
    let mine = Filter {
        claimed: Claimed::Mine,
        ..Default::default()
    };
    assert_eq!(handoffs.queue(&mine, "ana", 10).await.unwrap().1, 1);
    assert_eq!(handoffs.queue(&mine, "bob", 10).await.unwrap().1, 0);
    let unclaimed = Filter {
        claimed: Claimed::Unclaimed,
        ..Default::default()
    };
    assert_eq!(handoffs.queue(&unclaimed, "ana", 10).await.unwrap().1, 1);
    assert!(handoffs
        .release("bench-000000", "bob", false)
        .await
        .is_err());

    // Only one approval runs; a settled action cannot be approved again.
    handoffs
        .begin_approval("bench-000000", "ana", 60_000)
        .await
        .unwrap();
    assert!(handoffs
        .begin_approval("bench-000000", "carl", 60_000)
        .await
        .is_err());
    handoffs
        .settle_action(
            "bench-000000",
            "ana",
            &[ActionStatus::Approving],
            ActionStatus::Approved,
            "{}",
        )
        .await
        .unwrap();
    assert!(handoffs
        .begin_approval("bench-000000", "ana", 60_000)
        .await
        .is_err());
    assert!(
        handoffs
            .begin_approval("bench-000001", "ana", 60_000)
            .await
            .is_err(),
        "a handoff proposing nothing has nothing to approve"
    );

    // A reply recorded once per reply id; the figures count it under the handoff's
    // intent and reason, with the claim's wait.
    let reply = SentReply {
        reply_ticket_id: "bench-000000:agent:1".into(),
        ticket_id: "bench-000000".into(),
        actor: "ana".into(),
        edit: EditClass::Light,
        edit_distance: 4,
        body: "hello".into(),
    };
    assert!(history.record_reply(&reply).await.unwrap());
    assert!(!history.record_reply(&reply).await.unwrap());
    assert_eq!(history.reply_count("bench-000000").await.unwrap(), 1);
    handoffs
        .finish("bench-000000", "ana", Status::Closed)
        .await
        .unwrap();
    assert!(handoffs
        .finish("bench-000000", "ana", Status::Returned)
        .await
        .is_err());
    let learned = figures(handoffs.pool()).await.unwrap();
    let f = &learned[&(first_intent(&first), "approval_required".to_owned())];
    assert_eq!((f.handoffs, f.claimed, f.closed, f.replies()), (1, 1, 1, 1));
    assert_eq!(f.rate(EditClass::Light), Some(1.0));
    assert!(f.claim_wait_ms >= 0 && f.close_wait_ms >= f.claim_wait_ms);

    // While a handoff is open a person holds its conversation: the customer's next
    // message is held for them; a closed conversation holds nothing.
    let next = |id: &str, conversation: &str, received_at: i64| Ticket {
        received_at,
        ..Ticket::new(id, conversation, Channel::Email, "any news?")
    };
    let conv = other.conversation_id.clone();
    handoffs.claim("bench-000001", "bob").await.unwrap();
    let held = db
        .hold(&next("t-2", &conv, other.handed_off_at + 1))
        .await
        .unwrap()
        .expect("an open handoff holds its conversation");
    assert_eq!(
        (held.ticket_id.as_str(), held.claimed_by.as_deref()),
        ("bench-000001", Some("bob"))
    );
    assert_eq!(
        db.hold(&next("t-0", &conv, other.handed_off_at - 1))
            .await
            .unwrap(),
        None,
        "a message from before the handoff is not held"
    );
    assert_eq!(
        db.hold(&next("t-9", &first.conversation_id, now + 10))
            .await
            .unwrap(),
        None,
        "a closed handoff holds nothing"
    );

    // A newer handoff of the same conversation (the held message, handed to the person)
    // supersedes the open older one and keeps its claim.
    let mut newer = frontdesk::console::bench::synthetic(1, now);
    newer.ticket_id = "t-2".into();
    newer.handed_off_at = other.handed_off_at + 2;
    handoffs.insert(&newer, &none).await.unwrap();
    assert_eq!(
        handoffs.get("bench-000001").await.unwrap().row.status,
        "superseded"
    );
    assert_eq!(
        handoffs.get("t-2").await.unwrap().row.claimed_by.as_deref(),
        Some("bob"),
        "the person holding the conversation keeps it"
    );
    assert_eq!(handoffs.queue(&all, "ana", 10).await.unwrap().1, 1);
    assert!(
        db.hold(&next("t-2", &conv, other.handed_off_at + 1))
            .await
            .unwrap()
            .is_some(),
        "a redelivered held message is held again"
    );
    assert!(db
        .hold(&next("t-3", &conv, newer.handed_off_at + 1))
        .await
        .unwrap()
        .is_some());

    // Handed back: the agent answers the next message again.
    handoffs
        .finish("t-2", "bob", Status::Returned)
        .await
        .unwrap();
    assert_eq!(
        db.hold(&next("t-3", &conv, newer.handed_off_at + 1))
            .await
            .unwrap(),
        None
    );
}

fn first_intent(h: &frontdesk::messages::Handoff) -> String {
    frontdesk::console::handoffs::intent_of(h)
}

#[tokio::test]
async fn console_tables_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("s.db").display());
    exercise(StateDb::connect(&url, 4).await.unwrap()).await;
}

#[tokio::test]
async fn console_tables_on_postgres() {
    let Some(url) = crate::state::pg_database_or_skip().await else {
        return;
    };
    exercise(StateDb::connect(&url, 4).await.unwrap()).await;
}
