//! Privacy end to end: a card number and an e-mail address written in a ticket reach no
//! topic, no state table (outside the encrypted vault) and no log line; erasing the
//! customer leaves nothing readable of them.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use frontdesk::channels::publish::TicketSink;
use frontdesk::harness::{Broker, Harness, HarnessOptions, Stages, Store};
use frontdesk::messages::{AuditRecord, Channel, Identity, RecordKind, Ticket};
use frontdesk::privacy::token::find_tokens;
use frontdesk::stages::StageKind;
use frontdesk::topics::names;
use sqlx::Row;

use crate::helpers::*;

const CARD: &str = "4111 1111 1111 1111";
const TYPED_EMAIL: &str = "Jane.Private@example.org";
/// The customer the channel verified (a store account): identity, not text.
const SENDER: &str = "noah.brown7922@example.com";

/// Every form of the seeded values found in `hay`.
fn leaks(hay: &str) -> Vec<&'static str> {
    let lower = hay.to_lowercase();
    [
        "4111 1111 1111 1111",
        "4111111111111111",
        "4111-1111",
        "jane.private",
    ]
    .into_iter()
    .filter(|v| lower.contains(v))
    .collect()
}

/// Log lines of this test (every level), written by the subscriber set on its thread.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

/// Every log line of this test's thread (every level), from now until the guard drops.
fn capture_logs() -> (Captured, tracing::subscriber::DefaultGuard) {
    let logs = Captured::default();
    let sink = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || sink.clone())
        .finish();
    (logs, tracing::subscriber::set_default(subscriber))
}

/// The four stages on an embedded broker and the sandbox store (its database in `dir`), an
/// observer of every topic, the vault, and a sink that publishes the way the gateway, the
/// mail poller and import do.
struct Pipeline {
    harness: Harness,
    obs: rdkafka::consumer::StreamConsumer,
    vault: frontdesk::privacy::Vault,
    sink: TicketSink,
}

async fn pipeline(cfg: frontdesk::config::Config, dir: &std::path::Path) -> Pipeline {
    let harness = Harness::start(
        cfg,
        HarnessOptions {
            broker: Broker::embedded().unwrap(),
            store: Store::Sandbox {
                db_url: format!("sqlite://{}?mode=rwc", dir.join("store.db").display()),
                data_dir: frontdesk::demo::default_data_dir().unwrap(),
            },
            stages: Stages::Configured(StageKind::ALL.to_vec()),
            keep_state_url: true,
            declare_topics: true,
        },
    )
    .await
    .unwrap();
    let all: Vec<String> = harness
        .topics
        .all()
        .iter()
        .map(|d| harness.topics.physical(&d.name))
        .collect();
    let refs: Vec<&str> = all.iter().map(String::as_str).collect();
    let obs = observer(&harness.cfg, &harness.brokers, &refs);
    let vault = frontdesk::privacy::build_vault(&harness.cfg, &harness.state)
        .unwrap()
        .expect("privacy is on by default");
    let sink = TicketSink::new(
        producer(&harness.cfg, &harness.brokers),
        harness.codec.clone(),
        harness.topics.clone(),
        Duration::from_secs(30),
    )
    .with_vault(Some(vault.clone()));
    Pipeline {
        harness,
        obs,
        vault,
        sink,
    }
}

/// The tokens on the records `seen`, after checking that none of them holds any of the
/// values `leaks` finds.
fn tokens_on_topics_without(
    seen: &[Seen],
    leaks: impl Fn(&str) -> Vec<&'static str>,
) -> Vec<String> {
    let mut tokens = Vec::new();
    for r in seen {
        let text = String::from_utf8_lossy(&r.value);
        let found = leaks(&text);
        assert!(found.is_empty(), "{} carries {found:?}: {text}", r.topic);
        tokens.extend(find_tokens(&text).map(|t| t.token.to_owned()));
    }
    tokens
}

