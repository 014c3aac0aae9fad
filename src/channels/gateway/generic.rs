//! `POST /webhooks/generic`: a ticket as JSON (the `Ticket` fields, as on an inbound
//! topic), authorised by a bearer token. The caller vouches for the customer identity it
//! sends; its answers go to the generic signed webhook.

use async_trait::async_trait;
use frontdesk_llm::ApiKey;

use super::webhook::{Parsed, Rejection, Request, Webhook};
use crate::channels::accept::Inbound;
use crate::messages::Codec;

/// The generic JSON webhook.
pub struct Generic {
    token: ApiKey,
    codec: Codec,
}

impl Generic {
    /// Over the configured token; `codec` validates tickets as the pipeline will.
    pub fn new(token: ApiKey, codec: Codec) -> Generic {
        Generic { token, codec }
    }
}

#[async_trait]
impl Webhook for Generic {
    fn name(&self) -> &'static str {
        "generic"
    }

    fn path(&self) -> &'static str {
        "/webhooks/generic"
    }

    fn verify(&self, req: &Request<'_>) -> Result<(), Rejection> {
        req.require_bearer(self.token.expose())
    }

    async fn parse(&self, req: &Request<'_>) -> Result<Parsed, Rejection> {
        let ticket = self
            .codec
            .decode_ticket(req.body, None)
            .await
            .map_err(|e| Rejection::bad(e.to_string()))?;
        Ok(Parsed::Ticket(Box::new(Inbound::generic(ticket))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::channels::origin::Provider;
    use crate::messages::{Limits, LocalSchemas};
    use axum::http::HeaderMap;

    fn hook() -> Generic {
        Generic::new(
            ApiKey::new("tok"),
            Codec::new(std::sync::Arc::new(LocalSchemas), Limits::default()),
        )
    }

    fn req<'a>(h: &'a HeaderMap, body: &'a [u8]) -> Request<'a> {
        Request {
            headers: h,
            path_and_query: "/webhooks/generic",
            body,
        }
    }

    #[tokio::test]
    async fn golden_generic_ticket() {
        let body = include_bytes!("golden/generic_ticket.json");
        let mut h = HeaderMap::new();
        h.insert("authorization", "Bearer tok".parse().unwrap());
        let r = req(&h, body);
        hook().verify(&r).unwrap();
        let Parsed::Ticket(i) = hook().parse(&r).await.unwrap() else {
            panic!("a ticket")
        };
        assert_eq!(i.ticket.ticket_id, "shop-4711");
        assert_eq!(i.ticket.conversation_id, "shop-conv-17");
        assert_eq!(
            i.ticket.customer.email.as_deref(),
            Some("noah.brown7922@example.com")
        );
        assert_eq!(i.ticket.headers["x-provider"], "generic");
        assert_eq!(i.provider, Provider::Generic);
    }

    #[tokio::test]
    async fn wrong_tokens_and_bodies_are_refused_with_reasons() {
        let mut h = HeaderMap::new();
        assert!(matches!(
            hook().verify(&req(&h, b"{}")),
            Err(Rejection::Unauthorized("missing bearer token"))
        ));
        h.insert("authorization", "Bearer nope".parse().unwrap());
        assert!(hook().verify(&req(&h, b"{}")).is_err());
        let err = hook()
            .parse(&req(
                &h,
                br#"{"ticket_id":"t","channel":"email","body":"x"}"#,
            ))
            .await
            .unwrap_err()
            .to_string();
        assert!(err.contains("conversation_id"), "{err}");
    }
}
