//! Eval cases: one labelled ticket (or thread) per JSONL line.

use std::collections::HashSet;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use frontdesk_sandbox::Operation;

use crate::messages::{Channel, Identity};

/// What a case may end as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Disposition {
    /// The agent must resolve it (and reach the labelled state).
    Resolve,
    /// The agent must hand it to a human.
    Escalate,
    /// Either is acceptable.
    Either,
}

/// A labelled write, named and shaped as the sandbox store's operations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabelledAction {
    /// Operation (tool) name, e.g. `cancel_pending_order`.
    pub name: String,
    /// Its arguments.
    #[serde(alias = "kwargs")]
    pub arguments: Value,
}

/// The expected outcome of a case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Expect {
    /// Resolve, escalate or either.
    pub disposition: Disposition,
    /// The labelled writes; empty means nothing may be written.
    #[serde(default)]
    pub actions: Vec<LabelledAction>,
    /// Facts the reply must state (substrings, case-insensitive).
    #[serde(default)]
    pub outputs: Vec<String>,
}

/// The customer as the channel identified them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CaseCustomer {
    /// Sender email.
    #[serde(default)]
    pub email: Option<String>,
    /// Sender phone.
    #[serde(default)]
    pub phone: Option<String>,
    /// Helpdesk user id.
    #[serde(default, alias = "helpdesk_user_id")]
    pub user_id: Option<String>,
    /// Display name.
    #[serde(default)]
    pub name: Option<String>,
}

impl CaseCustomer {
    /// The ticket identity.
    pub fn identity(&self) -> Identity {
        Identity {
            email: self.email.clone(),
            phone: self.phone.clone(),
            helpdesk_user_id: self.user_id.clone(),
            name: self.name.clone(),
        }
    }
}

/// One labelled case. Unknown top-level fields are kept out of the way, not refused, so
/// sets can carry their own annotations (`tags`, `source`, ...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Case {
    /// Unique id within the run.
    pub id: String,
    /// Channel name (`email`, `chat`, `sms`, `webhook`); email when absent.
    #[serde(default = "default_channel")]
    pub channel: String,
    /// The verified identity.
    #[serde(default)]
    pub customer: CaseCustomer,
    /// Subject line.
    #[serde(default)]
    pub subject: Option<String>,
    /// The customer's messages: the first opens the thread, each next one is sent only
    /// when the agent waits for the customer.
    pub messages: Vec<String>,
    /// The label.
    pub expect: Expect,
    /// Free-form tags (e.g. the adversarial category).
    #[serde(default)]
    pub tags: Vec<String>,
}

fn default_channel() -> String {
    "email".to_owned()
}

impl Case {
    /// The parsed channel (validated by [`load`]).
    pub fn channel(&self) -> Channel {
        Channel::parse(&self.channel).unwrap_or(Channel::Email)
    }
}

/// A set that cannot be used, with the line that is wrong.
#[derive(Debug, thiserror::Error)]
pub enum CaseError {
    /// The file cannot be read.
    #[error("reading {path}: {source}")]
    Io {
        /// File.
        path: String,
        /// Cause.
        source: std::io::Error,
    },
    /// A line is not a valid case.
    #[error("{path}:{line}: {reason}")]
    Invalid {
        /// File.
        path: String,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        reason: String,
    },
}

/// Loads the cases of `paths` in order; ids must be unique across all of them.
pub fn load(paths: &[impl AsRef<Path>]) -> Result<Vec<Case>, CaseError> {
    let mut out = Vec::new();
    let mut ids = HashSet::new();
    for path in paths {
        let path = path.as_ref();
        let p = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| CaseError::Io {
            path: p.clone(),
            source,
        })?;
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let invalid = |reason: String| CaseError::Invalid {
                path: p.clone(),
                line: i + 1,
                reason,
            };
            let case: Case = serde_json::from_str(line).map_err(|e| invalid(e.to_string()))?;
            if case.messages.is_empty() || case.messages.iter().any(|m| m.trim().is_empty()) {
                return Err(invalid(
                    "`messages` must hold at least one non-empty message".into(),
                ));
            }
            if Channel::parse(&case.channel).is_none() {
                return Err(invalid(format!("unknown channel `{}`", case.channel)));
            }
            for a in &case.expect.actions {
                let write = Operation::from_name(&a.name).filter(|op| op.is_write());
                if write.is_none() {
                    let writes: Vec<&str> = Operation::ALL
                        .into_iter()
                        .filter(|op| op.is_write())
                        .map(Operation::name)
                        .collect();
                    return Err(invalid(format!(
                        "`{}` is not a write operation of the store ({})",
                        a.name,
                        writes.join(", ")
                    )));
                }
                if !a.arguments.is_object() {
                    return Err(invalid(format!(
                        "arguments of `{}` must be an object",
                        a.name
                    )));
                }
            }
            if !ids.insert(case.id.clone()) {
                return Err(invalid(format!("duplicate case id `{}`", case.id)));
            }
            out.push(case);
        }
    }
    Ok(out)
}

