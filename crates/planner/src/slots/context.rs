//! [`Ctx`]: one request on one order with its procedure, and the writes it builds.

use serde_json::Value;

use crate::customer::{Customer, Item};
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
        let tool = self.procedure.spec.tool.as_deref().unwrap_or_default();
        let mut w = ProposedWrite::new(tool, args, summary, &self.customer.user_id);
        w.order_id = Some(self.order_id.to_owned());
        w
    }

    pub(super) fn done(&self, w: ProposedWrite) -> Resolution {
        Resolution::Write(Box::new(w), self.procedure.spec.name.clone())
    }

    /// The question that lists `items` of the order when which of them the request acts on
    /// is not written.
    pub(super) fn which_items(&self, items: &[Item]) -> Resolution {
        Resolution::ask(format!(
            "Which items of order {} do you mean: {}?",
            self.order_id,
            items.iter().map(Item::label).collect::<Vec<_>>().join("; ")
        ))
    }
}
