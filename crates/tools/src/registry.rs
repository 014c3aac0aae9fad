//! The loaded tool set: specs checked for consistency, JSON schemas compiled
//! once, URL templates parsed once.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde_json::{Map, Value};

use crate::config::{AuthConfig, OwnerRule, ToolSpec, ToolsConfig};
use crate::error::ConfigError;
use crate::record::HttpRequestRecord;
use crate::template::{scalar_text, TemplateError, UrlTemplate};

/// One tool, ready to validate arguments and build requests.
pub struct Tool {
    spec: ToolSpec,
    template: UrlTemplate,
    validator: jsonschema::Validator,
    query: Vec<String>,
    body: Vec<String>,
}

impl fmt::Debug for Tool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tool")
            .field("spec", &self.spec)
            .field("query", &self.query)
            .field("body", &self.body)
            .finish_non_exhaustive()
    }
}

impl Tool {
    /// Compiles one tool spec.
    pub fn compile(spec: ToolSpec) -> Result<Self, ConfigError> {
        let name = spec.name.clone();
        let invalid = |msg: String| ConfigError::Invalid(format!("tool `{name}`: {msg}"));
        let template = UrlTemplate::parse(&spec.url).map_err(|source| ConfigError::Template {
            tool: name.clone(),
            source,
        })?;
        let validator =
            jsonschema::validator_for(&spec.schema).map_err(|e| ConfigError::Schema {
                tool: name.clone(),
                message: e.to_string(),
            })?;
        if spec.schema.get("type").and_then(Value::as_str) != Some("object") {
            return Err(ConfigError::Schema {
                tool: name.clone(),
                message: "the arguments schema must have \"type\": \"object\"".into(),
            });
        }
        let properties: BTreeSet<String> = spec
            .schema
            .get("properties")
            .and_then(Value::as_object)
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        let required: BTreeSet<String> = spec
            .schema
            .get("required")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        let path_params: BTreeSet<String> = template.params().map(str::to_owned).collect();
        for p in &path_params {
            if !required.contains(p) {
                return Err(invalid(format!(
                    "path parameter `{p}` must be a required property"
                )));
            }
        }
        if let Some(owner) = &spec.owner {
            if !required.contains(owner.argument()) {
                return Err(invalid(format!(
                    "owner argument `{}` must be a required property",
                    owner.argument()
                )));
            }
        }
        let rest: Vec<String> = properties
            .iter()
            .filter(|p| !path_params.contains(*p))
            .cloned()
            .collect();
        let (default_query, default_body) = if spec.method.has_body() {
            (Vec::new(), rest)
        } else {
            (rest, Vec::new())
        };
        let query = spec.query.clone().unwrap_or(default_query);
        let body = spec.body.clone().unwrap_or(default_body);
        for a in query.iter().chain(&body) {
            if !properties.contains(a) {
                return Err(invalid(format!(
                    "`{a}` in query/body is not a schema property"
                )));
            }
        }
        if !body.is_empty() && !spec.method.has_body() {
            return Err(invalid(format!(
                "{} requests carry no body",
                spec.method.as_str()
            )));
        }
        Ok(Self {
            spec,
            template,
            validator,
            query,
            body,
        })
    }

    /// The tool as declared.
    pub fn spec(&self) -> &ToolSpec {
        &self.spec
    }

    /// The arguments as a JSON object that passes the tool's JSON schema (compiled once);
    /// the refusal lists every violation as `path: message`.
    pub fn check_arguments<'a>(&self, args: &'a Value) -> Result<&'a Map<String, Value>, Refusal> {
        let violations: Vec<String> = self
            .validator
            .iter_errors(args)
            .map(|e| {
                let path = e.instance_path().to_string();
                let path = if path.is_empty() {
                    "(arguments)".to_owned()
                } else {
                    path
                };
                format!("{path}: {e}")
            })
            .collect();
        if !violations.is_empty() {
            return Err(Refusal::Schema {
                tool: self.spec.name.clone(),
                violations,
            });
        }
        args.as_object()
            .ok_or_else(|| Refusal::NotAnObject(self.spec.name.clone()))
    }

    /// Builds the HTTP request for already validated arguments.
    pub fn build_request(
        &self,
        base_url: &str,
        args: &Map<String, Value>,
    ) -> Result<HttpRequestRecord, TemplateError> {
        let path = self.template.render(args)?;
        let mut url = format!("{}{}", base_url.trim_end_matches('/'), path);
        let mut pairs: Vec<(String, String)> = Vec::new();
        for name in &self.query {
            match args.get(name) {
                Some(Value::Array(items)) => {
                    pairs.extend(
                        items
                            .iter()
                            .filter_map(scalar_text)
                            .map(|v| (name.clone(), v)),
                    );
                }
                Some(v) => {
                    if let Some(text) = scalar_text(v) {
                        pairs.push((name.clone(), text));
                    }
                }
                None => {}
            }
        }
        if !pairs.is_empty() {
            let encoded: Vec<String> = pairs
                .iter()
                .map(|(k, v)| format!("{}={}", encode_query(k), encode_query(v)))
                .collect();
            url.push('?');
            url.push_str(&encoded.join("&"));
        }
        let body = self.spec.method.has_body().then(|| {
            Value::Object(
                self.body
                    .iter()
                    .filter_map(|name| args.get(name).map(|v| (name.clone(), v.clone())))
                    .collect(),
            )
        });
        Ok(HttpRequestRecord {
            method: self.spec.method.as_str().to_owned(),
            url,
            body,
        })
    }
}

