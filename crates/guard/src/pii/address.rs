//! Postal address recogniser: street lines (US and European layouts), unit
//! designators, military addresses, then merged and extended over the city /
//! region / postcode lines that follow.

use std::sync::LazyLock;

use regex::Regex;

use super::{PiiKind, PiiSpan};

fn re(pattern: &str) -> Regex {
    // The patterns are constants covered by unit tests; failing here is a bug.
    Regex::new(pattern).expect("static regex compiles")
}

const WORD: &str = r"[\p{L}][\p{L}'’.\-]*";

/// Number, optional second number, capitalised words, street-type word.
static US_STREET: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b\d{1,6}(?:\s+\d{1,5})?\s+(?:\p{Lu}[\p{L}'’.\-]*\s+){0,4}(?i:street|streets|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|square|squares|terrace|parkway|pkwy|highway|hwy|circle|cir|trail|crescent|close|row|walk|fort|alley|plaza|gardens|hill|park|ridge|view|mews|grove|heights|junction|loop|point|port|pass|path|pike|route|run|spur|station|summit|track|turnpike|valley|village|vista|manor|meadows|crossing|creek|cove|center|centre|bridge|branch|bluff|bend|causeway|common|corner|estates|expressway|falls|ferry|field|fields|flats|ford|forest|freeway|garden|gateway|glen|green|harbor|harbour|haven|island|isle|key|knoll|lake|lakes|landing|light|lodge|mall|mill|mills|mission|motorway|mount|mountain|neck|orchard|oval|overpass|pines|plains|prairie|ranch|rapids|rest|river|shoal|shore|shores|skyway|spring|springs|stream|throughway|trace|trafficway|tunnel|underpass|union|ville|wall|well|wells)\b\.?",
    )
});

/// (number) street-name-with-suffix house-number, e.g. `20789 Allika 46`,
/// `4844 Søndergade 52`, `Brucker Bundesstrasse 31`.
static EU_STREET: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:\d{{1,6}}\s+)?(?:{WORD}\s+){{0,3}}\p{{L}}*(?:gade|vej|vænget|gatan|vägen|väg|katu|tie|strasse|straße|str\.|weg|gasse|platz|allee|laan|straat|veien|vegen|gata|tér|utca|u\.|ulica|ul\.|cesta|iela|stræti|stræde|torget|torv|plein|gränd|polku|kuja|vei|bakken|höfe|hove|dreef|kade|singel|vollen)\s+\d{{1,5}}\b\.?"
    ))
});

/// Street-type prefix layouts: `Rua do Arenque 1634`, `Via Franscini 71`.
static PREFIX_STREET: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"\b(?:\d{{1,6}}\s+)?(?:Rua|Rue|Via|Viale|Calle|Avenida|Avenue|Av\.|Piazza|Plaza|Chemin|Strada|Ulica|Largo|Praça|Travessa|Camino|Paseo|Carrer|Boulevard)\s+(?:{WORD}\s+){{0,3}}(?:\d{{1,5}}|{WORD})"
    ))
});

/// number + one or two words + number, with a capitalised or non-ASCII word:
/// `233 Erzsébet tér 19`, `9554 62 Rue Gafsa` (catch-all for other layouts).
static GENERIC_STREET: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b\d{2,6}[ \t]+(?:\d{1,5}[ \t]+)?([\p{L}][\p{L}'’.\-]+)(?:[ \t]+[\p{L}][\p{L}'’.\-]+)?[ \t]+\d{1,4}\b\.?",
    )
});

/// A whole US address written in lower case, as people type on phones: "1450 wynkoop
/// street, apt 702, denver, co 80202". Without capitals to go by, only the full layout counts:
/// street line, optional unit, city, a real state code and a zip code.
static LOWER_US_FULL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b\d{1,6}\s+(?:[a-z][a-z'’.\-]*\s+){0,4}(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|terrace|parkway|pkwy|highway|hwy|circle|cir|trail|trl|loop|row|square|sq)\b\.?(?:\s+(?:n|s|e|w|ne|nw|se|sw)\b)?(?:,?\s*(?:apt\.?|apartment|suite|ste\.?|unit|#)\s*#?[a-z0-9-]+)?,\s*[a-z]+(?:\s[a-z]+){0,2},?\s+(?:al|ak|az|ar|ca|co|ct|de|fl|ga|hi|id|il|in|ia|ks|ky|la|me|md|ma|mi|mn|ms|mo|mt|ne|nv|nh|nj|nm|ny|nc|nd|oh|ok|or|pa|ri|sc|sd|tn|tx|ut|vt|va|wa|wv|wi|wy|dc),?\s+\d{5}(?:-\d{4})?\b",
    )
});

static UNIT: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:apt\.?|apartment|suite|unit|flat|ste\.?)\s*#?\s*\d{1,5}\b"));

static MILITARY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:(?:PSC|Unit|CMR)\s+\d{3,5},?\s+Box\s+\d{3,5}|(?:APO|FPO|DPO)\s+(?:AA|AE|AP)\s+\d{5})\b",
    )
});

/// A continuation line after an address: city / region / country / postcode.
static CONTINUATION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^[ \t]*[,\n][ \t\n]*(?:,[ \t]*)?((?:\p{Lu}[\p{L}'’.\-]*|\p{Lu}{2}|nan|\d{4,6}|\(\p{L}+\))(?:[ \t,]+(?:\p{Lu}[\p{L}'’.\-]*|\p{Lu}{2}|nan|\d{4,6}|\(\p{L}+\))){0,4})",
    )
});

