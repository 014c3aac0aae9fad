//! The console's start-up: state database, producer, executor and gate, the handoffs
//! consumer and the HTTP server, in one call ([`start`]); and its routes ([`router`]).

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use axum::extract::Request;
use axum::http::header;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use super::approval::Approver;
use super::config::ConsoleConfig;
use super::handoffs::Handoffs;
use super::history::History;
use super::outbound::Outbound;
use super::sessions::Sessions;
use super::users::Users;
use super::{auth, consumer, forms, pages};
use crate::config::Config;
use crate::state::StateDb;
use crate::topics::names;

/// Everything a request may need. Shared by every handler (`Arc`).
pub struct Console {
    pub(crate) cfg: ConsoleConfig,
    pub(crate) handoffs: Handoffs,
    pub(crate) users: Users,
    pub(crate) sessions: Sessions,
    pub(crate) history: History,
    pub(crate) state: StateDb,
    pub(crate) outbound: Outbound,
    pub(crate) approver: Option<Approver>,
    /// Copied into every audit record (the write gate's policy version).
    pub(crate) policy_version: String,
}

/// A running console.
pub struct Running {
    /// Where it listens.
    pub addr: SocketAddr,
    /// The console (for benches and tests that call it directly).
    pub console: Arc<Console>,
    server: JoinHandle<std::io::Result<()>>,
    consumer: JoinHandle<()>,
}

impl Running {
    /// Waits until the server and the consumer stopped (after the shutdown token).
    pub async fn join(self) -> anyhow::Result<()> {
        self.consumer.await.context("handoffs consumer panicked")?;
        self.server
            .await
            .context("console server panicked")?
            .context("console server failed")
    }
}

/// Builds the console from `cfg` against `brokers`, starts reading the handoffs topic and
/// serving on `listener`, until `shutdown`.
pub async fn start(
    cfg: &Config,
    brokers: &str,
    listener: tokio::net::TcpListener,
    shutdown: CancellationToken,
) -> anyhow::Result<Running> {
    let state = StateDb::connect(&cfg.state.url, cfg.state.max_connections)
        .await
        .context("Failed to open the state database")?;
    let topics = crate::pipeline::topics(cfg)?;
    let codec = crate::pipeline::codec(cfg);
    let gate = Arc::new(crate::pipeline::build_gate(cfg, &state).await?);
    let approver = crate::pipeline::build_executor(cfg)?
        .map(|executor| Approver::new(executor, gate.clone(), state.clone()));
    if approver.is_none() {
        tracing::warn!(
            "agent.store_url is not set: proposed actions cannot be approved from the console"
        );
    }
    let producer = crate::kafka::producer(brokers, &cfg.kafka)?;
    let outbound = Outbound::new(
        producer,
        codec.clone(),
        topics.physical(names::RESOLUTIONS),
        topics.physical(names::AUDIT),
        cfg.runtime.produce_timeout,
    );
    let pool = state.pool().clone();
    let console = Arc::new(Console {
        cfg: cfg.console.clone(),
        handoffs: Handoffs::new(pool.clone()),
        users: Users::new(pool.clone()),
        sessions: Sessions::new(pool.clone(), cfg.console.session_ttl),
        history: History::new(pool),
        state,
        outbound,
        approver,
        policy_version: gate.policy_version().to_owned(),
    });
    let group = format!("{}.{}", cfg.kafka.group_prefix, cfg.console.group);
    let reader: rdkafka::consumer::StreamConsumer =
        crate::kafka::consumer_config(brokers, &group, &cfg.kafka).create()?;
    rdkafka::consumer::Consumer::subscribe(&reader, &[&topics.physical(names::HANDOFFS)])?;
    let consumer = tokio::spawn(consumer::run(
        reader,
        codec,
        console.handoffs.clone(),
        shutdown.clone(),
    ));
    let addr = listener.local_addr()?;
    let app = router(console.clone()).into_make_service_with_connect_info::<SocketAddr>();
    let stop = shutdown.clone();
    let server = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async move { stop.cancelled().await })
            .await
    });
    tracing::info!(%addr, group, "console serving");
    Ok(Running {
        addr,
        console,
        server,
        consumer,
    })
}

/// `frontdesk console serve`: the console on `listen` until SIGINT/SIGTERM.
pub async fn serve(cfg: Config, listen: &str) -> anyhow::Result<()> {
    anyhow::ensure!(
        !cfg.kafka.is_embedded(),
        "the console reads the pipeline's handoffs: set kafka.brokers (FRONTDESK__KAFKA__BROKERS)"
    );
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("Failed to listen on {listen}"))?;
    let shutdown = CancellationToken::new();
    crate::runtime::shutdown::install(shutdown.clone());
    let running = start(&cfg, &cfg.kafka.brokers, listener, shutdown).await?;
    eprintln!("console on http://{}", running.addr);
    running.join().await
}

/// The stylesheet, compiled in (no build step, no CDN).
const CSS: &str = include_str!("static/console.css");

/// Headers every answer carries: no framing, no sniffing, no script or outside resource,
/// forms post only here, nothing cached.
async fn security_headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        header::HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        header::HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        header::HeaderValue::from_static("same-origin"),
    );
    h.entry(header::CACHE_CONTROL)
        .or_insert(header::HeaderValue::from_static("no-store"));
    res
}

/// The routes: pages and forms behind the session layer; sign-in, health, metrics and the
/// stylesheet outside it.
pub fn router(console: Arc<Console>) -> Router {
    let private = Router::new()
        .route("/", get(pages::queue))
        .route("/handoffs/{ticket}", get(pages::conversation))
        .route("/handoffs/{ticket}/{action}", post(forms::act))
        .route("/learn", get(pages::learn))
        .route("/logout", post(auth::logout))
        .layer(middleware::from_fn_with_state(
            console.clone(),
            auth::require_session,
        ));
    Router::new()
        .merge(private)
        .route("/login", get(auth::login_page).post(auth::login))
        .route("/metrics", get(pages::metrics))
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(pages::ready))
        .route(
            "/static/console.css",
            get(|| async {
                (
                    [
                        (header::CONTENT_TYPE, "text/css; charset=utf-8"),
                        (header::CACHE_CONTROL, "max-age=3600"),
                    ],
                    CSS,
                )
                    .into_response()
            }),
        )
        .layer(middleware::from_fn(security_headers))
        .with_state(console)
}
