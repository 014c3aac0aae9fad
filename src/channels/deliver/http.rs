//! One HTTP call to a provider, its outcome classified: 2xx is done; 429 waits for
//! `Retry-After`; 408, 5xx, timeouts and connection failures are transient; any other 4xx
//! is permanent (retrying the same request cannot help).

use std::time::SystemTime;

use reqwest::{RequestBuilder, Response, StatusCode};

use super::adapter::Failure;

/// Longest excerpt of a provider's error body kept in a reason.
const EXCERPT: usize = 300;

/// Sends `req` and classifies the answer.
pub async fn call(req: RequestBuilder) -> Result<Response, Failure> {
    let resp = req.send().await.map_err(|e| {
        if e.is_builder() {
            Failure::Permanent(format!("request: {e}"))
        } else {
            Failure::Transient(format!("request: {e}"))
        }
    })?;
    let status = resp.status();
    if status.is_success() {
        return Ok(resp);
    }
    let retry_after = frontdesk_llm::parse_retry_after(resp.headers(), SystemTime::now());
    let body = resp.text().await.unwrap_or_default();
    let mut excerpt: String = body.chars().take(EXCERPT).collect();
    if body.len() > excerpt.len() {
        excerpt.push('…');
    }
    let reason = format!("{status}: {excerpt}");
    Err(match status {
        StatusCode::TOO_MANY_REQUESTS => Failure::RateLimited {
            retry_after,
            reason,
        },
        StatusCode::REQUEST_TIMEOUT => Failure::Transient(reason),
        s if s.is_server_error() => Failure::Transient(reason),
        _ => Failure::Permanent(reason),
    })
}

/// Reads a successful response as JSON (a body that is not is the provider's defect:
/// transient, so the delivery is retried and, if it persists, dead-lettered).
pub async fn json(resp: Response) -> Result<serde_json::Value, Failure> {
    resp.json()
        .await
        .map_err(|e| Failure::Transient(format!("response body: {e}")))
}