const STOP: &[&str] = &[
    "and", "or", "to", "of", "the", "in", "on", "at", "for", "by", "with", "from", "than", "years",
    "year", "days", "day", "times", "items", "and/or", "minus", "plus", "x", "out", "per",
    "percent",
];

fn generic_ok(first_word: &str) -> bool {
    let lower = first_word.to_lowercase();
    let capital_or_foreign =
        first_word.chars().next().is_some_and(char::is_uppercase) || !first_word.is_ascii();
    capital_or_foreign && first_word.chars().count() >= 3 && !STOP.contains(&lower.as_str())
}

/// Where the first sentence in `s` ends: a full stop after a word of three letters or
/// more (not an abbreviation such as "St."), followed by a space and a capital.
fn sentence_end(s: &str) -> Option<usize> {
    s.char_indices().find_map(|(i, c)| {
        if c != '.' {
            return None;
        }
        let word = s[..i]
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric())
            .count();
        let mut after = s[i + 1..].chars();
        let spaced = after.next().is_some_and(char::is_whitespace);
        let capital = after
            .find(|c| !c.is_whitespace())
            .is_some_and(char::is_uppercase);
        (word >= 3 && spaced && capital).then_some(i)
    })
}

/// Address spans in `text`, merged and extended.
pub fn find(text: &str) -> Vec<PiiSpan> {
    let mut raw: Vec<(usize, usize)> = Vec::new();
    for r in [
        &*US_STREET,
        &*LOWER_US_FULL,
        &*EU_STREET,
        &*PREFIX_STREET,
        &*UNIT,
        &*MILITARY,
    ] {
        raw.extend(r.find_iter(text).map(|m| (m.start(), m.end())));
    }
    for caps in GENERIC_STREET.captures_iter(text) {
        if let (Some(m), Some(w)) = (caps.get(0), caps.get(1)) {
            if generic_ok(w.as_str()) {
                raw.push((m.start(), m.end()));
            }
        }
    }
    raw.sort_unstable();
    // Merge overlapping fragments and those separated only by spaces/commas/newlines.
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (s, e) in raw {
        if let Some(last) = merged.last_mut() {
            let gap = text.get(last.1..s).unwrap_or("x");
            if s <= last.1 || gap.chars().all(|c| c.is_whitespace() || c == ',') {
                last.1 = last.1.max(e);
                continue;
            }
        }
        merged.push((s, e));
    }
    // Extend over up to three continuation lines (city, region, postcode), but not past
    // the end of the sentence ("…, TX 78701, USA. Thanks, Noah").
    for span in &mut merged {
        let street_end = span.1;
        for _ in 0..3 {
            let Some(rest) = text.get(span.1..) else {
                break;
            };
            match CONTINUATION.captures(rest).and_then(|c| c.get(1)) {
                Some(m) if m.end() > 0 => span.1 += m.end(),
                _ => break,
            }
        }
        if let Some(stop) = text.get(street_end..span.1).and_then(sentence_end) {
            span.1 = street_end + stop;
        }
    }
    merged
        .into_iter()
        .map(|(start, end)| PiiSpan {
            kind: PiiKind::StreetAddress,
            start,
            end,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        find(text)
            .into_iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn us_street_with_city_lines() {
        let t = "Please send it to 14 Crown Street Kishiev Squares\n Suite 321\n LONDON\n United Kingdom 75419? Thanks";
        let f = found(t);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(
            f[0].starts_with("14 Crown Street") && f[0].contains("Suite 321"),
            "{f:?}"
        );
    }

    #[test]
    fn an_address_ends_with_its_sentence() {
        assert_eq!(
            found("Ship it to 12 Elm Street, Austin, TX 78701, USA. Thanks, Noah Brown"),
            vec!["12 Elm Street, Austin, TX 78701, USA"]
        );
        assert_eq!(
            found("Send it to 5 Oak Road, St. Louis, MO 63101"),
            vec!["5 Oak Road, St. Louis, MO 63101"]
        );
    }

    #[test]
    fn european_layouts() {
        assert_eq!(
            found("I live at 4844 Søndergade 52 now"),
            vec!["4844 Søndergade 52"]
        );
        assert!(!found("Tomomi lives at 86036 Rua do Arenque 1634, Goiânia").is_empty());
        assert!(!found("drop you off at 233 Erzsébet tér 19.").is_empty());
    }

    #[test]
    fn military_and_units() {
        assert!(!found("new address is PSC 6293, Box 8158\nAPO AP 04336").is_empty());
        assert_eq!(found("Apt. 595"), vec!["Apt. 595"]);
    }

    #[test]
    fn an_address_written_in_lower_case() {
        assert_eq!(
            found("hello, i moved to 1450 wynkoop street, apt 702, denver, co 80202. thanks!"),
            vec!["1450 wynkoop street, apt 702, denver, co 80202"]
        );
        assert_eq!(
            found("ship it to 2014 n delaware st, indianapolis, in 46202 instead"),
            vec!["2014 n delaware st, indianapolis, in 46202"]
        );
        // no state, no zip code: a lower-case street phrase alone is not read
        assert!(found("i live 2 blocks down the road from the store").is_empty());
    }

    #[test]
    fn ordinary_sentences_are_not_addresses() {
        assert!(found("During 1971, Mayo-Walters invested heavily").is_empty());
        assert!(found("I ordered 3 shirts and 2 hats").is_empty());
        assert!(found("between 10 and 20 days").is_empty());
        assert!(found("where is my order from last week?").is_empty());
    }
}
