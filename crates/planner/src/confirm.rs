//! Confirmation: before any write the reply states exactly what will happen and waits for an
//! explicit "yes", on every channel, as the store's policy requires ("list the action detail
//! and obtain explicit user confirmation"). An operator may waive it per action and amount
//! (`[[confirmation.waive]]` in the procedures file; by default nothing is waived). A "yes"
//! re-checks the store before anything runs ([`recheck`]); a "no" drops the proposal; anything
//! else is a changed request and is planned again with the earlier messages.

use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use crate::customer::{s, Customer};
use crate::format::money;
use crate::plan::{Confidence, Plan};
use crate::text::{is_yes, order_ids, re};
use crate::{Channel, ConversationState, Outcome, Procedures, ProposedWrite, ReadCall};

/// A write an operator lets run without the customer's "yes".
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    /// The write tool, e.g. `modify_user_address`.
    pub tool: String,
    /// Largest amount moved (refund or charge), in dollars, that runs without a "yes".
    #[serde(default)]
    pub up_to_usd: f64,
    /// Channels it applies to (`email`, `chat`, `sms`, `webhook`); empty means every channel.
    #[serde(default)]
    pub channels: Vec<String>,
}

/// The `[confirmation]` section.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfirmationConfig {
    /// Writes that run without a "yes". Default: none.
    #[serde(default)]
    pub waive: Vec<Waiver>,
}

impl ConfirmationConfig {
    /// Whether `w` may run on `channel` without the customer's "yes".
    pub fn waived(&self, w: &ProposedWrite, channel: Channel) -> bool {
        let amount = w
            .refund_amount
            .unwrap_or(0.0)
            .max(w.charge_amount.unwrap_or(0.0));
        self.waive.iter().any(|x| {
            x.tool == w.tool
                && amount <= x.up_to_usd
                && (x.channels.is_empty() || x.channels.iter().any(|c| c == channel.as_str()))
        })
    }
}

/// Words that turn a "yes" into a changed request ("yes, but use my PayPal instead").
static CHANGE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:but|except|instead|only|however|actually|wait|rather|change|not|don'?t|also|and then|as well)\b",
    )
});

/// Whether `text` confirms a proposal as it stands: an affirmative answer that asks for
/// nothing else (no request of any procedure, no order number, no change word).
pub fn is_plain_yes(text: &str, procedures: &Procedures) -> bool {
    is_yes(text)
        && !CHANGE.is_match(text)
        && order_ids(text).is_empty()
        && !procedures
            .procedures
            .iter()
            .any(|p| p.trigger_at(text).is_some())
}

/// One line of the confirmation: the summary and every detail.
fn line(w: &ProposedWrite) -> String {
    if w.details.is_empty() {
        w.summary.clone()
    } else {
        format!("{}: {}", w.summary, w.details.join("; "))
    }
}

/// The plan for `writes`: [`Outcome::Act`] when every one of them is waived on `channel`,
/// else a confirmation that lists each write exactly and keeps them pending.
pub fn propose(
    config: &ConfirmationConfig,
    channel: Channel,
    reads: Vec<ReadCall>,
    mut state: ConversationState,
    writes: Vec<ProposedWrite>,
) -> Plan {
    let mut plan = if writes.iter().all(|w| config.waived(w, channel)) {
        state.question = None;
        let mut p = Plan::new(reads, Outcome::Act, state);
        p.draft = format!(
            "I am going to {}.",
            writes.iter().map(line).collect::<Vec<_>>().join("; and ")
        );
        p
    } else {
        state.pending = writes.clone();
        let mut text = String::from("Before I go ahead, please confirm. I will:\n");
        for w in &writes {
            text.push_str(&format!("- {}\n", line(w)));
        }
        if writes
            .iter()
            .any(|w| w.tool.ends_with("_items") && w.args.get("new_item_ids").is_some())
        {
            text.push_str("Please check that this lists every item you want changed: the items of an order can be changed only once.\n");
        }
        text.push_str("Reply \"yes\" to go ahead, or tell me what to change. Nothing is done until you confirm.");
        Plan::ask(reads, state, text).with_confidence(Confidence::Sure)
    };
    plan.writes = writes;
    plan
}

