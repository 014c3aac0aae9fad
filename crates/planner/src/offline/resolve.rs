//! Planning a turn's requests: split the text into requests, make sure the ticket acts for a
//! verified account whose holder the text does not contradict, read the account, resolve
//! each request's slots, then propose the writes (for confirmation), ask one question,
//! answer, or hand off.

use std::sync::LazyLock;

use frontdesk_types::Rule;
use regex::Regex;

use crate::customer::{Customer, Reader};
use crate::identity::{claims_in, Binding, Unverified};
use crate::plan::{Confidence, Doubt, Plan};
use crate::requests::{extract, Request};
use crate::slots::{resolve, Resolution};

use super::outcomes::{resolve_all, Outcomes};
use crate::text::{order_ids, re};
use crate::{ConversationState, Outcome, PlanError, PlanRequest, ProposedWrite};

use super::checks::{
    address_not_written, changed_but_unwritten, fewer_than_stated, kept_but_written,
    listed_but_unknown, named_but_untouched, payment_not_named, unnamed_item_written,
};
use super::combine::{conflict, merge_writes};
use super::implied::{implied_item_changes, unread_change, unread_condition};
use super::lists::{is_bullet, is_heading};
use super::planner::{OfflinePlanner, Turn};
use super::select::{dropped_with_object, read_named_products, select};

/// Words that add a request to the earlier ones rather than replace them.
/// A sentence that asks something: a question mark, or a question's opening words.
static QUESTION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\?\s*$|^\W*(?:where|when|what|how|has|have|did|is|was|can you (?:tell|check|confirm)|could you (?:tell|check|confirm)|please (?:tell|check|confirm|let me know))\b|\b(?:like to know|want to know|wondering|wonder|check on|update on|let me know)\b",
    )
});
/// Words of a question about where an order or its refund is.
static STATUS_WORD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:where|when|status|track(?:ing)?|ship(?:ped|ping)?|arriv\w*|deliver(?:ed|y)|eta|refund(?:ed)?|credited|money back|how much|total|amount|cost)\b",
    )
});

/// Whether `text` asks about an order's or a refund's status (the router's `order_status` or
/// `refund_status` alone is no such question: "could you make the small one grey?").
fn asks_status(text: &str) -> bool {
    crate::text::sentences(text)
        .iter()
        .any(|s| QUESTION.is_match(s) && STATUS_WORD.is_match(s))
}

static ADDS: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:also|as well|too|in addition|additionally|another)\b"));

