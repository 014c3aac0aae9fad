//! `frontdesk topics apply`: create the declared topics that are missing, put the settings
//! of existing ones back to their declarations where that can be done in place, and report
//! what cannot be (partitions, replication) as drift for an operator.

use std::time::Duration;

use rdkafka::admin::{AdminClient, AdminOptions, AlterConfig, ResourceSpecifier};
use rdkafka::client::DefaultClientContext;
use serde::Serialize;

use super::existing::{overrides, settings_error};
use super::{existing, Topics, TopicsError};
use crate::config::KafkaConfig;

/// A setting changed back to its declaration.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Fix {
    /// Physical topic.
    pub topic: String,
    /// The setting (`retention.ms`, ...).
    pub setting: String,
    /// What it was (`None`: the cluster's default).
    pub was: Option<String>,
    /// What it is now, as declared.
    pub now: String,
}

/// A difference from the declarations that `topics apply` does not change.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Drift {
    /// Physical topic.
    pub topic: String,
    /// `partitions` or `replication`.
    pub what: String,
    /// Declared (or configured, for replication).
    pub declared: String,
    /// On the cluster.
    pub actual: String,
    /// Why it is left, and what an operator can do.
    pub why: String,
}

/// What `topics apply` did and found.
#[derive(Debug, Default, Serialize)]
pub struct Reconciled {
    /// Topics declared.
    pub declared: usize,
    /// Topics created.
    pub created: Vec<String>,
    /// Settings put back to their declarations.
    pub fixed: Vec<Fix>,
    /// Differences left for an operator.
    pub drift: Vec<Drift>,
}

impl Topics {
    /// Creates the missing topics with `replication` replicas, fixes the settings of the
    /// existing ones and reports the rest.
    pub async fn reconcile(
        &self,
        brokers: &str,
        kafka: &KafkaConfig,
        replication: i32,
    ) -> Result<Reconciled, TopicsError> {
        let admin = crate::kafka::admin(brokers, kafka)?;
        let created = self.apply(&admin, replication).await?;
        let have = existing(brokers, kafka, self).await?;
        let mut out = Reconciled {
            declared: self.all().len(),
            created,
            ..Reconciled::default()
        };
        for d in self.all() {
            let topic = self.physical(&d.name);
            let Some(e) = have.get(&topic) else {
                // Created just now and not in the metadata yet, or created elsewhere in
                // between: nothing to compare.
                continue;
            };
            out.drift
                .extend(drift(&topic, d.partitions, replication, e));
            if out.created.contains(&topic) {
                continue;
            }
            out.fixed
                .extend(fix_settings(&admin, &topic, &d.settings()).await?);
        }
        Ok(out)
    }
}

/// What is not as declared about partitions and replicas, which `topics apply` leaves.
fn drift(topic: &str, partitions: i32, replication: i32, e: &super::Existing) -> Vec<Drift> {
    let mut out = Vec::new();
    let entry = |what: &str, declared: String, actual: String, why: &str| Drift {
        topic: topic.to_owned(),
        what: what.to_owned(),
        declared,
        actual,
        why: why.to_owned(),
    };
    if e.partitions < partitions {
        out.push(entry(
            "partitions",
            partitions.to_string(),
            e.partitions.to_string(),
            "fewer partitions than declared: fewer consumers of a stage can share the work; \
             not added here, since adding partitions moves conversation keys to other \
             partitions (add them with kafka-topics --alter --partitions when the topic is drained)",
        ));
    } else if e.partitions > partitions {
        out.push(entry(
            "partitions",
            partitions.to_string(),
            e.partitions.to_string(),
            "more partitions than declared: a topic's partitions cannot be removed; \
             declare the number the cluster has",
        ));
    }
    if e.min_replicas < replication as usize {
        out.push(entry(
            "replication",
            replication.to_string(),
            e.min_replicas.to_string(),
            "fewer replicas than topics.replication_factor: not changed here; \
             reassign the partitions (kafka-reassign-partitions) to add replicas",
        ));
    }
    out
}

/// Puts `declared` settings of `topic` back where they differ, keeping its other
/// per-topic overrides (the `AlterConfigs` request replaces them all).
async fn fix_settings(
    admin: &AdminClient<DefaultClientContext>,
    topic: &str,
    declared: &[(&'static str, String)],
) -> Result<Vec<Fix>, TopicsError> {
    let mut current = overrides(admin, topic).await?;
    let fixes: Vec<Fix> = declared
        .iter()
        .filter(|(k, v)| current.get(*k) != Some(v))
        .map(|(k, v)| Fix {
            topic: topic.to_owned(),
            setting: (*k).to_owned(),
            was: current.get(*k).cloned(),
            now: v.clone(),
        })
        .collect();
    if fixes.is_empty() {
        return Ok(fixes);
    }
    for f in &fixes {
        current.insert(f.setting.clone(), f.now.clone());
    }
    let alter = current.iter().fold(
        AlterConfig::new(ResourceSpecifier::Topic(topic)),
        |a, (k, v)| a.set(k, v),
    );
    let opts = AdminOptions::new().request_timeout(Some(Duration::from_secs(15)));
    for r in admin.alter_configs([&alter], &opts).await? {
        r.map_err(|(_, code)| settings_error(topic, &code.to_string()))?;
    }
    Ok(fixes)
}

/// What `frontdesk topics apply` prints.
impl std::fmt::Display for Reconciled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "{} topics declared, {} created: {:?}",
            self.declared,
            self.created.len(),
            self.created
        )?;
        for x in &self.fixed {
            writeln!(
                f,
                "fixed {}: {} {} -> {}",
                x.topic,
                x.setting,
                x.was.as_deref().unwrap_or("(default)"),
                x.now
            )?;
        }
        for d in &self.drift {
            writeln!(
                f,
                "drift {}: {} declared {}, cluster has {} ({})",
                d.topic, d.what, d.declared, d.actual, d.why
            )?;
        }
        if self.drift.is_empty() {
            writeln!(f, "no drift")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::topics::Existing;

    fn whats(d: &[Drift]) -> Vec<(&str, &str, &str)> {
        d.iter()
            .map(|d| (d.what.as_str(), d.declared.as_str(), d.actual.as_str()))
            .collect()
    }

    #[test]
    fn partitions_and_replicas_off_their_declarations_are_drift() {
        let as_declared = Existing {
            partitions: 6,
            min_replicas: 3,
        };
        assert!(drift("t", 6, 3, &as_declared).is_empty());
        let fewer = Existing {
            partitions: 3,
            min_replicas: 1,
        };
        assert_eq!(
            whats(&drift("t", 6, 3, &fewer)),
            vec![("partitions", "6", "3"), ("replication", "3", "1")]
        );
        let more = Existing {
            partitions: 12,
            min_replicas: 3,
        };
        assert_eq!(
            whats(&drift("t", 6, 3, &more)),
            vec![("partitions", "6", "12")]
        );
        // More replicas than configured is not drift worth a word.
        assert!(drift("t", 6, 1, &as_declared).is_empty());
    }
}
