//! A one-way stop flag that many record tasks check and wait on.
//!
//! `tokio_util`'s `CancellationToken` takes a mutex on every `is_cancelled` and on every
//! poll of `cancelled()`; with a few hundred records of one partition in flight, all
//! sharing their partition's token, that mutex was contended on every record. A [`Flag`]
//! is an atomic read to check and one waiter registration per wait.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use tokio::sync::Notify;

/// Raised once, never lowered; cheap to clone (one `Arc`).
#[derive(Debug, Clone, Default)]
pub struct Flag(Arc<Inner>);

#[derive(Debug, Default)]
struct Inner {
    raised: AtomicBool,
    notify: Notify,
}

impl Flag {
    /// A lowered flag.
    pub fn new() -> Self {
        Self::default()
    }

    /// Raises the flag and wakes every waiter.
    pub fn raise(&self) {
        self.0.raised.store(true, Ordering::Release);
        self.0.notify.notify_waiters();
    }

    /// Whether `other` is a clone of this flag.
    pub fn same(&self, other: &Flag) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }

    /// Whether the flag is raised.
    pub fn is_raised(&self) -> bool {
        self.0.raised.load(Ordering::Acquire)
    }

    /// Resolves once the flag is raised.
    pub async fn raised(&self) {
        loop {
            let notified = self.0.notify.notified();
            tokio::pin!(notified);
            // Registered before the check, so a raise between the two is not missed.
            notified.as_mut().enable();
            if self.is_raised() {
                return;
            }
            notified.await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test]
    async fn waiters_wake_on_raise_and_late_waiters_return_at_once() {
        let flag = Flag::new();
        assert!(!flag.is_raised());
        let waiters: Vec<_> = (0..8)
            .map(|_| {
                let f = flag.clone();
                tokio::spawn(async move { f.raised().await })
            })
            .collect();
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert!(waiters.iter().all(|w| !w.is_finished()));
        flag.raise();
        for w in waiters {
            tokio::time::timeout(Duration::from_secs(5), w)
                .await
                .expect("woken")
                .unwrap();
        }
        assert!(flag.is_raised());
        tokio::time::timeout(Duration::from_millis(100), flag.raised())
            .await
            .expect("an already raised flag does not wait");
    }
}
