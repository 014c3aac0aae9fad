//! Value ceilings: pure, deterministic checks of a request's amounts against its action's
//! ceilings. Nothing is consumed.

use serde_json::json;

use crate::config::{LimitsConfig, UnlistedActions};
use crate::request::{Decision, DenyRule, WriteRequest};

/// Checks the request's values; `Some(Deny)` when a value is above its ceiling (or not a
/// finite number), or the action is unlisted and unlisted actions hand off.
pub fn check_ceilings(cfg: &LimitsConfig, req: &WriteRequest) -> Option<Decision> {
    let Some(ceiling) = cfg.ceilings.get(&req.action) else {
        return match cfg.unlisted_actions {
            UnlistedActions::Allow => None,
            UnlistedActions::Handoff => Some(Decision::Deny {
                rule: DenyRule::UnlistedAction,
                reason: format!(
                    "The action {} has no configured limits, so a human must run it.",
                    req.action
                ),
                inputs: json!({"action": req.action, "policy_version": cfg.policy_version}),
            }),
        };
    };
    let money = [
        ("amount", "max_amount", req.amount, ceiling.max_amount),
        (
            "price_difference",
            "max_price_difference",
            req.price_difference,
            ceiling.max_price_difference,
        ),
    ];
    for (field, limit_name, value, limit) in money {
        let (Some(value), Some(limit)) = (value, limit) else {
            continue;
        };
        if !value.is_finite() || value.abs() > limit {
            return Some(over(
                cfg,
                req,
                field,
                limit_name,
                json!(value),
                json!(limit),
            ));
        }
    }
    if let (Some(n), Some(limit)) = (req.item_count, ceiling.max_items) {
        if n > limit {
            return Some(over(
                cfg,
                req,
                "item_count",
                "max_items",
                json!(n),
                json!(limit),
            ));
        }
    }
    None
}

fn over(
    cfg: &LimitsConfig,
    req: &WriteRequest,
    field: &str,
    limit_name: &str,
    value: serde_json::Value,
    limit: serde_json::Value,
) -> Decision {
    Decision::Deny {
        rule: DenyRule::ValueCeiling,
        reason: format!(
            "The {field} {value} of {} is above the ceiling {limit} for acting without approval.",
            req.action
        ),
        inputs: json!({
            "action": req.action,
            "field": field,
            "value": value,
            limit_name: limit,
            "policy_version": cfg.policy_version,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(amount: Option<f64>, diff: Option<f64>, items: Option<u32>) -> WriteRequest {
        WriteRequest {
            action: "return_delivered_order_items".into(),
            conversation_id: "c".into(),
            customer_id: "u".into(),
            amount,
            price_difference: diff,
            item_count: items,
            ticket_id: "t".into(),
            idempotency_key: "k".into(),
        }
    }

    #[test]
    fn refund_under_equal_and_over_the_ceiling() {
        let cfg = LimitsConfig::default();
        assert_eq!(
            check_ceilings(&cfg, &req(Some(499.99), None, Some(1))),
            None
        );
        assert_eq!(check_ceilings(&cfg, &req(Some(500.0), None, Some(5))), None);
        let d = check_ceilings(&cfg, &req(Some(500.01), None, Some(1))).unwrap();
        assert_eq!(d.rule(), Some(DenyRule::ValueCeiling));
        assert!(d.needs_approval());
        let Decision::Deny { inputs, .. } = d else {
            unreachable!()
        };
        assert_eq!(inputs["max_amount"], json!(500.0));
        assert_eq!(inputs["policy_version"], json!(cfg.policy_version));
    }

    #[test]
    fn items_over_the_ceiling() {
        let cfg = LimitsConfig::default();
        let d = check_ceilings(&cfg, &req(Some(10.0), None, Some(6))).unwrap();
        assert_eq!(d.rule(), Some(DenyRule::ValueCeiling));
    }

    #[test]
    fn price_difference_is_checked_by_absolute_value() {
        let cfg = LimitsConfig::default();
        let mut r = req(None, Some(-100.0), Some(1));
        r.action = "exchange_delivered_order_items".into();
        assert_eq!(check_ceilings(&cfg, &r), None);
        r.price_difference = Some(-100.5);
        assert!(check_ceilings(&cfg, &r).unwrap().needs_approval());
    }

    #[test]
    fn non_finite_values_are_over() {
        let cfg = LimitsConfig::default();
        for v in [f64::NAN, f64::INFINITY] {
            assert!(check_ceilings(&cfg, &req(Some(v), None, None)).is_some());
        }
    }

    #[test]
    fn unlisted_actions_hand_off_unless_allowed() {
        let mut cfg = LimitsConfig::default();
        let mut r = req(None, None, None);
        r.action = "delete_everything".into();
        let d = check_ceilings(&cfg, &r).unwrap();
        assert_eq!(d.rule(), Some(DenyRule::UnlistedAction));
        assert!(!d.needs_approval());
        cfg.unlisted_actions = UnlistedActions::Allow;
        assert_eq!(check_ceilings(&cfg, &r), None);
    }
}
