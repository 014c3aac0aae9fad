//! Outputs bounded in size. A record the broker refuses as too large would be retried
//! forever and freeze its conversation and its partition's commit, so the runner makes
//! every output fit `runtime.max_output_bytes` before producing it: a handoff keeps the
//! latest turns of its transcript with a pointer to the rest (the state database has the
//! whole thread), tool responses and help-center passages are dropped from what is kept,
//! an audit record's inputs are cut, and a dead letter whose original does not fit keeps
//! its coordinates instead (the source topic has the bytes). What still does not fit is
//! handed to a person by a minimal handoff ([`Rule::OutputTooLarge`](crate::messages::Rule)).

use crate::messages::{AuditRecord, DeadLetter, Envelope, Handoff, Resolution, Turn};

/// The role of the transcript line that says where the omitted turns are.
pub const POINTER_ROLE: &str = "note";

/// A record that can be made smaller, one step at a time.
pub(super) trait Shrink {
    /// Drops or cuts something; false when nothing more can go.
    fn shrink(&mut self) -> bool;
}

/// Where a text was cut.
const CUT: &str = " […]";

/// Cuts `s` to at most `max` bytes (on a character boundary), marking the cut; false if it
/// already fits.
fn cut(s: &mut String, max: usize) -> bool {
    if s.len() <= max {
        return false;
    }
    let mut end = max.saturating_sub(CUT.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.truncate(end);
    s.push_str(CUT);
    true
}

/// Drops the response bodies of tool calls (their outcome and status stay).
fn drop_responses(calls: &mut [crate::messages::ToolCall]) -> bool {
    let mut dropped = false;
    for c in calls {
        dropped |= c.response_json.take().is_some();
    }
    dropped
}

impl Shrink for Handoff {
    fn shrink(&mut self) -> bool {
        // 1. Halve the transcript (latest turns kept), with one pointer line at the top.
        let said: Vec<&Turn> = self
            .transcript
            .iter()
            .filter(|t| t.role != POINTER_ROLE)
            .collect();
        if said.len() > 1 {
            let keep = said.len() / 2;
            let omitted_before = self
                .transcript
                .first()
                .filter(|t| t.role == POINTER_ROLE)
                .and_then(|t| t.text.split_whitespace().next()?.parse::<usize>().ok())
                .unwrap_or(0);
            let omitted = omitted_before + said.len() - keep;
            let at = said[said.len() - keep].at;
            let mut kept: Vec<Turn> = said[said.len() - keep..]
                .iter()
                .map(|t| (*t).clone())
                .collect();
            kept.insert(
                0,
                Turn {
                    role: POINTER_ROLE.to_owned(),
                    text: format!(
                        "{omitted} earlier turn(s) omitted: the whole thread is in the state database, conversation {}.",
                        self.conversation_id
                    ),
                    at,
                },
            );
            self.transcript = kept;
            return true;
        }
        // 2. Tool responses, then long texts.
        drop_responses(&mut self.tool_log)
            || cut(&mut self.draft_reply, 4096)
            || cut(&mut self.summary, 1024)
            || self.transcript.iter_mut().any(|t| cut(&mut t.text, 4096))
            || {
                let had = !self.tool_log.is_empty() || !self.citations.is_empty();
                self.tool_log.clear();
                self.citations.clear();
                had
            }
    }
}

impl Shrink for Resolution {
    /// Only the tool responses may go: the reply is what the customer reads, and a reply
    /// that does not fit is handed to a person instead of being cut.
    fn shrink(&mut self) -> bool {
        drop_responses(&mut self.actions)
    }
}

impl Shrink for Envelope {
    fn shrink(&mut self) -> bool {
        drop_responses(&mut self.tool_log) || self.passages.pop().is_some()
    }
}

impl Shrink for AuditRecord {
    fn shrink(&mut self) -> bool {
        cut(&mut self.inputs_json, 16 * 1024)
    }
}

impl Shrink for DeadLetter {
    fn shrink(&mut self) -> bool {
        let Some(original) = self.original_value.take() else {
            return cut(&mut self.reason, 4096);
        };
        self.reason = format!(
            "{} (the original value, {} bytes, is too large to keep here: read it at {}/{}/{})",
            self.reason,
            original.len(),
            self.source_topic,
            self.source_partition,
            self.source_offset
        );
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::{Channel, Identity, Rule, ToolCall};

    fn handoff(turns: usize) -> Handoff {
        Handoff {
            ticket_id: "t".into(),
            conversation_id: "conv-9".into(),
            channel: Channel::Chat,
            customer: Identity::default(),
            reason_code: Rule::NoAnswer,
            reason: "r".into(),
            summary: "s".into(),
            draft_reply: String::new(),
            transcript: (0..turns)
                .map(|i| Turn {
                    role: "customer".into(),
                    text: format!("message {i} {}", "x".repeat(1000)),
                    at: i as i64,
                })
                .collect(),
            tool_log: vec![ToolCall {
                tool: "get_order_details".into(),
                arguments_json: "{}".into(),
                idempotency_key: None,
                outcome: "ok".into(),
                http_status: Some(200),
                response_json: Some("y".repeat(50_000)),
                error: None,
                latency_ms: 1,
                attempts: 1,
            }],
            proposed_action: None,
            route: None,
            citations: vec![],
            cost: Default::default(),
            latency_ms: 0,
            handed_off_at: 0,
        }
    }

    fn size(h: &Handoff) -> usize {
        serde_json::to_vec(h).unwrap().len()
    }

    #[test]
    fn a_long_handoff_keeps_its_latest_turns_and_points_to_the_rest() {
        let mut h = handoff(2000);
        while size(&h) > 20_000 {
            assert!(h.shrink(), "shrinks until it fits");
        }
        let pointer = &h.transcript[0];
        assert_eq!(pointer.role, POINTER_ROLE);
        assert!(
            pointer.text.contains("conversation conv-9"),
            "{}",
            pointer.text
        );
        let kept = h.transcript.len() - 1;
        assert!(
            pointer
                .text
                .starts_with(&format!("{} earlier", 2000 - kept)),
            "{}",
            pointer.text
        );
        assert_eq!(
            h.transcript.last().unwrap().text,
            handoff(2000).transcript[1999].text,
            "the latest turn is kept"
        );
    }

    #[test]
    fn shrinking_ends() {
        let mut h = handoff(3);
        h.draft_reply = "d".repeat(100_000);
        let mut steps = 0;
        while h.shrink() {
            steps += 1;
            assert!(steps < 100);
        }
        assert!(size(&h) < 20_000);
    }

    #[test]
    fn a_dead_letter_too_large_keeps_where_the_original_is() {
        let mut d = DeadLetter {
            original_value: Some(vec![7; 2_000_000]),
            original_key: Some(b"k".to_vec()),
            source_topic: "in".into(),
            source_partition: 2,
            source_offset: 41,
            stage: "router".into(),
            error_kind: "oversize".into(),
            reason: "too big".into(),
            headers: Default::default(),
            failed_at: 0,
        };
        assert!(d.shrink());
        assert!(d.original_value.is_none());
        assert!(
            d.reason.contains("2000000 bytes") && d.reason.contains("in/2/41"),
            "{}",
            d.reason
        );
    }
}
