//! Schema lookup: by id for readers, by record kind for writers.
//!
//! [`LocalSchemas`] serves the schemas compiled in from `schemas/`; [`RegistrySchemas`]
//! talks to a Confluent-compatible schema registry and caches what it learns.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use apache_avro::Schema;
use async_trait::async_trait;
use serde::Deserialize;

/// The kinds of record frontdesk writes or reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecordKind {
    /// Inbound ticket.
    Ticket,
    /// Stage-to-stage envelope.
    Envelope,
    /// Resolution.
    Resolution,
    /// Warm handoff.
    Handoff,
    /// Dead letter.
    DeadLetter,
    /// Audit decision record.
    Audit,
}

impl RecordKind {
    /// Every kind.
    pub const ALL: [RecordKind; 6] = [
        RecordKind::Ticket,
        RecordKind::Envelope,
        RecordKind::Resolution,
        RecordKind::Handoff,
        RecordKind::DeadLetter,
        RecordKind::Audit,
    ];

    /// Name used in `topics/` declarations.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Ticket => "ticket",
            RecordKind::Envelope => "envelope",
            RecordKind::Resolution => "resolution",
            RecordKind::Handoff => "handoff",
            RecordKind::DeadLetter => "dead_letter",
            RecordKind::Audit => "audit",
        }
    }

    /// Parses a `topics/` value name.
    pub fn parse(s: &str) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Errors looking up a schema.
#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    /// No schema has this id: the record can never be read (dead letter).
    #[error("unknown schema id {0}")]
    UnknownId(u32),
    /// The registry could not be reached or answered 5xx: retry.
    #[error("schema registry unavailable: {0}")]
    Unavailable(String),
    /// The registry returned a schema that does not parse.
    #[error("invalid schema: {0}")]
    Invalid(String),
}

impl SchemaError {
    /// Whether retrying can help.
    pub fn is_transient(&self) -> bool {
        matches!(self, SchemaError::Unavailable(_))
    }
}

/// Looks schemas up. Faked in tests; local or registry-backed in production.
#[async_trait]
pub trait SchemaResolver: Send + Sync {
    /// The writer schema behind an id read off the wire.
    async fn by_id(&self, id: u32) -> Result<Arc<Schema>, SchemaError>;
    /// The id to write a record of this kind to this topic with.
    async fn writer_id(&self, kind: RecordKind, topic: &str) -> Result<u32, SchemaError>;
}

/// One compiled-in schema file.
struct LocalSchema {
    id: u32,
    kind: RecordKind,
    current: bool,
    text: &'static str,
}

const LOCAL: &[LocalSchema] = &[
    LocalSchema {
        id: 1,
        kind: RecordKind::Ticket,
        current: false,
        text: include_str!("../../schemas/ticket.v1.avsc"),
    },
    LocalSchema {
        id: 2,
        kind: RecordKind::Ticket,
        current: true,
        text: include_str!("../../schemas/ticket.v2.avsc"),
    },
    LocalSchema {
        id: 10,
        kind: RecordKind::Envelope,
        current: false,
        text: include_str!("../../schemas/envelope.v1.avsc"),
    },
    LocalSchema {
        id: 11,
        kind: RecordKind::Envelope,
        current: false,
        text: include_str!("../../schemas/envelope.v2.avsc"),
    },
    LocalSchema {
        id: 12,
        kind: RecordKind::Envelope,
        current: true,
        text: include_str!("../../schemas/envelope.v3.avsc"),
    },
    LocalSchema {
        id: 20,
        kind: RecordKind::Resolution,
        current: false,
        text: include_str!("../../schemas/resolution.v1.avsc"),
    },
    LocalSchema {
        id: 21,
        kind: RecordKind::Resolution,
        current: false,
        text: include_str!("../../schemas/resolution.v2.avsc"),
    },
    LocalSchema {
        id: 22,
        kind: RecordKind::Resolution,
        current: true,
        text: include_str!("../../schemas/resolution.v3.avsc"),
    },
    LocalSchema {
        id: 30,
        kind: RecordKind::Handoff,
        current: true,
        text: include_str!("../../schemas/handoff.avsc"),
    },
    LocalSchema {
        id: 40,
        kind: RecordKind::DeadLetter,
        current: true,
        text: include_str!("../../schemas/dead_letter.avsc"),
    },
    LocalSchema {
        id: 50,
        kind: RecordKind::Audit,
        current: true,
        text: include_str!("../../schemas/audit.avsc"),
    },
];

