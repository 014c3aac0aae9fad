//! Policy stage: deterministic gates, then a resolution or a warm handoff.
//!
//! Resolve only what is clearly answerable: an in-scope, confident route whose plan acted,
//! answered or asked with a drafted reply, or an autonomous route with a reply grounded in
//! cited passages or successful tool results. Everything else is handed off with the
//! legwork attached ([`super::handoff`]). Every decision is also written to the audit topic.

use std::sync::Arc;

use async_trait::async_trait;

use super::handoff::{self, mask_call, template_summary, Bars};
use super::{gates, LlmReply, LlmSummary};
use crate::messages::{
    now_ms, AuditRecord, Envelope, Handoff, PlanOutcome, Resolution, Rule, Turn,
};
use crate::runtime::{Outcome, Stage, StageContext, StageError};
use crate::state::StateDb;

/// Version of the policy rules, stamped on every audit record.
pub const POLICY_VERSION: &str = "2026-12-04.1";

/// The reply a handoff carries when nothing better was drafted.
const HOLDING_REPLY: &str =
    "Thanks for reaching out. A member of our team is looking at your request and will reply shortly.";

/// The policy stage.
pub struct PolicyStage {
    state: Option<StateDb>,
    /// Minimum router confidence to resolve without a human.
    pub min_route_confidence: f64,
    /// Minimum grounding confidence to resolve without a human.
    pub min_grounding_confidence: f64,
    /// What a handoff keeps unmasked for the person who takes it.
    pub handoff_mask: frontdesk_guard::MaskConfig,
    /// A model writing the handoff's one-line summary, if configured.
    pub summary_writer: Option<Arc<LlmSummary>>,
    /// A model rewording the resolution's reply (facts checked), if configured.
    pub reply_writer: Option<Arc<LlmReply>>,
}

impl PolicyStage {
    /// A policy stage reading transcripts from `state`.
    pub fn new(state: Option<StateDb>, min_route_confidence: f64) -> Self {
        PolicyStage {
            state,
            min_route_confidence,
            min_grounding_confidence: 0.5,
            handoff_mask: frontdesk_guard::MaskConfig::handoff(),
            summary_writer: None,
            reply_writer: None,
        }
    }

    fn audit(&self, ctx: &StageContext, env: &Envelope, rule: Rule, outcome: &str, why: &str) {
        let inputs = serde_json::json!({
            "route": env.route,
            "gate": env.gate,
            "plan": env.plan,
            "grounding_confidence": env.grounding_confidence,
            "tool_outcomes": env.tool_log.iter().map(|c| (&c.tool, &c.outcome)).collect::<Vec<_>>(),
        });
        ctx.audit(AuditRecord {
            ticket_id: env.ticket.ticket_id.clone(),
            conversation_id: env.ticket.conversation_id.clone(),
            stage: "policy".to_owned(),
            rule,
            // Audit records leave the system: PII is masked.
            inputs_json: frontdesk_guard::mask(
                &inputs.to_string(),
                &frontdesk_guard::MaskConfig::strict(),
            ),
            outcome: outcome.to_owned(),
            reason: why.to_owned(),
            policy_version: POLICY_VERSION.to_owned(),
            at: now_ms(),
        });
    }

    async fn resolve(
        &self,
        mut env: Envelope,
        said: &[String],
        awaiting: bool,
    ) -> Result<Outcome, StageError> {
        let mut reply = env.draft_reply.clone().unwrap_or_default();
        if let Some(writer) = &self.reply_writer {
            let (rewritten, cost) = writer
                .rewrite(&reply, &said.join("\n"), env.injection_flagged())
                .await;
            env.cost
                .add(cost.tokens_in as u64, cost.tokens_out as u64, cost.usd);
            match rewritten {
                Ok(text) => reply = text,
                Err(kept) => env.decide(
                    "policy",
                    Rule::ReplyModel,
                    "template",
                    format!("the model's rewrite was not used: {kept:?}"),
                ),
            }
        }
        if let Some(state) = &self.state {
            state
                .append_turn(&env.ticket, "agent", &reply)
                .await
                .map_err(|e| StageError::Transient(e.to_string()))?;
        }
        Ok(Outcome::Resolve(Box::new(Resolution {
            ticket_id: env.ticket.ticket_id.clone(),
            conversation_id: env.ticket.conversation_id.clone(),
            channel: env.ticket.channel,
            customer: env.ticket.customer.clone(),
            reply,
            intents: env
                .route
                .as_ref()
                .map(|r| r.intent_keys().map(str::to_owned).collect())
                .unwrap_or_default(),
            // Raw tool arguments and responses leave the system masked.
            actions: env
                .tool_log
                .iter()
                .filter(|c| c.outcome == "ok" || crate::shadow::is_not_sent(c))
                .map(|c| mask_call(c, &frontdesk_guard::MaskConfig::strict()))
                .collect(),
            citations: env.passages.iter().map(|p| p.doc_id.clone()).collect(),
            cost: env.cost.clone(),
            latency_ms: env.age_ms(),
            resolved_at: now_ms(),
            awaiting_customer: awaiting,
            notifications: env.notifications,
        })))
    }

