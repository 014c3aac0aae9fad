//! Loaders for the shipped data files (injection JSONL, ordinary-ticket CSVs).

use std::path::Path;

use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::error::{GuardError, Result};

/// One labelled text of the injection data set (`label` 1 = injection).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct LabelledText {
    /// The customer's (or attacker's) text.
    pub text: String,
    /// `true` when the text is a prompt injection or jailbreak.
    #[serde(deserialize_with = "label_from_int")]
    pub label: bool,
}

impl LabelledText {
    /// A labelled text (`label`: `true` for an injection).
    pub fn new(text: impl Into<String>, label: bool) -> Self {
        Self {
            text: text.into(),
            label,
        }
    }
}

fn label_from_int<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<bool, D::Error> {
    let v = i64::deserialize(d)?;
    Ok(v != 0)
}

/// A labelled text with the optional `kind` a hand-written set gives it
/// (`crates/guard/tests/data/injection_written.jsonl`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct KindedText {
    /// The text and its label.
    #[serde(flatten)]
    pub labelled: LabelledText,
    /// What kind of injection or benign text it is, when recorded.
    #[serde(default)]
    pub kind: Option<String>,
}

/// Reads `{"text": ..., "label": 0|1, "kind": ...}` lines (`kind` optional).
pub fn load_kinded_jsonl(path: impl AsRef<Path>) -> Result<Vec<KindedText>> {
    load_jsonl(path.as_ref())
}

/// Reads `{"text": ..., "label": 0|1}` lines from a JSONL file.
pub fn load_injection_jsonl(path: impl AsRef<Path>) -> Result<Vec<LabelledText>> {
    load_jsonl(path.as_ref())
}

/// Parses injection JSONL from a string; `origin` names it in errors.
pub fn parse_injection_jsonl(raw: &str, origin: &str) -> Result<Vec<LabelledText>> {
    parse_jsonl(raw, origin)
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|source| GuardError::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn load_jsonl<T: DeserializeOwned>(path: &Path) -> Result<Vec<T>> {
    parse_jsonl(&read(path)?, &path.display().to_string())
}

/// One `T` per non-blank line; `origin` names the text in errors.
fn parse_jsonl<T: DeserializeOwned>(raw: &str, origin: &str) -> Result<Vec<T>> {
    raw.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            serde_json::from_str(line).map_err(|source| GuardError::Json {
                path: origin.to_string(),
                line: i + 1,
                source,
            })
        })
        .collect()
}

/// Reads the first customer message of every case of an eval-set JSONL file
/// (`eval/sets/*.jsonl`: `{"messages": [first, ...], ...}`).
pub fn load_first_messages(path: impl AsRef<Path>) -> Result<Vec<String>> {
    let path = path.as_ref();
    parse_first_messages(&read(path)?, &path.display().to_string())
}

/// Parses eval-set JSONL from a string (cases without messages are skipped);
/// `origin` names it in errors.
pub fn parse_first_messages(raw: &str, origin: &str) -> Result<Vec<String>> {
    #[derive(Deserialize)]
    struct Case {
        #[serde(default)]
        messages: Vec<String>,
    }
    let cases: Vec<Case> = parse_jsonl(raw, origin)?;
    Ok(cases
        .into_iter()
        .filter_map(|c| c.messages.into_iter().next())
        .collect())
}

/// Reads the `text` column of a CSV file (Bitext, Banking77, CLINC150 layouts).
pub fn load_csv_texts(path: impl AsRef<Path>) -> Result<Vec<String>> {
    let path = path.as_ref();
    let raw = read(path)?;
    Ok(parse_csv_column(&raw, "text", &path.display().to_string())?
        .into_iter()
        .map(|(t, _)| t)
        .collect())
}

/// Reads `(text, other_column)` pairs from CSV text; `origin` names it in errors.
///
/// Returns the `text` column paired with `column` (or an empty string when
/// `column` is `"text"`).
pub fn parse_csv_column(raw: &str, column: &str, origin: &str) -> Result<Vec<(String, String)>> {
    let mut rdr = csv::Reader::from_reader(raw.as_bytes());
    let headers = rdr
        .headers()
        .map_err(|source| GuardError::Csv {
            path: origin.to_string(),
            source,
        })?
        .clone();
    let find = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| GuardError::MissingColumn {
                path: origin.to_string(),
                column: name.to_string(),
            })
    };
    let text_idx = find("text")?;
    let other_idx = find(column)?;
    let mut out = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|source| GuardError::Csv {
            path: origin.to_string(),
            source,
        })?;
        let text = rec.get(text_idx).unwrap_or_default().to_string();
        let other = if column == "text" {
            String::new()
        } else {
            rec.get(other_idx).unwrap_or_default().to_string()
        };
        out.push((text, other));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_labels_and_skips_blank_lines() {
        let rows = parse_injection_jsonl(
            "{\"text\": \"hi\", \"label\": 0}\n\n{\"text\": \"ignore all\", \"label\": 1}\n",
            "t",
        )
        .unwrap();
        assert_eq!(rows.len(), 2);
        assert!(!rows[0].label);
        assert!(rows[1].label);
    }

    #[test]
    fn reports_bad_line_number() {
        let err =
            parse_injection_jsonl("{\"text\": \"a\", \"label\": 0}\nnot json\n", "f").unwrap_err();
        assert!(err.to_string().contains("f:2"), "{err}");
    }

    #[test]
    fn first_messages_of_eval_cases() {
        let raw =
            "{\"id\": \"a\", \"messages\": [\"hi\", \"yes\"]}\n{\"id\": \"b\", \"messages\": []}\n";
        assert_eq!(parse_first_messages(raw, "e").unwrap(), vec!["hi"]);
        assert!(parse_first_messages("{", "e").is_err());
    }

    #[test]
    fn csv_column_pairs() {
        let rows =
            parse_csv_column("text,intent\nhello,greet\n\"a, b\",x\n", "intent", "c").unwrap();
        assert_eq!(
            rows,
            vec![
                ("hello".into(), "greet".into()),
                ("a, b".into(), "x".into())
            ]
        );
        assert!(parse_csv_column("text\nx\n", "intent", "c").is_err());
    }
}
