//! [`Channel`]: the channel a ticket arrived on.

use serde::{Deserialize, Serialize};

/// The channel a ticket arrived on; one inbound topic each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    /// E-mail.
    Email,
    /// Live chat.
    Chat,
    /// SMS.
    Sms,
    /// A helpdesk webhook (Zendesk, Intercom, ...).
    Webhook,
}

impl Channel {
    /// Every channel, in the Avro schema's symbol order.
    pub const ALL: [Channel; 4] = [
        Channel::Email,
        Channel::Chat,
        Channel::Sms,
        Channel::Webhook,
    ];

    /// The lowercase name used in topic names, config, JSON and the procedures file.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Chat => "chat",
            Channel::Sms => "sms",
            Channel::Webhook => "webhook",
        }
    }

    /// Parses a lowercase channel name.
    pub fn parse(s: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

impl std::fmt::Display for Channel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_through_parse_and_serde() {
        for c in Channel::ALL {
            assert_eq!(Channel::parse(c.as_str()), Some(c));
            let json = serde_json::to_string(&c).unwrap();
            assert_eq!(json, format!("\"{c}\""));
            assert_eq!(serde_json::from_str::<Channel>(&json).unwrap(), c);
        }
        assert_eq!(Channel::parse("fax"), None);
    }
}
