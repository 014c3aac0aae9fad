//! A conversation a person holds: while its handoff is open in the console, the customer's
//! next message goes to that person (a `held_by_person` handoff that keeps their claim), not
//! to the agent; once the person hands it back, the agent answers again. The real pipeline
//! with the sandbox store and the console's consumer, no browser.

use std::time::Duration;

use frontdesk::console::handoffs::{HandoffDetail, Handoffs, Status};
use frontdesk::console::{Role, User};
use frontdesk::harness::{Harness, Stages, Store};
use frontdesk::messages::{Channel, Ticket};
use frontdesk::stages::StageKind;
use frontdesk::topics::names;

use crate::console::{add_user, next_resolution, plain_http, publish_ticket, start, WAIT};
use crate::helpers::*;

const CUSTOMER: &str = "isabella.brown8771@example.com";

async fn write(harness: &Harness, id: &str, body: &str) {
    let mut t = Ticket::new(id, "c-hold-1", Channel::Email, body);
    t.customer.email = Some(CUSTOMER.into());
    publish_ticket(harness, &t).await;
}

/// The console's row for `ticket`, once its consumer stored it.
async fn stored(handoffs: &Handoffs, ticket: &str) -> HandoffDetail {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        if let Ok(h) = handoffs.get(ticket).await {
            return h;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the handoff of {ticket} never reached the console"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_held_conversation_goes_to_its_person_until_handed_back() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::Sandbox {
        db_url: format!(
            "sqlite://{}?mode=rwc",
            dir.path().join("store.db").display()
        ),
        data_dir: frontdesk::demo::default_data_dir().unwrap(),
    };
    let stages = Stages::Configured(StageKind::ALL.to_vec());
    let (harness, running, stop) = start(plain_http(dir.path()), store, stages).await;
    add_user(&harness, "ana", Role::Agent).await;
    let ana = User {
        username: "ana".into(),
        roles: vec![Role::Agent],
    };
    let handoffs = Handoffs::new(harness.state.pool().clone());
    let obs = observer(
        &harness.cfg,
        &harness.brokers,
        &[&harness.topics.physical(names::RESOLUTIONS)],
    );

    write(
        &harness,
        "t-hold-1",
        "Hi, I would like to talk to a real person about my order #W7752779 please.",
    )
    .await;
    let first = stored(&handoffs, "t-hold-1").await;
    assert_eq!(first.row.reason_code, "asked_for_human");
    running.console.claim(&ana, "t-hold-1").await.unwrap();

    // Held: a question the agent could answer alone goes to ana instead.
    write(
        &harness,
        "t-hold-2",
        "Also, has order #W7752779 shipped yet?",
    )
    .await;
    let held = stored(&handoffs, "t-hold-2").await;
    assert_eq!(held.row.reason_code, "held_by_person", "{:?}", held.row);
    assert_eq!(held.row.claimed_by.as_deref(), Some("ana"));
    assert!(held.record.reason.contains("ana"), "{}", held.record.reason);
    assert_eq!(
        handoffs.get("t-hold-1").await.unwrap().row.status,
        Status::Superseded.as_str()
    );

    // Handed back: the agent answers the next message itself.
    running
        .console
        .finish(&ana, "t-hold-2", Status::Returned)
        .await
        .unwrap();
    write(
        &harness,
        "t-hold-3",
        "What is the status of my order #W7752779?",
    )
    .await;
    let answer = next_resolution(&obs, &codec(), "t-hold-3").await;
    assert!(
        answer.reply.contains("W7752779"),
        "the agent answers again: {}",
        answer.reply
    );
    assert!(
        handoffs.get("t-hold-3").await.is_err(),
        "nothing went to a person"
    );

    stop.cancel();
    running.join().await.unwrap();
    harness.stop().await.unwrap();
}
