//! Config to a running gateway: the one place that reads the webhook secrets.

use std::sync::Arc;

use super::generic::Generic;
use super::intercom::Intercom;
use super::mailgun::Mailgun;
use super::mime::Mime;
use super::sendgrid::Sendgrid;
use super::server::Gateway;
use super::twilio::Twilio;
use super::webhook::Webhook;
use super::zendesk::Zendesk;
use crate::channels::mail::{MailTickets, Threads};
use crate::channels::secret::MissingSecret;
use crate::config::Config;
use crate::state::StateDb;

/// The webhooks the config enables, their secrets read from the environment. A provider
/// section without its inbound secret serves no webhook.
pub fn webhooks(cfg: &Config) -> Result<Vec<Arc<dyn Webhook>>, MissingSecret> {
    let ch = &cfg.channels;
    let mut hooks: Vec<Arc<dyn Webhook>> = Vec::new();
    if let Some(env) = ch.generic.as_ref().and_then(|g| g.token_env.as_ref()) {
        hooks.push(Arc::new(Generic::new(
            env.load()?,
            crate::pipeline::codec(cfg),
        )));
    }
    if let Some(z) = &ch.zendesk {
        if let Some(env) = &z.signing_secret_env {
            hooks.push(Arc::new(Zendesk::new(env.load()?, z.max_clock_skew)));
        }
    }
    if let Some(env) = ch
        .intercom
        .as_ref()
        .and_then(|i| i.client_secret_env.as_ref())
    {
        hooks.push(Arc::new(Intercom::new(env.load()?)));
    }
    if let Some(t) = &ch.twilio {
        hooks.push(Arc::new(Twilio::new(
            t.auth_token_env.load()?,
            ch.gateway.public_url.clone(),
        )));
    }
    if let Some(e) = &ch.email {
        if let Some(env) = &e.mime_token_env {
            hooks.push(Arc::new(Mime::new(
                env.load()?,
                e.trusted_authserv_ids.clone(),
            )));
        }
        if let Some(env) = &e.mailgun_signing_key_env {
            hooks.push(Arc::new(Mailgun::new(env.load()?)));
        }
        if let Some(env) = &e.sendgrid_password_env {
            hooks.push(Arc::new(Sendgrid::new(env.load()?)));
        }
    }
    Ok(hooks)
}

/// The gateway the config describes, publishing to `brokers`.
pub fn build(cfg: &Config, brokers: &str, state: &StateDb) -> anyhow::Result<Gateway> {
    let hooks = webhooks(cfg)?;
    anyhow::ensure!(
        !hooks.is_empty(),
        "no webhook is configured: add a provider section under [channels] (see deploy/frontdesk.example.toml)"
    );
    Ok(Gateway::new(
        hooks,
        crate::channels::accept::build(cfg, brokers, state)?,
        MailTickets::new(
            Threads::new(state.pool().clone()),
            cfg.runtime.max_body_bytes,
        ),
        cfg.channels.gateway.max_body_bytes,
        state.pool().clone(),
    ))
}
