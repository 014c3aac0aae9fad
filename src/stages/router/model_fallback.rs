//! The router's model fallback: where the offline intent model is unsure (out of scope, or
//! its best intent below the confidence gate), a configured model (`[llm.roles.router_fallback]`)
//! picks one intent key of the registry. Its answer is a proposal: anything that is not
//! exactly a registry key becomes the riskiest intent (a person), `none` keeps the ticket out
//! of scope, and the chosen intent still goes through the registry (band, allow-list) and
//! every later gate. Text the injection detector flagged reaches the model only as quoted
//! data.

use std::time::Duration;

use frontdesk_llm::{
    customer_text, validate_intent, FallbackPolicy, LlmError, Message, NextStep, PriceTable,
    RoleClient,
};

use crate::messages::Cost;

/// What the fallback decided.
#[derive(Debug, Clone, PartialEq)]
pub enum Choice {
    /// A registry intent (validated).
    Intent(String),
    /// The model says no intent fits.
    OutOfScope,
}

/// What to do when the model is unavailable.
#[derive(Debug, Clone, PartialEq)]
pub enum Unavailable {
    /// Retry the ticket later: the runner backs off (the partition's work waits).
    Pause(Duration),
    /// Waited long enough: keep the offline route.
    FallBack,
}

/// The router's model fallback.
pub struct LlmRouter {
    client: RoleClient,
    prices: PriceTable,
    policy: FallbackPolicy,
    /// Confidence given to the model's choice (its band then follows the registry's rule).
    pub confidence: f64,
}

impl LlmRouter {
    /// Over a built role client.
    pub fn new(client: RoleClient, prices: PriceTable, policy: FallbackPolicy) -> Self {
        LlmRouter {
            client,
            prices,
            policy,
            confidence: 0.6,
        }
    }

    /// Asks the model for one of `intents` (key, description). `riskiest` replaces any
    /// answer that is not a key. Returns the choice and the call's cost.
    pub async fn choose(
        &self,
        text: &str,
        flagged: bool,
        intents: &[(String, String)],
        riskiest: &str,
    ) -> Result<(Choice, Cost), LlmError> {
        let list: Vec<String> = intents.iter().map(|(k, d)| format!("- {k}: {d}")).collect();
        let system = format!(
            "You route customer-support tickets of an online store. Answer with exactly one \
             intent key from the list below and nothing else, or `none` if no key fits.\n{}",
            list.join("\n")
        );
        let body = customer_text(text, flagged);
        let req = self
            .client
            .request()
            .system(system)
            .message(Message::user(body));
        let resp = self.client.complete(&req).await?;
        let mut cost = Cost::default();
        cost.add(
            resp.usage.input_tokens,
            resp.usage.output_tokens,
            resp.cost_usd(&self.prices).unwrap_or(0.0),
        );
        let answer = resp.text.trim().trim_matches('`').trim();
        if answer.eq_ignore_ascii_case("none") {
            return Ok((Choice::OutOfScope, cost));
        }
        let key = validate_intent(answer, intents.iter().map(|(k, _)| k.as_str()), riskiest);
        Ok((Choice::Intent(key), cost))
    }

