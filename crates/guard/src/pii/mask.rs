//! Masking detected PII in text that leaves the tool executor.

use serde::{Deserialize, Serialize};

use super::{detect_pii, PiiKind};

/// Which kinds survive masking. Everything else is replaced by a placeholder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MaskConfig {
    /// Kinds left as they are (e.g. a handoff keeps the customer's name).
    #[serde(default)]
    pub keep: Vec<PiiKind>,
}

impl MaskConfig {
    /// Mask everything: logs, outbound payloads, audit records.
    pub fn strict() -> Self {
        Self::default()
    }

    /// What a human agent needs on a warm handoff: name, e-mail, phone and
    /// postal address stay; card numbers, SSNs, IBANs and IPs are masked.
    pub fn handoff() -> Self {
        Self {
            keep: vec![
                PiiKind::Person,
                PiiKind::Email,
                PiiKind::Phone,
                PiiKind::StreetAddress,
            ],
        }
    }
}

/// The placeholder written in place of a value of `kind`.
pub fn placeholder(kind: PiiKind, value: &str) -> String {
    match kind {
        PiiKind::CreditCard => {
            let digits: Vec<char> = value.chars().filter(char::is_ascii_digit).collect();
            let last4: String = digits[digits.len().saturating_sub(4)..].iter().collect();
            format!("[CARD ****{last4}]")
        }
        PiiKind::Email => "[EMAIL]".into(),
        PiiKind::Phone => "[PHONE]".into(),
        PiiKind::UsSsn => "[SSN]".into(),
        PiiKind::Iban => "[IBAN]".into(),
        PiiKind::IpAddress => "[IP]".into(),
        PiiKind::Url => "[URL]".into(),
        PiiKind::StreetAddress => "[ADDRESS]".into(),
        PiiKind::Person => "[NAME]".into(),
        PiiKind::OneTimeCode => "[CODE]".into(),
    }
}

/// Replaces every detected PII value not kept by `config` with its placeholder.
/// Text outside detected spans is copied unchanged.
pub fn mask(text: &str, config: &MaskConfig) -> String {
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for span in detect_pii(text) {
        if config.keep.contains(&span.kind) {
            continue;
        }
        let (Some(before), Some(value)) =
            (text.get(cursor..span.start), text.get(span.start..span.end))
        else {
            continue;
        };
        out.push_str(before);
        out.push_str(&placeholder(span.kind, value));
        cursor = span.end;
    }
    out.push_str(text.get(cursor..).unwrap_or(""));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn masks_and_keeps_last_four() {
        let t = "Card 4111 1111 1111 1111, mail a.b@example.com, SSN 460-89-9847.";
        assert_eq!(
            mask(t, &MaskConfig::strict()),
            "Card [CARD ****1111], mail [EMAIL], SSN [SSN]."
        );
    }

    #[test]
    fn handoff_keeps_contact_details() {
        let t = "I'm reachable at a.b@example.com, card 4454794511390933";
        assert_eq!(
            mask(t, &MaskConfig::handoff()),
            "I'm reachable at a.b@example.com, card [CARD ****0933]"
        );
    }

    #[test]
    fn config_rejects_unknown_fields() {
        assert!(serde_json::from_str::<MaskConfig>(r#"{"keep": ["PERSON"], "extra": 1}"#).is_err());
        let c: MaskConfig = serde_json::from_str(r#"{"keep": ["EMAIL_ADDRESS"]}"#).unwrap();
        assert_eq!(c.keep, vec![PiiKind::Email]);
    }

    fn pii_value() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-z]{3,8}\\.[a-z]{2,6}@[a-z]{3,8}\\.(com|de|org)",
            "[1-8][0-9]{2}-[1-9][0-9]-[1-9][0-9]{3}",
            Just("4111 1111 1111 1111".to_string()),
            Just("GB56HXDO88167774656119".to_string()),
            "\\+1-[2-9][0-9]{2}-[2-9][0-9]{2}-[0-9]{4}",
        ]
    }

    proptest! {
        #[test]
        fn masking_never_leaks_detected_values(
            prefix in "[a-z ]{0,30}",
            value in pii_value(),
            suffix in "[a-z ]{0,30}",
        ) {
            let text = format!("{prefix} {value} {suffix}");
            let masked = mask(&text, &MaskConfig::strict());
            let spans = detect_pii(&text);
            for span in &spans {
                let v = &text[span.start..span.end];
                prop_assert!(!masked.contains(v), "{v:?} leaked in {masked:?}");
            }
            prop_assert!(!masked.contains(&value), "{value:?} leaked in {masked:?}");
            // Text outside every detected span survives. A span may legitimately reach into
            // the neighbours (a number followed by "ln" is a street address), so the prefix
            // and suffix are only checked where no span touches them.
            if spans.iter().all(|s| s.start > prefix.len()) {
                prop_assert!(masked.starts_with(&prefix));
            }
            if spans.iter().all(|s| s.end < text.len() - suffix.len()) {
                prop_assert!(masked.ends_with(&suffix));
            }
        }

        #[test]
        fn text_without_detections_is_unchanged(s in "\\PC{0,120}") {
            if detect_pii(&s).is_empty() {
                prop_assert_eq!(mask(&s, &MaskConfig::strict()), s);
            }
        }
    }
}