fn encode_query(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, QUERY).to_string()
}

/// Query components keep only RFC 3986 unreserved characters.
const QUERY: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Why a proposed tool call is refused before anything runs: the one check for the
/// executor and for a model's proposals alike.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// No tool has this name.
    #[error("unknown tool `{0}`")]
    Unknown(String),
    /// The tool is not on this ticket's allow-list.
    #[error("tool `{0}` is not on this ticket's allow-list")]
    NotAllowed(String),
    /// The arguments are not a JSON object.
    #[error("arguments of `{0}` must be a JSON object")]
    NotAnObject(String),
    /// The arguments violate the tool's JSON schema.
    #[error("arguments of `{tool}` violate its schema: {}", violations.join("; "))]
    Schema {
        /// The tool.
        tool: String,
        /// One `path: message` per violation.
        violations: Vec<String>,
    },
}

impl Refusal {
    /// The outcome a refused call is recorded with.
    pub fn outcome(&self) -> crate::record::Outcome {
        match self {
            Refusal::Unknown(_) | Refusal::NotAllowed(_) => crate::record::Outcome::NotAllowed,
            Refusal::NotAnObject(_) | Refusal::Schema { .. } => {
                crate::record::Outcome::InvalidArguments
            }
        }
    }
}

/// All tools of one store, by name.
#[derive(Debug)]
pub struct ToolRegistry {
    tools: BTreeMap<String, Tool>,
    auth: AuthConfig,
}

impl ToolRegistry {
    /// Compiles and cross-checks every tool of a config.
    pub fn from_config(config: &ToolsConfig) -> Result<Self, ConfigError> {
        let mut tools = BTreeMap::new();
        for spec in &config.tools {
            let name = spec.name.clone();
            if tools
                .insert(name.clone(), Tool::compile(spec.clone())?)
                .is_some()
            {
                return Err(ConfigError::Invalid(format!("duplicate tool `{name}`")));
            }
        }
        let auth = config.auth.clone();
        for needed in [&auth.by_email, &auth.by_name_zip, &auth.order_lookup] {
            if !tools.contains_key(needed) {
                return Err(ConfigError::Invalid(format!(
                    "[auth] names tool `{needed}`, which is not declared"
                )));
            }
        }
        let lookup_ok = tools
            .get(&auth.order_lookup)
            .map(|t| matches!(t.spec.owner, Some(OwnerRule::Order(_))))
            .unwrap_or(false);
        if !lookup_ok {
            return Err(ConfigError::Invalid(format!(
                "order lookup tool `{}` must declare owner = {{ order = \"..\" }}",
                auth.order_lookup
            )));
        }
        Ok(Self { tools, auth })
    }

    /// The tool called `name`.
    pub fn get(&self, name: &str) -> Option<&Tool> {
        self.tools.get(name)
    }

    /// The tool called `name` if `allowed` lets this ticket use it.
    pub fn allowed(&self, name: &str, allowed: impl Fn(&str) -> bool) -> Result<&Tool, Refusal> {
        let tool = self
            .get(name)
            .ok_or_else(|| Refusal::Unknown(name.to_owned()))?;
        if !allowed(name) {
            return Err(Refusal::NotAllowed(name.to_owned()));
        }
        Ok(tool)
    }

