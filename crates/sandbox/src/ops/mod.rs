//! The store operations: names, typed arguments and the pure state changes of
//! the tau-bench retail tools, replicated exactly (checks in the same order,
//! same status strings, same payment-history entries, same float rounding).
//!
//! Functions here mutate in-memory JSON entities; [`crate::Store`] loads them
//! in a transaction and persists them only when the operation succeeds.

//! - [`args`] — each operation's typed arguments.
//! - `json` — reading and changing the stored JSON entities.
//! - [`writes`] — the state changes, one function per write operation.

pub mod args;
mod json;
pub mod writes;

pub use args::*;
pub use json::status;
pub use writes::*;

/// The reasons a pending order may be cancelled with.
pub const CANCEL_REASONS: [&str; 2] = ["no longer needed", "ordered by mistake"];

/// A store operation, named as the tau-bench retail tool it replicates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operation {
    /// `find_user_id_by_email {email}` (read).
    FindUserIdByEmail,
    /// `find_user_id_by_name_zip {first_name, last_name, zip}` (read).
    FindUserIdByNameZip,
    /// `get_user_details {user_id}` (read).
    GetUserDetails,
    /// `get_order_details {order_id}` (read).
    GetOrderDetails,
    /// `get_product_details {product_id}` (read).
    GetProductDetails,
    /// `list_all_product_types {}` (read).
    ListAllProductTypes,
    /// `cancel_pending_order {order_id, reason}` (write).
    CancelPendingOrder,
    /// `modify_pending_order_address {order_id, address1, address2, city, state, country, zip}` (write).
    ModifyPendingOrderAddress,
    /// `modify_pending_order_payment {order_id, payment_method_id}` (write).
    ModifyPendingOrderPayment,
    /// `modify_pending_order_items {order_id, item_ids, new_item_ids, payment_method_id}` (write).
    ModifyPendingOrderItems,
    /// `return_delivered_order_items {order_id, item_ids, payment_method_id}` (write).
    ReturnDeliveredOrderItems,
    /// `exchange_delivered_order_items {order_id, item_ids, new_item_ids, payment_method_id}` (write).
    ExchangeDeliveredOrderItems,
    /// `modify_user_address {user_id, address1, address2, city, state, country, zip}` (write).
    ModifyUserAddress,
}

impl Operation {
    /// Every operation.
    pub const ALL: [Operation; 13] = [
        Operation::FindUserIdByEmail,
        Operation::FindUserIdByNameZip,
        Operation::GetUserDetails,
        Operation::GetOrderDetails,
        Operation::GetProductDetails,
        Operation::ListAllProductTypes,
        Operation::CancelPendingOrder,
        Operation::ModifyPendingOrderAddress,
        Operation::ModifyPendingOrderPayment,
        Operation::ModifyPendingOrderItems,
        Operation::ReturnDeliveredOrderItems,
        Operation::ExchangeDeliveredOrderItems,
        Operation::ModifyUserAddress,
    ];

    /// The tau-bench tool name.
    pub fn name(self) -> &'static str {
        match self {
            Operation::FindUserIdByEmail => "find_user_id_by_email",
            Operation::FindUserIdByNameZip => "find_user_id_by_name_zip",
            Operation::GetUserDetails => "get_user_details",
            Operation::GetOrderDetails => "get_order_details",
            Operation::GetProductDetails => "get_product_details",
            Operation::ListAllProductTypes => "list_all_product_types",
            Operation::CancelPendingOrder => "cancel_pending_order",
            Operation::ModifyPendingOrderAddress => "modify_pending_order_address",
            Operation::ModifyPendingOrderPayment => "modify_pending_order_payment",
            Operation::ModifyPendingOrderItems => "modify_pending_order_items",
            Operation::ReturnDeliveredOrderItems => "return_delivered_order_items",
            Operation::ExchangeDeliveredOrderItems => "exchange_delivered_order_items",
            Operation::ModifyUserAddress => "modify_user_address",
        }
    }

    /// Looks an operation up by its tool name.
    pub fn from_name(name: &str) -> Option<Operation> {
        Operation::ALL.into_iter().find(|op| op.name() == name)
    }

    /// Whether the operation changes the store.
    pub fn is_write(self) -> bool {
        !matches!(
            self,
            Operation::FindUserIdByEmail
                | Operation::FindUserIdByNameZip
                | Operation::GetUserDetails
                | Operation::GetOrderDetails
                | Operation::GetProductDetails
                | Operation::ListAllProductTypes
        )
    }
}
