//! `frontdesk dlq`: the dead-letter topic, listed and re-driven after a fix.
//!
//! - [`read`]: every dead letter on the topic, from the beginning to the end as it is now.
//! - [`select`]: which of them a command acts on (reason, stage, time range, offsets).
//! - [`replay`]: produce each selected original back to where it was read, once.
//! - [`command`]: the `frontdesk dlq list | replay` arguments and output.

pub mod command;
pub mod read;
pub mod replay;
pub mod select;

pub use command::{command, DlqCommand};
pub use read::{read_all, Letter};
pub use replay::{replay, ReplayReport};
pub use select::{parse_offsets, parse_time, Selection};

/// Errors of the dead-letter commands.
#[derive(Debug, thiserror::Error)]
pub enum DlqError {
    /// The broker failed.
    #[error("kafka: {0}")]
    Kafka(#[from] rdkafka::error::KafkaError),
    /// A replayed record was not shown to be in the log.
    #[error("kafka: {0}")]
    Send(#[from] crate::kafka::SendError),
    /// The Kafka clients could not be set up.
    #[error(transparent)]
    Setup(#[from] crate::kafka::KafkaSetupError),
    /// The state database failed.
    #[error(transparent)]
    State(#[from] crate::state::StateError),
    /// A record on the dead-letter topic is not a dead letter.
    #[error("dead-letter topic {partition}/{offset}: {reason}")]
    Decode {
        /// Its partition.
        partition: i32,
        /// Its offset.
        offset: i64,
        /// Why it does not decode.
        reason: String,
    },
    /// Reading stopped before the end of the topic.
    #[error("timed out reading the dead-letter topic ({0})")]
    Timeout(String),
}
