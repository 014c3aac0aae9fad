//! Twilio Programmable Messaging: the reply as SMS (`POST /2010-04-01/Accounts/{sid}/
//! Messages.json`, form `To`, `From`, `Body`; basic auth `{sid}:{auth token}`), split into
//! messages of at most `max_chars` at word boundaries. A handoff sends the configured
//! notice, if any; a notification goes to its own number. An interrupted segment is recognised in the message list of that
//! sender and recipient (`GET .../Messages.json?To=&From=`).

use async_trait::async_trait;
use frontdesk_llm::ApiKey;
use serde_json::Value;

use super::adapter::{Adapter, Failure, Outgoing, Record};
use super::http::{call, json as read_json};
use super::render::{normalized, split_sms};
use crate::channels::config::TwilioConfig;
use crate::channels::origin::Provider;

/// The Twilio adapter.
pub struct Twilio {
    http: reqwest::Client,
    base: String,
    sid: String,
    token: ApiKey,
    from: Option<String>,
    max_chars: usize,
    notice: Option<String>,
}

impl Twilio {
    /// From `[channels.twilio]`, the account SID and the auth token.
    pub fn new(http: reqwest::Client, cfg: &TwilioConfig, sid: &str, token: ApiKey) -> Twilio {
        Twilio {
            http,
            base: cfg.base_url.trim_end_matches('/').to_owned(),
            sid: sid.to_owned(),
            token,
            from: cfg.from.clone(),
            max_chars: cfg.max_chars,
            notice: cfg.handoff_notice.clone(),
        }
    }

    /// The segments delivering `out` sends.
    fn segments(&self, out: &Outgoing) -> Result<Vec<String>, Failure> {
        match &out.record {
            Record::Resolution(r) => Ok(split_sms(&r.reply, self.max_chars)),
            Record::Notification(n) => Ok(split_sms(&n.notification.body, self.max_chars)),
            Record::Handoff(_) => self
                .notice
                .as_ref()
                .map(|n| split_sms(n, self.max_chars))
                .ok_or_else(|| Failure::Permanent("no [channels.twilio] handoff_notice".into())),
        }
    }

    /// `(to, from)`: the customer's number and ours.
    fn numbers(&self, out: &Outgoing) -> Result<(String, String), Failure> {
        let to = match out.notification() {
            Some(n) => Some(n.to.clone()),
            None => out
                .origin
                .reply_to
                .clone()
                .or_else(|| out.customer().phone.clone()),
        }
        .ok_or_else(|| Failure::Permanent("no phone number to answer".into()))?;
        let from = self
            .from
            .clone()
            .or_else(|| out.origin.our_address.clone())
            .ok_or_else(|| {
                Failure::Permanent("no number to send from ([channels.twilio] from)".into())
            })?;
        Ok((to, from))
    }

    fn messages_url(&self) -> String {
        format!(
            "{}/2010-04-01/Accounts/{}/Messages.json",
            self.base, self.sid
        )
    }
}

#[async_trait]
impl Adapter for Twilio {
    fn provider(&self) -> Provider {
        Provider::Twilio
    }

    fn parts(&self, out: &Outgoing) -> Result<usize, Failure> {
        self.numbers(out)?;
        Ok(self.segments(out)?.len())
    }

    async fn send(
        &self,
        out: &Outgoing,
        part: usize,
        _key: &str,
    ) -> Result<Option<String>, Failure> {
        let (to, from) = self.numbers(out)?;
        let segments = self.segments(out)?;
        let body = segments
            .get(part)
            .ok_or_else(|| Failure::Permanent(format!("no segment {part}")))?;
        let req = self
            .http
            .post(self.messages_url())
            .basic_auth(&self.sid, Some(self.token.expose()))
            .form(&[
                ("To", to.as_str()),
                ("From", from.as_str()),
                ("Body", body.as_str()),
            ]);
        let v = read_json(call(req).await?).await?;
        Ok(v.get("sid").and_then(Value::as_str).map(str::to_owned))
    }

    async fn already_sent(&self, out: &Outgoing, part: usize) -> Result<bool, Failure> {
        let (to, from) = self.numbers(out)?;
        let segments = self.segments(out)?;
        let Some(want) = segments.get(part).map(|s| normalized(s)) else {
            return Ok(false);
        };
        let req = self
            .http
            .get(self.messages_url())
            .basic_auth(&self.sid, Some(self.token.expose()))
            .query(&[
                ("To", to.as_str()),
                ("From", from.as_str()),
                ("PageSize", "100"),
            ]);
        let v = read_json(call(req).await?).await?;
        Ok(v["messages"].as_array().is_some_and(|ms| {
            ms.iter()
                .any(|m| m["body"].as_str().map(normalized).as_deref() == Some(want.as_str()))
        }))
    }
}
