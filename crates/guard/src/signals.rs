//! Conversation signals for the handoff policy: frustration and explicit
//! requests for a human.
//!
//! Both are transparent lexicons (regexes with weights), not trained models,
//! so every decision can be explained by the markers that fired.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

pub(crate) fn re(pattern: &str) -> Regex {
    // The patterns are constants covered by unit tests; failing here is a bug.
    Regex::new(pattern).expect("static regex compiles")
}

/// `(name, weight, pattern)` of each frustration marker.
const MARKERS: &[(&str, f32, &str)] = &[
    (
        "negative_emotion",
        1.2,
        r"(?i)\b(?:angry|furious|frustrat\w*|annoy\w*|upset|pissed|mad at|livid|outraged|disgust\w*|fed up|sick (?:and tired )?of|tired of|hate)\b",
    ),
    (
        "dissatisfied",
        1.2,
        r"(?i)\b(?:not (?:happy|satisfied|pleased|helpful|ok|okay|acceptable)|unhappy|dissatisfied|disappoint\w*|unsatisf\w*)\b",
    ),
    (
        "harsh_judgement",
        1.0,
        r"(?i)\b(?:terrible|horrible|awful|worst|useless|ridiculous|unacceptable|pathetic|incompetent|joke|scam|rip ?off|nonsense|rubbish|garbage|crap\w*|sucks?|stupid|waste of (?:my )?(?:time|money))\b",
    ),
    (
        "complaint",
        0.9,
        r"(?i)\b(?:complain\w*|complaint\w*|reclamation|grievance|file a claim|lodge a claim|make a claim|consumer claim|customer claim)\b",
    ),
    (
        "repeated_contact",
        0.8,
        r"(?i)\b(?:again|(?:second|third|fourth|fifth|\d+(?:st|nd|rd|th)) time|already (?:told|asked|called|contacted|wrote|explained)|keep (?:asking|calling|getting|telling)|still (?:not|no|haven'?t|hasn'?t|waiting|don'?t)|for (?:days|weeks|months|ages)|how many times|nobody|no one (?:has|is|will|answers|helps))\b",
    ),
    (
        "profanity",
        1.3,
        r"(?i)\b(?:wtf|damn\w*|hell|fuck\w*|shit\w*|bullshit|bloody|ffs|omfg)\b",
    ),
    (
        "not_helpful_bot",
        0.7,
        r"(?i)\b(?:you(?:'re| are)? (?:not|no) help|(?:doesn'?t|does not|don'?t|didn'?t|isn'?t|is not) (?:help|work)\w*|makes no sense|you don'?t understand|useless bot)\b",
    ),
    (
        "threat_to_leave",
        1.0,
        r"(?i)\b(?:cancel (?:my )?(?:account|membership|subscription) (?:and|because)|never (?:buy|order|shop)\w* (?:again|from)|take my business|go(?:ing)? to (?:a )?competitor|(?:report|sue|lawyer|legal action|chargeback))\b",
    ),
];

/// Typographic markers handled outside the regex table.
const EXCLAMATIONS_WEIGHT: f32 = 0.6;
const SHOUTING_WEIGHT: f32 = 0.6;

static COMPILED: LazyLock<Vec<(&'static str, f32, Regex)>> =
    LazyLock::new(|| MARKERS.iter().map(|&(n, w, p)| (n, w, re(p))).collect());

fn shouting(text: &str) -> bool {
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 3)
        .collect();
    let caps = words
        .iter()
        .filter(|w| {
            w.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
        })
        .count();
    caps >= 2 && caps * 2 >= words.len()
}

