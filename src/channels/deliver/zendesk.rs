//! Zendesk Support: one ticket update (`PUT /api/v2/tickets/{id}.json`, basic auth
//! `{email}/token:{api token}`). A resolution is a public comment and a status (`solved`,
//! or `pending` when the reply asks the customer something); a handoff is an internal
//! note (reason, summary, proposed action, draft reply, thread) with tags, a group and
//! status `open`. An interrupted update is recognised in the ticket's comments
//! (`GET /api/v2/tickets/{id}/comments.json`).

use async_trait::async_trait;
use frontdesk_llm::ApiKey;
use serde_json::{json, Value};

use super::adapter::{Adapter, Failure, Outgoing, Record};
use super::http::{call, json as read_json};
use super::render::{handoff_note, normalized};
use crate::channels::config::ZendeskConfig;
use crate::channels::origin::Provider;

/// The Zendesk adapter.
pub struct Zendesk {
    http: reqwest::Client,
    base: String,
    email: String,
    token: ApiKey,
    solved_status: String,
    group_id: Option<i64>,
    tags: Vec<String>,
}

impl Zendesk {
    /// From `[channels.zendesk]` and the API token.
    pub fn new(
        http: reqwest::Client,
        cfg: &ZendeskConfig,
        base: &str,
        email: &str,
        token: ApiKey,
    ) -> Zendesk {
        Zendesk {
            http,
            base: base.trim_end_matches('/').to_owned(),
            email: email.to_owned(),
            token,
            solved_status: cfg.solved_status.clone(),
            group_id: cfg.handoff_group_id,
            tags: cfg.handoff_tags.clone(),
        }
    }

    fn ticket(&self, out: &Outgoing) -> Result<String, Failure> {
        out.thread_id(Provider::Zendesk)
            .ok_or_else(|| Failure::Permanent("no Zendesk ticket id for this conversation".into()))
    }

    /// The comment body and whether it is public.
    fn comment(out: &Outgoing) -> (String, bool) {
        match &out.record {
            Record::Resolution(r) => (r.reply.clone(), true),
            Record::Handoff(h) => (handoff_note(h), false),
            // Never routed here (`parts` refuses it); an internal note if it were.
            Record::Notification(n) => (n.notification.body.clone(), false),
        }
    }

    fn auth(&self, req: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        req.basic_auth(format!("{}/token", self.email), Some(self.token.expose()))
    }
}

#[async_trait]
impl Adapter for Zendesk {
    fn provider(&self) -> Provider {
        Provider::Zendesk
    }

    fn parts(&self, out: &Outgoing) -> Result<usize, Failure> {
        if out.notification().is_some() {
            return Err(Failure::Permanent("Zendesk sends no notifications".into()));
        }
        self.ticket(out).map(|_| 1)
    }

    async fn send(
        &self,
        out: &Outgoing,
        _part: usize,
        _key: &str,
    ) -> Result<Option<String>, Failure> {
        let id = self.ticket(out)?;
        let (body, public) = Self::comment(out);
        let mut ticket = json!({ "comment": { "body": body, "public": public } });
        match &out.record {
            Record::Resolution(r) => {
                ticket["status"] = json!(if r.awaiting_customer {
                    "pending"
                } else {
                    self.solved_status.as_str()
                });
            }
            Record::Handoff(_) | Record::Notification(_) => {
                ticket["status"] = json!("open");
                ticket["additional_tags"] = json!(self.tags);
                if let Some(g) = self.group_id {
                    ticket["group_id"] = json!(g);
                }
            }
        }
        let url = format!("{}/api/v2/tickets/{id}.json", self.base);
        let resp = call(
            self.auth(self.http.put(url))
                .json(&json!({ "ticket": ticket })),
        )
        .await?;
        let v = read_json(resp).await?;
        Ok(v.pointer("/audit/id").map(Value::to_string))
    }

    async fn already_sent(&self, out: &Outgoing, _part: usize) -> Result<bool, Failure> {
        let id = self.ticket(out)?;
        let (body, public) = Self::comment(out);
        let want = normalized(&body);
        let url = format!(
            "{}/api/v2/tickets/{id}/comments.json?sort_order=desc",
            self.base
        );
        let v = read_json(call(self.auth(self.http.get(url))).await?).await?;
        Ok(v["comments"].as_array().is_some_and(|cs| {
            cs.iter().any(|c| {
                c["public"].as_bool() == Some(public)
                    && c["body"].as_str().map(normalized).as_deref() == Some(want.as_str())
            })
        }))
    }
}
