//! What the conversation waits for before a new request is planned: a one-time code, or the
//! customer's answer to a proposal ("yes" runs it after a re-check of the store, "no" drops
//! it, anything else is a changed request planned with the earlier messages).

use crate::confirm::{is_plain_yes, recheck};
use crate::customer::{Customer, Reader};
use crate::identity::{Binding, CodeCheck, Via};
use crate::plan::{Confidence, Plan};
use crate::text::is_no;
use crate::{ConversationState, Outcome, PlanError, PlanRequest};

use super::planner::{OfflinePlanner, Turn};

/// The result of the waiting step.
pub(super) enum Waiting {
    /// The turn is decided (a code asked again, a confirmed proposal run, a "no").
    Done(Box<Plan>),
    /// Plan this turn's request.
    Plan(Turn),
}

impl OfflinePlanner {
    /// Handles a code or a proposal the conversation waits for; else the text to plan.
    pub(super) async fn waiting(
        &self,
        req: &PlanRequest,
        reader: &mut Reader<'_>,
        state: &mut ConversationState,
        binding: &mut Binding,
    ) -> Result<Waiting, PlanError> {
        if let Some(mut v) = state.verification.take() {
            match v.check(&req.body, self.codes.now_ms()) {
                CodeCheck::Verified => {
                    state.user_id = Some(v.user_id.clone());
                    state
                        .slots
                        .insert("authenticated_via".into(), Via::OneTimeCode.as_str().into());
                    *binding = Binding::Verified {
                        user_id: v.user_id,
                        via: Via::OneTimeCode,
                    };
                    // the code carries no request: plan the one it was asked for
                    state.question = None;
                    let context = std::mem::take(&mut state.context).join("\n");
                    return Ok(Waiting::Plan(Turn::of(context, Vec::new())));
                }
                CodeCheck::NoCode | CodeCheck::Wrong { .. } => {
                    let q = match v.attempts_left {
                        n if n < self.procedures.identity.code_attempts => format!(
                            "That code is not the one I sent. Please check the e-mail on the account and reply with the {}-digit code ({n} tries left).",
                            v.digits
                        ),
                        _ => format!(
                            "Please reply with the {}-digit code I sent to the e-mail address on the account.",
                            v.digits
                        ),
                    };
                    state.verification = Some(v);
                    let plan = Plan::ask(std::mem::take(&mut reader.log), state.clone(), q);
                    return Ok(Waiting::Done(Box::new(
                        plan.with_confidence(Confidence::Sure),
                    )));
                }
                CodeCheck::Expired | CodeCheck::Exhausted => {
                    let why = "the one-time code expired or too many wrong codes were given";
                    return Ok(Waiting::Done(Box::new(
                        self.identity_unverified(std::mem::take(&mut reader.log), why),
                    )));
                }
            }
        }
        let mut facts = Vec::new();
        if !state.pending.is_empty() {
            if is_plain_yes(&req.body, &self.procedures) {
                match self.confirmed(reader, state, binding).await? {
                    Ok(plan) => return Ok(Waiting::Done(Box::new(plan))),
                    Err(why) => {
                        // plan the request again on the store as it is now
                        facts.push(why);
                        state.pending.clear();
                        state.question = None;
                        let context = std::mem::take(&mut state.context).join("\n");
                        return Ok(Waiting::Plan(Turn::of(context, facts)));
                    }
                }
            }
            state.pending.clear();
            if is_no(&req.body) {
                state.question = None;
                state.context.clear();
                let mut plan = Plan::new(
                    std::mem::take(&mut reader.log),
                    Outcome::Answered,
                    state.clone(),
                );
                plan.draft = "Understood, I have not made any change.".to_owned();
                plan.reply_facts = vec![plan.draft.clone()];
                plan.procedures = vec!["confirmation".to_owned()];
                return Ok(Waiting::Done(Box::new(plan)));
            }
            // a changed request: planned below with the earlier messages
        }
        let continuing = state.question.is_some() && !state.context.is_empty();
        if !continuing {
            state.context.clear();
        }
        Ok(Waiting::Plan(Turn {
            earlier: state.context.join("\n"),
            latest_text: req.text(),
            latest_body: req.body.clone(),
            facts,
        }))
    }

    /// The customer said "yes" to pending writes: they run if the store still allows every
    /// one of them; else the reason, and nothing runs.
    async fn confirmed(
        &self,
        reader: &mut Reader<'_>,
        state: &mut ConversationState,
        binding: &Binding,
    ) -> Result<Result<Plan, String>, PlanError> {
        let Binding::Verified { user_id, .. } = binding else {
            return Ok(Ok(self.identity_unverified(
                std::mem::take(&mut reader.log),
                "the confirmation came from a channel that verified nobody",
            )));
        };
        let Some(customer) = Customer::load(reader, user_id).await? else {
            return Ok(Err(
                "I could not read your account, so nothing was changed.".into(),
            ));
        };
        if let Err(why) = recheck(&state.pending, &customer, &self.procedures) {
            return Ok(Err(format!("I have not made the change: {why}.")));
        }
        let writes = std::mem::take(&mut state.pending);
        state.question = None;
        state.context.clear();
        let mut plan = Plan::new(std::mem::take(&mut reader.log), Outcome::Act, state.clone());
        plan.draft = format!(
            "Thank you. I am now going to {}.",
            writes
                .iter()
                .map(|w| w.summary.as_str())
                .collect::<Vec<_>>()
                .join("; and ")
        );
        plan.procedures = vec!["confirmation".to_owned()];
        plan.writes = writes;
        Ok(Ok(plan))
    }
}
