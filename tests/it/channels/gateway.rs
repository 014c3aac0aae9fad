//! The gateway against a real broker: each provider's signed request becomes one ticket on
//! its channel's topic, keyed by conversation; a retried webhook makes no second ticket;
//! bad signatures, bodies and sizes are refused with their statuses and counted; a broker
//! that does not acknowledge gets the provider a 503 and leaves nothing claimed.

use std::sync::Arc;
use std::time::Duration;

use frontdesk::channels::gateway::generic::Generic;
use frontdesk::channels::gateway::intercom::Intercom;
use frontdesk::channels::gateway::sendgrid::Sendgrid;
use frontdesk::channels::gateway::twilio::Twilio;
use frontdesk::channels::gateway::zendesk::Zendesk;
use frontdesk::channels::gateway::Webhook;
use frontdesk::channels::inbox::{Claim, Entry, Inbox};
use frontdesk::channels::{Origin, Provider};
use frontdesk::messages::Channel;
use frontdesk_llm::ApiKey;

use super::rig::*;
use crate::helpers::Which;

const PUBLIC: &str = "https://support.acme.example";

fn hooks(base: &Base) -> Vec<Arc<dyn Webhook>> {
    vec![
        Arc::new(Zendesk::new(
            ApiKey::new("zd-secret"),
            Duration::from_secs(300),
        )),
        Arc::new(Intercom::new(ApiKey::new("ic-secret"))),
        Arc::new(Twilio::new(
            ApiKey::new("tw-token"),
            Some(PUBLIC.to_owned()),
        )),
        Arc::new(Sendgrid::new(ApiKey::new("sg-pass"))),
        Arc::new(Generic::new(
            ApiKey::new("gen-token"),
            frontdesk::pipeline::codec(&base.cfg),
        )),
    ]
}

