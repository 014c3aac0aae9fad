//! Canonical JSON and idempotency keys.
//!
//! The key of a call is the hex SHA-256 of the canonical JSON of
//! `[ticket_id, tool, arguments]`, with object keys sorted at every level and
//! no whitespace. It depends only on the ticket and what is asked, never on a
//! model's wording or on the order of keys, and it is the same on every retry.

use serde_json::Value;
use sha2::{Digest, Sha256};

/// Serialises `value` with object keys sorted recursively and no whitespace.
///
/// Does not rely on serde_json's map order (which a `preserve_order` feature
/// elsewhere in the build would change).
pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            out.push('{');
            for (i, (k, v)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                write_canonical(v, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(v, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// The idempotency key of a tool call: hex SHA-256 of the canonical JSON of
/// `[ticket_id, tool, arguments]`.
pub fn idempotency_key(ticket_id: &str, tool: &str, arguments: &Value) -> String {
    let framed = Value::Array(vec![
        Value::String(ticket_id.to_owned()),
        Value::String(tool.to_owned()),
        arguments.clone(),
    ]);
    hex::encode(Sha256::digest(canonical_json(&framed).as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::{json, Map};

    #[test]
    fn sorts_keys_recursively() {
        let v = json!({"b": 1, "a": {"d": [3, {"z": 1, "y": 2}], "c": "x"}});
        assert_eq!(
            canonical_json(&v),
            r#"{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}"#
        );
    }

    #[test]
    fn key_is_hex_sha256_and_depends_on_every_part() {
        let args = json!({"order_id": "#W1", "reason": "no longer needed"});
        let k = idempotency_key("t1", "cancel_pending_order", &args);
        assert_eq!(k.len(), 64);
        assert!(k.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(k, idempotency_key("t2", "cancel_pending_order", &args));
        assert_ne!(k, idempotency_key("t1", "cancel_pending_orde", &args));
        assert_ne!(
            k,
            idempotency_key(
                "t1",
                "cancel_pending_order",
                &json!({"order_id": "#W1", "reason": "ordered by mistake"})
            )
        );
    }

    #[test]
    fn framing_is_unambiguous() {
        // Moving characters between ticket id and tool name changes the key.
        assert_ne!(
            idempotency_key("ab", "c", &json!({})),
            idempotency_key("a", "bc", &json!({}))
        );
    }

    fn arb_json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(|n| json!(n)),
            "\\PC{0,12}".prop_map(Value::String),
        ];
        leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                proptest::collection::vec(("[a-z]{1,4}", inner), 0..4)
                    .prop_map(|kv| Value::Object(kv.into_iter().collect())),
            ]
        })
    }

    fn reversed(v: &Value) -> Value {
        match v {
            Value::Object(m) => {
                let mut out = Map::new();
                let mut entries: Vec<_> = m.iter().collect();
                entries.reverse();
                for (k, v) in entries {
                    out.insert(k.clone(), reversed(v));
                }
                Value::Object(out)
            }
            Value::Array(a) => Value::Array(a.iter().map(reversed).collect()),
            other => other.clone(),
        }
    }

    proptest! {
        #[test]
        fn canonical_json_parses_back_to_the_same_value(v in arb_json()) {
            let text = canonical_json(&v);
            let back: Value = serde_json::from_str(&text).unwrap();
            prop_assert_eq!(back, v);
        }

        #[test]
        fn key_ignores_insertion_order(v in arb_json(), ticket in "[a-z0-9-]{1,12}") {
            prop_assert_eq!(
                idempotency_key(&ticket, "tool", &v),
                idempotency_key(&ticket, "tool", &reversed(&v))
            );
        }
    }
}
