//! Policy stage: deterministic gates, then a resolution or a warm handoff.
//!
//! Resolve only what is clearly answerable: an in-scope, autonomous route with a drafted
//! reply grounded in cited passages or successful tool results. Everything else is handed
//! off with the legwork attached. Every decision is also written to the audit topic.

use async_trait::async_trait;

use crate::messages::{now_ms, AuditRecord, Band, Envelope, Handoff, Resolution, ToolCall, Turn};
use crate::runtime::{Outcome, Stage, StageContext, StageError};
use crate::stages::gates::pre_action_block;
use crate::stages::tools::{PLAN_ACTED, PLAN_ASK, PLAN_HANDOFF, RULE_PLAN};
use crate::state::StateDb;

/// Version of the policy rules, stamped on every audit record.
pub const POLICY_VERSION: &str = "2026-11-24.1";

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
    pub summary_writer: Option<std::sync::Arc<crate::stages::llm_summary::LlmSummary>>,
    /// A model rewording the resolution's reply (facts checked), if configured.
    pub reply_writer: Option<std::sync::Arc<crate::stages::llm_reply::LlmReply>>,
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
}

/// The planner's decision on this ticket (the last one the tools stage made).
fn plan_decision(env: &Envelope) -> Option<&crate::messages::Decision> {
    env.decisions
        .iter()
        .rev()
        .find(|d| d.stage == "tools" && d.rule == RULE_PLAN)
}

/// Why a ticket goes to a human (machine code, human sentence). `transcript` is the
/// customer's side of the thread, for the frustration trigger.
fn handoff_reason(
    env: &Envelope,
    transcript: &[String],
    min_route: f64,
    min_grounding: f64,
) -> Option<(String, String)> {
    if let Some((code, why)) = pre_action_block(env, transcript, min_route) {
        return Some((code.to_owned(), why));
    }
    let route = env.route.as_ref()?;
    match plan_decision(env) {
        Some(d) if d.outcome == PLAN_HANDOFF => {
            // "code: sentence" from the tools stage.
            let (code, why) = d.reason.split_once(": ").unwrap_or(("planner", &d.reason));
            return Some((code.to_owned(), why.to_owned()));
        }
        Some(d) if d.outcome == PLAN_ACTED || d.outcome == PLAN_ASK => {
            return env
                .draft_reply
                .is_none()
                .then(|| ("no_answer".to_owned(), "No reply was drafted.".to_owned()));
        }
        _ => {}
    }
    if route.band != Band::Autonomous && !env.tool_log.iter().any(|c| c.outcome == "ok") {
        return Some((
            "action_not_taken".to_owned(),
            "The request needs an action that was not taken.".to_owned(),
        ));
    }
    let grounded = env.grounding_confidence.unwrap_or(0.0);
    if env.draft_reply.is_none() {
        return Some((
            "no_answer".to_owned(),
            "No grounded answer was drafted.".to_owned(),
        ));
    }
    if grounded < min_grounding && env.tool_log.iter().all(|c| c.outcome != "ok") {
        return Some((
            "low_grounding".to_owned(),
            format!("Help-center evidence too weak ({grounded:.2} < {min_grounding:.2})."),
        ));
    }
    None
}

/// A tool call with PII masked in its arguments, response and error.
fn mask_call(c: &ToolCall, cfg: &frontdesk_guard::MaskConfig) -> ToolCall {
    let m = |s: &str| frontdesk_guard::mask(s, cfg);
    ToolCall {
        arguments_json: m(&c.arguments_json),
        response_json: c.response_json.as_deref().map(m),
        error: c.error.as_deref().map(m),
        ..c.clone()
    }
}

