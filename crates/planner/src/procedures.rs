//! Procedures as data: `procedures.toml`, one procedure per retail intent.

use std::path::Path;
use std::sync::LazyLock;

use regex::{Regex, RegexBuilder};
use serde::Deserialize;

use crate::confirm::ConfirmationConfig;
use crate::identity::IdentityConfig;
use crate::{Channel, PlanError};

/// The shipped procedures file (compiled in; [`Procedures::load`] reads another).
pub const DEFAULT_PROCEDURES: &str =
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/procedures.toml"));

/// Defaults the procedures share.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Defaults {
    /// Cancellation reason when the customer gives none; empty means ask.
    pub cancel_reason: String,
    /// `original` or `ask`: who pays or receives a price difference.
    pub difference_payment: String,
    /// `original` or `ask`: where a refund goes when no method is named.
    pub refund_destination: String,
    /// Routed intents that hand the ticket off when no write procedure applies.
    #[serde(default)]
    pub handoff_intents: Vec<String>,
    /// Case-insensitive regular expressions that hand the ticket off at once.
    #[serde(default)]
    pub handoff_phrases: Vec<String>,
    /// A case-insensitive regular expression naming payment destinations the
    /// store cannot use (the customer is asked, never given a default).
    #[serde(default)]
    pub unsupported_payment: String,
}

/// One procedure as written in the file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcedureSpec {
    /// Name (the registry intent it serves).
    pub name: String,
    /// Request kind: `cancel`, `return`, `item_change`, `order_address`,
    /// `order_payment`, `user_address`, `status`.
    pub request: String,
    /// Router intents that select it when no trigger matched.
    #[serde(default)]
    pub intents: Vec<String>,
    /// The write tool it proposes (none for read-only procedures).
    #[serde(default)]
    pub tool: Option<String>,
    /// Order statuses it applies to (empty: any, or no order).
    #[serde(default)]
    pub order_status: Vec<String>,
    /// Case-insensitive regular expressions that select it for a clause.
    #[serde(default)]
    pub triggers: Vec<String>,
    /// Triggers that count only when no procedure's trigger matched.
    #[serde(default)]
    pub fallback_triggers: Vec<String>,
    /// Slots resolved in order.
    #[serde(default)]
    pub slots: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    defaults: Defaults,
    #[serde(default)]
    identity: IdentityConfig,
    #[serde(default)]
    confirmation: ConfirmationConfig,
    procedure: Vec<ProcedureSpec>,
}

/// Words before a past participle that make it a description of what already happened ("my
/// order was cancelled", "I already returned it", "has it been refunded?"), not a request.
static DONE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::re(
        r"(?i)\b(?:was|were|is|are|been|got|already|had|has|have|i|we)\s+(?:already\s+|just\s+)?$",
    )
});

/// Words before a verb that make it what is planned now, not what is asked: "my order is set
/// to go to my old address", "it's scheduled to ship to Houston".
static PLANNED_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::re(
        r"(?i)\b(?:is|are|was|were|it's|they're|its)\s+(?:still\s+|currently\s+|now\s+)?(?:set|scheduled|supposed|due)\s+to\s+$",
    )
});

/// Whether the trigger match `start..end` of `text` sits in a word that says the thing is
/// already done: a past participle ("cancelled", "returned") after "was", "has been",
/// "already", "I" and the like. "Can it be cancelled?" and "I want it cancelled" still ask.
/// Or it says what is planned now: "is set to go to my old address".
fn describes_done(text: &str, start: usize, end: usize) -> bool {
    let word_end = text[end..]
        .find(|c: char| !c.is_alphanumeric())
        .map_or(text.len(), |i| end + i);
    let word = &text[start..word_end];
    let mut from = start.saturating_sub(24);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..start];
    (word.to_ascii_lowercase().ends_with("ed") && DONE_BEFORE.is_match(before))
        || PLANNED_BEFORE.is_match(before)
}

