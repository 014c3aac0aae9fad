//! What the console learns from people: per intent and reason, how often the agent's draft
//! was sent unchanged, lightly edited or rewritten (by edit distance), and how long handoffs
//! waited to be claimed and closed. Shown on `/learn` and exported on `/metrics`
//! ([`super::metrics`]).

use std::collections::BTreeMap;

use sqlx::{AnyPool, Row};

use super::error::ConsoleError;

/// How much a person changed the agent's draft before sending it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EditClass {
    /// Sent as drafted.
    Unchanged,
    /// Changed by at most `light_edit_ratio` of its length.
    Light,
    /// Changed by more.
    Rewritten,
}

impl EditClass {
    /// Every class, in order.
    pub const ALL: [EditClass; 3] = [EditClass::Unchanged, EditClass::Light, EditClass::Rewritten];

    /// The stored and exported name.
    pub fn as_str(self) -> &'static str {
        match self {
            EditClass::Unchanged => "unchanged",
            EditClass::Light => "light",
            EditClass::Rewritten => "rewritten",
        }
    }

    fn parse(s: &str) -> Option<EditClass> {
        EditClass::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// Classifies a sent text against the draft: the Levenshtein distance in characters
/// (whitespace at the ends ignored) over the longer text's length, against `light_ratio`.
pub fn classify(draft: &str, sent: &str, light_ratio: f64) -> (EditClass, usize) {
    let (draft, sent) = (draft.trim(), sent.trim());
    let distance = strsim::levenshtein(draft, sent);
    let longer = draft.chars().count().max(sent.chars().count()).max(1);
    let class = if distance == 0 {
        EditClass::Unchanged
    } else if distance as f64 / longer as f64 <= light_ratio {
        EditClass::Light
    } else {
        EditClass::Rewritten
    };
    (class, distance)
}

/// The figures of one (intent, reason).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    /// Handoffs received.
    pub handoffs: i64,
    /// Replies sent, by edit class.
    pub sent: BTreeMap<&'static str, i64>,
    /// Handoffs claimed, and the sum of their waits to the first claim (ms).
    pub claimed: i64,
    /// Sum of the waits to the first claim (ms).
    pub claim_wait_ms: i64,
    /// Handoffs closed or handed back.
    pub closed: i64,
    /// Sum of the times from handoff to close (ms).
    pub close_wait_ms: i64,
}

impl Figures {
    /// Replies sent in all.
    pub fn replies(&self) -> i64 {
        self.sent.values().sum()
    }

    /// The share of replies in `class` (None with no replies).
    pub fn rate(&self, class: EditClass) -> Option<f64> {
        let all = self.replies();
        (all > 0).then(|| self.sent.get(class.as_str()).copied().unwrap_or(0) as f64 / all as f64)
    }

    /// Mean wait to the first claim, in seconds.
    pub fn mean_claim_s(&self) -> Option<f64> {
        (self.claimed > 0).then(|| self.claim_wait_ms as f64 / self.claimed as f64 / 1000.0)
    }

    /// Mean time from handoff to close, in seconds.
    pub fn mean_close_s(&self) -> Option<f64> {
        (self.closed > 0).then(|| self.close_wait_ms as f64 / self.closed as f64 / 1000.0)
    }
}

/// Figures per (intent, reason code).
pub type Learned = BTreeMap<(String, String), Figures>;

/// Reads the figures from the console's tables.
pub async fn figures(pool: &AnyPool) -> Result<Learned, ConsoleError> {
    let mut out = Learned::new();
    let rows = sqlx::query(
        "SELECT intent, reason_code, COUNT(*) AS n, COUNT(first_claimed_at) AS claimed, \
         CAST(COALESCE(SUM(first_claimed_at - handed_off_at), 0) AS BIGINT) AS claim_ms, \
         COUNT(closed_at) AS closed, CAST(COALESCE(SUM(closed_at - handed_off_at), 0) AS BIGINT) AS close_ms \
         FROM handoffs GROUP BY intent, reason_code",
    )
    .fetch_all(pool)
    .await?;
    for r in rows {
        let f = out
            .entry((r.try_get("intent")?, r.try_get("reason_code")?))
            .or_default();
        f.handoffs = r.try_get("n")?;
        f.claimed = r.try_get("claimed")?;
        f.claim_wait_ms = r.try_get("claim_ms")?;
        f.closed = r.try_get("closed")?;
        f.close_wait_ms = r.try_get("close_ms")?;
    }
    let rows = sqlx::query(
        "SELECT h.intent AS intent, h.reason_code AS reason_code, r.edit_class AS edit_class, COUNT(*) AS n \
         FROM console_replies r JOIN handoffs h ON h.ticket_id = r.ticket_id \
         GROUP BY h.intent, h.reason_code, r.edit_class",
    )
    .fetch_all(pool)
    .await?;
    for r in rows {
        let class: String = r.try_get("edit_class")?;
        let Some(class) = EditClass::parse(&class) else {
            continue;
        };
        *out.entry((r.try_get("intent")?, r.try_get("reason_code")?))
            .or_default()
            .sent
            .entry(class.as_str())
            .or_default() += r.try_get::<i64, _>("n")?;
    }
    Ok(out)
}

/// Four handoffs, two claimed after 3 s in all, three replies sent unchanged and one
/// rewritten (for the tests here and in [`super::metrics`]).
#[cfg(test)]
pub(crate) fn sample() -> Figures {
    let mut f = Figures {
        handoffs: 4,
        claimed: 2,
        claim_wait_ms: 3000,
        ..Default::default()
    };
    f.sent.insert("unchanged", 3);
    f.sent.insert("rewritten", 1);
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_are_classed_by_distance_over_length() {
        let draft = "Your refund of $120.00 to your PayPal account is on its way.";
        assert_eq!(
            classify(draft, &format!("  {draft}\n"), 0.2),
            (EditClass::Unchanged, 0)
        );
        let light = draft.replace("on its way", "on the way");
        let (class, d) = classify(draft, &light, 0.2);
        assert_eq!(class, EditClass::Light);
        assert!(d > 0);
        let (class, _) = classify(draft, "I have passed this to our finance team.", 0.2);
        assert_eq!(class, EditClass::Rewritten);
        assert_eq!(classify("", "", 0.2).0, EditClass::Unchanged);
    }

    #[test]
    fn rates_and_means() {
        let f = sample();
        assert_eq!(f.rate(EditClass::Unchanged), Some(0.75));
        assert_eq!(f.rate(EditClass::Light), Some(0.0));
        assert_eq!(f.mean_claim_s(), Some(1.5));
        assert_eq!(f.mean_close_s(), None);
    }
}
