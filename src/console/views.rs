//! The pages' templates (askama, compiled and type-checked with the binary; files under
//! `templates/console/`) and the small view models they render.

use askama::Template;
use axum::response::Html;

/// Renders a page; a template that fails to render becomes a plain 500 body.
pub fn html<T: Template>(t: &T) -> Html<String> {
    Html(t.render().unwrap_or_else(|e| {
        tracing::error!(error = %e, "template failed to render");
        "<h1>500</h1><p>the page failed to render</p>".to_owned()
    }))
}

/// How long ago `at_ms` was, in the largest sensible unit pair ("3d 4h", "12m").
pub fn age(now_ms: i64, at_ms: i64) -> String {
    let s = (now_ms - at_ms).max(0) / 1000;
    let (d, h, m) = (s / 86_400, s / 3600 % 24, s / 60 % 60);
    match (d, h, m) {
        (0, 0, 0) => format!("{s}s"),
        (0, 0, m) => format!("{m}m"),
        (0, h, m) => format!("{h}h {m}m"),
        (d, h, _) => format!("{d}d {h}h"),
    }
}

/// A timestamp as UTC date and minute.
pub fn when(at_ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(at_ms)
        .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_default()
}

/// A duration in seconds as "1h 5m", "42s", or "–" when there is none.
pub fn seconds(s: Option<f64>) -> String {
    match s {
        Some(s) => age((s * 1000.0) as i64, 0),
        None => "–".to_owned(),
    }
}

/// The sign-in page.
#[derive(Template)]
#[template(path = "console/login.html")]
pub struct LoginPage {
    /// Empty: nobody is signed in.
    pub user: String,
    /// The sign-in form's token (also in a cookie).
    pub csrf: String,
    /// Why the last attempt failed.
    pub error: Option<String>,
}

/// An error page.
#[derive(Template)]
#[template(path = "console/error.html")]
pub struct ErrorPage {
    /// Empty: the layout's sign-out form is not shown on error pages.
    pub user: String,
    /// Unused (no forms).
    pub csrf: String,
    /// HTTP status.
    pub status: u16,
    /// What went wrong.
    pub message: String,
}

/// One queue row.
pub struct QueueItem {
    /// Ticket id.
    pub ticket_id: String,
    /// "3h 5m".
    pub age: String,
    /// Reason code.
    pub reason: String,
    /// Intent.
    pub intent: String,
    /// Channel.
    pub channel: String,
    /// One-line summary.
    pub summary: String,
    /// Who has it.
    pub claimed_by: Option<String>,
    /// Where the proposed action is (empty with none).
    pub action: String,
}

/// The queue.
#[derive(Template)]
#[template(path = "console/queue.html")]
pub struct QueuePage {
    /// Signed-in user.
    pub user: String,
    /// Session CSRF token.
    pub csrf: String,
    /// The page's rows.
    pub rows: Vec<QueueItem>,
    /// Handoffs matching the filters.
    pub total: i64,
    /// Open handoffs per reason.
    pub reasons: Vec<(String, i64)>,
    /// Open handoffs per intent.
    pub intents: Vec<(String, i64)>,
    /// Open handoffs per channel.
    pub channels: Vec<(String, i64)>,
    /// The filters in force.
    pub filter: super::handoffs::Filter,
    /// The age filter as the form shows it.
    pub older_than: String,
    /// The claim filter's value.
    pub claimed: String,
    /// The claim filter's choices (value, label).
    pub claim_choices: Vec<(String, String)>,
    /// Page number from 1.
    pub page: u32,
    /// Pages.
    pub pages: u32,
    /// Link to the previous page.
    pub prev_page: Option<String>,
    /// Link to the next page.
    pub next_page: Option<String>,
}

/// One turn of the thread.
pub struct TurnView {
    /// `customer`, `agent`, or `person` (a reply sent from the console).
    pub role: String,
    /// What was said.
    pub text: String,
    /// When.
    pub at: String,
}

/// One call of the tool log.
pub struct CallView {
    /// Tool.
    pub tool: String,
    /// Arguments (masked).
    pub arguments: String,
    /// `ok`, `rejected`, ...
    pub outcome: String,
    /// Response (masked).
    pub response: Option<String>,
    /// Error.
    pub error: Option<String>,
}

/// The proposed action.
pub struct ProposedView {
    /// Tool.
    pub tool: String,
    /// Arguments, pretty.
    pub arguments: String,
    /// `proposed`, `approving`, `approved`, `rejected`, `failed`.
    pub status: String,
    /// Who approved or rejected it.
    pub by: Option<String>,
    /// The store's answer or the refusal.
    pub result: Option<String>,
    /// Whether the signed-in person may approve or reject it now.
    pub can_act: bool,
}

/// One event of the history.
pub struct EventView {
    /// Who.
    pub actor: String,
    /// What.
    pub kind: String,
    /// Detail.
    pub body: String,
    /// When.
    pub at: String,
}

/// The conversation view.
#[derive(Template)]
#[template(path = "console/conversation.html")]
pub struct ConversationPage {
    /// Signed-in user.
    pub user: String,
    /// Session CSRF token.
    pub csrf: String,
    /// A message about the last action.
    pub notice: Option<String>,
    /// Ticket.
    pub ticket_id: String,
    /// Thread.
    pub conversation_id: String,
    /// Channel.
    pub channel: String,
    /// The customer as the channel verified them.
    pub customer: String,
    /// Status.
    pub status: String,
    /// Whether it is open.
    pub open: bool,
    /// Who has it.
    pub claimed_by: Option<String>,
    /// Whether the signed-in person has it.
    pub mine: bool,
    /// Reason code.
    pub reason_code: String,
    /// The reason sentence (for an approval: the gate that stopped the action).
    pub reason: String,
    /// One-line summary.
    pub summary: String,
    /// The thread.
    pub transcript: Vec<TurnView>,
    /// The tool log.
    pub tool_log: Vec<CallView>,
    /// Cited help-center documents.
    pub citations: Vec<String>,
    /// The proposed action.
    pub proposed: Option<ProposedView>,
    /// The reply editor's text.
    pub draft: String,
    /// The number of the next reply (`<ticket>:agent:<n>`).
    pub next_reply: i64,
    /// People to assign to.
    pub users: Vec<String>,
    /// What people did.
    pub events: Vec<EventView>,
}

/// One row of the learning page.
pub struct LearnRow {
    /// Intent.
    pub intent: String,
    /// Reason.
    pub reason: String,
    /// Handoffs.
    pub handoffs: i64,
    /// Replies sent.
    pub replies: i64,
    /// Share sent unchanged.
    pub unchanged: String,
    /// Share lightly edited.
    pub light: String,
    /// Share rewritten.
    pub rewritten: String,
    /// Mean time to claim.
    pub claim: String,
    /// Mean time to close.
    pub close: String,
}

/// The learning page.
#[derive(Template)]
#[template(path = "console/learn.html")]
pub struct LearnPage {
    /// Signed-in user.
    pub user: String,
    /// Session CSRF token.
    pub csrf: String,
    /// The light-edit threshold.
    pub light_ratio: f64,
    /// Rows per (intent, reason).
    pub rows: Vec<LearnRow>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_read_in_two_units() {
        assert_eq!(age(61_000, 0), "1m");
        assert_eq!(age(3_725_000, 0), "1h 2m");
        assert_eq!(age(90_061_000, 0), "1d 1h");
        assert_eq!(age(0, 5_000), "0s");
        assert_eq!(seconds(None), "–");
    }
}
