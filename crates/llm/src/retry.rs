//! Retry policy: full-jitter exponential backoff that honours `retry-after`, capped.

use std::time::{Duration, SystemTime};

use rand::Rng;
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
    /// Backoff base: attempt `n` sleeps a random time in `[0, min(max_delay, base_delay·2ⁿ)]`.
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
    /// How long to sleep before retry number `retry` (0-based) after `error`, or `None` to give up
    /// (not transient, retries spent, or a `retry-after` longer than `max_retry_after`).
    pub fn delay(&self, retry: u32, error: &LlmError) -> Option<Duration> {
        if !error.is_transient() || retry >= self.max_retries {
            return None;
        }
        if let Some(asked) = error.retry_after() {
            return (asked <= self.max_retry_after).then_some(asked);
        }
        Some(self.full_jitter(retry))
    }

    /// A random sleep in `[0, min(max_delay, base_delay·2^retry)]` (AWS "full jitter").
    pub fn full_jitter(&self, retry: u32) -> Duration {
        let ceiling = self
            .base_delay
            .saturating_mul(2u32.saturating_pow(retry.min(30)))
            .min(self.max_delay);
        let nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
        Duration::from_nanos(rand::thread_rng().gen_range(0..=nanos))
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
    fn full_jitter_stays_under_the_cap() {
        let c = RetryConfig {
            max_retries: 10,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(300),
            max_retry_after: Duration::from_secs(1),
        };
        for retry in 0..10 {
            let d = c.full_jitter(retry);
            assert!(d <= Duration::from_millis(100 * 2u64.pow(retry)).min(c.max_delay));
        }
    }

    #[test]
    fn delay_honours_retry_after_up_to_the_cap() {
        let c = RetryConfig::default();
        let rl = |s| LlmError::RateLimited {
            retry_after: Some(Duration::from_secs(s)),
            message: String::new(),
        };
        assert_eq!(c.delay(0, &rl(5)), Some(Duration::from_secs(5)));
        assert_eq!(c.delay(0, &rl(120)), None, "too long: pause instead");
        assert_eq!(c.delay(3, &rl(1)), None, "retries spent");
        assert_eq!(c.delay(0, &LlmError::BadResponse(String::new())), None);
    }
}
