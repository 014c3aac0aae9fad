//! What a stage reads and where it writes.

use crate::messages::Channel;

/// What a stage reads from one topic.
#[derive(Debug, Clone)]
pub enum Input {
    /// Inbound tickets of a channel (Avro or JSON).
    Tickets {
        /// Physical topic.
        topic: String,
        /// Its channel.
        channel: Channel,
    },
    /// Envelopes from the previous stage.
    Envelopes {
        /// Physical topic.
        topic: String,
    },
}

impl Input {
    /// The physical topic.
    pub fn topic(&self) -> &str {
        match self {
            Input::Tickets { topic, .. } | Input::Envelopes { topic } => topic,
        }
    }
}

/// Where a stage reads and writes.
#[derive(Debug, Clone)]
pub struct Wiring {
    /// Topics read.
    pub inputs: Vec<Input>,
    /// Topic of [`Outcome::Forward`](crate::runtime::Outcome::Forward), if the stage forwards.
    pub forward: Option<String>,
    /// Resolutions topic.
    pub resolutions: String,
    /// Handoffs topic.
    pub handoffs: String,
    /// Audit topic.
    pub audit: String,
    /// Dead-letter topic.
    pub deadletter: String,
}