    /// The open request this ticket answers (the planner's saved context before it), for
    /// the summary. A summary never holds a handoff up: an unreadable state gives `None`.
    async fn open_request(&self, env: &Envelope) -> Option<String> {
        let state = self.state.as_ref()?;
        match state
            .load_state::<frontdesk_planner::ConversationState>(
                &env.ticket.conversation_id,
                &env.ticket.ticket_id,
            )
            .await
        {
            Ok(saved) => saved?.context.into_iter().next(),
            Err(e) => {
                tracing::warn!(error = %e, "conversation state unreadable: the summary quotes the ticket alone");
                None
            }
        }
    }

    async fn hand_off(
        &self,
        mut env: Envelope,
        transcript: Vec<Turn>,
        said: &[String],
        rule: Rule,
        why: String,
    ) -> Outcome {
        let draft = env
            .draft_reply
            .clone()
            .unwrap_or_else(|| HOLDING_REPLY.to_owned());
        let request = self.open_request(&env).await;
        let mut one_line = frontdesk_guard::mask(
            &template_summary(&env, request.as_deref()),
            &self.handoff_mask,
        );
        if let Some(writer) = &self.summary_writer {
            let (line, cost) = writer
                .summarize(&said.join("\n"), &why, env.injection_flagged())
                .await;
            env.cost
                .add(cost.tokens_in as u64, cost.tokens_out as u64, cost.usd);
            if let Some(line) = line {
                one_line = frontdesk_guard::mask(&line, &self.handoff_mask);
            }
        }
        Outcome::Handoff(Box::new(Handoff {
            ticket_id: env.ticket.ticket_id.clone(),
            conversation_id: env.ticket.conversation_id.clone(),
            channel: env.ticket.channel,
            customer: env.ticket.customer.clone(),
            reason_code: rule,
            reason: why,
            summary: one_line,
            draft_reply: draft,
            // A person reads this: names, e-mails, phones and addresses stay (they need
            // them), card numbers, SSNs, IBANs are masked (`MaskConfig::handoff`).
            transcript: transcript
                .into_iter()
                .map(|mut t| {
                    t.text = frontdesk_guard::mask(&t.text, &self.handoff_mask);
                    t
                })
                .collect(),
            tool_log: env
                .tool_log
                .iter()
                .map(|c| mask_call(c, &self.handoff_mask))
                .collect(),
            proposed_action: env.tool_plan.first().cloned(),
            route: env.route.clone(),
            citations: env.passages.iter().map(|p| p.doc_id.clone()).collect(),
            cost: env.cost.clone(),
            latency_ms: env.age_ms(),
            handed_off_at: now_ms(),
        }))
    }
}

