//! Labelled examples and the CSV loader.
//!
//! A labelled CSV has a header row with a `text` column and a label column.
//! The label is taken from `intent`, else `category`, else `label`; other
//! columns are ignored. Rows labelled `oos` teach "none of these".

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The label that marks an out-of-scope ("none of these") example.
pub const OOS_LABEL: &str = "oos";

/// One labelled utterance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Example {
    /// The customer's text.
    pub text: String,
    /// The intent label (`oos` for out of scope).
    pub intent: String,
}

impl Example {
    /// Builds an example from anything string-like.
    pub fn new(text: impl Into<String>, intent: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            intent: intent.into(),
        }
    }
}

/// Errors raised while reading labelled data.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    /// The file could not be opened or parsed as CSV.
    #[error("reading {path}: {source}")]
    Csv {
        /// The offending file.
        path: PathBuf,
        /// The underlying CSV error.
        #[source]
        source: csv::Error,
    },
    /// The header lacks a `text` column.
    #[error("{path}: header has no `text` column (found: {found})")]
    NoTextColumn {
        /// The offending file.
        path: PathBuf,
        /// The header as read.
        found: String,
    },
    /// The header lacks every accepted label column.
    #[error("{path}: header has no label column: looked for `intent`, then `category`, then `label` (found: {found})")]
    NoLabelColumn {
        /// The offending file.
        path: PathBuf,
        /// The header as read.
        found: String,
    },
    /// A data row lacks the text or label field.
    #[error("{path}: row {row} has too few fields")]
    ShortRow {
        /// The offending file.
        path: PathBuf,
        /// 1-based data row number (header excluded).
        row: usize,
    },
}

/// Label columns accepted, in order of preference.
pub const LABEL_COLUMNS: [&str; 3] = ["intent", "category", "label"];

/// Loads a labelled CSV (see the module docs for the accepted headers).
///
/// Rows whose text or label is empty after trimming are skipped.
pub fn load_labelled_csv(path: impl AsRef<Path>) -> Result<Vec<Example>, DataError> {
    let path = path.as_ref();
    let csv_err = |source| DataError::Csv {
        path: path.to_path_buf(),
        source,
    };
    // not flexible: a row with more fields than the header (an unquoted
    // comma in the text) is an error, not a silently shifted label
    let mut reader = csv::ReaderBuilder::new().from_path(path).map_err(csv_err)?;
    let headers = reader.headers().map_err(csv_err)?.clone();
    let found = headers.iter().collect::<Vec<_>>().join(",");
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let text_col = column("text").ok_or_else(|| DataError::NoTextColumn {
        path: path.to_path_buf(),
        found: found.clone(),
    })?;
    let label_col = LABEL_COLUMNS
        .iter()
        .find_map(|name| column(name))
        .ok_or_else(|| DataError::NoLabelColumn {
            path: path.to_path_buf(),
            found,
        })?;
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(csv_err)?;
        let (Some(text), Some(label)) = (record.get(text_col), record.get(label_col)) else {
            return Err(DataError::ShortRow {
                path: path.to_path_buf(),
                row: i + 1,
            });
        };
        let (text, label) = (text.trim(), label.trim());
        if text.is_empty() || label.is_empty() {
            continue;
        }
        out.push(Example::new(text, label));
    }
    Ok(out)
}

/// The distinct intents of `rows`, sorted (a model's class order).
pub fn labels_of(rows: &[Example]) -> Vec<String> {
    let mut labels: Vec<String> = rows.iter().map(|e| e.intent.clone()).collect();
    labels.sort();
    labels.dedup();
    labels
}

/// [`labels_of`] and each row's class index into them.
pub fn label_index(rows: &[Example]) -> (Vec<String>, Vec<usize>) {
    let labels = labels_of(rows);
    let ys = rows
        .iter()
        .map(|e| labels.binary_search(&e.intent).unwrap_or(0))
        .collect();
    (labels, ys)
}

