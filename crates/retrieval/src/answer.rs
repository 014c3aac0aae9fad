//! Extractive, cited answers: the reply's factual sentences are copied from
//! retrieved passages, never generated.

use std::collections::HashSet;

use serde::Serialize;

use crate::hit::Hit;
use crate::markdown::heading;
use crate::query::{query_terms, sentences};
use crate::text::tokenize;

/// An answer assembled only from passage sentences, each with its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroundedAnswer {
    /// (sentence, document id) pairs in reply order.
    pub sentences: Vec<(String, String)>,
}

impl GroundedAnswer {
    /// Renders the answer as text with a `[doc_id]` citation after each sentence.
    pub fn render(&self) -> String {
        self.sentences
            .iter()
            .map(|(s, d)| format!("{s} [{d}]"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Distinct cited document ids, in order of first citation.
    pub fn citations(&self) -> Vec<&str> {
        let mut seen = HashSet::new();
        self.sentences
            .iter()
            .map(|(_, d)| d.as_str())
            .filter(|d| seen.insert(*d))
            .collect()
    }
}

/// Picks up to `max_sentences` sentences from `hits` that share the most query
/// terms (ties go to the better-ranked hit and earlier sentence), and returns
/// them in hit order with their document ids. Headings and sentences sharing
/// no query term are never used. Returns `None` if nothing qualifies.
pub fn extract_answer(query: &str, hits: &[Hit], max_sentences: usize) -> Option<GroundedAnswer> {
    let terms = query_terms(query);
    let mut candidates: Vec<(usize, usize, usize, String, &str)> = Vec::new();
    let mut seen_text = HashSet::new();
    for (h, hit) in hits.iter().enumerate() {
        for (s, sentence) in passage_sentences(&hit.passage).into_iter().enumerate() {
            let toks: HashSet<String> = tokenize(&sentence).into_iter().collect();
            let overlap = toks.iter().filter(|t| terms.contains_key(*t)).count();
            if overlap == 0 || !seen_text.insert(sentence.clone()) {
                continue;
            }
            candidates.push((overlap, h, s, sentence, hit.doc_id.as_str()));
        }
    }
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    candidates.truncate(max_sentences);
    candidates.sort_by(|a, b| a.1.cmp(&b.1).then(a.2.cmp(&b.2)));
    let sentences: Vec<(String, String)> = candidates
        .into_iter()
        .map(|(_, _, _, s, d)| (s, d.to_string()))
        .collect();
    (!sentences.is_empty()).then_some(GroundedAnswer { sentences })
}

/// Sentences of a passage with markdown list and quote markers stripped;
/// heading lines and list lead-ins ending in `:` dropped.
fn passage_sentences(passage: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in passage.lines() {
        if heading(line).is_some() {
            continue;
        }
        let line = line
            .trim()
            .trim_start_matches(|c: char| matches!(c, '-' | '*' | '+' | '>') || c.is_whitespace());
        let line = strip_number_marker(line);
        for s in sentences(line) {
            // Lead-ins ("If so, then:") mean nothing without their list.
            if s.chars().filter(|c| c.is_alphabetic()).count() >= 3 && !s.ends_with(':') {
                out.push(s.to_string());
            }
        }
    }
    out
}

fn strip_number_marker(line: &str) -> &str {
    let digits = line.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 {
        let rest = &line[digits..];
        if let Some(r) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return r.trim_start();
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn hit(doc: &str, passage: &str) -> Hit {
        Hit {
            doc_id: doc.into(),
            title: String::new(),
            section: String::new(),
            passage: passage.into(),
            score: 1.0,
            confidence: 1.0,
        }
    }

    #[test]
    fn extracts_relevant_sentences_with_citations() {
        let hits = [
            hit(
                "refunds",
                "## Refunds\nRefunds go to the original payment method. Our office is in Ohio.\nFor refunds to gift cards, then:",
            ),
            hit("gift", "> - Gift card refunds are immediate."),
        ];
        let a = extract_answer("when do refunds arrive on a gift card", &hits, 2).unwrap();
        assert_eq!(
            a.sentences,
            vec![
                (
                    "Refunds go to the original payment method.".to_string(),
                    "refunds".to_string()
                ),
                (
                    "Gift card refunds are immediate.".to_string(),
                    "gift".to_string()
                ),
            ]
        );
        assert_eq!(a.citations(), vec!["refunds", "gift"]);
        assert!(a.render().contains("[gift]"));
        assert!(extract_answer("bitcoin", &hits, 2).is_none());
        assert!(extract_answer("refunds", &[], 2).is_none());
    }

    proptest! {
        #[test]
        fn every_sentence_comes_from_a_hit(words in proptest::collection::vec("[a-e]{2,4}", 1..30), q in "[a-e]{2,4}( [a-e]{2,4}){0,3}") {
            let passage = words.chunks(5).map(|c| c.join(" ") + ".").collect::<Vec<_>>().join(" ");
            let hits = [hit("d", &passage)];
            if let Some(a) = extract_answer(&q, &hits, 3) {
                prop_assert!(a.sentences.len() <= 3);
                for (s, d) in &a.sentences {
                    prop_assert!(passage.contains(s.as_str()));
                    prop_assert_eq!(d.as_str(), "d");
                }
            }
        }
    }
}
