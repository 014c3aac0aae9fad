//! Slot resolution against the hand-made store of [`crate::fixture`]: one request per text,
//! as the customer might write it. (About 620 lines: one test per reading, all against the
//! same store, so they stay together.)

use serde_json::json;

use crate::fixture::customer;
use crate::requests::extract;
use crate::{Procedures, ProposedWrite};

use super::{resolve, Resolution};

fn resolved(text: &str) -> Resolution {
    let procedures = Procedures::shipped().expect("shipped procedures");
    let mut requests = extract(text, &procedures);
    assert_eq!(requests.len(), 1, "one request in {text:?}: {requests:#?}");
    let mut request = requests.remove(0);
    request.alone = true;
    resolve(&request, &customer(), &procedures, text)
}

fn write(text: &str) -> ProposedWrite {
    match resolved(text) {
        Resolution::Write(w, _) => *w,
        other => panic!("expected a write for {text:?}, got {other:?}"),
    }
}

fn question(text: &str) -> String {
    match resolved(text) {
        Resolution::Ask(q) => q,
        other => panic!("expected a question for {text:?}, got {other:?}"),
    }
}

#[test]
fn an_order_named_by_its_number() {
    let w = write("Please cancel order #W1000066, I no longer need it.");
    assert_eq!(w.tool, "cancel_pending_order");
    assert_eq!(
        w.args,
        json!({"order_id": "#W1000066", "reason": "no longer needed"})
    );
    assert_eq!(w.refund_amount, Some(22.0));
}

#[test]
fn an_order_named_by_the_end_of_its_number() {
    let w = write("I placed an order by mistake, the order number ends in 66. Please cancel it.");
    assert_eq!(w.order_id.as_deref(), Some("#W1000066"));
    assert_eq!(w.args["reason"], "ordered by mistake");
}

#[test]
fn an_order_found_by_the_item_it_holds_and_the_status_the_request_needs() {
    // both orders hold a mouse, but only the delivered one can be returned
    let w = write("I'd like to return the gaming mouse, it stopped working.");
    assert_eq!(w.tool, "return_delivered_order_items");
    assert_eq!(w.args["order_id"], "#W1000002");
    assert_eq!(w.args["item_ids"], json!(["mouse_white_optical"]));
    // refunds go to the original payment method unless another is named
    assert_eq!(w.args["payment_method_id"], "credit_card_2");
}

#[test]
fn several_orders_that_fit_are_listed_in_one_question() {
    let q = question("Can you exchange my gaming mouse for a wireless one?");
    assert!(
        q.contains("#W1000001") && q.contains("#W1000002"),
        "the question lists both orders: {q}"
    );
}

#[test]
fn everything_except_the_named_item() {
    let w = write("Please return everything from order #W1000002 except the t-shirt.");
    assert_eq!(w.args["item_ids"], json!(["mouse_white_optical"]));
    assert_eq!(w.refund_amount, Some(10.0));
    // what follows "meaning" restates what goes
    let w = write(
        "Please return everything from order #W1000002 except the t-shirt, meaning the gaming mouse.",
    );
    assert_eq!(w.args["item_ids"], json!(["mouse_white_optical"]));
    let w = write(
        "From order #W1000002 I'm returning all of it apart from the t-shirt: the gaming mouse goes back, the t-shirt stays.",
    );
    assert_eq!(w.args["item_ids"], json!(["mouse_white_optical"]));
    // ... and a restatement naming a kept item is a contradiction to ask about
    question("Please return everything from order #W1000002 except the t-shirt, meaning the t-shirt and the mouse.");
}

#[test]
fn an_option_change_keeps_the_other_options() {
    let w = write("For order #W1000002, exchange the gaming mouse for a wireless one.");
    assert_eq!(w.tool, "exchange_delivered_order_items");
    assert_eq!(w.args["new_item_ids"], json!(["mouse_white_optical_wl"]));
    assert_eq!(w.price_difference, Some(10.0));
    assert_eq!(w.charge_amount, Some(10.0));
}

