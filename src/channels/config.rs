//! The `[channels]` config section: one sub-section per provider (inbound and outbound
//! settings together), plus the gateway's and deliver's own tuning. An absent provider
//! section disables that provider on both sides. Secrets are named by environment variable.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::secret::SecretEnv;

/// `[channels]`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ChannelsConfig {
    /// The webhook gateway (`frontdesk gateway`).
    pub gateway: GatewayConfig,
    /// The delivery adapters (`frontdesk deliver`).
    pub deliver: DeliverConfig,
    /// Generic JSON in (bearer token) and a signed webhook out.
    pub generic: Option<GenericConfig>,
    /// Zendesk Support: webhooks in, comments and notes out.
    pub zendesk: Option<ZendeskConfig>,
    /// Intercom: conversation webhooks in, admin replies and notes out.
    pub intercom: Option<IntercomConfig>,
    /// Twilio Programmable Messaging: inbound SMS in, SMS replies out.
    pub twilio: Option<TwilioConfig>,
    /// E-mail: IMAP, parse webhooks and raw MIME in; SMTP out.
    pub email: Option<EmailConfig>,
}

/// `[channels.gateway]`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct GatewayConfig {
    /// Address to listen on (`--listen` overrides it).
    pub listen: String,
    /// The URL the providers call, without the path (e.g. `https://support.example.com`),
    /// when TLS ends at a proxy: Twilio signs the URL it called, not the one this process sees.
    pub public_url: Option<String>,
    /// Largest request body accepted; larger ones are answered 413.
    pub max_body_bytes: usize,
    /// How long a claimed event may stay unpublished before a retry of it may take it over
    /// (a request that died between claiming and publishing).
    #[serde(with = "humantime_serde")]
    pub claim_lease: Duration,
    /// How long a request waits for the broker's acknowledgement before answering 503.
    #[serde(with = "humantime_serde")]
    pub produce_timeout: Duration,
}

impl Default for GatewayConfig {
    fn default() -> Self {
        GatewayConfig {
            listen: "0.0.0.0:8080".to_owned(),
            public_url: None,
            max_body_bytes: 1 << 20,
            claim_lease: Duration::from_secs(30),
            produce_timeout: Duration::from_secs(10),
        }
    }
}

/// `[channels.deliver]`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DeliverConfig {
    /// Conversations delivered concurrently (a conversation's records go one at a time).
    pub max_in_flight: usize,
    /// Most records taken per poll; their offsets are committed when all are delivered
    /// or dead-lettered.
    pub max_batch: usize,
    /// Timeout of one HTTP request or SMTP transaction.
    #[serde(with = "humantime_serde")]
    pub request_timeout: Duration,
    /// Attempts per delivery (the first included) before it is dead-lettered.
    pub max_attempts: u32,
    /// Total time a delivery may spend retrying (including `Retry-After` waits) before it
    /// is dead-lettered; keep it under `kafka.max_poll_interval`.
    #[serde(with = "humantime_serde")]
    pub max_elapsed: Duration,
    /// First backoff of a 5xx or timeout (doubled per attempt, jittered).
    #[serde(with = "humantime_serde")]
    pub initial_backoff: Duration,
    /// Longest backoff.
    #[serde(with = "humantime_serde")]
    pub max_backoff: Duration,
    /// Where handoffs go for channels without a helpdesk of their own (SMS, generic):
    /// `webhook` (the generic signed webhook) or `none` (dead-lettered with the reason).
    pub handoff_fallback: HandoffFallback,
}

impl Default for DeliverConfig {
    fn default() -> Self {
        DeliverConfig {
            max_in_flight: 32,
            max_batch: 500,
            request_timeout: Duration::from_secs(15),
            max_attempts: 6,
            max_elapsed: Duration::from_secs(120),
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
            handoff_fallback: HandoffFallback::Webhook,
        }
    }
}

/// Where handoffs of SMS and generic tickets go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HandoffFallback {
    /// The generic signed webhook (`[channels.generic] webhook_url`).
    Webhook,
    /// Nowhere: such handoffs are dead-lettered (`no_route`).
    None,
}

