//! `frontdesk console bench`: how fast the console renders with a large queue, and how much
//! memory it holds. Seeds a fresh SQLite state database with synthetic handoffs, runs the
//! real `frontdesk console serve` as a child process (on an embedded broker, which it reads
//! the handoffs topic from), signs in over HTTP, and times page requests one at a time.
//! The child's resident memory is read from `/proc` after the requests.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use anyhow::Context;
use serde::Serialize;

use super::handoffs::Handoffs;
use super::users::{Role, Users};
use crate::messages::{
    now_ms, Band, Channel, Cost, Handoff, Identity, PlannedCall, Route, RoutedIntent, Rule,
    ToolCall, Turn,
};

/// What to measure.
#[derive(Debug, Clone)]
pub struct BenchOptions {
    /// Open handoffs in the queue.
    pub handoffs: usize,
    /// Timed requests per page.
    pub requests: usize,
}

/// Latency of one page, in milliseconds.
#[derive(Debug, Clone, Serialize)]
pub struct PageTimes {
    /// Median.
    pub p50_ms: f64,
    /// 99th percentile.
    pub p99_ms: f64,
    /// Slowest.
    pub max_ms: f64,
}

/// The bench's figures.
#[derive(Debug, Clone, Serialize)]
pub struct BenchReport {
    /// Open handoffs in the queue.
    pub handoffs: usize,
    /// Timed requests per page.
    pub requests: usize,
    /// `GET /`: the first page of the queue (oldest first, counts per reason, intent and
    /// channel).
    pub queue: PageTimes,
    /// `GET /?reason=...&claimed=unclaimed`: a filtered queue page.
    pub queue_filtered: PageTimes,
    /// `GET /handoffs/{ticket}`: a conversation view.
    pub conversation: PageTimes,
    /// The console process's resident memory after the requests (MiB).
    pub rss_mib: f64,
    /// Its peak resident memory (MiB).
    pub peak_rss_mib: f64,
    /// Seconds spent seeding the database (not part of the figures).
    pub seed_s: f64,
}

const REASONS: [Rule; 8] = [
    Rule::ApprovalRequired,
    Rule::AlwaysEscalate,
    Rule::LowConfidence,
    Rule::AskedForHuman,
    Rule::ActionFailed,
    Rule::OutOfScope,
    Rule::Planner,
    Rule::LowGrounding,
];
const INTENTS: [&str; 7] = [
    "return_order",
    "cancel_order",
    "order_status",
    "exchange_order",
    "refund_status",
    "complaint",
    "account_question",
];

/// A synthetic handoff of about the size the pipeline writes: a three-turn thread, three
/// tool calls with their responses, and, for approvals, a proposed refund.
pub fn synthetic(i: usize, now: i64) -> Handoff {
    let reason = REASONS[i % REASONS.len()];
    let intent = INTENTS[i % INTENTS.len()];
    let at = now - (i as i64 * 25_000) % (3 * 86_400_000);
    let order = format!("#W{:07}", 1_000_000 + i);
    let call = |tool: &str, args: String, response: String| ToolCall {
        tool: tool.to_owned(),
        arguments_json: args,
        idempotency_key: None,
        outcome: "ok".to_owned(),
        http_status: Some(200),
        response_json: Some(response),
        error: None,
        latency_ms: 12,
        attempts: 1,
    };
    Handoff {
        ticket_id: format!("bench-{i:06}"),
        conversation_id: format!("conv-{i:06}"),
        channel: Channel::ALL[i % Channel::ALL.len()],
        customer: Identity {
            email: Some(format!("customer{i}@example.com")),
            ..Default::default()
        },
        reason_code: reason,
        reason: format!("Synthetic handoff {i} for {}.", reason.as_str()),
        summary: format!("[email] {intent} — \"I need help with order {order}, it arrived damaged\""),
        draft_reply: format!("Hello, I have looked at order {order}: the return of 2 items for $1,240.50 needs a colleague's approval, and you will hear from us shortly."),
        transcript: vec![
            Turn { role: "customer".into(), text: format!("Hi, my order {order} arrived damaged and I want to return both items and get my money back to my credit card. Thanks, Sam"), at },
            Turn { role: "agent".into(), text: "Could you confirm the e-mail address on your account?".into(), at: at + 1_000 },
            Turn { role: "customer".into(), text: format!("Yes it is customer{i}@example.com"), at: at + 60_000 },
        ],
        tool_log: vec![
            call("find_user_id_by_email", "{\"email\":\"<EMAIL>\"}".to_owned(), format!("{{\"user_id\":\"user_{i}\"}}")),
            call("get_user_details", format!("{{\"user_id\":\"user_{i}\"}}"), "{\"name\":{\"first_name\":\"<NAME>\"},\"orders\":[\"#W1\",\"#W2\"],\"payment_methods\":{\"credit_card_1\":{\"brand\":\"visa\",\"last_four\":\"<CARD>\"}}}".to_owned()),
            call("get_order_details", format!("{{\"order_id\":\"{order}\"}}"), format!("{{\"order_id\":\"{order}\",\"status\":\"delivered\",\"items\":[{{\"item_id\":\"1\",\"price\":620.25}},{{\"item_id\":\"2\",\"price\":620.25}}]}}")),
        ],
        proposed_action: (reason == Rule::ApprovalRequired).then(|| PlannedCall {
            tool: "return_delivered_order_items".into(),
            arguments_json: format!("{{\"item_ids\":[\"1\",\"2\"],\"order_id\":\"{order}\",\"payment_method_id\":\"credit_card_1\"}}"),
        }),
        route: Some(Route {
            intents: vec![RoutedIntent { intent: intent.into(), confidence: 0.91, band: Band::Conditional }],
            band: Band::Conditional,
            allow_list: vec!["get_order_details".into(), "return_delivered_order_items".into()],
            out_of_scope: false,
            model: "bench".into(),
        }),
        citations: vec!["policy.md#returns".into()],
        cost: Cost::default(),
        latency_ms: 850,
        handed_off_at: at,
    }
}

