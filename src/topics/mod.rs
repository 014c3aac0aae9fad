//! The pipeline's topics.
//!
//! - [`declare`]: the declarations (`topics/topics.toml`) and their physical names.
//! - [`create`]: creating the missing ones (on a cluster or the embedded broker).
//! - [`existing`]: what the cluster has: partitions, replicas and settings of each.
//! - [`reconcile`]: `frontdesk topics apply`: create what is missing, fix the settings that
//!   can be changed in place, and report the rest as drift.
//! - [`error`]: what can go wrong ([`TopicsError`]).

mod create;
mod declare;
mod error;
mod existing;
mod reconcile;

pub use declare::{names, TopicDecl, Topics, DEFAULT_TOPICS};
pub use error::TopicsError;
pub use existing::{existing, Existing};
pub use reconcile::{Drift, Fix, Reconciled};
