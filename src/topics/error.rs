//! What can go wrong with topic declarations and with applying them to a cluster.

/// Errors with topic declarations, their creation or their inspection.
#[derive(Debug, thiserror::Error)]
pub enum TopicsError {
    /// The declarations do not parse or break a rule.
    #[error("invalid topic declarations: {0}")]
    Invalid(String),
    /// The broker refused.
    #[error("creating topic {topic}: {reason}")]
    Create {
        /// Topic.
        topic: String,
        /// Broker's reason.
        reason: String,
    },
    /// The broker refused to describe or change a topic's settings.
    #[error("topic {topic}'s settings: {reason}")]
    Settings {
        /// Topic.
        topic: String,
        /// Broker's reason.
        reason: String,
    },
    /// The admin client failed.
    #[error("kafka admin: {0}")]
    Kafka(#[from] rdkafka::error::KafkaError),
    /// The admin client could not be set up.
    #[error("kafka admin: {0}")]
    Setup(#[from] crate::kafka::KafkaSetupError),
}