impl OfflinePlanner {
    pub(super) async fn plan_turn(
        &self,
        req: &PlanRequest,
        mut reader: Reader<'_>,
        mut state: ConversationState,
        binding: Binding,
        turn: Turn,
    ) -> Result<Plan, PlanError> {
        let full_text = turn.full_text();
        let mut leading = turn.facts.clone();
        if let Some(phrase) = self.procedures.handoff_phrase(&full_text) {
            state.pending.clear();
            let mut plan = Plan::new(
                reader.log,
                Outcome::HandOff {
                    rule: Rule::RuleOverride,
                    reason: format!("the message tries to override the agent's rules ({phrase:?})"),
                },
                state,
            );
            plan.procedures = vec!["handoff".to_owned()];
            return Ok(plan);
        }
        // the subject only summarises the body: requests come from the body (and the earlier
        // turns), the subject's order id is context
        let mut extracted = self.requests_of(&turn);
        if extracted.is_empty() {
            extracted = extract(&full_text, &self.procedures);
        } else if let [(_, id)] = order_ids(&req.subject).as_slice() {
            for r in &mut extracted {
                if r.context_order.is_none() {
                    r.context_order = Some(id.clone());
                }
            }
        }
        let needs_account = extracted
            .iter()
            .any(|r| !r.retracted && r.kind != "product_info");
        let mut customer = match &binding {
            Binding::Verified { user_id, via } => {
                let Some(c) = Customer::load(&mut reader, user_id).await? else {
                    return Ok(self.identity_unverified(
                        reader.log,
                        "the verified account could not be read",
                    ));
                };
                let mut claimed = claims_in(&full_text, &self.catalog);
                claimed.reveal_with(|t| reader.reveal(t));
                if let Some(conflict) = claimed.conflict(&c) {
                    return Ok(self.identity_mismatch(reader.log, &conflict));
                }
                state.user_id = Some(user_id.clone());
                state
                    .slots
                    .insert("authenticated_via".to_owned(), via.as_str().to_owned());
                c
            }
            Binding::Unverified(why) if needs_account => {
                let why = match why {
                    Unverified::Anonymous => "the channel verified no identity",
                    Unverified::NotOnFile => "the channel's contact is on no account",
                };
                return self.unverified(&mut reader, state, &full_text, why).await;
            }
            // nothing private is asked: plan without an account
            Binding::Unverified(_) | Binding::Changed { .. } => Customer::anonymous(),
        };
        let implied = if customer.user_id.is_empty() {
            Vec::new()
        } else {
            implied_item_changes(&turn.body_text(), &customer, &self.procedures)
        };
        let implied_clauses: Vec<String> = implied.iter().map(|r| r.clause.clone()).collect();
        // "Two exchanges from order #W1 please:" above list lines read as item changes: the
        // lines are the request, the heading names only the order
        // (or lines without bullets: "I'd like to exchange two things in it:\nthe helmet ...;
        // and the perfume ...")
        if implied.iter().any(|r| is_bullet(&r.clause))
            || heads_implied(&turn.body_text(), &implied)
        {
            extracted.retain(|r| !(r.kind == "item_change" && is_heading(&r.clause)));
        }
        // a fallback reading ("... a refund ...") stands in for a request only where nothing
        // else was read: next to item changes it is their money, not a request of its own
        if !implied.is_empty() {
            extracted.retain(|r| r.explicit);
        }
        extracted.extend(implied);
        let retracted = extracted.iter().filter(|r| r.retracted).count();
        let dropped = extracted.clone();
        let requests = select(extracted, &customer, &self.procedures);
        let dropped = dropped_with_object(&dropped, &requests);
        if requests.iter().any(|r| r.kind == "product_info") {
            read_named_products(&mut reader, &mut customer, &requests).await?;
        }
        let Outcomes {
            writes,
            mut questions,
            facts: found,
            names,
            unmodelled,
            unanswered,
        } = resolve_all(&requests, &customer, &self.procedures, &full_text);
        // "two things I want to exchange: ..." and only one was read: proposing the one would
        // leave the other undone for good (an order's items change only once)
        // a question answered from the store, or a request refused ("it has shipped, so it
        // cannot be cancelled"), is one of the things the customer counted
        let answered = requests
            .iter()
            .filter(|r| matches!(r.kind.as_str(), "status" | "product_info" | "account"))
            .count()
            .max(requests.len().saturating_sub(writes.len()));
        if let Some(q) = fewer_than_stated(&turn.body_text(), &writes, answered, &customer) {
            questions.insert(0, q);
        }
        if let Some(q) = kept_but_written(&turn.body_text(), &writes, &customer) {
            questions.insert(0, q);
        }
        if let Some(q) = unnamed_item_written(&turn.body_text(), &writes, &customer) {
            questions.insert(0, q);
        }
        if let Some(q) = payment_not_named(&turn.body_text(), &writes, &customer) {
            questions.insert(0, q);
        }
        if let Some(q) = address_not_written(&turn.body_text(), &writes, &customer) {
            questions.insert(0, q);
        }
        if let Some(q) = listed_but_unknown(&turn.body_text(), &writes, &customer) {
            questions.insert(0, q);
        }
        if let Some(q) = named_but_untouched(&turn.body_text(), &writes, &customer) {
            questions.insert(0, q);
        }
        if let Some(q) =
            changed_but_unwritten(&turn.body_text(), &writes, &customer, &self.procedures)
        {
            questions.insert(0, q);
        }
        // a conditional sentence that asks for something no request was read from may hold a
        // change the planner did not understand: no write goes ahead without it
        let writes_asked = requests
            .iter()
            .any(|r| !matches!(r.kind.as_str(), "status" | "product_info" | "account"));
        let body = turn.body_text();
        // the products the proposed item changes and returns act on ("so please refund the
        // helmet to the gift card" after the helmet's return was read is about that return)
        let all_items = customer.all_items();
        let changed: Vec<String> = writes
            .iter()
            .filter(|w| {
                matches!(
                    w.tool.as_str(),
                    "modify_pending_order_items"
                        | "exchange_delivered_order_items"
                        | "return_delivered_order_items"
                )
            })
            .flat_map(crate::offline::checks::item_ids)
            .filter_map(|id| all_items.iter().find(|i| i.item_id == id))
            .map(|i| i.name.clone())
            .collect();
        // every write acts on a pending order (so on one that has not shipped)
        let pending_only = !writes.is_empty()
            && writes
                .iter()
                .all(|w| w.tool.starts_with("modify_pending_") || w.tool == "cancel_pending_order");
        let unmodelled = unmodelled
            .map(|c| (Rule::UnmodelledCondition, c))
            .or_else(|| {
                let condition = || {
                    unread_condition(&body, &self.procedures, &implied_clauses, pending_only)
                        .map(|c| (Rule::UnmodelledCondition, c))
                };
                // a change asked for beside questions only: answering the questions and
                // saying nothing of the change would read as done
                writes_asked.then(condition).flatten().or_else(|| {
                    unread_change(
                        &body,
                        &customer,
                        &self.procedures,
                        &implied_clauses,
                        &changed,
                    )
                    .map(|c| (Rule::UnreadRequest, c))
                })
            })
            .or_else(|| dropped.map(|c| (Rule::UnreadRequest, c)))
            // only a partial answer: beside a write, the proposal may answer it (the price of
            // the new item, the difference), the turn's own facts may (a product's options,
            // read before the requests), and with no fact at all the plan is unsure anyway
            // (a model, or the help centre, may answer)
            .or_else(|| {
                unanswered
                    .filter(|_| writes.is_empty() && leading.is_empty() && !found.is_empty())
                    .map(|c| (Rule::UnansweredQuestion, c))
            });
        if let Some((rule, condition)) = unmodelled {
            let why = match rule {
                Rule::UnreadRequest => {
                    "part of the message asks for a change the agent did not read"
                }
                Rule::UnansweredQuestion => {
                    "part of the message asks a question the store's records do not answer"
                }
                _ => "the request depends on a condition the agent cannot check",
            };
            let mut plan = Plan::new(
                reader.log,
                Outcome::HandOff {
                    rule,
                    reason: format!("{why} ({condition:?}); nothing was written"),
                },
                ConversationState::default(),
            );
            plan.procedures = names;
            return Ok(plan.with_confidence(Confidence::unsure(Doubt::Unmodelled(condition))));
        }
        let mut facts = std::mem::take(&mut leading);
        // two questions answered by one fact ("can you give me its tracking number ... it has
        // been sent already, I believe") state it once
        for f in found {
            if !facts.contains(&f) {
                facts.push(f);
            }
        }
        // "I'm thinking about returning it - just asking, not starting a return yet": say what
        // would happen and what the options are, do nothing and ask nothing
        if (HYPOTHETICAL.is_match(&turn.body_text()) || no_changes_wanted(&turn.body_text()))
            && (!writes.is_empty() || !questions.is_empty())
        {
            for w in merge_writes(writes) {
                facts.push(format!("If you go ahead, I would {}.", w.summary));
            }
            facts.extend(questions.iter().filter_map(|q| statements_of(q)));
            facts.push(
                "Nothing has been changed: write back when you would like me to go ahead."
                    .to_owned(),
            );
            state.question = None;
            state.context.clear();
            let mut plan = Plan::new(reader.log, Outcome::Answered, state);
            plan.draft = facts.join(" ");
            plan.reply_facts = facts;
            plan.procedures = names;
            return Ok(plan);
        }
        if let Some(q) = questions.first() {
            state.context = vec![full_text];
            let mut plan = Plan::ask(reader.log, state, q.clone()).with_facts(facts);
            plan.procedures = names;
            return Ok(plan);
        }
        let writes = merge_writes(writes);
        if let Some(q) = conflict(&writes) {
            state.context = vec![full_text];
            let mut plan = Plan::ask(reader.log, state, q).with_facts(facts);
            plan.procedures = names;
            return Ok(plan);
        }
        if writes.is_empty() {
            return Ok(self.without_writes(
                req, reader, state, &customer, &requests, retracted, facts, names, full_text,
            ));
        }
        if let Some(w) = outside_allow_list(&writes, &req.allow_list) {
            // asking for a "yes" to a write the tools stage will refuse wastes the customer's turn
            let mut plan = Plan::new(
                reader.log,
                Outcome::HandOff {
                    rule: Rule::NotAllowed,
                    reason: format!(
                        "{} needs `{}`, which this ticket's route does not allow; nothing was written",
                        w.summary, w.tool
                    ),
                },
                ConversationState::default(),
            );
            plan.writes = writes;
            plan.procedures = names;
            return Ok(plan.with_facts(facts));
        }
        state.question = None;
        // kept so that a "yes" can re-plan on a changed store and a changed request can be
        // read with what came before
        state.context = vec![full_text];
        let mut plan = self
            .procedures
            .act_or_confirm(req.channel, reader.log, state, writes)
            .with_facts(facts);
        plan.procedures = names;
        Ok(plan)
    }

