//! The unit of ingestion: a help-center document split into passages.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::markdown::split_sections;

/// One retrievable passage of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Passage {
    /// Heading trail of the section the passage comes from (may be empty).
    pub section: String,
    /// The passage text.
    pub text: String,
}

/// A document as stored in the index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Stable id, cited in replies.
    pub id: String,
    /// Human-readable title.
    pub title: String,
    /// Where it came from (`jsonl:<path>`, `markdown:<dir>`, `policy:<path>`);
    /// re-ingesting a source removes its documents that disappeared.
    pub source: String,
    /// SHA-256 (hex) of the title and raw content; unchanged hash = no re-index.
    pub hash: String,
    /// The passages, in document order.
    pub passages: Vec<Passage>,
}

impl Document {
    /// Builds a document from markdown-ish content, one passage per section.
    /// Content without headings becomes a single passage.
    pub fn from_markdown(id: &str, title: &str, source: &str, content: &str) -> Self {
        let mut passages: Vec<Passage> = split_sections(content)
            .into_iter()
            .map(|s| Passage {
                section: s.heading,
                text: s.text,
            })
            .collect();
        if passages.is_empty() && !content.trim().is_empty() {
            passages.push(Passage {
                section: String::new(),
                text: content.trim().to_string(),
            });
        }
        Self {
            id: id.to_string(),
            title: title.to_string(),
            source: source.to_string(),
            hash: content_hash(title, content),
            passages,
        }
    }
}

/// SHA-256 over title and content, hex encoded.
pub fn content_hash(title: &str, content: &str) -> String {
    let mut h = Sha256::new();
    h.update(title.as_bytes());
    h.update([0u8]);
    h.update(content.as_bytes());
    hex::encode(h.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passages_follow_headings_and_hash_tracks_content() {
        let d = Document::from_markdown("d1", "T", "test", "## A\nalpha\n## B\nbeta");
        assert_eq!(d.passages.len(), 2);
        assert_eq!(d.passages[1].section, "B");
        let same = Document::from_markdown("d1", "T", "test", "## A\nalpha\n## B\nbeta");
        let other = Document::from_markdown("d1", "T", "test", "## A\nalpha\n## B\ngamma");
        assert_eq!(d.hash, same.hash);
        assert_ne!(d.hash, other.hash);
        let plain = Document::from_markdown("d2", "T", "test", "no headings here");
        assert_eq!(plain.passages.len(), 1);
    }
}
