//! What the channel tests share: a broker, topics, a state database, a running gateway,
//! signed requests, and the mail servers `scripts/test.sh` starts.

use std::sync::Arc;
use std::time::Duration;

use frontdesk::channels::accept::Acceptor;
use frontdesk::channels::gateway::{Gateway, Webhook};
use frontdesk::channels::mail::{MailTickets, Threads};
use frontdesk::config::Config;
use frontdesk::messages::Ticket;
use frontdesk::state::StateDb;
use frontdesk::topics::Topics;
use tokio_util::sync::CancellationToken;

use crate::helpers::*;

/// The golden request bodies the gateway's unit tests use.
pub fn golden(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/src/channels/gateway/golden/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A broker with the topics applied, a config naming them, and a state database.
pub struct Base {
    /// Kept alive for the test (a mock cluster stops when dropped).
    pub _broker: Broker,
    pub brokers: String,
    pub cfg: Config,
    pub topics: Topics,
    pub state: StateDb,
    pub dir: tempfile::TempDir,
}

pub async fn base(which: Which) -> Option<Base> {
    let broker = broker(which)?;
    let brokers = broker.bootstrap();
    let dir = tempfile::tempdir().unwrap();
    let mut cfg = test_config(dir.path());
    cfg.channels.gateway.produce_timeout = Duration::from_secs(10);
    let topics = apply_topics(&cfg, &broker).await;
    let state = StateDb::connect(&cfg.state.url, 4).await.unwrap();
    Some(Base {
        _broker: broker,
        brokers,
        cfg,
        topics,
        state,
        dir,
    })
}

impl Base {
    pub fn acceptor(&self) -> Acceptor {
        frontdesk::channels::accept::build(&self.cfg, &self.brokers, &self.state).unwrap()
    }

    pub fn mail_tickets(&self) -> MailTickets {
        MailTickets::new(Threads::new(self.state.pool().clone()), 64 * 1024)
    }

    /// Every ticket on the inbound topics so far: an end marker is written to every
    /// partition of each inbound topic and records are read until every marker came back.
    pub async fn inbound_tickets(&self) -> Vec<Ticket> {
        const END: &[u8] = b"__end_of_test_input__";
        let topics: Vec<String> = self.topics.inbound().into_iter().map(|(t, _)| t).collect();
        let refs: Vec<&str> = topics.iter().map(String::as_str).collect();
        let obs = observer(&self.cfg, &self.brokers, &refs);
        let p = producer(&self.cfg, &self.brokers);
        let mut markers = 0;
        for decl in self.topics.all().iter().filter(|d| d.channel.is_some()) {
            let topic = self.topics.physical(&decl.name);
            for partition in 0..decl.partitions {
                let record = rdkafka::producer::FutureRecord::to(&topic)
                    .partition(partition)
                    .key("end")
                    .payload(END);
                p.send(record, Duration::from_secs(30))
                    .await
                    .map_err(|(e, _)| e)
                    .unwrap();
                markers += 1;
            }
        }
        let seen = collect_until(&obs, Duration::from_secs(90), |s| {
            s.iter().filter(|r| r.value == END).count() >= markers
        })
        .await;
        let c = codec();
        let mut out = Vec::new();
        for s in seen.iter().filter(|s| s.value != END) {
            out.push(c.decode_ticket(&s.value, None).await.unwrap());
        }
        out
    }
}

/// A gateway serving `hooks` on a loopback port.
pub struct RunningGateway {
    pub url: String,
    pub shutdown: CancellationToken,
    pub task: tokio::task::JoinHandle<std::io::Result<()>>,
}

pub async fn gateway(base: &Base, hooks: Vec<Arc<dyn Webhook>>, max_body: usize) -> RunningGateway {
    gateway_with(base, hooks, max_body, base.acceptor()).await
}

pub async fn gateway_with(
    base: &Base,
    hooks: Vec<Arc<dyn Webhook>>,
    max_body: usize,
    acceptor: Acceptor,
) -> RunningGateway {
    let gw = Arc::new(Gateway::new(
        hooks,
        acceptor,
        base.mail_tickets(),
        max_body,
        base.state.pool().clone(),
    ));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let shutdown = CancellationToken::new();
    let task = tokio::spawn(frontdesk::channels::gateway::serve(
        listener,
        gw,
        shutdown.clone(),
    ));
    RunningGateway {
        url,
        shutdown,
        task,
    }
}

/// Zendesk's signature headers for `body`, stamped now.
pub fn zendesk_headers(secret: &str, body: &[u8]) -> Vec<(&'static str, String)> {
    use frontdesk::channels::signature::{sign, Algorithm, Encoding};
    let ts = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let sig = sign(
        Algorithm::Sha256,
        Encoding::Base64,
        secret.as_bytes(),
        &[ts.as_bytes(), body],
    );
    vec![
        ("x-zendesk-webhook-signature", sig),
        ("x-zendesk-webhook-signature-timestamp", ts),
        ("content-type", "application/json".to_owned()),
    ]
}

/// Intercom's signature header for `body`.
pub fn intercom_headers(secret: &str, body: &[u8]) -> Vec<(&'static str, String)> {
    use frontdesk::channels::signature::{sign, Algorithm, Encoding};
    let sig = sign(Algorithm::Sha1, Encoding::Hex, secret.as_bytes(), &[body]);
    vec![
        ("x-hub-signature", format!("sha1={sig}")),
        ("content-type", "application/json".to_owned()),
    ]
}

/// Twilio's signature header for a form `body` posted to `url` (the full public URL).
pub fn twilio_headers(token: &str, url: &str, body: &[u8]) -> Vec<(&'static str, String)> {
    use frontdesk::channels::gateway::webhook::urlencoded;
    use frontdesk::channels::signature::{sign, twilio_payload, Algorithm, Encoding};
    let payload = twilio_payload(url, &urlencoded(body));
    let sig = sign(
        Algorithm::Sha1,
        Encoding::Base64,
        token.as_bytes(),
        &[payload.as_bytes()],
    );
    vec![
        ("x-twilio-signature", sig),
        (
            "content-type",
            "application/x-www-form-urlencoded".to_owned(),
        ),
    ]
}

/// POSTs `body` with `headers`; returns the status, the content type and the body.
pub async fn post(
    url: &str,
    headers: &[(&'static str, String)],
    body: Vec<u8>,
) -> (u16, String, String) {
    let mut req = reqwest::Client::new().post(url).body(body);
    for (k, v) in headers {
        req = req.header(*k, v);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    let ctype = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (status, ctype, resp.text().await.unwrap())
}

/// The IMAP server `scripts/test.sh` starts: `(host, port, password)`, or None (skipped).
pub fn imap_server() -> Option<(String, u16, String)> {
    external("FRONTDESK_TEST_IMAP").map(|(h, p)| {
        (
            h,
            p,
            std::env::var("FRONTDESK_TEST_IMAP_PASSWORD").unwrap_or_default(),
        )
    })
}

/// The SMTP server `scripts/test.sh` starts: `(host, port, maildir it delivers into)`.
pub fn smtp_server() -> Option<(String, u16, std::path::PathBuf)> {
    let (h, p) = external("FRONTDESK_TEST_SMTP")?;
    let dir = std::env::var("FRONTDESK_TEST_SMTP_MAILDIR").ok()?;
    Some((h, p, dir.into()))
}

fn external(var: &str) -> Option<(String, u16)> {
    match std::env::var(var) {
        Ok(addr) => {
            let (h, p) = addr.rsplit_once(':').expect("host:port");
            Some((h.to_owned(), p.parse().expect("port")))
        }
        Err(_) => {
            assert!(
                std::env::var("FRONTDESK_REQUIRE_EXTERNAL").is_err(),
                "{var} is not set but FRONTDESK_REQUIRE_EXTERNAL is: run scripts/test.sh"
            );
            eprintln!("skipped: {var} is not set (scripts/test.sh starts the mail servers)");
            None
        }
    }
}

/// Waits until `cond` holds, or panics after `timeout`.
pub async fn eventually<F: FnMut() -> bool>(what: &str, timeout: Duration, mut cond: F) {
    let deadline = std::time::Instant::now() + timeout;
    while !cond() {
        assert!(
            std::time::Instant::now() < deadline,
            "timed out waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
