//! A new address written in the text that no write uses.

use std::sync::LazyLock;

use regex::Regex;

use crate::customer::Customer;
use crate::text::{re, Address};

/// A street line without the rest of the address: "445 Maple Drive", "12 Old Mill Rd".
static STREET_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b\d{1,6}\s+(?:[A-Z][A-Za-z'.-]*\s+){1,4}(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Court|Ct|Place|Pl|Terrace|Circle|Parkway|Trail|Square)\b",
    )
});

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
    // the streets on file, each compared as `street` reads it, computed once
    let on_file: Vec<String> = customer
        .address_records()
        .filter_map(Address::from_json)
        .map(|a| street(&a.address1))
        .collect();
    let written: Vec<String> = writes
        .iter()
        .filter_map(|w| w.args.get("address1").and_then(serde_json::Value::as_str))
        .map(street)
        .collect();
    // "1500 Westlake Ave" is the street of "1500 Westlake Ave N"
    let same = |a: &str, b: &str| {
        a == b || a.starts_with(&format!("{b} ")) || b.starts_with(&format!("{a} "))
    };
    let known = |key: &str| on_file.iter().chain(&written).any(|f| same(f, key));
    let ask = |line: &str| {
        format!(
            "You wrote the address {line}, and I did not read what it is for. Should it become the shipping address of an order (which one), or your account's default address?"
        )
    };
    if let Some(a) = crate::text::addresses(text)
        .into_iter()
        .find(|a| !known(&street(&a.address1)))
    {
        return Some(ask(&a.line()));
    }
    // "please send it to 445 Maple Drive instead": a street written without city and zip
    STREET_LINE
        .find_iter(text)
        .map(|m| m.as_str())
        .find(|line| !known(&street(line)))
        .map(ask)
}

/// A street line compared without case, punctuation or repeated spaces, its street type
/// spelled out ("Maple Dr." is "maple drive").
fn street(line: &str) -> String {
    line.split_whitespace()
        .map(|w| {
            let w = crate::text::trim_word(w).to_lowercase();
            match w.as_str() {
                "st" => "street".to_owned(),
                "ave" => "avenue".to_owned(),
                "rd" => "road".to_owned(),
                "ln" => "lane".to_owned(),
                "dr" => "drive".to_owned(),
                "blvd" => "boulevard".to_owned(),
                "ct" => "court".to_owned(),
                "pl" => "place".to_owned(),
                _ => w,
            }
        })
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
        // a street line alone, and the same street on file written short
        let text = "Cancel the mouse, and send the lamp to 12 Birch Lane instead.";
        assert!(
            address_not_written(text, &[], &customer).is_some_and(|q| q.contains("12 Birch Lane"))
        );
        assert_eq!(
            address_not_written(text, &[to_order("12 Birch Ln.")], &customer),
            None
        );
        assert_eq!(
            address_not_written("Cancel the order going to 9 Elm Rd please.", &[], &customer),
            None
        );
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
