//! How a vault token (`⟦email:kqbtmzdhsrfc⟧`, shape in [`frontdesk_types::token`]) is
//! derived: 48 bits of HMAC-SHA256(key, conversation ‖ kind ‖ normalised value). The
//! same value gets the same token within a conversation, and a different one in any
//! other conversation.

use frontdesk_guard::PiiKind;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The word a token carries for `kind`.
pub fn kind_code(kind: PiiKind) -> &'static str {
    match kind {
        PiiKind::Email => "email",
        PiiKind::Phone => "phone",
        PiiKind::CreditCard => "card",
        PiiKind::UsSsn => "ssn",
        PiiKind::Iban => "iban",
        PiiKind::IpAddress => "ip",
        PiiKind::Url => "url",
        PiiKind::StreetAddress => "address",
        PiiKind::Person => "name",
        PiiKind::OneTimeCode => "code",
    }
}

/// The kind a token's word stands for.
pub fn kind_of_code(code: &str) -> Option<PiiKind> {
    PiiKind::ALL
        .into_iter()
        .chain([PiiKind::OneTimeCode])
        .find(|k| kind_code(*k) == code)
}

/// The value a token is derived from: the same card typed with or without spaces, or an
/// address in another case, is the same value.
pub fn normalise(kind: PiiKind, value: &str) -> String {
    match kind {
        PiiKind::CreditCard | PiiKind::UsSsn | PiiKind::Phone => value
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect(),
        PiiKind::Iban => value
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_uppercase())
            .collect(),
        _ => value
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase(),
    }
}

/// The token of `value` (of `kind`) in `conversation_id`, under `key`.
pub fn token(key: &[u8], conversation_id: &str, kind: PiiKind, value: &str) -> String {
    // HMAC takes a key of any length; `new_from_slice` cannot fail for it.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key)
        .unwrap_or_else(|e| unreachable!("HMAC accepts any key length: {e}"));
    // Lengths first, so no two (conversation, kind, value) triples feed the same bytes.
    for part in [conversation_id, kind_code(kind), &normalise(kind, value)] {
        mac.update(&(part.len() as u64).to_be_bytes());
        mac.update(part.as_bytes());
    }
    frontdesk_types::token::format(kind_code(kind), &mac.finalize().into_bytes())
}

/// One token found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundToken<'a> {
    /// The whole token, brackets included.
    pub token: &'a str,
    /// Its kind.
    pub kind: PiiKind,
    /// Byte offset of its first byte.
    pub start: usize,
    /// Byte offset one past its last byte.
    pub end: usize,
}

/// The tokens in `text`, in order.
pub fn find_tokens(text: &str) -> impl Iterator<Item = FoundToken<'_>> {
    frontdesk_types::token::find(text)
        .into_iter()
        .filter_map(|f| {
            Some(FoundToken {
                token: f.token,
                kind: kind_of_code(f.kind)?,
                start: f.start,
                end: f.end,
            })
        })
}

/// Whether `text` may hold a token (a cheap test before any lookup).
pub fn may_hold_tokens(text: &str) -> bool {
    text.contains(frontdesk_types::token::OPEN)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_same_value_gets_the_same_token_within_a_conversation_only() {
        let key = b"k";
        let a = token(key, "c1", PiiKind::CreditCard, "4111 1111 1111 1111");
        assert_eq!(
            a,
            token(key, "c1", PiiKind::CreditCard, "4111-1111-1111-1111")
        );
        assert_ne!(
            a,
            token(key, "c2", PiiKind::CreditCard, "4111 1111 1111 1111")
        );
        assert_ne!(
            a,
            token(b"other", "c1", PiiKind::CreditCard, "4111111111111111")
        );
        let e = token(key, "c1", PiiKind::Email, "Jane.Doe@Example.com");
        assert_eq!(e, token(key, "c1", PiiKind::Email, "jane.doe@example.com"));
        assert!(e.starts_with("⟦email:") && e.ends_with('⟧'), "{e}");
    }

    #[test]
    fn tokens_are_found_and_nothing_else_is() {
        let t = token(b"k", "c", PiiKind::Email, "a@b.example");
        let text = format!("mail {t}, order #W1234567 item 6086499569 ⟦card:short⟧");
        let found: Vec<_> = find_tokens(&text).collect();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].token, t);
        assert_eq!(found[0].kind, PiiKind::Email);
        assert_eq!(&text[found[0].start..found[0].end], t);
    }

    #[test]
    fn no_recogniser_takes_a_token_for_pii() {
        for kind in PiiKind::ALL {
            for value in ["4111 1111 1111 1111", "jane@example.com", "+1 604 696 5272"] {
                let t = token(b"key", "conversation", kind, value);
                let text = format!("My {} is {t} and that is all.", kind_code(kind));
                assert!(
                    frontdesk_guard::detect_pii(&text).is_empty(),
                    "{text}: {:?}",
                    frontdesk_guard::detect_pii(&text)
                );
            }
        }
    }

    proptest! {
        #[test]
        fn every_token_is_found_again(conv in "[a-z0-9-]{1,20}", value in "\\PC{1,40}") {
            for kind in PiiKind::ALL {
                let t = token(b"key", &conv, kind, &value);
                let found: Vec<_> = find_tokens(&t).collect();
                prop_assert_eq!(found.len(), 1);
                prop_assert_eq!(found[0].token, t.as_str());
                prop_assert_eq!(found[0].kind, kind);
            }
        }
    }
}
