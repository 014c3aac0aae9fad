//! Assembles runners for the selected stages from config: the one place that creates
//! clients, resolves topic names and validates cross-field rules.

use std::sync::Arc;

use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

use crate::config::{resolve_path, Config};
use crate::messages::{Codec, Limits, LocalSchemas, RegistrySchemas, SchemaResolver};
use crate::runtime::{Input, Runner, RunnerError, Stage, Wiring};
use std::path::PathBuf;

use crate::stages::grounding::{build_index, GroundingStage};
use crate::stages::policy::PolicyStage;
use crate::stages::router::{ModelClassifier, RouterStage};
use crate::stages::tools::ToolsStage;
use crate::stages::{Reads, StageKind};
use crate::state::StateDb;
use crate::topics::{names, Topics};

/// The codec the config asks for (registry or compiled-in schemas).
pub fn codec(cfg: &Config) -> Codec {
    let resolver: Arc<dyn SchemaResolver> = match &cfg.schema_registry.url {
        Some(url) => Arc::new(RegistrySchemas::new(url, cfg.schema_registry.timeout)),
        None => Arc::new(LocalSchemas),
    };
    Codec::new(
        resolver,
        Limits {
            max_record_bytes: cfg.runtime.max_record_bytes,
            max_body_bytes: cfg.runtime.max_body_bytes,
        },
    )
}

/// The topics the config declares.
pub fn topics(cfg: &Config) -> Result<Topics, crate::topics::TopicsError> {
    match &cfg.topics.file {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| {
                crate::topics::TopicsError::Invalid(format!("{}: {e}", path.display()))
            })?;
            Topics::parse(&text, &cfg.topics.prefix)
        }
        None => Ok(Topics::default_with_prefix(&cfg.topics.prefix)),
    }
}

/// Where a stage reads and writes: its [`StageKind::spec`] resolved against the topics.
pub fn wiring(kind: StageKind, topics: &Topics) -> Wiring {
    let spec = kind.spec();
    let inputs = match spec.reads {
        Reads::Inbound => topics
            .inbound()
            .into_iter()
            .map(|(topic, channel)| Input::Tickets { topic, channel })
            .collect(),
        Reads::Envelopes(logical) => vec![Input::Envelopes {
            topic: topics.physical(logical),
        }],
    };
    Wiring {
        inputs,
        forward: spec.forwards_to.map(|logical| topics.physical(logical)),
        resolutions: topics.physical(names::RESOLUTIONS),
        handoffs: topics.physical(names::HANDOFFS),
        audit: topics.physical(names::AUDIT),
        deadletter: topics.physical(names::DEADLETTER),
    }
}

