//! Backlog files as a stream of units, each with where it is in the file: the formats
//! `frontdesk import` reads, detected from the path.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use crate::channels::accept::Inbound;

/// The formats understood.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One `Ticket` JSON object per line (the shape the inbound topics accept).
    Jsonl,
    /// CSV with a header row: `body` (or `text`, `message`) and optionally `ticket_id`,
    /// `conversation_id`, `channel`, `email`, `phone`, `name`, `subject`, `received_at`.
    Csv,
    /// An mbox mailbox.
    Mbox,
    /// A folder of `.eml` files.
    Eml,
    /// A Zendesk ticket export: `{"tickets": [...]}` as the API lists them, or one ticket
    /// object per line.
    Zendesk,
}

impl Format {
    /// The format of `path`: a folder is `.eml` files; otherwise by extension.
    pub fn detect(path: &Path) -> Option<Format> {
        if path.is_dir() {
            return Some(Format::Eml);
        }
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "csv" => Some(Format::Csv),
            "mbox" | "mbx" => Some(Format::Mbox),
            "json" => Some(Format::Zendesk),
            _ => None,
        }
    }
}

/// Where a unit is: a line of a file, or a file of a folder.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(untagged)]
pub enum Place {
    /// 1-based line where the unit starts.
    Line(u64),
    /// A file of the folder.
    File(String),
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::Line(n) => write!(f, "line {n}"),
            Place::File(name) => write!(f, "file {name}"),
        }
    }
}

/// One unit of a backlog, before it is a ticket.
#[derive(Debug)]
pub enum Unit {
    /// A `Ticket` JSON object (decoded and validated by the codec).
    Json(Vec<u8>),
    /// A raw e-mail (threaded and stripped on the way in).
    Mime(Vec<u8>),
    /// Already a ticket, or why the unit is not one.
    Ready(Result<Box<Inbound>, String>),
    /// Not a customer message (a solved Zendesk ticket): counted, not imported.
    Skip(&'static str),
}

/// Units with their places and the bytes read so far (for the progress bar).
pub type Units = Box<dyn Iterator<Item = std::io::Result<(Place, Unit, u64)>>>;

/// Opens `path` as `format`; `channel` fills tickets that name none.
pub fn open(
    path: &Path,
    format: Format,
    channel: crate::messages::Channel,
) -> std::io::Result<Units> {
    match format {
        Format::Jsonl => Ok(Box::new(lines(path)?.map(|r| {
            r.map(|(line, text, read)| (Place::Line(line), Unit::Json(text.into_bytes()), read))
        }))),
        Format::Csv => super::csv::units(path, channel),
        Format::Mbox => super::mbox::units(path),
        Format::Eml => eml_units(path),
        Format::Zendesk => super::zendesk::units(path),
    }
}

/// The non-blank lines of a file: `(line number, text, bytes read so far)`.
pub fn lines(
    path: &Path,
) -> std::io::Result<impl Iterator<Item = std::io::Result<(u64, String, u64)>>> {
    let mut reader = BufReader::new(File::open(path)?);
    let mut line_no = 0u64;
    let mut read = 0u64;
    Ok(std::iter::from_fn(move || loop {
        let mut buf = String::new();
        match reader.read_line(&mut buf) {
            Ok(0) => return None,
            Ok(n) => {
                line_no += 1;
                read += n as u64;
                if !buf.trim().is_empty() {
                    return Some(Ok((line_no, buf.trim_end().to_owned(), read)));
                }
            }
            Err(e) => return Some(Err(e)),
        }
    }))
}

/// The `.eml` files of a folder, in name order.
fn eml_units(dir: &Path) -> std::io::Result<Units> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e.eq_ignore_ascii_case("eml"))
        })
        .collect();
    files.sort();
    let mut read = 0u64;
    Ok(Box::new(files.into_iter().map(move |p| {
        let bytes = std::fs::read(&p)?;
        read += bytes.len() as u64;
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok((Place::File(name), Unit::Mime(bytes), read))
    })))
}

/// The total size of what `open` reads (for the progress bar).
pub fn total_bytes(path: &Path) -> u64 {
    if path.is_dir() {
        std::fs::read_dir(path)
            .map(|d| {
                d.filter_map(|e| e.ok()?.metadata().ok())
                    .map(|m| m.len())
                    .sum()
            })
            .unwrap_or(0)
    } else {
        std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_detected_from_the_path() {
        assert_eq!(Format::detect(Path::new("a.jsonl")), Some(Format::Jsonl));
        assert_eq!(Format::detect(Path::new("a.CSV")), Some(Format::Csv));
        assert_eq!(Format::detect(Path::new("a.mbox")), Some(Format::Mbox));
        assert_eq!(
            Format::detect(Path::new("export.json")),
            Some(Format::Zendesk)
        );
        assert_eq!(Format::detect(Path::new("a.txt")), None);
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Format::detect(dir.path()), Some(Format::Eml));
    }

    #[test]
    fn lines_skip_blanks_and_keep_numbers() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("x.jsonl");
        std::fs::write(&f, "{\"a\":1}\n\n{\"b\":2}\n").unwrap();
        let got: Vec<(u64, String, u64)> = lines(&f).unwrap().map(Result::unwrap).collect();
        assert_eq!(got[0].0, 1);
        assert_eq!(got[1].0, 3);
        assert_eq!(got[1].2, 17);
    }
}
