use std::path::Path;
use std::time::Duration;

use frontdesk_llm::{request_hash, LlmError, Provider, Recorded, StopReason};

use crate::planner_request;

#[tokio::test]
async fn replays_a_fixture_in_order() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/recorded_planner.json");
    let recorded = Recorded::from_file(&path).unwrap();
    let req = planner_request("claude-haiku-4-5");
    let first = recorded.complete(&req).await.unwrap();
    assert_eq!(first.stop_reason, StopReason::ToolUse);
    assert_eq!(first.tool_calls[0].name, "get_order_details");
    let second = recorded.complete(&req).await.unwrap();
    assert_eq!(second.stop_reason, StopReason::EndTurn);
    assert!(matches!(
        recorded.complete(&req).await,
        Err(LlmError::NotRecorded(_))
    ));
    assert_eq!(recorded.requests().len(), 3);
}

#[tokio::test]
async fn replays_by_request_hash() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/recorded_planner.json");
    let ordered = Recorded::from_file(&path).unwrap();
    let req = planner_request("claude-haiku-4-5");
    let answer = ordered.complete(&req).await.unwrap();
    let keyed = Recorded::by_hash([(request_hash(&req), answer.clone())]);
    let mut same = req.clone();
    same.timeout = Some(Duration::from_secs(1));
    assert_eq!(keyed.complete(&same).await.unwrap(), answer);
    let other = planner_request("claude-sonnet-4-5");
    assert!(matches!(
        keyed.complete(&other).await,
        Err(LlmError::NotRecorded(_))
    ));
}

#[tokio::test]
async fn scripts_an_outage() {
    let req = planner_request("m");
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/recorded_planner.json");
    let answer = Recorded::from_file(&path)
        .unwrap()
        .complete(&req)
        .await
        .unwrap();
    let recorded = Recorded::script([
        Err(LlmError::Unavailable {
            status: Some(503),
            retry_after: None,
            message: "down".into(),
        }),
        Ok(answer),
    ]);
    assert!(recorded.complete(&req).await.unwrap_err().is_transient());
    assert!(recorded.complete(&req).await.is_ok());
}
