//! What the learned person filter sees of a candidate: the rules' cues, the shape of its
//! words, and the words around it. Features are names; [`super::model`] hashes them.
//!
//! No feature names a whole word of the candidate itself: the filter is meant to judge a
//! name it has never seen by its shape and its context, not to remember the names of its
//! training sentences. Word endings (three letters) are the one piece of the words it
//! sees, which carries how names of a language end ("-ová", "-sson") and how organisation
//! and place names end ("-ics", "-land").

/// The hand-written rules' reading of a candidate.
#[derive(Debug, Clone, Copy)]
pub struct Cues {
    /// The rules alone take it for a name.
    pub by_rules: bool,
    /// It follows a capitalised possessive ("Yefremova's Cautionary Tales").
    pub after_possessive: bool,
    /// One of its words ends organisation names ("Inc", "Bank", "Weekly").
    pub org: bool,
    /// One of its words is a function word ("of", "the").
    pub function: bool,
    /// One of its words is a country, region or nationality.
    pub geo: bool,
    /// A strong cue comes before it ("my name is", "Dear", "Mr").
    pub strong: bool,
    /// A weak cue comes before it ("by", "contact", "with").
    pub weak: bool,
    /// What follows fits a name ("'s", " said", ", ").
    pub after_ok: bool,
    /// It starts a sentence.
    pub at_start: bool,
    /// Words that are neither initials nor ordinary words.
    pub uncommon: usize,
}

/// The features of the candidate `text[start..end]` with core words `words`, the (up to
/// two) tokens before it and after it.
pub fn of(
    text: &str,
    start: usize,
    end: usize,
    words: &[&str],
    before: &[&str],
    next: &[&str],
    cues: Cues,
) -> Vec<String> {
    let mut f = Vec::with_capacity(24 + 3 * words.len());
    let flags = [
        (cues.by_rules, "rules"),
        (cues.after_possessive, "after_possessive"),
        (cues.org, "org_word"),
        (cues.function, "function_word"),
        (cues.geo, "geo_word"),
        (cues.strong, "strong_cue"),
        (cues.weak, "weak_cue"),
        (cues.after_ok, "after_ok"),
        (cues.at_start, "at_start"),
    ];
    f.extend(
        flags
            .iter()
            .filter(|(on, _)| *on)
            .map(|(_, n)| n.to_string()),
    );
    f.push(format!("words={}", words.len().min(4)));
    f.push(format!("uncommon={}", cues.uncommon.min(3)));
    f.push(format!(
        "shape={}",
        words.iter().map(|w| shape(w)).collect::<Vec<_>>().join("_")
    ));
    for w in words {
        f.push(format!("end3={}", end3(w)));
        if !w.is_ascii() {
            f.push("non_ascii".to_owned());
        }
    }
    if let Some(last) = words.last() {
        f.push(format!("last_end3={}", end3(last)));
    }
    match before {
        [.., one] => {
            f.push(format!("prev={}", context_word(one)));
            if let [two, _] = before {
                f.push(format!("prev2={} {}", context_word(two), context_word(one)));
            }
        }
        [] => f.push("prev=<start>".to_owned()),
    }
    match next {
        [one, ..] => {
            f.push(format!("next={}", context_word(one)));
            if let [_, two] = next {
                f.push(format!("next2={} {}", context_word(one), context_word(two)));
            }
        }
        [] => f.push("next=<end>".to_owned()),
    }
    f.push(format!(
        "char_before={}",
        char_class(text[..start].trim_end_matches(' ').chars().next_back())
    ));
    f.push(format!(
        "char_after={}",
        char_class(text[end..].chars().next())
    ));
    f
}

/// A word's last three letters, lower case.
fn end3(word: &str) -> String {
    let lower: Vec<char> = word.to_lowercase().chars().collect();
    lower[lower.len().saturating_sub(3)..].iter().collect()
}

/// A word's shape: `Xx` (capitalised), `X` (initial), `XX` (all capitals), `x` (lower).
fn shape(word: &str) -> &'static str {
    let mut cs = word.chars();
    let first_upper = cs.next().is_some_and(char::is_uppercase);
    let rest: Vec<char> = cs.filter(|c| c.is_alphabetic()).collect();
    match (
        first_upper,
        rest.is_empty(),
        rest.iter().all(|c| c.is_uppercase()),
    ) {
        (true, true, _) => "X",
        (true, false, true) => "XX",
        (true, false, false) => "Xx",
        _ => "x",
    }
}

/// A context token as a feature: lower case, a capitalised one reduced to its shape
/// (another name or place is evidence by its shape, not by which one it is).
fn context_word(token: &str) -> String {
    let core = token.trim_end_matches('.');
    if core.chars().next().is_some_and(char::is_uppercase) {
        format!("<{}>", shape(core))
    } else {
        core.to_lowercase()
    }
}

fn char_class(c: Option<char>) -> String {
    match c {
        None => "none".to_owned(),
        Some(c) if c.is_alphanumeric() => "alnum".to_owned(),
        Some(c) if c.is_whitespace() => "space".to_owned(),
        Some(c) => c.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cues() -> Cues {
        Cues {
            by_rules: true,
            after_possessive: false,
            org: false,
            function: false,
            geo: false,
            strong: true,
            weak: false,
            after_ok: false,
            at_start: false,
            uncommon: 2,
        }
    }

    #[test]
    fn context_and_shape_but_not_the_name() {
        let text = "my name is Šárka Ottová, thanks";
        let start = text.find('Š').unwrap();
        let end = text.find(',').unwrap();
        let f = of(
            text,
            start,
            end,
            &["Šárka", "Ottová"],
            &["name", "is"],
            &["thanks"],
            cues(),
        );
        for want in [
            "rules",
            "strong_cue",
            "words=2",
            "shape=Xx_Xx",
            "end3=ová",
            "non_ascii",
            "prev=is",
            "prev2=name is",
            "next=thanks",
            "char_after=,",
        ] {
            assert!(f.iter().any(|x| x == want), "{want} missing from {f:?}");
        }
        assert!(!f
            .iter()
            .any(|x| x.contains("ottová") || x.contains("šárka")));
    }

    #[test]
    fn a_capitalised_neighbour_is_its_shape() {
        assert_eq!(context_word("Inc."), "<Xx>");
        assert_eq!(context_word("USA"), "<XX>");
        assert_eq!(context_word("with"), "with");
    }
}
