//! What the cluster has of the declared topics: partitions and replicas (from the cluster's
//! metadata) and the settings the declarations set (from `DescribeConfigs`).

use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

use rdkafka::admin::{AdminClient, AdminOptions, ConfigSource, ResourceSpecifier};
use rdkafka::client::DefaultClientContext;

use super::{Topics, TopicsError};
use crate::config::KafkaConfig;

/// One declared topic as the cluster has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Existing {
    /// Partitions.
    pub partitions: i32,
    /// The fewest replicas any of its partitions has.
    pub min_replicas: usize,
}

/// How long a metadata request may take.
const METADATA_TIMEOUT: Duration = Duration::from_secs(15);

/// The declared topics of `topics` that exist on `brokers`, by physical name.
pub async fn existing(
    brokers: &str,
    kafka: &KafkaConfig,
    topics: &Topics,
) -> Result<HashMap<String, Existing>, TopicsError> {
    let admin = crate::kafka::admin(brokers, kafka)?;
    let declared: Vec<String> = topics
        .all()
        .iter()
        .map(|d| topics.physical(&d.name))
        .collect();
    // The metadata call blocks: off the runtime's threads, with its own client.
    tokio::task::spawn_blocking(move || {
        let md = admin.inner().fetch_metadata(None, METADATA_TIMEOUT)?;
        Ok(md
            .topics()
            .iter()
            .filter(|t| t.error().is_none() && declared.iter().any(|d| d == t.name()))
            .map(|t| {
                let min_replicas = t
                    .partitions()
                    .iter()
                    .map(|p| p.replicas().len())
                    .min()
                    .unwrap_or(0);
                (
                    t.name().to_owned(),
                    Existing {
                        partitions: t.partitions().len() as i32,
                        min_replicas,
                    },
                )
            })
            .collect())
    })
    .await
    .map_err(|e| TopicsError::Settings {
        topic: "(metadata)".to_owned(),
        reason: e.to_string(),
    })?
}

/// A topic's settings as the broker describes them.
#[derive(Debug, Default)]
pub(super) struct Described {
    /// Every setting described with a value, whatever its source (the topic, the broker,
    /// the default): what applies to the topic.
    pub(super) effective: BTreeMap<String, String>,
    /// The per-topic overrides (source: the topic itself), which a (non-incremental)
    /// `AlterConfigs` replaces as a whole.
    pub(super) overrides: BTreeMap<String, String>,
}

/// Describes `topic`'s settings.
pub(super) async fn describe(
    admin: &AdminClient<DefaultClientContext>,
    topic: &str,
) -> Result<Described, TopicsError> {
    let spec = ResourceSpecifier::Topic(topic);
    let opts = AdminOptions::new().request_timeout(Some(METADATA_TIMEOUT));
    let mut results = admin.describe_configs([&spec], &opts).await?;
    let resource = results
        .pop()
        .ok_or_else(|| settings_error(topic, "no answer"))?
        .map_err(|code| settings_error(topic, &code.to_string()))?;
    let mut d = Described::default();
    for e in resource.entries {
        let Some(value) = e.value else { continue };
        if e.source == ConfigSource::DynamicTopic && !e.is_read_only {
            d.overrides.insert(e.name.clone(), value.clone());
        }
        d.effective.insert(e.name, value);
    }
    Ok(d)
}

pub(super) fn settings_error(topic: &str, reason: &str) -> TopicsError {
    TopicsError::Settings {
        topic: topic.to_owned(),
        reason: reason.to_owned(),
    }
}
