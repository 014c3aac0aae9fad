//! Tests of entity extraction.

use super::*;
use proptest::prelude::*;

fn catalog() -> Catalog {
    Catalog::new(
        ["T-Shirt", "Office Chair", "Water Bottle"].map(String::from),
        ["blue", "XL", "M", "1000ml", "crew neck", "glass"].map(String::from),
        ["Noah Brown", "Yusuf Rossi"].map(String::from),
    )
    .unwrap()
}

fn kinds(text: &str) -> Vec<(EntityKind, String, String)> {
    extract_entities(text, &catalog(), None)
        .into_iter()
        .map(|e| (e.kind, e.value, text[e.start..e.end].to_string()))
        .collect()
}

#[test]
fn realistic_ticket() {
    let t = "Hi, my name is Noah Brown, email noah.brown7922@example.com, zip 80279. \
             Please cancel order #W2611340, I ordered it by mistake, and refund $536.65 to my gift card. \
             Also exchange the blue T-Shirt size XL.";
    let k = kinds(t);
    let has = |kind, v: &str| k.iter().any(|(kk, vv, _)| *kk == kind && vv == v);
    assert!(has(EntityKind::PersonName, "Noah Brown"), "{k:?}");
    assert!(has(EntityKind::Email, "noah.brown7922@example.com"));
    assert!(has(EntityKind::Zip, "80279"));
    assert!(has(EntityKind::OrderId, "#W2611340"));
    assert!(has(EntityKind::CancellationReason, "ordered by mistake"));
    assert!(has(EntityKind::Amount, "536.65 USD"));
    assert!(has(EntityKind::PaymentMethod, "gift_card"));
    assert!(has(EntityKind::OptionValue, "blue"));
    assert!(has(EntityKind::OptionValue, "XL"));
    assert!(has(EntityKind::ItemName, "T-Shirt"));
    // the zip is not also an amount or an order id
    assert_eq!(k.iter().filter(|(_, _, s)| s.contains("80279")).count(), 1);
}

#[test]
fn addresses_payment_and_bare_ids() {
    let t = "Ship it to 986 Sunset Drive, Suite 259, Denver, CO 80279 and charge the Visa ending in 9212. Order 2611340.";
    let k = kinds(t);
    assert!(
        k.iter().any(|(kind, v, _)| *kind == EntityKind::Address
            && v.starts_with("986 Sunset Drive, Suite 259, Denver")),
        "{k:?}"
    );
    assert!(k
        .iter()
        .any(|(kind, v, _)| *kind == EntityKind::Zip && v == "80279"));
    assert!(k.iter().any(|(_, v, _)| v == "card_brand:visa"));
    assert!(k.iter().any(|(_, v, _)| v == "card_last_four:9212"));
    assert!(k
        .iter()
        .any(|(kind, v, _)| *kind == EntityKind::OrderId && v == "#W2611340"));
    let ctx = CustomerContext {
        order_ids: vec!["#W7678072".into()],
        ..CustomerContext::default()
    };
    let e = extract_entities("about 7678072 and 1111111", &Catalog::empty(), Some(&ctx));
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].value, "#W7678072");
}

#[test]
fn short_options_are_case_sensitive_and_words_whole() {
    let k = kinds("I'm unsure, maybe the glasses or size M?");
    assert!(k.iter().any(|(_, v, s)| v == "M" && s == "M"), "{k:?}");
    assert!(!k.iter().any(|(_, _, s)| s == "m"));
    assert!(k.iter().any(|(_, v, s)| v == "glass" && s == "glasses"));
    assert!(kinds("bluetooth speaker").is_empty());
}

#[test]
fn shipped_catalog_loads() {
    let c = Catalog::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/retail")).unwrap();
    let e = extract_entities("I want to return my Office Chair in black", &c, None);
    assert!(
        e.iter()
            .any(|e| e.kind == EntityKind::ItemName && e.value == "Office Chair"),
        "{e:?}"
    );
    assert!(e
        .iter()
        .any(|e| e.kind == EntityKind::OptionValue && e.value == "black"));
}

const FILLER: &str = "[a-z ]{0,20}";

