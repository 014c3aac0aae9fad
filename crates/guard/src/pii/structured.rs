//! Recognisers for structured identifiers: e-mail, URL, IBAN, card, SSN, IP,
//! phone. Regex candidates are filtered by checksums and boundary rules.

use std::sync::LazyLock;

use regex::Regex;

use super::checksum::{iban_valid, luhn_valid, ssn_valid};
use super::{PiiKind, PiiSpan};

fn re(pattern: &str) -> Regex {
    // The patterns are constants covered by unit tests; failing here is a bug.
    Regex::new(pattern).expect("static regex compiles")
}

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}",
    )
});
static URL: LazyLock<Regex> = LazyLock::new(|| re(r#"(?i)\b(?:https?://|www\.)[^\s<>"']+"#));
static IBAN: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b[a-z]{2}\d{2}(?: ?[a-z0-9]{4}){2,7}(?: ?[a-z0-9]{1,4})?\b"));
static CARD: LazyLock<Regex> = LazyLock::new(|| re(r"\d(?:[ \-]?\d){11,18}"));
static SSN: LazyLock<Regex> = LazyLock::new(|| re(r"\d{3}([\- ])\d{2}[\- ]\d{4}|\d{9}"));
static SSN_CONTEXT: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b(?:ssn|social security)"));
static IP: LazyLock<Regex> = LazyLock::new(|| re(r"\d{1,3}(?:\.\d{1,3}){3}"));
/// IPv6: the full eight-group form, or a `::`-compressed form with at least three groups.
static IPV6: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}\b|\b(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4}\b",
    )
});
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:\+\d{1,3}[ .\-]?)?(?:\(0\) ?)?(?:\(\d{1,4}\) ?)?\d{1,12}(?:[ .\-]\d{2,8}){0,4}(?: ?x\d{1,5})?",
    )
});
static DATE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?:\d{4}[\-./]\d{1,2}[\-./]\d{1,2}|\d{1,2}[\-./]\d{1,2}[\-./]\d{4})"));
/// Postcodes (`90010-170`, `3610-114`) and US driver-licence style `dddd-dd-dddd`.
static NOT_PHONE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?:\d{4,5}-\d{3,4}|\d{4}-\d{2}-\d{4})$"));

fn prev_char(text: &str, i: usize) -> Option<char> {
    text.get(..i).and_then(|s| s.chars().next_back())
}