#[test]
fn an_option_freed_in_the_sentence_after_the_request_counts() {
    // white laser wired is sold out; the color is freed a sentence later, one that also says
    // what stays (so it is not read as the item kept)
    let w = write(
        "For order #W1000002, can you exchange the gaming mouse for a laser one? I want to stay wired; I don't care about the color.",
    );
    assert_eq!(w.args["new_item_ids"], json!(["mouse_black_laser"]));
}

#[test]
fn the_cheapest_variant_with_the_asked_option() {
    let w =
        write("For #W1000001 I'd like to change the desk lamp to the cheapest low brightness one.");
    assert_eq!(w.tool, "modify_pending_order_items");
    assert_eq!(w.args["new_item_ids"], json!(["lamp_white_low"]));
    assert_eq!(w.refund_amount, Some(10.0));
}

#[test]
fn an_unavailable_variant_is_not_chosen() {
    // white laser wired exists but is sold out: the customer is asked, and a fallback may apply
    match resolved("For order #W1000001, exchange the gaming mouse for a white one.") {
        Resolution::Unavailable(q) => assert!(q.contains("Gaming Mouse"), "{q}"),
        other => panic!("expected an unavailable variant, got {other:?}"),
    }
}

#[test]
fn store_credit_is_the_gift_card() {
    let w = write("Return the t-shirt from #W1000002, and I'd like store credit for it.");
    assert_eq!(w.args["payment_method_id"], "gift_card_3");
}

#[test]
fn a_refund_to_a_destination_the_store_cannot_use_is_asked_about() {
    let q = question("Return the t-shirt from #W1000002 and send the money to my Venmo.");
    assert!(q.contains("payment methods on your account"), "{q}");
}

#[test]
fn the_default_address_for_a_pending_order() {
    let w = write("Please change the shipping address of order #W1000001 to my default address.");
    assert_eq!(w.tool, "modify_pending_order_address");
    assert_eq!(w.args["address1"], "1 Oak Street");
    assert_eq!(w.args["zip"], "80202");
}

