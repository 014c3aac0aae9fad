//! proptest strategies for tickets and envelopes.

use crate::messages::*;
use proptest::prelude::*;
use std::collections::HashMap;

/// Finite doubles (a NaN is never equal to itself).
fn num() -> impl Strategy<Value = f64> {
    -1e300f64..1e300
}

fn text() -> impl Strategy<Value = String> {
    "\\PC{0,12}"
}

fn opt() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(text())
}

fn band() -> impl Strategy<Value = Band> {
    prop_oneof![
        Just(Band::Autonomous),
        Just(Band::Conditional),
        Just(Band::AlwaysEscalate)
    ]
}

pub fn ticket() -> impl Strategy<Value = Ticket> {
    (
        (text(), text(), 0usize..4, opt(), opt(), opt(), opt()),
        (opt(), text(), any::<i64>(), opt()),
        proptest::collection::vec((text(), text(), any::<i64>(), opt()), 0..3),
        proptest::collection::hash_map(text(), text(), 0..3),
    )
        .prop_map(
            |(
                (id, conv, ch, email, phone, hd, name),
                (subject, body, at, locale),
                att,
                headers,
            )| Ticket {
                ticket_id: id,
                conversation_id: conv,
                channel: Channel::ALL[ch],
                customer: Identity {
                    email,
                    phone,
                    helpdesk_user_id: hd,
                    name,
                },
                subject,
                body,
                attachments: att
                    .into_iter()
                    .map(|(filename, content_type, size_bytes, url)| Attachment {
                        filename,
                        content_type,
                        size_bytes,
                        url,
                    })
                    .collect(),
                received_at: at,
                headers: headers.into_iter().collect::<HashMap<_, _>>(),
                locale,
            },
        )
}

pub fn envelope() -> impl Strategy<Value = Envelope> {
    let route = (
        proptest::collection::vec((text(), -1e9f64..1e9, band()), 0..3),
        band(),
        proptest::collection::vec(text(), 0..3),
        any::<bool>(),
        text(),
    )
        .prop_map(|(intents, band, allow_list, out_of_scope, model)| Route {
            intents: intents
                .into_iter()
                .map(|(intent, confidence, band)| RoutedIntent {
                    intent,
                    confidence,
                    band,
                })
                .collect(),
            band,
            allow_list,
            out_of_scope,
            model,
        });
    let call = (
        text(),
        text(),
        opt(),
        text(),
        proptest::option::of(any::<i32>()),
        opt(),
        opt(),
        any::<i64>(),
        any::<i32>(),
    )
        .prop_map(
            |(
                tool,
                arguments_json,
                idempotency_key,
                outcome,
                http_status,
                response_json,
                error,
                latency_ms,
                attempts,
            )| ToolCall {
                tool,
                arguments_json,
                idempotency_key,
                outcome,
                http_status,
                response_json,
                error,
                latency_ms,
                attempts,
            },
        );
    (
        ticket(),
        proptest::option::of(route),
        proptest::collection::vec((text(), text()), 0..2),
        proptest::collection::vec(call, 0..2),
        proptest::collection::vec((text(), text(), opt(), text(), num(), num()), 0..2),
        (
            proptest::option::of(num()),
            opt(),
            proptest::collection::vec((text(), any::<i64>()), 0..3),
            any::<i64>(),
            any::<i64>(),
            num(),
        ),
    )
        .prop_map(
            |(ticket, route, plan, tool_log, passages, (gc, draft, hops, tin, tout, usd))| {
                let mut env = Envelope::new(ticket);
                env.route = route;
                env.tool_plan = plan
                    .into_iter()
                    .map(|(tool, arguments_json)| PlannedCall {
                        tool,
                        arguments_json,
                    })
                    .collect();
                env.tool_log = tool_log;
                env.passages = passages
                    .into_iter()
                    .map(
                        |(doc_id, title, section, text, score, confidence)| Passage {
                            doc_id,
                            title,
                            section,
                            text,
                            score,
                            confidence,
                        },
                    )
                    .collect();
                env.grounding_confidence = gc;
                env.draft_reply = draft;
                env.hops = hops
                    .into_iter()
                    .map(|(stage, at)| Hop { stage, at })
                    .collect();
                env.cost = Cost {
                    tokens_in: tin,
                    tokens_out: tout,
                    usd,
                };
                env
            },
        )
        .prop_flat_map(|env| (Just(env), verdicts(), notifications()))
        .prop_map(|(mut env, (decisions, screen, gate, plan), notes)| {
            env.decisions = decisions;
            env.screen = screen;
            env.gate = gate;
            env.plan = plan;
            env.notifications = notes;
            env
        })
}

fn notifications() -> impl Strategy<Value = Vec<Notification>> {
    let channel = proptest::sample::select(Channel::ALL.to_vec());
    proptest::collection::vec(
        (channel, text(), opt(), text()).prop_map(|(channel, to, subject, body)| Notification {
            channel,
            to,
            subject,
            body,
        }),
        0..2,
    )
}

fn rule() -> impl Strategy<Value = Rule> {
    proptest::sample::select(Rule::ALL)
}

/// The decisions and typed verdicts of an envelope (schema v3).
#[allow(clippy::type_complexity)]
fn verdicts() -> impl Strategy<
    Value = (
        Vec<Decision>,
        Option<Screen>,
        Option<GateVerdict>,
        Option<PlanVerdict>,
    ),
> {
    let decision = (text(), rule(), text(), text(), any::<i64>()).prop_map(
        |(stage, rule, outcome, reason, at)| Decision {
            stage,
            rule,
            outcome,
            reason,
            at,
        },
    );
    let screen = (num(), any::<bool>(), any::<bool>()).prop_map(
        |(injection_score, injection, asked_for_human)| Screen {
            injection_score,
            injection,
            asked_for_human,
        },
    );
    let gate = (proptest::option::of(rule()), text())
        .prop_map(|(blocked_by, reason)| GateVerdict { blocked_by, reason });
    let outcome = proptest::sample::select(vec![
        PlanOutcome::Acted,
        PlanOutcome::Ask,
        PlanOutcome::Handoff,
        PlanOutcome::Answered,
        PlanOutcome::Blocked,
    ]);
    let plan =
        (outcome, proptest::option::of(rule()), text()).prop_map(|(outcome, reason, detail)| {
            PlanVerdict {
                outcome,
                reason,
                detail,
            }
        });
    (
        proptest::collection::vec(decision, 0..3),
        proptest::option::of(screen),
        proptest::option::of(gate),
        proptest::option::of(plan),
    )
}
