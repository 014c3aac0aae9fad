use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use frontdesk_llm::{
    FallbackPolicy, LlmError, NextStep, OpenAiCompatProvider, Provider, StopReason,
};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use crate::{anthropic, fast_retry, fixture, openai, openai_config, planner_request};

#[tokio::test]
async fn rate_limit_429_honours_retry_after_then_succeeds() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("retry-after", "1")
                .set_body_json(fixture("anthropic_error_rate_limit.json")),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("anthropic_end_turn.json")))
        .mount(&server)
        .await;
    let start = Instant::now();
    let resp = anthropic(&server, fast_retry(2))
        .complete(&planner_request("claude-haiku-4-5"))
        .await
        .unwrap();
    let elapsed = start.elapsed();
    assert_eq!(resp.stop_reason, StopReason::EndTurn);
    assert!(elapsed >= Duration::from_secs(1), "waited only {elapsed:?}");
    assert!(elapsed < Duration::from_secs(4), "waited {elapsed:?}");
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_retry_after_longer_than_the_cap_comes_out_at_once_for_the_stage_to_pause() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("retry-after", "120")
                .set_body_json(fixture("openai_error_rate_limit.json")),
        )
        .mount(&server)
        .await;
    let start = Instant::now();
    let err = openai(&server, fast_retry(3))
        .complete(&planner_request("gpt-4o-mini"))
        .await
        .unwrap_err();
    assert!(start.elapsed() < Duration::from_secs(2));
    assert!(err.is_transient());
    assert_eq!(err.retry_after(), Some(Duration::from_secs(120)));
    assert!(
        matches!(err, LlmError::RateLimited { ref message, .. } if message.contains("Rate limit reached"))
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn server_errors_are_retried_then_reported_as_unavailable() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500).set_body_json(fixture("openai_error_server.json")))
        .mount(&server)
        .await;
    let err = openai(&server, fast_retry(2))
        .complete(&planner_request("gpt-4o-mini"))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            LlmError::Unavailable {
                status: Some(500),
                ..
            }
        ),
        "{err}"
    );
    assert!(err.is_transient());
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        3,
        "1 + 2 retries"
    );
}

#[tokio::test]
async fn server_errors_then_success() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503).set_body_json(fixture("openai_error_server.json")))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("openai_stop.json")))
        .mount(&server)
        .await;
    let resp = openai(&server, fast_retry(3))
        .complete(&planner_request("gpt-4o-mini"))
        .await
        .unwrap();
    assert_eq!(resp.stop_reason, StopReason::EndTurn);
}

#[tokio::test]
async fn a_slow_provider_times_out_and_a_retry_gets_through() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(fixture("openai_stop.json"))
                .set_delay(Duration::from_secs(2)),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("openai_stop.json")))
        .mount(&server)
        .await;
    let mut config = openai_config(&server, fast_retry(0));
    config.timeout = Duration::from_millis(200);
    let no_retry = OpenAiCompatProvider::new(&config, None);
    let err = no_retry
        .complete(&planner_request("gpt-4o-mini"))
        .await
        .unwrap_err();
    assert_eq!(
        err,
        LlmError::Timeout {
            after: Duration::from_millis(200)
        }
    );
    assert!(err.is_transient());

    // A role's own timeout overrides the provider's; with one retry the second attempt succeeds.
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(fixture("openai_stop.json"))
                .set_delay(Duration::from_secs(2)),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    config.retry = fast_retry(1);
    config.timeout = Duration::from_secs(30);
    let with_retry = OpenAiCompatProvider::new(&config, None);
    let mut req = planner_request("gpt-4o-mini");
    req.timeout = Some(Duration::from_millis(200));
    let start = Instant::now();
    with_retry.complete(&req).await.unwrap();
    assert!(start.elapsed() < Duration::from_secs(2));
}

/// Down for the first `down_for` requests (503, then 429 with `retry-after: 0`), then up.
struct Outage {
    seen: Arc<AtomicUsize>,
    down_for: usize,
}

impl Respond for Outage {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let n = self.seen.fetch_add(1, Ordering::SeqCst);
        if n >= self.down_for {
            ResponseTemplate::new(200).set_body_json(fixture("anthropic_end_turn.json"))
        } else if n.is_multiple_of(2) {
            ResponseTemplate::new(529).set_body_json(fixture("anthropic_error_overloaded.json"))
        } else {
            ResponseTemplate::new(429)
                .insert_header("retry-after", "0")
                .set_body_json(fixture("anthropic_error_rate_limit.json"))
        }
    }
}

#[tokio::test]
async fn during_an_outage_errors_are_transient_and_the_caller_resumes_after_recovery() {
    let server = MockServer::start().await;
    let seen = Arc::new(AtomicUsize::new(0));
    Mock::given(method("POST"))
        .respond_with(Outage {
            seen: seen.clone(),
            down_for: 6,
        })
        .mount(&server)
        .await;
    // No retries inside the call: every failure comes out, as the runner sees it.
    let provider = anthropic(&server, fast_retry(0));
    let req = planner_request("claude-haiku-4-5");
    let policy = FallbackPolicy {
        give_up_after: Duration::from_secs(10),
        default_pause: Duration::from_millis(10),
        max_pause: Duration::from_millis(50),
    };
    let mut pauses = Vec::new();
    let mut waited = Duration::ZERO;
    let resp = loop {
        match provider.complete(&req).await {
            Ok(resp) => break resp,
            Err(e) => {
                // What the stage does: a transient error pauses the partition, then resumes.
                assert!(e.is_transient(), "{e}");
                pauses.push(e.kind());
                let NextStep::Pause(pause) = policy.next_step(&e, waited) else {
                    panic!("fell back during a short outage")
                };
                tokio::time::sleep(pause).await;
                waited += pause;
                assert!(pauses.len() <= 6, "never recovered");
            }
        }
    };
    assert_eq!(
        pauses,
        [
            "unavailable",
            "rate_limited",
            "unavailable",
            "rate_limited",
            "unavailable",
            "rate_limited"
        ]
    );
    assert_eq!(resp.stop_reason, StopReason::EndTurn);
    assert_eq!(seen.load(Ordering::SeqCst), 7);
}

#[tokio::test]
async fn a_refused_connection_is_unavailable() {
    let server = MockServer::start().await;
    let mut config = openai_config(&server, fast_retry(0));
    // A port nothing listens on (wiremock keeps pooled servers alive, so not a dropped one).
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    config.base_url = format!("http://127.0.0.1:{port}");
    let provider = OpenAiCompatProvider::new(&config, None);
    let err = provider
        .complete(&planner_request("gpt-4o-mini"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, LlmError::Unavailable { status: None, .. }),
        "{err}"
    );
    assert!(err.is_transient());
}
