//! The turns where identity decides: a person takes over (the stored customer changed, the
//! text claims someone else, nobody is verified), or a one-time code is sent to the contact
//! on file of the account the customer names. None of these replies holds private data, and
//! none says whether an account exists.

use frontdesk_types::Rule;
use serde_json::{json, Value};

use crate::customer::{s, Reader};
use crate::identity::{claims, Conflict, Verification, WhenUnverified};
use crate::plan::{Confidence, Plan};
use crate::{ConversationState, Outcome, PlanError, ReadCall, ToolFailure};

use super::planner::OfflinePlanner;

/// The reply when the planner cannot act for the sender.
const WRITE_FROM_ACCOUNT: &str = "To keep every account safe, I can only look into orders and make changes for the account of the address this message came from. Please write to us from the e-mail address registered on the account; a colleague has your message and will get back to you.";

impl OfflinePlanner {
    fn identity_handoff(&self, reads: Vec<ReadCall>, rule: Rule, why: String) -> Plan {
        // the conversation starts over: nothing pending, nobody bound
        let mut plan = Plan::new(
            reads,
            Outcome::HandOff { rule, reason: why },
            ConversationState::default(),
        );
        plan.draft = WRITE_FROM_ACCOUNT.to_owned();
        plan.procedures = vec!["identity".to_owned()];
        plan.with_confidence(Confidence::Sure)
    }

    /// The conversation's customer is not the one this ticket's channel verified.
    pub(super) fn identity_changed(&self, reads: Vec<ReadCall>) -> Plan {
        self.identity_handoff(
            reads,
            Rule::IdentityChanged,
            "the conversation was about another customer than the one this message's channel verified; nothing was read or written".into(),
        )
    }

    /// The text claims an identity that is not the verified account.
    pub(super) fn identity_mismatch(&self, reads: Vec<ReadCall>, conflict: &Conflict) -> Plan {
        self.identity_handoff(
            reads,
            Rule::IdentityMismatch,
            format!(
                "the message claims {}; nothing of another person's account is read or written",
                conflict.what()
            ),
        )
    }

    /// Nobody is verified and the request needs an account.
    pub(super) fn identity_unverified(&self, reads: Vec<ReadCall>, why: &str) -> Plan {
        self.identity_handoff(reads, Rule::Unverified, why.to_owned())
    }

    /// The request needs an account and the channel verified nobody: hand off, or send a
    /// one-time code to the contact on file of the account the text names.
    pub(super) async fn unverified(
        &self,
        reader: &mut Reader<'_>,
        mut state: ConversationState,
        full_text: &str,
        why: &str,
    ) -> Result<Plan, PlanError> {
        if self.procedures.identity.unverified == WhenUnverified::HandOff {
            return Ok(self.identity_unverified(std::mem::take(&mut reader.log), why));
        }
        let account = self.named_account(reader, full_text).await?;
        state.context = vec![full_text.to_owned()];
        state.user_id = None;
        state.slots.remove("authenticated_via");
        let question = "To keep your account safe I need to check it is yours. If the details you gave match an account, I have sent a one-time code to the e-mail address on file for it: please reply with that code.".to_owned();
        let mut delivery = None;
        match account {
            Some((user_id, email)) => {
                let (v, d) = Verification::issue(
                    &user_id,
                    &email,
                    &self.procedures.identity,
                    self.codes.as_ref(),
                );
                state.verification = Some(v);
                delivery = Some(d);
            }
            None if claims(full_text).is_empty() => {
                let q = "Which account is this about? Please send the e-mail address on the account, or your full name and zip code, and I will send a one-time code to the contact on file.".to_owned();
                let plan = Plan::ask(std::mem::take(&mut reader.log), state, q);
                return Ok(plan.with_confidence(Confidence::Sure));
            }
            // no account matches: the same answer, so the reply does not tell whether one exists
            None => {}
        }
        let mut plan = Plan::ask(std::mem::take(&mut reader.log), state, question);
        plan.one_time_code = delivery;
        plan.procedures = vec!["identity".to_owned()];
        Ok(plan.with_confidence(Confidence::Sure))
    }

    /// The account the text names by e-mail address, or by name and zip code, with the
    /// e-mail address on file for it.
    async fn named_account(
        &self,
        reader: &mut Reader<'_>,
        text: &str,
    ) -> Result<Option<(String, String)>, ToolFailure> {
        let claimed = claims(text);
        let mut lookups: Vec<(&str, Value)> = claimed
            .emails
            .iter()
            .map(|e| ("find_user_id_by_email", json!({ "email": e })))
            .collect();
        for name in &claimed.names {
            let words: Vec<&str> = name.split_whitespace().collect();
            let (Some(first), Some(last)) = (words.first(), words.last()) else {
                continue;
            };
            for zip in &claimed.zips {
                lookups.push((
                    "find_user_id_by_name_zip",
                    json!({ "first_name": first, "last_name": last, "zip": zip }),
                ));
            }
        }
        for (tool, args) in lookups {
            let found = reader.read(tool, args).await?;
            let Some(user_id) = found.as_deref().and_then(Value::as_str) else {
                continue;
            };
            let Some(user) = reader
                .read("get_user_details", json!({ "user_id": user_id }))
                .await?
            else {
                continue;
            };
            let email = s(&user, "email");
            if !email.is_empty() {
                return Ok(Some((user_id.to_owned(), email.to_owned())));
            }
        }
        Ok(None)
    }
}
