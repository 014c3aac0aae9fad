//! Provider fakes on wiremock that keep what they were sent, so they answer as the real APIs
//! do (Zendesk's ticket update and comment list, Intercom's reply, parts and conversation,
//! Twilio's message create and list), can be told to fail (429 with `Retry-After`, 5xx), and
//! can be asked how many times each message arrived.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};
use wiremock::matchers::{method, path, path_regex};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// One request a fake accepted.
#[derive(Debug, Clone)]
pub struct Posted {
    /// Ticket, conversation or number it was for.
    pub target: String,
    /// The JSON body, or the form as a JSON object.
    pub body: Value,
}

/// Failures to answer before succeeding.
#[derive(Debug, Clone, Default)]
pub struct Script {
    /// Answer these statuses first, in order (429 carries `Retry-After: 1`).
    pub fail_first: Vec<u16>,
    /// Always answer this status.
    pub always: Option<u16>,
    /// Delay every answer.
    pub delay: Option<Duration>,
}

#[derive(Default)]
struct State {
    posted: Vec<Posted>,
    failures_left: Vec<u16>,
}

/// The shared state of a fake.
#[derive(Clone)]
pub struct Fake {
    state: Arc<Mutex<State>>,
    script: Arc<Script>,
    pub server: Arc<MockServer>,
}

impl Fake {
    async fn new(script: Script) -> Fake {
        Fake {
            state: Arc::new(Mutex::new(State {
                posted: Vec::new(),
                failures_left: script.fail_first.clone(),
            })),
            script: Arc::new(script),
            server: Arc::new(MockServer::start().await),
        }
    }

    pub fn uri(&self) -> String {
        self.server.uri()
    }

    /// Everything accepted so far.
    pub fn posted(&self) -> Vec<Posted> {
        self.state.lock().unwrap().posted.clone()
    }

    /// How many deliveries were accepted, without copying them (a bench polls this while
    /// the fake serves: a copy under the lock would stall the fake's handlers).
    pub fn posted_count(&self) -> usize {
        self.state.lock().unwrap().posted.len()
    }

    /// Requests received (accepted or not).
    pub async fn requests(&self) -> usize {
        self.server
            .received_requests()
            .await
            .unwrap_or_default()
            .len()
    }

    /// How many times each `key(posted)` arrived.
    pub fn counts(&self, key: impl Fn(&Posted) -> String) -> HashMap<String, usize> {
        let mut m = HashMap::new();
        for p in self.posted() {
            *m.entry(key(&p)).or_default() += 1;
        }
        m
    }

    /// The scripted failure for this request, if any.
    fn failure(&self) -> Option<ResponseTemplate> {
        let status = match self.script.always {
            Some(s) => Some(s),
            None => {
                let mut st = self.state.lock().unwrap();
                (!st.failures_left.is_empty()).then(|| st.failures_left.remove(0))
            }
        }?;
        let t = ResponseTemplate::new(status).set_body_json(json!({"error": "scripted"}));
        Some(if status == 429 {
            t.insert_header("retry-after", "1")
        } else {
            t
        })
    }

    fn accept(&self, target: &str, body: Value) -> usize {
        let mut st = self.state.lock().unwrap();
        st.posted.push(Posted {
            target: target.to_owned(),
            body,
        });
        st.posted.len()
    }

    fn delayed(&self, t: ResponseTemplate) -> ResponseTemplate {
        match self.script.delay {
            Some(d) => t.set_delay(d),
            None => t,
        }
    }
}

fn segment(req: &Request, i: usize) -> String {
    req.url
        .path_segments()
        .and_then(|mut s| s.nth(i))
        .unwrap_or_default()
        .trim_end_matches(".json")
        .to_owned()
}

fn form(req: &Request) -> Value {
    let pairs: serde_json::Map<String, Value> = form_urlencoded::parse(&req.body)
        .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
        .collect();
    Value::Object(pairs)
}

// --- Zendesk -------------------------------------------------------------------------

struct ZendeskUpdate(Fake);
impl Respond for ZendeskUpdate {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        if let Some(f) = self.0.failure() {
            return self.0.delayed(f);
        }
        let ticket = segment(req, 3);
        let body: Value = serde_json::from_slice(&req.body).unwrap_or_default();
        let n = self.0.accept(&ticket, body);
        self.0.delayed(ResponseTemplate::new(200).set_body_json(json!({
            "ticket": { "id": ticket.parse::<i64>().unwrap_or(0) },
            "audit": { "id": 9000 + n, "ticket_id": ticket, "events": [ { "id": 1, "type": "Comment" } ] }
        })))
    }
}

struct ZendeskComments(Fake);
impl Respond for ZendeskComments {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let ticket = segment(req, 3);
        let comments: Vec<Value> = self
            .0
            .posted()
            .iter()
            .filter(|p| p.target == ticket)
            .enumerate()
            .map(|(i, p)| {
                json!({
                    "id": i + 1,
                    "type": "Comment",
                    "body": p.body["ticket"]["comment"]["body"],
                    "public": p.body["ticket"]["comment"]["public"],
                    "author_id": 1
                })
            })
            .collect();
        ResponseTemplate::new(200).set_body_json(
            json!({ "comments": comments, "next_page": null, "count": comments.len() }),
        )
    }
}

