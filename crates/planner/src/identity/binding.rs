//! [`bind`]: the channel's verified identity to a store account, with the conversation's
//! stored customer re-checked against it on every ticket.

use serde_json::{json, Value};

use crate::customer::Reader;
use crate::{ConversationState, Identity, ToolFailure};

/// How the account was verified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// The channel passed the store's user id (a helpdesk requester, a logged-in chat user).
    ChannelUser,
    /// The channel's sender address is the account's e-mail address.
    ChannelEmail,
    /// Earlier in this conversation, with a one-time code sent to the account's contact.
    OneTimeCode,
}

impl Via {
    /// The stable name kept in the conversation state (`authenticated_via`).
    pub fn as_str(self) -> &'static str {
        match self {
            Via::ChannelUser => "channel_user",
            Via::ChannelEmail => "channel_email",
            Via::OneTimeCode => "one_time_code",
        }
    }
}

/// Why no account is verified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unverified {
    /// The channel verified no identity at all (an anonymous chat).
    Anonymous,
    /// The channel verified a contact that is on no account the store can find (an e-mail
    /// address on no account, a phone number: the store has no lookup by phone).
    NotOnFile,
}

/// The account this ticket acts for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Binding {
    /// A verified account.
    Verified {
        /// Store user id.
        user_id: String,
        /// How it was verified.
        via: Via,
    },
    /// Nobody verified.
    Unverified(Unverified),
    /// The conversation's stored customer is not the one this ticket's channel verified
    /// (a thread continued from another identity).
    Changed {
        /// The customer the conversation was about.
        stored: String,
    },
}

/// The account this ticket acts for: the channel's user id, else the account of the
/// channel's sender address, else the account proved earlier in the conversation with a
/// one-time code. A customer stored in the conversation that the channel now contradicts is
/// [`Binding::Changed`]; one that was verified by the channel on an earlier ticket but not
/// on this one is not trusted.
pub async fn bind(
    reader: &mut Reader<'_>,
    identity: &Identity,
    state: &ConversationState,
) -> Result<Binding, ToolFailure> {
    let channel = if let Some(id) = identity.user_id.as_deref().filter(|s| !s.is_empty()) {
        Some((id.to_owned(), Via::ChannelUser))
    } else if let Some(email) = identity.email.as_deref().filter(|s| !s.is_empty()) {
        reader
            .read("find_user_id_by_email", json!({ "email": email }))
            .await?
            .as_deref()
            .and_then(Value::as_str)
            .map(|id| (id.to_owned(), Via::ChannelEmail))
    } else {
        None
    };
    let stored = state.user_id.as_deref();
    let proved_by_code = state
        .slots
        .get("authenticated_via")
        .is_some_and(|v| v == Via::OneTimeCode.as_str());
    Ok(match (channel, stored) {
        (Some((now, _)), Some(before)) if now != before => Binding::Changed {
            stored: before.to_owned(),
        },
        (Some((user_id, via)), _) => Binding::Verified { user_id, via },
        (None, Some(before)) if proved_by_code => Binding::Verified {
            user_id: before.to_owned(),
            via: Via::OneTimeCode,
        },
        (None, _) => {
            let anonymous = identity.email.as_deref().is_none_or(str::is_empty)
                && identity.phone.as_deref().is_none_or(str::is_empty);
            Binding::Unverified(if anonymous {
                Unverified::Anonymous
            } else {
                Unverified::NotOnFile
            })
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::FixtureStore;

    async fn bound(identity: Identity, state: ConversationState) -> Binding {
        let store = FixtureStore;
        let mut reader = Reader::new(&store);
        bind(&mut reader, &identity, &state).await.unwrap()
    }

    fn email(address: &str) -> Identity {
        Identity {
            email: Some(address.to_owned()),
            ..Identity::default()
        }
    }

    #[tokio::test]
    async fn the_senders_address_on_an_account_verifies_it() {
        let b = bound(email("ana.lima@example.com"), ConversationState::default()).await;
        assert_eq!(
            b,
            Binding::Verified {
                user_id: "ana_lima_1".into(),
                via: Via::ChannelEmail
            }
        );
    }

    #[tokio::test]
    async fn an_address_on_no_account_and_no_identity_verify_nobody() {
        let b = bound(email("someone@example.net"), ConversationState::default()).await;
        assert_eq!(b, Binding::Unverified(Unverified::NotOnFile));
        let b = bound(Identity::default(), ConversationState::default()).await;
        assert_eq!(b, Binding::Unverified(Unverified::Anonymous));
        // a phone number is verified by the channel, but the store has no lookup by phone
        let phone = Identity {
            phone: Some("+15550100".into()),
            ..Identity::default()
        };
        let b = bound(phone, ConversationState::default()).await;
        assert_eq!(b, Binding::Unverified(Unverified::NotOnFile));
    }

    #[tokio::test]
    async fn the_stored_customer_is_rechecked_against_each_tickets_channel() {
        let mut state = ConversationState {
            user_id: Some("someone_else_9".into()),
            ..ConversationState::default()
        };
        let b = bound(email("ana.lima@example.com"), state.clone()).await;
        assert_eq!(
            b,
            Binding::Changed {
                stored: "someone_else_9".into()
            }
        );
        // verified by the channel earlier, but this ticket has no identity: not trusted
        state
            .slots
            .insert("authenticated_via".into(), "channel_email".into());
        let b = bound(Identity::default(), state.clone()).await;
        assert_eq!(b, Binding::Unverified(Unverified::Anonymous));
        // proved with a one-time code in this conversation: trusted for it
        state
            .slots
            .insert("authenticated_via".into(), "one_time_code".into());
        let b = bound(Identity::default(), state).await;
        assert_eq!(
            b,
            Binding::Verified {
                user_id: "someone_else_9".into(),
                via: Via::OneTimeCode
            }
        );
    }
}
