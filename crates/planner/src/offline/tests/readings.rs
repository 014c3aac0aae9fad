//! How whole e-mails are read, through the offline planner against the hand-made store:
//! which requests, items, targets, conditions and payment methods a phrasing yields. The
//! checks of proposed writes against the text are in `checks.rs`.

use super::*;

#[tokio::test]
async fn a_refund_of_the_difference_beside_an_item_change_is_not_a_cancellation() {
    let plan = from_ana(
        "Could the desk lamp in #W1000001 be the low brightness one? \
         I'd like a refund of the difference. Any money back goes to my gift card.",
    )
    .await;
    assert!(
        plan.writes.iter().all(|w| w.tool != "cancel_pending_order"),
        "{plan:#?}"
    );
}

#[tokio::test]
async fn a_customer_just_asking_gets_the_facts_and_nothing_waits() {
    let plan = from_ana(
        "I'm thinking about returning the t-shirt from #W1000002. Where would the refund go? \
         I don't want to start a return yet, just asking.",
    )
    .await;
    assert_eq!(plan.outcome, Outcome::Answered, "{plan:#?}");
    assert!(plan.writes.is_empty() && plan.state.pending.is_empty());
    assert!(plan.state.question.is_none());
    assert!(
        plan.draft.contains("Nothing has been changed"),
        "{}",
        plan.draft
    );
}

#[tokio::test]
async fn an_items_own_words_say_what_it_becomes_not_a_later_items_target() {
    // the only "for" of the sentence is the lamp's
    let plan = from_ana(
        "In #W1000001, the gaming mouse should be the white optical one instead of the laser, \
         and the desk lamp should be the low brightness one for my desk.",
    )
    .await;
    let [w] = plan.writes.as_slice() else {
        panic!("{plan:#?}")
    };
    let mut pairs: Vec<(String, String)> = w.args["item_ids"]
        .as_array()
        .unwrap()
        .iter()
        .zip(w.args["new_item_ids"].as_array().unwrap())
        .map(|(a, b)| {
            (
                a.as_str().unwrap().to_owned(),
                b.as_str().unwrap().to_owned(),
            )
        })
        .collect();
    pairs.sort();
    assert_eq!(
        pairs,
        vec![
            ("lamp_white_high".to_owned(), "lamp_white_low".to_owned()),
            (
                "mouse_black_laser".to_owned(),
                "mouse_white_optical".to_owned()
            ),
        ]
    );
}

/// The new item ids of the plan's only write, sorted.

#[tokio::test]
async fn a_sentence_that_counts_the_changes_heads_the_lines_that_make_them() {
    let plan = from_ana(
        "I got my delivery #W1000002 with a gaming mouse and a t-shirt, and I'd like to exchange \
         two things in it. The gaming mouse should be the black laser one instead. The t-shirt \
         should be a size L instead, same blue. Visa for any difference.",
    )
    .await;
    let new = new_items_of_one_write(&plan);
    assert_eq!(new, vec!["mouse_black_laser", "shirt_blue_l"], "{plan:#?}");
}

#[tokio::test]
async fn a_second_choice_in_a_sentence_of_its_own_is_no_second_change() {
    // no white laser mouse is sold: the second choice applies, once
    let plan = from_ana(
        "For #W1000002, exchange the gaming mouse for a white laser one. If there is none, \
         I'd go for the black laser one. Card for the difference.",
    )
    .await;
    let [w] = plan.writes.as_slice() else {
        panic!("{plan:#?}")
    };
    assert_eq!(
        w.args["item_ids"],
        serde_json::json!(["mouse_white_optical"])
    );
    assert_eq!(
        w.args["new_item_ids"],
        serde_json::json!(["mouse_black_laser"])
    );
}

#[tokio::test]
async fn a_line_that_names_its_product_twice_is_read_or_asked_about() {
    let plan = from_ana(
        "For #W1000002 I'd like to exchange the t-shirt for a size L, same blue. And the mouse: \
         same wired gaming mouse but the black laser one. Both in one exchange please.",
    )
    .await;
    let new = new_items_of_one_write(&plan);
    assert_eq!(new, vec!["mouse_black_laser", "shirt_blue_l"], "{plan:#?}");
}

