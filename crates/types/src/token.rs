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

/// The fixed text a token of `kind` stands for where a statistical model reads the text
/// (the router's intent model, the injection screen, the help-center search): a typical
/// value of the kind.
pub fn stand_in(kind: &str) -> &str {
    match kind {
        "name" => "Alex Smith",
        "email" => "alex.smith@example.com",
        "phone" => "555-0100",
        "address" => "1 Main Street",
        other => other,
    }
}

/// `text` with each token replaced by its kind's [`stand_in`], for a model that reads
/// characters. A token's digest is keyed by its conversation, so a model that read the
/// digest's letters would route one ticket two ways in two conversations: measured on the
/// people e-mails, one in 35 of those with a token was routed differently. Of the
/// replacements tried (the kind's name, nothing, a typical value), a typical value routes
/// closest to the text as the customer wrote it (docs/MEASUREMENTS.md, session 25).
pub fn neutral(text: &str) -> std::borrow::Cow<'_, str> {
    let found = find(text);
    if found.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for f in found {
        out.push_str(&text[cursor..f.start]);
        out.push_str(stand_in(f.kind));
        cursor = f.end;
    }
    out.push_str(&text[cursor..]);
    std::borrow::Cow::Owned(out)
}

/// `text` with each `(value, token)` of `values` replaced by its token wherever the value
/// stands whole: ASCII case-insensitively, longer values first, never inside a longer word
/// or number, an e-mail address or domain (`noah` in `noah.brown@example.com`), or a token
/// already in the text. For short values (a name, a street line) that a plain substring
/// replace would also find inside other words.
pub fn conceal_bounded(text: &str, values: &[(String, String)]) -> String {
    // Most strings (a store's answer is mostly ids, prices and option names) hold none of
    // the values: one lower-cased copy settles that.
    let hay = text.to_ascii_lowercase();
    let mut order: Vec<&(String, String)> = values
        .iter()
        .filter(|(v, _)| !v.trim().is_empty() && hay.contains(&v.to_ascii_lowercase()))
        .collect();
    if order.is_empty() {
        return text.to_owned();
    }
    order.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
    let mut out = text.to_owned();
    for (value, token) in order {
        out = replace_outside_tokens(&out, value, token);
    }
    out
}

/// Whether `value` stands whole in `text` (ASCII case-insensitively), as
/// [`conceal_bounded`] would find it.
pub fn contains_whole(text: &str, value: &str) -> bool {
    if value.is_empty() || value.len() > text.len() {
        return false;
    }
    let hay = text.to_ascii_lowercase();
    let needle = value.to_ascii_lowercase();
    hay.match_indices(&needle)
        .any(|(start, _)| stands_whole(text, start, start + needle.len()))
}

/// One value replaced where it stands whole, in the stretches between tokens.
fn replace_outside_tokens(text: &str, value: &str, token: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for f in find(text) {
        out.push_str(&replace_whole(&text[cursor..f.start], value, token));
        out.push_str(f.token);
        cursor = f.end;
    }
    out.push_str(&replace_whole(&text[cursor..], value, token));
    out
}

fn replace_whole(text: &str, value: &str, token: &str) -> String {
    if value.len() > text.len() {
        return text.to_owned();
    }
    // ASCII lower-casing keeps every byte offset.
    let hay = text.to_ascii_lowercase();
    let needle = value.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    let mut from = 0;
    while let Some(i) = hay[from..].find(&needle) {
        let start = from + i;
        let end = start + needle.len();
        if stands_whole(text, start, end) {
            out.push_str(&text[cursor..start]);
            out.push_str(token);
            cursor = end;
            from = end;
        } else {
            from = start + hay[start..].chars().next().map_or(1, char::len_utf8);
        }
    }
    out.push_str(&text[cursor..]);
    out
}

/// Whether `text[start..end]` is not part of a longer word, number, address or domain.
fn stands_whole(text: &str, start: usize, end: usize) -> bool {
    let joins = |c: char| c.is_alphanumeric() || c == '_' || c == '@';
    let inner = |c: char| c == '.' || c == '-';
    let value = &text[start..end];
    let mut before = text[..start].chars().rev();
    let left = match (value.chars().next(), before.next()) {
        (Some(v), Some(c)) if v.is_alphanumeric() => {
            !(joins(c) || inner(c) && before.next().is_some_and(char::is_alphanumeric))
        }
        _ => true,
    };
    let mut after = text[end..].chars();
    let right = match (value.chars().next_back(), after.next()) {
        (Some(v), Some(c)) if v.is_alphanumeric() => {
            !(joins(c) || inner(c) && after.next().is_some_and(char::is_alphanumeric))
        }
        _ => true,
    };
    left && right
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_reads_the_same_whatever_its_digest() {
        let a =
            "Hi, I'm ⟦name:bbbbbbbbbbbb⟧ (⟦email:cccccccccccc⟧), ship to ⟦address:dddddddddddd⟧.";
        let b =
            "Hi, I'm ⟦name:zzzzzzzzzzzz⟧ (⟦email:tttttttttttt⟧), ship to ⟦address:kkkkkkkkkkkk⟧.";
        assert_eq!(neutral(a), neutral(b));
        assert_eq!(
            neutral(a),
            "Hi, I'm Alex Smith (alex.smith@example.com), ship to 1 Main Street."
        );
        assert_eq!(
            neutral("⟦card:bbbbbbbbbbbb⟧ ⟦pin:bbbbbbbbbbbb⟧"),
            "card ⟦pin:bbbbbbbbbbbb⟧"
        );
        assert!(matches!(neutral("no token"), std::borrow::Cow::Borrowed(_)));
    }

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

    #[test]
    fn a_value_is_concealed_only_where_it_stands_whole() {
        let v = |a: &str, b: &str| (a.to_owned(), b.to_owned());
        let values = [
            v("Noah", "⟦name:bbbbbbbbbbbb⟧"),
            v("Noah Brown", "⟦name:cccccccccccc⟧"),
            v("12 Elm Street", "⟦address:dddddddddddd⟧"),
        ];
        let text =
            "Hi noah brown, Noah's order goes to 12 elm street. Not noah.brown7922@example.com, \
                    Noahs, 112 Elm Streets or ⟦name:bbbbbbbbbbbb⟧. Noah.";
        assert_eq!(
            conceal_bounded(text, &values),
            "Hi ⟦name:cccccccccccc⟧, ⟦name:bbbbbbbbbbbb⟧'s order goes to ⟦address:dddddddddddd⟧. \
             Not noah.brown7922@example.com, Noahs, 112 Elm Streets or ⟦name:bbbbbbbbbbbb⟧. \
             ⟦name:bbbbbbbbbbbb⟧."
        );
        assert_eq!(conceal_bounded("", &values), "");
        assert_eq!(conceal_bounded("Noah", &[v("  ", "x")]), "Noah");
    }
}
