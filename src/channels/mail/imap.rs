//! `frontdesk mail poll`: reads a mailbox over IMAP and turns each new message into a
//! ticket. A message is marked done (`\Seen`, and moved to `done_mailbox` when one is
//! configured, which needs the server's `MOVE` extension) only after its ticket was
//! acknowledged by the broker, or found published before; a crash in between leaves it
//! unseen, and the next round finds its ticket in the inbox and only marks it.

use std::sync::Arc;
use std::time::Duration;

use futures::TryStreamExt;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio_util::sync::CancellationToken;
use tracing::{info, info_span, warn, Instrument};

use super::message::InboundMail;
use super::ticket::{MailOutcome, MailTickets};
use crate::channels::accept::{Accepted, Acceptor};
use crate::channels::config::ImapConfig;
use crate::channels::metrics::{self, MAIL_MESSAGES};
use crate::runtime::backoff::Backoff;

/// Why a round failed (the poller reconnects with backoff).
#[derive(Debug, thiserror::Error)]
pub enum ImapError {
    /// The connection or a command failed.
    #[error("IMAP: {0}")]
    Imap(#[from] async_imap::error::Error),
    /// The socket or TLS failed.
    #[error("IMAP connection: {0}")]
    Io(#[from] std::io::Error),
    /// Login was refused.
    #[error("IMAP login refused: {0}")]
    Login(String),
    /// The server name is not a valid TLS name.
    #[error("IMAP host `{0}` is not a valid TLS server name")]
    ServerName(String),
    /// A message could not be accepted (broker or database down).
    #[error("accepting a message: {0}")]
    Accept(String),
}

/// The mailbox poller.
pub struct Poller {
    cfg: ImapConfig,
    password: String,
    trusted: Vec<String>,
    acceptor: Acceptor,
    tickets: MailTickets,
}

/// What one round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Round {
    /// Messages fetched.
    pub fetched: usize,
    /// Tickets published.
    pub accepted: usize,
    /// Messages whose tickets were published before.
    pub duplicates: usize,
    /// Messages that are not customer messages (auto-replies, no sender) or not e-mail.
    pub ignored: usize,
    /// Messages another request is publishing right now (left for a later round).
    pub busy: usize,
}

impl Round {
    /// Messages finished (accepted, duplicate or ignored) this round.
    pub fn done(&self) -> usize {
        self.accepted + self.duplicates + self.ignored
    }
}

impl Poller {
    /// A poller for `cfg`, logging in with `password`.
    pub fn new(
        cfg: ImapConfig,
        password: String,
        trusted_authserv_ids: Vec<String>,
        acceptor: Acceptor,
        tickets: MailTickets,
    ) -> Poller {
        Poller {
            cfg,
            password,
            trusted: trusted_authserv_ids,
            acceptor,
            tickets,
        }
    }

    /// Polls until `shutdown` (or, with `once`, until the mailbox has nothing new).
    /// Connection failures are retried with backoff.
    pub async fn run(&self, shutdown: CancellationToken, once: bool) -> Result<Round, ImapError> {
        let backoff = Backoff {
            initial: Duration::from_secs(1),
            max: Duration::from_secs(60),
        };
        let mut failures = 0;
        let mut total = Round::default();
        while !shutdown.is_cancelled() {
            match self.session_rounds(&shutdown, once, &mut total).await {
                Ok(()) => return Ok(total),
                Err(error) => {
                    failures += 1;
                    if once && failures > 3 {
                        return Err(error);
                    }
                    warn!(%error, failures, "mail poll failed; reconnecting");
                    tokio::select! {
                        _ = shutdown.cancelled() => break,
                        _ = tokio::time::sleep(backoff.delay(failures)) => {}
                    }
                }
            }
        }
        Ok(total)
    }

    /// One connection: rounds until shutdown, `once` drained, or an error.
    async fn session_rounds(
        &self,
        shutdown: &CancellationToken,
        once: bool,
        total: &mut Round,
    ) -> Result<(), ImapError> {
        let tcp = tokio::net::TcpStream::connect((self.cfg.host.as_str(), self.cfg.port)).await?;
        if self.cfg.tls {
            let tls = tls_connect(&self.cfg.host, tcp).await?;
            self.rounds(async_imap::Client::new(tls), shutdown, once, total)
                .await
        } else {
            self.rounds(async_imap::Client::new(tcp), shutdown, once, total)
                .await
        }
    }

