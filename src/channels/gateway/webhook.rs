//! What a provider's webhook is to the gateway: a path, a signature check and a parser
//! from the provider's documented payload to a ticket (or an e-mail, or "not for us").

use async_trait::async_trait;
use axum::http::HeaderMap;

use crate::channels::accept::Inbound;
use crate::channels::mail::InboundMail;
use crate::messages::Attachment;

/// One received request, body read whole.
#[derive(Debug)]
pub struct Request<'a> {
    /// Its headers.
    pub headers: &'a HeaderMap,
    /// Path and query as received (`/webhooks/twilio/sms?x=1`).
    pub path_and_query: &'a str,
    /// The raw body.
    pub body: &'a [u8],
}

impl Request<'_> {
    /// A header's value as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The token of an `Authorization: Bearer ...` header.
    pub fn bearer(&self) -> Option<&str> {
        self.header("authorization")
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .map(str::trim)
    }

    /// Checks the bearer token against `token` (constant-time).
    pub fn require_bearer(&self, token: &str) -> Result<(), Rejection> {
        match self.bearer() {
            Some(t) if crate::channels::signature::token_matches(t, token) => Ok(()),
            Some(_) => Err(Rejection::Unauthorized("wrong bearer token")),
            None => Err(Rejection::Unauthorized("missing bearer token")),
        }
    }
}

/// What a verified request carries.
#[derive(Debug)]
pub enum Parsed {
    /// A customer message, as a ticket.
    Ticket(Box<Inbound>),
    /// A customer e-mail: threaded and stripped before it becomes a ticket.
    Mail(Box<InboundMail>),
    /// Not a customer message (an agent's comment, a topic not handled, a ping): the
    /// provider gets 200 and nothing is produced. The reason is a bounded label.
    Ignored(&'static str),
}

/// Why a request is refused.
#[derive(Debug, thiserror::Error)]
pub enum Rejection {
    /// Missing or wrong signature, token or timestamp: 401.
    #[error("unauthorized: {0}")]
    Unauthorized(&'static str),
    /// The body is not what the provider documents: 400 with the reason.
    #[error("bad request: {0}")]
    BadRequest(String),
}

impl Rejection {
    /// A 400 with `reason`.
    pub fn bad(reason: impl Into<String>) -> Rejection {
        Rejection::BadRequest(reason.into())
    }
}

/// A provider's webhook.
#[async_trait]
pub trait Webhook: Send + Sync + 'static {
    /// Bounded name: the metrics label and the log field.
    fn name(&self) -> &'static str;

    /// The path it is served on.
    fn path(&self) -> &'static str;

    /// Checks the request's signature or token. Runs before anything is parsed.
    fn verify(&self, req: &Request<'_>) -> Result<(), Rejection>;

    /// Parses a verified request.
    async fn parse(&self, req: &Request<'_>) -> Result<Parsed, Rejection>;

    /// The body and content type of a successful answer; Twilio expects TwiML.
    fn success_body(&self, status: &str, detail: &str) -> (&'static str, String) {
        (
            "application/json",
            serde_json::json!({ "status": status, "detail": detail }).to_string(),
        )
    }
}

/// One field of a form (URL-encoded or multipart): text, or a file noted by its metadata.
#[derive(Debug, Clone, PartialEq)]
pub enum FormValue {
    /// A text field.
    Text(String),
    /// A file part (never kept: noted as an attachment).
    File(Attachment),
}

/// The fields of a form body, in order, whichever of the two encodings it uses.
pub async fn form_fields(req: &Request<'_>) -> Result<Vec<(String, FormValue)>, Rejection> {
    let ctype = req.header("content-type").unwrap_or_default();
    if ctype.starts_with("multipart/form-data") {
        let boundary = multer::parse_boundary(ctype).map_err(|e| Rejection::bad(e.to_string()))?;
        let body = axum::body::Bytes::copy_from_slice(req.body);
        let stream = futures::stream::once(async move { Ok::<_, std::io::Error>(body) });
        let mut mp = multer::Multipart::new(stream, boundary);
        let mut out = Vec::new();
        while let Some(field) = mp
            .next_field()
            .await
            .map_err(|e| Rejection::bad(format!("multipart: {e}")))?
        {
            let name = field.name().unwrap_or_default().to_owned();
            let file = field.file_name().map(str::to_owned);
            let content_type = field
                .content_type()
                .map(|m| m.essence_str().to_owned())
                .unwrap_or_else(|| "application/octet-stream".to_owned());
            let data = field
                .bytes()
                .await
                .map_err(|e| Rejection::bad(format!("multipart: {e}")))?;
            let value = match file {
                Some(filename) => FormValue::File(Attachment {
                    filename,
                    content_type,
                    size_bytes: i64::try_from(data.len()).unwrap_or(i64::MAX),
                    url: None,
                }),
                None => FormValue::Text(
                    String::from_utf8(data.to_vec())
                        .map_err(|_| Rejection::bad(format!("field `{name}` is not UTF-8")))?,
                ),
            };
            out.push((name, value));
        }
        Ok(out)
    } else {
        Ok(urlencoded(req.body)
            .into_iter()
            .map(|(k, v)| (k, FormValue::Text(v)))
            .collect())
    }
}

/// The pairs of an `application/x-www-form-urlencoded` body, in order.
pub fn urlencoded(body: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(body).into_owned().collect()
}

/// The first text field named `name`.
pub fn text_field<'a>(fields: &'a [(String, FormValue)], name: &str) -> Option<&'a str> {
    fields.iter().find_map(|(k, v)| match v {
        FormValue::Text(t) if k == name => Some(t.as_str()),
        _ => None,
    })
}

/// Every file part, as attachments.
pub fn file_fields(fields: &[(String, FormValue)]) -> Vec<Attachment> {
    fields
        .iter()
        .filter_map(|(_, v)| match v {
            FormValue::File(a) => Some(a.clone()),
            FormValue::Text(_) => None,
        })
        .collect()
}
