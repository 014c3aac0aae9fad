//! [`PlannerView`]: the offline planner reads names and street addresses in clear, in
//! memory, for the one turn it plans; everything it hands on holds tokens again.
//!
//! The router tokenises names and addresses at the door like every other kind. The offline
//! procedures need them, though: a name and a zip code find an account, a name in the text is
//! checked against the verified one, a new shipping address is taken apart into its lines. So
//! the tools stage reveals the tokens of `privacy.planner_reads` in the turn, the open
//! request and the conversation's state ([`PlannerView::reveal_request`]), plans, and
//! conceals what the plan carries on ([`PlannerView::conceal_plan`]): the writes' arguments
//! and summaries, the draft, the question, the hand-off reason, the saved state.
//!
//! A value is concealed whole and in its parts (a name's words, an address's lines and zip
//! code), each part its own token in the vault, so the street line the planner took out of an
//! address crosses no topic either. A word of a name that is an ordinary word ("Brown",
//! "Rose") is not concealed where it stands alone: it would take every such word with it.
//! The executor gets the parts' values (in its [`frontdesk_tools::Clear`]) to send to the
//! store and records the call with the tokens.

use std::collections::HashMap;
use std::sync::Mutex;

use frontdesk_guard::PiiKind;
use frontdesk_planner::{Outcome, Plan, PlanRequest};
use frontdesk_tools::map_strings;
use serde_json::Value;

use super::vault::{substitute, Replaced, Revealed, Vault, VaultError};

/// The clear view of one turn's names and addresses, and the way back to tokens.
#[derive(Debug)]
pub struct PlannerView {
    vault: Vault,
    conversation_id: String,
    /// The values of the view's kinds found in the turn, by their token.
    whole: HashMap<String, (PiiKind, String)>,
    /// Every value concealed, whole values and parts, with its token.
    known: Mutex<Vec<Replaced>>,
    /// Values tokenised here for the first time, not yet in the vault.
    fresh: Mutex<Vec<Replaced>>,
}

impl PlannerView {
    /// The view of `revealed` (a turn's tokens and their values) for the kinds `vault`'s
    /// planner reads.
    pub fn new(vault: &Vault, conversation_id: &str, revealed: &Revealed) -> PlannerView {
        let whole: HashMap<String, (PiiKind, String)> = revealed
            .iter()
            .filter(|(_, (kind, _))| vault.planner_reads().contains(kind))
            .map(|(t, v)| (t.clone(), v.clone()))
            .collect();
        // Every stored value first: a piece stored on an earlier turn (as the planner spelt
        // it) is not cut again out of the whole value it came from (as the customer spelt it).
        let mut known: Vec<Replaced> = whole
            .iter()
            .map(|(token, (kind, value))| Replaced {
                token: token.clone(),
                kind: *kind,
                value: value.clone(),
            })
            .collect();
        let mut fresh = Vec::new();
        for (kind, value) in whole.values() {
            for part in parts(*kind, value) {
                if known.iter().any(|k| k.value.eq_ignore_ascii_case(&part)) {
                    continue;
                }
                let r = Replaced {
                    token: vault.token_of(conversation_id, *kind, &part),
                    kind: *kind,
                    value: part,
                };
                known.push(r.clone());
                fresh.push(r);
            }
        }
        PlannerView {
            vault: vault.clone(),
            conversation_id: conversation_id.to_owned(),
            whole,
            known: Mutex::new(known),
            fresh: Mutex::new(fresh),
        }
    }

    /// Whether the turn holds nothing of the view's kinds.
    pub fn is_empty(&self) -> bool {
        self.whole.is_empty()
    }

    /// The (token, value) pairs the executor reveals and conceals as bounded values.
    pub fn bounded_pairs(&self) -> Vec<(String, String)> {
        lock(&self.known)
            .iter()
            .map(|r| (r.token.clone(), r.value.clone()))
            .collect()
    }

    /// `text` with the view's tokens (whole values and parts) replaced by their values.
    pub fn reveal_text(&self, text: &str) -> String {
        let known = lock(&self.known);
        substitute(text, |tok, _| {
            known
                .iter()
                .find(|r| r.token == tok)
                .map_or_else(|| tok.to_owned(), |r| r.value.clone())
        })
    }

    /// `req` with the view's tokens revealed in its subject, body and state.
    pub fn reveal_request(&self, req: &PlanRequest) -> Result<PlanRequest, serde_json::Error> {
        let mut out = req.clone();
        out.subject = self.reveal_text(&req.subject);
        out.body = self.reveal_text(&req.body);
        let state = map_strings(&serde_json::to_value(&req.state)?, &mut |s| {
            self.reveal_text(s)
        });
        out.state = serde_json::from_value(state)?;
        Ok(out)
    }

    /// `text` with every known value replaced by its token where it stands whole.
    pub fn conceal_text(&self, text: &str) -> String {
        let pairs: Vec<(String, String)> = lock(&self.known)
            .iter()
            .map(|r| (r.value.clone(), r.token.clone()))
            .collect();
        frontdesk_types::token::conceal_bounded(text, &pairs)
    }

    /// `v` with its strings concealed. A string that is itself a known value, or a piece of
    /// a revealed value worth a token of its own (a street line the planner cut out of an
    /// address), becomes one token; any other string is concealed as text.
    pub fn conceal_value(&self, v: &Value) -> Value {
        map_strings(v, &mut |s| self.conceal_leaf(s))
    }

