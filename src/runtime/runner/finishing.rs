//! Tickets whose terminal record is on its way: between the moment its outputs are with
//! the producer (and its key released) and the moment its finished mark is written.
//!
//! A conversation's next record may start while the previous one's outputs are still being
//! acknowledged. If that next record is a second copy of the same ticket (an earlier stage
//! produced it twice after a crash), the `processed_tickets` check would not see the first
//! copy finished yet and the ticket would get a second outcome. So the terminal stage asks
//! here first, and a copy of a ticket still finishing waits until its mark is written (or
//! the first copy was abandoned). The same ticket always has the same key, hence the same
//! partition and process: an in-process registry is enough.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::runtime::flag::Flag;
use crate::state::TicketKey;

/// The registry; cheap to share (`Arc`).
#[derive(Default)]
pub(super) struct Finishing {
    tickets: Mutex<HashMap<TicketKey, Flag>>,
}

/// A ticket registered as finishing; dropping it ends that (and wakes the waiters).
pub(super) struct Registered {
    registry: Arc<Finishing>,
    key: TicketKey,
    flag: Flag,
}

impl Drop for Registered {
    fn drop(&mut self) {
        let mut t = self
            .registry
            .tickets
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        // Only our own entry: a later registration of the same ticket keeps its own.
        if t.get(&self.key).is_some_and(|f| f.same(&self.flag)) {
            t.remove(&self.key);
        }
        drop(t);
        self.flag.raise();
    }
}

impl Finishing {
    /// Registers `key` as finishing until the returned guard is dropped.
    pub(super) fn register(self: &Arc<Self>, key: TicketKey) -> Registered {
        let flag = Flag::new();
        self.tickets
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(key.clone(), flag.clone());
        Registered {
            registry: self.clone(),
            key,
            flag,
        }
    }

    /// Waits while `key` is finishing.
    pub(super) async fn settled(&self, key: &TicketKey) {
        let flag = self
            .tickets
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(key)
            .cloned();
        if let Some(flag) = flag {
            flag.raised().await;
        }
    }

    /// Tickets finishing now.
    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.tickets.lock().unwrap_or_else(|p| p.into_inner()).len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn key(id: &str) -> TicketKey {
        TicketKey {
            ticket_id: id.to_owned(),
            channel: "chat".to_owned(),
            tenant: String::new(),
        }
    }

    #[tokio::test]
    async fn a_copy_waits_until_the_first_is_marked() {
        let f = Arc::new(Finishing::default());
        f.settled(&key("t1")).await; // nothing finishing: returns at once
        let first = f.register(key("t1"));
        let waiter = {
            let f = f.clone();
            tokio::spawn(async move { f.settled(&key("t1")).await })
        };
        tokio::time::sleep(Duration::from_millis(30)).await;
        assert!(!waiter.is_finished(), "waits while t1 is finishing");
        f.settled(&key("t2")).await; // another ticket does not wait
        drop(first);
        tokio::time::timeout(Duration::from_secs(5), waiter)
            .await
            .expect("woken")
            .unwrap();
        assert_eq!(f.len(), 0);
    }
}