/// `[channels.generic]`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct GenericConfig {
    /// Variable holding the bearer token `POST /webhooks/generic` requires; inbound is off
    /// when unset.
    pub token_env: Option<SecretEnv>,
    /// Where resolutions and handoffs of generic tickets are POSTed; outbound is off when unset.
    pub webhook_url: Option<String>,
    /// Variable holding the key of the `X-Frontdesk-Signature` HMAC on outbound webhooks.
    pub webhook_secret_env: Option<SecretEnv>,
}

/// `[channels.zendesk]`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ZendeskConfig {
    /// Variable holding the webhook's signing secret (inbound `X-Zendesk-Webhook-Signature`).
    pub signing_secret_env: Option<SecretEnv>,
    /// Largest distance between the signature timestamp and this clock; older requests
    /// are refused as replays.
    #[serde(default = "default_clock_skew", with = "humantime_serde")]
    pub max_clock_skew: Duration,
    /// `https://<subdomain>.zendesk.com`: the API deliver writes to.
    pub base_url: Option<String>,
    /// The agent whose API token deliver uses (`{email}/token` basic auth).
    pub email: Option<String>,
    /// Variable holding that agent's API token.
    pub api_token_env: Option<SecretEnv>,
    /// Status a resolution sets: `solved` by default; `pending` when it awaits the customer.
    #[serde(default = "default_solved_status")]
    pub solved_status: String,
    /// Group a handed-off ticket is assigned to.
    #[serde(default)]
    pub handoff_group_id: Option<i64>,
    /// Tags added to a handed-off ticket.
    #[serde(default = "default_handoff_tags")]
    pub handoff_tags: Vec<String>,
}

/// `[channels.intercom]`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IntercomConfig {
    /// Variable holding the app's client secret (inbound `X-Hub-Signature`).
    pub client_secret_env: Option<SecretEnv>,
    /// API base URL.
    #[serde(default = "default_intercom_url")]
    pub base_url: String,
    /// Variable holding the access token deliver uses.
    pub access_token_env: Option<SecretEnv>,
    /// The admin replies and notes are written as.
    pub admin_id: Option<String>,
    /// Team a handed-off conversation is assigned to.
    #[serde(default)]
    pub handoff_team_id: Option<String>,
    /// `Intercom-Version` header.
    #[serde(default = "default_intercom_version")]
    pub api_version: String,
}

/// `[channels.twilio]`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TwilioConfig {
    /// Variable holding the account's auth token: verifies `X-Twilio-Signature` and
    /// authenticates outbound messages.
    pub auth_token_env: SecretEnv,
    /// Account SID (`AC...`), for outbound messages.
    pub account_sid: Option<String>,
    /// API base URL.
    #[serde(default = "default_twilio_url")]
    pub base_url: String,
    /// Number replies are sent from; the number the customer wrote to when unset.
    #[serde(default)]
    pub from: Option<String>,
    /// Longest message body sent; longer replies are split at word boundaries (Twilio's
    /// limit is 1,600 characters).
    #[serde(default = "default_max_sms_chars")]
    pub max_chars: usize,
    /// Sent to the customer when their SMS is handed to a person; nothing when unset.
    #[serde(default)]
    pub handoff_notice: Option<String>,
}

/// `[channels.email]`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmailConfig {
    /// `Authentication-Results` headers are believed only from these authserv-ids (your
    /// receiving MTA's): a sender counts as verified when one of them reports DMARC pass,
    /// or DKIM or SPF pass for the From domain. Otherwise the ticket carries no identity.
    #[serde(default)]
    pub trusted_authserv_ids: Vec<String>,
    /// Variable holding the bearer token of `POST /webhooks/email/mime` (raw MIME); off when unset.
    #[serde(default)]
    pub mime_token_env: Option<SecretEnv>,
    /// Variable holding the Mailgun webhook signing key (`POST /webhooks/email/mailgun`).
    #[serde(default)]
    pub mailgun_signing_key_env: Option<SecretEnv>,
    /// Variable holding the password of the basic auth SendGrid's Inbound Parse URL carries
    /// (`POST /webhooks/email/sendgrid`).
    #[serde(default)]
    pub sendgrid_password_env: Option<SecretEnv>,
    /// The mailbox `frontdesk mail poll` reads.
    #[serde(default)]
    pub imap: Option<ImapConfig>,
    /// The server `frontdesk deliver` sends through.
    #[serde(default)]
    pub smtp: Option<SmtpConfig>,
}

