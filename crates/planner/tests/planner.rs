//! The offline planner against the real seed data, in process: slot
//! resolution (orders, items, variants, payment methods), authentication,
//! confirmation and conversation continuation.

mod common;

use common::{store, StoreRunner};
use frontdesk_planner::{
    Channel, ConversationState, Identity, OfflinePlanner, Outcome, Plan, PlanRequest, Planner,
};
use frontdesk_sandbox::default_data_dir;
use frontdesk_types::Rule;
use serde_json::{json, Value};

fn email(address: &str) -> Identity {
    Identity {
        email: Some(address.to_owned()),
        ..Identity::default()
    }
}

async fn plan(
    tools: &StoreRunner,
    channel: Channel,
    identity: Identity,
    body: &str,
    state: ConversationState,
) -> Plan {
    let req = PlanRequest {
        subject: String::new(),
        body: body.to_owned(),
        channel,
        identity,
        intents: Vec::new(),
        state,
        allow_list: Vec::new(),
    };
    OfflinePlanner::shipped()
        .expect("shipped procedures")
        .plan(&req, tools)
        .await
        .expect("plan")
}

/// The one write the plan proposes, waiting for the customer's "yes" (every write does).
fn only_write(p: &Plan) -> (&str, &Value) {
    assert!(
        matches!(p.outcome, Outcome::AskCustomer { .. }),
        "a proposal: {p:#?}"
    );
    assert_eq!(p.writes.len(), 1, "{:#?}", p.writes);
    assert_eq!(p.state.pending, p.writes, "the proposal waits for a yes");
    (p.writes[0].tool.as_str(), &p.writes[0].args)
}