/// Checks pending writes against the store as it is now, in order, each on the state the
/// ones before it leave: the order is still the customer's and in a status the write's
/// procedure accepts, the items are still in it, a new variant is still available, the
/// payment method is still on the account and a gift card still covers what it pays.
/// Returns why the first write that no longer holds cannot run.
pub fn recheck(
    writes: &[ProposedWrite],
    customer: &Customer,
    procedures: &Procedures,
) -> Result<(), String> {
    let mut now = customer.clone();
    for w in writes {
        if w.user_id != now.user_id {
            return Err(format!("{} is not for this account", w.summary));
        }
        let method = s(&w.args, "payment_method_id");
        if !method.is_empty() && !now.has_payment(method) {
            return Err(format!(
                "the payment method for \"{}\" is no longer on your account",
                w.summary
            ));
        }
        if let Some(order_id) = &w.order_id {
            let Some(order) = now.orders.get(order_id) else {
                return Err(format!("order {order_id} is not on your account"));
            };
            let status = s(order, "status");
            let accepted = procedures
                .procedures
                .iter()
                .filter(|p| p.spec.tool.as_deref() == Some(w.tool.as_str()))
                .any(|p| p.accepts_status(status));
            if !accepted {
                return Err(format!("order {order_id} is now {status}"));
            }
            let mut items = now.items(order_id);
            let new_ids = strings(&w.args, "new_item_ids");
            for (n, id) in strings(&w.args, "item_ids").iter().enumerate() {
                let Some(pos) = items.iter().position(|i| &i.item_id == id) else {
                    return Err(format!("an item of order {order_id} has changed"));
                };
                let item = items.remove(pos);
                if let Some(new) = new_ids.get(n) {
                    let available = now
                        .products
                        .get(&item.product_id)
                        .and_then(|p| p.get("variants"))
                        .and_then(|v| v.get(new.as_str()))
                        .and_then(|v| v.get("available"))
                        .and_then(serde_json::Value::as_bool);
                    if available != Some(true) {
                        return Err(format!("the new {} is no longer available", item.name));
                    }
                }
            }
        }
        let pays = w.charge_amount.unwrap_or(0.0);
        if let Some(balance) = now.gift_balance(method) {
            if pays > 0.0 && balance + 1e-9 < pays {
                return Err(format!(
                    "your gift card balance ({}) no longer covers {}",
                    money(balance),
                    money(pays)
                ));
            }
        }
        now.assume(w);
    }
    Ok(())
}

fn strings(args: &serde_json::Value, field: &str) -> Vec<String> {
    args.get(field)
        .and_then(serde_json::Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::fixture::customer;

    fn cancel(order: &str) -> ProposedWrite {
        ProposedWrite {
            tool: "cancel_pending_order".into(),
            args: json!({"order_id": order, "reason": "no longer needed"}),
            summary: format!("cancel order {order}"),
            user_id: "ana_lima_1".into(),
            order_id: Some(order.into()),
            item_count: 0,
            refund_amount: Some(22.0),
            charge_amount: None,
            price_difference: None,
            payment_method_id: Some("paypal_1".into()),
            payment_method_label: Some("PayPal".into()),
            details: vec!["refund $22.00 to PayPal".into()],
        }
    }

    #[test]
    fn every_write_waits_for_a_yes_unless_an_operator_waived_it() {
        let p = Procedures::shipped().unwrap();
        let plan = propose(
            &p.confirmation,
            Channel::Email,
            vec![],
            ConversationState::default(),
            vec![cancel("#W1000066")],
        );
        match &plan.outcome {
            Outcome::AskCustomer { question } => {
                assert!(question.contains("cancel order #W1000066: refund $22.00 to PayPal"));
            }
            other => panic!("expected a confirmation, got {other:?}"),
        }
        assert_eq!(plan.state.pending.len(), 1);
        assert_eq!(plan.confidence, Confidence::Sure);
        let waived: ConfirmationConfig = toml::from_str(
            "[[waive]]\ntool = \"cancel_pending_order\"\nup_to_usd = 25.0\nchannels = [\"chat\"]\n",
        )
        .unwrap();
        let w = cancel("#W1000066");
        assert!(waived.waived(&w, Channel::Chat));
        assert!(!waived.waived(&w, Channel::Email), "only on chat");
        let mut dear = w.clone();
        dear.refund_amount = Some(30.0);
        assert!(!waived.waived(&dear, Channel::Chat), "only up to $25");
    }

    #[test]
    fn a_yes_with_a_change_is_not_a_plain_yes() {
        let p = Procedures::shipped().unwrap();
        assert!(is_plain_yes("Yes, please go ahead.", &p));
        assert!(is_plain_yes("ok, thanks!", &p));
        assert!(!is_plain_yes(
            "Yes, but refund it to my PayPal instead.",
            &p
        ));
        assert!(!is_plain_yes("Yes and also cancel #W1000001.", &p));
        assert!(!is_plain_yes("No, leave it.", &p));
    }

    #[test]
    fn a_yes_rechecks_the_store() {
        let p = Procedures::shipped().unwrap();
        let mut c = customer();
        assert_eq!(recheck(&[cancel("#W1000066")], &c, &p), Ok(()));
        // the order shipped in the meantime
        std::sync::Arc::make_mut(c.orders.get_mut("#W1000066").unwrap())["status"] =
            json!("processed");
        let why = recheck(&[cancel("#W1000066")], &c, &p).unwrap_err();
        assert!(why.contains("processed"), "{why}");
        // a delivered order cannot be cancelled at all
        let why = recheck(&[cancel("#W1000002")], &customer(), &p).unwrap_err();
        assert!(why.contains("delivered"), "{why}");
    }
}
