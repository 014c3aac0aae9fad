//! The names of a shadow run: it reads the live inbound topics and nothing else of the
//! live system; every topic it writes and every consumer group it joins carries the shadow
//! marker, so it runs beside a live frontdesk (or on an imported backlog) without taking
//! its records, and nothing customer-facing reads what it writes.

use anyhow::Context;

use crate::config::Config;
use crate::runtime::{Input, Wiring};
use crate::stages::StageKind;
use crate::state::StateDb;
use crate::topics::Topics;

/// The shadow run's topics: the configured declarations under the shadow prefix.
pub fn topics(cfg: &Config) -> Result<Topics, crate::topics::TopicsError> {
    let mut shadow = cfg.clone();
    shadow.topics.prefix = cfg.shadow.topic_prefix(cfg);
    crate::pipeline::topics(&shadow)
}

/// Where a stage of a shadow run reads and writes, and its consumer group: the router reads
/// the live inbound topics; every other input and every output is a shadow topic.
pub fn wiring(
    kind: StageKind,
    cfg: &Config,
) -> Result<(Wiring, String), crate::topics::TopicsError> {
    let live = crate::pipeline::topics(cfg)?;
    let mut wiring = crate::pipeline::wiring(kind, &topics(cfg)?);
    for input in &mut wiring.inputs {
        if let Input::Tickets { topic, channel } = input {
            if let Some(live_topic) = live.inbound_for(*channel) {
                *topic = live_topic;
            }
        }
    }
    let group = format!("{}.{}", cfg.shadow.group_prefix(cfg), kind.as_str());
    Ok((wiring, group))
}

/// The config of a shadow run: `[shadow]` switched on and its own state database. The
/// stages built from it refuse writes ([`crate::pipeline::build_executor`]) and are wired
/// by [`wiring`].
pub fn configure(mut cfg: Config) -> Config {
    cfg.shadow.enabled = true;
    if cfg.shadow.vault_url.is_none() {
        cfg.shadow.vault_url = Some(cfg.state.url.clone());
    }
    cfg.state.url = cfg.shadow.state_url.clone();
    cfg
}

/// The PII vault a stage uses: the one in `state`, or in a shadow run the one at
/// `shadow.vault_url` (the live vault, by default: see [`crate::shadow::ShadowConfig`]).
pub async fn build_vault(
    cfg: &Config,
    state: &StateDb,
) -> anyhow::Result<Option<crate::privacy::Vault>> {
    match (&cfg.shadow.vault_url, cfg.shadow.enabled) {
        (Some(url), true) if *url != cfg.state.url => {
            let vault_db = StateDb::connect(url, cfg.state.max_connections)
                .await
                .context("Failed to open the shadow run's vault database (shadow.vault_url)")?;
            crate::privacy::build_vault(cfg, &vault_db)
        }
        _ => crate::privacy::build_vault(cfg, state),
    }
}

/// Errors unless `cfg` is safe for a command that reaches customers (`frontdesk deliver`):
/// not a shadow config, and no topic prefix that names a shadow run's topics.
pub fn refuse_customer_facing(cfg: &Config, command: &str) -> Result<(), String> {
    let marker = format!(".{}", cfg.shadow.marker);
    if cfg.shadow.enabled || cfg.topics.prefix.ends_with(&marker) {
        return Err(format!(
            "{command} reaches customers and never reads a shadow run's topics (shadow.enabled = {}, topics.prefix `{}`)",
            cfg.shadow.enabled, cfg.topics.prefix
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shadow_stage_reads_live_inbound_and_writes_only_shadow_topics() {
        let mut cfg = Config::default();
        cfg.topics.prefix = "acme".into();
        cfg.kafka.group_prefix = "fd".into();
        let (router, group) = wiring(StageKind::Router, &cfg).unwrap();
        assert_eq!(group, "fd.shadow.router");
        assert!(router.inputs.iter().all(|i| match i {
            Input::Tickets { topic, .. } => topic.starts_with("acme.inbound."),
            Input::Envelopes { .. } => false,
        }));
        for kind in StageKind::ALL {
            let (w, _) = wiring(kind, &cfg).unwrap();
            let outputs = [&w.resolutions, &w.handoffs, &w.audit, &w.deadletter];
            for t in outputs.into_iter().chain(w.forward.as_ref()) {
                assert!(t.starts_with("acme.shadow."), "{kind:?} writes {t}");
            }
            for i in &w.inputs {
                if let Input::Envelopes { topic } = i {
                    assert!(topic.starts_with("acme.shadow."), "{kind:?} reads {topic}");
                }
            }
        }
    }

    #[test]
    fn deliver_refuses_a_shadow_config_and_shadow_topics() {
        let cfg = Config::default();
        assert!(refuse_customer_facing(&cfg, "deliver").is_ok());
        assert!(refuse_customer_facing(&configure(cfg.clone()), "deliver").is_err());
        let mut renamed = cfg;
        renamed.topics.prefix = "frontdesk.shadow".into();
        assert!(refuse_customer_facing(&renamed, "deliver").is_err());
    }
}