    /// The requests of the open request. A message that answers a question or a proposal
    /// with requests of its own replaces the earlier requests of the same kinds ("yes, but
    /// cancel #W2 instead"), unless it adds to them ("also cancel #W2"); one without requests
    /// of its own (an order number, an address, "the blue one") is read with the earlier
    /// messages.
    fn requests_of(&self, turn: &Turn) -> Vec<Request> {
        let whole = || extract(&turn.body_text(), &self.procedures);
        if turn.earlier.is_empty() {
            return whole();
        }
        let latest = extract(&turn.latest_body, &self.procedures);
        if latest.is_empty() {
            return whole();
        }
        let adds = ADDS.is_match(&turn.latest_body);
        let mut out: Vec<Request> = extract(&turn.earlier, &self.procedures)
            .into_iter()
            .filter(|r| adds || !latest.iter().any(|l| l.kind == r.kind))
            .collect();
        out.extend(latest);
        out
    }

    /// A turn that proposes no write: facts to state, a refusal, a question about what the
    /// customer wants, a hand-off for an intent no procedure serves, or nothing understood.
    #[allow(clippy::too_many_arguments)]
    fn without_writes(
        &self,
        req: &PlanRequest,
        reader: Reader<'_>,
        mut state: ConversationState,
        customer: &Customer,
        requests: &[Request],
        retracted: usize,
        mut facts: Vec<String>,
        names: Vec<String>,
        full_text: String,
    ) -> Plan {
        state.question = None;
        state.context.clear();
        let handoff = req
            .intents
            .iter()
            .find(|h| self.procedures.defaults.handoff_intents.contains(&h.key));
        let mut outcome = match (requests.is_empty(), handoff) {
            (true, Some(h)) => Outcome::HandOff {
                rule: Rule::Planner,
                reason: format!("routed as {}: no procedure acts on it", h.key),
            },
            _ => Outcome::Answered,
        };
        if requests.is_empty() && facts.is_empty() && !customer.user_id.is_empty() {
            let wants_status = req
                .intents
                .iter()
                .any(|h| h.key == "order_status" || h.key == "refund_status")
                && asks_status(&full_text);
            if wants_status {
                let all = Request::of("status", &full_text);
                if let Resolution::Facts(f) = resolve(&all, customer, &self.procedures, &full_text)
                {
                    facts = f;
                }
            }
        }
        let write_intent = req.intents.iter().any(|h| {
            h.confidence >= 0.5
                && self
                    .procedures
                    .procedures
                    .iter()
                    .any(|p| p.spec.tool.is_some() && p.spec.intents.contains(&h.key))
        });
        let retracted_only = requests.is_empty() && retracted > 0;
        let mut confidence = Confidence::Sure;
        if facts.is_empty() && requests.is_empty() && write_intent && !retracted_only {
            let q = "I could not tell which order and which change you mean. Could you send the order number and what you would like me to do?".to_owned();
            state.context = vec![full_text];
            state.question = Some(q.clone());
            outcome = Outcome::AskCustomer { question: q };
            confidence = Confidence::unsure(Doubt::NoRequest);
        } else if facts.is_empty() && requests.is_empty() && !retracted_only {
            confidence = Confidence::unsure(Doubt::NoRequest);
        }
        if facts.is_empty() && retracted_only {
            facts.push("Understood, I have not made any change.".to_owned());
        }
        let mut plan = Plan::new(reader.log, outcome, state).with_confidence(confidence);
        plan.draft = match &plan.outcome {
            Outcome::AskCustomer { question } => question.clone(),
            _ => facts.join(" "),
        };
        plan.reply_facts = facts;
        plan.procedures = names;
        plan
    }
}