fn product_variants(product_name: &str) -> Vec<(String, Value)> {
    let text = std::fs::read_to_string(default_data_dir().join("products.json")).expect("products");
    let products: Value = serde_json::from_str(&text).expect("json");
    let product = products
        .as_object()
        .expect("map")
        .values()
        .find(|p| p["name"] == product_name)
        .expect("product")
        .clone();
    product["variants"]
        .as_object()
        .expect("variants")
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

#[tokio::test]
async fn returns_to_the_original_payment_by_default() {
    let tools = store().await;
    let p = plan(
        &tools,
        Channel::Email,
        email("olivia.ito5204@example.com"),
        "Hello, I would like to return the sneakers from order #W5866402, they are too small.",
        ConversationState::default(),
    )
    .await;
    let (tool, args) = only_write(&p);
    assert_eq!(tool, "return_delivered_order_items");
    assert_eq!(
        args,
        &json!({"order_id": "#W5866402", "item_ids": ["9727387530"], "payment_method_id": "paypal_8049766"})
    );
    assert_eq!(p.writes[0].refund_amount, Some(207.75));
}

#[tokio::test]
async fn refunds_to_a_named_gift_card_but_not_to_another_card() {
    let tools = store().await;
    let to_gift = plan(
        &tools,
        Channel::Email,
        email("olivia.ito5204@example.com"),
        "Please return the sneakers from order #W5866402 and put the refund on my gift card.",
        ConversationState::default(),
    )
    .await;
    assert_eq!(
        only_write(&to_gift).1["payment_method_id"],
        "gift_card_7794233"
    );
    let to_visa = plan(
        &tools,
        Channel::Email,
        email("olivia.ito5204@example.com"),
        "Please return the sneakers from order #W5866402 and refund my visa card.",
        ConversationState::default(),
    )
    .await;
    assert!(
        matches!(to_visa.outcome, Outcome::AskCustomer { .. }),
        "{to_visa:#?}"
    );
    assert!(to_visa.writes.is_empty());
}

#[tokio::test]
async fn exchanges_for_the_cheapest_variant_with_the_requested_options() {
    let tools = store().await;
    let p = plan(
        &tools,
        Channel::Email,
        email("omar.lopez1868@example.com"),
        "I received order #W7273336. Please exchange the black laser gaming mouse for a white optical one, whichever is cheaper.",
        ConversationState::default(),
    )
    .await;
    let (tool, args) = only_write(&p);
    assert_eq!(tool, "exchange_delivered_order_items");
    assert_eq!(args["item_ids"], json!(["8214883393"]));
    let white_optical: Vec<(String, Value)> = product_variants("Gaming Mouse")
        .into_iter()
        .filter(|(_, v)| {
            v["available"] == true
                && v["options"]["color"] == "white"
                && v["options"]["sensor type"] == "optical"
        })
        .collect();
    let cheapest = white_optical
        .iter()
        .min_by(|a, b| {
            a.1["price"]
                .as_f64()
                .unwrap()
                .total_cmp(&b.1["price"].as_f64().unwrap())
        })
        .expect("a white optical mouse");
    assert_eq!(args["new_item_ids"], json!([cheapest.0]));
    assert_eq!(args["payment_method_id"], "paypal_1530316");
}

#[tokio::test]
async fn modification_keeps_the_options_not_mentioned() {
    let tools = store().await;
    let p = plan(
        &tools,
        Channel::Email,
        email("olivia.ito5204@example.com"),
        "For order #W5442520, please change the patio umbrella to a blue one.",
        ConversationState::default(),
    )
    .await;
    // current: size 7 ft, red, polyester, manual tilt
    let wanted = product_variants("Patio Umbrella").into_iter().find(|(_, v)| {
        v["available"] == true
            && v["options"]
                == json!({"size": "7 ft", "color": "blue", "material": "polyester", "tilt mechanism": "manual tilt"})
    });
    match wanted {
        Some((id, _)) => {
            let (tool, args) = only_write(&p);
            assert_eq!(tool, "modify_pending_order_items");
            assert_eq!(args["new_item_ids"], json!([id]));
        }
        None => assert!(matches!(p.outcome, Outcome::AskCustomer { .. }), "{p:#?}"),
    }
}

#[tokio::test]
async fn asks_which_order_then_the_answer_fills_the_slot() {
    let tools = store().await;
    let first = plan(
        &tools,
        Channel::Email,
        email("aarav.davis1165@example.com"),
        "Please cancel my order, I ordered it by mistake.",
        ConversationState::default(),
    )
    .await;
    let Outcome::AskCustomer { question } = &first.outcome else {
        panic!("expected a question: {first:#?}")
    };
    assert!(question.contains("#W2403075"), "{question}");
    assert!(first.writes.is_empty());
    let second = plan(
        &tools,
        Channel::Email,
        email("aarav.davis1165@example.com"),
        "It is #W2403075.",
        first.state.clone(),
    )
    .await;
    let (tool, args) = only_write(&second);
    assert_eq!(tool, "cancel_pending_order");
    assert_eq!(
        args,
        &json!({"order_id": "#W2403075", "reason": "ordered by mistake"})
    );
}

#[tokio::test]
async fn the_only_order_holding_the_named_item_is_the_order() {
    let tools = store().await;
    let p = plan(
        &tools,
        Channel::Email,
        email("aarav.davis1165@example.com"),
        "Please cancel the order with the electric toothbrush, I no longer need it.",
        ConversationState::default(),
    )
    .await;
    assert_eq!(
        only_write(&p).1,
        &json!({"order_id": "#W2403075", "reason": "no longer needed"})
    );
    let by_suffix = plan(
        &tools,
        Channel::Email,
        email("aarav.davis1165@example.com"),
        "I placed an order by accident, the order number ends in 66. Please cancel it.",
        ConversationState::default(),
    )
    .await;
    assert_eq!(only_write(&by_suffix).1["order_id"], "#W7430166");
}

#[tokio::test]
async fn every_channel_waits_for_yes_before_acting() {
    let tools = store().await;
    let first = plan(
        &tools,
        Channel::Chat,
        email("aarav.davis1165@example.com"),
        "cancel order #W2403075, I don't need it anymore",
        ConversationState::default(),
    )
    .await;
    assert!(
        matches!(first.outcome, Outcome::AskCustomer { .. }),
        "{first:#?}"
    );
    assert_eq!(first.state.pending.len(), 1);
    let yes = plan(
        &tools,
        Channel::Chat,
        email("aarav.davis1165@example.com"),
        "yes please",
        first.state.clone(),
    )
    .await;
    assert_eq!(yes.outcome, Outcome::Act);
    assert_eq!(yes.writes[0].tool, "cancel_pending_order");
    assert!(yes.state.pending.is_empty());
    let no = plan(
        &tools,
        Channel::Chat,
        email("aarav.davis1165@example.com"),
        "no, leave it",
        first.state.clone(),
    )
    .await;
    assert_eq!(no.outcome, Outcome::Answered);
    assert!(no.writes.is_empty());
    assert!(no.state.pending.is_empty());
}

#[tokio::test]
async fn a_name_and_zip_in_the_text_is_not_identity() {
    let tools = store().await;
    // no verified identity: nothing is read about the named customer and nothing is written
    let by_name = plan(
        &tools,
        Channel::Email,
        Identity::default(),
        "Hi, I'm Isabella Brown, zip 80257. The jigsaw puzzle I received is missing pieces, I want to return it.",
        ConversationState::default(),
    )
    .await;
    let Outcome::HandOff { rule, reason } = &by_name.outcome else {
        panic!("a person takes it: {by_name:#?}")
    };
    assert_eq!(*rule, Rule::Unverified, "{reason}");
    assert!(by_name.writes.is_empty());
    assert!(by_name
        .reads
        .iter()
        .all(|r| r.tool != "get_user_details" && r.tool != "get_order_details"));
    // from another customer's address: the claim contradicts the sender's account
    let other = plan(
        &tools,
        Channel::Email,
        email("noah.brown7922@example.com"),
        "Hi, I'm Isabella Brown, zip 80257. Please cancel my pending order.",
        ConversationState::default(),
    )
    .await;
    let Outcome::HandOff { rule, reason } = &other.outcome else {
        panic!("a person takes it: {other:#?}")
    };
    assert_eq!(*rule, Rule::IdentityMismatch, "{reason}");
    assert!(other.writes.is_empty() && other.state.pending.is_empty());
    assert!(
        !other.draft.contains("#W"),
        "no order is named: {}",
        other.draft
    );
}

#[tokio::test]
async fn a_yes_after_the_store_changed_runs_nothing() {
    let tools = store().await;
    let proposal = plan(
        &tools,
        Channel::Email,
        email("aarav.davis1165@example.com"),
        "cancel order #W2403075, I don't need it anymore",
        ConversationState::default(),
    )
    .await;
    assert_eq!(only_write(&proposal).0, "cancel_pending_order");
    // someone cancels it in the meantime
    tools
        .0
        .apply(
            "cancel_pending_order",
            &json!({"order_id": "#W2403075", "reason": "no longer needed"}),
            None,
        )
        .await
        .expect("cancelled");
    let yes = plan(
        &tools,
        Channel::Email,
        email("aarav.davis1165@example.com"),
        "Yes, please go ahead.",
        proposal.state.clone(),
    )
    .await;
    assert!(yes.writes.is_empty(), "{yes:#?}");
    assert!(
        yes.reply_facts.iter().any(|f| f.contains("cancelled")),
        "{:?}",
        yes.reply_facts
    );
}

#[tokio::test]
async fn never_writes_on_another_customers_order_or_a_failed_precondition() {
    let tools = store().await;
    let other = plan(
        &tools,
        Channel::Email,
        email("isabella.brown8771@example.com"),
        "Cancel order #W5442520 please, ordered by mistake.",
        ConversationState::default(),
    )
    .await;
    assert!(other.writes.is_empty());
    // said as not on the account, without saying whether (or whose) it is
    assert_eq!(other.outcome, Outcome::Answered);
    assert!(other
        .reply_facts
        .iter()
        .any(|f| f.contains("not an order on your account")));
    let delivered = plan(
        &tools,
        Channel::Email,
        email("isabella.brown8771@example.com"),
        "Cancel order #W7752779 please, ordered by mistake.",
        ConversationState::default(),
    )
    .await;
    assert!(delivered.writes.is_empty());
    assert_eq!(delivered.outcome, Outcome::Answered);
    assert!(delivered
        .reply_facts
        .iter()
        .any(|f| f.contains("delivered")));
}

#[tokio::test]
async fn several_requests_in_one_ticket_become_several_writes() {
    let tools = store().await;
    let proposal = plan(
        &tools,
        Channel::Email,
        email("olivia.ito5204@example.com"),
        "Cancel order #W7941031 because I no longer need it. Also, please return the sneakers from #W5866402 and refund them to my gift card.",
        ConversationState::default(),
    )
    .await;
    let p = plan(
        &tools,
        Channel::Email,
        email("olivia.ito5204@example.com"),
        "Yes, please go ahead.",
        proposal.state.clone(),
    )
    .await;
    assert_eq!(p.outcome, Outcome::Act);
    let tools_used: Vec<&str> = p.writes.iter().map(|w| w.tool.as_str()).collect();
    assert_eq!(
        tools_used,
        ["cancel_pending_order", "return_delivered_order_items"]
    );
    assert_eq!(p.writes[1].args["payment_method_id"], "gift_card_7794233");
    let reply = OfflinePlanner::shipped().unwrap().reply(
        &p,
        &[
            frontdesk_planner::WriteResult {
                tool: "cancel_pending_order".into(),
                result: Ok(json!({"cancel_reason": "no longer needed"})),
            },
            frontdesk_planner::WriteResult {
                tool: "return_delivered_order_items".into(),
                result: Err("store unavailable".into()),
            },
        ],
    );
    assert!(reply.contains("#W7941031 is cancelled"), "{reply}");
    assert!(reply.contains("could not return"), "{reply}");
}

#[tokio::test]
async fn everything_except_and_all_pending_orders() {
    let tools = store().await;
    let except = plan(
        &tools,
        Channel::Email,
        email("yusuf.rossi7301@example.com"),
        "I'd like to return everything from order #W2378156 except the smart watch.",
        ConversationState::default(),
    )
    .await;
    let (_, args) = only_write(&except);
    let ids = args["item_ids"].as_array().unwrap();
    assert_eq!(ids.len(), 4);
    assert!(!ids.contains(&json!("9408160950")), "the smart watch stays");
    let all = plan(
        &tools,
        Channel::Email,
        email("yusuf.rossi7301@example.com"),
        "Please cancel all my pending orders, I no longer need them.",
        ConversationState::default(),
    )
    .await;
    let ids: Vec<&Value> = all.writes.iter().map(|w| &w.args["order_id"]).collect();
    assert_eq!(ids, [&json!("#W4776164"), &json!("#W6247578")]);
    // "every open order", singular, is all of them too
    let every = plan(
        &tools,
        Channel::Email,
        email("yusuf.rossi7301@example.com"),
        "I no longer need anything I ordered: please cancel every open order.",
        ConversationState::default(),
    )
    .await;
    let ids: Vec<&Value> = every.writes.iter().map(|w| &w.args["order_id"]).collect();
    assert_eq!(ids, [&json!("#W4776164"), &json!("#W6247578")]);
    // "both of my open orders" when the store shows two; "ship to my office" is a new address
    let both = plan(
        &tools,
        Channel::Email,
        email("yusuf.rossi7301@example.com"),
        "I'm away for a month. Could you ship both of my open orders to my office instead? \
         200 Main Street, Suite 5, Austin, TX 78701.",
        ConversationState::default(),
    )
    .await;
    let ids: Vec<&Value> = both.writes.iter().map(|w| &w.args["order_id"]).collect();
    assert_eq!(ids, [&json!("#W4776164"), &json!("#W6247578")], "{both:#?}");
    for w in &both.writes {
        assert_eq!(w.tool, "modify_pending_order_address");
        assert_eq!(w.args["zip"], json!("78701"), "{w:#?}");
    }
    // "they all" after the message spoke of the open orders
    let they = plan(
        &tools,
        Channel::Email,
        email("yusuf.rossi7301@example.com"),
        "I have a couple of open orders. Please make sure they all ship to \
         200 Main Street, Suite 5, Austin, TX 78701.",
        ConversationState::default(),
    )
    .await;
    let ids: Vec<&Value> = they.writes.iter().map(|w| &w.args["order_id"]).collect();
    assert_eq!(ids, [&json!("#W4776164"), &json!("#W6247578")], "{they:#?}");
}

#[tokio::test]
async fn a_retracted_or_partial_request_is_not_a_write() {
    let tools = store().await;
    let retracted = plan(
        &tools,
        Channel::Email,
        email("noah.brown7922@example.com"),
        "I wanted to exchange the gaming mouse for a wireless one, but I changed my mind and decided not to exchange it.",
        ConversationState::default(),
    )
    .await;
    assert!(retracted.writes.is_empty(), "{retracted:#?}");
    let one_item = plan(
        &tools,
        Channel::Email,
        email("sofia.li7352@example.com"),
        "Please cancel the skateboard from my pending order, I don't need it anymore.",
        ConversationState::default(),
    )
    .await;
    assert!(one_item.writes.is_empty());
    assert!(matches!(one_item.outcome, Outcome::AskCustomer { .. }));
}

#[tokio::test]
async fn a_payment_method_named_once_for_several_requests_is_used_for_each() {
    let tools = store().await;
    let p = plan(
        &tools,
        Channel::Email,
        email("raj.sanchez2046@example.com"),
        "Hello, I'd like to return the notebook from my order with the luggage set. \
         I also want to send back the grill from the order with the earbuds. \
         Gift card for both refunds, please.",
        ConversationState::default(),
    )
    .await;
    assert_eq!(p.writes.len(), 2, "{:#?}", p.writes);
    for w in &p.writes {
        assert_eq!(
            w.args["payment_method_id"],
            json!("gift_card_2259499"),
            "{w:#?}"
        );
    }
}