/// Every row of every table (the vault's too: its columns are a token, nonces and
/// ciphertexts), each column as text.
async fn every_row(pool: &sqlx::AnyPool) -> Vec<(String, String)> {
    let tables: Vec<String> = sqlx::query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    )
    .fetch_all(pool)
    .await
    .unwrap()
    .iter()
    .map(|r| r.try_get::<String, _>("name").unwrap())
    // sqlx's own bookkeeping (migration versions) holds no customer data
    .filter(|t| !t.starts_with("_sqlx"))
    .collect();
    assert!(tables.iter().any(|t| t == "turns") && tables.iter().any(|t| t == "pii_vault"));
    let mut out = Vec::new();
    for t in tables {
        for row in sqlx::query(&format!("SELECT * FROM {t}"))
            .fetch_all(pool)
            .await
            .unwrap()
        {
            let cols: Vec<String> = (0..row.columns().len())
                .map(|i| {
                    row.try_get::<String, _>(i)
                        .or_else(|_| row.try_get::<i64, _>(i).map(|n| n.to_string()))
                        .unwrap_or_default()
                })
                .collect();
            out.push((t.clone(), cols.join(" | ")));
        }
    }
    out
}

#[tokio::test(flavor = "current_thread")]
async fn pii_in_a_ticket_reaches_no_topic_table_or_log_and_erasure_leaves_nothing_readable() {
    let (logs, _log_guard) = capture_logs();

    let dir = tempfile::tempdir().unwrap();
    let Pipeline {
        harness,
        obs,
        vault,
        sink,
    } = pipeline(test_config(dir.path()), dir.path()).await;
    let conversation = unique("privacy-conv");
    let mut ticket = Ticket::new(
        "privacy-t1",
        &conversation,
        Channel::Email,
        format!(
            "Hello, my card {CARD} was charged twice. Please send the receipt to {TYPED_EMAIL}, \
             not to my usual address. Card again: {CARD}."
        ),
    );
    ticket.subject = Some(format!("Double charge on {CARD}"));
    ticket.customer = Identity {
        email: Some(SENDER.to_owned()),
        ..Default::default()
    };
    sink.publish(&ticket).await.unwrap();

    let seen = collect_until(&obs, Duration::from_secs(120), |s| {
        s.iter()
            .any(|r| r.topic.ends_with(names::RESOLUTIONS) || r.topic.ends_with(names::HANDOFFS))
    })
    .await;
    // whatever else the ticket produced (audit records) arrives too
    let mut seen = seen;
    seen.extend(collect_for(&obs, Duration::from_secs(3)).await);

    // 1. every record of every topic: tokens, never the values
    let mut tokens = tokens_on_topics_without(&seen, leaks);
    assert!(
        seen.iter().any(|r| r.topic.ends_with("inbound.email")),
        "the ticket itself was observed"
    );
    tokens.sort();
    tokens.dedup();
    assert_eq!(
        tokens.len(),
        2,
        "one token for the card (typed twice), one for the e-mail: {tokens:?}"
    );

    // 2. every row of every table; the vault holds the values, encrypted
    for (table, row) in every_row(harness.state.pool()).await {
        assert!(
            leaks(&row).is_empty(),
            "{table} holds {:?}: {row}",
            leaks(&row)
        );
    }
    let known = vault
        .lookup(&conversation, tokens.iter().map(String::as_str))
        .await
        .unwrap();
    let mut values: Vec<&str> = known.values().map(|(_, v)| v.as_str()).collect();
    values.sort();
    assert_eq!(values, vec![CARD, TYPED_EMAIL]);

    // 3. the log lines of the run
    let logged = logs.text();
    assert!(logged.contains("privacy-t1"), "the run logged: {logged}");
    assert!(
        leaks(&logged).is_empty(),
        "the log holds {:?}",
        leaks(&logged)
    );

    // 4. erasure by the verified contact: the audit record, then nothing readable
    let mut cfg = harness.cfg.clone();
    cfg.kafka.brokers = harness.brokers.clone();
    let erasure = frontdesk::privacy::erase::command(&cfg, SENDER, false, true)
        .await
        .unwrap();
    assert_eq!(erasure.conversations, vec![conversation.clone()]);
    let removed = |t: &str| {
        erasure
            .deleted
            .iter()
            .find(|(n, _)| n == t)
            .map_or(0, |(_, n)| *n)
    };
    assert_eq!(removed("pii_vault"), 2, "{erasure:?}");
    assert!(
        removed("turns") >= 1 && removed("conversations") == 1,
        "{erasure:?}"
    );
    for (table, row) in every_row(harness.state.pool()).await {
        assert!(
            !row.contains(&conversation) || table == "processed_tickets",
            "{table} still holds the conversation: {row}"
        );
    }
    assert!(vault
        .lookup(&conversation, tokens.iter().map(String::as_str))
        .await
        .unwrap()
        .is_empty());
    let audits = collect_until(&obs, Duration::from_secs(30), |s| {
        s.iter().any(|r| {
            r.topic.ends_with(names::AUDIT) && String::from_utf8_lossy(&r.value).contains("erasure")
        })
    })
    .await;
    let audit_topic = harness.topics.physical(names::AUDIT);
    let mut erased = None;
    for r in audits.iter().filter(|r| r.topic == audit_topic) {
        let a: AuditRecord = harness
            .codec
            .decode(RecordKind::Audit, &r.value)
            .await
            .unwrap();
        if a.rule == frontdesk::messages::Rule::Erasure {
            erased = Some(a);
        }
    }
    let erased = erased.expect("an erasure audit record");
    assert!(erased.inputs_json.contains(&conversation));
    assert!(!erased.inputs_json.contains(SENDER) && !erased.reason.contains(SENDER));
    harness.stop().await.unwrap();
}