async fn each_provider_once(which: Which) {
    let Some(base) = base(which).await else {
        return;
    };
    let gw = gateway(&base, hooks(&base), 256 * 1024).await;
    let url = |p: &str| format!("{}{p}", gw.url);

    // Zendesk: accepted, then the provider's retry is a duplicate.
    let zd = golden("zendesk_comment_added.json");
    let (status, _, body) = post(
        &url("/webhooks/zendesk"),
        &zendesk_headers("zd-secret", &zd),
        zd.clone(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"accepted\""), "{body}");
    let (status, _, body) = post(
        &url("/webhooks/zendesk"),
        &zendesk_headers("zd-secret", &zd),
        zd.clone(),
    )
    .await;
    assert_eq!(status, 200);
    assert!(body.contains("\"duplicate\""), "{body}");
    // An agent's comment (e.g. deliver's own answer) is acknowledged and ignored.
    let agent = golden("zendesk_agent_comment.json");
    let (status, _, body) = post(
        &url("/webhooks/zendesk"),
        &zendesk_headers("zd-secret", &agent),
        agent,
    )
    .await;
    assert_eq!((status, body.contains("ignored")), (200, true), "{body}");

    // Intercom, Twilio (TwiML answer), SendGrid (multipart e-mail), generic JSON.
    let ic = golden("intercom_user_created.json");
    let (status, _, body) = post(
        &url("/webhooks/intercom"),
        &intercom_headers("ic-secret", &ic),
        ic,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let tw = golden("twilio_sms.form");
    let headers = twilio_headers("tw-token", &format!("{PUBLIC}/webhooks/twilio/sms"), &tw);
    let (status, ctype, body) = post(&url("/webhooks/twilio/sms"), &headers, tw).await;
    assert_eq!((status, ctype.as_str()), (200, "text/xml"), "{body}");
    assert!(body.contains("<Response>"), "{body}");
    let sg = golden("sendgrid_parse.multipart");
    let auth = base64_basic("parse", "sg-pass");
    let (status, _, body) = post(
        &url("/webhooks/email/sendgrid"),
        &[
            ("authorization", auth),
            (
                "content-type",
                "multipart/form-data; boundary=xYzZY".to_owned(),
            ),
        ],
        sg,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let gen = golden("generic_ticket.json");
    let (status, _, body) = post(
        &url("/webhooks/generic"),
        &[("authorization", "Bearer gen-token".to_owned())],
        gen,
    )
    .await;
    assert_eq!(status, 200, "{body}");

    let tickets = base.inbound_tickets().await;
    let ids: Vec<&str> = tickets.iter().map(|t| t.ticket_id.as_str()).collect();
    assert_eq!(tickets.len(), 5, "one ticket per accepted message: {ids:?}");
    let zd = tickets
        .iter()
        .find(|t| t.ticket_id == "zendesk:comment:10001")
        .unwrap();
    assert_eq!(zd.conversation_id, "zendesk:5158");
    let sms = tickets.iter().find(|t| t.channel == Channel::Sms).unwrap();
    assert_eq!(sms.customer.phone.as_deref(), Some("+14155552671"));
    let mail = tickets
        .iter()
        .find(|t| t.channel == Channel::Email)
        .unwrap();
    assert_eq!(
        mail.customer.email.as_deref(),
        Some("liam.murphy5512@example.net")
    );
    assert!(!mail.body.contains("Sent from my iPhone"), "{}", mail.body);
    assert!(tickets.iter().any(|t| t.ticket_id == "shop-4711"));

    gw.shutdown.cancel();
    gw.task.await.unwrap().unwrap();
}

fn base64_basic(user: &str, password: &str) -> String {
    use base64::Engine;
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn each_provider_makes_one_ticket_and_retries_none_mock() {
    each_provider_once(Which::Mock).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn each_provider_makes_one_ticket_and_retries_none_tansu() {
    each_provider_once(Which::Tansu).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn refuses_bad_signatures_bodies_and_sizes_and_counts_them() {
    let Some(base) = base(Which::Mock).await else {
        return;
    };
    let gw = gateway(&base, hooks(&base), 4096).await;
    let url = format!("{}/webhooks/zendesk", gw.url);
    let zd = golden("zendesk_comment_added.json");
    let mut headers = zendesk_headers("wrong-secret", &zd);
    let (status, _, body) = post(&url, &headers, zd.clone()).await;
    assert_eq!(status, 401, "{body}");
    headers = zendesk_headers("zd-secret", b"{\"type\": 3");
    let (status, _, body) = post(&url, &headers, b"{\"type\": 3".to_vec()).await;
    assert_eq!(status, 400);
    assert!(body.contains("JSON"), "the reason is given: {body}");
    let big = vec![b' '; 5000];
    let (status, _, _) = post(&url, &zendesk_headers("zd-secret", &big), big).await;
    assert_eq!(status, 413);
    let (status, _, _) = post(
        &format!("{}/webhooks/generic", gw.url),
        &[("authorization", "Bearer nope".to_owned())],
        golden("generic_ticket.json"),
    )
    .await;
    assert_eq!(status, 401);
    assert!(base.inbound_tickets().await.is_empty());
    let metrics = reqwest::get(format!("{}/metrics", gw.url))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for outcome in ["unauthorized", "bad_request", "too_large"] {
        assert!(
            metrics.contains(&format!(
                "frontdesk_gateway_requests_total{{provider=\"zendesk\",outcome=\"{outcome}\"}}"
            )),
            "{outcome} is counted: {metrics}"
        );
    }
    gw.shutdown.cancel();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_unacknowledged_ticket_is_a_503_and_its_claim_is_released() {
    let Some(mut base) = base(Which::Mock).await else {
        return;
    };
    // A broker nobody listens on: the produce is never acknowledged.
    let dead = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead_addr = dead.local_addr().unwrap().to_string();
    drop(dead);
    base.cfg.channels.gateway.produce_timeout = Duration::from_secs(2);
    let acceptor = frontdesk::channels::accept::build(&base.cfg, &dead_addr, &base.state).unwrap();
    let gw = gateway_with(&base, hooks(&base), 256 * 1024, acceptor).await;
    let zd = golden("zendesk_comment_added.json");
    let resp = reqwest::Client::new()
        .post(format!("{}/webhooks/zendesk", gw.url))
        .headers({
            let mut h = reqwest::header::HeaderMap::new();
            for (k, v) in zendesk_headers("zd-secret", &zd) {
                h.insert(k, v.parse().unwrap());
            }
            h
        })
        .body(zd)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 503);
    assert_eq!(resp.headers()["retry-after"], "5");
    // Nothing is left claimed: the provider's retry will publish it.
    let inbox = Inbox::new(base.state.pool().clone());
    let origin = Origin::default();
    let entry = Entry {
        ticket_id: "zendesk:comment:10001",
        conversation_id: "zendesk:5158",
        provider: Provider::Zendesk,
        origin: &origin,
    };
    assert_eq!(
        inbox.claim(&entry, Duration::from_secs(60)).await.unwrap(),
        Claim::Fresh
    );
    gw.shutdown.cancel();
}
