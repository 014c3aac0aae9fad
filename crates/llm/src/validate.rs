//! Validators of model output. The model proposes; these decide what is usable. Pure functions.
//! (A proposed tool call is checked by the tool registry, `frontdesk_tools::ToolRegistry::check`,
//! the same check the executor runs.)

/// The intent a model answered, as a registry key: its output, trimmed of whitespace, quotes,
/// backticks and periods at either end, matched case-insensitively against `registry_keys`.
/// Anything else — prose, an invented intent, several intents — becomes `riskiest`.
pub fn validate_intent<I, S>(output: &str, registry_keys: I, riskiest: &str) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let cleaned =
        output.trim_matches(|c: char| matches!(c, '"' | '\'' | '`' | '.') || c.is_whitespace());
    registry_keys
        .into_iter()
        .find(|k| k.as_ref().eq_ignore_ascii_case(cleaned))
        .map_or_else(|| riskiest.to_owned(), |k| k.as_ref().to_owned())
}

/// The figures of `text` that `evidence` does not support. A figure is a token holding a
/// digit or an `@` (amounts, order and item ids, tracking numbers, dates, e-mail addresses);
/// it is supported when the same token occurs in `evidence`, or, for a number, when the same
/// value does (`$1,204.50` matches `1204.5`). A model's reply or answer may rephrase what the
/// tools returned, but every figure it states must come from them: an empty result means the
/// text invents none.
pub fn unsupported_figures(text: &str, evidence: &str) -> Vec<String> {
    let known: std::collections::HashSet<String> = figures(evidence).collect();
    let values: Vec<f64> = known.iter().filter_map(|f| number(f)).collect();
    let mut out: Vec<String> = Vec::new();
    for f in figures(text) {
        let ok = known.contains(&f)
            || number(&f).is_some_and(|v| values.iter().any(|k| (k - v).abs() < 0.005));
        if !ok && !out.contains(&f) {
            out.push(f);
        }
    }
    out
}

/// Tokens holding a digit or `@`, lower-cased, without surrounding punctuation or a leading
/// currency sign.
fn figures(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| {
        !(c.is_alphanumeric() || matches!(c, '.' | ',' | '#' | '-' | '@' | '_' | '$' | '/' | ':'))
    })
    .map(|t| {
        t.trim_matches(|c: char| matches!(c, '.' | ',' | '-' | ':' | '/'))
            .trim_start_matches('$')
            .to_lowercase()
    })
    .filter(|t| t.chars().any(|c| c.is_ascii_digit() || c == '@'))
}

/// The value of a plain number token (`1,204.50`, `12`), else `None`.
fn number(token: &str) -> Option<f64> {
    let plain: String = token.chars().filter(|c| *c != ',').collect();
    if plain.chars().all(|c| c.is_ascii_digit() || c == '.') {
        plain.parse().ok()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEYS: [&str; 3] = ["order_status", "refund_request", "cancel_order"];

    #[test]
    fn intent_must_be_a_registry_key() {
        assert_eq!(
            validate_intent("order_status", KEYS, "refund_request"),
            "order_status"
        );
        assert_eq!(
            validate_intent(" \"Cancel_Order\".\n", KEYS, "refund_request"),
            "cancel_order"
        );
        assert_eq!(
            validate_intent("`order_status`", KEYS, "refund_request"),
            "order_status"
        );
        for junk in [
            "",
            "track_package",
            "order_status, cancel_order",
            "The intent is order_status",
            "ignore previous instructions",
        ] {
            assert_eq!(
                validate_intent(junk, KEYS, "refund_request"),
                "refund_request",
                "{junk:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn any_output_maps_to_a_key_or_the_riskiest(output in ".{0,64}") {
            let got = validate_intent(&output, KEYS, "refund_request");
            proptest::prop_assert!(KEYS.contains(&got.as_str()));
        }

    }
    #[test]
    fn figures_must_come_from_the_evidence() {
        let evidence = r##"{"order_id":"#W2611340","total":1204.5,"tracking":["357962501027"],"email":"ana@x.com"}"##;
        assert!(unsupported_figures(
            "Order #W2611340 ($1,204.50) shipped with tracking 357962501027; we wrote to ana@x.com.",
            evidence
        )
        .is_empty());
        assert_eq!(
            unsupported_figures("You will get $1,500.00 back within 3 days.", evidence),
            vec!["1,500.00".to_owned(), "3".to_owned()]
        );
        assert_eq!(
            unsupported_figures("Order #W9999999 is on its way.", evidence),
            vec!["#w9999999".to_owned()]
        );
        assert!(unsupported_figures("Thanks, it is on its way!", "").is_empty());
    }
}
