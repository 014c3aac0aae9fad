//! Checks on the shipped retail model, registry and catalog together, and a
//! small train/held-out run on Bitext.

use frontdesk_intent::{
    evaluate, extract_entities, load_labelled_csv, stratified_split, train, Band, Catalog,
    Classifier, EntityKind, Model, Registry, TrainConfig,
};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

fn shipped() -> (Model, Registry) {
    (
        Model::load(format!("{ROOT}/models/router/retail")).unwrap(),
        Registry::load(format!("{ROOT}/config/intents.toml")).unwrap(),
    )
}

#[test]
fn shipped_model_labels_are_registry_intents() {
    let (model, registry) = shipped();
    for label in model.labels() {
        assert!(
            label == "oos" || registry.intents.contains_key(label),
            "{label}"
        );
    }
    assert_eq!(model.labels().len(), registry.intents.len() + 1);
}

#[test]
fn shipped_model_routes_clear_requests() {
    let (model, registry) = shipped();
    let cases = [
        (
            "I would like to speak with a real person right now",
            "human_agent",
            Band::AlwaysEscalate,
        ),
        (
            "where is my package? it has not arrived yet",
            "order_status",
            Band::Autonomous,
        ),
        (
            "please cancel my order #W2611340",
            "cancel_order",
            Band::Conditional,
        ),
        (
            "I want to return the lamp I received",
            "return_order",
            Band::Conditional,
        ),
    ];
    for (text, intent, band) in cases {
        let route = registry.route(&model, text);
        assert!(!route.out_of_scope, "{text}: {route:?}");
        assert_eq!(route.intents[0].intent, intent, "{text}: {route:?}");
        assert_eq!(route.band, band, "{text}: {route:?}");
    }
    let two = registry.route(
        &model,
        "Please cancel order #W2611340. I also need to change the shipping address of order #W7678072.",
    );
    let intents: Vec<&str> = two.intents.iter().map(|i| i.intent.as_str()).collect();
    assert!(
        intents.contains(&"cancel_order") && intents.contains(&"modify_order_address"),
        "{two:?}"
    );
    assert!(two.allow_list.iter().any(|t| t == "cancel_pending_order"));
    assert!(two
        .allow_list
        .iter()
        .any(|t| t == "modify_pending_order_address"));
    let oos = model.classify("what's the weather like in paris tomorrow");
    assert!(oos.out_of_scope, "{oos:?}");
}

#[test]
fn shipped_model_routes_long_emails_to_their_request() {
    let (model, registry) = shipped();
    // a story around one request: routed to the request, confidently
    let cases = [
        (
            "Order help\nI'm Dana Cole, my email is dana.cole@example.com. The toaster I got \
             last week burns everything, even on the lowest setting. I've tried cleaning it and \
             nothing helps, honestly I'm fed up. I'd like to send it back and get my money back.",
            "return_order",
        ),
        (
            "Order help\nHi, this is Sam Park, zip code 10001. I ordered a rice cooker two \
             days ago, but my sister just gave me hers. It should not have shipped yet. Please \
             cancel that order, I don't need it anymore.",
            "cancel_order",
        ),
    ];
    for (text, intent) in cases {
        let route = registry.route(&model, text);
        assert!(!route.out_of_scope, "{text}: {route:?}");
        assert_eq!(route.band, Band::Conditional, "{text}: {route:?}");
        assert!(
            route.intents.iter().any(|i| i.intent == intent),
            "{text}: {route:?}"
        );
        assert!(
            route.intents.iter().all(|i| i.confidence >= 0.5),
            "{text}: {route:?}"
        );
    }
    // ... but a legal threat or a deletion request in the same email still escalates
    for text in [
        "Order help\nI want to return the blender I received, it smells like burning. If \
         this is not refunded this week I will take legal action.",
        "Order help\nPlease cancel my pending order. Also delete my account and all the \
         personal data you hold about me.",
    ] {
        let route = registry.route(&model, text);
        assert_eq!(route.band, Band::AlwaysEscalate, "{text}: {route:?}");
    }
}

#[test]
fn entities_from_a_real_customer_record() {
    let catalog = Catalog::load(format!("{ROOT}/data/retail")).unwrap();
    let text = "Hi, I'm Noah Brown (zip 80279). Can I exchange the Water Bottle from #W7678072 for the glass one?";
    let e = extract_entities(text, &catalog, None);
    let has = |k: EntityKind, v: &str| e.iter().any(|x| x.kind == k && x.value == v);
    assert!(has(EntityKind::PersonName, "Noah Brown"), "{e:?}");
    assert!(has(EntityKind::Zip, "80279"));
    assert!(has(EntityKind::OrderId, "#W7678072"));
    assert!(has(EntityKind::ItemName, "Water Bottle"));
    assert!(has(EntityKind::OptionValue, "glass"));
}

#[test]
fn bitext_subset_generalises_to_held_out_rows() {
    let rows = load_labelled_csv(format!("{ROOT}/data/intents/bitext_dev.csv")).unwrap();
    // a quarter of the data keeps the debug-build test fast
    let (_, subset) = stratified_split(&rows, 0.25, 1);
    let (tr, te) = stratified_split(&subset, 0.3, 2);
    let model = train(&tr, &TrainConfig::ngram_only()).unwrap();
    let report = evaluate(&model, &te);
    assert!(report.accuracy > 0.95, "accuracy {}", report.accuracy);
    assert_eq!(report.per_intent.len(), 27);
}

/// The held-out e-mails written for the router (`tests/data/README.md`): the
/// shipped model and registry route them so that the pipeline may act, and
/// send no ordinary e-mail to a person.
#[test]
fn shipped_model_routes_held_out_emails() {
    let (model, registry) = shipped();
    let cases = frontdesk_intent::load_route_cases(
        format!("{ROOT}/crates/intent/tests/data/retail_emails_test.jsonl"),
        &registry,
    )
    .unwrap();
    let report = frontdesk_intent::evaluate_routes(&registry, &model, &cases, 0.5);
    assert_eq!(report.cases, 73);
    // measured 0.986 (72 of 73, models/router/README.md); a retrained model
    // may lose a case or two, not more
    assert!(report.actionable >= 0.95, "{report:?}");
    assert!(report.escalate_recall >= 1.0, "{report:?}");
    assert!(report.false_escalation <= 0.02, "{report:?}");
}
