//! The `[llm]` config section wired to the router's fallback, against an Anthropic Messages
//! endpoint faked with wiremock (response shaped as the provider documents it).

use frontdesk::config::Config;
use frontdesk::stages::router::model_fallback::Choice;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn router_fallback_from_config_calls_anthropic_and_validates_the_answer() {
    let server = MockServer::start().await;
    let body = serde_json::json!({
        "id": "msg_01", "type": "message", "role": "assistant",
        "model": "claude-haiku-4-5-20251001",
        "content": [{"type": "text", "text": "return_order"}],
        "stop_reason": "end_turn", "stop_sequence": null,
        "usage": {"input_tokens": 412, "output_tokens": 2}
    });
    Mock::given(method("POST"))
        .and(path("/v1/messages"))
        .and(header("x-api-key", "test-key-not-logged"))
        .and(header("anthropic-version", "2023-06-01"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .expect(1)
        .mount(&server)
        .await;
    std::env::set_var("FRONTDESK_IT_ANTHROPIC_KEY", "test-key-not-logged");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("frontdesk.toml");
    std::fs::write(
        &file,
        format!(
            r#"
[llm.providers.claude]
kind = "anthropic"
base_url = "{}"
api_key_env = "FRONTDESK_IT_ANTHROPIC_KEY"

[llm.roles.router_fallback]
provider = "claude"
model = "claude-haiku-4-5"
max_tokens = 16

[llm.prices."claude-haiku-4-5"]
input_usd_per_mtok = 1.0
output_usd_per_mtok = 5.0
"#,
            server.uri()
        ),
    )
    .unwrap();
    let cfg = Config::load(Some(&file)).unwrap();
    let llm = frontdesk::pipeline::build_llm(&cfg).unwrap();
    let router = frontdesk::pipeline::llm_router(&cfg, llm.as_deref())
        .expect("router_fallback is configured");
    let intents = vec![
        (
            "return_order".to_owned(),
            "Return delivered items".to_owned(),
        ),
        ("human_agent".to_owned(), "Asks for a person".to_owned()),
    ];
    let (choice, cost) = router
        .choose(
            "I want to send the blender back",
            false,
            &intents,
            "human_agent",
        )
        .await
        .unwrap();
    assert_eq!(choice, Choice::Intent("return_order".into()));
    assert_eq!((cost.tokens_in, cost.tokens_out), (412, 2));
    assert!(cost.usd > 0.0);
    // With no role configured there is no fallback (and no key is needed).
    assert!(frontdesk::pipeline::build_llm(&Config::default())
        .unwrap()
        .is_none());
    assert!(frontdesk::pipeline::llm_router(&Config::default(), None).is_none());
}
