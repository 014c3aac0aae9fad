//! [`Ctx`]: one request on one order with its procedure, and the writes it builds.

use serde_json::Value;

use crate::customer::Customer;
use crate::requests::Request;
use crate::{Procedure, Procedures, ProposedWrite};

use super::Resolution;

/// One request resolved against one order with the procedure that serves it.
pub(super) struct Ctx<'a> {
    pub(super) req: &'a Request,
    pub(super) customer: &'a Customer,
    pub(super) procedures: &'a Procedures,
    pub(super) full_text: &'a str,
    pub(super) order_id: &'a str,
    pub(super) procedure: &'a Procedure,
}

impl Ctx<'_> {
    pub(super) fn write(&self, args: Value, summary: String) -> ProposedWrite {
        ProposedWrite {
            tool: self.procedure.spec.tool.clone().unwrap_or_default(),
            args,
            summary,
            user_id: self.customer.user_id.clone(),
            order_id: Some(self.order_id.to_owned()),
            item_count: 0,
            refund_amount: None,
            charge_amount: None,
            price_difference: None,
            payment_method_id: None,
            payment_method_label: None,
        }
    }

    pub(super) fn done(&self, w: ProposedWrite) -> Resolution {
        Resolution::Write(Box::new(w), self.procedure.spec.name.clone())
    }
}
