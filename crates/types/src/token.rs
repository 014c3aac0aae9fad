//! The shape of the tokens that stand for personal data in customer text, e.g.
//! `⟦email:kqbtmzdhsrfc⟧`: written by the main crate's vault at ingress, recognised by the
//! planner (an e-mail token is a claimed address) and by the places that reveal them.
//!
//! The brackets are U+27E6/U+27E7, which no customer types; the kind is one of
//! [`KIND_CODES`]; the digest is [`DIGEST_LETTERS`] letters of [`ALPHABET`] (sixteen
//! consonants: no digit, `@`, dot or vowel, so no recogniser takes a token for an order
//! id, a zip code, a phone number, an address or a word).

/// Opens a token.
pub const OPEN: char = '⟦';
/// Closes a token.
pub const CLOSE: char = '⟧';
/// The letters a digest is written in, four bits each.
pub const ALPHABET: &[u8; 16] = b"bcdfghjkmnpqrstz";
/// Letters of digest in a token.
pub const DIGEST_LETTERS: usize = 12;
/// The kinds a token can name.
pub const KIND_CODES: [&str; 10] = [
    "email", "phone", "card", "ssn", "iban", "ip", "url", "address", "name", "code",
];

/// A token found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found<'a> {
    /// The whole token, brackets included.
    pub token: &'a str,
    /// Its kind code (one of [`KIND_CODES`]).
    pub kind: &'a str,
    /// Byte offset of its first byte.
    pub start: usize,
    /// Byte offset one past its last byte.
    pub end: usize,
}

/// The token of kind `kind` whose digest starts with `digest` (the first
/// [`DIGEST_LETTERS`]` / 2` bytes are used).
pub fn format(kind: &str, digest: &[u8]) -> String {
    let mut s = String::with_capacity(kind.len() + DIGEST_LETTERS + 8);
    s.push(OPEN);
    s.push_str(kind);
    s.push(':');
    for byte in digest.iter().take(DIGEST_LETTERS / 2) {
        s.push(ALPHABET[usize::from(byte >> 4)] as char);
        s.push(ALPHABET[usize::from(byte & 0x0f)] as char);
    }
    s.push(CLOSE);
    s
}

/// The tokens in `text`, in order.
pub fn find(text: &str) -> Vec<Found<'_>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find(OPEN) {
        let start = from + i;
        let inner = start + OPEN.len_utf8();
        from = inner;
        let Some(j) = text[inner..].find(CLOSE) else {
            break;
        };
        let body = &text[inner..inner + j];
        let Some((kind, digest)) = body.split_once(':') else {
            continue;
        };
        if KIND_CODES.contains(&kind)
            && digest.len() == DIGEST_LETTERS
            && digest.bytes().all(|b| ALPHABET.contains(&b))
        {
            let end = inner + j + CLOSE.len_utf8();
            out.push(Found {
                token: &text[start..end],
                kind,
                start,
                end,
            });
            from = end;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatted_tokens_are_found_and_malformed_ones_are_not() {
        let t = format("email", &[0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd]);
        assert_eq!(t, "⟦email:bcdfghjkmnpq⟧");
        let text = format!("⟦⟦card:short⟧ mail {t}, ⟦pin:bcdfghjkmnpq⟧ ⟦email:bcdfghjkmnpa⟧ {t}⟦");
        let found = find(&text);
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|f| f.token == t && f.kind == "email"));
        assert_eq!(&text[found[0].start..found[0].end], t);
    }
}