    fn conceal_leaf(&self, s: &str) -> String {
        let t = s.trim();
        if t.is_empty() || t.contains(frontdesk_types::token::OPEN) {
            return self.conceal_text(s);
        }
        if let Some(r) = lock(&self.known).iter().find(|r| r.value == t) {
            return r.token.clone();
        }
        // The planner may write a value in another case than the customer did ("1450 Wynkoop
        // Street" for "1450 wynkoop street"). A token stands for the value whatever its case,
        // so the token is the same; the planner's spelling goes first, so the executor sends
        // the store what the planner wrote, and the customer's stays to conceal their text.
        let lower = t.to_lowercase();
        let same_but_case = lock(&self.known)
            .iter()
            .find(|r| r.value.eq_ignore_ascii_case(t))
            .map(|r| r.kind);
        let piece_of = same_but_case.or_else(|| {
            self.whole
                .values()
                .find(|(kind, value)| {
                    worth_a_token(*kind, t)
                        && frontdesk_types::token::contains_whole(&value.to_lowercase(), &lower)
                })
                .map(|(kind, _)| *kind)
        });
        if let Some(kind) = piece_of {
            let r = Replaced {
                token: self.vault.token_of(&self.conversation_id, kind, t),
                kind,
                value: t.to_owned(),
            };
            lock(&self.known).insert(0, r.clone());
            lock(&self.fresh).push(r.clone());
            return r.token;
        }
        self.conceal_text(s)
    }

    /// `plan` with everything it carries on concealed: writes, state, draft, reply facts,
    /// question and hand-off reason, and the reads it records.
    pub fn conceal_plan(&self, mut plan: Plan) -> Result<Plan, serde_json::Error> {
        plan.writes = plan
            .writes
            .iter()
            .map(|w| serde_json::from_value(self.conceal_value(&serde_json::to_value(w)?)))
            .collect::<Result<_, _>>()?;
        plan.state =
            serde_json::from_value(self.conceal_value(&serde_json::to_value(&plan.state)?))?;
        for r in &mut plan.reads {
            r.args = self.conceal_value(&r.args);
            r.result = match &r.result {
                Ok(v) => Ok(std::sync::Arc::new(self.conceal_value(v))),
                Err(e) => Err(self.conceal_text(e)),
            };
        }
        plan.draft = self.conceal_text(&plan.draft);
        plan.reply_facts = plan
            .reply_facts
            .iter()
            .map(|f| self.conceal_text(f))
            .collect();
        match &mut plan.outcome {
            Outcome::AskCustomer { question } => *question = self.conceal_text(question),
            Outcome::HandOff { reason, .. } => *reason = self.conceal_text(reason),
            Outcome::Act | Outcome::Answered => {}
        }
        Ok(plan)
    }

    /// Stores the values first tokenised by this view, so that later turns and the reply's
    /// delivery can reveal them; a value the planner wrote in another case than the customer
    /// is stored as the planner wrote it ([`Vault::store_respelt`]).
    pub async fn flush(&self) -> Result<(), VaultError> {
        let fresh = std::mem::take(&mut *lock(&self.fresh));
        self.vault
            .store_respelt(&self.conversation_id, &fresh)
            .await
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// The pieces of `value` that get tokens of their own: a name's words; an address's lines
/// (split at commas and before a unit: "Apt 4", "Suite 890") and its zip code.
fn parts(kind: PiiKind, value: &str) -> Vec<String> {
    let whole = value.trim().trim_end_matches(['.', ',', ';', ':']).trim();
    let mut out: Vec<String> = Vec::new();
    let mut push = |p: &str| {
        let p = p
            .trim()
            .trim_matches(|c: char| c == ',' || c == '.' || c == ';');
        if worth_a_token(kind, p) && !out.iter().any(|o| o.eq_ignore_ascii_case(p)) {
            out.push(p.to_owned());
        }
    };
    push(whole);
    match kind {
        PiiKind::Person => {
            for w in whole.split(|c: char| c.is_whitespace() || c == ',') {
                push(w.trim_matches(|c: char| !c.is_alphabetic()));
            }
        }
        PiiKind::StreetAddress => {
            for line in whole.split(',') {
                push(line);
                if let Some(at) = unit_at(line) {
                    push(&line[..at]);
                    push(&line[at..]);
                }
                for run in line.split(|c: char| !c.is_ascii_digit()) {
                    if run.len() >= 5 {
                        push(run);
                    }
                }
            }
        }
        _ => {}
    }
    out
}

/// Where a unit ("Apt 4", "Suite 890", "#12") starts in an address line, after its street.
fn unit_at(line: &str) -> Option<usize> {
    let lower = line.to_ascii_lowercase();
    [
        " apt",
        " apartment",
        " suite",
        " ste ",
        " unit",
        " #",
        " floor",
    ]
    .iter()
    .filter_map(|m| lower.find(m))
    .filter(|&i| i > 0)
    .min()
    .map(|i| i + 1)
}

/// Whether `piece` of a value of `kind` is worth a token of its own: two letters of a name
/// that is not one ordinary word; three characters of an address with a letter in them (a
/// city, "Apt 4"), or a zip code's five digits.
fn worth_a_token(kind: PiiKind, piece: &str) -> bool {
    let letters = piece.chars().filter(|c| c.is_alphabetic()).count();
    match kind {
        PiiKind::Person => {
            let one_word = !piece.contains(char::is_whitespace);
            letters >= 2 && !(one_word && frontdesk_guard::pii::person::is_common_word(piece))
        }
        PiiKind::StreetAddress => {
            (piece.len() >= 3 && letters >= 1)
                || (piece.len() >= 5 && piece.chars().all(|c| c.is_ascii_digit()))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests;
