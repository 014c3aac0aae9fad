//! Validators of model output. The model proposes; these decide what is usable. Pure functions.

use std::collections::HashMap;

use serde_json::Value;
use thiserror::Error;

use crate::message::ToolCall;

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

/// A tool call that is on the allow-list and whose arguments pass the tool's JSON schema.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidCall {
    /// The provider's id of the call.
    pub id: String,
    /// The tool.
    pub name: String,
    /// The arguments, a JSON object that passed the schema.
    pub arguments: Value,
}

/// Why a proposed tool call is refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Rejection {
    /// The tool is not on this route's allow-list.
    #[error("tool {name:?} is not on the allow-list")]
    NotAllowed {
        /// The name the model gave.
        name: String,
    },
    /// The tool is allowed but has no schema to check against (a config mistake: refuse).
    #[error("tool {name:?} has no schema")]
    NoSchema {
        /// The tool.
        name: String,
    },
    /// The arguments are not a JSON object (often text that failed to parse as JSON).
    #[error("arguments of {name:?} are not a JSON object")]
    NotAnObject {
        /// The tool.
        name: String,
    },
    /// The schema itself does not compile.
    #[error("schema of {name:?} is invalid: {reason}")]
    BadSchema {
        /// The tool.
        name: String,
        /// The compiler's message.
        reason: String,
    },
    /// The arguments violate the schema; one `path: message` per violation.
    #[error("arguments of {name:?} violate its schema: {}", violations.join("; "))]
    SchemaViolation {
        /// The tool.
        name: String,
        /// The violations.
        violations: Vec<String>,
    },
}

/// Accepts `call` only when its tool is in `allow_list` and its arguments pass the tool's JSON
/// schema from `schemas` (tool name → schema). The schema is compiled per call; the tool
/// executor still validates again before any HTTP call, and writes still pass the policy gate.
pub fn validate_tool_call<S: AsRef<str>>(
    call: &ToolCall,
    allow_list: &[S],
    schemas: &HashMap<String, Value>,
) -> Result<ValidCall, Rejection> {
    let name = call.name.clone();
    if !allow_list.iter().any(|a| a.as_ref() == call.name) {
        return Err(Rejection::NotAllowed { name });
    }
    let Some(schema) = schemas.get(&call.name) else {
        return Err(Rejection::NoSchema { name });
    };
    if !call.arguments.is_object() {
        return Err(Rejection::NotAnObject { name });
    }
    let validator = jsonschema::validator_for(schema).map_err(|e| Rejection::BadSchema {
        name: name.clone(),
        reason: e.to_string(),
    })?;
    let violations: Vec<String> = validator
        .iter_errors(&call.arguments)
        .map(|e| {
            let path = e.instance_path().to_string();
            let path = if path.is_empty() {
                "(arguments)".to_owned()
            } else {
                path
            };
            format!("{path}: {e}")
        })
        .collect();
    if violations.is_empty() {
        Ok(ValidCall {
            id: call.id.clone(),
            name,
            arguments: call.arguments.clone(),
        })
    } else {
        Err(Rejection::SchemaViolation { name, violations })
    }
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
    use serde_json::json;

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

    fn schemas() -> HashMap<String, Value> {
        let mut m = HashMap::new();
        m.insert(
            "get_order_details".to_owned(),
            json!({
                "type": "object",
                "properties": { "order_id": { "type": "string", "pattern": "^#W[0-9]+$" } },
                "required": ["order_id"],
                "additionalProperties": false
            }),
        );
        m.insert("broken".to_owned(), json!({"type": 12}));
        m
    }

    fn call(name: &str, arguments: Value) -> ToolCall {
        ToolCall {
            id: "toolu_1".into(),
            name: name.into(),
            arguments,
        }
    }

    #[test]
    fn tool_calls_need_the_allow_list_and_the_schema() {
        let allow = ["get_order_details", "broken", "no_schema"];
        let ok = validate_tool_call(
            &call("get_order_details", json!({"order_id": "#W123"})),
            &allow,
            &schemas(),
        )
        .unwrap();
        assert_eq!(ok.arguments["order_id"], "#W123");
        let e = validate_tool_call(&call("cancel_pending_order", json!({})), &allow, &schemas())
            .unwrap_err();
        assert!(matches!(e, Rejection::NotAllowed { .. }));
        let e = validate_tool_call(
            &call("get_order_details", json!({"order_id": 5, "x": 1})),
            &allow,
            &schemas(),
        )
        .unwrap_err();
        let Rejection::SchemaViolation { violations, .. } = e else {
            panic!("{e:?}")
        };
        assert_eq!(violations.len(), 2, "{violations:?}");
        let e = validate_tool_call(&call("get_order_details", json!({})), &allow, &schemas())
            .unwrap_err();
        assert!(matches!(e, Rejection::SchemaViolation { .. }));
        let e = validate_tool_call(
            &call("get_order_details", json!("{\"order_id\": \"#W1\"")),
            &allow,
            &schemas(),
        )
        .unwrap_err();
        assert!(matches!(e, Rejection::NotAnObject { .. }));
        let e = validate_tool_call(&call("no_schema", json!({})), &allow, &schemas()).unwrap_err();
        assert!(matches!(e, Rejection::NoSchema { .. }));
        let e = validate_tool_call(&call("broken", json!({})), &allow, &schemas()).unwrap_err();
        assert!(matches!(e, Rejection::BadSchema { .. }));
    }

    proptest::proptest! {
        #[test]
        fn any_output_maps_to_a_key_or_the_riskiest(output in ".{0,64}") {
            let got = validate_intent(&output, KEYS, "refund_request");
            proptest::prop_assert!(KEYS.contains(&got.as_str()));
        }

        #[test]
        fn a_call_off_the_allow_list_is_never_valid(name in "[a-z_]{1,20}", n in 0i64..1000) {
            let c = call(&name, json!({"order_id": format!("#W{n}")}));
            let r = validate_tool_call(&c, &["get_order_details"], &schemas());
            proptest::prop_assert_eq!(r.is_ok(), name == "get_order_details");
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