#[tokio::test]
async fn a_customer_who_wants_no_change_gets_no_write() {
    for text in [
        "I only want information, please don't change anything. The desk lamp in #W1000001 \
         should be the low brightness one instead.",
        "Nothing needs changing today, I just have questions. Could the desk lamp in #W1000001 \
         be the low brightness one?",
    ] {
        let plan = from_ana(text).await;
        assert!(plan.writes.is_empty(), "{text}: {plan:#?}");
        assert!(plan.state.pending.is_empty(), "{text}: {plan:#?}");
        assert!(
            plan.draft.contains("Nothing has been changed"),
            "{}",
            plan.draft
        );
    }
    // a condition says nothing of the kind
    let plan = from_ana(
        "Could the desk lamp in #W1000001 be the low brightness one? If that is not possible, \
         don't change anything.",
    )
    .await;
    assert!(
        !plan.draft.contains("Nothing has been changed"),
        "{plan:#?}"
    );
}

#[tokio::test]
async fn the_address_of_another_order_is_read_from_that_order() {
    for text in [
        "Please send order #W1000066 to the same address that my other order (the water bottle one) went to.",
        "Could you ship #W1000066 to the address of my other order, the one with the water bottle?",
    ] {
        let plan = from_ana(text).await;
        let [w] = plan.writes.as_slice() else {
            panic!("{text}: {plan:#?}")
        };
        assert_eq!(w.tool, "modify_pending_order_address");
        assert_eq!(w.args["zip"], "73302", "{text}");
    }
}

#[tokio::test]
async fn where_a_vague_repeat_says_the_order_goes_is_read() {
    // the first sentence names the order and says its address is wrong; the second, a
    // vague repeat of the request, says where it goes
    let plan = from_ana(
        "My order with the red t-shirt is set to ship to an Austin address, which is wrong. Please send it to my default address.",
    )
    .await;
    let [w] = plan.writes.as_slice() else {
        panic!("{plan:#?}")
    };
    assert_eq!(w.tool, "modify_pending_order_address");
    assert_eq!(w.args["order_id"], "#W1000066");
    assert_eq!(w.args["address1"], "1 Oak Street");
}

#[tokio::test]
async fn a_change_that_also_says_what_stays_is_read() {
    // "the color stays" in the same sentence as the change does not hide the change
    let plan = from_ana(
        "Please change the t-shirt in order #W1000066 to size M, the color stays. Any difference to my PayPal.",
    )
    .await;
    let [w] = plan.writes.as_slice() else {
        panic!("{plan:#?}")
    };
    assert_eq!(w.tool, "modify_pending_order_items");
    assert_eq!(w.args["new_item_ids"], serde_json::json!(["shirt_red_m"]));
}

#[tokio::test]
async fn a_change_naming_no_item_after_several_were_named_asks_which() {
    let plan = from_ana(
        "My order #W1000001 has the gaming mouse and the desk lamp. Could you change it to the white one?",
    )
    .await;
    assert!(plan.writes.is_empty(), "{plan:#?}");
    let Outcome::AskCustomer { question } = &plan.outcome else {
        panic!("{plan:#?}")
    };
    assert!(question.contains("Which items"), "{question}");
}

#[tokio::test]
async fn the_card_i_used_for_that_order_is_its_original_payment() {
    let plan = from_ana(
        "Please return the t-shirt from #W1000002; refund it to the card I used for that order.",
    )
    .await;
    let [w] = plan.writes.as_slice() else {
        panic!("{plan:#?}")
    };
    assert_eq!(w.args["payment_method_id"], "credit_card_2", "{w:#?}");
}

#[tokio::test]
async fn a_second_choice_of_option_is_taken_when_the_first_is_not_sold() {
    let plan = from_ana(
        "Could you change the desk lamp in #W1000001 to black with high brightness? \
         If that's not available, then low brightness is fine.",
    )
    .await;
    let [w] = plan.writes.as_slice() else {
        panic!("{plan:#?}")
    };
    assert_eq!(w.args["new_item_ids"][0], "lamp_black_low", "{w:#?}");
}

