//! The gate end to end on SQLite (a temp file) and PostgreSQL (`FRONTDESK_TEST_PG`, a random
//! database; skipped when unset unless `FRONTDESK_REQUIRE_EXTERNAL=1`).

use std::sync::Arc;
use std::time::Duration;

use frontdesk_limits::{
    Clock, Decision, DenyRule, Gate, Ledger, LimitsConfig, ManualClock, ReserveOutcome,
    UnlistedActions, WriteRequest,
};
use rand::Rng;

/// 2026-11-24T12:00:00Z.
const NOON: i64 = 1_795_521_600_000;
const ACTION: &str = "return_delivered_order_items";

fn config() -> LimitsConfig {
    let mut cfg = LimitsConfig::default();
    cfg.rates.conversation_max_writes = 100;
    cfg.rates.customer_daily_cap = 100;
    cfg.rates.global_per_minute = 10_000;
    cfg.rates.global_per_minute_by_action.clear();
    cfg
}

fn req(conversation: &str, customer: &str, key: &str) -> WriteRequest {
    WriteRequest {
        action: ACTION.into(),
        conversation_id: conversation.into(),
        customer_id: customer.into(),
        amount: Some(100.0),
        price_difference: None,
        item_count: Some(1),
        ticket_id: format!("ticket-{key}"),
        idempotency_key: key.into(),
    }
}

fn sqlite_url(dir: &tempfile::TempDir) -> String {
    format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("limits.db").display()
    )
}

async fn gate(url: &str, cfg: LimitsConfig, clock: &ManualClock) -> Gate {
    let ledger = Ledger::connect(url).await.unwrap();
    Gate::with_clock(cfg, ledger, Arc::new(clock.clone())).unwrap()
}

/// A fresh PostgreSQL database, or `None` (skipped) when `FRONTDESK_TEST_PG` is unset.
async fn fresh_pg() -> Option<String> {
    let Ok(base) = std::env::var("FRONTDESK_TEST_PG") else {
        if std::env::var("FRONTDESK_REQUIRE_EXTERNAL").as_deref() == Ok("1") {
            panic!("FRONTDESK_TEST_PG is not set but FRONTDESK_REQUIRE_EXTERNAL=1");
        }
        eprintln!("skipped: set FRONTDESK_TEST_PG=postgres://user:pass@host:port/db to run");
        return None;
    };
    sqlx::any::install_default_drivers();
    let name = format!("limits_test_{:016x}", rand::thread_rng().gen::<u64>());
    let admin = sqlx::AnyPool::connect(&base).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&admin)
        .await
        .unwrap();
    admin.close().await;
    let (prefix, _) = base.rsplit_once('/').unwrap();
    Some(format!("{prefix}/{name}"))
}

/// Drops a database made by [`fresh_pg`] (best effort; the pools must be closed).
async fn drop_pg(url: &str) {
    let base = std::env::var("FRONTDESK_TEST_PG").unwrap_or_default();
    let (_, name) = url.rsplit_once('/').unwrap_or_default();
    if let Ok(admin) = sqlx::AnyPool::connect(&base).await {
        let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .execute(&admin)
            .await;
        admin.close().await;
    }
}

#[tokio::test]
async fn ceilings_deny_over_allow_equal_and_under_and_consume_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let clock = ManualClock::at_unix_ms(NOON);
    let g = gate(&sqlite_url(&dir), config(), &clock).await;
    let mut r = req("c1", "u1", "k-over");
    r.amount = Some(500.01);
    let d = g.check_and_reserve(&r).await.unwrap();
    assert_eq!(d.rule(), Some(DenyRule::ValueCeiling));
    assert!(d.needs_approval());
    assert_eq!(g.ledger().count("u1", &clock.today()).await.unwrap(), 0);
    r.idempotency_key = "k-equal".into();
    r.amount = Some(500.0);
    assert!(g.check_and_reserve(&r).await.unwrap().is_allowed());
    r.idempotency_key = "k-under".into();
    r.amount = Some(20.0);
    assert!(g.check_and_reserve(&r).await.unwrap().is_allowed());
    r.idempotency_key = "k-items".into();
    r.item_count = Some(6);
    let d = g.check_and_reserve(&r).await.unwrap();
    assert_eq!(d.rule(), Some(DenyRule::ValueCeiling));
    assert_eq!(g.ledger().count("u1", &clock.today()).await.unwrap(), 2);
}

