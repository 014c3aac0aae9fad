//! The reply writer (`[llm.roles.reply]`): a model rewrites the templated, grounded reply into
//! a natural one. It may change the wording, never the facts: a rewrite that states a figure
//! (amount, id, date, tracking number, address) the draft or the customer did not give, that
//! is empty, or that is far longer than the draft is discarded and the templated reply is
//! sent. A model failure never delays a resolution: the templated reply stands. Text the
//! injection detector flagged reaches the model only as quoted data.

use frontdesk_llm::{customer_text, unsupported_figures, Message, PriceTable, RoleClient};

use crate::messages::Cost;

/// The reply writer.
pub struct LlmReply {
    client: RoleClient,
    prices: PriceTable,
}

/// Why a rewrite was not used.
#[derive(Debug, Clone, PartialEq)]
pub enum Kept {
    /// The model failed or answered nothing.
    NoAnswer,
    /// The rewrite states figures the draft does not.
    Invented(Vec<String>),
    /// The rewrite is much longer than the draft.
    TooLong,
}

impl LlmReply {
    /// Over a built role client.
    pub fn new(client: RoleClient, prices: PriceTable) -> Self {
        LlmReply { client, prices }
    }

    /// The rewritten reply, or why the draft is kept; and the call's cost.
    pub async fn rewrite(
        &self,
        draft: &str,
        customer_said: &str,
        flagged: bool,
    ) -> (Result<String, Kept>, Cost) {
        let said = customer_text(customer_said, flagged);
        let req = self
            .client
            .request()
            .system(
                "Rewrite the draft reply of a customer-support agent so it reads naturally and \
                 kindly. Keep every fact of the draft exactly (amounts, order numbers, items, \
                 dates, where money goes); add no fact, promise or policy of your own; do not \
                 ask for anything the draft does not ask for. Answer with the reply only.",
            )
            .message(Message::user(format!(
                "Customer:\n{said}\n\nDraft reply:\n{draft}"
            )));
        let mut cost = Cost::default();
        let resp = match self.client.complete(&req).await {
            Ok(r) => r,
            Err(e) => {
                tracing::warn!(error = %e, "reply model unavailable: templated reply kept");
                return (Err(Kept::NoAnswer), cost);
            }
        };
        cost.add(
            resp.usage.input_tokens,
            resp.usage.output_tokens,
            resp.cost_usd(&self.prices).unwrap_or(0.0),
        );
        let text = resp.text.trim().to_owned();
        if text.is_empty() {
            return (Err(Kept::NoAnswer), cost);
        }
        if text.chars().count() > 2 * draft.chars().count() + 400 {
            return (Err(Kept::TooLong), cost);
        }
        let invented = unsupported_figures(&text, &format!("{draft}\n{customer_said}"));
        if !invented.is_empty() {
            return (Err(Kept::Invented(invented)), cost);
        }
        (Ok(text), cost)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use frontdesk_llm::{ChatResponse, LlmError, Recorded, Role, RoleConfig, StopReason, Usage};

    use super::*;

    const DRAFT: &str = "Order #W2611340 is cancelled (no longer needed). $129.95 will be refunded to your PayPal within 5-7 business days.";

    fn writer(provider: Recorded) -> LlmReply {
        LlmReply::new(
            RoleClient::new(
                Role::Reply,
                RoleConfig {
                    provider: "recorded".into(),
                    model: "m".into(),
                    max_tokens: 256,
                    timeout: None,
                    temperature: None,
                },
                Arc::new(provider),
                None,
            ),
            PriceTable::default(),
        )
    }

    fn says(text: &str) -> ChatResponse {
        ChatResponse {
            id: "r".into(),
            model: "m".into(),
            text: text.into(),
            tool_calls: vec![],
            stop_reason: StopReason::EndTurn,
            usage: Usage {
                input_tokens: 120,
                output_tokens: 40,
            },
        }
    }

    #[tokio::test]
    async fn a_faithful_rewrite_is_used_and_costed() {
        let text = "Hi! I've cancelled order #W2611340 for you. You'll get $129.95 back on your PayPal within 5-7 business days.";
        let w = writer(Recorded::in_order([says(text)]));
        let (out, cost) = w.rewrite(DRAFT, "cancel #W2611340 please", false).await;
        assert_eq!(out.unwrap(), text);
        assert_eq!((cost.tokens_in, cost.tokens_out), (120, 40));
    }

    #[tokio::test]
    async fn a_rewrite_that_changes_a_figure_keeps_the_template() {
        let w = writer(Recorded::in_order([says(
            "Done! You'll get $139.95 back within 2 days.",
        )]));
        let (out, _) = w.rewrite(DRAFT, "cancel #W2611340 please", false).await;
        assert_eq!(
            out.unwrap_err(),
            Kept::Invented(vec!["139.95".into(), "2".into()])
        );
    }

    #[tokio::test]
    async fn a_failing_or_rambling_model_keeps_the_template() {
        let down = LlmError::Timeout {
            after: std::time::Duration::from_secs(5),
        };
        let w = writer(Recorded::script([Err(down)]));
        assert_eq!(
            w.rewrite(DRAFT, "x", false).await.0.unwrap_err(),
            Kept::NoAnswer
        );
        let w = writer(Recorded::in_order([says(
            &"Thank you so much. ".repeat(100),
        )]));
        assert_eq!(
            w.rewrite(DRAFT, "x", false).await.0.unwrap_err(),
            Kept::TooLong
        );
    }
}
