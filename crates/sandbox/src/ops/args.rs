//! Each operation's typed arguments, parsed from the tool call's JSON.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::Operation;
use crate::StoreError;

/// Parses operation arguments, mapping any mismatch to a 400 `invalid_arguments` error.
pub fn parse_args<T: DeserializeOwned>(op: Operation, kwargs: &Value) -> Result<T, StoreError> {
    let kwargs = if kwargs.is_null() {
        Value::Object(Map::new())
    } else {
        kwargs.clone()
    };
    serde_json::from_value(kwargs).map_err(|e| {
        StoreError::bad_request(
            "invalid_arguments",
            format!("invalid arguments for {}: {e}", op.name()),
        )
    })
}

/// Arguments of `find_user_id_by_email`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmailArgs {
    /// The email to look up (case-insensitive).
    pub email: String,
}

/// Arguments of `find_user_id_by_name_zip`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NameZipArgs {
    /// First name (case-insensitive).
    pub first_name: String,
    /// Last name (case-insensitive).
    pub last_name: String,
    /// Zip code (exact).
    pub zip: String,
}

/// Arguments naming a user.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserIdArgs {
    /// The user id, e.g. `noah_brown_6181`.
    pub user_id: String,
}

/// Arguments naming an order.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrderIdArgs {
    /// The order id, e.g. `#W2611340`.
    pub order_id: String,
}

/// Arguments naming a product.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProductIdArgs {
    /// The product id, e.g. `9523456873`.
    pub product_id: String,
}

/// Arguments of operations without arguments.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoArgs {}

/// Arguments of `cancel_pending_order`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CancelArgs {
    /// The order id.
    pub order_id: String,
    /// `no longer needed` or `ordered by mistake`.
    pub reason: String,
}

/// An address-change argument struct: its key (the order or the user) and the new
/// address's six fields, declared once for both operations.
macro_rules! address_args {
    ($(#[$doc:meta])* $name:ident, $key:ident, $key_doc:literal) => {
        $(#[$doc])*
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            #[doc = $key_doc]
            pub $key: String,
            /// First address line.
            pub address1: String,
            /// Second address line (may be empty).
            pub address2: String,
            /// City.
            pub city: String,
            /// State or province.
            pub state: String,
            /// Country.
            pub country: String,
            /// Zip code.
            pub zip: String,
        }

        impl $name {
            /// The new address, with the reference's key order.
            pub fn address(&self) -> Value {
                json!({
                    "address1": self.address1,
                    "address2": self.address2,
                    "city": self.city,
                    "state": self.state,
                    "country": self.country,
                    "zip": self.zip,
                })
            }
        }
    };
}

address_args!(
    /// Arguments of `modify_pending_order_address`.
    OrderAddressArgs,
    order_id,
    "The order id."
);

address_args!(
    /// Arguments of `modify_user_address`.
    UserAddressArgs,
    user_id,
    "The user id."
);

/// Arguments of `modify_pending_order_payment`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaymentArgs {
    /// The order id.
    pub order_id: String,
    /// The new payment method, one of the user's.
    pub payment_method_id: String,
}

/// Arguments of `modify_pending_order_items` and `exchange_delivered_order_items`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemsArgs {
    /// The order id.
    pub order_id: String,
    /// Item ids in the order to change (duplicates allowed).
    pub item_ids: Vec<String>,
    /// The new item ids, position by position, of the same products.
    pub new_item_ids: Vec<String>,
    /// Payment method that pays or receives the price difference.
    pub payment_method_id: String,
}

/// Arguments of `return_delivered_order_items`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReturnArgs {
    /// The order id.
    pub order_id: String,
    /// Item ids in the order to return (duplicates allowed).
    pub item_ids: Vec<String>,
    /// Refund destination: the original payment method or a gift card.
    pub payment_method_id: String,
}
