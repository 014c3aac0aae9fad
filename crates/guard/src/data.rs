//! Loaders for the shipped data files (injection JSONL, ordinary-ticket CSVs).

use std::path::Path;

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

fn label_from_int<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<bool, D::Error> {
    let v = i64::deserialize(d)?;
    Ok(v != 0)
}

/// Reads `{"text": ..., "label": 0|1}` lines from a JSONL file.
pub fn load_injection_jsonl(path: impl AsRef<Path>) -> Result<Vec<LabelledText>> {
    let path = path.as_ref();
    let raw = std::fs::read_to_string(path).map_err(|source| GuardError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse_injection_jsonl(&raw, &path.display().to_string())
}

/// Parses injection JSONL from a string; `origin` names it in errors.
pub fn parse_injection_jsonl(raw: &str, origin: &str) -> Result<Vec<LabelledText>> {
    let mut out = Vec::new();
    for (i, line) in raw.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let row: LabelledText = serde_json::from_str(line).map_err(|source| GuardError::Json {
            path: origin.to_string(),
            line: i + 1,
            source,
        })?;
        out.push(row);
    }
    Ok(out)
}

/// Reads the `text` column of a CSV file (Bitext, Banking77, CLINC150 layouts).
pub fn load_csv_texts(path: impl AsRef<Path>) -> Result<Vec<String>> {
    let path = path.as_ref();
    let raw = std::fs::read_to_string(path).map_err(|source| GuardError::Io {
        path: path.to_path_buf(),
        source,
    })?;
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
