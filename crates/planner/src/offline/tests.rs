//! One conversation at a time against the hand-made store: identity, one-time codes,
//! confirmation and the allow-list here, with the fixture helpers (`from_ana`, `say`,
//! `planner`); how whole e-mails are read in [`readings`], and the checks of proposed writes
//! against the text in [`checks`]. The readings of single slots are tested in
//! `slots/tests.rs`.

use std::sync::Arc;

use frontdesk_intent::Catalog;
use frontdesk_types::Rule;

use crate::fixture::FixtureStore;
use crate::identity::{CodeSource, WhenUnverified};
use crate::plan::{Confidence, Doubt};
use crate::{
    Channel, ConversationState, Identity, OfflinePlanner, Outcome, Plan, PlanRequest, Planner,
    Procedures,
};

struct Fixed;

impl CodeSource for Fixed {
    fn now_ms(&self) -> i64 {
        1_000
    }
    fn digits(&self, n: u32) -> String {
        // the code is fives, the (longer) salt eights
        if n <= 8 { "5" } else { "8" }.repeat(n as usize)
    }
}

fn planner(unverified: WhenUnverified) -> OfflinePlanner {
    let mut procedures = Procedures::shipped().expect("shipped procedures");
    procedures.identity.unverified = unverified;
    OfflinePlanner::new(procedures, Catalog::empty()).with_codes(Arc::new(Fixed))
}

async fn say(
    planner: &OfflinePlanner,
    channel: Channel,
    identity: &Identity,
    body: &str,
    state: &ConversationState,
) -> Plan {
    let req = PlanRequest {
        subject: String::new(),
        body: body.to_owned(),
        channel,
        identity: identity.clone(),
        intents: Vec::new(),
        state: state.clone(),
        allow_list: Vec::new(),
    };
    planner.plan(&req, &FixtureStore).await.expect("plan")
}

/// The plan for the first e-mail of a conversation from Ana's own address.
async fn from_ana(body: &str) -> Plan {
    let p = planner(WhenUnverified::HandOff);
    say(
        &p,
        Channel::Email,
        &ana(),
        body,
        &ConversationState::default(),
    )
    .await
}

fn ana() -> Identity {
    Identity {
        email: Some("ana.lima@example.com".into()),
        ..Identity::default()
    }
}

#[tokio::test]
async fn an_email_proposal_runs_only_after_yes() {
    let p = planner(WhenUnverified::HandOff);
    let first = say(
        &p,
        Channel::Email,
        &ana(),
        "Please cancel order #W1000066, I ordered it by mistake.",
        &ConversationState::default(),
    )
    .await;
    let Outcome::AskCustomer { question } = &first.outcome else {
        panic!("{first:#?}")
    };
    assert!(question.contains("cancel order #W1000066"), "{question}");
    assert!(
        question.contains("$22.00"),
        "the refund is stated: {question}"
    );
    assert_eq!(first.confidence, Confidence::Sure);
    let yes = say(
        &p,
        Channel::Email,
        &ana(),
        "Yes, please go ahead.",
        &first.state,
    )
    .await;
    assert_eq!(yes.outcome, Outcome::Act);
    assert_eq!(yes.writes, first.writes);
    // "yes, but ..." is a changed request, planned again with the first message
    let changed = say(
        &p,
        Channel::Email,
        &ana(),
        "Yes, but cancel #W1000001 instead.",
        &first.state,
    )
    .await;
    assert_eq!(changed.writes.len(), 1, "{changed:#?}");
    assert_eq!(changed.writes[0].args["order_id"], "#W1000001");
    assert!(matches!(changed.outcome, Outcome::AskCustomer { .. }));
}

#[tokio::test]
async fn a_question_is_not_sure_and_a_confirmation_is() {
    let p = planner(WhenUnverified::HandOff);
    let q = say(
        &p,
        Channel::Email,
        &ana(),
        "Can you exchange my gaming mouse for a wireless one?",
        &ConversationState::default(),
    )
    .await;
    assert_eq!(q.confidence, Confidence::unsure(Doubt::Question));
    assert!(q.confidence.asks_a_model());
    // a blind "yes" answers no question: nothing is written, and the agent does not ask
    // the same question twice: a person takes the conversation
    let yes = say(
        &p,
        Channel::Email,
        &ana(),
        "Yes, please go ahead.",
        &q.state,
    )
    .await;
    assert!(yes.writes.is_empty(), "{yes:#?}");
    let Outcome::HandOff { rule, .. } = &yes.outcome else {
        panic!("{yes:#?}")
    };
    assert_eq!(*rule, Rule::QuestionUnanswered);
    assert_eq!(Some(yes.draft.as_str()), q.state.question.as_deref());
    // an answer that moves the conversation on is planned as usual
    let answered = say(
        &p,
        Channel::Email,
        &ana(),
        "It is order #W1000002.",
        &q.state,
    )
    .await;
    assert!(
        !matches!(
            answered.outcome,
            Outcome::HandOff {
                rule: Rule::QuestionUnanswered,
                ..
            }
        ),
        "{answered:#?}"
    );
}

