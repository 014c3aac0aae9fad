//! The handoff summary writer: with `[llm.roles.summary]` configured, a model writes the
//! one-line summary a person reads first; otherwise (and whenever the model fails) the
//! templated summary stands. A handoff is never delayed or lost for a summary. Text the
//! injection detector flagged reaches the model only as quoted data.

use frontdesk_llm::{customer_text, Message, PriceTable, RoleClient};

use crate::messages::Cost;

/// Longest summary kept, in characters.
const MAX_CHARS: usize = 200;

/// The summary writer.
pub struct LlmSummary {
    client: RoleClient,
    prices: PriceTable,
}

impl LlmSummary {
    /// Over a built role client.
    pub fn new(client: RoleClient, prices: PriceTable) -> Self {
        LlmSummary { client, prices }
    }

    /// One line for the person taking over: what the customer wants and why it is handed
    /// off. `None` when the model fails or answers nothing usable.
    pub async fn summarize(
        &self,
        customer_said: &str,
        reason: &str,
        flagged: bool,
    ) -> (Option<String>, Cost) {
        let said = customer_text(customer_said, flagged);
        let req = self
            .client
            .request()
            .system(
                "Write one line (at most 25 words) for a support agent taking over this \
                 ticket: what the customer wants and what is left to do. No greeting, no \
                 personal data beyond what is needed.",
            )
            .message(Message::user(format!(
                "Customer:\n{said}\n\nWhy it is handed over: {reason}"
            )));
        let mut cost = Cost::default();
        match self.client.complete(&req).await {
            Ok(resp) => {
                cost.add(
                    resp.usage.input_tokens,
                    resp.usage.output_tokens,
                    resp.cost_usd(&self.prices).unwrap_or(0.0),
                );
                let line: String = resp
                    .text
                    .lines()
                    .map(str::trim)
                    .find(|l| !l.is_empty())
                    .unwrap_or_default()
                    .chars()
                    .take(MAX_CHARS)
                    .collect();
                ((!line.is_empty()).then_some(line), cost)
            }
            Err(e) => {
                tracing::warn!(error = %e, "summary model unavailable: templated summary kept");
                (None, cost)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use frontdesk_llm::{ChatResponse, LlmError, Recorded, Role, RoleConfig, StopReason, Usage};

    use super::*;
    use crate::messages::{Channel, Envelope, Ticket};
    use crate::runtime::{Outcome, Stage, StageContext};
    use crate::stages::policy::PolicyStage;

    fn writer(provider: Recorded) -> LlmSummary {
        LlmSummary::new(
            RoleClient::new(
                Role::Summary,
                RoleConfig {
                    provider: "recorded".into(),
                    model: "m".into(),
                    max_tokens: 64,
                    timeout: None,
                    temperature: None,
                },
                Arc::new(provider),
                None,
            ),
            PriceTable::default(),
        )
    }

    fn asks_for_a_person() -> Envelope {
        let mut e = Envelope::new(Ticket {
            received_at: 0,
            ..Ticket::new(
                "t",
                "c",
                Channel::Email,
                "I want a real person, my card 4111 1111 1111 1111 was charged twice",
            )
        });
        e.screen = Some(crate::messages::Screen {
            asked_for_human: true,
            ..Default::default()
        });
        e
    }

    async fn handoff(w: LlmSummary) -> crate::messages::Handoff {
        let mut stage = PolicyStage::new(None, 0.5);
        stage.summary_writer = Some(Arc::new(w));
        let ctx = StageContext::new("in", 0, 0, 1);
        match stage.process(asks_for_a_person(), &ctx).await.unwrap() {
            Outcome::Handoff(h) => *h,
            _ => panic!("hands off"),
        }
    }

    #[tokio::test]
    async fn the_models_line_replaces_the_template_masked_and_costed() {
        let resp = ChatResponse {
            id: "r".into(),
            model: "m".into(),
            text: "\nCustomer was charged twice on card 4111 1111 1111 1111; wants a person.\nmore"
                .into(),
            tool_calls: vec![],
            stop_reason: StopReason::EndTurn,
            usage: Usage {
                input_tokens: 90,
                output_tokens: 20,
            },
        };
        let h = handoff(writer(Recorded::in_order([resp]))).await;
        assert!(
            h.summary.starts_with("Customer was charged twice"),
            "{}",
            h.summary
        );
        assert!(!h.summary.contains("4111 1111 1111 1111"), "{}", h.summary);
        assert_eq!((h.cost.tokens_in, h.cost.tokens_out), (90, 20));
    }

    #[tokio::test]
    async fn a_failing_model_keeps_the_templated_summary() {
        let down = LlmError::Timeout {
            after: std::time::Duration::from_secs(5),
        };
        let h = handoff(writer(Recorded::script([Err(down)]))).await;
        assert!(h.summary.starts_with("[email]"), "{}", h.summary);
        assert_eq!(h.reason_code, crate::messages::Rule::AskedForHuman);
    }
}
