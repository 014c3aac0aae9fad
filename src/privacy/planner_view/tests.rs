use serde_json::json;

use super::*;
use crate::privacy::keys::Keys;
use crate::privacy::token::find_tokens;
use crate::privacy::PrivacyConfig;
use crate::state::StateDb;

const NAME: &str = "Noah Brown";
const ADDRESS: &str = "12 Elm Street, Apt 4, Austin, TX 78701, USA";

async fn vault() -> Vault {
    let db = StateDb::connect("sqlite::memory:", 1).await.unwrap();
    Vault::new(
        &PrivacyConfig::default(),
        Keys::fixed(b"token-key-for-tests-0123456789abcdef", [3u8; 32]),
        db.pool().clone(),
    )
    .unwrap()
}

/// A turn's text as the router leaves it, and the view of it.
async fn turn(v: &Vault) -> (String, PlannerView) {
    let text = format!("Please ship order #W1234567 to {ADDRESS}. Thanks, {NAME}");
    let (tokenised, _) = v.protect("c1", &text).await.unwrap();
    let revealed = v.lookup("c1", [tokenised.as_str()]).await.unwrap();
    (tokenised, PlannerView::new(v, "c1", &revealed))
}

fn leaks(s: &str) -> Vec<&'static str> {
    ["Elm", "Austin", "78701", "Noah", "Apt 4"]
        .into_iter()
        .filter(|p| s.contains(p))
        .collect()
}

#[tokio::test]
async fn the_planner_reads_the_turn_in_clear() {
    let v = vault().await;
    let (tokenised, view) = turn(&v).await;
    assert!(leaks(&tokenised).is_empty(), "{tokenised}");
    assert!(!view.is_empty());
    let req = PlanRequest {
        subject: String::new(),
        body: tokenised.clone(),
        channel: frontdesk_planner::Channel::Email,
        identity: Default::default(),
        intents: vec![],
        state: frontdesk_planner::ConversationState {
            context: vec![tokenised.clone()],
            ..Default::default()
        },
        allow_list: vec![],
    };
    let seen = view.reveal_request(&req).unwrap();
    let clear = format!("Please ship order #W1234567 to {ADDRESS}. Thanks, {NAME}");
    assert_eq!(seen.body, clear);
    assert_eq!(seen.state.context, vec![clear.clone()]);
    // and the way back gives the same tokens
    assert_eq!(view.conceal_text(&clear), tokenised);
}

#[tokio::test]
async fn a_plan_carries_on_tokens_that_reveal_to_what_the_planner_wrote() {
    let v = vault().await;
    let (_, view) = turn(&v).await;
    let args = json!({
        "order_id": "#W1234567", "address1": "12 Elm Street", "address2": "Apt 4",
        "city": "Austin", "state": "TX", "country": "USA", "zip": "78701",
        "payment_method_id": "gift_card_123", "user_id": "noah_brown_6181",
    });
    let plan = Plan {
        reads: vec![],
        writes: vec![frontdesk_planner::ProposedWrite {
            order_id: Some("#W1234567".into()),
            details: vec!["the new address: 12 Elm Street, Apt 4, Austin, TX 78701".into()],
            ..frontdesk_planner::ProposedWrite::new(
                "modify_pending_order_address",
                args.clone(),
                "ship order #W1234567 to 12 Elm Street, Apt 4, Austin, TX 78701".into(),
                "noah_brown_6181",
            )
        }],
        outcome: Outcome::AskCustomer {
            question: "Noah, shall I send #W1234567 to 12 Elm Street, Apt 4, Austin, TX 78701?"
                .into(),
        },
        reply_facts: vec![],
        draft: "Hi Noah Brown,".into(),
        procedures: vec!["order_address".into()],
        state: Default::default(),
        confidence: Default::default(),
        unsure: false,
        one_time_code: None,
        usage: Default::default(),
    };
    let out = view.conceal_plan(plan).unwrap();
    let carried = serde_json::to_string(&out).unwrap();
    assert!(leaks(&carried).is_empty(), "{carried}");
    let w = &out.writes[0];
    for (field, kept) in [
        ("order_id", "#W1234567"),
        ("state", "TX"),
        ("user_id", "noah_brown_6181"),
    ] {
        assert_eq!(
            w.args[field], kept,
            "{field} is no personal datum of the turn"
        );
    }
    assert_eq!(w.order_id.as_deref(), Some("#W1234567"));
    // The executor's view: every token in the arguments opens to what the planner wrote.
    let mut clear = frontdesk_tools::Clear::default();
    clear.add_bounded(view.bounded_pairs());
    assert_eq!(clear.reveal(&w.args), args);
    // Later turns and the reply's delivery find them in the vault.
    view.flush().await.unwrap();
    let tokens: Vec<String> = find_tokens(&carried).map(|f| f.token.to_owned()).collect();
    let stored = v
        .lookup("c1", tokens.iter().map(String::as_str))
        .await
        .unwrap();
    for t in &tokens {
        assert!(stored.contains_key(t), "{t} is in the vault");
    }
    let reply = v
        .reveal_for_customer("c1", &out.draft, &[PiiKind::Person])
        .await
        .unwrap();
    assert_eq!(reply, "Hi Noah Brown,");
}