/// The matches of trigger `r` in `text` that ask for something ([`describes_done`]). After a
/// match that describes, the search goes on from its next word, not from its end: in "it is
/// set to ship to Denver, so please ship it to my home address" the request's "ship" lies
/// inside the description's match.
fn asked_matches(r: &Regex, text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(m) = r.find_at(text, at) {
        let next = if describes_done(text, m.start(), m.end()) {
            text[m.start()..]
                .find(char::is_whitespace)
                .map_or(text.len(), |i| m.start() + i)
        } else {
            out.push((m.start(), m.end()));
            m.end()
        };
        // never stand still (an empty match, a match that is one word)
        at = next.max(m.start() + 1);
        while at < text.len() && !text.is_char_boundary(at) {
            at += 1;
        }
        if at >= text.len() {
            break;
        }
    }
    out
}

/// A procedure with compiled triggers.
#[derive(Debug, Clone)]
pub struct Procedure {
    /// The spec as written.
    pub spec: ProcedureSpec,
    triggers: Vec<Regex>,
    fallback: Vec<Regex>,
}

impl Procedure {
    /// Byte offset of the first trigger match in `text`, if any.
    pub fn trigger_at(&self, text: &str) -> Option<usize> {
        self.trigger_positions(text).first().copied()
    }

    /// Byte spans of every trigger match in `text`, in order of their start.
    pub fn trigger_spans(&self, text: &str) -> Vec<(usize, usize)> {
        let mut v: Vec<(usize, usize)> = self
            .triggers
            .iter()
            .flat_map(|r| asked_matches(r, text))
            .collect();
        v.sort_unstable();
        v.dedup_by_key(|s| s.0);
        v
    }

    /// Byte offsets of every trigger match in `text`, in order.
    pub fn trigger_positions(&self, text: &str) -> Vec<usize> {
        let mut v: Vec<usize> = self
            .triggers
            .iter()
            .flat_map(|r| asked_matches(r, text))
            .map(|(a, _)| a)
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// Byte offset of the first fallback-trigger match in `text`, if any.
    pub fn fallback_at(&self, text: &str) -> Option<usize> {
        self.fallback
            .iter()
            .filter_map(|r| r.find(text).map(|m| m.start()))
            .min()
    }

    /// Whether the procedure applies to an order with `status`.
    pub fn accepts_status(&self, status: &str) -> bool {
        self.spec.order_status.is_empty() || self.spec.order_status.iter().any(|s| s == status)
    }
}

/// Every procedure and the shared defaults.
#[derive(Debug, Clone)]
pub struct Procedures {
    /// Shared defaults.
    pub defaults: Defaults,
    /// Who the planner acts for when the channel verified nobody.
    pub identity: IdentityConfig,
    /// Which writes may run without the customer's "yes" (none by default).
    pub confirmation: ConfirmationConfig,
    /// Procedures in file order.
    pub procedures: Vec<Procedure>,
    handoff_phrases: Vec<Regex>,
    unsupported_payment: Option<Regex>,
}

impl Procedures {
    /// Parses a procedures file.
    pub fn from_toml_str(text: &str) -> Result<Procedures, PlanError> {
        let file: File = toml::from_str(text).map_err(|e| PlanError::Procedures(e.to_string()))?;
        let compile = |list: &[String]| -> Result<Vec<Regex>, PlanError> {
            list.iter()
                .map(|p| {
                    RegexBuilder::new(p)
                        .case_insensitive(true)
                        .build()
                        .map_err(|e| PlanError::Procedures(format!("trigger {p:?}: {e}")))
                })
                .collect()
        };
        let handoff_phrases = compile(&file.defaults.handoff_phrases)?;
        let unsupported_payment = if file.defaults.unsupported_payment.is_empty() {
            None
        } else {
            compile(std::slice::from_ref(&file.defaults.unsupported_payment))?.pop()
        };
        let mut procedures = Vec::new();
        for spec in file.procedure {
            procedures.push(Procedure {
                triggers: compile(&spec.triggers)?,
                fallback: compile(&spec.fallback_triggers)?,
                spec,
            });
        }
        Ok(Procedures {
            defaults: file.defaults,
            identity: file.identity,
            confirmation: file.confirmation,
            procedures,
            handoff_phrases,
            unsupported_payment,
        })
    }