#[async_trait]
impl Stage for PolicyStage {
    fn name(&self) -> &'static str {
        "policy"
    }

    async fn process(&self, mut env: Envelope, ctx: &StageContext) -> Result<Outcome, StageError> {
        let transcript = match &self.state {
            Some(state) => state
                .transcript(&env.ticket.conversation_id)
                .await
                .map_err(|e| StageError::Transient(e.to_string()))?,
            None => vec![Turn {
                role: "customer".into(),
                text: env.ticket.body.clone(),
                at: env.ticket.received_at,
            }],
        };
        let said = gates::customer_said(&transcript);
        let bars = Bars {
            route: self.min_route_confidence,
            grounding: self.min_grounding_confidence,
        };
        // The tools stage ran the gates (the hold among them) unless no executor is set.
        let hold = match (&self.state, &env.gate) {
            (Some(state), None) => state.hold(&env.ticket).await?,
            _ => None,
        };
        match handoff::reason(&env, &said, hold.as_ref(), bars) {
            Some((rule, why)) => {
                env.decide("policy", rule, "handoff", why.clone());
                self.audit(ctx, &env, rule, "handoff", &why);
                Ok(self.hand_off(env, transcript, &said, rule, why).await)
            }
            None => {
                let awaiting = env
                    .plan
                    .as_ref()
                    .is_some_and(|p| p.outcome == PlanOutcome::Ask);
                let (rule, why) = if awaiting {
                    (
                        Rule::AskCustomer,
                        "The reply asks the customer for what is missing; the conversation waits.",
                    )
                } else {
                    (
                        Rule::Resolve,
                        "Confident, within policy, and grounded in tool results or cited passages.",
                    )
                };
                env.decide("policy", rule, "resolve", why);
                self.audit(ctx, &env, rule, "resolve", why);
                self.resolve(env, &said, awaiting).await
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::{Band, Channel, Passage, Route, RoutedIntent, Ticket, ToolCall};

    fn env(band: Band, confidence: f64, draft: Option<&str>, grounding: f64) -> Envelope {
        let mut e = Envelope::new(Ticket {
            received_at: 0,
            ..Ticket::new("t", "c", Channel::Chat, "What is your return window?")
        });
        e.route = Some(Route {
            intents: vec![RoutedIntent {
                intent: "policy_question".into(),
                confidence,
                band,
            }],
            band,
            allow_list: vec![],
            out_of_scope: false,
            model: "test".into(),
        });
        e.draft_reply = draft.map(str::to_owned);
        e.grounding_confidence = Some(grounding);
        e.passages.push(Passage {
            doc_id: "policy#returns".into(),
            title: "Returns".into(),
            section: None,
            text: "x".into(),
            score: 1.0,
            confidence: grounding,
        });
        e
    }

    fn flag(mut e: Envelope, rule: Rule) -> Envelope {
        let mut screen = e.screen.unwrap_or_default();
        match rule {
            Rule::AskedForHuman => screen.asked_for_human = true,
            Rule::HarmReported | Rule::LegalThreat | Rule::ChargeDispute => {
                e.decide("router", rule, "flagged", "flagged by the router");
            }
            Rule::PromptInjection => screen.injection = true,
            other => panic!("not a screen: {other}"),
        }
        e.screen = Some(screen);
        e
    }

    async fn decide(e: Envelope) -> (Outcome, Vec<AuditRecord>) {
        let ctx = StageContext::new("grounded", 0, 0, 1);
        let out = PolicyStage::new(None, 0.8).process(e, &ctx).await.unwrap();
        (out, ctx.take_audit())
    }

    #[tokio::test]
    async fn outbound_tool_records_are_masked_and_handoffs_keep_what_a_person_needs() {
        let call = ToolCall {
            tool: "get_user_details".into(),
            arguments_json: r#"{"user_id":"noah_brown_6181"}"#.into(),
            idempotency_key: None,
            outcome: "ok".into(),
            http_status: Some(200),
            response_json: Some(
                r#"{"email":"noah.brown7922@example.com","card":"4111 1111 1111 1111"}"#.into(),
            ),
            error: None,
            latency_ms: 1,
            attempts: 1,
        };
        let mut e = env(Band::Autonomous, 0.99, Some("Your order shipped."), 0.9);
        e.tool_log.push(call.clone());
        let (out, _) = decide(e).await;
        let Outcome::Resolve(r) = out else {
            panic!("resolves")
        };
        let resp = r.actions[0].response_json.clone().unwrap();
        assert!(!resp.contains("noah.brown7922@example.com"), "{resp}");
        assert!(!resp.contains("4111 1111 1111 1111"), "{resp}");

        let mut e = flag(
            env(Band::Autonomous, 0.99, Some("x"), 0.9),
            Rule::AskedForHuman,
        );
        e.tool_log.push(call);
        let (out, _) = decide(e).await;
        let Outcome::Handoff(h) = out else {
            panic!("hands off")
        };
        let resp = h.tool_log[0].response_json.clone().unwrap();
        assert!(resp.contains("noah.brown7922@example.com"), "{resp}");
        assert!(!resp.contains("4111 1111 1111 1111"), "{resp}");
    }

    #[tokio::test]
    async fn resolves_only_confident_grounded_autonomous_answers() {
        let (out, audit) = decide(env(
            Band::Autonomous,
            0.95,
            Some("Returns within 30 days [policy#returns]."),
            0.9,
        ))
        .await;
        let Outcome::Resolve(r) = out else {
            panic!("expected a resolution")
        };
        assert_eq!(r.citations, vec!["policy#returns"]);
        assert_eq!(audit.len(), 1);
        assert_eq!(audit[0].outcome, "resolve");
    }

    #[tokio::test]
    async fn hands_off_with_a_reason_for_every_failed_gate() {
        for (e, code) in [
            (
                env(Band::AlwaysEscalate, 0.99, Some("x"), 0.9),
                "always_escalate",
            ),
            (env(Band::Autonomous, 0.4, Some("x"), 0.9), "low_confidence"),
            (env(Band::Autonomous, 0.95, None, 0.9), "no_answer"),
            (env(Band::Autonomous, 0.95, Some("x"), 0.1), "low_grounding"),
            (
                env(Band::Conditional, 0.95, Some("x"), 0.9),
                "action_not_taken",
            ),
            (
                flag(
                    env(Band::Autonomous, 0.99, Some("x"), 0.9),
                    Rule::AskedForHuman,
                ),
                "asked_for_human",
            ),
            (
                flag(
                    env(Band::Autonomous, 0.99, Some("x"), 0.9),
                    Rule::HarmReported,
                ),
                "harm_reported",
            ),
            (
                flag(
                    env(Band::Autonomous, 0.99, Some("x"), 0.9),
                    Rule::LegalThreat,
                ),
                "legal_threat",
            ),
            (
                flag(
                    env(Band::Autonomous, 0.99, Some("x"), 0.9),
                    Rule::ChargeDispute,
                ),
                "charge_dispute",
            ),
            (
                flag(
                    env(Band::Conditional, 0.99, Some("x"), 0.9),
                    Rule::PromptInjection,
                ),
                "prompt_injection",
            ),
        ] {
            let (out, audit) = decide(e).await;
            let Outcome::Handoff(h) = out else {
                panic!("expected a handoff for {code}")
            };
            assert_eq!(h.reason_code.as_str(), code);
            assert!(!h.summary.is_empty() && !h.draft_reply.is_empty() && !h.transcript.is_empty());
            assert_eq!(audit[0].rule.as_str(), code);
        }
    }
}