#[test]
fn a_name_or_address_is_cut_into_the_pieces_a_plan_may_hold() {
    assert_eq!(
        parts(
            PiiKind::StreetAddress,
            "243 Sunset Drive, Suite 890, Los Angeles, CA 90001."
        ),
        [
            "243 Sunset Drive, Suite 890, Los Angeles, CA 90001",
            "243 Sunset Drive",
            "Suite 890",
            "Los Angeles",
            "CA 90001",
            "90001"
        ]
    );
    assert_eq!(
        parts(PiiKind::StreetAddress, "12 Elm Street Apt 4"),
        ["12 Elm Street Apt 4", "12 Elm Street", "Apt 4"]
    );
    assert_eq!(
        parts(PiiKind::StreetAddress, "9 Rose Lane, Austin, TX"),
        ["9 Rose Lane, Austin, TX", "9 Rose Lane", "Austin"]
    );
    // an ordinary word alone is no piece: it would take every such word with it
    assert_eq!(parts(PiiKind::Person, "Noah Brown"), ["Noah Brown", "Noah"]);
    assert_eq!(parts(PiiKind::Person, "Li Wu"), ["Li Wu", "Li", "Wu"]);
}

/// A customer who writes in lower case: the planner writes the address as an address is
/// written ("1450 Wynkoop Street"), and the store receives it so, not the lower-case text.
#[tokio::test]
async fn a_value_the_planner_wrote_in_another_case_reveals_as_written() {
    let v = vault().await;
    let text = "i moved to 1450 wynkoop street, apt 702, denver, co 80202. thanks";
    let (_, _) = v.protect("c2", text).await.unwrap();
    let (tokenised, _) = v.protect("c2", text).await.unwrap();
    let revealed = v.lookup("c2", [tokenised.as_str()]).await.unwrap();
    let view = PlannerView::new(&v, "c2", &revealed);
    let args = json!({
        "order_id": "#W1234567", "address1": "1450 Wynkoop Street", "address2": "Apt 702",
        "city": "Denver", "state": "CO", "country": "USA", "zip": "80202",
    });
    let mut plan = Plan {
        reads: vec![],
        writes: vec![frontdesk_planner::ProposedWrite::new(
            "modify_pending_order_address",
            args.clone(),
            "ship order #W1234567 to 1450 Wynkoop Street, Apt 702, Denver, CO 80202".into(),
            "u1",
        )],
        outcome: Outcome::AskCustomer {
            question: "Shall I?".into(),
        },
        reply_facts: vec![],
        draft: String::new(),
        procedures: vec![],
        state: Default::default(),
        confidence: Default::default(),
        unsure: false,
        one_time_code: None,
        usage: Default::default(),
    };
    plan.writes[0].order_id = Some("#W1234567".into());
    let out = view.conceal_plan(plan).unwrap();
    let carried = serde_json::to_string(&out).unwrap();
    for piece in ["Wynkoop", "wynkoop", "Denver", "denver", "80202"] {
        assert!(!carried.contains(piece), "{piece} in {carried}");
    }
    let mut clear = frontdesk_tools::Clear::default();
    clear.add_bounded(view.bounded_pairs());
    assert_eq!(clear.reveal(&out.writes[0].args), args);
    // the "yes" of a later turn reveals the stored write from the vault: the same spelling
    view.flush().await.unwrap();
    let stored_args = serde_json::to_string(&out.writes[0].args).unwrap();
    let stored = v.lookup("c2", [stored_args.as_str()]).await.unwrap();
    let spelt: Vec<&str> = stored.values().map(|(_, value)| value.as_str()).collect();
    for written in ["1450 Wynkoop Street", "Apt 702", "Denver"] {
        assert!(spelt.contains(&written), "{written} in {spelt:?}");
    }
    // the "yes" turn's own view (the customer's text and the stored write) sends the same
    let next = v
        .lookup("c2", [tokenised.as_str(), stored_args.as_str()])
        .await
        .unwrap();
    let yes = PlannerView::new(&v, "c2", &next);
    yes.flush().await.unwrap();
    let mut clear = frontdesk_tools::Clear::default();
    clear.add_bounded(yes.bounded_pairs());
    assert_eq!(clear.reveal(&out.writes[0].args), args);
}
