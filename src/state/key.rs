//! What makes a ticket the same ticket.

use crate::messages::Ticket;

/// The ticket header naming the tenant (the store) a ticket belongs to; absent: the one
/// default tenant.
pub const TENANT_HEADER: &str = frontdesk_sandbox::TENANT_HEADER;

/// What makes a ticket the same ticket: its id within its channel and tenant. Two
/// channels (or two stores) may issue the same id for different tickets.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TicketKey {
    /// The ticket's id as its channel issued it.
    pub ticket_id: String,
    /// Its channel (`Channel::as_str`).
    pub channel: String,
    /// Its tenant ([`TENANT_HEADER`]), empty for the default one.
    pub tenant: String,
}

impl TicketKey {
    /// The key of `ticket`.
    pub fn of(ticket: &Ticket) -> TicketKey {
        TicketKey {
            ticket_id: ticket.ticket_id.clone(),
            channel: ticket.channel.as_str().to_owned(),
            tenant: ticket
                .headers
                .get(TENANT_HEADER)
                .cloned()
                .unwrap_or_default(),
        }
    }
}

impl std::fmt::Display for TicketKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}/{}", self.tenant, self.channel, self.ticket_id)
    }
}