#[tokio::test]
async fn an_approved_write_passes_its_ceiling_once_but_not_an_unlisted_action_or_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    let clock = ManualClock::at_unix_ms(NOON);
    let mut cfg = config();
    cfg.rates.customer_daily_cap = 1;
    let g = gate(&sqlite_url(&dir), cfg, &clock).await;
    let mut r = req("c1", "u1", "k-approved");
    r.amount = Some(900.0);
    assert!(g.check_and_reserve(&r).await.unwrap().needs_approval());
    let first = g.check_and_reserve_approved(&r).await.unwrap();
    assert!(first.is_allowed());
    // A double click: the same key re-uses the reservation and consumes nothing.
    let Decision::Allow { reservation } = g.check_and_reserve_approved(&r).await.unwrap() else {
        panic!("the second approval of the same write was denied");
    };
    assert!(reservation.reused);
    assert_eq!(g.ledger().count("u1", &clock.today()).await.unwrap(), 1);
    // The daily cap still holds for another approved write.
    let mut other = req("c1", "u1", "k-other");
    other.amount = Some(900.0);
    let d = g.check_and_reserve_approved(&other).await.unwrap();
    assert_eq!(d.rule(), Some(DenyRule::CustomerDailyCap));
    let mut unlisted = req("c1", "u2", "k-unlisted");
    unlisted.action = "transfer_all_gift_cards".into();
    let d = g.check_and_reserve_approved(&unlisted).await.unwrap();
    assert_eq!(d.rule(), Some(DenyRule::UnlistedAction));
}

#[tokio::test]
async fn unlisted_action_hands_off_without_approval_draft() {
    let dir = tempfile::tempdir().unwrap();
    let clock = ManualClock::at_unix_ms(NOON);
    let g = gate(&sqlite_url(&dir), config(), &clock).await;
    let mut r = req("c1", "u1", "k1");
    r.action = "transfer_all_gift_cards".into();
    let d = g.check_and_reserve(&r).await.unwrap();
    assert_eq!(d.rule(), Some(DenyRule::UnlistedAction));
    assert!(!d.needs_approval());
    let mut cfg = config();
    cfg.unlisted_actions = UnlistedActions::Allow;
    let g = gate(&sqlite_url(&dir), cfg, &clock).await;
    assert!(g.check_and_reserve(&r).await.unwrap().is_allowed());
}

#[tokio::test]
async fn conversation_rate_limits_writes_per_window() {
    let dir = tempfile::tempdir().unwrap();
    let clock = ManualClock::at_unix_ms(NOON);
    let mut cfg = config();
    cfg.rates.conversation_max_writes = 2;
    cfg.rates.conversation_window = Duration::from_secs(3600);
    let g = gate(&sqlite_url(&dir), cfg, &clock).await;
    assert!(g
        .check_and_reserve(&req("c1", "u1", "k1"))
        .await
        .unwrap()
        .is_allowed());
    assert!(g
        .check_and_reserve(&req("c1", "u1", "k2"))
        .await
        .unwrap()
        .is_allowed());
    let d = g.check_and_reserve(&req("c1", "u1", "k3")).await.unwrap();
    assert_eq!(d.rule(), Some(DenyRule::ConversationRate));
    assert!(!d.needs_approval());
    let Decision::Deny { inputs, .. } = &d else {
        unreachable!()
    };
    assert_eq!(inputs["retry_after_ms"], 30 * 60 * 1000);
    // Another conversation of the same customer is not affected.
    assert!(g
        .check_and_reserve(&req("c2", "u1", "k4"))
        .await
        .unwrap()
        .is_allowed());
    // One write replenishes every window / max_writes.
    clock.advance(Duration::from_secs(30 * 60));
    assert!(g
        .check_and_reserve(&req("c1", "u1", "k5"))
        .await
        .unwrap()
        .is_allowed());
    let d = g.check_and_reserve(&req("c1", "u1", "k6")).await.unwrap();
    assert_eq!(d.rule(), Some(DenyRule::ConversationRate));
}

