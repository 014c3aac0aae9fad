//! Topic declarations (`topics/topics.toml`): what the pipeline needs, their physical
//! names, and the checks a declarations file must pass.

use std::collections::HashMap;
use std::time::Duration;

use serde::Deserialize;

use super::TopicsError;
use crate::messages::{Channel, RecordKind};

/// The compiled-in declarations.
pub const DEFAULT_TOPICS: &str = include_str!("../../topics/topics.toml");

/// One declared topic.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicDecl {
    /// Logical name; physical is `<prefix>.<name>`.
    pub name: String,
    /// Partition count.
    pub partitions: i32,
    /// Retention (`7d`, ...) for delete-policy topics.
    #[serde(default, with = "humantime_serde")]
    pub retention: Option<Duration>,
    /// Compacted instead of deleted.
    #[serde(default)]
    pub compact: bool,
    /// What the key is (documentation).
    pub key: String,
    /// Value record kind.
    pub value: String,
    /// For inbound topics: the channel.
    #[serde(default)]
    pub channel: Option<String>,
}

impl TopicDecl {
    /// The topic settings this declaration implies (`cleanup.policy`, and `retention.ms`
    /// for a delete-policy topic with a retention).
    pub fn settings(&self) -> Vec<(&'static str, String)> {
        if self.compact {
            return vec![("cleanup.policy", "compact".to_owned())];
        }
        let mut s = vec![("cleanup.policy", "delete".to_owned())];
        if let Some(r) = self.retention {
            s.push(("retention.ms", r.as_millis().to_string()));
        }
        s
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicsFile {
    topic: Vec<TopicDecl>,
}

/// The declared topics with their physical names.
#[derive(Debug, Clone)]
pub struct Topics {
    prefix: String,
    pub(super) decls: Vec<TopicDecl>,
}

/// Logical names the pipeline needs.
pub mod names {
    /// Router output.
    pub const ROUTED: &str = "routed";
    /// Tools output.
    pub const ACTED: &str = "acted";
    /// Grounding output.
    pub const GROUNDED: &str = "grounded";
    /// Resolutions.
    pub const RESOLUTIONS: &str = "resolutions";
    /// Handoffs.
    pub const HANDOFFS: &str = "handoffs";
    /// Dead letters.
    pub const DEADLETTER: &str = "deadletter";
    /// Audit records.
    pub const AUDIT: &str = "audit";
}

impl Topics {
    /// Parses declarations and checks them.
    pub fn parse(text: &str, prefix: &str) -> Result<Topics, TopicsError> {
        let file: TopicsFile =
            toml::from_str(text).map_err(|e| TopicsError::Invalid(e.to_string()))?;
        let mut seen = HashMap::new();
        for d in &file.topic {
            if seen.insert(d.name.clone(), ()).is_some() {
                return Err(TopicsError::Invalid(format!(
                    "topic `{}` declared twice",
                    d.name
                )));
            }
            if d.partitions < 1 {
                return Err(TopicsError::Invalid(format!(
                    "topic `{}` needs at least one partition",
                    d.name
                )));
            }
            if RecordKind::parse(&d.value).is_none() {
                return Err(TopicsError::Invalid(format!(
                    "topic `{}`: unknown value `{}`",
                    d.name, d.value
                )));
            }
            if let Some(c) = &d.channel {
                if Channel::parse(c).is_none() {
                    return Err(TopicsError::Invalid(format!(
                        "topic `{}`: unknown channel `{c}`",
                        d.name
                    )));
                }
            }
        }
        let t = Topics {
            prefix: prefix.to_owned(),
            decls: file.topic,
        };
        for n in [
            names::ROUTED,
            names::ACTED,
            names::GROUNDED,
            names::RESOLUTIONS,
            names::HANDOFFS,
            names::DEADLETTER,
            names::AUDIT,
        ] {
            if t.decl(n).is_none() {
                return Err(TopicsError::Invalid(format!(
                    "the pipeline needs a `{n}` topic"
                )));
            }
        }
        if t.inbound().is_empty() {
            return Err(TopicsError::Invalid(
                "no inbound topic (one with a `channel`)".to_owned(),
            ));
        }
        Ok(t)
    }

    /// The compiled-in declarations under `prefix`.
    pub fn default_with_prefix(prefix: &str) -> Topics {
        // Parsed by a unit test: a failure here is a build defect.
        Topics::parse(DEFAULT_TOPICS, prefix).expect("compiled-in topics/topics.toml is valid")
    }

    /// Physical name of a logical topic.
    pub fn physical(&self, logical: &str) -> String {
        format!("{}.{}", self.prefix, logical)
    }

    /// Declaration by logical name.
    pub fn decl(&self, logical: &str) -> Option<&TopicDecl> {
        self.decls.iter().find(|d| d.name == logical)
    }

    /// Every declaration.
    pub fn all(&self) -> &[TopicDecl] {
        &self.decls
    }

    /// Physical inbound topics with their channels.
    pub fn inbound(&self) -> Vec<(String, Channel)> {
        self.decls
            .iter()
            .filter_map(|d| {
                d.channel
                    .as_deref()
                    .and_then(Channel::parse)
                    .map(|c| (self.physical(&d.name), c))
            })
            .collect()
    }

    /// The inbound topic of a channel.
    pub fn inbound_for(&self, channel: Channel) -> Option<String> {
        self.inbound()
            .into_iter()
            .find(|(_, c)| *c == channel)
            .map(|(t, _)| t)
    }

    /// The channel of a physical inbound topic.
    pub fn channel_of(&self, physical: &str) -> Option<Channel> {
        self.inbound()
            .into_iter()
            .find(|(t, _)| t == physical)
            .map(|(_, c)| c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_declarations_are_valid() {
        let t = Topics::default_with_prefix("fd");
        assert_eq!(t.inbound().len(), 4, "one inbound topic per channel");
        assert_eq!(t.physical("routed"), "fd.routed");
        assert_eq!(t.channel_of("fd.inbound.sms"), Some(Channel::Sms));
    }

    #[test]
    fn duplicate_and_unknown_values_are_rejected() {
        let dup = "[[topic]]\nname='a'\npartitions=1\nkey='k'\nvalue='ticket'\n[[topic]]\nname='a'\npartitions=1\nkey='k'\nvalue='ticket'\n";
        assert!(Topics::parse(dup, "p")
            .unwrap_err()
            .to_string()
            .contains("twice"));
        let bad = "[[topic]]\nname='a'\npartitions=1\nkey='k'\nvalue='nope'\n";
        assert!(Topics::parse(bad, "p")
            .unwrap_err()
            .to_string()
            .contains("unknown value"));
    }
}
