//! The generic signed webhook: `POST <webhook_url>` with the record as JSON
//! (`{"kind", "ticket_id", "conversation_id", "provider", "origin", "record"}`), signed
//! `X-Frontdesk-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>` with
//! the Unix time in `X-Frontdesk-Timestamp`, and carrying `Idempotency-Key`
//! (`ticket/provider/kind`) so the receiver can drop a delivery repeated after a crash.

use async_trait::async_trait;
use frontdesk_llm::ApiKey;
use serde_json::json;

use super::adapter::{Adapter, Failure, Outgoing, Record};
use super::http::call;
use crate::channels::origin::Provider;
use crate::channels::signature::{sign, Algorithm, Encoding};

/// The generic webhook adapter.
pub struct Webhook {
    http: reqwest::Client,
    url: String,
    secret: ApiKey,
}

impl Webhook {
    /// Posting to `url`, signing with `secret`.
    pub fn new(http: reqwest::Client, url: &str, secret: ApiKey) -> Webhook {
        Webhook {
            http,
            url: url.to_owned(),
            secret,
        }
    }
}

/// The headers a receiver checks: `(X-Frontdesk-Timestamp, X-Frontdesk-Signature)`.
pub fn signature_headers(secret: &[u8], unix_secs: i64, body: &[u8]) -> (String, String) {
    let ts = unix_secs.to_string();
    let sig = sign(
        Algorithm::Sha256,
        Encoding::Hex,
        secret,
        &[ts.as_bytes(), b".", body],
    );
    (ts, format!("sha256={sig}"))
}

#[async_trait]
impl Adapter for Webhook {
    fn provider(&self) -> Provider {
        Provider::Generic
    }

    async fn send(
        &self,
        out: &Outgoing,
        _part: usize,
        key: &str,
    ) -> Result<Option<String>, Failure> {
        let record = match &out.record {
            // The notifications go out on their own, each to its own contact: the reply's
            // receiver does not get them.
            Record::Resolution(r) => serde_json::to_value(crate::messages::Resolution {
                notifications: Vec::new(),
                ..(**r).clone()
            }),
            Record::Handoff(h) => serde_json::to_value(h),
            Record::Notification(n) => serde_json::to_value(&n.notification),
        }
        .map_err(|e| Failure::Permanent(format!("record to JSON: {e}")))?;
        let body = json!({
            "kind": out.kind(),
            "ticket_id": out.ticket_id(),
            "conversation_id": out.conversation_id(),
            "provider": out.origin_provider.as_str(),
            "origin": out.origin,
            "record": record,
        })
        .to_string();
        let (ts, sig) = signature_headers(
            self.secret.expose().as_bytes(),
            chrono::Utc::now().timestamp(),
            body.as_bytes(),
        );
        let req = self
            .http
            .post(&self.url)
            .header("content-type", "application/json")
            .header("x-frontdesk-timestamp", ts)
            .header("x-frontdesk-signature", sig)
            .header("idempotency-key", key)
            .body(body);
        call(req).await?;
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::channels::signature::verify;

    #[test]
    fn receivers_can_verify_the_signature() {
        let (ts, sig) = signature_headers(b"whsec", 1_762_164_000, b"{\"a\":1}");
        assert_eq!(ts, "1762164000");
        let hex = sig.strip_prefix("sha256=").unwrap();
        assert!(verify(
            Algorithm::Sha256,
            Encoding::Hex,
            b"whsec",
            &[ts.as_bytes(), b".", b"{\"a\":1}"],
            hex
        ));
    }
}