/// The customer asks what would happen before deciding: "just asking", "I don't want to
/// start a return yet", "before I decide", "I'm thinking about returning it".
static HYPOTHETICAL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:just|only) asking\b|\b(?:don'?t|do not) want to (?:start|make|open|process|do|go ahead with)\b[^.!?]{0,30}\byet\b|\bbefore i decide\b|\bnot (?:yet )?sure (?:if|whether) i (?:want|should)\b|\b(?:thinking|thought) (?:about|of) (?:returning|exchanging|cancell?ing|changing|sending)\b|\bconsidering (?:returning|exchanging|cancell?ing|changing)\b|\bhypothetically\b",
    )
});

/// "I'm only after information today, please don't change or cancel anything", "nothing
/// needs changing, I just have questions": the customer asks for no change at all, so no
/// reading of theirs becomes a write. A conditional sentence ("if it has shipped, don't
/// change anything") says nothing of the kind.
static NO_CHANGES: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:don'?t|do not|please don'?t)\s+(?:change|cancel|modify|touch|alter|edit)(?:\s+or\s+(?:change|cancel|modify|touch|alter))?\s+anything(?:\s+(?:today|yet|for now|right now|at all|on my account))?\s*(?:[.,;!]|$)|\bnothing\s+(?:needs?|has)\s+to\s+(?:be\s+)?chang|\bnothing\s+needs?\s+changing\b|\bno changes?\s+(?:needed|please|today|for now|wanted|required|at all)\b|\b(?:i'?m|i am)\s+(?:only|just)\s+(?:after|looking for|asking for|here for|writing for|interested in)\s+(?:some\s+)?(?:info|information|answers|details)\b|\b(?:only|just)\s+(?:want|need|have)\s+(?:some\s+|a few\s+|a couple of\s+)?(?:info|information|questions)\b|\binformation only\b",
    )
});

