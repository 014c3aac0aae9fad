//! `frontdesk topics apply`: create the declared topics that are missing, put the settings
//! of existing ones back to their declarations where that can be done in place, and report
//! what cannot be (partitions, replication) as drift for an operator.

use std::collections::BTreeMap;
use std::time::Duration;

use rdkafka::admin::{AdminClient, AdminOptions, AlterConfig, ResourceSpecifier};
use rdkafka::client::DefaultClientContext;
use serde::Serialize;

use super::existing::{describe, settings_error};
use super::{existing, Topics, TopicsError};
use crate::config::KafkaConfig;

/// A topic's settings by name.
type Settings = BTreeMap<String, String>;

/// A setting changed back to its declaration.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Fix {
    /// Physical topic.
    pub topic: String,
    /// The setting (`retention.ms`, ...).
    pub setting: String,
    /// What it was (`None`: not described).
    pub was: Option<String>,
    /// What it is now, as declared.
    pub now: String,
}

/// A difference from the declarations that `topics apply` does not change.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Drift {
    /// Physical topic.
    pub topic: String,
    /// `partitions`, `replication`, or a setting the broker would not change.
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
    /// Why the settings were not compared, when the broker would not describe them
    /// (tansu 0.6 answers `DescribeConfigs` with UnsupportedFeature, say).
    pub settings_unchecked: Option<String>,
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
            if out.created.contains(&topic) || out.settings_unchecked.is_some() {
                continue;
            }
            let settings = d.settings();
            let described = match describe(&admin, &topic).await {
                Ok(c) => c,
                Err(e) => {
                    out.settings_unchecked = Some(e.to_string());
                    continue;
                }
            };
            if let Some((missing, _)) = settings
                .iter()
                .find(|(k, _)| !described.effective.contains_key(*k))
            {
                // A broker describes every setting of a topic, defaults included; one that
                // leaves a setting out cannot be compared with.
                out.settings_unchecked =
                    Some(format!("the broker does not describe {missing} of {topic}"));
                continue;
            }
            let wanted = fixes(&topic, &settings, &described.effective);
            if wanted.is_empty() {
                continue;
            }
            match alter(&admin, &topic, described.overrides, &wanted).await {
                Ok(()) => out.fixed.extend(wanted),
                // Not changed after all: the same differences, reported as drift.
                Err(e) => out.drift.extend(wanted.into_iter().map(|f| {
                    Drift {
                        topic: f.topic,
                        what: f.setting,
                        declared: f.now,
                        actual: f
                            .was
                            .unwrap_or_else(|| "(the cluster's default)".to_owned()),
                        why: format!("the broker would not change it: {e}"),
                    }
                })),
            }
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

/// The declared settings whose value in `current` (what applies to a topic) differs.
fn fixes(topic: &str, declared: &[(&'static str, String)], current: &Settings) -> Vec<Fix> {
    declared
        .iter()
        .filter(|(k, v)| current.get(*k) != Some(v))
        .map(|(k, v)| Fix {
            topic: topic.to_owned(),
            setting: (*k).to_owned(),
            was: current.get(*k).cloned(),
            now: v.clone(),
        })
        .collect()
}

/// Sets `fixes` on `topic`, keeping its other per-topic overrides in `current` (the
/// `AlterConfigs` request replaces them all).
async fn alter(
    admin: &AdminClient<DefaultClientContext>,
    topic: &str,
    mut current: Settings,
    fixes: &[Fix],
) -> Result<(), TopicsError> {
    for f in fixes {
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
    Ok(())
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
                x.was.as_deref().unwrap_or("(unset)"),
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
        if let Some(why) = &self.settings_unchecked {
            writeln!(f, "settings (cleanup policy, retention) not checked: {why}")?;
        }
        if self.drift.is_empty() {
            writeln!(f, "no drift in partitions or replication")?;
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

    #[test]
    fn only_settings_off_their_declaration_are_fixed() {
        let declared = vec![
            ("cleanup.policy", "delete".to_owned()),
            ("retention.ms", "604800000".to_owned()),
        ];
        let current: Settings = [
            ("cleanup.policy", "delete"),
            ("retention.ms", "1000"),
            ("min.insync.replicas", "2"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        let f = fixes("t", &declared, &current);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            (
                f[0].setting.as_str(),
                f[0].was.as_deref(),
                f[0].now.as_str()
            ),
            ("retention.ms", Some("1000"), "604800000")
        );
        // As declared: nothing to do.
        let now: Settings = declared
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect();
        assert!(fixes("t", &declared, &now).is_empty());
    }
}
