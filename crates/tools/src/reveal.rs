//! [`Clear`]: the clear values of the tokens a ticket's arguments may hold. The pipeline
//! replaces personal data with tokens at the door; the executor sends a call's arguments
//! with the tokens revealed and records the call with the tokens, so the tool log, the
//! audit and every topic keep tokens while the store receives the real value.

use std::collections::HashMap;

use serde_json::Value;

/// Token → clear value, for one ticket's conversation.
///
/// Two sets of values: *exact* ones (an e-mail address, a card number: long, found and
/// replaced as typed) and *bounded* ones (a name, a street line, a part of either: short,
/// so replaced only where they stand whole, in any case; see
/// [`frontdesk_types::token::conceal_bounded`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Clear {
    exact: HashMap<String, String>,
    bounded: Vec<(String, String)>,
}

impl Clear {
    /// The values of `pairs` (token, clear value), all exact.
    pub fn new(pairs: impl IntoIterator<Item = (String, String)>) -> Clear {
        Clear {
            exact: pairs
                .into_iter()
                .filter(|(t, v)| !t.is_empty() && !v.is_empty())
                .collect(),
            bounded: Vec::new(),
        }
    }

    /// Adds bounded values (token, clear value); a token already known keeps its value.
    pub fn add_bounded(&mut self, pairs: impl IntoIterator<Item = (String, String)>) {
        for (t, v) in pairs {
            if t.is_empty() || v.trim().is_empty() || self.get(&t).is_some() {
                continue;
            }
            self.bounded.push((v, t));
        }
    }

    /// Whether there is nothing to reveal.
    pub fn is_empty(&self) -> bool {
        self.exact.is_empty() && self.bounded.is_empty()
    }

    /// The clear value of `token`.
    pub fn get(&self, token: &str) -> Option<&str> {
        self.exact.get(token).map(String::as_str).or_else(|| {
            self.bounded
                .iter()
                .find(|(_, t)| t == token)
                .map(|(v, _)| v.as_str())
        })
    }

    /// `v` with every token in its strings replaced by its value.
    pub fn reveal(&self, v: &Value) -> Value {
        self.map_strings(v, |s| self.reveal_str(s))
    }

    fn reveal_str(&self, s: &str) -> String {
        if !s.contains(frontdesk_types::token::OPEN) {
            return s.to_owned();
        }
        let bounded = self.bounded.iter().map(|(v, t)| (t, v));
        self.exact
            .iter()
            .chain(bounded)
            .fold(s.to_owned(), |acc, (tok, val)| {
                acc.replace(tok.as_str(), val)
            })
    }

    /// `v` with every clear value in its strings replaced by its token: what a store's
    /// answer or error message echoed back is recorded as the token again.
    pub fn conceal(&self, v: &Value) -> Value {
        self.map_strings(v, |s| self.conceal_str(s))
    }

    /// `v` with only the exact values concealed: what the offline planner, which reads
    /// names and addresses in clear, is shown of a store's answer.
    pub fn conceal_exact(&self, v: &Value) -> Value {
        self.map_strings(v, |s| self.conceal_exact_str(s))
    }

    /// `s` with every clear value replaced by its token.
    pub fn conceal_str(&self, s: &str) -> String {
        let exact = self.conceal_exact_str(s);
        if self.bounded.is_empty() {
            return exact;
        }
        frontdesk_types::token::conceal_bounded(&exact, &self.bounded)
    }

    fn conceal_exact_str(&self, s: &str) -> String {
        self.exact.iter().fold(s.to_owned(), |acc, (tok, val)| {
            acc.replace(val.as_str(), tok)
        })
    }

    fn map_strings(&self, v: &Value, f: impl Fn(&str) -> String) -> Value {
        if self.is_empty() {
            return v.clone();
        }
        map_strings(v, &mut |s| f(s))
    }
}

/// `v` with every string in it (not the keys of its objects) replaced by `f` of it.
pub fn map_strings(v: &Value, f: &mut impl FnMut(&str) -> String) -> Value {
    match v {
        Value::String(s) => Value::String(f(s)),
        Value::Array(a) => Value::Array(a.iter().map(|x| map_strings(x, f)).collect()),
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, x)| (k.clone(), map_strings(x, f)))
                .collect(),
        ),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reveals_and_conceals_inside_nested_strings() {
        let clear = Clear::new([("⟦email:bcd⟧".to_owned(), "ana@example.com".to_owned())]);
        let args = json!({"email": "⟦email:bcd⟧", "n": 3, "list": ["to ⟦email:bcd⟧"]});
        let sent = clear.reveal(&args);
        assert_eq!(
            sent,
            json!({"email": "ana@example.com", "n": 3, "list": ["to ana@example.com"]})
        );
        assert_eq!(clear.conceal(&sent), args);
        assert_eq!(Clear::default().reveal(&args), args);
    }

    #[test]
    fn bounded_values_are_concealed_whole_and_the_planner_view_keeps_them() {
        let mut clear = Clear::new([("⟦email:bcd⟧".to_owned(), "ana@example.com".to_owned())]);
        clear.add_bounded([
            ("⟦name:bbbbbbbbbbbb⟧".to_owned(), "Ana".to_owned()),
            ("⟦name:cccccccccccc⟧".to_owned(), "Ana".to_owned()),
        ]);
        let answer = json!({"first_name": "ANA", "email": "ana@example.com", "note": "Banana"});
        assert_eq!(
            clear.conceal(&answer),
            json!({"first_name": "⟦name:bbbbbbbbbbbb⟧", "email": "⟦email:bcd⟧", "note": "Banana"})
        );
        assert_eq!(
            clear.conceal_exact(&answer),
            json!({"first_name": "ANA", "email": "⟦email:bcd⟧", "note": "Banana"})
        );
        assert_eq!(clear.get("⟦name:cccccccccccc⟧"), Some("Ana"));
        assert_eq!(
            clear.reveal(&json!("to ⟦name:bbbbbbbbbbbb⟧ at ⟦email:bcd⟧")),
            json!("to Ana at ana@example.com")
        );
    }
}