/// Whether `number` stands in `text` as a number of its own (not inside a longer run of
/// digits, such as a timestamp).
fn holds_number(text: &str, number: &str) -> bool {
    text.match_indices(number).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + number.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_digit()) && !after.is_some_and(|c| c.is_ascii_digit())
    })
}

/// A one-time code for an anonymous chat crosses the outbound topic sealed: the
/// notification carries a vault token that only this conversation opens, and the code's
/// digits are on no topic and in no table.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_one_time_code_crosses_no_topic_or_table_in_clear() {
    let dir = tempfile::tempdir().unwrap();
    let mut cfg = test_config(dir.path());
    let shipped = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/crates/planner/procedures.toml"
    ))
    .unwrap();
    assert!(shipped.contains("unverified = \"hand_off\""));
    let procedures = dir.path().join("procedures.toml");
    std::fs::write(
        &procedures,
        shipped.replace(
            "unverified = \"hand_off\"",
            "unverified = \"one_time_code\"",
        ),
    )
    .unwrap();
    cfg.agent.procedures = Some(procedures);
    let Pipeline {
        harness,
        obs,
        vault,
        sink,
    } = pipeline(cfg, dir.path()).await;
    let conversation = unique("code-conv");
    // An anonymous chat: the channel verified nobody.
    let ticket = Ticket::new(
        "code-t1",
        &conversation,
        Channel::Chat,
        format!("Hi, I'm Noah Brown, {SENDER}. Where is my order #W7678072?"),
    );
    sink.publish(&ticket).await.unwrap();
    let mut seen = collect_until(&obs, Duration::from_secs(120), |s| {
        s.iter()
            .any(|r| r.topic.ends_with(names::RESOLUTIONS) || r.topic.ends_with(names::HANDOFFS))
    })
    .await;
    seen.extend(collect_for(&obs, Duration::from_secs(3)).await);

    let resolution = seen
        .iter()
        .find(|r| r.topic.ends_with(names::RESOLUTIONS))
        .map(|r| String::from_utf8_lossy(&r.value).into_owned())
        .expect("the agent asked for the code");
    let sealed: Vec<String> = find_tokens(&resolution)
        .filter(|t| t.kind == frontdesk_guard::PiiKind::OneTimeCode)
        .map(|t| t.token.to_owned())
        .collect();
    assert_eq!(sealed.len(), 1, "one sealed code: {resolution}");
    assert!(
        resolution.contains("Your verification code is ⟦code:"),
        "{resolution}"
    );
    let known = vault
        .lookup(&conversation, sealed.iter().map(String::as_str))
        .await
        .unwrap();
    let (_, code) = known.get(&sealed[0]).expect("the vault opens its own code");
    assert_eq!(code.len(), 6, "{code}");
    assert!(code.chars().all(|c| c.is_ascii_digit()), "{code}");
    for r in &seen {
        let text = String::from_utf8_lossy(&r.value);
        assert!(
            !holds_number(&text, code),
            "{} carries the code: {text}",
            r.topic
        );
    }
    for (table, row) in every_row(harness.state.pool()).await {
        assert!(!holds_number(&row, code), "{table} holds the code: {row}");
    }
    harness.stop().await.unwrap();
}

