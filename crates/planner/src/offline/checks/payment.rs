//! Money moved through a payment method the text does not name.

use crate::customer::Customer;

/// A question when the text names how to pay or be refunded ("take the extra cost from my gift
/// card", "refund to PayPal") and a write pays or refunds through a method it does not name,
/// unless the text points at the order's own method ("the card I paid with"): a reading that
/// fell back to a default there would move money where the customer did not say.
pub(in crate::offline) fn payment_not_named(
    text: &str,
    writes: &[crate::ProposedWrite],
    customer: &Customer,
) -> Option<String> {
    let mut named = Vec::new();
    frontdesk_intent::entities::extract_payment_methods(text, &mut named);
    let mut named: Vec<String> = named.into_iter().map(|e| e.value).collect();
    if crate::slots::payment::STORE_CREDIT.is_match(text) {
        named.push("gift_card".to_owned());
    }
    if named.is_empty() || crate::slots::payment::asks_original(text) {
        return None;
    }
    let methods = customer.payment_methods();
    for w in writes {
        let Some(id) = w
            .args
            .get("payment_method_id")
            .and_then(serde_json::Value::as_str)
        else {
            continue;
        };
        let Some((_, m)) = methods.iter().find(|(k, _)| k == id) else {
            continue;
        };
        // "change payment to paypal_8049766": the method's own id
        let by_id = crate::text::payment_ids(text).iter().any(|p| p == id);
        let fits = by_id
            || named
                .iter()
                .any(|v| crate::slots::payment::names_method(v, m));
        if !fits {
            return Some(format!(
                "I read {} to use your {}, which your message does not name. Which payment method should I use for it?",
                w.summary,
                customer.payment_label(id)
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::payment_not_named;

    fn paid_with(method: &str) -> crate::ProposedWrite {
        crate::ProposedWrite::new(
            "modify_pending_order_items",
            serde_json::json!({
                "order_id": "#W1000001",
                "item_ids": ["mouse_black_laser"],
                "payment_method_id": method,
            }),
            "modify Gaming Mouse".into(),
            "ana_lima_1",
        )
    }

    #[test]
    fn a_method_the_text_does_not_name_is_asked_about() {
        let customer = crate::fixture::customer();
        let text = "Make the mouse white. Take the extra cost from my gift card.";
        assert!(payment_not_named(text, &[paid_with("paypal_1")], &customer)
            .is_some_and(|q| q.contains("PayPal")));
        assert_eq!(
            payment_not_named(text, &[paid_with("gift_card_3")], &customer),
            None
        );
        assert!(payment_not_named(
            "Make the mouse white and charge my Mastercard.",
            &[paid_with("credit_card_2")],
            &customer
        )
        .is_some());
        for text in [
            "Make the mouse white and charge my Visa.",
            "Make the mouse white, card ending in 1111 please.",
            "Make the mouse white.",
            "Make the mouse white and use the card that order was paid with.",
            "Make the mouse white, pay with credit_card_2 and not the gift card.",
        ] {
            assert_eq!(
                payment_not_named(text, &[paid_with("credit_card_2")], &customer),
                None,
                "{text}"
            );
        }
    }
}