/// The stage logic of a kind: the one place that loads models, indexes and clients.
/// `llm` is the process's built `[llm]` section ([`build_llm`]).
pub async fn build_stage(
    kind: StageKind,
    cfg: &Config,
    state: &StateDb,
    llm: Option<&frontdesk_llm::Llm>,
) -> anyhow::Result<Arc<dyn Stage>> {
    use anyhow::Context;
    let a = &cfg.agent;
    Ok(match kind {
        StageKind::Router => {
            let classifier = ModelClassifier::load(
                &resolve_path(&a.router_model)?,
                &resolve_path(&a.registry)?,
            )?;
            let detector = frontdesk_guard::InjectionDetector::load_default()
                .context("Failed to build the injection detector")?;
            let mut stage = RouterStage::new(
                Arc::new(classifier),
                Some(Arc::new(detector)),
                Some(state.clone()),
            );
            if let Some(vault) = crate::shadow::build_vault(cfg, state).await? {
                stage = stage.with_vault(vault);
            }
            match llm_router(cfg, llm) {
                Some(llm) => Arc::new(stage.with_llm(Arc::new(llm), a.min_route_confidence)),
                None => Arc::new(stage),
            }
        }
        StageKind::Tools => {
            let executor = build_executor(cfg)?;
            let procedures = match &a.procedures {
                Some(p) => {
                    let path = resolve_path(p)?;
                    let text = std::fs::read_to_string(&path)
                        .with_context(|| format!("Failed to read {}", path.display()))?;
                    frontdesk_planner::Procedures::from_toml_str(&text)?
                }
                None => frontdesk_planner::Procedures::shipped()?,
            };
            let planner = frontdesk_planner::OfflinePlanner::new(
                procedures,
                frontdesk_intent::Catalog::empty(),
            );
            let gate = build_gate(cfg, state).await?;
            let model_planner = match &executor {
                Some(ex) => llm_planner(cfg, llm, ex.registry(), planner.procedures().clone()),
                None => None,
            };
            let mut stage = ToolsStage::new(
                executor,
                Arc::new(planner),
                Some(Arc::new(gate)),
                Some(state.clone()),
                a.min_route_confidence,
            )
            .with_max_concurrent_plans(a.max_concurrent_plans);
            stage.model_planner = model_planner.map(Arc::new);
            stage.vault = crate::shadow::build_vault(cfg, state).await?;
            if cfg.shadow.enabled {
                stage = stage.shadow();
            }
            Arc::new(stage)
        }
        StageKind::Grounding => {
            let sources: Vec<PathBuf> = a
                .help_center
                .iter()
                .map(resolve_path)
                .collect::<Result<_, _>>()?;
            Arc::new(GroundingStage::new(Some(Arc::new(build_index(&sources)?))))
        }
        StageKind::Policy => {
            let mut stage = PolicyStage::new(Some(state.clone()), a.min_route_confidence);
            stage.handoff_mask = a.handoff_pii.clone();
            stage.summary_writer = llm_summary(cfg, llm).map(Arc::new);
            stage.reply_writer = llm_reply(cfg, llm).map(Arc::new);
            Arc::new(stage)
        }
    })
}

/// The tool executor of `agent.tools` against `agent.store_url`; none without a store URL.
/// The tools stage and the console's approvals use the same one.
pub fn build_executor(cfg: &Config) -> anyhow::Result<Option<Arc<frontdesk_tools::Executor>>> {
    use anyhow::Context;
    let a = &cfg.agent;
    let Some(url) = &a.store_url else {
        return Ok(None);
    };
    let mut tc = frontdesk_tools::ToolsConfig::from_path(resolve_path(&a.tools)?)
        .with_context(|| format!("Failed to load tools from {}", a.tools.display()))?;
    tc.executor.base_url = url.clone();
    tc.executor
        .forward_ticket_headers
        .extend(a.store_forward_headers.iter().cloned());
    let executor = frontdesk_tools::Executor::from_config(&tc)?;
    // A shadow run's store client cannot send a write, whatever plans one.
    Ok(Some(Arc::new(if cfg.shadow.enabled {
        executor.read_only()
    } else {
        executor
    })))
}

/// The write gate of `agent.limits`, its daily cap kept in the state database. The tools
/// stage and the console's approvals use the same one.
pub async fn build_gate(cfg: &Config, state: &StateDb) -> anyhow::Result<frontdesk_limits::Gate> {
    use anyhow::Context;
    let limits_path = resolve_path(&cfg.agent.limits)?;
    let limits = frontdesk_limits::LimitsConfig::from_toml_str(
        &std::fs::read_to_string(&limits_path)
            .with_context(|| format!("Failed to read {}", limits_path.display()))?,
    )?;
    let ledger = frontdesk_limits::Ledger::from_pool(state.pool().clone())
        .await
        .context("Failed to prepare the write ledger")?;
    Ok(frontdesk_limits::Gate::new(limits, ledger)?)
}

/// Waits for every stage task started by [`spawn_stages`] (after their shutdown token was
/// cancelled); the first panic or stage error is the result.
pub async fn join_stages(tasks: &mut JoinSet<Result<(), RunnerError>>) -> anyhow::Result<()> {
    use anyhow::Context;
    while let Some(r) = tasks.join_next().await {
        r.context("stage task panicked")?.context("stage failed")?;
    }
    Ok(())
}