/// A Zendesk Support API: `PUT /api/v2/tickets/{id}.json` and `GET .../comments.json`.
pub async fn zendesk(script: Script) -> Fake {
    let fake = Fake::new(script).await;
    Mock::given(method("PUT"))
        .and(path_regex(r"^/api/v2/tickets/\d+\.json$"))
        .respond_with(ZendeskUpdate(fake.clone()))
        .mount(&fake.server)
        .await;
    Mock::given(method("GET"))
        .and(path_regex(r"^/api/v2/tickets/\d+/comments\.json$"))
        .respond_with(ZendeskComments(fake.clone()))
        .mount(&fake.server)
        .await;
    fake
}

// --- Intercom ------------------------------------------------------------------------

struct IntercomPost(Fake);
impl Respond for IntercomPost {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        if let Some(f) = self.0.failure() {
            return self.0.delayed(f);
        }
        let conversation = segment(req, 1);
        let body: Value = serde_json::from_slice(&req.body).unwrap_or_default();
        let n = self.0.accept(&conversation, body);
        self.0
            .delayed(ResponseTemplate::new(200).set_body_json(json!({
            "type": "conversation", "id": conversation, "conversation_parts": { "total_count": n }
        })))
    }
}

struct IntercomGet(Fake);
impl Respond for IntercomGet {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let conversation = segment(req, 1);
        let parts: Vec<Value> = self
            .0
            .posted()
            .iter()
            .filter(|p| p.target == conversation)
            .enumerate()
            .map(|(i, p)| {
                json!({
                    "type": "conversation_part",
                    "id": (i + 1).to_string(),
                    "part_type": p.body["message_type"],
                    // Intercom turns a plain-text reply into HTML.
                    "body": format!("<p>{}</p>", p.body["body"].as_str().unwrap_or_default()),
                    "author": { "type": "admin", "id": p.body["admin_id"] }
                })
            })
            .collect();
        ResponseTemplate::new(200).set_body_json(json!({
            "type": "conversation", "id": conversation,
            "conversation_parts": { "type": "conversation_part.list", "conversation_parts": parts, "total_count": parts.len() }
        }))
    }
}

/// An Intercom API: `POST /conversations/{id}/reply`, `POST /conversations/{id}/parts`,
/// `GET /conversations/{id}`.
pub async fn intercom(script: Script) -> Fake {
    let fake = Fake::new(script).await;
    Mock::given(method("POST"))
        .and(path_regex(r"^/conversations/[^/]+/(reply|parts)$"))
        .respond_with(IntercomPost(fake.clone()))
        .mount(&fake.server)
        .await;
    Mock::given(method("GET"))
        .and(path_regex(r"^/conversations/[^/]+$"))
        .respond_with(IntercomGet(fake.clone()))
        .mount(&fake.server)
        .await;
    fake
}

// --- Twilio --------------------------------------------------------------------------

struct TwilioCreate(Fake);
impl Respond for TwilioCreate {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        if let Some(f) = self.0.failure() {
            return self.0.delayed(f);
        }
        let f = form(req);
        let to = f["To"].as_str().unwrap_or_default().to_owned();
        let n = self.0.accept(&to, f.clone());
        self.0.delayed(ResponseTemplate::new(201).set_body_json(json!({
            "sid": format!("SM{n:032}"), "to": f["To"], "from": f["From"], "body": f["Body"], "status": "queued"
        })))
    }
}

struct TwilioList(Fake);
impl Respond for TwilioList {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let q: HashMap<String, String> = req.url.query_pairs().into_owned().collect();
        let to = q.get("To").cloned().unwrap_or_default();
        let messages: Vec<Value> = self
            .0
            .posted()
            .iter()
            .filter(|p| p.target == to)
            .map(|p| json!({ "to": p.body["To"], "from": p.body["From"], "body": p.body["Body"] }))
            .collect();
        ResponseTemplate::new(200).set_body_json(json!({ "messages": messages }))
    }
}

/// Twilio's Messages API for account `AC123`.
pub async fn twilio(script: Script) -> Fake {
    let fake = Fake::new(script).await;
    let p = "/2010-04-01/Accounts/AC123/Messages.json";
    Mock::given(method("POST"))
        .and(path(p))
        .respond_with(TwilioCreate(fake.clone()))
        .mount(&fake.server)
        .await;
    Mock::given(method("GET"))
        .and(path(p))
        .respond_with(TwilioList(fake.clone()))
        .mount(&fake.server)
        .await;
    fake
}

// --- The generic webhook's receiver ---------------------------------------------------

struct HookReceiver(Fake, String);
impl Respond for HookReceiver {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        use frontdesk::channels::signature::{verify, Algorithm, Encoding};
        if let Some(f) = self.0.failure() {
            return self.0.delayed(f);
        }
        let header = |n: &str| {
            req.headers
                .get(n)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        };
        let ts = header("x-frontdesk-timestamp");
        let sig = header("x-frontdesk-signature");
        let ok = verify(
            Algorithm::Sha256,
            Encoding::Hex,
            self.1.as_bytes(),
            &[ts.as_bytes(), b".", &req.body],
            sig.strip_prefix("sha256=").unwrap_or_default(),
        );
        if !ok {
            return ResponseTemplate::new(401);
        }
        let body: Value = serde_json::from_slice(&req.body).unwrap_or_default();
        self.0.accept(&header("idempotency-key"), body);
        self.0.delayed(ResponseTemplate::new(204))
    }
}

/// A receiver of frontdesk's signed webhook (`POST /hook`) that checks the signature.
pub async fn webhook_receiver(secret: &str, script: Script) -> Fake {
    let fake = Fake::new(script).await;
    Mock::given(method("POST"))
        .and(path("/hook"))
        .respond_with(HookReceiver(fake.clone(), secret.to_owned()))
        .mount(&fake.server)
        .await;
    fake
}
