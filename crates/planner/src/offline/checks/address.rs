//! A new address written in the text that no write uses.

use crate::customer::Customer;
use crate::text::Address;

/// A question when the text writes out an address ("... to 12 Birch Lane, Boise, ID 83702")
/// that is none of the customer's addresses on file (their default, any order's) and no
/// write sends anything there: the customer asked for something to go to that address and
/// the reading missed it, so proposing the rest, or answering and calling it done, would
/// leave that change undone.
pub(in crate::offline) fn address_not_written(
    text: &str,
    writes: &[crate::ProposedWrite],
    customer: &Customer,
) -> Option<String> {
    let on_file: Vec<Address> = customer
        .orders
        .values()
        .filter_map(|o| o.get("address"))
        .chain(customer.user.get("address"))
        .filter_map(Address::from_json)
        .collect();
    let written: Vec<String> = writes
        .iter()
        .filter_map(|w| w.args.get("address1").and_then(serde_json::Value::as_str))
        .map(street)
        .collect();
    crate::text::addresses(text).into_iter().find_map(|a| {
        let key = street(&a.address1);
        let known = on_file.iter().any(|f| street(&f.address1) == key);
        (!known && !written.contains(&key)).then(|| {
            format!(
                "You wrote the address {}, and I did not read what it is for. Should it become the shipping address of an order (which one), or your account's default address?",
                a.line()
            )
        })
    })
}

/// A street line compared without case, punctuation or repeated spaces.
fn street(line: &str) -> String {
    line.split_whitespace()
        .map(|w| crate::text::trim_word(w).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::address_not_written;

    fn to_order(address1: &str) -> crate::ProposedWrite {
        crate::ProposedWrite::new(
            "modify_pending_order_address",
            serde_json::json!({
                "order_id": "#W1000001",
                "address1": address1,
                "address2": "",
                "city": "Boise",
                "state": "ID",
                "country": "USA",
                "zip": "83702",
            }),
            "ship order #W1000001 to 12 Birch Lane".into(),
            "ana_lima_1",
        )
    }

    #[test]
    fn a_new_address_nothing_uses_is_asked_about() {
        let customer = crate::fixture::customer();
        let text = "Please cancel the mouse. Also my new place is 12 Birch Lane, Boise, ID 83702.";
        assert!(
            address_not_written(text, &[], &customer).is_some_and(|q| q.contains("12 Birch Lane"))
        );
        // the same address in a write, however it is spelt
        assert_eq!(
            address_not_written(text, &[to_order("12 birch lane")], &customer),
            None
        );
        assert!(address_not_written(text, &[to_order("14 Birch Lane")], &customer).is_some());
    }

    #[test]
    fn an_address_on_file_is_a_reference_not_a_request() {
        let customer = crate::fixture::customer();
        for text in [
            "I live at 1 Oak Street, Apt 2, Denver, CO 80202. Cancel the mouse please.",
            "Cancel the order going to 9 Elm Road, Austin, TX 78701.",
            "Cancel the mouse please.",
        ] {
            assert_eq!(address_not_written(text, &[], &customer), None, "{text}");
        }
    }
}
