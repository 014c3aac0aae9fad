//! The agent-assist console in a real browser: Debian's chromium driven through
//! chromium-driver (WebDriver) with fantoccini, headless, no network beyond loopback.
//!
//! Skipped with a message when `chromedriver` is not installed, unless
//! `FRONTDESK_REQUIRE_BROWSER` is set (`scripts/test.sh` installs it and sets it). Waits are
//! on elements, never fixed sleeps, so a loaded two-core machine only makes them slower.
//!
//! One file (about 750 lines): the four browser flows share the driver, sign-in and
//! pipeline start-up helpers above them, and each flow is one long scripted session.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use frontdesk::console::{Role, Running, Users};
use frontdesk::harness::{Harness, HarnessOptions, Stages, Store};
use frontdesk::messages::{AuditRecord, Channel, Codec, RecordKind, Resolution, Ticket};
use frontdesk::stages::StageKind;
use frontdesk::topics::names;
use rdkafka::consumer::StreamConsumer;
use tokio_util::sync::CancellationToken;

use crate::helpers::*;

/// How long any one element may take to appear.
pub(crate) const WAIT: Duration = Duration::from_secs(90);

/// chromium-driver on a free loopback port, killed on drop.
struct Driver {
    child: Child,
    url: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn chromedriver() -> Option<&'static str> {
    ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists())
}

/// Starts chromium-driver, or `None` (test skipped) when it is not installed.
async fn driver() -> Option<Driver> {
    let Some(bin) = chromedriver() else {
        assert!(
            std::env::var("FRONTDESK_REQUIRE_BROWSER").is_err(),
            "chromium-driver is not installed but FRONTDESK_REQUIRE_BROWSER is set: run scripts/test.sh"
        );
        eprintln!("skipped: chromium-driver is not installed (scripts/test.sh installs it)");
        return None;
    };
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(bin)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let url = format!("http://127.0.0.1:{port}");
    let driver = Driver { child, url };
    let http = reqwest::Client::new();
    let deadline = tokio::time::Instant::now() + WAIT;
    while http
        .get(format!("{}/status", driver.url))
        .send()
        .await
        .is_err()
    {
        assert!(
            tokio::time::Instant::now() < deadline,
            "chromedriver did not start"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Some(driver)
}

/// A headless chromium session.
async fn browser(driver: &Driver) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".to_owned(),
        serde_json::json!({
            "binary": "/usr/bin/chromium",
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update",
                "--no-first-run", "--window-size=1400,1000",
            ],
        }),
    );
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&driver.url)
        .await
        .expect("a chromium session")
}

async fn find(c: &Client, css: &str) -> fantoccini::elements::Element {
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no {css}: {e}"))
}

