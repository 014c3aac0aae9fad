//! [`Hit`]: one retrieved passage with its citation data and confidence.
//! Its own module so that the index (which builds hits) and the confidence
//! gate (which reads them) both depend on it rather than on each other.

use serde::Serialize;

/// One retrieved passage with its citation data.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// Id of the document, to cite.
    pub doc_id: String,
    /// Title of the document.
    pub title: String,
    /// Section heading trail of the passage (may be empty).
    pub section: String,
    /// The passage text.
    pub passage: String,
    /// Ranking score (comparable only within one query).
    pub score: f32,
    /// Normalised confidence in [0, 1]: the IDF-weighted share of the query's
    /// informative terms that occur in this passage or its title. See
    /// [`crate::confidence`].
    pub confidence: f32,
}