#[tokio::test]
async fn a_pronoun_after_a_question_about_an_order_is_that_order() {
    // two delivered orders: only "it" says which one the return is about
    let plan = from_ana(
        "Where is my order with the water bottle? Also I'd like to return it, refund to my gift card please.",
    )
    .await;
    let Outcome::AskCustomer { question } = &plan.outcome else {
        panic!("{plan:#?}")
    };
    assert!(question.contains("#W1000003"), "{question}");
    assert!(question.contains("Water Bottle"), "{question}");
    assert!(!question.contains("Which order"), "{question}");
}

#[tokio::test]
async fn a_second_change_whose_item_is_not_recognised_is_not_dropped() {
    // "the reading light" is no product name of the store: it must not vanish while the
    // mouse change alone is proposed (the order's items change only once)
    let plan = from_ana(
        "In order #W1000001, change only the gaming mouse to the white one. And change the reading light to the brighter version.",
    )
    .await;
    let Outcome::HandOff { rule, .. } = &plan.outcome else {
        panic!("{plan:#?}")
    };
    assert_eq!(*rule, Rule::UnreadRequest);
    assert!(plan.writes.is_empty());
}

#[tokio::test]
async fn a_heading_before_unbulleted_change_lines_is_no_change_of_its_own() {
    // the heading names the order by its t-shirt; the t-shirt's change is on its own line
    let plan = from_ana(
        "I got my order with the t-shirt and I'd like to exchange two things in it:\nthe gaming mouse - I need the black laser one, still wired;\nand the t-shirt - I need it in L, same blue.\nPut any difference on my credit card.",
    )
    .await;
    let Outcome::AskCustomer { question } = &plan.outcome else {
        panic!("{plan:#?}")
    };
    assert!(question.contains("Before I go ahead"), "{question}");
    assert!(question.contains("size L"), "{question}");
    assert!(question.contains("sensor type laser"), "{question}");
}

#[tokio::test]
async fn the_item_a_heading_names_its_order_by_is_not_changed() {
    let plan = from_ana(
        "I got my order with the gaming mouse and I'd like to exchange one thing in it:\nthe t-shirt - I need it in L, same blue.\nPut any difference on my credit card.",
    )
    .await;
    let Outcome::AskCustomer { question } = &plan.outcome else {
        panic!("{plan:#?}")
    };
    assert!(question.contains("Before I go ahead"), "{question}");
    assert!(question.contains("size L"), "{question}");
    assert!(!question.contains("Gaming Mouse ("), "{question}");
}

#[tokio::test]
async fn every_item_except_one_returns_the_others() {
    let plan = from_ana(
        "From order #W1000002 I want to return every item except the gaming mouse. Refund to the original payment method.",
    )
    .await;
    let Outcome::AskCustomer { question } = &plan.outcome else {
        panic!("{plan:#?}")
    };
    assert!(
        question.contains("return T-Shirt from order #W1000002"),
        "{question}"
    );
    assert!(!question.contains("Gaming Mouse"), "{question}");
}

#[tokio::test]
async fn everything_else_leaves_out_what_was_named_just_before() {
    // no keeping word: "else" sets the return against the mouse named before it
    let plan = from_ana(
        "The gaming mouse from order #W1000002 has been a hit with my son, so that one is \
         staying with us. Everything else in that order I'd like to return. Refund to the card \
         I paid with.",
    )
    .await;
    let [w] = plan.writes.as_slice() else {
        panic!("{plan:#?}")
    };
    assert_eq!(
        w.args["item_ids"],
        serde_json::json!(["shirt_blue_m"]),
        "{w:#?}"
    );
}

#[tokio::test]
async fn an_order_s_contents_listed_after_a_relative_clause_are_not_returned() {
    let plan = from_ana(
        "From the order I received (gaming mouse and a t-shirt) I want to return the t-shirt. Refund to the card I paid with.",
    )
    .await;
    let [w] = plan.writes.as_slice() else {
        panic!("{plan:#?}")
    };
    assert_eq!(
        w.args["item_ids"],
        serde_json::json!(["shirt_blue_m"]),
        "{w:#?}"
    );
}

#[tokio::test]
async fn a_change_pointing_back_is_kept_beside_a_change_that_names_its_item() {
    let plan = from_ana(
        "The gaming mouse I received is too slow. I'd like to exchange it for the wireless one. \
         Also, in my pending order, change the desk lamp to low brightness. Use PayPal for both.",
    )
    .await;
    let Outcome::AskCustomer { question } = &plan.outcome else {
        panic!("{plan:#?}")
    };
    assert!(question.contains("Before I go ahead"), "{question}");
    assert!(question.contains("connectivity wireless"), "{question}");
    assert!(question.contains("brightness low"), "{question}");
}

