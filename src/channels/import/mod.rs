//! `frontdesk import FILE`: backlogs to tickets, idempotent and resumable.
//!
//! - [`run`]: the driver: batches, counts, checkpoints, the progress bar, `--dry-run`.
//! - [`source`]: formats, detection and the unit stream with line numbers.
//! - [`csv`], [`mbox`], [`zendesk`]: the formats that need more than a line reader
//!   (JSONL and `.eml` folders are read in [`source`]).
//! - [`checkpoint`]: the `import_progress` table.

pub mod checkpoint;
pub mod csv;
pub mod mbox;
pub mod run;
pub mod source;
pub mod zendesk;

pub use checkpoint::Checkpoints;
pub use run::{run, ImportOptions, ImportSummary, Sinks};
pub use source::Format;
