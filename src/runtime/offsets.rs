//! Which offset of a partition may be committed.
//!
//! Records of one partition finish out of order (different keys run concurrently). The
//! committed offset may only move to the lowest offset still in flight: everything below
//! it has had all its outputs acknowledged.

use std::collections::BTreeSet;

/// In-flight offsets of one partition.
#[derive(Debug, Default, Clone)]
pub struct PartitionOffsets {
    pending: BTreeSet<i64>,
    /// One past the highest offset accepted.
    next: Option<i64>,
    /// The last offset handed to the consumer for commit.
    stored: Option<i64>,
}

impl PartitionOffsets {
    /// An offset was accepted for processing.
    pub fn accept(&mut self, offset: i64) {
        // Nothing before the first accepted offset is ours to commit.
        self.stored.get_or_insert(offset);
        self.pending.insert(offset);
        self.next = Some(self.next.map_or(offset + 1, |n| n.max(offset + 1)));
    }

    /// An offset finished (all outputs acknowledged). Returns the new commit position
    /// (the next offset to read) if it moved forward.
    pub fn complete(&mut self, offset: i64) -> Option<i64> {
        self.pending.remove(&offset);
        let position = self.position()?;
        if self.stored.is_some_and(|s| s >= position) {
            return None;
        }
        self.stored = Some(position);
        Some(position)
    }

    /// The next offset to read after a restart: the lowest pending one, else one past the highest seen.
    pub fn position(&self) -> Option<i64> {
        self.pending.first().copied().or(self.next)
    }

    /// Offsets accepted and not finished.
    pub fn in_flight(&self) -> usize {
        self.pending.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn commit_waits_for_the_lowest_in_flight_offset() {
        let mut p = PartitionOffsets::default();
        for o in 10..15 {
            p.accept(o);
        }
        assert_eq!(p.complete(12), None, "10 and 11 are still in flight");
        assert_eq!(p.complete(11), None);
        assert_eq!(p.complete(10), Some(13));
        assert_eq!(p.complete(14), None, "13 still in flight");
        assert_eq!(p.complete(13), Some(15));
        assert_eq!(p.in_flight(), 0);
    }

    proptest! {
        /// Whatever the completion order, the stored position never passes an unfinished offset
        /// and ends one past the last offset.
        #[test]
        fn position_never_passes_an_unfinished_offset(order in Just((0i64..40).collect::<Vec<_>>()).prop_shuffle()) {
            let mut p = PartitionOffsets::default();
            for o in 0..40 { p.accept(o); }
            let mut done = std::collections::BTreeSet::new();
            let mut last = 0;
            for o in order {
                done.insert(o);
                if let Some(pos) = p.complete(o) {
                    prop_assert!(pos > last);
                    prop_assert!((0..pos).all(|x| done.contains(&x)));
                    last = pos;
                }
            }
            prop_assert_eq!(last, 40);
        }
    }
}