#[tokio::test]
async fn global_action_rate_limits_each_action_per_minute() {
    let dir = tempfile::tempdir().unwrap();
    let clock = ManualClock::at_unix_ms(NOON);
    let mut cfg = config();
    cfg.rates
        .global_per_minute_by_action
        .insert(ACTION.into(), 3);
    let g = gate(&sqlite_url(&dir), cfg, &clock).await;
    for i in 0..3 {
        let r = req(&format!("c{i}"), &format!("u{i}"), &format!("k{i}"));
        assert!(g.check_and_reserve(&r).await.unwrap().is_allowed());
    }
    let d = g.check_and_reserve(&req("c9", "u9", "k9")).await.unwrap();
    assert_eq!(d.rule(), Some(DenyRule::GlobalActionRate));
    // Another action has its own limiter.
    let mut other = req("c9", "u9", "k10");
    other.action = "cancel_pending_order".into();
    assert!(g.check_and_reserve(&other).await.unwrap().is_allowed());
    clock.advance(Duration::from_secs(20));
    assert!(g
        .check_and_reserve(&req("c9", "u9", "k11"))
        .await
        .unwrap()
        .is_allowed());
}

#[tokio::test]
async fn daily_cap_holds_across_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let url = sqlite_url(&dir);
    let clock = ManualClock::at_unix_ms(NOON);
    let mut cfg = config();
    cfg.rates.customer_daily_cap = 3;
    {
        let g = gate(&url, cfg.clone(), &clock).await;
        for i in 0..3 {
            let r = req(&format!("c{i}"), "u1", &format!("k{i}"));
            assert!(g.check_and_reserve(&r).await.unwrap().is_allowed());
        }
        let d = g.check_and_reserve(&req("c3", "u1", "k3")).await.unwrap();
        assert_eq!(d.rule(), Some(DenyRule::CustomerDailyCap));
        g.ledger().pool().close().await;
    }
    // A new process: fresh in-memory limiters, same database.
    let g = gate(&url, cfg, &clock).await;
    let d = g.check_and_reserve(&req("c4", "u1", "k4")).await.unwrap();
    assert_eq!(d.rule(), Some(DenyRule::CustomerDailyCap));
    let Decision::Deny { inputs, .. } = &d else {
        unreachable!()
    };
    assert_eq!(inputs["source"], "ledger");
    assert!(g
        .check_and_reserve(&req("c5", "u2", "k5"))
        .await
        .unwrap()
        .is_allowed());
}

#[tokio::test]
async fn daily_cap_resets_at_utc_midnight() {
    let dir = tempfile::tempdir().unwrap();
    // 2026-11-24T23:59:00Z
    let clock = ManualClock::at_unix_ms(NOON + 12 * 3600 * 1000 - 60_000);
    let mut cfg = config();
    cfg.rates.customer_daily_cap = 1;
    let g = gate(&sqlite_url(&dir), cfg, &clock).await;
    let day1 = clock.today();
    assert_eq!(day1, "2026-11-24");
    assert!(g
        .check_and_reserve(&req("c1", "u1", "k1"))
        .await
        .unwrap()
        .is_allowed());
    let d = g.check_and_reserve(&req("c2", "u1", "k2")).await.unwrap();
    assert_eq!(d.rule(), Some(DenyRule::CustomerDailyCap));
    clock.advance(Duration::from_secs(120));
    let day2 = clock.today();
    assert_eq!(day2, "2026-11-25");
    let Decision::Allow { reservation } =
        g.check_and_reserve(&req("c3", "u1", "k3")).await.unwrap()
    else {
        panic!("a new day allows again")
    };
    assert_eq!(reservation.day, day2);
    assert_eq!(g.ledger().count("u1", &day1).await.unwrap(), 1);
    assert_eq!(g.ledger().count("u1", &day2).await.unwrap(), 1);
    assert_eq!(g.ledger().prune_before(&day2).await.unwrap(), 2);
    assert_eq!(g.ledger().count("u1", &day1).await.unwrap(), 0);
}