    /// After a failed call on a ticket that has waited `waited`: pause or fall back.
    pub fn on_error(&self, error: &LlmError, waited: Duration) -> Unavailable {
        match self.policy.next_step(error, waited) {
            NextStep::Pause(d) => Unavailable::Pause(d),
            NextStep::FallBack => Unavailable::FallBack,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use frontdesk_llm::{ChatResponse, Recorded, Role, RoleConfig, StopReason, Usage};

    use super::*;
    use crate::messages::{Band, Channel, Envelope, Ticket};
    use crate::runtime::{Outcome, Stage, StageContext, StageError};
    use crate::stages::router::{ModelClassifier, RouterStage};

    fn answer(text: &str) -> ChatResponse {
        ChatResponse {
            id: "msg_1".into(),
            model: "claude-haiku-4-5".into(),
            text: text.into(),
            tool_calls: vec![],
            stop_reason: StopReason::EndTurn,
            usage: Usage {
                input_tokens: 300,
                output_tokens: 3,
            },
        }
    }

    fn llm(provider: Recorded) -> LlmRouter {
        let client = RoleClient::new(
            Role::RouterFallback,
            RoleConfig {
                provider: "recorded".into(),
                model: "claude-haiku-4-5".into(),
                max_tokens: 16,
                timeout: None,
                temperature: Some(0.0),
            },
            Arc::new(provider),
            None,
        );
        let prices: PriceTable = toml::from_str(
            "[\"claude-haiku-4-5\"]\ninput_usd_per_mtok = 1.0\noutput_usd_per_mtok = 5.0\n",
        )
        .unwrap();
        LlmRouter::new(client, prices, FallbackPolicy::default())
    }

    fn stage(provider: Recorded) -> RouterStage {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let classifier = ModelClassifier::load(
            &root.join("models/router/retail"),
            &root.join("config/intents.toml"),
        )
        .unwrap();
        RouterStage::new(Arc::new(classifier), None, None).with_llm(Arc::new(llm(provider)), 0.5)
    }

    fn ticket(body: &str, received_at: i64) -> Envelope {
        Envelope::new(Ticket {
            received_at,
            ..Ticket::new("t", "c", Channel::Email, body)
        })
    }

    async fn route(stage: &RouterStage, env: Envelope) -> Result<Envelope, StageError> {
        let ctx = StageContext::new("in", 0, 0, 1);
        match stage.process(env, &ctx).await? {
            Outcome::Forward(e) => Ok(*e),
            _ => panic!("the router forwards"),
        }
    }

    // Text the offline model cannot place (out of scope for it).
    const UNSURE: &str = "zxq blorp the thing from last tuesday, sort it out";

    #[tokio::test]
    async fn an_unsure_route_takes_the_models_registry_intent_and_its_cost() {
        let s = stage(Recorded::in_order([answer("cancel_order")]));
        let e = route(&s, ticket(UNSURE, crate::messages::now_ms()))
            .await
            .unwrap();
        let r = e.route.unwrap();
        assert_eq!(r.model, "llm-fallback");
        assert_eq!(r.intents[0].intent, "cancel_order");
        assert!(r.allow_list.contains(&"cancel_pending_order".to_owned()));
        assert_eq!((e.cost.tokens_in, e.cost.tokens_out), (300, 3));
        assert!((e.cost.usd - (300.0 + 15.0) / 1e6).abs() < 1e-12);
    }

    #[tokio::test]
    async fn anything_but_a_key_becomes_the_riskiest_and_none_stays_out_of_scope() {
        let s = stage(Recorded::in_order([
            answer("I think they want to cancel_order"),
            answer("none"),
        ]));
        let e = route(&s, ticket(UNSURE, crate::messages::now_ms()))
            .await
            .unwrap();
        let r = e.route.unwrap();
        assert_eq!(r.intents[0].intent, "human_agent");
        assert_eq!(r.band, Band::AlwaysEscalate);
        let e = route(&s, ticket(UNSURE, crate::messages::now_ms()))
            .await
            .unwrap();
        assert!(e.route.unwrap().out_of_scope);
    }

    #[tokio::test]
    async fn a_confident_offline_route_never_calls_the_model() {
        let recorded = Recorded::in_order([answer("human_agent")]);
        let s = stage(recorded);
        let e = route(
            &s,
            ticket(
                "Where is my order #W2611340? It has not arrived yet.",
                crate::messages::now_ms(),
            ),
        )
        .await
        .unwrap();
        assert_eq!(e.route.unwrap().intents[0].intent, "order_status");
        assert_eq!(e.cost.tokens_in, 0);
    }

    #[tokio::test]
    async fn a_rate_limited_model_pauses_the_ticket_then_falls_back_offline() {
        let limited = || LlmError::RateLimited {
            retry_after: Some(Duration::from_secs(2)),
            message: "rate limited".into(),
        };
        let s = stage(Recorded::script([Err(limited()), Err(limited())]));
        // A fresh ticket: the stage is held back for the provider's retry-after, then retries.
        let err = route(&s, ticket(UNSURE, crate::messages::now_ms()))
            .await
            .unwrap_err();
        assert!(
            matches!(&err, StageError::Unavailable { retry_after, .. } if *retry_after == Duration::from_secs(2)),
            "the provider's retry-after holds the stage back: {err:?}"
        );
        // A ticket that already waited longer than give_up_after: the offline route stands.
        let old = crate::messages::now_ms() - 10 * 60 * 1000;
        let e = route(&s, ticket(UNSURE, old)).await.unwrap();
        let offline = e.route.unwrap();
        assert!(offline.model != "llm-fallback" && e.cost.tokens_in == 0);
        assert!(offline.out_of_scope || offline.best_confidence() < 0.5);
        assert!(e
            .decisions
            .iter()
            .any(|d| d.rule == crate::messages::Rule::ModelFallback && d.outcome == "offline"));
    }
}
