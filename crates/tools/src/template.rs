//! URL path templates such as `/orders/{order_id}/cancel`.
//!
//! Parameters are filled from the call's arguments and percent-encoded as a
//! single path segment, so an order id `#W1234567` becomes `%23W1234567` and
//! no argument can add path segments, a query or a fragment.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::{Map, Value};

/// Characters kept as-is in a path segment: RFC 3986 unreserved.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Why a template cannot be parsed or rendered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    /// A `{` without `}` or a `}` without `{`.
    #[error("unbalanced braces in `{0}`")]
    Unbalanced(String),
    /// A parameter name that is empty or not `[A-Za-z0-9_]`.
    #[error("bad parameter name `{0}`")]
    BadName(String),
    /// The template does not start with `/`.
    #[error("template `{0}` must start with `/`")]
    NotAbsolute(String),
    /// A parameter has no value in the arguments.
    #[error("missing path argument `{0}`")]
    Missing(String),
    /// A parameter's value is not a string, number or boolean, or is empty.
    #[error("path argument `{0}` must be a non-empty string, number or boolean")]
    NotScalar(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Literal(String),
    Param(String),
}

/// A parsed URL path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlTemplate {
    parts: Vec<Part>,
}

impl UrlTemplate {
    /// Parses a template like `/orders/{order_id}/cancel`.
    pub fn parse(template: &str) -> Result<Self, TemplateError> {
        if !template.starts_with('/') {
            return Err(TemplateError::NotAbsolute(template.to_owned()));
        }
        let mut parts = Vec::new();
        let mut rest = template;
        while let Some(open) = rest.find(['{', '}']) {
            if rest.as_bytes()[open] == b'}' {
                return Err(TemplateError::Unbalanced(template.to_owned()));
            }
            let after = &rest[open + 1..];
            let close = after
                .find(['{', '}'])
                .filter(|&i| after.as_bytes()[i] == b'}')
                .ok_or_else(|| TemplateError::Unbalanced(template.to_owned()))?;
            let name = &after[..close];
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return Err(TemplateError::BadName(name.to_owned()));
            }
            if open > 0 {
                parts.push(Part::Literal(rest[..open].to_owned()));
            }
            parts.push(Part::Param(name.to_owned()));
            rest = &after[close + 1..];
        }
        if !rest.is_empty() {
            parts.push(Part::Literal(rest.to_owned()));
        }
        Ok(Self { parts })
    }

    /// Names of the parameters, in order.
    pub fn params(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|p| match p {
            Part::Param(n) => Some(n.as_str()),
            Part::Literal(_) => None,
        })
    }

    /// Renders the path, percent-encoding each parameter value.
    pub fn render(&self, args: &Map<String, Value>) -> Result<String, TemplateError> {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Literal(l) => out.push_str(l),
                Part::Param(name) => {
                    let value = args
                        .get(name)
                        .ok_or_else(|| TemplateError::Missing(name.clone()))?;
                    let text = scalar_text(value)
                        .filter(|t| !t.is_empty())
                        .ok_or_else(|| TemplateError::NotScalar(name.clone()))?;
                    out.extend(utf8_percent_encode(&text, SEGMENT));
                }
            }
        }
        Ok(out)
    }
}

/// Text of a scalar JSON value (string, number, boolean); `None` otherwise.
pub(crate) fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn args(v: Value) -> Map<String, Value> {
        match v {
            Value::Object(m) => m,
            _ => Map::new(),
        }
    }

    #[test]
    fn renders_order_id_percent_encoded() {
        let t = UrlTemplate::parse("/orders/{order_id}/cancel").unwrap();
        assert_eq!(t.params().collect::<Vec<_>>(), vec!["order_id"]);
        let path = t.render(&args(json!({"order_id": "#W1234567"}))).unwrap();
        assert_eq!(path, "/orders/%23W1234567/cancel");
    }

    #[test]
    fn template_without_params_renders_itself() {
        let t = UrlTemplate::parse("/products").unwrap();
        assert_eq!(t.params().count(), 0);
        assert_eq!(t.render(&Map::new()).unwrap(), "/products");
    }

    #[test]
    fn parse_errors() {
        assert!(matches!(
            UrlTemplate::parse("/a/{x"),
            Err(TemplateError::Unbalanced(_))
        ));
        assert!(matches!(
            UrlTemplate::parse("/a/x}"),
            Err(TemplateError::Unbalanced(_))
        ));
        assert!(matches!(
            UrlTemplate::parse("/a/{{x}}"),
            Err(TemplateError::Unbalanced(_))
        ));
        assert!(matches!(
            UrlTemplate::parse("/a/{}"),
            Err(TemplateError::BadName(_))
        ));
        assert!(matches!(
            UrlTemplate::parse("/a/{a b}"),
            Err(TemplateError::BadName(_))
        ));
        assert!(matches!(
            UrlTemplate::parse("a/{x}"),
            Err(TemplateError::NotAbsolute(_))
        ));
    }

    #[test]
    fn render_errors() {
        let t = UrlTemplate::parse("/users/{user_id}").unwrap();
        assert_eq!(
            t.render(&Map::new()),
            Err(TemplateError::Missing("user_id".into()))
        );
        assert_eq!(
            t.render(&args(json!({"user_id": ["a"]}))),
            Err(TemplateError::NotScalar("user_id".into()))
        );
        assert_eq!(
            t.render(&args(json!({"user_id": ""}))),
            Err(TemplateError::NotScalar("user_id".into()))
        );
        assert_eq!(
            t.render(&args(json!({"user_id": 42}))).unwrap(),
            "/users/42"
        );
    }

    proptest! {
        #[test]
        fn any_value_stays_in_one_segment_and_decodes_back(value in "\\PC{1,40}") {
            let t = UrlTemplate::parse("/orders/{order_id}/cancel").unwrap();
            let path = t.render(&args(json!({"order_id": value.clone()}))).unwrap();
            let inner = path.strip_prefix("/orders/").unwrap().strip_suffix("/cancel").unwrap();
            prop_assert!(!inner.contains(['/', '?', '#', ' ']));
            let decoded = percent_encoding::percent_decode_str(inner).decode_utf8().unwrap();
            prop_assert_eq!(decoded, value);
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,40}") {
            let _ = UrlTemplate::parse(&s);
        }

        #[test]
        fn params_roundtrip(names in proptest::collection::vec("[a-z_][a-z0-9_]{0,8}", 0..4)) {
            let template: String = names.iter().map(|n| format!("/x/{{{n}}}")).collect::<String>() + "/end";
            let t = UrlTemplate::parse(&template).unwrap();
            prop_assert_eq!(t.params().map(str::to_owned).collect::<Vec<_>>(), names);
        }
    }
}
