//! Time, behind a trait so tests can fake it: a monotonic reading drives the governor rate
//! limiters, a wall-clock reading gives the UTC day of the daily cap.

use std::fmt::Debug;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use governor::nanos::Nanos;

/// A source of time for the gate.
pub trait Clock: Send + Sync + Debug + 'static {
    /// Monotonic time since an arbitrary origin; never goes backwards.
    fn monotonic(&self) -> Duration;
    /// Wall-clock time in milliseconds since the Unix epoch.
    fn unix_ms(&self) -> i64;
    /// The current UTC day, `YYYY-MM-DD` (the key of the daily cap).
    fn today(&self) -> String {
        utc_day(self.unix_ms())
    }
}

/// The UTC day (`YYYY-MM-DD`) of a Unix time in milliseconds.
pub fn utc_day(unix_ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(unix_ms)
        .map(|t| t.date_naive().to_string())
        .unwrap_or_else(|| "1970-01-01".to_owned())
}

/// The real clock: `std::time::Instant` and `SystemTime`.
#[derive(Debug, Clone)]
pub struct SystemClock {
    origin: Instant,
}

impl Default for SystemClock {
    fn default() -> Self {
        SystemClock {
            origin: Instant::now(),
        }
    }
}

impl Clock for SystemClock {
    fn monotonic(&self) -> Duration {
        self.origin.elapsed()
    }

    fn unix_ms(&self) -> i64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
            .unwrap_or(0)
    }
}

/// A clock that moves only when told to; clones share the same time.
#[derive(Debug, Clone)]
pub struct ManualClock {
    mono_nanos: Arc<AtomicU64>,
    unix_ms: Arc<AtomicI64>,
}

impl ManualClock {
    /// A clock standing at the given wall-clock time (Unix ms), monotonic time zero.
    pub fn at_unix_ms(unix_ms: i64) -> ManualClock {
        ManualClock {
            mono_nanos: Arc::new(AtomicU64::new(0)),
            unix_ms: Arc::new(AtomicI64::new(unix_ms)),
        }
    }

    /// Moves both readings forward.
    pub fn advance(&self, by: Duration) {
        let nanos = u64::try_from(by.as_nanos()).unwrap_or(u64::MAX);
        self.mono_nanos.fetch_add(nanos, Ordering::SeqCst);
        let ms = i64::try_from(by.as_millis()).unwrap_or(i64::MAX);
        self.unix_ms.fetch_add(ms, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn monotonic(&self) -> Duration {
        Duration::from_nanos(self.mono_nanos.load(Ordering::SeqCst))
    }

    fn unix_ms(&self) -> i64 {
        self.unix_ms.load(Ordering::SeqCst)
    }
}

/// Adapts a [`Clock`] to governor's clock trait.
#[derive(Debug, Clone)]
pub(crate) struct GovernorClock(pub(crate) Arc<dyn Clock>);

impl governor::clock::Clock for GovernorClock {
    type Instant = Nanos;

    fn now(&self) -> Nanos {
        Nanos::from(self.0.monotonic())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_day_rolls_over_at_midnight() {
        // 2026-11-24T23:59:59.999Z
        let ms = 1_795_564_799_999;
        assert_eq!(utc_day(ms), "2026-11-24");
        assert_eq!(utc_day(ms + 1), "2026-11-25");
    }

    #[test]
    fn manual_clock_advances_both_readings() {
        let c = ManualClock::at_unix_ms(1_000);
        let d = c.clone();
        c.advance(Duration::from_secs(2));
        assert_eq!(d.monotonic(), Duration::from_secs(2));
        assert_eq!(d.unix_ms(), 3_000);
    }
}