proptest! {
    #[test]
    fn never_panics_and_spans_are_valid(text in "\\PC{0,200}") {
        for e in extract_entities(&text, &catalog(), None) {
            prop_assert!(e.start < e.end && e.end <= text.len());
            prop_assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end));
        }
    }

    #[test]
    fn order_ids_found(pre in FILLER, post in FILLER, d in "[0-9]{7}", hash in any::<bool>()) {
        let id = if hash { format!("#W{d}") } else { format!("W{d}") };
        let text = format!("{pre} {id} {post}");
        let mut out = Vec::new();
        extract_order_ids(&text, None, &mut out);
        let want = format!("#W{d}");
        prop_assert!(out.iter().any(|e| e.value == want && text[e.start..e.end] == id));
    }

    #[test]
    fn emails_found(pre in FILLER, user in "[a-z][a-z0-9._]{0,10}[a-z0-9]", host in "[a-z]{1,8}", tld in "(com|org|net|io)") {
        let email = format!("{user}@{host}.{tld}");
        let text = format!("{pre} {email}. thanks");
        let mut out = Vec::new();
        extract_emails(&text, &mut out);
        prop_assert_eq!(out.len(), 1);
        prop_assert_eq!(&text[out[0].start..out[0].end], email.as_str());
    }

    #[test]
    fn zips_found_and_not_inside_longer_numbers(pre in FILLER, z in "[0-9]{5}", long in "[0-9]{6,9}") {
        let text = format!("{pre} zip {z}, id {long}");
        let mut out = Vec::new();
        extract_zips(&text, &mut out);
        prop_assert_eq!(out.len(), 1);
        prop_assert_eq!(out[0].value.as_str(), z.as_str());
    }

    #[test]
    fn amounts_found(whole in 0u32..100_000, cents in 0u32..100, sym in "(\\$|€|£)") {
        let number = format!("{whole}.{cents:02}");
        let text = format!("please refund {sym}{number} today");
        let mut out = Vec::new();
        extract_amounts(&text, &mut out);
        prop_assert_eq!(out.len(), 1);
        let code = match sym.as_str() { "€" => "EUR", "£" => "GBP", _ => "USD" };
        prop_assert_eq!(out[0].value.clone(), format!("{number} {code}"));
    }

    #[test]
    fn last_four_found(d in "[0-9]{4}", brand in "(Visa|Mastercard|Amex|Discover)") {
        let text = format!("use my {brand} card ending in {d}");
        let mut out = Vec::new();
        extract_payment_methods(&text, &mut out);
        let want = format!("card_last_four:{d}");
        prop_assert!(out.iter().any(|e| e.value == want));
        prop_assert!(out.iter().any(|e| e.value.starts_with("card_brand:")));
    }

    #[test]
    fn addresses_found(n in 1u32..99999, street in "[A-Z][a-z]{2,9}", suffix in "(Street|Avenue|Road|Drive|Lane)", city in "[A-Z][a-z]{3,9}", z in "[0-9]{5}") {
        let addr = format!("{n} {street} {suffix}, {city}, CA {z}");
        let text = format!("please send it to {addr}. thanks");
        let mut out = Vec::new();
        extract_addresses(&text, &mut out);
        prop_assert_eq!(out.len(), 1);
        prop_assert_eq!(out[0].value.as_str(), addr.as_str());
    }

    #[test]
    fn names_after_phrase(first in "[A-Z][a-z]{2,8}", last in "[A-Z][a-z]{2,8}") {
        let text = format!("hello, my name is {first} {last} and I need help");
        let mut out = Vec::new();
        extract_name_phrases(&text, &mut out);
        prop_assert_eq!(out.len(), 1);
        prop_assert_eq!(out[0].value.clone(), format!("{first} {last}"));
    }

    #[test]
    fn catalog_terms_found_any_case(pre in FILLER, upper in any::<bool>()) {
        let item = if upper { "WATER BOTTLE" } else { "water bottle" };
        let text = format!("{pre} my {item} leaks");
        let e = extract_entities(&text, &catalog(), None);
        prop_assert!(e.iter().any(|e| e.kind == EntityKind::ItemName && e.value == "Water Bottle"));
    }

    #[test]
    fn item_ids_found_only_at_ten_digits(id in "[1-9][0-9]{9}", longer in "[1-9][0-9]{10,12}") {
        let text = format!("item {id} not {longer}");
        let mut out = Vec::new();
        extract_item_ids(&text, &mut out);
        prop_assert_eq!(out.len(), 1);
        prop_assert_eq!(out[0].value.as_str(), id.as_str());
    }

    #[test]
    fn wallets_found(pre in FILLER, gift in any::<bool>()) {
        let (mention, want) = if gift { ("Gift Card", "gift_card") } else { ("PayPal", "paypal") };
        let text = format!("{pre} refund to my {mention} please");
        let mut out = Vec::new();
        extract_payment_methods(&text, &mut out);
        prop_assert!(out.iter().any(|e| e.value == want && &text[e.start..e.end] == mention));
    }

    #[test]
    fn reasons_found(pre in FILLER, mistake in any::<bool>()) {
        let phrase = if mistake { "I ordered it by mistake" } else { "I no longer need it" };
        let text = format!("{pre}. {phrase}.");
        let mut out = Vec::new();
        extract_cancellation_reasons(&text, &mut out);
        let want = if mistake { "ordered by mistake" } else { "no longer needed" };
        prop_assert!(out.iter().any(|e| e.value == want));
    }
}
