//! PII detection, masking and evaluation.
//!
//! [`detect_pii`] runs the recognisers in priority order (structured
//! identifiers with checksums first, then addresses, then person names) and
//! keeps the first span wherever two overlap. Spans are **byte** offsets into
//! the text, so `&text[span.start..span.end]` is the detected value.

pub mod address;
pub mod checksum;
pub mod eval;
pub mod geo;
pub mod mask;
pub mod person;
pub mod structured;

use serde::{Deserialize, Serialize};

/// The kinds of PII the guard detects; serialised with the Presidio labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum PiiKind {
    /// E-mail address.
    #[serde(rename = "EMAIL_ADDRESS")]
    Email,
    /// Telephone number (international formats).
    #[serde(rename = "PHONE_NUMBER")]
    Phone,
    /// Payment card number (Luhn-valid).
    #[serde(rename = "CREDIT_CARD")]
    CreditCard,
    /// US social security number.
    #[serde(rename = "US_SSN")]
    UsSsn,
    /// IBAN (mod-97 valid).
    #[serde(rename = "IBAN_CODE")]
    Iban,
    /// IPv4 address.
    #[serde(rename = "IP_ADDRESS")]
    IpAddress,
    /// URL or web domain.
    #[serde(rename = "DOMAIN_NAME")]
    Url,
    /// Postal / street address (or a part of one).
    #[serde(rename = "STREET_ADDRESS")]
    StreetAddress,
    /// Person name.
    #[serde(rename = "PERSON")]
    Person,
    /// A one-time code the agent sends to a contact on file. No recogniser finds it in
    /// text (it is not in [`PiiKind::ALL`]); the vault seals it so the notification that
    /// carries it crosses the outbound topic as a token.
    #[serde(rename = "ONE_TIME_CODE")]
    OneTimeCode,
}

impl PiiKind {
    /// Every kind a recogniser finds, in detection priority order.
    pub const ALL: [PiiKind; 9] = [
        PiiKind::Email,
        PiiKind::Url,
        PiiKind::Iban,
        PiiKind::CreditCard,
        PiiKind::UsSsn,
        PiiKind::IpAddress,
        PiiKind::Phone,
        PiiKind::StreetAddress,
        PiiKind::Person,
    ];

    /// The Presidio label (`EMAIL_ADDRESS`, ...).
    pub fn label(self) -> &'static str {
        match self {
            PiiKind::Email => "EMAIL_ADDRESS",
            PiiKind::Phone => "PHONE_NUMBER",
            PiiKind::CreditCard => "CREDIT_CARD",
            PiiKind::UsSsn => "US_SSN",
            PiiKind::Iban => "IBAN_CODE",
            PiiKind::IpAddress => "IP_ADDRESS",
            PiiKind::Url => "DOMAIN_NAME",
            PiiKind::StreetAddress => "STREET_ADDRESS",
            PiiKind::Person => "PERSON",
            PiiKind::OneTimeCode => "ONE_TIME_CODE",
        }
    }

    /// Parses a Presidio label.
    pub fn from_label(label: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.label() == label)
    }
}

/// One detected PII value: `text[start..end]` (byte offsets).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PiiSpan {
    /// What was found.
    pub kind: PiiKind,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

impl PiiSpan {
    fn overlaps(&self, other: &PiiSpan) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// Finds PII in `text`. Spans are sorted by `start` and never overlap.
pub fn detect_pii(text: &str) -> Vec<PiiSpan> {
    fn push_all(cands: Vec<PiiSpan>, accepted: &mut Vec<PiiSpan>) {
        for c in cands {
            if c.start < c.end && !accepted.iter().any(|a| a.overlaps(&c)) {
                accepted.push(c);
            }
        }
    }
    let mut accepted: Vec<PiiSpan> = Vec::new();
    push_all(structured::find(text), &mut accepted);
    push_all(address::find(text), &mut accepted);
    push_all(structured::find_phones(text), &mut accepted);
    let taken = accepted.clone();
    push_all(person::find(text, &taken), &mut accepted);
    accepted.sort_by_key(|s| (s.start, s.end));
    accepted
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn labels_round_trip() {
        for k in PiiKind::ALL {
            assert_eq!(PiiKind::from_label(k.label()), Some(k));
        }
        assert_eq!(PiiKind::from_label("GPE"), None);
    }

    #[test]
    fn finds_mixed_pii() {
        let t = "Mail jane.doe@example.com or call +1-604-696-5272, card 4111 1111 1111 1111, SSN 460-89-9847.";
        let kinds: Vec<PiiKind> = detect_pii(t).iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            vec![
                PiiKind::Email,
                PiiKind::Phone,
                PiiKind::CreditCard,
                PiiKind::UsSsn
            ]
        );
    }

    proptest! {
        #[test]
        fn never_panics_and_spans_are_valid(s in "\\PC{0,200}") {
            let spans = detect_pii(&s);
            let mut last_end = 0;
            for sp in spans {
                prop_assert!(sp.start >= last_end && sp.start < sp.end && sp.end <= s.len());
                prop_assert!(s.is_char_boundary(sp.start) && s.is_char_boundary(sp.end));
                last_end = sp.end;
            }
        }
    }
}
