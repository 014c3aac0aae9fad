//! The policy plane's pre-action gates: one function, run by the tools stage before it
//! plans or writes anything (its verdict goes on the envelope), and by the policy stage
//! only where no stage ran them.
//!
//! Deterministic and ordered: the first gate that applies names the reason. What the
//! model (or the offline planner) proposes never reaches a write past one of these.

use crate::messages::{Band, Envelope, GateVerdict, Rule, Turn};
use crate::state::Hold;

/// Customer messages in one conversation after which a person takes over: the agent kept
/// asking, or the customer kept coming back, and it is still not settled.
pub const MAX_ROUNDS: usize = 5;

/// What the router flags as a decision (not a screen field), in the order the gates read
/// them, with the reason a person sees.
const ROUTER_FLAGS: [(Rule, &str); 3] = [
    (
        Rule::HarmReported,
        "The customer reports that a product harmed someone: a person handles safety and liability.",
    ),
    (
        Rule::LegalThreat,
        "The customer threatens legal action or a complaint to a regulator: a person answers.",
    ),
    (
        Rule::ChargeDispute,
        "The customer disputes a charge with their bank or card issuer: a person answers, so nothing is refunded twice.",
    ),
];

/// The customer's side of a transcript, oldest first.
pub fn customer_said(transcript: &[Turn]) -> Vec<String> {
    transcript
        .iter()
        .filter(|t| t.role == "customer")
        .map(|t| t.text.clone())
        .collect()
}

/// The first pre-action gate that stops this ticket from being acted on by the agent, or
/// a passed verdict. `said` is the customer's side of the thread (frustration, rounds);
/// `hold` is set when a person holds the conversation in the console.
pub fn check(
    env: &Envelope,
    said: &[String],
    hold: Option<&Hold>,
    min_route_confidence: f64,
) -> GateVerdict {
    if let Some(hold) = hold {
        return GateVerdict::blocked(Rule::HeldByPerson, hold.reason());
    }
    if env.asked_for_human() {
        return GateVerdict::blocked(Rule::AskedForHuman, "The customer asked for a person.");
    }
    if let Some((rule, why)) = ROUTER_FLAGS
        .iter()
        .find(|(rule, _)| env.router_flagged(*rule))
    {
        return GateVerdict::blocked(*rule, *why);
    }
    if said.len() > MAX_ROUNDS {
        return GateVerdict::blocked(
            Rule::RepeatedFailures,
            format!(
                "The conversation has gone {} rounds without being settled.",
                said.len()
            ),
        );
    }
    if frontdesk_guard::repeated_frustration(said, 0.5, 2) {
        return GateVerdict::blocked(
            Rule::Frustration,
            "The customer has been frustrated across several messages.",
        );
    }
    let Some(route) = &env.route else {
        return GateVerdict::blocked(Rule::NoRoute, "The router did not classify this ticket.");
    };
    if route.out_of_scope {
        return GateVerdict::blocked(
            Rule::OutOfScope,
            "The request is outside what the agent handles.",
        );
    }
    if route.band == Band::AlwaysEscalate {
        let names: Vec<&str> = route
            .intents
            .iter()
            .filter(|i| i.band == Band::AlwaysEscalate)
            .map(|i| i.intent.as_str())
            .collect();
        return GateVerdict::blocked(
            Rule::AlwaysEscalate,
            format!("Always handled by a person: {}.", names.join(", ")),
        );
    }
    if env.injection_flagged() && route.band != Band::Autonomous {
        return GateVerdict::blocked(
            Rule::PromptInjection,
            "The message looks like a prompt injection: no action is taken without a person.",
        );
    }
    if let Some(low) = route
        .intents
        .iter()
        .find(|i| i.confidence < min_route_confidence)
    {
        return GateVerdict::blocked(
            Rule::LowConfidence,
            format!(
                "Not confident enough about `{}` ({:.2} < {min_route_confidence:.2}).",
                low.intent, low.confidence
            ),
        );
    }
    GateVerdict::passed()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::{Channel, Route, RoutedIntent, Screen, Ticket};

    fn env() -> Envelope {
        let mut e = Envelope::new(Ticket {
            received_at: 0,
            ..Ticket::new("t", "c", Channel::Chat, "cancel it")
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
        assert_eq!(check(&env(), &said, None, 0.5), GateVerdict::passed());
        let mut more = said.clone();
        more.push("and again".into());
        assert_eq!(
            check(&env(), &more, None, 0.5).blocked_by,
            Some(Rule::RepeatedFailures)
        );
    }

    #[test]
    fn low_confidence_and_injection_block_an_acting_route() {
        let mut e = env();
        e.route.as_mut().unwrap().intents[0].confidence = 0.2;
        assert_eq!(
            check(&e, &[], None, 0.5).blocked_by,
            Some(Rule::LowConfidence)
        );
        let mut e = env();
        e.screen = Some(Screen {
            injection_score: 0.9,
            injection: true,
            asked_for_human: false,
        });
        assert_eq!(
            check(&e, &[], None, 0.5).blocked_by,
            Some(Rule::PromptInjection)
        );
    }

    #[test]
    fn asking_for_a_person_comes_first() {
        let mut e = env();
        e.screen = Some(Screen {
            asked_for_human: true,
            ..Screen::default()
        });
        e.route = None;
        assert_eq!(
            check(&e, &[], None, 0.5).blocked_by,
            Some(Rule::AskedForHuman)
        );
    }

    #[test]
    fn a_report_of_harm_goes_to_a_person_before_any_route_is_trusted() {
        let mut e = env();
        e.decide(
            "router",
            Rule::HarmReported,
            "flagged",
            "the customer reports harm from a product",
        );
        e.route = None;
        assert_eq!(
            check(&e, &[], None, 0.5).blocked_by,
            Some(Rule::HarmReported)
        );
    }

    #[test]
    fn a_legal_threat_or_a_disputed_charge_goes_to_a_person() {
        for rule in [Rule::LegalThreat, Rule::ChargeDispute] {
            let mut e = env();
            e.decide("router", rule, "flagged", "flagged by the router");
            assert_eq!(check(&e, &[], None, 0.5).blocked_by, Some(rule));
            // a decision of another stage under the same rule is no flag
            let mut other = env();
            other.decide("tools", rule, "flagged", "not the router's");
            assert_eq!(check(&other, &[], None, 0.5).blocked_by, None);
        }
    }

    #[test]
    fn a_conversation_a_person_holds_goes_to_them_before_any_other_gate() {
        let mut e = env();
        e.screen = Some(Screen {
            asked_for_human: true,
            ..Screen::default()
        });
        let hold = Hold {
            ticket_id: "t-1".into(),
            claimed_by: Some("ana".into()),
        };
        let v = check(&e, &[], Some(&hold), 0.5);
        assert_eq!(v.blocked_by, Some(Rule::HeldByPerson));
        assert!(v.reason.contains("ana"), "{}", v.reason);
    }
}