#[tokio::test]
async fn redelivery_reuses_its_reservation_and_release_gives_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let clock = ManualClock::at_unix_ms(NOON);
    let mut cfg = config();
    cfg.rates.customer_daily_cap = 1;
    cfg.rates.conversation_max_writes = 1;
    let g = gate(&sqlite_url(&dir), cfg, &clock).await;
    let r = req("c1", "u1", "ticket-1:return:abc");
    let Decision::Allow { reservation: first } = g.check_and_reserve(&r).await.unwrap() else {
        panic!("first is allowed")
    };
    assert!(!first.reused);
    assert_eq!(first.count, 1);
    // Redelivered: same key, nothing consumed (neither the cap nor the conversation rate).
    let Decision::Allow { reservation: again } = g.check_and_reserve(&r).await.unwrap() else {
        panic!("redelivery is allowed")
    };
    assert!(again.reused);
    assert_eq!(again.count, 1);
    assert_eq!(g.ledger().count("u1", &clock.today()).await.unwrap(), 1);
    // Redelivered to another instance (fresh limiters): same.
    let g2 = gate(&sqlite_url(&dir), g.config().clone(), &clock).await;
    assert!(g2.check_and_reserve(&r).await.unwrap().is_allowed());
    assert_eq!(g.ledger().count("u1", &clock.today()).await.unwrap(), 1);
    // The write failed for good: release once, the second release is a no-op.
    assert!(g.release(&first).await.unwrap());
    assert!(!g.release(&first).await.unwrap());
    assert_eq!(g.ledger().count("u1", &clock.today()).await.unwrap(), 0);
    // The slot is free for another write (on an instance whose in-memory cells are unused).
    let g3 = gate(&sqlite_url(&dir), g.config().clone(), &clock).await;
    assert!(g3
        .check_and_reserve(&req("c2", "u1", "k2"))
        .await
        .unwrap()
        .is_allowed());
}

#[tokio::test]
async fn keyed_limiter_memory_stays_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let clock = ManualClock::at_unix_ms(NOON);
    let mut cfg = config();
    cfg.rates.sweep_every_checks = 100;
    cfg.unlisted_actions = UnlistedActions::Allow;
    let g = gate(&sqlite_url(&dir), cfg, &clock).await;
    for i in 0..250 {
        let r = req(&format!("c{i}"), &format!("u{i}"), &format!("k{i}"));
        assert!(g.check_and_reserve(&r).await.unwrap().is_allowed());
    }
    let sizes = g.limiter_len();
    assert_eq!((sizes.conversations, sizes.customers), (250, 250));
    // Two days later every key is back at its fresh state.
    clock.advance(Duration::from_secs(2 * 24 * 3600));
    g.retain_recent();
    assert_eq!(g.limiter_len().total(), 0);
    // Swept automatically every 100 checks: 1,000 keys in 10 waves never pile up.
    for wave in 0..10 {
        for i in 0..100 {
            let key = format!("w{wave}-{i}");
            let r = req(&key, &key, &key);
            assert!(g.check_and_reserve(&r).await.unwrap().is_allowed());
        }
        clock.advance(Duration::from_secs(2 * 24 * 3600));
    }
    let sizes = g.limiter_len();
    assert!(sizes.conversations <= 100, "{sizes:?}");
    assert!(sizes.customers <= 100, "{sizes:?}");
}

