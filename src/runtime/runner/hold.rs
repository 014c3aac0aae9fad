//! Fetching held back while a dependency every record needs is unavailable
//! ([`StageError::Unavailable`](crate::runtime::StageError::Unavailable)).

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Until when the whole stage holds back: set by record tasks, read by the poll thread.
#[derive(Default)]
pub(super) struct Hold {
    until: Mutex<Option<Instant>>,
}

impl Hold {
    /// Holds back for at least `d` from now.
    pub(super) fn extend(&self, d: Duration) {
        let mut u = self.until.lock().unwrap_or_else(|p| p.into_inner());
        let t = Instant::now() + d;
        *u = Some(u.map_or(t, |x| x.max(t)));
    }

    /// Whether the stage is holding back now.
    pub(super) fn active(&self) -> bool {
        self.until
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .is_some_and(|t| Instant::now() < t)
    }
}