    async fn rounds<T>(
        &self,
        mut client: async_imap::Client<T>,
        shutdown: &CancellationToken,
        once: bool,
        total: &mut Round,
    ) -> Result<(), ImapError>
    where
        T: AsyncRead + AsyncWrite + Unpin + std::fmt::Debug + Send,
    {
        // The server's greeting.
        client.read_response().await?;
        let mut session = client
            .login(&self.cfg.username, &self.password)
            .await
            .map_err(|(e, _)| ImapError::Login(e.to_string()))?;
        session.select(&self.cfg.mailbox).await?;
        info!(mailbox = %self.cfg.mailbox, host = %self.cfg.host, "mailbox selected");
        loop {
            let round = self.round(&mut session).await?;
            total.fetched += round.fetched;
            total.accepted += round.accepted;
            total.duplicates += round.duplicates;
            total.ignored += round.ignored;
            total.busy += round.busy;
            if round.done() > 0 {
                continue;
            }
            if once {
                let _ = session.logout().await;
                return Ok(());
            }
            tokio::select! {
                _ = shutdown.cancelled() => {
                    let _ = session.logout().await;
                    return Ok(());
                }
                _ = tokio::time::sleep(self.cfg.poll_interval) => {}
            }
            // Let the server report messages that arrived meanwhile.
            session.noop().await?;
        }
    }

    /// Fetches up to `batch` unseen messages and accepts each.
    async fn round<T>(&self, session: &mut async_imap::Session<T>) -> Result<Round, ImapError>
    where
        T: AsyncRead + AsyncWrite + Unpin + std::fmt::Debug + Send,
    {
        let mut uids: Vec<u32> = session.uid_search("UNSEEN").await?.into_iter().collect();
        uids.sort_unstable();
        uids.truncate(self.cfg.batch.max(1));
        let mut round = Round::default();
        if uids.is_empty() {
            return Ok(round);
        }
        let set: Vec<String> = uids.iter().map(u32::to_string).collect();
        let fetched: Vec<(u32, Vec<u8>)> = session
            .uid_fetch(set.join(","), "(UID BODY.PEEK[])")
            .await?
            .try_filter_map(|f| async move { Ok(f.uid.zip(f.body().map(<[u8]>::to_vec))) })
            .try_collect()
            .await?;
        round.fetched = fetched.len();
        for (uid, raw) in fetched {
            let span = info_span!("mail", uid, ticket_id = tracing::field::Empty);
            let outcome = self.accept(&raw).instrument(span).await?;
            match outcome {
                "accepted" => round.accepted += 1,
                "duplicate" => round.duplicates += 1,
                "busy" => {
                    round.busy += 1;
                    continue;
                }
                _ => round.ignored += 1,
            }
            metrics::count(MAIL_MESSAGES, &[("outcome", outcome)]);
            self.mark_done(session, uid).await?;
        }
        Ok(round)
    }

    /// Accepts one message; the bounded outcome label.
    async fn accept(&self, raw: &[u8]) -> Result<&'static str, ImapError> {
        let mail = match InboundMail::from_mime(raw, &self.trusted) {
            Ok(m) => m,
            Err(error) => {
                warn!(%error, "not an e-mail; marking it done");
                return Ok("unparseable");
            }
        };
        let inbound = match self.tickets.ticket(&mail).await {
            Ok(MailOutcome::Ticket(i)) => i,
            Ok(MailOutcome::Ignored(why)) => {
                info!(why, "not a customer message; marking it done");
                return Ok("ignored");
            }
            Err(e) => return Err(ImapError::Accept(e.to_string())),
        };
        tracing::Span::current().record("ticket_id", inbound.ticket.ticket_id.as_str());
        match self.acceptor.accept(&inbound).await {
            Ok(Accepted::New) => Ok("accepted"),
            Ok(Accepted::Duplicate) => Ok("duplicate"),
            Ok(Accepted::Busy) => Ok("busy"),
            Err(e) => Err(ImapError::Accept(e.to_string())),
        }
    }

    async fn mark_done<T>(
        &self,
        session: &mut async_imap::Session<T>,
        uid: u32,
    ) -> Result<(), ImapError>
    where
        T: AsyncRead + AsyncWrite + Unpin + std::fmt::Debug + Send,
    {
        session
            .uid_store(uid.to_string(), "+FLAGS.SILENT (\\Seen)")
            .await?
            .try_collect::<Vec<_>>()
            .await?;
        if let Some(done) = &self.cfg.done_mailbox {
            session.uid_mv(uid.to_string(), done).await?;
        }
        Ok(())
    }
}

/// TLS to `host` over `tcp`, verified against the Web PKI roots.
async fn tls_connect(
    host: &str,
    tcp: tokio::net::TcpStream,
) -> Result<tokio_rustls::client::TlsStream<tokio::net::TcpStream>, ImapError> {
    use tokio_rustls::rustls;
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| ImapError::Io(std::io::Error::other(e)))?
    .with_root_certificates(roots)
    .with_no_client_auth();
    let name = rustls::pki_types::ServerName::try_from(host.to_owned())
        .map_err(|_| ImapError::ServerName(host.to_owned()))?;
    Ok(tokio_rustls::TlsConnector::from(Arc::new(config))
        .connect(name, tcp)
        .await?)
}