/// Waits until the element's text contains `text`.
async fn wait_text(c: &Client, css: &str, text: &str) {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        if let Ok(e) = c.find(Locator::Css(css)).await {
            if e.text().await.is_ok_and(|t| t.contains(text)) {
                return;
            }
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "{css} never said {text:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn sign_in(c: &Client, base: &str, user: &str, password: &str) {
    c.goto(&format!("{base}/login")).await.unwrap();
    find(c, "#username").await.send_keys(user).await.unwrap();
    find(c, "#password")
        .await
        .send_keys(password)
        .await
        .unwrap();
    find(c, "#signin").await.click().await.unwrap();
    wait_text(c, "#whoami", user).await;
}

async fn screenshot(c: &Client, name: &str) {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("console");
    std::fs::create_dir_all(&dir).unwrap();
    let png = c.screenshot().await.unwrap();
    std::fs::write(dir.join(name), png).unwrap();
}

/// The pipeline (`store` and `stages`) on an embedded broker, and the console on a
/// loopback port over its broker and state; the console stops with the token.
/// The browser reaches it over plain HTTP: `test_config` with `Secure` cookies off.
pub(crate) async fn start(
    cfg: frontdesk::config::Config,
    store: Store,
    stages: Stages,
) -> (Harness, Running, CancellationToken) {
    let opts = HarnessOptions {
        broker: Broker::embedded().unwrap(),
        store,
        stages,
        keep_state_url: true,
        declare_topics: true,
    };
    let harness = Harness::start(cfg, opts).await.unwrap();
    let cfg = harness.cfg.clone();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let stop = CancellationToken::new();
    let running = frontdesk::console::start(&cfg, &harness.brokers, listener, stop.clone())
        .await
        .unwrap();
    (harness, running, stop)
}

pub(crate) async fn add_user(harness: &Harness, name: &str, role: Role) {
    Users::new(harness.state.pool().clone())
        .upsert(name, "a long enough password", &[role])
        .await
        .unwrap();
}

/// Publishes `t` on its channel's inbound topic, keyed by its conversation.
pub(crate) async fn publish_ticket(harness: &Harness, t: &Ticket) {
    let inbound = harness.topics.inbound_for(t.channel).unwrap();
    let value = harness
        .codec
        .encode(RecordKind::Ticket, &inbound, t)
        .await
        .unwrap();
    send(
        &producer(&harness.cfg, &harness.brokers),
        &inbound,
        &t.conversation_id,
        &value,
    )
    .await;
}

/// The next resolution of `ticket` on the observed topics.
pub(crate) async fn next_resolution(
    obs: &StreamConsumer,
    codec: &Codec,
    ticket: &str,
) -> Resolution {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        assert!(
            tokio::time::Instant::now() < deadline,
            "no resolution of {ticket}"
        );
        for s in collect_for(obs, Duration::from_millis(500)).await {
            if s.topic.ends_with(names::RESOLUTIONS) {
                let r: Resolution = codec
                    .decode(RecordKind::Resolution, &s.value)
                    .await
                    .unwrap();
                if r.ticket_id == ticket {
                    return r;
                }
            }
        }
    }
}

/// A test config whose console serves plain HTTP (no `Secure` cookies).
pub(crate) fn plain_http(dir: &std::path::Path) -> frontdesk::config::Config {
    let mut cfg = test_config(dir);
    cfg.console.secure_cookies = frontdesk::console::SecureCookies::Never;
    cfg
}

