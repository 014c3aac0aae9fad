//! Config to a running deliver: the one place that reads the outbound secrets and builds
//! the adapters.

use std::sync::Arc;

use anyhow::Context;

use super::adapter::Adapter;
use super::attempt::Policy;
use super::consumer::{Deliver, DeliverParts, DeliverTopics, Reveal};
use super::intercom::Intercom;
use super::outbox::Outbox;
use super::route::Routes;
use super::smtp::Smtp;
use super::twilio::Twilio;
use super::webhook::Webhook;
use super::zendesk::Zendesk;
use crate::channels::inbox::Inbox;
use crate::channels::mail::Threads;
use crate::config::Config;
use crate::runtime::backoff::Backoff;
use crate::state::StateDb;
use crate::topics::names;

/// The adapters the config enables (a provider section with its outbound settings).
pub fn adapters(cfg: &Config, state: &StateDb) -> anyhow::Result<Vec<Arc<dyn Adapter>>> {
    let ch = &cfg.channels;
    let http = reqwest::Client::builder()
        .timeout(ch.deliver.request_timeout)
        .build()
        .context("Failed to build the HTTP client")?;
    let mut out: Vec<Arc<dyn Adapter>> = Vec::new();
    if let Some(g) = &ch.generic {
        if let (Some(url), Some(env)) = (&g.webhook_url, &g.webhook_secret_env) {
            out.push(Arc::new(Webhook::new(http.clone(), url, env.load()?)));
        }
    }
    if let Some(z) = &ch.zendesk {
        if let (Some(base), Some(email), Some(env)) = (&z.base_url, &z.email, &z.api_token_env) {
            out.push(Arc::new(Zendesk::new(
                http.clone(),
                z,
                base,
                email,
                env.load()?,
            )));
        }
    }
    if let Some(i) = &ch.intercom {
        if let (Some(admin), Some(env)) = (&i.admin_id, &i.access_token_env) {
            out.push(Arc::new(Intercom::new(http.clone(), i, admin, env.load()?)));
        }
    }
    if let Some(t) = &ch.twilio {
        if let Some(sid) = &t.account_sid {
            out.push(Arc::new(Twilio::new(
                http.clone(),
                t,
                sid,
                t.auth_token_env.load()?,
            )));
        }
    }
    if let Some(smtp) = ch.email.as_ref().and_then(|e| e.smtp.as_ref()) {
        out.push(Arc::new(Smtp::new(
            smtp,
            ch.deliver.request_timeout,
            Threads::new(state.pool().clone()),
        )?));
    }
    Ok(out)
}

/// The deliver process the config describes, on `brokers`.
pub fn build(cfg: &Config, brokers: &str, state: &StateDb) -> anyhow::Result<Deliver> {
    // Deliver reaches customers: it never consumes a shadow run's topics.
    crate::shadow::refuse_customer_facing(cfg, "frontdesk deliver").map_err(anyhow::Error::msg)?;
    let adapters = adapters(cfg, state)?;
    anyhow::ensure!(
        !adapters.is_empty(),
        "no outbound adapter is configured: add a provider section under [channels] (see deploy/frontdesk.example.toml)"
    );
    let d = &cfg.channels.deliver;
    let topics = crate::pipeline::topics(cfg)?;
    let group = format!("{}.deliver", cfg.kafka.group_prefix);
    let consumer = crate::kafka::consumer_config(brokers, &group, &cfg.kafka)
        .create()
        .context("Failed to create the deliver consumer")?;
    Ok(Deliver::new(DeliverParts {
        consumer,
        producer: crate::kafka::producer(brokers, &cfg.kafka)?,
        codec: crate::pipeline::codec(cfg),
        inbox: Inbox::new(state.pool().clone()),
        outbox: Outbox::new(state.pool().clone()),
        routes: Routes::new(adapters, d.handoff_fallback),
        policy: Policy {
            max_attempts: d.max_attempts,
            max_elapsed: d.max_elapsed,
            backoff: Backoff {
                initial: d.initial_backoff,
                max: d.max_backoff,
            },
        },
        topics: DeliverTopics {
            resolutions: topics.physical(names::RESOLUTIONS),
            handoffs: topics.physical(names::HANDOFFS),
            deadletter: topics.physical(names::DEADLETTER),
        },
        max_in_flight: d.max_in_flight,
        max_batch: d.max_batch,
        drain_timeout: cfg.runtime.drain_timeout,
        reveal: crate::privacy::build_vault(cfg, state)?.map(|vault| Reveal {
            vault,
            kinds: cfg.privacy.reply_reveals.clone(),
        }),
    })?)
}
