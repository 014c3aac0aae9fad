//! [`OfflinePlanner`]: the planner that follows the procedures file, with no model.
//!
//! - [`planner`]: the planner and one turn's path.
//! - [`gate`]: a one-time code or a proposal the conversation waits for.
//! - [`identity`]: turns that identity decides (hand-offs, one-time codes).
//! - [`resolve`]: the ticket's requests resolved against the store.
//! - [`outcomes`]: every request resolved, with the conditions written on them.
//! - [`checks`]: the proposed writes checked against what the text says (a count of things
//!   asked for, items said to stay).
//! - [`antecedent`]: the order a pronoun points back to.
//! - [`implied`]: item changes asked without a change verb.
//! - [`lists`]: headings and the list lines under them.
//! - [`return_list`]: a return heading's item lines joined into its sentence.
//! - [`select`]: which requests stand.
//! - [`combine`]: combining the writes of several requests.

mod antecedent;
mod checks;
mod combine;
mod gate;
mod identity;
mod implied;
mod lists;
mod outcomes;
mod planner;
mod resolve;
mod return_list;
mod select;

pub use planner::OfflinePlanner;

#[cfg(test)]
mod tests;