    /// A proposed call checked before anything runs: the tool exists, `allowed` lets this
    /// ticket use it, and its arguments are an object that passes the tool's schema.
    pub fn check<'a>(
        &self,
        name: &str,
        args: &'a Value,
        allowed: impl Fn(&str) -> bool,
    ) -> Result<&'a Map<String, Value>, Refusal> {
        self.allowed(name, allowed)?.check_arguments(args)
    }

    /// All tool names, sorted.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.tools.keys().map(String::as_str)
    }

    /// Names of the tools whose `intents` list contains `intent`, sorted: a
    /// ready-made allow-list for a ticket of that intent.
    pub fn tools_for_intent(&self, intent: &str) -> Vec<String> {
        self.tools
            .values()
            .filter(|t| t.spec.intents.iter().any(|i| i == intent))
            .map(|t| t.spec.name.clone())
            .collect()
    }

    /// The authentication settings.
    pub fn auth(&self) -> &AuthConfig {
        &self.auth
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{HttpMethod, ToolKind};
    use serde_json::json;

    fn spec(name: &str, method: HttpMethod, url: &str, schema: Value) -> ToolSpec {
        ToolSpec {
            name: name.into(),
            description: "d".into(),
            kind: ToolKind::Read,
            method,
            url: url.into(),
            query: None,
            body: None,
            schema,
            intents: vec![],
            owner: None,
        }
    }

    fn obj(v: Value) -> Map<String, Value> {
        match v {
            Value::Object(m) => m,
            _ => Map::new(),
        }
    }

    #[test]
    fn get_puts_rest_in_query_post_in_body() {
        let schema = json!({"type": "object", "properties": {"first_name": {"type": "string"}, "zip": {"type": "string"}}, "required": ["first_name", "zip"]});
        let t = Tool::compile(spec(
            "f",
            HttpMethod::Get,
            "/users/by-name-zip",
            schema.clone(),
        ))
        .unwrap();
        let r = t
            .build_request(
                "http://h:1/",
                &obj(json!({"first_name": "Ann Marie", "zip": "01234"})),
            )
            .unwrap();
        assert_eq!(
            r.url,
            "http://h:1/users/by-name-zip?first_name=Ann%20Marie&zip=01234"
        );
        assert_eq!(r.body, None);

        let schema = json!({"type": "object", "properties": {"order_id": {"type": "string"}, "reason": {"type": "string"}}, "required": ["order_id"]});
        let t = Tool::compile(spec(
            "c",
            HttpMethod::Post,
            "/orders/{order_id}/cancel",
            schema,
        ))
        .unwrap();
        let r = t
            .build_request(
                "http://h:1",
                &obj(json!({"order_id": "#W1", "reason": "no longer needed"})),
            )
            .unwrap();
        assert_eq!(r.method, "POST");
        assert_eq!(r.url, "http://h:1/orders/%23W1/cancel");
        assert_eq!(r.body, Some(json!({"reason": "no longer needed"})));
    }

    #[test]
    fn validation_lists_violations() {
        let schema = json!({"type": "object", "properties": {"order_id": {"type": "string", "pattern": "^#W[0-9]+$"}}, "required": ["order_id"], "additionalProperties": false});
        let t = Tool::compile(spec("g", HttpMethod::Get, "/orders/{order_id}", schema)).unwrap();
        assert!(t.check_arguments(&json!({"order_id": "#W12"})).is_ok());
        let Err(Refusal::Schema { violations, .. }) =
            t.check_arguments(&json!({"order_id": 12, "x": 1}))
        else {
            panic!("a schema refusal")
        };
        assert_eq!(violations.len(), 2, "{violations:?}");
        assert!(t.check_arguments(&json!({})).is_err());
        assert!(t.check_arguments(&json!("#W12")).is_err());
    }

    #[test]
    fn compile_rejects_inconsistent_specs() {
        let schema =
            json!({"type": "object", "properties": {"a": {"type": "string"}}, "required": []});
        assert!(Tool::compile(spec("x", HttpMethod::Get, "/x/{a}", schema.clone())).is_err());
        let mut s = spec("x", HttpMethod::Get, "/x", schema.clone());
        s.query = Some(vec!["b".into()]);
        assert!(Tool::compile(s).is_err());
        let mut s = spec("x", HttpMethod::Get, "/x", schema.clone());
        s.body = Some(vec!["a".into()]);
        assert!(Tool::compile(s).is_err());
        let mut s = spec("x", HttpMethod::Get, "/x", schema.clone());
        s.owner = Some(OwnerRule::User("a".into()));
        assert!(Tool::compile(s).is_err());
        assert!(Tool::compile(spec("x", HttpMethod::Get, "/x", json!({"type": "array"}))).is_err());
        assert!(Tool::compile(spec("x", HttpMethod::Get, "/x", json!({"type": 5}))).is_err());
    }
}
