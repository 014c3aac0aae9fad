//! Creating the declared topics that do not exist yet.

use std::time::Duration;

use rdkafka::admin::{AdminClient, AdminOptions, NewTopic, TopicReplication};
use rdkafka::client::DefaultClientContext;
use rdkafka::types::RDKafkaErrorCode;

use super::{Topics, TopicsError};

impl Topics {
    /// Creates every declared topic on the embedded broker.
    pub fn apply_embedded(&self, broker: &crate::kafka::EmbeddedBroker) -> Result<(), TopicsError> {
        for d in &self.decls {
            let name = self.physical(&d.name);
            broker
                .create_topic(&name, d.partitions)
                .map_err(|e| TopicsError::Create {
                    topic: name,
                    reason: e.to_string(),
                })?;
        }
        Ok(())
    }

    /// Creates every missing topic; existing ones are left as they are. Returns the
    /// physical names created.
    pub async fn apply(
        &self,
        admin: &AdminClient<DefaultClientContext>,
        replication: i32,
    ) -> Result<Vec<String>, TopicsError> {
        type Spec = (String, Vec<(&'static str, String)>, i32);
        let specs: Vec<Spec> = self
            .decls
            .iter()
            .map(|d| (self.physical(&d.name), d.settings(), d.partitions))
            .collect();
        let new_topics: Vec<NewTopic<'_>> = specs
            .iter()
            .map(|(name, cfg, partitions)| {
                cfg.iter().fold(
                    NewTopic::new(name, *partitions, TopicReplication::Fixed(replication)),
                    |t, (k, v)| t.set(k, v),
                )
            })
            .collect();
        let opts = AdminOptions::new().operation_timeout(Some(Duration::from_secs(30)));
        let results = admin.create_topics(new_topics.iter(), &opts).await?;
        let mut created = Vec::new();
        for r in results {
            match r {
                Ok(name) => created.push(name),
                Err((_, RDKafkaErrorCode::TopicAlreadyExists)) => {}
                Err((topic, code)) => {
                    return Err(TopicsError::Create {
                        topic,
                        reason: code.to_string(),
                    })
                }
            }
        }
        Ok(created)
    }
}