/// `text` with typographic apostrophes as ASCII ones: mail programs and phones write
/// "don’t", and the markers are written "don'?t".
pub(crate) fn plain(text: &str) -> Cow<'_, str> {
    const TYPOGRAPHIC: [char; 3] = ['\u{2019}', '\u{2018}', '\u{02BC}'];
    if text.contains(TYPOGRAPHIC) {
        Cow::Owned(text.replace(TYPOGRAPHIC, "'"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Names of the frustration markers that fire on `text`.
pub fn frustration_markers(text: &str) -> Vec<&'static str> {
    let text = &*plain(text);
    let mut out: Vec<&'static str> = COMPILED
        .iter()
        .filter(|(_, _, r)| r.is_match(text))
        .map(|(n, _, _)| *n)
        .collect();
    if text.contains("!!") || text.contains("?!") {
        out.push("exclamations");
    }
    if shouting(text) {
        out.push("shouting");
    }
    out
}

/// Frustration in `[0, 1)`: `1 - exp(-sum of marker weights)`. 0 when no
/// marker fires; one strong marker gives about 0.7.
pub fn frustration_score(text: &str) -> f32 {
    let total: f32 = frustration_markers(text)
        .iter()
        .map(|name| match *name {
            "exclamations" => EXCLAMATIONS_WEIGHT,
            "shouting" => SHOUTING_WEIGHT,
            other => COMPILED
                .iter()
                .find(|(n, _, _)| *n == other)
                .map_or(0.0, |(_, w, _)| *w),
        })
        .sum();
    1.0 - (-total).exp()
}

/// Handoff trigger: at least `min_turns` of the customer's turns score at or
/// above `threshold` (repeated frustration across a thread).
pub fn repeated_frustration<S: AsRef<str>>(turns: &[S], threshold: f32, min_turns: usize) -> bool {
    turns
        .iter()
        .filter(|t| frustration_score(t.as_ref()) >= threshold)
        .count()
        >= min_turns.max(1)
}

static HUMAN_NOUN: &str = r"(?:(?:a |an |the |some |any |your |to |with )?(?:real |live |actual |human |physical )?(?:human(?: being| agent| operator| representative)?|person|agent|representative|rep|operator|somebody|someone|som\w*dy|employee|staff|manager|supervisor|people|assistant|advisor|adviser|consultant))";

static ASKS_HUMAN: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    vec![
        // "speak/talk/chat to an agent", "contact a human", "transfer me to someone"
        re(&format!(
            r"(?i)\b(?:speak\w*|talk\w*|chat\w*|contact\w*|connect\w*|transfer\w*|put me (?:through|in touch)|get (?:me )?(?:in touch|through)|reach\w*|call\w*|escalat\w*|forward\w*|pass me)\b[\w\s,']{{0,20}}?\b(?:to|with|me to|me with|me an?|an?|the)?\s*{HUMAN_NOUN}\b"
        )),
        // "I want an agent", "need a real person", "get me a human"
        re(&format!(
            r"(?i)\b(?:want|need|get me|give me|request|asking for|ask for|prefer)\b\s+{HUMAN_NOUN}\b"
        )),
        re(
            r"(?i)\b(?:real|live|actual) (?:human|person|agent)\b|\bhuman (?:agent|being|operator|representative|support)\b|\bnot (?:a |talk\w* to a )?(?:bot|robot|machine)\b",
        ),
        // German / French / Spanish basics.
        re(
            r"(?i)\b(?:mitarbeiter|einem menschen|echten menschen|conseiller|une personne|un humain|agente humano|una persona real|hablar con (?:un|una) (?:persona|agente))\b",
        ),
    ]
});

/// Words that, right before "assistant", make it this bot rather than a person.
static NOT_HUMAN: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:virtual|ai|digital|voice|google|smart) assistant\b"));

/// The letter-writer's pleasantry "I hope this reaches / finds someone ...": it names a
/// person and a "reach" verb, but asks for no one. Only the words up to that generic person
/// are left out; "I hope this reaches a real person" still asks for one.
static HOPE_IT_REACHES: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:hope|hoping|trust)\s+(?:that\s+)?(?:this|it|my (?:message|e-?mail|mail|note|letter))(?: message| e-?mail| note)?\s+(?:reaches|finds|gets to|lands with)\s+(?:you|someone|somebody|the right (?:person|people|team|desk|department))\b",
    )
});

/// `true` when the customer explicitly asks to reach a human.
pub fn asks_for_human(text: &str) -> bool {
    let text = plain(text);
    let text = HOPE_IT_REACHES.replace_all(&text, "");
    if NOT_HUMAN.is_match(&text) {
        return false;
    }
    ASKS_HUMAN.iter().any(|r| r.is_match(&text))
}

/// A product that harmed someone: an injury, an illness, a fire, a shock, medical care or
/// its bills. A person handles these (safety, liability), never the agent.
static HARM: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    vec![
        re(
            r"(?i)\b(?:allergic reaction|anaphyla\w*|urgent care|emergency room|\bER\b visit|(?:went|go|going|ended up|was taken|rushed) (?:to|at|in) (?:the )?(?:hospital|er|urgent care|doctor)|hospitali[sz]\w*|medical (?:bills?|expenses|costs|treatment|attention)|doctor'?s (?:bill|visit)|stitches)\b",
        ),
        re(
            r"(?i)\b(?:injur(?:ed|y|ies|ing)|(?:got|was|were|been|am|is) (?:badly |seriously )?(?:hurt|electrocuted|poisoned)|(?:burn(?:ed|t)|cut|shocked|electrocuted|hurt) (?:my|his|her|their|our) (?:\w+ )?(?:hand|hands|finger|fingers|arm|leg|face|skin|eye|eyes|foot|feet|head|mouth|ear|ears|child|kid|son|daughter|baby|dog|cat)|electric shock|(?:caught|catch|catching|burst into|started a) fire|(?:exploded|explosion|went up in flames|melted (?:and|while))|made (?:me|him|her|us|my \w+) (?:sick|ill)|food poisoning|chemical burn|choking hazard|fire hazard|safety hazard)\b",
        ),
    ]
});