    /// The hand-off phrase `text` contains, if any.
    pub fn handoff_phrase<'t>(&self, text: &'t str) -> Option<&'t str> {
        self.handoff_phrases
            .iter()
            .find_map(|r| r.find(text).map(|m| m.as_str()))
    }

    /// Whether `text` names a payment destination the store cannot use.
    pub fn names_unsupported_payment(&self, text: &str) -> bool {
        self.unsupported_payment
            .as_ref()
            .is_some_and(|r| r.is_match(text))
    }

    /// Reads a procedures file.
    pub fn load(path: impl AsRef<Path>) -> Result<Procedures, PlanError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path)
            .map_err(|e| PlanError::Procedures(format!("{}: {e}", path.display())))?;
        Procedures::from_toml_str(&text)
    }

    /// The shipped procedures.
    pub fn shipped() -> Result<Procedures, PlanError> {
        Procedures::from_toml_str(DEFAULT_PROCEDURES)
    }

    /// The plan for `writes` on `channel`: a confirmation that lists them exactly and keeps
    /// them pending, unless the operator waived confirmation for every one of them
    /// ([`crate::confirm::propose`]).
    pub fn act_or_confirm(
        &self,
        channel: Channel,
        reads: Vec<crate::ReadCall>,
        state: crate::ConversationState,
        writes: Vec<crate::ProposedWrite>,
    ) -> crate::Plan {
        crate::confirm::propose(&self.confirmation, channel, reads, state, writes)
    }

    /// Procedures of one request kind.
    pub fn of_request<'a>(&'a self, request: &'a str) -> impl Iterator<Item = &'a Procedure> {
        self.procedures
            .iter()
            .filter(move |p| p.spec.request == request)
    }

    /// The procedure of `request` that applies to an order with `status`.
    pub fn for_status(&self, request: &str, status: &str) -> Option<&Procedure> {
        self.procedures
            .iter()
            .find(|p| p.spec.request == request && p.accepts_status(status))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn what_already_happened_is_no_request() {
        let p = Procedures::shipped().unwrap();
        let cancel = p
            .procedures
            .iter()
            .find(|p| p.spec.name == "cancel_order")
            .unwrap();
        for said in [
            "My order was cancelled, where is my refund?",
            "The order I already cancelled still shows up.",
            "Has it been cancelled yet?",
            "I cancelled it last week.",
        ] {
            assert_eq!(cancel.trigger_at(said), None, "{said}");
        }
        let address = p
            .procedures
            .iter()
            .find(|p| p.spec.request == "order_address")
            .unwrap();
        let said = "My order is set to ship to Denver, but I'm back home now, so please ship it to my home address.";
        let spans = address.trigger_spans(said);
        assert_eq!(spans.len(), 1, "{spans:?}");
        assert!(said[spans[0].0..].starts_with("ship it to"), "{spans:?}");
        let ret = p
            .procedures
            .iter()
            .find(|p| p.spec.request == "return")
            .unwrap();
        assert!(ret
            .trigger_at("the silver 2 liter one needs to go back (I'm keeping the black one).")
            .is_some());
        for asked in [
            "Please cancel my order.",
            "Can it be cancelled?",
            "I want it cancelled, ünïcode is fine.",
            "I'd like the order cancelled.",
        ] {
            assert!(cancel.trigger_at(asked).is_some(), "{asked}");
        }
    }

    use super::*;

    #[test]
    fn shipped_procedures_parse() {
        let p = Procedures::shipped().unwrap();
        assert!(p.procedures.len() >= 8);
        let cancel = p.for_status("cancel", "pending").unwrap();
        assert_eq!(cancel.spec.tool.as_deref(), Some("cancel_pending_order"));
        assert!(
            p.confirmation.waive.is_empty(),
            "nothing runs without a yes"
        );
        let change = p.for_status("item_change", "delivered").unwrap();
        assert_eq!(change.spec.name, "exchange_order");
    }
}