fn local_map() -> &'static HashMap<u32, Arc<Schema>> {
    static CACHE: std::sync::OnceLock<HashMap<u32, Arc<Schema>>> = std::sync::OnceLock::new();
    CACHE.get_or_init(|| {
        LOCAL
            .iter()
            .map(|s| {
                // Compiled in and parsed by a unit test: a failure here is a build defect.
                let schema = Schema::parse_str(s.text).expect("compiled-in schema parses");
                (s.id, Arc::new(schema))
            })
            .collect()
    })
}

/// The current (reader and writer) schema of a kind, with its local id.
pub fn current(kind: RecordKind) -> (u32, Arc<Schema>) {
    let entry = LOCAL
        .iter()
        .find(|s| s.kind == kind && s.current)
        .expect("every kind has a current schema (checked by tests)");
    (entry.id, local_map()[&entry.id].clone())
}

/// The schemas of `schemas/`, compiled into the binary.
#[derive(Debug, Default, Clone)]
pub struct LocalSchemas;

#[async_trait]
impl SchemaResolver for LocalSchemas {
    async fn by_id(&self, id: u32) -> Result<Arc<Schema>, SchemaError> {
        local_map()
            .get(&id)
            .cloned()
            .ok_or(SchemaError::UnknownId(id))
    }

    async fn writer_id(&self, kind: RecordKind, _topic: &str) -> Result<u32, SchemaError> {
        Ok(current(kind).0)
    }
}

/// A Confluent-compatible schema registry over HTTP, with a cache.
pub struct RegistrySchemas {
    base: String,
    http: reqwest::Client,
    by_id: RwLock<HashMap<u32, Arc<Schema>>>,
    ids: RwLock<HashMap<(RecordKind, String), u32>>,
}

#[derive(Deserialize)]
struct SchemaBody {
    schema: String,
}

#[derive(Deserialize)]
struct IdBody {
    id: u32,
}

impl RegistrySchemas {
    /// A registry at `base` (e.g. `http://registry:8081`).
    pub fn new(base: &str, timeout: std::time::Duration) -> Self {
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .build()
            .unwrap_or_default();
        RegistrySchemas {
            base: base.trim_end_matches('/').to_owned(),
            http,
            by_id: RwLock::new(HashMap::new()),
            ids: RwLock::new(HashMap::new()),
        }
    }
}

fn unavailable(e: impl std::fmt::Display) -> SchemaError {
    SchemaError::Unavailable(e.to_string())
}

#[async_trait]
impl SchemaResolver for RegistrySchemas {
    async fn by_id(&self, id: u32) -> Result<Arc<Schema>, SchemaError> {
        if let Some(s) = self.by_id.read().ok().and_then(|m| m.get(&id).cloned()) {
            return Ok(s);
        }
        let url = format!("{}/schemas/ids/{id}", self.base);
        let resp = self.http.get(&url).send().await.map_err(unavailable)?;
        let status = resp.status();
        if status.as_u16() == 404 {
            return Err(SchemaError::UnknownId(id));
        }
        if !status.is_success() {
            return Err(SchemaError::Unavailable(format!("GET {url}: {status}")));
        }
        let body: SchemaBody = resp.json().await.map_err(unavailable)?;
        let schema = Arc::new(
            Schema::parse_str(&body.schema).map_err(|e| SchemaError::Invalid(e.to_string()))?,
        );
        if let Ok(mut m) = self.by_id.write() {
            m.insert(id, schema.clone());
        }
        Ok(schema)
    }