/// A name and a new street address typed by the customer: the planner reads them, the store
/// gets them, and no topic record, state table (outside the vault) or log line holds them in
/// clear, the pieces the planner cut the address into (street line, unit, city, zip)
/// included.
#[tokio::test(flavor = "current_thread")]
async fn a_typed_name_and_address_reach_the_store_and_no_topic_table_or_log() {
    const ORDER: &str = "#W4923227";
    let (logs, _log_guard) = capture_logs();
    let dir = tempfile::tempdir().unwrap();
    let Pipeline {
        harness,
        obs,
        vault,
        sink,
    } = pipeline(test_config(dir.path()), dir.path()).await;
    let typed = |hay: &str| -> Vec<&'static str> {
        ["Quarry", "Tucson", "85701", "Isabella Lopez"]
            .into_iter()
            .filter(|v| hay.contains(v))
            .collect()
    };
    let conversation = unique("address-conv");
    let customer = Identity {
        email: Some("isabella.lopez3271@example.com".to_owned()),
        ..Default::default()
    };
    let mut first = Ticket::new(
        "address-t1",
        &conversation,
        Channel::Email,
        format!(
            "Hi, please change the shipping address of order {ORDER} to 78 Quarry Lane, \
             Apt 12, Tucson, AZ 85701. Thank you, Isabella Lopez"
        ),
    );
    first.customer = customer.clone();
    sink.publish(&first).await.unwrap();
    let resolved = |n: usize| {
        move |s: &[Seen]| {
            s.iter()
                .filter(|r| r.topic.ends_with(names::RESOLUTIONS))
                .count()
                >= n
                || s.iter().any(|r| r.topic.ends_with(names::HANDOFFS))
        }
    };
    let mut seen = collect_until(&obs, Duration::from_secs(120), resolved(1)).await;
    let question = seen
        .iter()
        .find(|r| r.topic.ends_with(names::RESOLUTIONS))
        .map(|r| String::from_utf8_lossy(&r.value).into_owned())
        .expect("the agent asks to confirm the new address");
    assert!(question.contains("⟦address:"), "{question}");
    let mut yes = Ticket::new(
        "address-t2",
        &conversation,
        Channel::Email,
        "Yes, please go ahead.",
    );
    yes.customer = customer;
    sink.publish(&yes).await.unwrap();
    seen.extend(collect_until(&obs, Duration::from_secs(120), resolved(1)).await);
    seen.extend(collect_for(&obs, Duration::from_secs(3)).await);

    // The store moved the order to the address as typed.
    let store = sqlx::AnyPool::connect(&format!(
        "sqlite://{}",
        dir.path().join("store.db").display()
    ))
    .await
    .unwrap();
    let body: String = sqlx::query("SELECT body FROM sandbox_orders WHERE id = $1")
        .bind(ORDER)
        .fetch_one(&store)
        .await
        .unwrap()
        .try_get("body")
        .unwrap();
    let order: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        order["address"],
        serde_json::json!({"address1": "78 Quarry Lane", "address2": "Apt 12", "city": "Tucson",
                           "state": "AZ", "zip": "85701", "country": "USA"}),
        "{body}"
    );

    // Nothing of it in clear on a topic or in a table; the tokens open in this conversation.
    let tokens = tokens_on_topics_without(&seen, typed);
    for (table, row) in every_row(harness.state.pool()).await {
        assert!(
            typed(&row).is_empty(),
            "{table} holds {:?}: {row}",
            typed(&row)
        );
    }
    let logged = logs.text();
    assert!(logged.contains("address-t2"), "the run logged: {logged}");
    assert!(
        typed(&logged).is_empty(),
        "the log holds {:?}",
        typed(&logged)
    );
    let known = vault
        .lookup(&conversation, tokens.iter().map(String::as_str))
        .await
        .unwrap();
    let values: Vec<&str> = known.values().map(|(_, v)| v.as_str()).collect();
    for piece in [
        "78 Quarry Lane",
        "Apt 12",
        "Tucson",
        "85701",
        "Isabella Lopez",
    ] {
        assert!(
            values.contains(&piece),
            "{piece} opens from a token: {values:?}"
        );
    }
    harness.stop().await.unwrap();
}
