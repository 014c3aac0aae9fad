//! [`OfflinePlanner`]: the [`Planner`] that follows the procedures file, with no model. One
//! turn: who the ticket acts for ([`crate::identity`]), a code or a "yes" the conversation
//! waits for ([`super::gate`]), then the ticket's requests resolved against the store
//! ([`super::resolve`]).

use std::borrow::Cow;
use std::sync::Arc;

use async_trait::async_trait;
use frontdesk_intent::letter::customer_text;
use frontdesk_intent::Catalog;

use crate::customer::Reader;
use crate::identity::{bind, Binding, CodeSource, SystemCodes};
use crate::otherwise::{descriptive_keep, descriptive_otherwise};
use crate::retracted::{corrected_in_place, without_changed_mind, without_retracted};
use crate::sections::sections_as_requests;
use crate::signature::without_signature_details;
use crate::spelling::{correct_misspellings, correct_typos};
use crate::tables::tables_as_lines;
use crate::text::then;
use crate::wrapped::unwrap_paragraphs;
use crate::{
    ConversationState, Outcome, Plan, PlanError, PlanRequest, Planner, Procedures, ToolRunner,
};
use frontdesk_types::Rule;

use super::gate::Waiting;
use super::return_list::join_return_lists;

/// The offline planner: procedures as data, no model.
pub struct OfflinePlanner {
    pub(super) procedures: Procedures,
    pub(super) catalog: Catalog,
    pub(super) codes: Arc<dyn CodeSource>,
}

impl OfflinePlanner {
    /// A planner over `procedures`, recognising customers' names in text
    /// with `catalog` (use [`Catalog::empty`] to rely on "my name is ..." phrases).
    pub fn new(procedures: Procedures, catalog: Catalog) -> Self {
        OfflinePlanner {
            procedures,
            catalog,
            codes: Arc::new(SystemCodes),
        }
    }

    /// The same planner with another clock and random source for one-time codes.
    pub fn with_codes(mut self, codes: Arc<dyn CodeSource>) -> Self {
        self.codes = codes;
        self
    }

    /// The shipped procedures with an empty catalog.
    pub fn shipped() -> Result<Self, PlanError> {
        Ok(OfflinePlanner::new(
            Procedures::shipped()?,
            Catalog::empty(),
        ))
    }

    /// The procedures in use.
    pub fn procedures(&self) -> &Procedures {
        &self.procedures
    }
}

/// What one turn plans: the customer's words of the open request.
pub(super) struct Turn {
    /// The earlier messages of the open request (subject and body), oldest first, joined;
    /// empty when this message opens it.
    pub earlier: String,
    /// This message's subject and body.
    pub latest_text: String,
    /// This message's body alone (the subject only summarises it).
    pub latest_body: String,
    /// Facts to state whatever the plan (e.g. why a confirmed change did not run).
    pub facts: Vec<String>,
}

impl Turn {
    /// A turn that plans `text` alone (a request re-planned, or resumed after a code).
    pub fn of(text: String, facts: Vec<String>) -> Turn {
        Turn {
            earlier: String::new(),
            latest_text: text.clone(),
            latest_body: text,
            facts,
        }
    }

    /// Every message of the open request, subjects included.
    pub fn full_text(&self) -> String {
        join(&self.earlier, &self.latest_text)
    }

    /// Every message body of the open request.
    pub fn body_text(&self) -> String {
        join(&self.earlier, &self.latest_body)
    }
}

fn join(earlier: &str, latest: &str) -> String {
    if earlier.is_empty() {
        latest.to_owned()
    } else {
        format!("{earlier}\n{latest}")
    }
}

#[async_trait]
impl Planner for OfflinePlanner {
    async fn plan(&self, req: &PlanRequest, tools: &dyn ToolRunner) -> Result<Plan, PlanError> {
        // the customer's own words (no quoted history or legal footer); a table's rows as
        // lines, a "RETURN" heading and its "Item:" line as one request; "retrun", "exhange", "adress": read as meant; a mail program's line breaks
        // joined; "same model otherwise" is no fallback
        let corrected;
        let own = customer_text(&req.body);
        let body = then(
            if own == req.body {
                Cow::Borrowed(req.body.as_str())
            } else {
                Cow::Owned(own)
            },
            |b| {
                then(
                    then(
                        then(tables_as_lines(b), sections_as_requests),
                        unwrap_paragraphs,
                    ),
                    without_signature_details,
                )
            },
        );
        let body = then(
            then(
                then(then(body, join_return_lists), without_retracted),
                without_changed_mind,
            ),
            corrected_in_place,
        );
        let body = then(then(body, correct_typos), correct_misspellings);
        let body = then(then(body, descriptive_otherwise), descriptive_keep);
        let req = match (correct_typos(&req.subject), body) {
            (Cow::Borrowed(_), Cow::Borrowed(_)) => req,
            (subject, body) => {
                corrected = PlanRequest {
                    subject: subject.into_owned(),
                    body: body.into_owned(),
                    ..req.clone()
                };
                &corrected
            }
        };
        let mut reader = Reader::new(tools);
        let mut state = req.state.clone();
        let mut binding = bind(&mut reader, &req.identity, &state).await?;
        if let Binding::Changed { .. } = binding {
            return Ok(self.identity_changed(reader.log));
        }
        let waiting = self
            .waiting(req, &mut reader, &mut state, &mut binding)
            .await?;
        let turn = match waiting {
            Waiting::Done(plan) => return Ok(*plan),
            Waiting::Plan(turn) => turn,
        };
        let plan = self.plan_turn(req, reader, state, binding, turn).await?;
        Ok(not_twice(plan, req.state.question.as_deref()))
    }
}

/// The same question twice: the customer's reply did not answer it, and asking again would
/// leave the conversation where it was. A person takes it, with the question as the draft.
fn not_twice(plan: Plan, asked: Option<&str>) -> Plan {
    let again = matches!(
        (&plan.outcome, asked),
        (Outcome::AskCustomer { question }, Some(before)) if question.trim() == before.trim()
    );
    if !again {
        return plan;
    }
    let mut handoff = Plan::new(
        plan.reads,
        Outcome::HandOff {
            rule: Rule::QuestionUnanswered,
            reason: "the customer's reply did not answer the agent's question, asked once already"
                .to_owned(),
        },
        ConversationState::default(),
    );
    handoff.draft = plan.draft;
    handoff.procedures = plan.procedures;
    handoff
}
