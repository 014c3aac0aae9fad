//! Per-key scheduling: records with the same key run one at a time, in arrival (offset)
//! order; records with different keys run concurrently.

use std::collections::{HashMap, VecDeque};

/// Queues of records waiting behind a running record of the same key.
#[derive(Debug)]
pub struct KeyedQueue<T> {
    queues: HashMap<Vec<u8>, VecDeque<T>>,
}

impl<T> Default for KeyedQueue<T> {
    fn default() -> Self {
        KeyedQueue {
            queues: HashMap::new(),
        }
    }
}

impl<T> KeyedQueue<T> {
    /// Offers a record. Returns it back if its key is idle (the caller runs it now);
    /// otherwise queues it behind the running one.
    pub fn offer(&mut self, key: &[u8], item: T) -> Option<T> {
        match self.queues.get_mut(key) {
            Some(q) => {
                q.push_back(item);
                None
            }
            None => {
                self.queues.insert(key.to_vec(), VecDeque::new());
                Some(item)
            }
        }
    }

    /// The running record of `key` finished: returns the next one to run, if any; the key
    /// becomes idle when none is left.
    pub fn finish(&mut self, key: &[u8]) -> Option<T> {
        let q = self.queues.get_mut(key)?;
        match q.pop_front() {
            Some(next) => Some(next),
            None => {
                self.queues.remove(key);
                None
            }
        }
    }

    /// Drops every queued (not running) record for which `drop` is true, returning them.
    pub fn drain_where(&mut self, mut drop: impl FnMut(&T) -> bool) -> Vec<T> {
        let mut out = Vec::new();
        for q in self.queues.values_mut() {
            let mut keep = VecDeque::with_capacity(q.len());
            for item in q.drain(..) {
                if drop(&item) {
                    out.push(item);
                } else {
                    keep.push_back(item);
                }
            }
            *q = keep;
        }
        out
    }

    /// Keys with a running record.
    pub fn active_keys(&self) -> usize {
        self.queues.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_key_runs_in_order_one_at_a_time() {
        let mut q = KeyedQueue::default();
        assert_eq!(q.offer(b"a", 1), Some(1));
        assert_eq!(q.offer(b"b", 2), Some(2), "other keys run concurrently");
        assert_eq!(q.offer(b"a", 3), None);
        assert_eq!(q.offer(b"a", 4), None);
        assert_eq!(q.finish(b"a"), Some(3));
        assert_eq!(q.finish(b"a"), Some(4));
        assert_eq!(q.finish(b"a"), None);
        assert_eq!(q.offer(b"a", 5), Some(5), "idle again");
        assert_eq!(q.active_keys(), 2);
    }

    #[test]
    fn drain_where_removes_only_matching_queued_items() {
        let mut q = KeyedQueue::default();
        q.offer(b"a", 1);
        q.offer(b"a", 2);
        q.offer(b"a", 3);
        assert_eq!(q.drain_where(|x| *x == 2), vec![2]);
        assert_eq!(q.finish(b"a"), Some(3));
    }
}