fn times(mut ms: Vec<f64>) -> PageTimes {
    ms.sort_by(f64::total_cmp);
    let at = |q: f64| (ms[((ms.len() as f64 - 1.0) * q).round() as usize] * 100.0).round() / 100.0;
    PageTimes {
        p50_ms: at(0.5),
        p99_ms: at(0.99),
        max_ms: at(1.0),
    }
}

/// `VmRSS` and `VmHWM` of a process, in MiB.
fn memory(pid: u32) -> anyhow::Result<(f64, f64)> {
    use crate::bench::procfs::{peak_rss_kib, rss_kib};
    let mib = |kib: u64| (kib as f64 / 1024.0 * 10.0).round() / 10.0;
    Ok((
        mib(rss_kib(pid).context("no VmRSS")?),
        mib(peak_rss_kib(pid).context("no VmHWM")?),
    ))
}

/// The value of `name="csrf"` in a page.
fn csrf_of(page: &str) -> Option<String> {
    let at = page.find("name=\"csrf\" value=\"")? + "name=\"csrf\" value=\"".len();
    Some(page[at..].split('"').next()?.to_owned())
}

/// The `name=value` of a `Set-Cookie` named `name`.
fn cookie_of(res: &reqwest::Response, name: &str) -> Option<String> {
    res.headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .and_then(|v| v.split(';').next())
        .map(str::to_owned)
}

/// Kills the child when the bench ends, however it ends.
struct ChildGuard(std::process::Child);

impl Drop for ChildGuard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Runs the bench.
pub async fn run(opts: BenchOptions) -> anyhow::Result<BenchReport> {
    let dir = tempfile::tempdir()?;
    let url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("state.db").display()
    );
    let state = crate::state::StateDb::connect(&url, 1).await?;
    let started = Instant::now();
    let handoffs = Handoffs::new(state.pool().clone());
    let now = now_ms();
    let headers = BTreeMap::new();
    for i in 0..opts.handoffs {
        handoffs.insert(&synthetic(i, now), &headers).await?;
    }
    let password = super::sessions::random_token();
    Users::new(state.pool().clone())
        .upsert("bench", &password, &[Role::Agent])
        .await?;
    let seed_s = (started.elapsed().as_secs_f64() * 10.0).round() / 10.0;
    drop(handoffs);
    drop(state);

    let broker = crate::kafka::EmbeddedBroker::start(1)?;
    let prefix = format!("bench{}", &uuid::Uuid::new_v4().simple().to_string()[..8]);
    crate::topics::Topics::default_with_prefix(&prefix).apply_embedded(&broker)?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let base = format!("http://127.0.0.1:{port}");
    let child = std::process::Command::new(std::env::current_exe()?)
        .args(["console", "serve", "--listen", &format!("127.0.0.1:{port}")])
        .env("FRONTDESK__STATE__URL", &url)
        .env("FRONTDESK__KAFKA__BROKERS", broker.bootstrap_servers())
        .env("FRONTDESK__TOPICS__PREFIX", &prefix)
        .env("FRONTDESK__KAFKA__GROUP_PREFIX", &prefix)
        .env("FRONTDESK__CONSOLE__SECURE_COOKIES", "never")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .context("Failed to start `frontdesk console serve`")?;
    let child = ChildGuard(child);
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let deadline = Instant::now() + Duration::from_secs(60);
    while http.get(format!("{base}/readyz")).send().await.is_err() {
        anyhow::ensure!(Instant::now() < deadline, "the console did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let login = http.get(format!("{base}/login")).send().await?;
    let login_cookie = cookie_of(&login, super::auth::LOGIN_COOKIE).context("no login cookie")?;
    let token = csrf_of(&login.text().await?).context("no csrf field")?;
    let signed = http
        .post(format!("{base}/login"))
        .header(reqwest::header::COOKIE, login_cookie)
        .form(&[
            ("username", "bench"),
            ("password", &password),
            ("csrf", &token),
        ])
        .send()
        .await?;
    let session = cookie_of(&signed, super::auth::SESSION_COOKIE).context("sign-in failed")?;
    let timed = |path: String| {
        let (http, session, base) = (http.clone(), session.clone(), base.clone());
        async move {
            let mut ms = Vec::with_capacity(opts.requests);
            for _ in 0..opts.requests.max(1) {
                let t = Instant::now();
                let res = http
                    .get(format!("{base}{path}"))
                    .header(reqwest::header::COOKIE, &session)
                    .send()
                    .await?;
                anyhow::ensure!(res.status().is_success(), "{path}: {}", res.status());
                let body = res.text().await?;
                ms.push(t.elapsed().as_secs_f64() * 1000.0);
                anyhow::ensure!(body.contains("frontdesk console"), "{path}: not a page");
            }
            Ok::<_, anyhow::Error>(times(ms))
        }
    };
    let queue = timed("/".to_owned()).await?;
    let queue_filtered = timed("/?reason=approval_required&claimed=unclaimed".to_owned()).await?;
    let conversation = timed(format!("/handoffs/bench-{:06}", opts.handoffs / 2)).await?;
    let (rss_mib, peak_rss_mib) = memory(child.0.id())?;
    Ok(BenchReport {
        handoffs: opts.handoffs,
        requests: opts.requests,
        queue,
        queue_filtered,
        conversation,
        rss_mib,
        peak_rss_mib,
        seed_s,
    })
}
