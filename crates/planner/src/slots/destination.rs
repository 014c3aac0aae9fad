//! Which order the text means by where it goes: "the one delivered to Pine Lane", "the order
//! I'm having shipped to my sister in Chicago".

use crate::customer::Customer;
use crate::text::{contains_words, normalise};

/// "the one delivered to Pine Lane", "the camera that went to Houston": of `holders`, the
/// one order whose shipping address's street (without its number) or city the text names,
/// when the others' are not named.
pub(super) fn by_destination(
    text: &str,
    holders: &[String],
    customer: &Customer,
) -> Option<String> {
    let norm = normalise(text);
    let named = |id: &String| -> bool {
        let Some(a) = customer.orders.get(id).and_then(|o| o.get("address")) else {
            return false;
        };
        let field = |k: &str| a.get(k).and_then(serde_json::Value::as_str).unwrap_or("");
        let street: String = field("address1")
            .split_whitespace()
            .skip_while(|w| w.chars().all(|c| c.is_ascii_digit()))
            .collect::<Vec<_>>()
            .join(" ");
        let street = normalise(&street);
        let city = normalise(field("city"));
        (street.split_whitespace().count() >= 2 && contains_words(&norm, &street))
            || (!city.is_empty() && contains_words(&norm, &city))
    };
    let fits: Vec<&String> = holders.iter().filter(|id| named(id)).collect();
    match fits.as_slice() {
        [one] => Some((*one).clone()),
        _ => None,
    }
}