/// Loads and concatenates several labelled CSVs (as `router train --data
/// A --data B` does).
pub fn load_labelled_csvs<P: AsRef<Path>>(paths: &[P]) -> Result<Vec<Example>, DataError> {
    let mut out = Vec::new();
    for p in paths {
        out.extend(load_labelled_csv(p)?);
    }
    Ok(out)
}

/// Splits examples deterministically into (train, held-out) with about
/// `held_out_fraction` of each label held out (stratified, seeded shuffle).
pub fn stratified_split(
    examples: &[Example],
    held_out_fraction: f64,
    seed: u64,
) -> (Vec<Example>, Vec<Example>) {
    use std::collections::BTreeMap;
    let mut by_label: BTreeMap<&str, Vec<&Example>> = BTreeMap::new();
    for ex in examples {
        by_label.entry(ex.intent.as_str()).or_default().push(ex);
    }
    let mut rng = crate::rng::SplitMix64::new(seed);
    let (mut train, mut held) = (Vec::new(), Vec::new());
    for (_, mut group) in by_label {
        rng.shuffle(&mut group);
        let n_held = ((group.len() as f64) * held_out_fraction).round() as usize;
        let n_held = n_held.min(group.len().saturating_sub(1));
        for (i, ex) in group.into_iter().enumerate() {
            if i < n_held {
                held.push(ex.clone());
            } else {
                train.push(ex.clone());
            }
        }
    }
    (train, held)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn label_index_is_sorted_distinct_labels_and_each_rows_class() {
        let rows = [
            Example::new("a", "track"),
            Example::new("b", "cancel"),
            Example::new("c", "track"),
            Example::new("d", "oos"),
        ];
        let (labels, ys) = label_index(&rows);
        assert_eq!(labels, ["cancel", "oos", "track"]);
        assert_eq!(ys, [2, 0, 2, 1]);
        assert_eq!(labels_of(&rows), labels);
    }

    fn write(content: &str) -> tempfile::NamedTempFile {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(content.as_bytes()).unwrap();
        f
    }

    #[test]
    fn label_column_preference() {
        let f = write("text,category,intent\nhello there,CAT,greet\n");
        let ex = load_labelled_csv(f.path()).unwrap();
        assert_eq!(ex, vec![Example::new("hello there", "greet")]);
        let f = write("category,text\ncard_arrival,\"where, is my card\"\n");
        let ex = load_labelled_csv(f.path()).unwrap();
        assert_eq!(ex, vec![Example::new("where, is my card", "card_arrival")]);
    }

    #[test]
    fn unquoted_comma_is_an_error() {
        let f = write("text,intent\nI don't like it, return it,return_order\n");
        assert!(matches!(
            load_labelled_csv(f.path()),
            Err(DataError::Csv { .. })
        ));
    }

    #[test]
    fn missing_label_column_names_all_candidates() {
        let f = write("text,foo\nhi,bar\n");
        let err = load_labelled_csv(f.path()).unwrap_err().to_string();
        assert!(err.contains("`intent`") && err.contains("`category`") && err.contains("`label`"));
    }

    #[test]
    fn shared_files_load() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/intents/");
        let b = load_labelled_csv(format!("{dir}banking77_train.csv")).unwrap();
        assert!(b.len() > 9000);
        assert!(b.iter().any(|e| e.intent == "card_arrival"));
    }

    #[test]
    fn split_is_stratified_and_deterministic() {
        let ex: Vec<_> = (0..100)
            .map(|i| Example::new(format!("t{i}"), if i % 2 == 0 { "a" } else { "b" }))
            .collect();
        let (tr, ho) = stratified_split(&ex, 0.2, 7);
        assert_eq!(tr.len() + ho.len(), 100);
        assert_eq!(ho.iter().filter(|e| e.intent == "a").count(), 10);
        assert_eq!(stratified_split(&ex, 0.2, 7).1, ho);
    }
}
