//! Prints how the offline planner splits a message into requests: each request's kind,
//! clause, order ids and condition. A development aid for reading a phrasing the planner
//! gets wrong.
//!
//! ```sh
//! cargo run -p frontdesk-planner --example explain -- "Return the lamp from #W1234567."
//! ```

use frontdesk_planner::requests::extract;
use frontdesk_planner::Procedures;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let text = std::env::args().skip(1).collect::<Vec<_>>().join(" ");
    if text.trim().is_empty() {
        return Err("usage: explain \"<message text>\"".into());
    }
    let procedures = Procedures::shipped()?;
    for r in extract(&text, &procedures) {
        println!(
            "{:<12} orders={:?} context={:?} retracted={} condition={:?}\n    {:?}",
            r.kind, r.order_ids, r.context_order, r.retracted, r.condition, r.clause
        );
    }
    Ok(())
}