    async fn writer_id(&self, kind: RecordKind, topic: &str) -> Result<u32, SchemaError> {
        let cache_key = (kind, topic.to_owned());
        if let Some(id) = self
            .ids
            .read()
            .ok()
            .and_then(|m| m.get(&cache_key).copied())
        {
            return Ok(id);
        }
        let (_, schema) = current(kind);
        let url = format!("{}/subjects/{topic}-value/versions", self.base);
        let body = serde_json::json!({ "schema": schema.canonical_form() });
        let resp = self
            .http
            .post(&url)
            .header("content-type", "application/vnd.schemaregistry.v1+json")
            .json(&body)
            .send()
            .await
            .map_err(unavailable)?;
        let status = resp.status();
        if !status.is_success() {
            return Err(SchemaError::Unavailable(format!("POST {url}: {status}")));
        }
        let IdBody { id } = resp.json().await.map_err(unavailable)?;
        if let Ok(mut m) = self.ids.write() {
            m.insert(cache_key, id);
        }
        if let Ok(mut m) = self.by_id.write() {
            m.insert(id, schema);
        }
        Ok(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_compiled_in_schema_parses_and_every_kind_has_a_current_one() {
        for s in LOCAL {
            Schema::parse_str(s.text)
                .unwrap_or_else(|e| panic!("schema {} does not parse: {e}", s.id));
        }
        for kind in RecordKind::ALL {
            let n = LOCAL.iter().filter(|s| s.kind == kind && s.current).count();
            assert_eq!(n, 1, "{kind:?} needs exactly one current schema");
        }
    }

    #[tokio::test]
    async fn local_ids_resolve_and_unknown_ids_are_permanent() {
        let local = LocalSchemas;
        assert!(local.by_id(1).await.is_ok());
        assert!(local.by_id(2).await.is_ok());
        let err = local.by_id(999).await.unwrap_err();
        assert!(matches!(err, SchemaError::UnknownId(999)));
        assert!(!err.is_transient());
    }

    #[tokio::test]
    async fn registry_resolves_ids_over_http_caches_them_and_classifies_failures() {
        use wiremock::matchers::{method, path};
        use wiremock::{Mock, MockServer, ResponseTemplate};
        let server = MockServer::start().await;
        let v1 = LOCAL.iter().find(|s| s.id == 1).unwrap().text;
        Mock::given(method("GET"))
            .and(path("/schemas/ids/7"))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(serde_json::json!({ "schema": v1 })),
            )
            .expect(1)
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path("/schemas/ids/8"))
            .respond_with(ResponseTemplate::new(404))
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path("/schemas/ids/9"))
            .respond_with(ResponseTemplate::new(503))
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path("/subjects/fd.inbound.email-value/versions"))
            .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({ "id": 42 })))
            .expect(1)
            .mount(&server)
            .await;
        let reg = RegistrySchemas::new(&server.uri(), std::time::Duration::from_secs(2));
        assert!(reg.by_id(7).await.is_ok());
        assert!(
            reg.by_id(7).await.is_ok(),
            "second lookup is served from the cache"
        );
        assert!(matches!(reg.by_id(8).await, Err(SchemaError::UnknownId(8))));
        let outage = reg.by_id(9).await.unwrap_err();
        assert!(outage.is_transient(), "{outage}");
        assert_eq!(
            reg.writer_id(RecordKind::Ticket, "fd.inbound.email")
                .await
                .unwrap(),
            42
        );
        assert_eq!(
            reg.writer_id(RecordKind::Ticket, "fd.inbound.email")
                .await
                .unwrap(),
            42
        );
        // A record written under the registry's id decodes through the registry.
        let codec = crate::messages::Codec::new(std::sync::Arc::new(reg), Default::default());
        let t = crate::messages::Ticket {
            ticket_id: "t".into(),
            conversation_id: "c".into(),
            channel: crate::messages::Channel::Sms,
            customer: Default::default(),
            subject: None,
            body: "hi".into(),
            attachments: vec![],
            received_at: 1,
            headers: Default::default(),
            locale: None,
        };
        let bytes = codec
            .encode(RecordKind::Ticket, "fd.inbound.email", &t)
            .await
            .unwrap();
        assert_eq!(&bytes[1..5], &42u32.to_be_bytes());
        assert_eq!(codec.decode_ticket(&bytes, None).await.unwrap(), t);
    }
}
