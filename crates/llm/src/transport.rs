//! The HTTP exchange shared by the providers: POST JSON with a timeout, classify failures from
//! the documented error bodies, retry the transient ones.

use std::time::{Duration, SystemTime};

use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde::Deserialize;
use serde_json::Value;
use tracing::warn;

use crate::error::LlmError;
use crate::retry::{parse_retry_after, RetryConfig};

/// A reqwest client with a default timeout and a retry policy.
#[derive(Debug, Clone)]
pub(crate) struct Transport {
    client: reqwest::Client,
    timeout: Duration,
    retry: RetryConfig,
    provider: &'static str,
}

impl Transport {
    pub(crate) fn new(provider: &'static str, timeout: Duration, retry: RetryConfig) -> Self {
        Self {
            client: reqwest::Client::new(),
            timeout,
            retry,
            provider,
        }
    }

    /// POSTs `body` to `url` with `headers`, retrying transient failures; returns the 2xx body.
    pub(crate) async fn post_json(
        &self,
        url: &str,
        headers: &HeaderMap,
        body: &Value,
        timeout: Option<Duration>,
    ) -> Result<Vec<u8>, LlmError> {
        let timeout = timeout.unwrap_or(self.timeout);
        let mut retry = 0;
        let mut delays = self.retry.delays();
        loop {
            let error = match self.attempt(url, headers, body, timeout).await {
                Ok(bytes) => return Ok(bytes),
                Err(e) => e,
            };
            let Some(delay) = self.retry.next_delay(&mut delays, &error) else {
                return Err(error);
            };
            warn!(
                provider = self.provider,
                error_type = error.kind(),
                %error,
                retry = retry + 1,
                delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
                "Model call failed, retrying."
            );
            tokio::time::sleep(delay).await;
            retry += 1;
        }
    }

    async fn attempt(
        &self,
        url: &str,
        headers: &HeaderMap,
        body: &Value,
        timeout: Duration,
    ) -> Result<Vec<u8>, LlmError> {
        let response = self
            .client
            .post(url)
            .headers(headers.clone())
            .json(body)
            .timeout(timeout)
            .send()
            .await
            .map_err(|e| transport_error(e, timeout))?;
        let status = response.status();
        let response_headers = response.headers().clone();
        let bytes = response
            .bytes()
            .await
            .map_err(|e| transport_error(e, timeout))?;
        if status.is_success() {
            Ok(bytes.to_vec())
        } else {
            Err(classify(status, &response_headers, &bytes))
        }
    }
}

fn transport_error(e: reqwest::Error, timeout: Duration) -> LlmError {
    if e.is_timeout() {
        LlmError::Timeout { after: timeout }
    } else {
        LlmError::Unavailable {
            status: None,
            retry_after: None,
            message: e.without_url().to_string(),
        }
    }
}

/// The error object both APIs document: Anthropic
/// `{"type":"error","error":{"type":"rate_limit_error","message":…}}`, OpenAI
/// `{"error":{"message":…,"type":…,"param":…,"code":…}}`.
#[derive(Debug, Default, Deserialize)]
struct ErrorBody {
    #[serde(default)]
    error: ErrorObject,
}

#[derive(Debug, Default, Deserialize)]
struct ErrorObject {
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    code: Option<Value>,
    #[serde(default)]
    details: Option<Value>,
}

/// Maps a non-2xx response to an [`LlmError`].
pub(crate) fn classify(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> LlmError {
    let parsed: ErrorBody = serde_json::from_slice(body).unwrap_or_default();
    let err = parsed.error;
    let message = err.message.clone().unwrap_or_else(|| {
        let text = String::from_utf8_lossy(body);
        text.chars().take(200).collect()
    });
    let code = err
        .code
        .as_ref()
        .and_then(Value::as_str)
        .or_else(|| err.details.as_ref()?.get("error_code")?.as_str())
        .unwrap_or_default();
    let quota = matches!(
        code,
        "insufficient_quota" | "enforced_spend_limit_reached" | "billing_hard_limit_reached"
    ) || err.kind.as_deref() == Some("insufficient_quota");
    match status.as_u16() {
        429 if quota => LlmError::QuotaExhausted { message },
        429 => LlmError::RateLimited {
            retry_after: parse_retry_after(headers, SystemTime::now()),
            message,
        },
        401 | 403 => LlmError::Auth {
            status: status.as_u16(),
            message,
        },
        402 => LlmError::QuotaExhausted { message },
        408 | 409 | 500..=599 => LlmError::Unavailable {
            status: Some(status.as_u16()),
            retry_after: parse_retry_after(headers, SystemTime::now()),
            message,
        },
        s => LlmError::InvalidRequest { status: s, message },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_documented_error_bodies() {
        let h = HeaderMap::new();
        let anthropic_overloaded =
            br#"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#;
        let e = classify(StatusCode::from_u16(529).unwrap(), &h, anthropic_overloaded);
        assert!(matches!(
            e,
            LlmError::Unavailable {
                status: Some(529),
                ..
            }
        ));
        let openai_quota = br#"{"error":{"message":"You exceeded your current quota","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}"#;
        let e = classify(StatusCode::TOO_MANY_REQUESTS, &h, openai_quota);
        assert!(matches!(e, LlmError::QuotaExhausted { .. }));
        assert!(!e.is_transient());
        let mut with_wait = HeaderMap::new();
        with_wait.insert(
            "retry-after",
            reqwest::header::HeaderValue::from_static("2"),
        );
        let e = classify(StatusCode::SERVICE_UNAVAILABLE, &with_wait, b"");
        assert_eq!(e.retry_after(), Some(Duration::from_secs(2)));
        let e = classify(StatusCode::UNAUTHORIZED, &h, b"not json");
        assert_eq!(
            e,
            LlmError::Auth {
                status: 401,
                message: "not json".into()
            }
        );
    }
}
