//! Tokenisation shared by indexing and querying: lower-casing, splitting on
//! non-alphanumerics, English stop-word removal and a light plural stemmer.

/// Common English function words that carry no retrieval signal.
const STOP_WORDS: &[&str] = &[
    "a", "about", "again", "also", "an", "and", "are", "as", "at", "be", "been", "being", "but",
    "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have", "he", "her",
    "here", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "may", "me", "might",
    "must", "my", "no", "not", "of", "on", "only", "or", "our", "over", "shall", "she", "should",
    "so", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this",
    "those", "to", "under", "very", "was", "we", "were", "what", "when", "where", "which", "who",
    "whom", "why", "will", "with", "would", "you", "your",
];

/// True if `word` (already lower-cased) is a stop word.
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

/// Reduces simple English inflections so query and document forms meet:
/// plurals (`fees` -> `fee`, `policies` -> `policy`) and `-ing` / `-ed`
/// (`refunded` and `refunding` -> `refund`; `charged` and `charging` both ->
/// `charg`, which is fine as long as both sides are stemmed alike).
///
/// Deliberately light: it never shortens words of three letters or fewer and
/// leaves `-ss` and `-us` endings (`address`, `bonus`) alone.
pub fn stem(word: &str) -> String {
    let n = word.len();
    if n > 5 && word.ends_with("ies") {
        return format!("{}y", &word[..n - 3]);
    }
    if n > 3 && word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") {
        return word[..n - 1].to_string();
    }
    if n > 5 && word.ends_with("ing") {
        return word[..n - 3].to_string();
    }
    if n > 4 && word.ends_with("ed") {
        return word[..n - 2].to_string();
    }
    word.to_string()
}

/// Splits text into normalised index terms (lower-case, stemmed, no stop words,
/// no single characters).
pub fn tokenize(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for raw in text.split(|c: char| !c.is_alphanumeric()) {
        if raw.chars().count() < 2 {
            continue;
        }
        let lower = raw.to_lowercase();
        if is_stop_word(&lower) {
            continue;
        }
        out.push(stem(&lower));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        let mut sorted = STOP_WORDS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, STOP_WORDS);
    }

    #[test]
    fn tokenize_normalises() {
        assert_eq!(
            tokenize("What are the Fees for Policies? A $25 fee."),
            vec!["fee", "policy", "25", "fee"]
        );
        assert_eq!(tokenize("address access"), vec!["address", "access"]);
        assert_eq!(tokenize("refunded refunding"), vec!["refund", "refund"]);
        assert_eq!(tokenize("charged charging"), vec!["charg", "charg"]);
    }

    proptest! {
        #[test]
        fn tokens_are_lowercase_nonempty_and_not_stop_words(s in "\\PC{0,200}") {
            for t in tokenize(&s) {
                prop_assert!(!t.is_empty());
                prop_assert_eq!(t.to_lowercase(), t.clone());
                prop_assert!(!is_stop_word(&t));
            }
        }

        #[test]
        fn tokenize_is_case_insensitive(s in "[a-zA-Z ]{0,80}") {
            prop_assert_eq!(tokenize(&s), tokenize(&s.to_uppercase()));
        }
    }
}
