//! `frontdesk bench backlog`: how long a backlog takes to drain with each stage in its own
//! process, what each process costs in CPU and memory, the latency per ticket at half the
//! measured rate, and how the rate scales with two processes per stage.
//!
//! Three runs, each on fresh topics and consumer groups of the same broker, state database
//! and sandbox store (served over HTTP by this process):
//!
//! 1. **drain, one process per stage**: one `frontdesk run --demo --stages <stage>` child
//!    per stage starts and is warmed up on 50 tickets (process start, model loading and
//!    group joins are timed apart); then `N` tickets of the shipped kinds (the chaos
//!    suite's: every channel, Avro and JSON, the store's real customers) are published in
//!    one burst, far faster than they drain, and timed until the last is finished. The
//!    rate, each process's CPU time per ticket over the drain (`/proc/<pid>/stat`), the
//!    share of the machine's CPU busy meanwhile (`/proc/stat`) and each process's peak
//!    resident set (`VmHWM`).
//! 2. **half load**: fresh children, warmed up; first single tickets one after another
//!    (the idle floor: on a quiet pipeline each hop's fetch may wait `kafka.fetch_wait_max`
//!    at the broker), then a steady feed, one ticket every `2 / rate` seconds for
//!    `half_load_secs`. A ticket's latency is from its publishing to its outcome
//!    acknowledged (`processed_tickets.finished_at`).
//! 3. **drain, two processes per stage**: as 1, with every stage's consumer group of two
//!    processes; the scaling ratio is its rate over 1's.
//!
//! A ticket is finished when its terminal outcome (resolution or handoff) was acknowledged
//! by the broker and recorded in `processed_tickets`, which is what the bench counts.
//! On the embedded broker (librdkafka's mock cluster) the broker runs in this process and
//! the children reach it over TCP on loopback; its CPU and memory are this process's
//! (`harness`), beside the store's.
//!
//! - [`run`]: the options and the three runs.
//! - [`rig`]: the broker, database, store and config the runs share; one run's topics.
//! - [`drain`]: runs 1 and 3.
//! - [`latency`]: run 2.
//! - [`report`]: the figures and their summary for a person.

mod drain;
mod latency;
mod report;
mod rig;
mod run;

pub use drain::DrainRun;
pub use latency::HalfLoad;
pub use report::BacklogReport;
pub use run::{backlog, BacklogOptions};