#[test]
fn a_delivered_order_cannot_be_cancelled() {
    match resolved("Cancel order #W1000003 please, I don't need it.") {
        Resolution::Refuse(why) => assert!(why.contains("delivered"), "{why}"),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn a_gift_card_must_cover_the_new_payment() {
    match resolved("For #W1000001 change the payment method to my gift card.") {
        Resolution::Refuse(why) => assert!(why.contains("does not cover"), "{why}"),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn account_questions_are_answered_from_the_record() {
    match resolved("What is the balance on my gift card?") {
        Resolution::Facts(f) => {
            assert_eq!(f, ["Your gift card (gift_card_3) has a balance of $50.00."])
        }
        other => panic!("expected facts, got {other:?}"),
    }
}

#[test]
fn the_one_that_came_with_other_products_is_the_item_named_before() {
    // the clause names the desk lamp only to say which order; "the one" is a mouse
    let w = write(
        "I have two gaming mice. I only want to change the one that came together with the \
         desk lamp: switch it to the wireless version, same color.",
    );
    assert_eq!(w.tool, "modify_pending_order_items");
    assert_eq!(w.args["order_id"], "#W1000001");
    assert_eq!(w.args["item_ids"], json!(["mouse_black_laser"]));
    assert_eq!(w.args["new_item_ids"], json!(["mouse_black_laser_wl"]));
}

#[test]
fn an_option_that_does_not_matter_is_free() {
    // the white laser mouse is sold out; the color "doesn't matter", so the black one fits
    let w = write(
        "For order #W1000002, exchange the gaming mouse for a laser one, the color doesn't matter.",
    );
    assert_eq!(w.args["new_item_ids"], json!(["mouse_black_laser"]));
}

#[test]
fn what_goes_back_is_returned_and_what_is_kept_is_not() {
    for text in [
        "I'm keeping the t-shirt from order #W1000002. The gaming mouse goes back.",
        "From #W1000002 the gaming mouse can go back to you; I'm keeping the t-shirt.",
    ] {
        let w = write(text);
        assert_eq!(w.tool, "return_delivered_order_items", "{text}");
        assert_eq!(w.args["item_ids"], json!(["mouse_white_optical"]), "{text}");
    }
}

#[test]
fn the_account_address_said_as_what_it_should_now_be() {
    for text in [
        "My profile address should now be 12 Main Street, Apt 3, Denver, CO 80202.",
        "My default address needs to be 12 Main Street, Apt 3, Denver, CO 80202 from now on.",
    ] {
        let w = write(text);
        assert_eq!(w.tool, "modify_user_address", "{text}");
        assert_eq!(w.args["zip"], "80202", "{text}");
    }
}

#[test]
fn an_order_that_should_come_to_another_address() {
    let w = write(
        "My order #W1000066 is going to Austin; I want it to come to my home address instead.",
    );
    assert_eq!(w.tool, "modify_pending_order_address");
    assert_eq!(w.args["city"], "Denver");
}

#[test]
fn an_order_that_should_go_to_the_address_on_file_in_a_named_city() {
    // written for this test: no address, no "address" word, only the city of one on file
    let w = write("My order #W1000066 is going to Austin, but I need it at my home in Denver.");
    assert_eq!(w.tool, "modify_pending_order_address");
    assert_eq!(w.args["city"], "Denver");
    assert_eq!(w.args["zip"], "80202");
}

#[test]
fn a_second_choice_after_or_if_there_is_not() {
    // the white laser mouse is sold out: the second choice is taken
    let w = write(
        "For order #W1000002, exchange the gaming mouse for a laser one, or if there isn't a \
         white laser one, a black laser one.",
    );
    assert_eq!(w.args["new_item_ids"], json!(["mouse_black_laser"]));
}

#[test]
fn a_price_word_before_the_change_says_which_item_not_which_variant() {
    // "the more expensive" picks the item; the wanted variant keeps the other options
    let w = write(
        "In order #W1000002 take the more expensive item, the t-shirt, and change it to red.",
    );
    assert_eq!(w.args["item_ids"], json!(["shirt_blue_m"]));
    assert_eq!(w.args["new_item_ids"], json!(["shirt_red_m"]));
}

#[test]
fn a_return_that_names_only_what_is_kept_asks() {
    // "the mug" is no product of the order: only the kept t-shirt was recognised
    let q = question("From order #W1000002 I want to return the mug and keep the t-shirt.");
    assert!(q.contains("Which items"), "{q}");
}

#[test]
fn of_the_products_named_the_one_said_only() {
    for text in [
        "I got a gaming mouse and a t-shirt in order #W1000002 and I want to return the gaming mouse only.",
        "I got a gaming mouse and a t-shirt in order #W1000002; please return just the gaming mouse.",
    ] {
        let w = write(text);
        assert_eq!(w.args["item_ids"], json!(["mouse_white_optical"]), "{text}");
    }
}

#[test]
fn an_order_sent_to_the_home_address_is_no_account_change() {
    // the destination is the address on file: the order's address changes, not the account's
    let w = write("Please change the shipping address of order #W1000066 to my home address.");
    assert_eq!(w.tool, "modify_pending_order_address");
    // setting the account's address to the one it has writes nothing
    let text = "Update my default address to 1 Oak Street, Apt 2, Denver, CO 80202.";
    match resolved(text) {
        Resolution::Refuse(why) => assert!(why.contains("already"), "{why}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_second_choice_when_the_first_does_not_come_with_an_option() {
    // no white laser mouse is sold: the second choice
    let w = write(
        "For order #W1000002, exchange the gaming mouse for a laser one; if the laser one \
         doesn't come in white, black is fine.",
    );
    assert_eq!(w.args["new_item_ids"], json!(["mouse_black_laser"]));
}

#[test]
fn items_picked_by_their_price_rank() {
    // #W1000002 holds the mouse ($10) and the t-shirt ($20)
    let w = write("From order #W1000002 I want to return the cheapest item, refund to my card.");
    assert_eq!(w.args["item_ids"], json!(["mouse_white_optical"]));
    let w = write("Please return the most expensive one from order #W1000002.");
    assert_eq!(w.args["item_ids"], json!(["shirt_blue_m"]));
}

#[test]
fn the_price_of_a_variant_named_by_its_options() {
    match resolved("What is the price of the desk lamp in black with low brightness?") {
        Resolution::Facts(f) => {
            assert!(f.iter().any(|x| x.contains("$32.00")), "{f:?}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_payment_method_taken_off_an_order_is_not_the_new_one() {
    for text in [
        "For #W1000001, I don't want it on my PayPal anymore; please move the payment to my Visa.",
        "My PayPal barely has anything on it, so for #W1000001 please take the PayPal off and charge my Visa instead.",
    ] {
        let w = write(text);
        assert_eq!(w.tool, "modify_pending_order_payment", "{text}");
        assert_eq!(w.args["payment_method_id"], "credit_card_2", "{text}");
    }
}

#[test]
fn the_total_of_an_order_described_by_its_state() {
    match resolved("2. What's the total of my pending order #W1000001?") {
        Resolution::Facts(f) => assert!(f.iter().any(|x| x.contains("$55.00")), "{f:?}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_order_named_by_its_total() {
    // #W1000001 (pending, $55) and #W1000066 (pending, $22)
    let w = write("Cancel the more expensive of the two, I no longer need it.");
    assert_eq!(w.args["order_id"], "#W1000001");
    let w = write("Please cancel the cheaper one, it was ordered by mistake.");
    assert_eq!(w.args["order_id"], "#W1000066");
    let w = write("Please cancel my priciest order, I no longer need it.");
    assert_eq!(w.args["order_id"], "#W1000001");
}

#[test]
fn an_order_that_should_go_to_a_street_address() {
    let w = write("My pending order #W1000066 should go to 12 Main Street, Suite 5, Austin, TX 78701 instead.");
    assert_eq!(w.tool, "modify_pending_order_address");
    assert_eq!(w.args["address1"], "12 Main Street");
}

#[test]
fn a_templated_return_opens_with_the_product_name() {
    let w = write("Return Gaming Mouse {'color': 'white'} from #W1000002; the t-shirt stays.");
    assert_eq!(w.tool, "return_delivered_order_items");
    assert_eq!(w.args["item_ids"], json!(["mouse_white_optical"]));
}

#[test]
fn the_price_of_the_customers_own_item_with_one_option_changed() {
    // the lamp bought is white with high brightness: "that same lamp" keeps the white
    for text in [
        "How much would that same desk lamp cost with low brightness instead?",
        "What does the desk lamp I bought cost with low brightness?",
    ] {
        match resolved(text) {
            Resolution::Facts(f) => {
                assert!(f.iter().any(|x| x.contains("$30.00")), "{text}: {f:?}");
            }
            other => panic!("{text}: {other:?}"),
        }
    }
}

#[test]
fn a_gift_card_that_cannot_pay_is_no_balance_question() {
    let procedures = Procedures::shipped().expect("shipped procedures");
    let text =
        "My gift card doesn't have enough left on it, so charge the difference to my PayPal.";
    assert!(
        extract(text, &procedures)
            .iter()
            .all(|r| r.kind != "account"),
        "{:?}",
        extract(text, &procedures)
    );
    let asked = extract("How much is left on my gift card?", &procedures);
    assert!(asked.iter().any(|r| r.kind == "account"), "{asked:?}");
    let asked = extract("What's my gift card balance?", &procedures);
    assert!(asked.iter().any(|r| r.kind == "account"), "{asked:?}");
}

#[test]
fn an_order_wanted_delivered_elsewhere() {
    let w = write(
        "My order #W1000066 hasn't shipped and I want it delivered to my office instead: \
         12 Main Street, Suite 5, Austin, TX 78701.",
    );
    assert_eq!(w.tool, "modify_pending_order_address");
    assert_eq!(w.args["zip"], "78701");
}

#[test]
fn the_words_opening_the_next_product_are_not_this_items() {
    // "the white desk lamp": "white" is the lamp's, not the mouse's
    let w = write(
        "For order #W1000001, please change the gaming mouse to the wireless one and the white \
         desk lamp to low brightness.",
    );
    assert_eq!(
        w.args["new_item_ids"],
        json!(["mouse_black_laser_wl", "lamp_white_low"])
    );
}

#[test]
fn everything_but_the_named_item() {
    let w =
        write("From order #W1000002 I'm sending back everything but the t-shirt, which I keep.");
    assert_eq!(w.args["item_ids"], json!(["mouse_white_optical"]));
}

#[test]
fn a_product_name_with_a_letter_left_out() {
    let w = write("Please return the gaming mouuse from order #W1000002.");
    assert_eq!(w.args["item_ids"], json!(["mouse_white_optical"]));
}

#[test]
fn a_payment_moved_to_another_method() {
    let w = write("Order #W1000066 was paid with PayPal; move it to my Visa instead.");
    assert_eq!(w.tool, "modify_pending_order_payment");
    assert_eq!(w.args["payment_method_id"], "credit_card_2");
}

#[test]
fn an_order_going_back_in_full() {
    let w = write("Order #W1000002 is going back in full. Refund it to my gift card.");
    assert_eq!(w.tool, "return_delivered_order_items");
    assert_eq!(
        w.args["item_ids"],
        json!(["mouse_white_optical", "shirt_blue_m"])
    );
}

#[test]
fn a_whole_order_going_back_whatever_describes_it() {
    let w = write("The order with the gaming mouse and the blue t-shirt is going back in full.");
    assert_eq!(w.args["order_id"], "#W1000002");
    assert_eq!(
        w.args["item_ids"],
        json!(["mouse_white_optical", "shirt_blue_m"])
    );
}

#[test]
fn how_much_came_back_for_an_order_is_a_status_question() {
    let procedures = Procedures::shipped().expect("shipped procedures");
    let r = extract(
        "How much did I get back for the order with the desk lamp that got cancelled?",
        &procedures,
    );
    assert!(r.iter().any(|r| r.kind == "status"), "{r:?}");
}

#[test]
fn the_same_address_another_order_went_to() {
    let w = write(
        "My order #W1000066 hasn't shipped; please send it to the same Austin address my water \
         bottle was delivered to.",
    );
    assert_eq!(w.tool, "modify_pending_order_address");
    assert_eq!(w.args["zip"], "73302");
}

#[test]
fn a_request_word_whose_price_is_asked_is_no_request() {
    let procedures = Procedures::shipped().expect("shipped procedures");
    let r = extract(
        "Use my Visa, and tell me what the lamp exchange costs.",
        &procedures,
    );
    assert!(r.iter().all(|r| r.kind != "item_change"), "{r:?}");
    let r = extract("Is there a cancellation fee?", &procedures);
    assert!(r.iter().all(|r| r.kind != "cancel"), "{r:?}");
}

#[test]
fn the_address_saved_on_the_account_in_other_words() {
    for text in [
        "Please ship order #W1000066 to the address on my account instead.",
        "Change the shipping address on #W1000066 to my home in Denver, the one saved on my profile.",
    ] {
        let w = write(text);
        assert_eq!(w.tool, "modify_pending_order_address", "{text}");
        assert_eq!(w.args["zip"], "80202", "{text}");
    }
}

#[test]
fn readings_that_must_not_widen_or_narrow_a_return() {
    // "refund me in full" is no whole order
    let w = write("From order #W1000002 please return the gaming mouse and refund me in full.");
    assert_eq!(w.args["item_ids"], json!(["mouse_white_optical"]));
    // "everything but" is an exclusion only as the object of the request
    let w = write(
        "I liked everything but the t-shirt, so please return the t-shirt from order #W1000002.",
    );
    assert_eq!(w.args["item_ids"], json!(["shirt_blue_m"]));
    // "just" before a list takes the whole list
    let w = write("From order #W1000002 please return just the gaming mouse and the t-shirt.");
    assert_eq!(
        w.args["item_ids"],
        json!(["mouse_white_optical", "shirt_blue_m"])
    );
    // "stays on" describes a fault, not a keep
    let w = write(
        "The gaming mouse stays on all night, so please return it along with the t-shirt from \
         order #W1000002.",
    );
    assert_eq!(
        w.args["item_ids"],
        json!(["mouse_white_optical", "shirt_blue_m"])
    );
}

#[test]
fn going_back_somewhere_is_no_return() {
    let procedures = Procedures::shipped().expect("shipped procedures");
    let r = extract(
        "My daughter is going back to college on Monday, so please send order #W1000066 to her dorm.",
        &procedures,
    );
    assert!(r.iter().all(|r| r.kind != "return"), "{r:?}");
}

#[test]
fn a_part_that_keeps_another_order_chooses_nothing_to_cancel() {
    // the order with the lamp holds a mouse too: the mouse named in the part that stays is
    // no choice of items to cancel
    let w = write(
        "Cancel the one with the lamp, I no longer need it; the one with only the mouse stays.",
    );
    assert_eq!(w.tool, "cancel_pending_order");
    assert_eq!(w.args["order_id"], "#W1000001");
}

#[test]
fn an_item_s_own_wish_between_two_items_is_its_target() {
    // "the t-shirt, I'd like it in red": the wish after the comma is the t-shirt's, not the
    // "for the wireless one" of the next item
    let w = write(
        "I want to exchange 2 things from order #W1000002: the blue t-shirt, I'd like it in red (still medium), and the mouse for the wireless one.",
    );
    assert_eq!(
        w.args["item_ids"],
        json!(["shirt_blue_m", "mouse_white_optical"])
    );
    assert_eq!(
        w.args["new_item_ids"],
        json!(["shirt_red_m", "mouse_white_optical_wl"])
    );
}

#[test]
fn switching_an_order_to_a_payment_method_moves_its_payment() {
    // "switch it to my Visa" names a payment method, no item to change
    let w = write("For #W1000001 please switch it to my Visa, nothing else changes.");
    assert_eq!(w.tool, "modify_pending_order_payment");
    assert_eq!(w.args["payment_method_id"], "credit_card_2");
}

#[test]
fn making_an_address_the_account_s_default() {
    let procedures = Procedures::shipped().expect("shipped procedures");
    for text in [
        "I'm moving to 12 Main Street, Austin, TX 78701. Please make it my account address.",
        "That is where I live now, so make that one my default address in the account.",
    ] {
        let kinds: Vec<String> = extract(text, &procedures)
            .into_iter()
            .map(|r| r.kind)
            .collect();
        assert_eq!(kinds, vec!["user_address".to_owned()], "{text}");
    }
}

#[test]
fn a_product_told_of_before_the_verb_is_read_where_the_request_names_it() {
    // the delivered order holds two t-shirts; the count before the request is a story
    let mut c = customer();
    let order = std::sync::Arc::make_mut(c.orders.get_mut("#W1000002").unwrap());
    let mut second = order["items"][1].clone();
    second["item_id"] = json!("shirt_red_l");
    second["options"]["size"] = json!("L");
    second["options"]["color"] = json!("red");
    order["items"].as_array_mut().unwrap().push(second);
    let text = "In order #W1000002 I received two t-shirts, and since I only wear the blue one \
                I'd like to return the red L t-shirt.";
    let procedures = Procedures::shipped().expect("shipped procedures");
    let mut request = extract(text, &procedures).remove(0);
    request.alone = true;
    let r = resolve(&request, &c, &procedures, text);
    let Resolution::Write(w, _) = r else {
        panic!("a write: {r:?}")
    };
    assert_eq!(w.args["item_ids"], json!(["shirt_red_l"]), "{w:#?}");
}

#[test]
fn the_same_product_named_again_as_the_target_is_not_a_second_item() {
    let w = write(
        "The white gaming mouse I received in order #W1000002 is too slow, so could I exchange \
         it for the same mouse in black, wired, with a laser sensor, putting any difference on the \
         card I paid with?",
    );
    assert_eq!(w.args["item_ids"], json!(["mouse_white_optical"]), "{w:#?}");
}
