//! Procedures as data: `procedures.toml`, one procedure per retail intent.

use std::path::Path;

use regex::{Regex, RegexBuilder};
use serde::Deserialize;

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
    /// Channels where the customer must confirm with "yes" first.
    #[serde(default)]
    pub confirm_channels: Vec<String>,
    /// Confirmation is required everywhere above this amount (dollars).
    #[serde(default)]
    pub confirm_above: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    defaults: Defaults,
    procedure: Vec<ProcedureSpec>,
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
        self.triggers
            .iter()
            .filter_map(|r| r.find(text).map(|m| m.start()))
            .min()
    }

    /// Byte offsets of every trigger match in `text`, in order.
    pub fn trigger_positions(&self, text: &str) -> Vec<usize> {
        let mut v: Vec<usize> = self
            .triggers
            .iter()
            .flat_map(|r| r.find_iter(text).map(|m| m.start()))
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

    /// Whether a write of this procedure needs the customer's "yes" first.
    pub fn needs_confirmation(&self, channel: Channel, amount: f64) -> bool {
        self.spec
            .confirm_channels
            .iter()
            .any(|c| c == channel.as_str())
            || self.spec.confirm_above.is_some_and(|limit| amount > limit)
    }
}

/// Every procedure and the shared defaults.
#[derive(Debug, Clone)]
pub struct Procedures {
    /// Shared defaults.
    pub defaults: Defaults,
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

    /// The plan for `writes` on `channel`: a confirmation question that keeps them pending
    /// when a procedure of one of them needs the customer's "yes" on this channel for its
    /// amount, else [`Outcome::Act`](crate::Outcome::Act) with a draft naming them.
    pub fn act_or_confirm(
        &self,
        channel: Channel,
        reads: Vec<crate::ReadCall>,
        mut state: crate::ConversationState,
        writes: Vec<crate::ProposedWrite>,
    ) -> crate::Plan {
        let summaries = writes
            .iter()
            .map(|w| w.summary.as_str())
            .collect::<Vec<_>>()
            .join("; and ");
        let confirm = writes.iter().any(|w| {
            let amount = w
                .refund_amount
                .unwrap_or(0.0)
                .max(w.charge_amount.unwrap_or(0.0));
            self.procedures
                .iter()
                .filter(|p| p.spec.tool.as_deref() == Some(w.tool.as_str()))
                .any(|p| p.needs_confirmation(channel, amount))
        });
        let mut plan = if confirm {
            state.pending = writes.clone();
            crate::Plan::ask(
                reads,
                state,
                format!(
                    "Before I go ahead, please confirm: I will {summaries}. Reply \"yes\" to confirm or \"no\" to leave everything as it is."
                ),
            )
        } else {
            let mut p = crate::Plan::new(reads, crate::Outcome::Act, state);
            p.draft = format!("I am going to {summaries}.");
            p
        };
        plan.writes = writes;
        plan
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
    use super::*;

    #[test]
    fn shipped_procedures_parse() {
        let p = Procedures::shipped().unwrap();
        assert!(p.procedures.len() >= 8);
        let cancel = p.for_status("cancel", "pending").unwrap();
        assert_eq!(cancel.spec.tool.as_deref(), Some("cancel_pending_order"));
        assert!(cancel.needs_confirmation(Channel::Chat, 1.0));
        assert!(!cancel.needs_confirmation(Channel::Email, 1.0));
        let change = p.for_status("item_change", "delivered").unwrap();
        assert_eq!(change.spec.name, "exchange_order");
    }
}
