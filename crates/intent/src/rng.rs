//! The seeded generator behind the SVM's visiting order and the stratified
//! splits: the project's one SplitMix64, kept in `frontdesk-embed` (which
//! every model crate already depends on) and re-exported here.

pub use frontdesk_embed::rng::{splitmix, SplitMix64};