fn no_changes_wanted(body: &str) -> bool {
    // "If my gift card doesn't cover it, don't change anything": what to do when a request
    // fails, said of the requests; no change is unwanted
    static IF_BEFORE: LazyLock<Regex> =
        LazyLock::new(|| re(r"(?i)\b(?:if|unless|otherwise|in case)\b"));
    crate::text::sentences(body).iter().any(|s| {
        NO_CHANGES
            .find(s)
            .is_some_and(|m| !IF_BEFORE.is_match(&s[..m.start()]))
            && crate::conditions::condition_of(s).is_none()
    })
}

/// The sentences of a question that state something (its options), without the question.
fn statements_of(question: &str) -> Option<String> {
    let kept: Vec<String> = crate::text::sentences(question)
        .into_iter()
        .filter(|s| !s.trim_end().ends_with('?'))
        .collect();
    (!kept.is_empty()).then(|| kept.join(" "))
}

/// The first write whose tool is not on `allow_list`; an empty list (no route) allows all.
fn outside_allow_list<'a>(
    writes: &'a [ProposedWrite],
    allow_list: &[String],
) -> Option<&'a ProposedWrite> {
    if allow_list.is_empty() {
        return None;
    }
    writes
        .iter()
        .find(|w| !allow_list.iter().any(|a| a == &w.tool))
}

/// Whether a sentence ending in a colon is followed at once by a sentence read as an implied
/// item change: the heading of the changes, not a change of its own.
fn heads_implied(body: &str, implied: &[Request]) -> bool {
    let sents = crate::text::sentences(body);
    sents
        .windows(2)
        .any(|w| is_heading(&w[0]) && implied.iter().any(|r| r.clause == w[1]))
}

#[cfg(test)]
mod tests {
    use super::asks_status;

    #[test]
    fn a_status_question_is_asked_in_the_text() {
        assert!(asks_status("Where is my order with the grill?"));
        assert!(asks_status("I'd like to know when the lamp will arrive."));
        assert!(asks_status("How much was refunded to my card?"));
        // a change request that mentions a refund asks nothing about a status
        assert!(!asks_status(
            "Could you make the small one grey? Refund any difference to my gift card."
        ));
    }
}
