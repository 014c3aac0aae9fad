//! Intercom: a resolution is an admin reply (`POST /conversations/{id}/reply`,
//! `message_type: comment`); a handoff is an admin note, then (when a team is configured)
//! an assignment to that team (`POST /conversations/{id}/parts`,
//! `message_type: assignment`). An interrupted reply or note is recognised among the
//! conversation's parts (`GET /conversations/{id}`); an assignment repeated is harmless.

use async_trait::async_trait;
use frontdesk_llm::ApiKey;
use serde_json::{json, Value};

use super::adapter::{Adapter, Failure, Outgoing, Record};
use super::http::{call, json as read_json};
use super::render::{handoff_note, normalized};
use crate::channels::config::IntercomConfig;
use crate::channels::origin::Provider;

/// The Intercom adapter.
pub struct Intercom {
    http: reqwest::Client,
    base: String,
    token: ApiKey,
    admin_id: String,
    team_id: Option<String>,
    version: String,
}

impl Intercom {
    /// From `[channels.intercom]`, the admin and the access token.
    pub fn new(
        http: reqwest::Client,
        cfg: &IntercomConfig,
        admin_id: &str,
        token: ApiKey,
    ) -> Intercom {
        Intercom {
            http,
            base: cfg.base_url.trim_end_matches('/').to_owned(),
            token,
            admin_id: admin_id.to_owned(),
            team_id: cfg.handoff_team_id.clone(),
            version: cfg.api_version.clone(),
        }
    }

    fn conversation(&self, out: &Outgoing) -> Result<String, Failure> {
        out.thread_id(Provider::Intercom)
            .ok_or_else(|| Failure::Permanent("no Intercom conversation id".into()))
    }

    /// The reply or note text and its `message_type`.
    fn message(out: &Outgoing) -> (String, &'static str) {
        match &out.record {
            Record::Resolution(r) => (r.reply.clone(), "comment"),
            Record::Handoff(h) => (handoff_note(h), "note"),
            // Never routed here (`parts` refuses it); a note if it were.
            Record::Notification(n) => (n.notification.body.clone(), "note"),
        }
    }

    fn request(&self, req: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        req.bearer_auth(self.token.expose())
            .header("Intercom-Version", &self.version)
            .header("Accept", "application/json")
    }
}

#[async_trait]
impl Adapter for Intercom {
    fn provider(&self) -> Provider {
        Provider::Intercom
    }

    fn parts(&self, out: &Outgoing) -> Result<usize, Failure> {
        if out.notification().is_some() {
            return Err(Failure::Permanent("Intercom sends no notifications".into()));
        }
        self.conversation(out)?;
        Ok(match out.record {
            Record::Handoff(_) if self.team_id.is_some() => 2,
            _ => 1,
        })
    }

    async fn send(
        &self,
        out: &Outgoing,
        part: usize,
        _key: &str,
    ) -> Result<Option<String>, Failure> {
        let id = self.conversation(out)?;
        let (url, body) = match (part, &self.team_id) {
            (1, Some(team)) => (
                format!("{}/conversations/{id}/parts", self.base),
                json!({
                    "message_type": "assignment",
                    "type": "team",
                    "admin_id": self.admin_id,
                    "assignee_id": team,
                }),
            ),
            _ => {
                let (text, message_type) = Self::message(out);
                (
                    format!("{}/conversations/{id}/reply", self.base),
                    json!({
                        "message_type": message_type,
                        "type": "admin",
                        "admin_id": self.admin_id,
                        "body": text,
                    }),
                )
            }
        };
        let v = read_json(call(self.request(self.http.post(url)).json(&body)).await?).await?;
        Ok(v.get("id").map(Value::to_string))
    }

    async fn already_sent(&self, out: &Outgoing, part: usize) -> Result<bool, Failure> {
        if part > 0 {
            return Ok(false);
        }
        let id = self.conversation(out)?;
        let (text, message_type) = Self::message(out);
        let want = normalized(&text);
        let url = format!("{}/conversations/{id}", self.base);
        let v = read_json(call(self.request(self.http.get(url))).await?).await?;
        let parts = v
            .pointer("/conversation_parts/conversation_parts")
            .and_then(Value::as_array);
        Ok(parts.is_some_and(|ps| {
            ps.iter().any(|p| {
                p["part_type"].as_str() == Some(message_type)
                    && p.pointer("/author/id").and_then(Value::as_str)
                        == Some(self.admin_id.as_str())
                    && p["body"].as_str().map(normalized).as_deref() == Some(want.as_str())
            })
        }))
    }
}
