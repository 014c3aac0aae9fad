//! The policy plane's pre-action gates: one function, used by the tools stage before it
//! plans or writes anything and by the policy stage before it resolves.
//!
//! Deterministic and ordered: the first gate that applies names the reason. What the
//! model (or the offline planner) proposes never reaches a write past one of these.

use crate::messages::{Band, Envelope};
use crate::stages::router::{RULE_ASKS_HUMAN, RULE_INJECTION};

/// Customer messages in one conversation after which a person takes over: the agent kept
/// asking, or the customer kept coming back, and it is still not settled.
pub const MAX_ROUNDS: usize = 5;

/// Whether the router flagged `rule` on this ticket.
pub fn flagged(env: &Envelope, rule: &str) -> bool {
    env.decisions
        .iter()
        .any(|d| d.rule == rule && d.outcome == "flagged")
}

/// The first pre-action gate that stops this ticket from being acted on by the agent, as
/// (reason code, sentence). `said` is the customer's side of the thread (frustration).
pub fn pre_action_block(
    env: &Envelope,
    said: &[String],
    min_route_confidence: f64,
) -> Option<(&'static str, String)> {
    if flagged(env, RULE_ASKS_HUMAN) {
        return Some((
            "asked_for_human",
            "The customer asked for a person.".to_owned(),
        ));
    }
    if said.len() > MAX_ROUNDS {
        return Some((
            "repeated_failures",
            format!(
                "The conversation has gone {} rounds without being settled.",
                said.len()
            ),
        ));
    }
    if frontdesk_guard::repeated_frustration(said, 0.5, 2) {
        return Some((
            "frustration",
            "The customer has been frustrated across several messages.".to_owned(),
        ));
    }
    let Some(route) = &env.route else {
        return Some((
            "no_route",
            "The router did not classify this ticket.".to_owned(),
        ));
    };
    if route.out_of_scope {
        return Some((
            "out_of_scope",
            "The request is outside what the agent handles.".to_owned(),
        ));
    }
    if route.band == Band::AlwaysEscalate {
        let names: Vec<&str> = route
            .intents
            .iter()
            .filter(|i| i.band == Band::AlwaysEscalate)
            .map(|i| i.intent.as_str())
            .collect();
        return Some((
            "always_escalate",
            format!("Always handled by a person: {}.", names.join(", ")),
        ));
    }
    if flagged(env, RULE_INJECTION) && route.band != Band::Autonomous {
        return Some((
            "prompt_injection",
            "The message looks like a prompt injection: no action is taken without a person."
                .to_owned(),
        ));
    }
    if let Some(low) = route
        .intents
        .iter()
        .find(|i| i.confidence < min_route_confidence)
    {
        return Some((
            "low_confidence",
            format!(
                "Not confident enough about `{}` ({:.2} < {min_route_confidence:.2}).",
                low.intent, low.confidence
            ),
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::{Channel, Identity, Route, RoutedIntent, Ticket};

    fn env() -> Envelope {
        let mut e = Envelope::new(Ticket {
            ticket_id: "t".into(),
            conversation_id: "c".into(),
            channel: Channel::Chat,
            customer: Identity::default(),
            subject: None,
            body: "cancel it".into(),
            attachments: vec![],
            received_at: 0,
            headers: Default::default(),
            locale: None,
        });
        e.route = Some(Route {
            intents: vec![RoutedIntent {
                intent: "cancel_order".into(),
                confidence: 0.9,
                band: Band::Conditional,
            }],
            band: Band::Conditional,
            allow_list: vec![],
            out_of_scope: false,
            model: "test".into(),
        });
        e
    }

    #[test]
    fn too_many_rounds_hand_off() {
        let said: Vec<String> = (0..MAX_ROUNDS).map(|i| format!("message {i}")).collect();
        assert_eq!(pre_action_block(&env(), &said, 0.5), None);
        let mut more = said.clone();
        more.push("and again".into());
        let (code, _) = pre_action_block(&env(), &more, 0.5).unwrap();
        assert_eq!(code, "repeated_failures");
    }

    #[test]
    fn low_confidence_and_injection_block_an_acting_route() {
        let mut e = env();
        e.route.as_mut().unwrap().intents[0].confidence = 0.2;
        assert_eq!(pre_action_block(&e, &[], 0.5).unwrap().0, "low_confidence");
        let mut e = env();
        e.decide("router", RULE_INJECTION, "flagged", "test");
        assert_eq!(
            pre_action_block(&e, &[], 0.5).unwrap().0,
            "prompt_injection"
        );
    }
}
