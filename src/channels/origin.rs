//! Where a ticket came from: the provider and the provider's own ids, kept so that
//! `frontdesk deliver` answers in the same place (the same Zendesk ticket, Intercom
//! conversation, SMS thread or e-mail thread).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::messages::Channel;

/// The system a ticket arrived through, and that its answer goes back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    /// The generic JSON webhook (or an imported ticket file): answered by the signed webhook.
    Generic,
    /// Zendesk Support.
    Zendesk,
    /// Intercom.
    Intercom,
    /// Twilio SMS.
    Twilio,
    /// E-mail (IMAP, parse webhooks, raw MIME, mbox and `.eml` imports): answered by SMTP.
    Email,
}

impl Provider {
    /// Every provider.
    pub const ALL: [Provider; 5] = [
        Provider::Generic,
        Provider::Zendesk,
        Provider::Intercom,
        Provider::Twilio,
        Provider::Email,
    ];

    /// The lowercase name used in tables, metrics and headers.
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::Generic => "generic",
            Provider::Zendesk => "zendesk",
            Provider::Intercom => "intercom",
            Provider::Twilio => "twilio",
            Provider::Email => "email",
        }
    }

    /// Parses a lowercase name.
    pub fn parse(s: &str) -> Option<Provider> {
        Provider::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// The provider a ticket of `channel` is answered through when nothing recorded its
    /// origin (a ticket some other producer wrote to an inbound topic).
    pub fn default_for(channel: Channel) -> Provider {
        match channel {
            Channel::Email => Provider::Email,
            Channel::Sms => Provider::Twilio,
            Channel::Chat | Channel::Webhook => Provider::Generic,
        }
    }
}

/// The provider's ids of one inbound message.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Origin {
    /// The helpdesk's thread: Zendesk ticket id, Intercom conversation id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread_id: Option<String>,
    /// The inbound message: e-mail `Message-ID`, Twilio `MessageSid`, Zendesk comment id,
    /// Intercom conversation part id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<String>,
    /// E-mail `References` of the inbound message (oldest first), continued by the reply.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<String>,
    /// Where the answer goes: the sender's address or number (verified or not: replying is
    /// not acting on an account).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<String>,
    /// The address or number the customer wrote to: the answer comes from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub our_address: Option<String>,
    /// Subject of the inbound message (the reply's is `Re: ` it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
}

impl Origin {
    /// The ticket headers that carry these ids downstream (`x-provider`, `x-thread-id`,
    /// `message-id`, `references`, ...), so stages and people can see them too.
    pub fn headers(&self, provider: Provider) -> HashMap<String, String> {
        let mut h = HashMap::new();
        h.insert("x-provider".to_owned(), provider.as_str().to_owned());
        let mut put = |k: &str, v: &Option<String>| {
            if let Some(v) = v {
                h.insert(k.to_owned(), v.clone());
            }
        };
        put("x-thread-id", &self.thread_id);
        put("message-id", &self.message_id);
        put("x-our-address", &self.our_address);
        if !self.references.is_empty() {
            h.insert("references".to_owned(), self.references.join(" "));
        }
        h
    }
}

/// A short, stable, non-reversible id for a value that should not appear in keys and logs
/// (a phone number, an e-mail `Message-ID`): the first 16 hex digits of its SHA-256.
pub fn digest_id(parts: &[&str]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0u8]);
    }
    hex::encode(&h.finalize()[..8])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_channels_have_a_default_provider() {
        for p in Provider::ALL {
            assert_eq!(Provider::parse(p.as_str()), Some(p));
            assert_eq!(
                serde_json::to_string(&p).unwrap(),
                format!("\"{}\"", p.as_str())
            );
        }
        assert_eq!(Provider::default_for(Channel::Sms), Provider::Twilio);
        assert_eq!(Provider::default_for(Channel::Email), Provider::Email);
    }

    #[test]
    fn digest_ids_are_stable_and_separate_their_parts() {
        assert_eq!(digest_id(&["a", "bc"]), digest_id(&["a", "bc"]));
        assert_ne!(digest_id(&["a", "bc"]), digest_id(&["ab", "c"]));
        assert_eq!(digest_id(&["x"]).len(), 16);
    }
}