/// Two instances over one database, 50 concurrent writes for one customer with cap 3.
async fn approval_race(url: &str) {
    let clock = ManualClock::at_unix_ms(NOON);
    let mut cfg = config();
    cfg.rates.customer_daily_cap = 3;
    // Both instances start at once (concurrent schema creation must not fail).
    let (a, b) = tokio::join!(gate(url, cfg.clone(), &clock), gate(url, cfg, &clock));
    let (a, b) = (Arc::new(a), Arc::new(b));
    let tasks: Vec<_> = (0..50)
        .map(|i| {
            let g = if i % 2 == 0 { a.clone() } else { b.clone() };
            tokio::spawn(async move {
                let r = req(&format!("c{i}"), "racer", &format!("race-{i}"));
                g.check_and_reserve(&r).await.unwrap()
            })
        })
        .collect();
    let mut allowed = 0;
    for t in tasks {
        match t.await.unwrap() {
            Decision::Allow { .. } => allowed += 1,
            d => assert_eq!(d.rule(), Some(DenyRule::CustomerDailyCap)),
        }
    }
    assert_eq!(allowed, 3);
    assert_eq!(a.ledger().count("racer", &clock.today()).await.unwrap(), 3);

    // The ledger alone (no in-memory pre-check): 50 racing reservations over two pools,
    // 10 of them redeliveries of the same key, cap 3 → exactly 3 slots.
    let (la, lb) = (a.ledger().clone(), b.ledger().clone());
    let day = clock.today();
    let tasks: Vec<_> = (0..50)
        .map(|i| {
            let l = if i % 2 == 0 { la.clone() } else { lb.clone() };
            let day = day.clone();
            tokio::spawn(async move {
                let key = if i < 10 {
                    "dup".to_owned()
                } else {
                    format!("l-{i}")
                };
                let r = req(&format!("c{i}"), "ledger-racer", &key);
                l.reserve(&r, &day, 3, NOON).await.unwrap()
            })
        })
        .collect();
    let mut reserved = Vec::new();
    for t in tasks {
        if let ReserveOutcome::Reserved(r) = t.await.unwrap() {
            reserved.push(r.count);
        }
    }
    reserved.sort_unstable();
    assert_eq!(reserved, vec![1, 2, 3]);
    assert_eq!(la.count("ledger-racer", &day).await.unwrap(), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn approval_race_on_sqlite_allows_exactly_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    approval_race(&sqlite_url(&dir)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn approval_race_on_postgres_allows_exactly_the_cap() {
    let Some(url) = fresh_pg().await else {
        return;
    };
    approval_race(&url).await;
    drop_pg(&url).await;
}

#[tokio::test]
async fn gate_on_postgres_restart_and_redelivery() {
    let Some(url) = fresh_pg().await else {
        return;
    };
    let clock = ManualClock::at_unix_ms(NOON);
    let mut cfg = config();
    cfg.rates.customer_daily_cap = 2;
    let g = gate(&url, cfg.clone(), &clock).await;
    let r = req("c1", "u1", "k1");
    assert!(g.check_and_reserve(&r).await.unwrap().is_allowed());
    let Decision::Allow { reservation } = g.check_and_reserve(&r).await.unwrap() else {
        panic!("redelivery is allowed")
    };
    assert!(reservation.reused);
    assert!(g
        .check_and_reserve(&req("c2", "u1", "k2"))
        .await
        .unwrap()
        .is_allowed());
    // Restart: schema creation is idempotent, the cap holds.
    let g = gate(&url, cfg, &clock).await;
    let d = g.check_and_reserve(&req("c3", "u1", "k3")).await.unwrap();
    assert_eq!(d.rule(), Some(DenyRule::CustomerDailyCap));
    assert!(g.release(&reservation).await.unwrap());
    assert_eq!(g.ledger().count("u1", &clock.today()).await.unwrap(), 1);
    g.ledger().pool().close().await;
    drop_pg(&url).await;
}

#[tokio::test]
async fn empty_keys_are_invalid_requests() {
    let dir = tempfile::tempdir().unwrap();
    let clock = ManualClock::at_unix_ms(NOON);
    let g = gate(&sqlite_url(&dir), config(), &clock).await;
    let err = g.check_and_reserve(&req("c1", "", "k1")).await.unwrap_err();
    assert!(!err.is_transient());
}
