//! What actually happened to each ticket of a backlog: the recorded-outcomes file that
//! `frontdesk shadow report --recorded` compares a shadow run with.
//!
//! One JSON object per line, keyed by the ticket id the backlog was imported with:
//!
//! ```json
//! {"ticket_id": "bk-train-0", "outcome": "resolved", "intent": "return_order",
//!  "actions": [{"name": "return_delivered_order_items", "arguments": {"order_id": "#W6067464", ...}}]}
//! {"ticket_id": "bk-bitext-3", "outcome": "resolved"}
//! {"ticket_id": "bk-17", "outcome": "escalated"}
//! ```
//!
//! `resolved` with `actions` is a person who changed the store; `resolved` without them a
//! person who answered with a reply; `escalated` a ticket a person passed on (to a
//! specialist, a manager, another team).

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// How a person closed the ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HumanOutcome {
    /// Resolved: by the `actions`, or by a reply alone when there are none.
    Resolved,
    /// Passed on to someone else.
    Escalated,
}

/// A write (or any store action) a person made, as the tool that makes it is called.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// Tool name (`cancel_pending_order`, ...).
    pub name: String,
    /// Its arguments.
    #[serde(default)]
    pub arguments: Value,
}

/// One line of the recorded-outcomes file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recorded {
    /// The ticket id the backlog was imported with.
    pub ticket_id: String,
    /// How the person closed it.
    pub outcome: HumanOutcome,
    /// The store actions they made, in order (writes; reads may be listed and are ignored
    /// when they are not write tools of the shadow run's tools config).
    #[serde(default)]
    pub actions: Vec<Action>,
    /// The intent a person labelled it with, when the export has one (reported beside
    /// frontdesk's own).
    #[serde(default)]
    pub intent: Option<String>,
}

/// Errors reading a recorded-outcomes file.
#[derive(Debug, thiserror::Error)]
pub enum RecordedError {
    /// The file could not be read.
    #[error("reading {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// A line is not a recorded outcome.
    #[error("{path} line {line}: {reason}")]
    Line {
        /// The file.
        path: String,
        /// 1-based line.
        line: usize,
        /// Why.
        reason: String,
    },
}

/// Reads a recorded-outcomes file, by ticket id (a later line for a ticket replaces an
/// earlier one).
pub fn read(path: &Path) -> Result<HashMap<String, Recorded>, RecordedError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| RecordedError::Io {
        path: shown.clone(),
        source,
    })?;
    parse(&text, &shown)
}

/// Parses the JSONL text of a recorded-outcomes file.
pub fn parse(text: &str, path: &str) -> Result<HashMap<String, Recorded>, RecordedError> {
    let mut out = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let r: Recorded = serde_json::from_str(line).map_err(|e| RecordedError::Line {
            path: path.to_owned(),
            line: i + 1,
            reason: e.to_string(),
        })?;
        out.insert(r.ticket_id.clone(), r);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_parse_by_ticket_and_unknown_fields_are_refused() {
        let text = r##"{"ticket_id":"a","outcome":"resolved","actions":[{"name":"cancel_pending_order","arguments":{"order_id":"#W1"}}]}

{"ticket_id":"b","outcome":"escalated"}
"##;
        let got = parse(text, "x").unwrap();
        assert_eq!(got["a"].actions[0].name, "cancel_pending_order");
        assert_eq!(got["b"].outcome, HumanOutcome::Escalated);
        let err = parse(r#"{"ticket_id":"a","outcome":"resolved","outcom":1}"#, "x")
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 1"), "{err}");
    }
}