/// Whether two writes are the same action: same operation and arguments, with the
/// item lists compared as sets of (old, new) pairs, since their order carries no meaning.
pub fn same_action(name_a: &str, args_a: &Value, name_b: &str, args_b: &Value) -> bool {
    name_a == name_b && normalized(args_a) == normalized(args_b)
}

fn normalized(args: &Value) -> Value {
    let Some(obj) = args.as_object() else {
        return args.clone();
    };
    let mut obj = obj.clone();
    let list = |k: &str, o: &serde_json::Map<String, Value>| -> Vec<String> {
        o.get(k)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .map(|v| {
                        v.as_str()
                            .map(str::to_owned)
                            .unwrap_or_else(|| v.to_string())
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let old = list("item_ids", &obj);
    let new = list("new_item_ids", &obj);
    if !old.is_empty() {
        let mut pairs: Vec<(String, Option<String>)> = old
            .iter()
            .enumerate()
            .map(|(i, o)| (o.clone(), new.get(i).cloned()))
            .collect();
        pairs.sort();
        obj.insert(
            "item_ids".into(),
            pairs.iter().map(|(o, _)| Value::from(o.as_str())).collect(),
        );
        if obj.contains_key("new_item_ids") {
            obj.insert(
                "new_item_ids".into(),
                pairs
                    .iter()
                    .map(|(_, n)| n.clone().map(Value::from).unwrap_or(Value::Null))
                    .collect(),
            );
        }
    }
    Value::Object(obj)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn item_order_does_not_matter_but_pairing_does() {
        let a = json!({"order_id": "#W1", "item_ids": ["1", "2"], "new_item_ids": ["3", "4"]});
        let b = json!({"order_id": "#W1", "item_ids": ["2", "1"], "new_item_ids": ["4", "3"]});
        let c = json!({"order_id": "#W1", "item_ids": ["2", "1"], "new_item_ids": ["3", "4"]});
        assert!(same_action("x", &a, "x", &b));
        assert!(!same_action("x", &a, "x", &c));
        assert!(!same_action("x", &a, "y", &a));
    }

    #[test]
    fn loads_and_validates() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s.jsonl");
        std::fs::write(
            &p,
            r##"{"id": "a", "customer": {"email": "x@y"}, "messages": ["hi"], "expect": {"disposition": "either"}, "extra": 1}
{"id": "b", "channel": "chat", "messages": ["cancel"], "expect": {"disposition": "resolve", "actions": [{"name": "cancel_pending_order", "kwargs": {"order_id": "#W1", "reason": "no longer needed"}}]}}
"##,
        )
        .unwrap();
        let cases = load(&[&p]).unwrap();
        assert_eq!(cases.len(), 2);
        assert_eq!(cases[1].channel(), Channel::Chat);
        assert_eq!(cases[1].expect.actions[0].name, "cancel_pending_order");

        std::fs::write(
            &p,
            r#"{"id": "a", "messages": [], "expect": {"disposition": "either"}}"#,
        )
        .unwrap();
        let e = load(&[&p]).unwrap_err().to_string();
        assert!(e.contains(":1:") && e.contains("messages"), "{e}");
        std::fs::write(
            &p,
            r#"{"id": "a", "messages": ["x"], "expect": {"disposition": "resolve", "actions": [{"name": "get_user_details", "arguments": {}}]}}"#,
        )
        .unwrap();
        assert!(load(&[&p]).unwrap_err().to_string().contains("not a write"));
    }
}