fn next_char(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// `true` when the characters around `start..end` satisfy `ok`.
fn bounded(text: &str, start: usize, end: usize, ok: impl Fn(char) -> bool) -> bool {
    prev_char(text, start).is_none_or(&ok) && next_char(text, end).is_none_or(&ok)
}

fn not_digitlike(c: char) -> bool {
    !c.is_ascii_alphanumeric()
}

fn span(kind: PiiKind, start: usize, end: usize) -> PiiSpan {
    PiiSpan { kind, start, end }
}

fn digit_count(s: &str) -> usize {
    s.chars().filter(char::is_ascii_digit).count()
}

/// Card candidates with separators must use 4-digit groups (or Amex 4-6-5).
fn card_grouping_ok(s: &str) -> bool {
    let groups: Vec<usize> = s.split([' ', '-']).map(str::len).collect();
    if groups.len() == 1 {
        return true;
    }
    let all_four = groups[..groups.len() - 1].iter().all(|&g| g == 4)
        && groups.last().is_some_and(|&g| (1..=4).contains(&g));
    all_four || groups == [4, 6, 5] || groups == [4, 6, 4]
}

/// All structured identifiers except phone numbers, possibly overlapping
/// (resolved by the caller in the order returned).
pub fn find(text: &str) -> Vec<PiiSpan> {
    let mut out = Vec::new();
    for m in EMAIL.find_iter(text) {
        out.push(span(PiiKind::Email, m.start(), m.end()));
    }
    for m in URL.find_iter(text) {
        let trimmed = m
            .as_str()
            .trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
        if trimmed.len() > 4 {
            out.push(span(PiiKind::Url, m.start(), m.start() + trimmed.len()));
        }
    }
    for m in IBAN.find_iter(text) {
        // The optional trailing group may have swallowed a following word.
        let s = m.as_str();
        let shorter = s.rfind(' ').map(|i| &s[..i]);
        if let Some(v) = std::iter::once(s).chain(shorter).find(|c| iban_valid(c)) {
            out.push(span(PiiKind::Iban, m.start(), m.start() + v.len()));
        }
    }
    for m in CARD.find_iter(text) {
        let s = m.as_str();
        let n = digit_count(s);
        let after_plus = prev_char(text, m.start()) == Some('+');
        if (12..=19).contains(&n)
            && !after_plus
            && bounded(text, m.start(), m.end(), not_digitlike)
            && card_grouping_ok(s)
            && luhn_valid(s)
        {
            out.push(span(PiiKind::CreditCard, m.start(), m.end()));
        }
    }
    for caps in SSN.captures_iter(text) {
        let Some(m) = caps.get(0) else { continue };
        if !bounded(text, m.start(), m.end(), |c| not_digitlike(c) && c != '-')
            || !ssn_valid(m.as_str())
        {
            continue;
        }
        let consistent = caps
            .get(1)
            .is_none_or(|sep| m.as_str().matches(sep.as_str()).count() == 2);
        let plain = caps.get(1).is_none();
        let context = text
            .get(m.start().saturating_sub(40)..m.start())
            .is_some_and(|before| SSN_CONTEXT.is_match(before));
        if consistent && (!plain || context) {
            out.push(span(PiiKind::UsSsn, m.start(), m.end()));
        }
    }
    for m in IP.find_iter(text) {
        let ok_octets = m
            .as_str()
            .split('.')
            .all(|o| o.parse::<u16>().is_ok_and(|v| v <= 255));
        let before_ok = prev_char(text, m.start()).is_none_or(|c| not_digitlike(c) && c != '.');
        let rest = text.get(m.end()..).unwrap_or("");
        let after_ok = match rest.strip_prefix('.') {
            Some(r) => !r.starts_with(|c: char| c.is_ascii_digit()),
            None => rest.chars().next().is_none_or(not_digitlike),
        };
        if ok_octets && before_ok && after_ok {
            out.push(span(PiiKind::IpAddress, m.start(), m.end()));
        }
    }
    for m in IPV6.find_iter(text) {
        let groups = m.as_str().split(':').filter(|g| !g.is_empty()).count();
        if groups >= 3
            && bounded(text, m.start(), m.end(), |c| {
                !c.is_ascii_hexdigit() && c != ':'
            })
        {
            out.push(span(PiiKind::IpAddress, m.start(), m.end()));
        }
    }
    out
}

/// Phone numbers (run after addresses, whose house numbers look alike).
pub fn find_phones(text: &str) -> Vec<PiiSpan> {
    let mut out = Vec::new();
    for m in PHONE.find_iter(text) {
        let s = m.as_str();
        let core = s.split('x').next().unwrap_or(s);
        let n = digit_count(core);
        let has_sep = s.contains([' ', '-', '.', '(', '+']);
        let starts_ok =
            prev_char(text, m.start()).is_none_or(|c| !c.is_alphanumeric() && c != '+' && c != '-');
        let ends_ok = next_char(text, m.end()).is_none_or(|c| !c.is_alphanumeric() && c != ':');
        let date_like = DATE.is_match(s.trim()) || NOT_PHONE.is_match(s);
        let plain_long = !has_sep && (9..=12).contains(&n);
        if (7..=15).contains(&n) && (has_sep || plain_long) && starts_ok && ends_ok && !date_like {
            out.push(span(PiiKind::Phone, m.start(), m.end()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(PiiKind, String)> {
        let mut v: Vec<PiiSpan> = find(text);
        v.extend(find_phones(text));
        v.sort_by_key(|s| s.start);
        v.into_iter()
            .map(|s| (s.kind, text[s.start..s.end].to_string()))
            .collect()
    }

    #[test]
    fn email_and_url() {
        let k = kinds("write to SueDHague@armyspy.com or see https://www.UEarly.se/.");
        assert!(k.contains(&(PiiKind::Email, "SueDHague@armyspy.com".into())));
        assert!(k.contains(&(PiiKind::Url, "https://www.UEarly.se/".into())));
    }

    #[test]
    fn cards_need_luhn() {
        assert!(kinds("card 4454794511390933 ok")
            .contains(&(PiiKind::CreditCard, "4454794511390933".into())));
        assert!(!kinds("card 4454794511390934 ok")
            .iter()
            .any(|(k, _)| *k == PiiKind::CreditCard));
    }

    #[test]
    fn ssn_forms() {
        assert!(
            kinds("Here's my SSN: 460-89-9847").contains(&(PiiKind::UsSsn, "460-89-9847".into()))
        );
        assert!(kinds("ssn 460899847").contains(&(PiiKind::UsSsn, "460899847".into())));
        assert!(!kinds("order 460899847")
            .iter()
            .any(|(k, _)| *k == PiiKind::UsSsn));
    }

    #[test]
    fn phones_in_many_formats() {
        for p in [
            "+46 (0)8 928 571 38",
            "(37) 788-063",
            "07700 063 966",
            "259.735.7502x459",
            "01.84.17.61.18",
            "+447700677662",
            "0961-7596216",
            "5403926876",
        ] {
            let t = format!("call me at {p} please");
            assert!(
                kinds(&t).contains(&(PiiKind::Phone, p.to_string())),
                "{p}: {:?}",
                kinds(&t)
            );
        }
        assert!(!kinds("on 2006-04-07 at 5")
            .iter()
            .any(|(k, _)| *k == PiiKind::Phone));
        assert!(!kinds("Date: 1978-04-13 12:20:39")
            .iter()
            .any(|(k, _)| *k == PiiKind::Phone));
        assert!(!kinds("My zip code is 90010-170")
            .iter()
            .any(|(k, _)| *k == PiiKind::Phone));
        assert!(!kinds("zip 28245").iter().any(|(k, _)| *k == PiiKind::Phone));
    }

    #[test]
    fn ip_and_iban() {
        let v6 = "6e40:4041:c617:e898:c11:40d2:c669:2eb4";
        assert!(kinds(&format!("address {v6} blocked")).contains(&(PiiKind::IpAddress, v6.into())));
        assert!(
            kinds("host fe80::1:2a blocked").contains(&(PiiKind::IpAddress, "fe80::1:2a".into()))
        );
        assert!(!kinds("meet at 12:30 or 1:45")
            .iter()
            .any(|(k, _)| *k == PiiKind::IpAddress));
        assert!(kinds("from 106.31.73.20.").contains(&(PiiKind::IpAddress, "106.31.73.20".into())));
        assert!(kinds("GB56HXDO88167774656119 and more")
            .contains(&(PiiKind::Iban, "GB56HXDO88167774656119".into())));
        assert!(kinds("iban GB82 WEST 1234 5698 7654 32")
            .contains(&(PiiKind::Iban, "GB82 WEST 1234 5698 7654 32".into())));
    }
}
