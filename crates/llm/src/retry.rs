//! Retry policy: exponential backoff with jitter (backon's schedule) that honours
//! `retry-after`, capped.

use std::time::{Duration, SystemTime};

use backon::{BackoffBuilder, ExponentialBackoff, ExponentialBuilder};
use reqwest::header::HeaderMap;
use serde::{Deserialize, Serialize};

use crate::error::LlmError;

/// How a provider retries transient failures (429, 5xx, timeouts) inside one call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetryConfig {
    /// Retries after the first attempt (0: fail fast and let the runner pause).
    #[serde(default = "default_max_retries")]
    pub max_retries: u32,
    /// Backoff base: retry `n` sleeps a random time in `[d/2, d)`, `d = min(max_delay, base_delay·2ⁿ)`.
    #[serde(with = "humantime_serde", default = "default_base_delay")]
    pub base_delay: Duration,
    /// Cap of one backoff sleep.
    #[serde(with = "humantime_serde", default = "default_max_delay")]
    pub max_delay: Duration,
    /// Longest `retry-after` honoured inside a call; when the provider asks for more, the call
    /// returns [`LlmError::RateLimited`] at once so the stage pauses instead of holding a slot.
    #[serde(with = "humantime_serde", default = "default_max_retry_after")]
    pub max_retry_after: Duration,
}

const fn default_max_retries() -> u32 {
    3
}
const fn default_base_delay() -> Duration {
    Duration::from_millis(500)
}
const fn default_max_delay() -> Duration {
    Duration::from_secs(20)
}
const fn default_max_retry_after() -> Duration {
    Duration::from_secs(30)
}

impl Default for RetryConfig {
    fn default() -> Self {
        Self {
            max_retries: default_max_retries(),
            base_delay: default_base_delay(),
            max_delay: default_max_delay(),
            max_retry_after: default_max_retry_after(),
        }
    }
}

impl RetryConfig {
    /// The delays of one call's retries: backon's exponential schedule from `base_delay`,
    /// capped at `max_delay`, with jitter, `max_retries` of them.
    pub fn delays(&self) -> ExponentialBackoff {
        ExponentialBuilder::new()
            .with_min_delay(self.base_delay / 2)
            .with_max_delay(self.max_delay / 2)
            .with_jitter()
            .with_max_times(self.max_retries as usize)
            .build()
    }

    /// How long to sleep before the next retry after `error`, or `None` to give up (not
    /// transient, retries spent, or a `retry-after` longer than `max_retry_after`).
    pub fn next_delay(
        &self,
        delays: &mut ExponentialBackoff,
        error: &LlmError,
    ) -> Option<Duration> {
        if !error.is_transient() {
            return None;
        }
        let scheduled = delays.next()?;
        match error.retry_after() {
            Some(asked) => (asked <= self.max_retry_after).then_some(asked),
            None => Some(scheduled),
        }
    }
}

/// The wait a response asks for: `retry-after-ms` (OpenAI), else `retry-after` as seconds
/// (possibly fractional) or an HTTP date.
pub fn parse_retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let text = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    if let Some(ms) = text("retry-after-ms").and_then(|v| v.parse::<f64>().ok()) {
        if ms.is_finite() && ms >= 0.0 {
            return Some(Duration::from_secs_f64(ms / 1000.0));
        }
    }
    let value = text("retry-after")?;
    if let Ok(secs) = value.parse::<f64>() {
        return (secs.is_finite() && secs >= 0.0).then(|| Duration::from_secs_f64(secs));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn headers(name: &'static str, value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(name, HeaderValue::from_str(value).unwrap());
        h
    }

    #[test]
    fn retry_after_in_seconds_and_as_a_date() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_480);
        assert_eq!(
            parse_retry_after(&headers("retry-after", "7"), now),
            Some(Duration::from_secs(7))
        );
        assert_eq!(
            parse_retry_after(
                &headers("retry-after", "Wed, 21 Oct 2015 07:28:10 GMT"),
                now
            ),
            Some(Duration::from_secs(10))
        );
        assert_eq!(
            parse_retry_after(
                &headers("retry-after", "Wed, 21 Oct 2015 07:27:00 GMT"),
                now
            ),
            Some(Duration::ZERO)
        );
        assert_eq!(
            parse_retry_after(&headers("retry-after-ms", "250"), now),
            Some(Duration::from_millis(250))
        );
        assert_eq!(
            parse_retry_after(&headers("retry-after", "soon"), now),
            None
        );
        assert_eq!(parse_retry_after(&HeaderMap::new(), now), None);
    }

    #[test]
    fn delays_stay_under_the_cap_and_run_out_with_the_retries() {
        let c = RetryConfig {
            max_retries: 10,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(300),
            max_retry_after: Duration::from_secs(1),
        };
        let delays: Vec<Duration> = c.delays().collect();
        assert_eq!(delays.len(), 10);
        for (retry, d) in delays.iter().enumerate() {
            let cap = Duration::from_millis(100 * 2u64.pow(retry as u32)).min(c.max_delay);
            assert!(*d <= cap && *d >= Duration::from_millis(50), "{d:?}");
        }
    }

    #[test]
    fn delay_honours_retry_after_up_to_the_cap() {
        let c = RetryConfig::default();
        let rl = |s| LlmError::RateLimited {
            retry_after: Some(Duration::from_secs(s)),
            message: String::new(),
        };
        let mut d = c.delays();
        assert_eq!(c.next_delay(&mut d, &rl(5)), Some(Duration::from_secs(5)));
        assert_eq!(
            c.next_delay(&mut d, &rl(120)),
            None,
            "too long: pause instead"
        );
        let mut spent = c.delays();
        for _ in 0..c.max_retries {
            assert!(c.next_delay(&mut spent, &rl(1)).is_some());
        }
        assert_eq!(c.next_delay(&mut spent, &rl(1)), None, "retries spent");
        let bad = LlmError::BadResponse(String::new());
        assert_eq!(c.next_delay(&mut c.delays(), &bad), None);
    }
}
