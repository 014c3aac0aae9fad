//! The checks of proposed writes against the text, through the offline planner against the
//! hand-made store: a change nobody read, an item said to stay, an option named for an item
//! no write changes, a question the store left unanswered.

use super::*;

#[tokio::test]
async fn an_item_of_the_changed_order_named_with_another_option_is_not_left_out() {
    // the lamp line asks nothing the planner reads: proposing the mouse alone would leave the
    // lamp unchanged for good (an order's items change only once)
    let plan = from_ana(
        "For #W1000001, change the gaming mouse to the white optical one. \
         The desk lamp in black with low brightness.",
    )
    .await;
    assert!(plan.writes.is_empty(), "{plan:#?}");
    assert!(
        matches!(&plan.outcome, Outcome::AskCustomer { question } if question.contains("desk lamp")),
        "{plan:#?}"
    );
    // "dont change the lamp" says what stays: it is no unread change
    let plan = from_ana(
        "For #W1000001, change the gaming mouse to the white optical one. dont change the desk lamp.",
    )
    .await;
    assert!(
        !matches!(plan.outcome, Outcome::HandOff { .. }),
        "{plan:#?}"
    );
    assert!(!plan.writes.is_empty(), "{plan:#?}");
    // named as it is, it is no change
    let plan = from_ana(
        "For #W1000001, change the gaming mouse to the white optical one. \
         The white desk lamp I like a lot.",
    )
    .await;
    assert!(
        !matches!(&plan.outcome, Outcome::AskCustomer { question } if question.contains("desk lamp")),
        "{plan:#?}"
    );
}

#[tokio::test]
async fn a_change_to_my_order_that_nothing_read_is_handed_off() {
    // the second sentence names no order id and no product, only "my other order"
    let plan = from_ana(
        "Please change the desk lamp in #W1000001 to the black low brightness one. \
         Also my other order should be gift-wrapped instead of boxed.",
    )
    .await;
    assert!(
        matches!(
            plan.outcome,
            Outcome::HandOff {
                rule: Rule::UnreadRequest,
                ..
            }
        ),
        "{plan:#?}"
    );
}

#[tokio::test]
async fn a_change_not_read_beside_a_question_goes_to_a_person() {
    // the question is answered, but the change the planner did not read must not look done
    let plan =
        from_ana("Where is my order #W1000002? Also please downgrade the t-shirt in it.").await;
    assert!(plan.writes.is_empty(), "{plan:#?}");
    let Outcome::HandOff { rule, .. } = &plan.outcome else {
        panic!("{plan:#?}")
    };
    assert_eq!(*rule, Rule::UnreadRequest);
}

#[tokio::test]
async fn a_write_on_an_item_said_to_stay_is_asked_about() {
    // the return reads every item; the next sentence keeps one of them
    let plan = from_ana(
        "Please return everything from order #W1000002. Leave the t-shirt as it is, I like it.",
    )
    .await;
    assert!(
        plan.writes.is_empty() || plan.outcome != Outcome::Act,
        "{plan:#?}"
    );
    let Outcome::AskCustomer { question } = &plan.outcome else {
        panic!("{plan:#?}")
    };
    assert!(question.contains("stays as it is"), "{question}");
    // a kept item the write does not touch is no conflict
    let plan =
        from_ana("For order #W1000002, return the gaming mouse. The t-shirt stays with me.").await;
    let Outcome::AskCustomer { question } = &plan.outcome else {
        panic!("{plan:#?}")
    };
    assert!(question.contains("Before I go ahead"), "{question}");
}

#[tokio::test]
async fn a_question_the_store_does_not_answer_is_not_answered_by_the_others() {
    // the status is answered; no product of the store is "the foldable one": answering the
    // status alone would read as a complete answer
    let plan = from_ana(
        "Two questions. What's the status of order #W1000002? And what does the foldable one cost?",
    )
    .await;
    let Outcome::HandOff { rule, reason } = &plan.outcome else {
        panic!("{plan:#?}")
    };
    assert_eq!(*rule, Rule::UnansweredQuestion, "{reason}");
    assert!(reason.contains("foldable"), "{reason}");
    // the status alone is answered as before
    let plan = from_ana("What's the status of order #W1000002?").await;
    assert_eq!(plan.outcome, Outcome::Answered, "{plan:#?}");
}

#[tokio::test]
async fn the_other_one_that_stays_is_not_the_one_changed() {
    // each order holds one gaming mouse: "the other mouse" is the one in #W1000002
    let plan = from_ana(
        "For #W1000001, please change the gaming mouse to the wireless one. The other mouse \
         and everything else stay the same. Card for the difference.",
    )
    .await;
    assert_eq!(
        new_items_of_one_write(&plan),
        vec!["mouse_black_laser_wl".to_owned()]
    );
}

#[tokio::test]
async fn everything_else_about_the_items_staying_is_their_other_options() {
    let plan = from_ana(
        "My order #W1000002 was delivered and I want to exchange two things in it:\n\
         - the t-shirt in size M, for the one in L\n\
         - the gaming mouse with the optical sensor, for the wireless one\n\n\
         Everything else about the t-shirt and the mouse should stay the same. Card for any \
         difference.",
    )
    .await;
    assert_eq!(
        new_items_of_one_write(&plan),
        vec![
            "mouse_white_optical_wl".to_owned(),
            "shirt_blue_l".to_owned()
        ]
    );
}