#[tokio::test]
async fn the_sentence_after_another_items_line_is_that_items() {
    // "still black" follows the mouse's line: the lamp stays white
    let plan = from_ana(
        "Two changes to #W1000001 please, card for any difference:\n\n\
         1) The white desk lamp - low brightness instead of high.\n\
         2) The gaming mouse - wireless instead of wired. Still laser, still black.",
    )
    .await;
    let new = new_items_of_one_write(&plan);
    assert!(new.contains(&"lamp_white_low".to_owned()), "{plan:#?}");
    assert!(
        new.contains(&"mouse_black_laser_wl".to_owned()),
        "{plan:#?}"
    );
}

#[tokio::test]
async fn a_second_choice_ending_in_instead_is_read_with_its_change() {
    // no white laser mouse is sold: "..., black laser instead" is the second choice
    let plan = from_ana(
        "For #W1000002, card for the difference:\n\
         - Gaming mouse: the white optical one -> white laser. If the white laser's not available, black laser instead.",
    )
    .await;
    assert_eq!(
        new_items_of_one_write(&plan),
        vec!["mouse_black_laser".to_owned()]
    );
}

#[tokio::test]
async fn a_change_naming_only_options_of_the_item_named_before_is_no_vague_repeat() {
    // "We would like the low brightness model instead" names no product: it is the lamp's,
    // named in the sentence before, not a repeat of the mouse's change
    let plan = from_ana(
        "Two changes to #W1000001. The desk lamp is the high brightness one. We would like the \
         low brightness model instead.\n\nThe gaming mouse is wired; please make it the \
         wireless one. Card for the difference.",
    )
    .await;
    assert_eq!(
        new_items_of_one_write(&plan),
        vec![
            "lamp_white_low".to_owned(),
            "mouse_black_laser_wl".to_owned()
        ]
    );
}

#[tokio::test]
async fn a_wish_on_condition_that_it_is_sold_is_read_and_left_when_it_is_not() {
    // no black lamp with high brightness is sold: nothing is written, and the reply says so
    let plan = from_ana(
        "In #W1000001, the desk lamp: I'd like it in black, but only if you have it with the \
         same high brightness. If that isn't available, please don't touch the lamp.",
    )
    .await;
    assert!(plan.writes.is_empty(), "{plan:#?}");
    assert_eq!(plan.outcome, Outcome::Answered, "{plan:#?}");
    assert!(
        plan.reply_facts.iter().any(|f| f.contains("not available")),
        "{plan:#?}"
    );
}

#[tokio::test]
async fn the_method_paid_with_takes_the_refund_when_it_is_sent_there() {
    // the gift card belongs to the first request's question, not to the return
    let plan = from_ana(
        "1) Cancel #W1000066, I placed it by mistake. How much will be going back onto the gift card?\n\
         2) I'm returning the t-shirt from #W1000002. It is too big. I paid with my Visa, so refund it there.",
    )
    .await;
    let ret = plan
        .writes
        .iter()
        .find(|w| w.tool == "return_delivered_order_items")
        .unwrap_or_else(|| panic!("{plan:#?}"));
    assert_eq!(ret.args["payment_method_id"], "credit_card_2", "{plan:#?}");
}

#[tokio::test]
async fn a_second_choice_written_as_make_it_is_read_with_its_change() {
    // no white laser mouse is sold: "make it a black laser one" is the second choice
    let plan = from_ana(
        "For #W1000002, please change the gaming mouse to a white laser one. If there's no \
         white laser like that, make it a black laser one. Card for the difference.",
    )
    .await;
    assert_eq!(
        new_items_of_one_write(&plan),
        vec!["mouse_black_laser".to_owned()]
    );
}

#[tokio::test]
async fn a_second_choice_written_as_then_a_is_read_with_its_change() {
    let plan = from_ana(
        "For #W1000002, please change the gaming mouse to a white laser one. If there isn't a \
         white laser like that, then a black laser one. Card for the difference.",
    )
    .await;
    assert_eq!(
        new_items_of_one_write(&plan),
        vec!["mouse_black_laser".to_owned()]
    );
}