#[tokio::test]
async fn an_anonymous_customer_proves_the_account_with_a_one_time_code() {
    let p = planner(WhenUnverified::OneTimeCode);
    let nobody = Identity::default();
    let first = say(
        &p,
        Channel::Chat,
        &nobody,
        "Hi, I'm Ana Lima, ana.lima@example.com. Please cancel order #W1000066, I ordered it by mistake.",
        &ConversationState::default(),
    )
    .await;
    assert!(matches!(first.outcome, Outcome::AskCustomer { .. }));
    let code = first.one_time_code.clone().expect("a code to send");
    assert_eq!(code.email, "ana.lima@example.com");
    assert_eq!(code.code, "555555");
    assert!(first.writes.is_empty() && first.state.user_id.is_none());
    assert!(
        !serde_json::to_string(&first).unwrap().contains("555555"),
        "the code never leaves in the plan's record"
    );
    let wrong = say(&p, Channel::Chat, &nobody, "it's 123456", &first.state).await;
    assert!(wrong.writes.is_empty());
    assert!(wrong.draft.contains("2 tries left"), "{}", wrong.draft);
    let verified = say(&p, Channel::Chat, &nobody, "555555", &wrong.state).await;
    assert_eq!(verified.writes.len(), 1, "{verified:#?}");
    assert_eq!(verified.writes[0].args["order_id"], "#W1000066");
    assert_eq!(verified.state.user_id.as_deref(), Some("ana_lima_1"));
    let yes = say(&p, Channel::Chat, &nobody, "yes", &verified.state).await;
    assert_eq!(yes.outcome, Outcome::Act);
}

#[tokio::test]
async fn wrong_codes_hand_the_ticket_to_a_person() {
    let p = planner(WhenUnverified::OneTimeCode);
    let nobody = Identity::default();
    let mut plan = say(
        &p,
        Channel::Chat,
        &nobody,
        "I'm Ana Lima, zip code 80202. Where is my order #W1000002?",
        &ConversationState::default(),
    )
    .await;
    assert!(plan.one_time_code.is_some());
    for guess in ["111111", "222222", "333333"] {
        plan = say(&p, Channel::Chat, &nobody, guess, &plan.state).await;
    }
    let Outcome::HandOff { rule, reason } = &plan.outcome else {
        panic!("{plan:#?}")
    };
    assert_eq!(*rule, Rule::Unverified, "{reason}");
    assert!(plan.reply_facts.is_empty() && plan.writes.is_empty());
}

#[tokio::test]
async fn an_unknown_account_gets_the_same_answer_as_a_known_one() {
    let p = planner(WhenUnverified::OneTimeCode);
    let known = say(
        &p,
        Channel::Chat,
        &Identity::default(),
        "I'm Ana Lima, ana.lima@example.com. Cancel order #W1000066 please.",
        &ConversationState::default(),
    )
    .await;
    let unknown = say(
        &p,
        Channel::Chat,
        &Identity::default(),
        "I'm Ana Lima, ana.other@example.com. Cancel order #W1000066 please.",
        &ConversationState::default(),
    )
    .await;
    assert_eq!(known.draft, unknown.draft);
    assert!(unknown.one_time_code.is_none());
}

#[tokio::test]
async fn a_product_question_needs_no_account() {
    let p = planner(WhenUnverified::HandOff);
    let plan = say(
        &p,
        Channel::Chat,
        &Identity::default(),
        "How many options of the gaming mouse are available?",
        &ConversationState::default(),
    )
    .await;
    assert_eq!(plan.outcome, Outcome::Answered, "{plan:#?}");
}

#[tokio::test]
async fn a_write_outside_the_allow_list_is_handed_off_before_the_yes() {
    let p = planner(WhenUnverified::HandOff);
    let body = "Please cancel order #W1000066, I ordered it by mistake.";
    let req = |allow_list: Vec<String>| PlanRequest {
        subject: String::new(),
        body: body.to_owned(),
        channel: Channel::Email,
        identity: ana(),
        intents: Vec::new(),
        state: ConversationState::default(),
        allow_list,
    };
    let reads = [
        "get_user_details",
        "get_order_details",
        "find_user_id_by_email",
    ];
    let read_only: Vec<String> = reads.iter().map(|t| t.to_string()).collect();
    let plan = p
        .plan(&req(read_only.clone()), &FixtureStore)
        .await
        .unwrap();
    let Outcome::HandOff { rule, reason } = &plan.outcome else {
        panic!("{plan:#?}")
    };
    assert_eq!(*rule, Rule::NotAllowed);
    assert!(reason.contains("cancel_pending_order"), "{reason}");
    assert!(plan.state.pending.is_empty(), "nothing waits for a yes");
    // the same request with the write allowed asks for the yes
    let mut allowed = read_only;
    allowed.push("cancel_pending_order".into());
    let plan = p.plan(&req(allowed), &FixtureStore).await.unwrap();
    assert!(
        matches!(plan.outcome, Outcome::AskCustomer { .. }),
        "{plan:#?}"
    );
}

/// The new items of the plan's one write, sorted.
fn new_items_of_one_write(plan: &crate::Plan) -> Vec<String> {
    let [w] = plan.writes.as_slice() else {
        panic!("{plan:#?}")
    };
    let mut new: Vec<String> = w.args["new_item_ids"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect();
    new.sort();
    new
}

mod checks;
mod readings;