fn summary(env: &Envelope) -> String {
    let intents = env
        .route
        .as_ref()
        .map(|r| {
            r.intents
                .iter()
                .map(|i| i.intent.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default();
    let first_line: String = env
        .ticket
        .body
        .lines()
        .next()
        .unwrap_or_default()
        .chars()
        .take(120)
        .collect();
    format!(
        "[{}] {} — \"{}\"",
        env.ticket.channel.as_str(),
        if intents.is_empty() {
            "unclassified"
        } else {
            &intents
        },
        first_line
    )
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
        let said: Vec<String> = transcript
            .iter()
            .filter(|t| t.role == "customer")
            .map(|t| t.text.clone())
            .collect();
        let reason = handoff_reason(
            &env,
            &said,
            self.min_route_confidence,
            self.min_grounding_confidence,
        );
        let awaiting =
            reason.is_none() && plan_decision(&env).is_some_and(|d| d.outcome == PLAN_ASK);
        let (rule, outcome, sentence) = match &reason {
            Some((code, why)) => (code.as_str(), "handoff", why.clone()),
            None if awaiting => (
                "ask_customer",
                "resolve",
                "The reply asks the customer for what is missing; the conversation waits."
                    .to_owned(),
            ),
            None => (
                "resolve",
                "resolve",
                "Confident, within policy, and grounded in tool results or cited passages."
                    .to_owned(),
            ),
        };
        env.decide("policy", rule, outcome, sentence.clone());
        let inputs = serde_json::json!({
            "route": env.route,
            "grounding_confidence": env.grounding_confidence,
            "tool_outcomes": env.tool_log.iter().map(|c| (&c.tool, &c.outcome)).collect::<Vec<_>>(),
        });
        ctx.audit(AuditRecord {
            ticket_id: env.ticket.ticket_id.clone(),
            conversation_id: env.ticket.conversation_id.clone(),
            stage: "policy".to_owned(),
            rule: rule.to_owned(),
            // Audit records leave the system: PII is masked.
            inputs_json: frontdesk_guard::mask(
                &inputs.to_string(),
                &frontdesk_guard::MaskConfig::strict(),
            ),
            outcome: outcome.to_owned(),
            reason: sentence.clone(),
            policy_version: POLICY_VERSION.to_owned(),
            at: now_ms(),
        });
        let citations: Vec<String> = env.passages.iter().map(|p| p.doc_id.clone()).collect();
        let now = now_ms();
        let latency_ms = env.age_ms();
        match reason {
            None => {
                let mut reply = env.draft_reply.clone().unwrap_or_default();
                if let Some(writer) = &self.reply_writer {
                    let flagged =
                        crate::stages::gates::flagged(&env, crate::stages::router::RULE_INJECTION);
                    let (rewritten, cost) = writer.rewrite(&reply, &said.join("\n"), flagged).await;
                    env.cost
                        .add(cost.tokens_in as u64, cost.tokens_out as u64, cost.usd);
                    match rewritten {
                        Ok(text) => reply = text,
                        Err(kept) => env.decide(
                            "policy",
                            "reply_model",
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
                        .map(|r| r.intents.iter().map(|i| i.intent.clone()).collect())
                        .unwrap_or_default(),
                    // Raw tool arguments and responses leave the system masked.
                    actions: env
                        .tool_log
                        .iter()
                        .filter(|c| c.outcome == "ok")
                        .map(|c| mask_call(c, &frontdesk_guard::MaskConfig::strict()))
                        .collect(),
                    citations,
                    cost: env.cost.clone(),
                    latency_ms,
                    resolved_at: now,
                    awaiting_customer: awaiting,
                })))
            }
            Some((code, why)) => {
                let draft = env.draft_reply.clone().unwrap_or_else(|| {
                    "Thanks for reaching out. A member of our team is looking at your request and will reply shortly.".to_owned()
                });
                let mut one_line = summary(&env);
                if let Some(writer) = &self.summary_writer {
                    let flagged =
                        crate::stages::gates::flagged(&env, crate::stages::router::RULE_INJECTION);
                    let (line, cost) = writer.summarize(&said.join("\n"), &why, flagged).await;
                    env.cost
                        .add(cost.tokens_in as u64, cost.tokens_out as u64, cost.usd);
                    if let Some(line) = line {
                        one_line = frontdesk_guard::mask(&line, &self.handoff_mask);
                    }
                }
                Ok(Outcome::Handoff(Box::new(Handoff {
                    ticket_id: env.ticket.ticket_id.clone(),
                    conversation_id: env.ticket.conversation_id.clone(),
                    channel: env.ticket.channel,
                    customer: env.ticket.customer.clone(),
                    reason_code: code,
                    reason: why,
                    summary: one_line,
                    draft_reply: draft,
                    // A person reads this: names, e-mails, phones and addresses stay (they
                    // need them), card numbers, SSNs, IBANs are masked (`MaskConfig::handoff`).
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
                    citations,
                    cost: env.cost.clone(),
                    latency_ms,
                    handed_off_at: now,
                })))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::{Channel, Identity, Passage, Route, RoutedIntent, Ticket};
    use crate::stages::router::{RULE_ASKS_HUMAN, RULE_INJECTION};

    fn env(band: Band, confidence: f64, draft: Option<&str>, grounding: f64) -> Envelope {
        let mut e = Envelope::new(Ticket {
            ticket_id: "t".into(),
            conversation_id: "c".into(),
            channel: Channel::Chat,
            customer: Identity::default(),
            subject: None,
            body: "What is your return window?".into(),
            attachments: vec![],
            received_at: 0,
            headers: Default::default(),
            locale: None,
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

    fn flag(mut e: Envelope, rule: &str) -> Envelope {
        e.decide("router", rule, "flagged", "test");
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

        let mut e = flag(env(Band::Autonomous, 0.99, Some("x"), 0.9), RULE_ASKS_HUMAN);
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
                flag(env(Band::Autonomous, 0.99, Some("x"), 0.9), RULE_ASKS_HUMAN),
                "asked_for_human",
            ),
            (
                flag(env(Band::Conditional, 0.99, Some("x"), 0.9), RULE_INJECTION),
                "prompt_injection",
            ),
        ] {
            let (out, audit) = decide(e).await;
            let Outcome::Handoff(h) = out else {
                panic!("expected a handoff for {code}")
            };
            assert_eq!(h.reason_code, code);
            assert!(!h.summary.is_empty() && !h.draft_reply.is_empty() && !h.transcript.is_empty());
            assert_eq!(audit[0].rule, code);
        }
    }
}