#[tokio::test]
async fn where_a_returned_items_refund_goes_is_no_unread_change() {
    let plan = from_ana(
        "I've decided to send back only the t-shirt from order #W1000002 (the gaming mouse \
         stays). That order was paid with my card, so please refund the t-shirt to the card I \
         paid with. If you were thinking of offering me an exchange instead, thanks but no.",
    )
    .await;
    let [w] = plan.writes.as_slice() else {
        panic!("{plan:#?}")
    };
    assert_eq!(w.tool, "return_delivered_order_items");
    assert_eq!(w.args["item_ids"], serde_json::json!(["shirt_blue_m"]));
}

#[tokio::test]
async fn a_question_about_that_order_is_answered_beside_another_question() {
    let plan = from_ana(
        "First, I had an order with the water bottle. Could you tell me how much was refunded \
         for that order?\n\nSecond, my order with the gaming mouse and the desk lamp: what's \
         the tracking number for that one?",
    )
    .await;
    assert!(
        plan.draft.contains("#W1000003") && plan.draft.contains("#W1000001"),
        "{}",
        plan.draft
    );
}

#[tokio::test]
async fn an_order_said_to_stay_is_not_the_one_cancelled() {
    let plan = from_ana(
        "To sum up: cancel the t-shirt order (no longer needed), keep the mouse/lamp order, \
         and let me know its total.",
    )
    .await;
    let cancels: Vec<&serde_json::Value> = plan
        .writes
        .iter()
        .filter(|w| w.tool == "cancel_pending_order")
        .map(|w| &w.args["order_id"])
        .collect();
    assert_eq!(cancels, [&serde_json::json!("#W1000066")], "{plan:#?}");
}

#[tokio::test]
async fn something_to_return_named_in_the_sentence_after() {
    let plan = from_ana(
        "Hi, may I return something? It's the t-shirt from order #W1000002. The refund can go \
         back to the card I paid with.",
    )
    .await;
    let [w] = plan.writes.as_slice() else {
        panic!("{plan:#?}")
    };
    assert_eq!(w.tool, "return_delivered_order_items");
    assert_eq!(w.args["item_ids"], serde_json::json!(["shirt_blue_m"]));
}

#[tokio::test]
async fn the_customers_own_hypothetical_alone_writes_nothing() {
    // a question about a change is no request for it ...
    let plan =
        from_ana("How much would it cost if I switched the t-shirt in order #W1000066 to size M?")
            .await;
    assert!(plan.writes.is_empty(), "{plan:#?}");
    // ... until a plain repeat asks for it
    let plan = from_ana(
        "How much would it cost if I switched the t-shirt in order #W1000066 to size M? Keep the red, just swap the L for an M please. Any difference to my PayPal.",
    )
    .await;
    let [w] = plan.writes.as_slice() else {
        panic!("{plan:#?}")
    };
    assert_eq!(w.tool, "modify_pending_order_items");
    assert_eq!(w.args["new_item_ids"], serde_json::json!(["shirt_red_m"]));
}

#[tokio::test]
async fn an_exclusion_naming_something_the_order_lacks_asks() {
    // "the phone" names none of the order's items: what stays is not known
    let plan = from_ana(
        "Please return everything from #W1000002 except the phone and the t-shirt. Refund to my PayPal.",
    )
    .await;
    assert!(plan.writes.is_empty(), "{plan:#?}");
    assert!(
        matches!(plan.outcome, Outcome::AskCustomer { .. }),
        "{plan:#?}"
    );
}

#[tokio::test]
async fn a_fallback_of_a_change_wanted_only_if_sold_applies_when_it_is_not() {
    // no white laser mouse is sold: "if you have ..." leaves the mouse, and the fallback
    // ("if you don't have it, return it") is what the customer asked for then
    let plan = from_ana(
        "If you have the gaming mouse from #W1000002 as a white laser one, exchange mine for it. \
         If you don't have it, return the mouse instead. Refund to the original payment method.",
    )
    .await;
    let [w] = plan.writes.as_slice() else {
        panic!("{plan:#?}")
    };
    assert_eq!(w.tool, "return_delivered_order_items", "{plan:#?}");
    assert!(
        !plan.draft.contains("as you asked I left it"),
        "{}",
        plan.draft
    );
}