/// `true` when the customer reports that a product harmed someone (an injury, an illness, a
/// fire, a shock, medical care): a deterministic handoff trigger, like a request for a person.
pub fn reports_harm(text: &str) -> bool {
    let text = &*plain(text);
    HARM.iter().any(|r| r.is_match(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn harm_from_a_product_is_recognised() {
        for text in [
            "I used the makeup kit and had a severe allergic reaction - I ended up at urgent care.",
            "The kettle caught fire on the stove.",
            "The charger gave my son an electric shock.",
            "I burned my hand on the grill's handle, it has no insulation.",
            "I expect you to cover my medical bills.",
            "The blade cut my finger when I opened the box, I needed stitches.",
        ] {
            assert!(reports_harm(text), "{text}");
        }
        for text in [
            "The earbuds are fine but I want to return the lamp.",
            "I want the fire red color instead of black.",
            "My order was cut short, only 2 of 3 items arrived.",
            "The bookshelf was damaged in shipping.",
            "Please cancel the order, I no longer need it.",
            "Is the grill safe to use on a balcony?",
            "I was shocked by the price and I got burned by your return policy.",
        ] {
            assert!(!reports_harm(text), "{text}");
        }
    }

    #[test]
    fn frustration_orders_texts() {
        let calm = frustration_score("where is my order?");
        let mild = frustration_score("I'm not happy with the delivery");
        let strong = frustration_score("This is RIDICULOUS, the THIRD TIME I ask!! Useless.");
        assert_eq!(calm, 0.0);
        assert!(mild > calm && strong > mild, "{calm} {mild} {strong}");
        assert!(
            frustration_markers("I already told you twice, still not fixed")
                .contains(&"repeated_contact")
        );
    }

    #[test]
    fn repeated_frustration_needs_several_turns() {
        assert!(!repeated_frustration(
            &["this is terrible", "where is my order"],
            0.5,
            2
        ));
        assert!(repeated_frustration(
            &["this is terrible", "still not fixed, useless!!"],
            0.5,
            2
        ));
    }

    #[test]
    fn typographic_apostrophes_read_as_ascii_ones() {
        assert!(
            frustration_markers("You don\u{2019}t understand, this doesn\u{2019}t help")
                .contains(&"not_helpful_bot")
        );
        assert!(reports_harm(
            "I paid the doctor\u{2019}s bill after the kettle burned my hand"
        ));
    }

    #[test]
    fn human_requests() {
        for t in [
            "I want an agent",
            "can I speak to a real person?",
            "transfer me to a human please",
            "help me talk with someone",
        ] {
            assert!(asks_for_human(t), "{t}");
        }
        for t in [
            "where is my order",
            "how do I contact customer service hours",
            "my virtual assistant broke",
        ] {
            assert!(!asks_for_human(t), "{t}");
        }
    }

    #[test]
    fn hoping_a_letter_reaches_someone_asks_for_no_one() {
        for t in [
            "I hope this reaches someone having a nice day - the sun is out here.",
            "Hoping this email finds somebody in a good mood on a Monday!",
            "I trust this message reaches the right person. Please cancel order #W1234567.",
            "hope my note gets to someone who likes puzzles, because this is one",
        ] {
            assert!(!asks_for_human(t), "{t}");
        }
        // The pleasantry is left out, not the rest of the letter, and a real person named in
        // it is still asked for.
        for t in [
            "I hope this reaches you. I want to speak to a real person about my refund.",
            "Hope this finds you well. Please transfer me to a human.",
            "I hope this reaches someone who can help, I need to talk to a human about my refund.",
            "I hope this reaches a real person this time.",
        ] {
            assert!(asks_for_human(t), "{t}");
        }
    }

    proptest! {
        #[test]
        fn signals_never_panic(s in "\\PC{0,300}") {
            let f = frustration_score(&s);
            prop_assert!((0.0..1.0).contains(&f));
            let _ = asks_for_human(&s);
        }
    }
}