/// `[channels.email.imap]`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImapConfig {
    /// Server host name.
    pub host: String,
    /// Server port (993 for TLS, 143 for plain).
    #[serde(default = "default_imap_port")]
    pub port: u16,
    /// Implicit TLS; `false` only for a server on a trusted network (tests).
    #[serde(default = "default_true")]
    pub tls: bool,
    /// Login name.
    pub username: String,
    /// Variable holding the password.
    pub password_env: SecretEnv,
    /// Mailbox read.
    #[serde(default = "default_inbox")]
    pub mailbox: String,
    /// Where a message goes once its ticket is acknowledged; it is only flagged `\Seen`
    /// when unset (and the poller reads unseen messages).
    #[serde(default)]
    pub done_mailbox: Option<String>,
    /// Pause between polls when the mailbox had nothing new.
    #[serde(default = "default_poll_interval", with = "humantime_serde")]
    pub poll_interval: Duration,
    /// Messages fetched per round.
    #[serde(default = "default_imap_batch")]
    pub batch: usize,
}

/// `[channels.email.smtp]`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpConfig {
    /// Server host name.
    pub host: String,
    /// Server port (587 STARTTLS, 465 TLS, 25 plain).
    #[serde(default = "default_smtp_port")]
    pub port: u16,
    /// `starttls`, `tls`, or `none` (only for a relay on a trusted network, and tests).
    #[serde(default = "default_smtp_security")]
    pub security: SmtpSecurity,
    /// Login name; no authentication when unset.
    #[serde(default)]
    pub username: Option<String>,
    /// Variable holding the password.
    #[serde(default)]
    pub password_env: Option<SecretEnv>,
    /// `From:` of replies, e.g. `Acme Support <support@acme.example>`; its domain names the
    /// `Message-ID`s.
    pub from: String,
    /// Where handoffs of e-mail tickets are sent (the team's mailbox or helpdesk address).
    #[serde(default)]
    pub handoff_to: Option<String>,
}

/// How the SMTP connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SmtpSecurity {
    /// Plain connection upgraded with STARTTLS (required).
    Starttls,
    /// Implicit TLS.
    Tls,
    /// No TLS.
    None,
}

const fn default_clock_skew() -> Duration {
    Duration::from_secs(300)
}
fn default_solved_status() -> String {
    "solved".to_owned()
}
fn default_handoff_tags() -> Vec<String> {
    vec!["frontdesk_handoff".to_owned()]
}
fn default_intercom_url() -> String {
    "https://api.intercom.io".to_owned()
}
fn default_intercom_version() -> String {
    "2.11".to_owned()
}
fn default_twilio_url() -> String {
    "https://api.twilio.com".to_owned()
}
const fn default_max_sms_chars() -> usize {
    1600
}
const fn default_imap_port() -> u16 {
    993
}
const fn default_true() -> bool {
    true
}
fn default_inbox() -> String {
    "INBOX".to_owned()
}
const fn default_poll_interval() -> Duration {
    Duration::from_secs(30)
}
const fn default_imap_batch() -> usize {
    50
}
const fn default_smtp_port() -> u16 {
    587
}
const fn default_smtp_security() -> SmtpSecurity {
    SmtpSecurity::Starttls
}

impl ChannelsConfig {
    /// Cross-field rules.
    pub fn validate(&self) -> Result<(), String> {
        if self.deliver.max_in_flight == 0 || self.deliver.max_batch == 0 {
            return Err("channels.deliver.max_in_flight and max_batch must be at least 1".into());
        }
        if self.deliver.max_attempts == 0 {
            return Err("channels.deliver.max_attempts must be at least 1".into());
        }
        if let Some(t) = &self.twilio {
            if t.max_chars == 0 {
                return Err("channels.twilio.max_chars must be at least 1".into());
            }
        }
        if let Some(g) = &self.generic {
            if g.webhook_url.is_some() != g.webhook_secret_env.is_some() {
                return Err(
                    "channels.generic: webhook_url and webhook_secret_env go together (outbound webhooks are always signed)"
                        .into(),
                );
            }
        }
        Ok(())
    }
}
