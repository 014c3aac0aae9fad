//! The warm handoff: why a ticket goes to a person ([`reason`]), the one-line summary a
//! person reads first, and the legwork attached with PII masked for its readers.

use crate::messages::{Band, Envelope, PlanOutcome, Rule, ToolCall};
use crate::state::Hold;

use super::gates;

/// A tool call with PII masked in its arguments, response and error.
pub fn mask_call(c: &ToolCall, cfg: &frontdesk_guard::MaskConfig) -> ToolCall {
    let m = |s: &str| frontdesk_guard::mask(s, cfg);
    ToolCall {
        arguments_json: m(&c.arguments_json),
        response_json: c.response_json.as_deref().map(m),
        error: c.error.as_deref().map(m),
        ..c.clone()
    }
}

/// The templated one-line summary: channel, intents and the customer's words (from the
/// first line after any salutation). When the
/// ticket answers the agent (a "yes", an order number), `request` is the open request it
/// answers: quoted first, so the person reads what was asked and not only "yes".
pub fn template_summary(env: &Envelope, request: Option<&str>) -> String {
    let intents = env
        .route
        .as_ref()
        .map(|r| r.intent_keys().collect::<Vec<_>>().join(", "))
        .unwrap_or_default();
    // the salutation ("Dear customer service,") says nothing about the request
    let body = frontdesk_intent::letter::content(&env.ticket.body);
    let quote = match request.filter(|r| !r.trim().is_empty()) {
        Some(r) => format!(
            "\"{}\" (then: \"{}\")",
            crate::messages::first_line(r, 100),
            crate::messages::first_line(body, 40)
        ),
        None => format!("\"{}\"", crate::messages::first_line(body, 120)),
    };
    format!(
        "[{}] {} — {quote}",
        env.ticket.channel.as_str(),
        if intents.is_empty() {
            "unclassified"
        } else {
            &intents
        },
    )
}

/// What the policy stage needs to decide: the confidence bars.
#[derive(Debug, Clone, Copy)]
pub struct Bars {
    /// Minimum router confidence to act without a person.
    pub route: f64,
    /// Minimum grounding confidence to answer from passages alone.
    pub grounding: f64,
}

/// Why a ticket goes to a person, or `None` to resolve. The gate and plan verdicts come
/// from the envelope; the gates run here only where no stage ran them. `said` is the
/// customer's side of the thread; `hold` whether a person holds it.
pub fn reason(
    env: &Envelope,
    said: &[String],
    hold: Option<&Hold>,
    bars: Bars,
) -> Option<(Rule, String)> {
    let gate = match &env.gate {
        Some(g) => g.clone(),
        None => gates::check(env, said, hold, bars.route),
    };
    if let Some(rule) = gate.blocked_by {
        return Some((rule, gate.reason));
    }
    let route = env.route.as_ref()?;
    if let Some(plan) = &env.plan {
        match plan.outcome {
            PlanOutcome::Handoff | PlanOutcome::Blocked => {
                return Some((plan.reason.unwrap_or(Rule::Planner), plan.detail.clone()));
            }
            PlanOutcome::Acted | PlanOutcome::Ask => {
                return env
                    .draft_reply
                    .is_none()
                    .then(|| (Rule::NoAnswer, "No reply was drafted.".to_owned()));
            }
            PlanOutcome::Answered => {}
        }
    }
    let tool_ok = env.tool_log.iter().any(|c| c.outcome == "ok");
    if route.band != Band::Autonomous && !tool_ok {
        return Some((
            Rule::ActionNotTaken,
            "The request needs an action that was not taken.".to_owned(),
        ));
    }
    if env.draft_reply.is_none() {
        return Some((Rule::NoAnswer, "No grounded answer was drafted.".to_owned()));
    }
    let grounded = env.grounding_confidence.unwrap_or(0.0);
    if grounded < bars.grounding && !tool_ok {
        return Some((
            Rule::LowGrounding,
            format!(
                "Help-center evidence too weak ({grounded:.2} < {:.2}).",
                bars.grounding
            ),
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::{Channel, Ticket};

    #[test]
    fn an_answer_is_summarised_with_the_request_it_answers() {
        let env = Envelope::new(Ticket::new(
            "t-2",
            "c",
            Channel::Email,
            "Yes, please go ahead.",
        ));
        let alone = template_summary(&env, None);
        assert!(alone.ends_with("\"Yes, please go ahead.\""), "{alone}");
        let s = template_summary(
            &env,
            Some("Please return the desk lamp from order #W1234567.\nThanks, Ana"),
        );
        assert!(
            s.contains("\"Please return the desk lamp from order #W1234567.\" (then: \"Yes, please go ahead.\")"),
            "{s}"
        );
        assert_eq!(template_summary(&env, Some("  ")), alone);
    }

    #[test]
    fn the_summary_quotes_the_request_not_the_salutation() {
        let env = Envelope::new(Ticket::new(
            "t-3",
            "c",
            Channel::Email,
            "Dear customer service,\n\nPlease cancel order #W1234567.\n\nBest regards,\nAna",
        ));
        let s = template_summary(&env, None);
        assert!(s.ends_with("\"Please cancel order #W1234567.\""), "{s}");
    }
}
