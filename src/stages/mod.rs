//! The pipeline's stages, in the order a ticket meets them, each a folder holding the stage
//! and its seams. The order and each stage's topics are declared once, in [`StageKind::spec`]:
//! the wiring ([`crate::pipeline::wiring`]), `frontdesk run --stages` and the docs follow it.
//!
//! | stage | folder | reads | forwards to | also writes |
//! |---|---|---|---|---|
//! | router | [`router`]: the stage, its classifiers, the model fallback | `inbound.*` (tickets) | `routed` | |
//! | tools | [`tools`]: the stage, the executor seam, the write path, the model planner | `routed` | `acted` | `audit` |
//! | grounding | [`grounding`]: the stage and its index | `acted` | `grounded` | |
//! | policy | [`policy`]: the stage, the pre-action gates, the reply and summary writers | `grounded` | | `resolutions`, `handoffs`, `audit` |
//!
//! Every stage may also write `deadletter` (through the runner).

pub mod grounding;
pub mod policy;
pub mod router;
pub mod tools;

use std::str::FromStr;

use crate::topics::names;

/// The stages, in pipeline order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StageKind {
    /// Intent, band and allow-list.
    Router,
    /// Plans, reads and (gated) writes.
    Tools,
    /// Help-center retrieval.
    Grounding,
    /// Gates, then resolution or handoff.
    Policy,
}

/// Where a stage reads from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reads {
    /// Every channel's inbound topic (tickets).
    Inbound,
    /// One intermediate topic of envelopes (its logical name).
    Envelopes(&'static str),
}

/// A stage's place in the pipeline: its name and its topics (logical names).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageSpec {
    /// Name on the command line, in group ids, metrics, decisions and hops.
    pub name: &'static str,
    /// What it consumes.
    pub reads: Reads,
    /// Where it forwards envelopes; `None` for the terminal stage, which resolves or hands
    /// off (the `resolutions` and `handoffs` topics).
    pub forwards_to: Option<&'static str>,
}

impl StageKind {
    /// All stages in order.
    pub const ALL: [StageKind; 4] = [
        StageKind::Router,
        StageKind::Tools,
        StageKind::Grounding,
        StageKind::Policy,
    ];

    /// The stage's place in the pipeline, declared once.
    pub const fn spec(self) -> StageSpec {
        match self {
            StageKind::Router => StageSpec {
                name: "router",
                reads: Reads::Inbound,
                forwards_to: Some(names::ROUTED),
            },
            StageKind::Tools => StageSpec {
                name: "tools",
                reads: Reads::Envelopes(names::ROUTED),
                forwards_to: Some(names::ACTED),
            },
            StageKind::Grounding => StageSpec {
                name: "grounding",
                reads: Reads::Envelopes(names::ACTED),
                forwards_to: Some(names::GROUNDED),
            },
            StageKind::Policy => StageSpec {
                name: "policy",
                reads: Reads::Envelopes(names::GROUNDED),
                forwards_to: None,
            },
        }
    }

    /// Name used on the command line, in group ids and metrics.
    pub const fn as_str(self) -> &'static str {
        self.spec().name
    }
}

impl FromStr for StageKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        StageKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                format!("unknown stage `{s}` (expected router, tools, grounding or policy)")
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each stage reads what the one before it forwards: the table is one path.
    #[test]
    fn each_stage_reads_what_the_previous_one_forwards() {
        let specs: Vec<StageSpec> = StageKind::ALL.iter().map(|k| k.spec()).collect();
        assert_eq!(specs[0].reads, Reads::Inbound);
        for pair in specs.windows(2) {
            assert_eq!(
                pair[1].reads,
                Reads::Envelopes(pair[0].forwards_to.unwrap())
            );
        }
        assert_eq!(specs.last().unwrap().forwards_to, None);
        for k in StageKind::ALL {
            assert_eq!(k.as_str().parse::<StageKind>().unwrap(), k);
        }
    }
}