/// A write gate whose return ceiling ($50) sits under the puzzle's price ($52.01), so the
/// agent drafts the refund and hands it to a person for approval.
fn low_ceiling_limits(dir: &std::path::Path) -> std::path::PathBuf {
    let shipped =
        std::fs::read_to_string(frontdesk::config::resolve_path("config/limits.toml").unwrap())
            .unwrap();
    let lowered = shipped.replace(
        "[ceilings.return_delivered_order_items]\nmax_refund = 5000.0",
        "[ceilings.return_delivered_order_items]\nmax_refund = 50.0",
    );
    assert_ne!(shipped, lowered, "the shipped return ceiling moved");
    let path = dir.join("limits.toml");
    std::fs::write(&path, lowered).unwrap();
    path
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_claims_edits_sends_and_approves_a_refund_over_the_ceiling() {
    let Some(driver) = driver().await else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut cfg = plain_http(dir.path());
    cfg.agent.limits = low_ceiling_limits(dir.path());
    let store = Store::Sandbox {
        db_url: format!(
            "sqlite://{}?mode=rwc",
            dir.path().join("store.db").display()
        ),
        data_dir: frontdesk::demo::default_data_dir().unwrap(),
    };
    let stages = Stages::Configured(StageKind::ALL.to_vec());
    let (harness, running, stop) = start(cfg, store, stages).await;
    let base = format!("http://{}", running.addr);
    add_user(&harness, "ana", Role::Approver).await;
    let obs = observer(
        &harness.cfg,
        &harness.brokers,
        &[
            &harness.topics.physical(names::RESOLUTIONS),
            &harness.topics.physical(names::AUDIT),
        ],
    );

    // The real pipeline: an e-mail asking for a refund the gate will not make alone.
    let mut t = Ticket::new(
        "t-refund-1",
        "c-refund-1",
        Channel::Email,
        "Hello, the jigsaw puzzle from my order #W7752779 is missing pieces. Please return it and refund it to my PayPal account.",
    );
    t.customer.email = Some("isabella.brown8771@example.com".into());
    publish_ticket(&harness, &t).await;
    // The agent states the return and waits for the customer's "yes" before any write
    // (every write is confirmed); the "yes" sends the refund to the gate, over its ceiling.
    let codec = codec();
    let question = next_resolution(&obs, &codec, "t-refund-1").await;
    assert!(
        question.reply.contains("W7752779"),
        "the confirmation names the order: {}",
        question.reply
    );
    let mut yes = Ticket::new("t-refund-2", "c-refund-1", Channel::Email, "Yes, please.");
    yes.customer.email = t.customer.email.clone();
    publish_ticket(&harness, &yes).await;

    let c = browser(&driver).await;
    sign_in(&c, &base, "ana", "a long enough password").await;
    // The queue fills from the handoffs topic; reload until the ticket is in it.
    let row = "tr[data-ticket='t-refund-2'] a.open-handoff";
    let deadline = tokio::time::Instant::now() + WAIT;
    while c.find(Locator::Css(row)).await.is_err() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the handoff never reached the queue"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
        c.refresh().await.unwrap();
    }
    wait_text(
        &c,
        "tr[data-ticket='t-refund-2'] .reason",
        "approval_required",
    )
    .await;
    screenshot(&c, "console-queue.png").await;

    find(&c, row).await.click().await.unwrap();
    wait_text(&c, "#ticket-id", "t-refund-2").await;
    wait_text(&c, "#proposed", "return_delivered_order_items").await;
    find(&c, "#claim").await.click().await.unwrap();
    wait_text(&c, "#claimed-by", "ana").await;

    let reply = "Hello Isabella, I am sorry about the missing pieces. I have approved the return of the puzzle: $52.01 goes back to your PayPal account.";
    let draft = find(&c, "#draft").await;
    draft.clear().await.unwrap();
    draft.send_keys(reply).await.unwrap();
    find(&c, "#send").await.click().await.unwrap();
    wait_text(&c, "#notice", "Reply sent").await;

    find(&c, "#approve").await.click().await.unwrap();
    wait_text(&c, "#action-status", "approved").await;
    screenshot(&c, "console-conversation.png").await;
    c.close().await.unwrap();

    // A second approval (a double click that got through, another replica) is refused,
    // and the store still holds exactly one refund.
    let ana = frontdesk::console::User {
        username: "ana".into(),
        roles: vec![Role::Approver],
    };
    let again = running.console.approve(&ana, "t-refund-2").await;
    assert!(
        matches!(again, Err(frontdesk::console::ConsoleError::Conflict(_))),
        "{again:?}"
    );
    let store = harness.cfg.agent.store_url.clone().unwrap();
    let ledger: serde_json::Value = reqwest::get(format!("{store}/admin/ledger"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let refunds: Vec<&serde_json::Value> = ledger
        .as_array()
        .or_else(|| ledger["entries"].as_array())
        .expect("the ledger is a list")
        .iter()
        .filter(|e| e["operation"] == "return_delivered_order_items" && e["ok"] == true)
        .collect();
    assert_eq!(refunds.len(), 1, "exactly one refund: {ledger}");
    let order: serde_json::Value = reqwest::get(format!("{store}/orders/W7752779"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        order.to_string().contains("return requested"),
        "the order awaits its return: {order}"
    );

    // The reply left as an outbound record threaded on the conversation, marked as the
    // person's; the approval is on the audit topic with the approver.
    let mut reply_seen = None;
    let mut approval_seen = None;
    let deadline = tokio::time::Instant::now() + WAIT;
    while reply_seen.is_none() || approval_seen.is_none() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "outbound or audit record missing"
        );
        for s in collect_for(&obs, Duration::from_millis(500)).await {
            if s.topic.ends_with(names::RESOLUTIONS) {
                let r: Resolution = codec
                    .decode(RecordKind::Resolution, &s.value)
                    .await
                    .unwrap();
                if r.ticket_id == "t-refund-2:agent:1" {
                    reply_seen = Some((r, s.headers));
                }
            } else {
                let a: AuditRecord = codec.decode(RecordKind::Audit, &s.value).await.unwrap();
                if a.stage == "console" && a.outcome == "approved" {
                    approval_seen = Some(a);
                }
            }
        }
    }
    let (r, headers) = reply_seen.unwrap();
    assert_eq!(r.conversation_id, "c-refund-1");
    assert_eq!(r.reply, reply);
    assert_eq!(
        r.customer.email.as_deref(),
        Some("isabella.brown8771@example.com")
    );
    assert_eq!(
        headers.get("frontdesk-sent-by").map(String::as_str),
        Some("ana")
    );
    let a = approval_seen.unwrap();
    assert_eq!(a.ticket_id, "t-refund-2");
    assert_eq!(a.rule, frontdesk::messages::Rule::HumanApproval);
    let inputs: serde_json::Value = serde_json::from_str(&a.inputs_json).unwrap();
    assert_eq!(inputs["actor"], "ana");
    assert_eq!(inputs["action"], "return_delivered_order_items");

    // The learning figures on /metrics (no session needed): one handoff claimed, one reply
    // the person rewrote, under the handoff's reason.
    let metrics = reqwest::get(format!("{base}/metrics"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for line in [
        "reason=\"approval_required\",edit=\"rewritten\"} 1",
        "frontdesk_console_open_handoffs{reason=\"approval_required\"} 1",
    ] {
        assert!(metrics.contains(line), "{line} missing:\n{metrics}");
    }
    assert!(
        metrics
            .lines()
            .any(|l| l.starts_with("frontdesk_console_claimed_total{") && l.ends_with("} 1")),
        "{metrics}"
    );

    stop.cancel();
    running.join().await.unwrap();
    harness.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_agent_cannot_approve_and_a_form_without_its_csrf_token_is_refused() {
    let Some(driver) = driver().await else { return };
    let dir = tempfile::tempdir().unwrap();
    let (harness, running, stop) = start(
        test_config(dir.path()),
        Store::None,
        Stages::Given(Vec::new()),
    )
    .await;
    let base = format!("http://{}", running.addr);
    add_user(&harness, "bob", Role::Agent).await;
    // A handoff proposing a refund, as the pipeline would publish it.
    let h = frontdesk::console::bench::synthetic(0, frontdesk::messages::now_ms());
    assert!(h.proposed_action.is_some());
    let handoffs = harness.topics.physical(names::HANDOFFS);
    let value = harness
        .codec
        .encode(RecordKind::Handoff, &handoffs, &h)
        .await
        .unwrap();
    send(
        &producer(&harness.cfg, &harness.brokers),
        &handoffs,
        &h.conversation_id,
        &value,
    )
    .await;

    // No page without signing in.
    let c = browser(&driver).await;
    c.goto(&format!("{base}/handoffs/{}", h.ticket_id))
        .await
        .unwrap();
    find(&c, "#signin").await;

    sign_in(&c, &base, "bob", "a long enough password").await;
    let page = format!("{base}/handoffs/{}", h.ticket_id);
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        c.goto(&page).await.unwrap();
        if c.find(Locator::Css("#ticket-id")).await.is_ok() {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the handoff never arrived"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    wait_text(&c, "#action-status", "proposed").await;
    assert!(
        c.find(Locator::Css("#approve")).await.is_err(),
        "an agent is offered no approve button"
    );
    // Posting the approval anyway, with a valid token, is refused on the server.
    let csrf = find(&c, "input[name=csrf]")
        .await
        .attr("value")
        .await
        .unwrap()
        .unwrap();
    c.execute(
        "const f = document.createElement('form'); f.method = 'post'; f.action = arguments[0];
         const i = document.createElement('input'); i.name = 'csrf'; i.value = arguments[1];
         f.appendChild(i); document.body.appendChild(f); f.submit();",
        vec![
            serde_json::json!(format!("/handoffs/{}/approve", h.ticket_id)),
            serde_json::json!(csrf),
        ],
    )
    .await
    .unwrap();
    wait_text(&c, "#error-message", "approver").await;

    // The claim form with its CSRF field removed is refused, and nothing changes.
    c.goto(&page).await.unwrap();
    c.execute(
        "document.querySelector(\"form[action$='/claim'] input[name=csrf]\").remove();",
        vec![],
    )
    .await
    .unwrap();
    find(&c, "#claim").await.click().await.unwrap();
    wait_text(&c, "#error-message", "CSRF").await;
    c.goto(&page).await.unwrap();
    wait_text(&c, "#claimed-by", "nobody").await;
    wait_text(&c, "#action-status", "proposed").await;
    c.close().await.unwrap();

    stop.cancel();
    running.join().await.unwrap();
    harness.stop().await.unwrap();
}

#[tokio::test]
async fn a_trusted_proxy_signs_in_registered_users_with_secure_cookies_behind_tls() {
    let dir = tempfile::tempdir().unwrap();
    let mut cfg = test_config(dir.path());
    cfg.console.identity_header = Some("X-Forwarded-User".into());
    cfg.console.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
    let (harness, running, stop) = start(cfg, Store::None, Stages::Given(Vec::new())).await;
    add_user(&harness, "carol", Role::Agent).await;
    let base = format!("http://{}", running.addr);
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();

    let anonymous = http.get(format!("{base}/")).send().await.unwrap();
    assert_eq!(
        anonymous.status(),
        303,
        "no header, no session: to the sign-in form"
    );
    let stranger = http
        .get(format!("{base}/"))
        .header("X-Forwarded-User", "mallory")
        .send()
        .await
        .unwrap();
    assert_eq!(stranger.status(), 403, "a name the console does not know");

    let carol = http
        .get(format!("{base}/"))
        .header("X-Forwarded-User", "carol")
        .header("X-Forwarded-Proto", "https")
        .send()
        .await
        .unwrap();
    assert_eq!(carol.status(), 200);
    let cookie = carol
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    for attribute in ["HttpOnly", "SameSite=Strict", "Secure", "Path=/"] {
        assert!(cookie.contains(attribute), "{attribute} missing: {cookie}");
    }
    assert!(carol.text().await.unwrap().contains(">carol<"));

    stop.cancel();
    running.join().await.unwrap();
    harness.stop().await.unwrap();
}

/// Publishes `handoffs` on the handoffs topic, as the policy stage would.
async fn publish_handoffs(harness: &Harness, handoffs: &[frontdesk::messages::Handoff]) {
    let topic = harness.topics.physical(names::HANDOFFS);
    let p = producer(&harness.cfg, &harness.brokers);
    for h in handoffs {
        let value = harness
            .codec
            .encode(RecordKind::Handoff, &topic, h)
            .await
            .unwrap();
        send(&p, &topic, &h.conversation_id, &value).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_filters_releases_notes_rejects_assigns_closes_and_hands_back() {
    let Some(driver) = driver().await else { return };
    let dir = tempfile::tempdir().unwrap();
    let (harness, running, stop) = start(
        plain_http(dir.path()),
        Store::None,
        Stages::Given(Vec::new()),
    )
    .await;
    let base = format!("http://{}", running.addr);
    add_user(&harness, "dee", Role::Approver).await;
    add_user(&harness, "eve", Role::Agent).await;
    let audit = observer(
        &harness.cfg,
        &harness.brokers,
        &[&harness.topics.physical(names::AUDIT)],
    );
    // bench::synthetic(0) proposes a refund (approval_required); 1 is always_escalate.
    let now = frontdesk::messages::now_ms();
    let (refund, escalated) = (
        frontdesk::console::bench::synthetic(0, now),
        frontdesk::console::bench::synthetic(1, now),
    );
    publish_handoffs(&harness, &[refund.clone(), escalated.clone()]).await;

    let c = browser(&driver).await;
    sign_in(&c, &base, "dee", "a long enough password").await;
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        c.goto(&format!("{base}/")).await.unwrap();
        if c.find(Locator::Css("#open-total"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
            == "2"
        {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the handoffs never reached the queue"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }

    // Filter by reason: only the refund is left.
    find(&c, "select[name=reason]")
        .await
        .select_by_value("approval_required")
        .await
        .unwrap();
    find(&c, "form.filters button").await.click().await.unwrap();
    wait_text(&c, "#open-total", "1").await;
    find(&c, &format!("tr[data-ticket='{}']", refund.ticket_id)).await;
    assert!(c
        .find(Locator::Css(&format!(
            "tr[data-ticket='{}']",
            escalated.ticket_id
        )))
        .await
        .is_err());

    // Claim, release, claim again, note, reject with a note, assign to a colleague, close.
    find(&c, "a.open-handoff").await.click().await.unwrap();
    wait_text(&c, "#ticket-id", &refund.ticket_id).await;
    find(&c, "#claim").await.click().await.unwrap();
    wait_text(&c, "#claimed-by", "dee").await;
    find(&c, "#release").await.click().await.unwrap();
    wait_text(&c, "#claimed-by", "nobody").await;
    find(&c, "#claim").await.click().await.unwrap();
    wait_text(&c, "#claimed-by", "dee").await;
    find(&c, "#note")
        .await
        .send_keys("The photos show the damage.")
        .await
        .unwrap();
    find(&c, "#add-note").await.click().await.unwrap();
    wait_text(&c, "#notice", "Note added").await;
    wait_text(&c, "#history", "The photos show the damage.").await;
    find(&c, "input[name=note]")
        .await
        .send_keys("Outside the return window.")
        .await
        .unwrap();
    find(&c, "#reject").await.click().await.unwrap();
    wait_text(&c, "#action-status", "rejected").await;
    find(&c, "select[name=to]")
        .await
        .select_by_value("eve")
        .await
        .unwrap();
    find(&c, "#assign").await.click().await.unwrap();
    wait_text(&c, "#claimed-by", "eve").await;
    find(&c, "#close").await.click().await.unwrap();
    wait_text(&c, "#status", "closed").await;

    // Hand the other one back to the agent; the queue is then empty.
    c.goto(&format!("{base}/handoffs/{}", escalated.ticket_id))
        .await
        .unwrap();
    find(&c, "#hand-back").await.click().await.unwrap();
    wait_text(&c, "#status", "returned").await;
    c.goto(&format!("{base}/")).await.unwrap();
    wait_text(&c, "#open-total", "0").await;

    // The learn page counts both handoffs, the claim and both closes.
    find(&c, "a[href='/learn']").await.click().await.unwrap();
    wait_text(&c, "#learn", "approval_required").await;
    wait_text(&c, "#learn", "always_escalate").await;
    c.close().await.unwrap();

    // Every action is on the audit topic with the person who did it.
    let codec = codec();
    let want = [
        "claim",
        "release",
        "note",
        "reject",
        "assign",
        "close",
        "hand_back",
    ];
    let mut seen: Vec<(String, String)> = Vec::new();
    let deadline = tokio::time::Instant::now() + WAIT;
    while !want.iter().all(|w| seen.iter().any(|(o, _)| o == w)) {
        assert!(
            tokio::time::Instant::now() < deadline,
            "audit records missing: {seen:?}"
        );
        for s in collect_for(&audit, Duration::from_millis(500)).await {
            let a: AuditRecord = codec.decode(RecordKind::Audit, &s.value).await.unwrap();
            let inputs: serde_json::Value = serde_json::from_str(&a.inputs_json).unwrap();
            assert_eq!(a.stage, "console");
            seen.push((a.outcome, inputs["actor"].as_str().unwrap_or("").to_owned()));
        }
    }
    assert!(seen.iter().all(|(_, actor)| actor == "dee"), "{seen:?}");

    stop.cancel();
    running.join().await.unwrap();
    harness.stop().await.unwrap();
}