/// The `[llm]` section, built once per process so that every role on a provider draws on
/// that provider's one budget and all costs go to one ledger; `None` when no role is
/// configured (then no key is needed). Keys come from the environment variables the
/// providers name; a missing one is a startup error.
pub fn build_llm(cfg: &Config) -> anyhow::Result<Option<Arc<frontdesk_llm::Llm>>> {
    use anyhow::Context;
    if cfg.llm.roles.is_empty() {
        return Ok(None);
    }
    let llm = cfg
        .llm
        .build()
        .context("Failed to build the [llm] section")?;
    Ok(Some(Arc::new(llm)))
}

/// The client of `role`, when `llm` was built and configures it.
fn llm_role(
    llm: Option<&frontdesk_llm::Llm>,
    role: frontdesk_llm::Role,
) -> Option<(frontdesk_llm::RoleClient, &frontdesk_llm::Llm)> {
    let llm = llm?;
    llm.role(role).cloned().map(|client| (client, llm))
}

/// The router's model fallback, when `[llm.roles.router_fallback]` is configured.
pub fn llm_router(
    cfg: &Config,
    llm: Option<&frontdesk_llm::Llm>,
) -> Option<crate::stages::router::LlmRouter> {
    llm_role(llm, frontdesk_llm::Role::RouterFallback).map(|(client, llm)| {
        crate::stages::router::LlmRouter::new(
            client,
            cfg.llm.prices.clone(),
            llm.fallback().clone(),
        )
    })
}

/// The planner's model, when `[llm.roles.planner]` is configured.
pub fn llm_planner(
    cfg: &Config,
    llm: Option<&frontdesk_llm::Llm>,
    registry: &Arc<frontdesk_tools::ToolRegistry>,
    procedures: frontdesk_planner::Procedures,
) -> Option<crate::stages::tools::LlmPlanner> {
    llm_role(llm, frontdesk_llm::Role::Planner).map(|(client, llm)| {
        crate::stages::tools::LlmPlanner::new(
            client,
            cfg.llm.prices.clone(),
            llm.fallback().clone(),
            registry,
            procedures,
        )
    })
}

/// The handoff summary writer, when `[llm.roles.summary]` is configured.
pub fn llm_summary(
    cfg: &Config,
    llm: Option<&frontdesk_llm::Llm>,
) -> Option<crate::stages::policy::LlmSummary> {
    llm_role(llm, frontdesk_llm::Role::Summary)
        .map(|(client, _)| crate::stages::policy::LlmSummary::new(client, cfg.llm.prices.clone()))
}

/// The reply writer, when `[llm.roles.reply]` is configured.
pub fn llm_reply(
    cfg: &Config,
    llm: Option<&frontdesk_llm::Llm>,
) -> Option<crate::stages::policy::LlmReply> {
    llm_role(llm, frontdesk_llm::Role::Reply)
        .map(|(client, _)| crate::stages::policy::LlmReply::new(client, cfg.llm.prices.clone()))
}

/// The runner of one stage: its wiring, the codec and the consumer group of the config.
pub fn runner(
    kind: StageKind,
    stage: Arc<dyn Stage>,
    cfg: &Config,
    brokers: &str,
    state: &StateDb,
) -> anyhow::Result<Runner> {
    let (wiring, group) = if cfg.shadow.enabled {
        crate::shadow::wiring(kind, cfg)?
    } else {
        let group = format!("{}.{}", cfg.kafka.group_prefix, kind.as_str());
        (wiring(kind, &topics(cfg)?), group)
    };
    Ok(Runner::new(
        stage,
        wiring,
        codec(cfg),
        brokers,
        &group,
        cfg.kafka.clone(),
        cfg.runtime.clone(),
        Some(state.clone()),
    ))
}

/// Starts a runner per selected stage on `tasks`; they stop when `shutdown` is cancelled.
pub async fn spawn_stages(
    cfg: &Config,
    brokers: &str,
    kinds: &[StageKind],
    state: &StateDb,
    shutdown: &CancellationToken,
    tasks: &mut JoinSet<Result<(), RunnerError>>,
) -> anyhow::Result<()> {
    let llm = build_llm(cfg)?;
    for kind in kinds {
        let stage = build_stage(*kind, cfg, state, llm.as_deref()).await?;
        tasks.spawn(runner(*kind, stage, cfg, brokers, state)?.run(shutdown.clone()));
    }
    Ok(())
}
