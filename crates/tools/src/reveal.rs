//! [`Clear`]: the clear values of the tokens a ticket's arguments may hold. The pipeline
//! replaces personal data with tokens at the door; the executor sends a call's arguments
//! with the tokens revealed and records the call with the tokens, so the tool log, the
//! audit and every topic keep tokens while the store receives the real value.

use std::collections::HashMap;

use serde_json::Value;

/// Token → clear value, for one ticket's conversation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Clear(HashMap<String, String>);

impl Clear {
    /// The values of `pairs` (token, clear value).
    pub fn new(pairs: impl IntoIterator<Item = (String, String)>) -> Clear {
        Clear(
            pairs
                .into_iter()
                .filter(|(t, v)| !t.is_empty() && !v.is_empty())
                .collect(),
        )
    }

    /// Whether there is nothing to reveal.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The clear value of `token`.
    pub fn get(&self, token: &str) -> Option<&str> {
        self.0.get(token).map(String::as_str)
    }

    /// `v` with every token in its strings replaced by its value.
    pub fn reveal(&self, v: &Value) -> Value {
        self.map_strings(v, |s| {
            self.0.iter().fold(s.to_owned(), |acc, (tok, val)| {
                acc.replace(tok.as_str(), val)
            })
        })
    }

    /// `v` with every clear value in its strings replaced by its token: what a store's
    /// answer or error message echoed back is recorded as the token again.
    pub fn conceal(&self, v: &Value) -> Value {
        self.map_strings(v, |s| self.conceal_str(s))
    }

    /// `s` with every clear value replaced by its token.
    pub fn conceal_str(&self, s: &str) -> String {
        self.0.iter().fold(s.to_owned(), |acc, (tok, val)| {
            acc.replace(val.as_str(), tok)
        })
    }

    fn map_strings(&self, v: &Value, f: impl Fn(&str) -> String + Copy) -> Value {
        if self.is_empty() {
            return v.clone();
        }
        match v {
            Value::String(s) => Value::String(f(s)),
            Value::Array(a) => Value::Array(a.iter().map(|x| self.map_strings(x, f)).collect()),
            Value::Object(o) => Value::Object(
                o.iter()
                    .map(|(k, x)| (k.clone(), self.map_strings(x, f)))
                    .collect(),
            ),
            other => other.clone(),
        }
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
}
