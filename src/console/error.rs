//! The console's errors, and how each becomes an HTTP answer.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// What can go wrong serving a request or running an action.
#[derive(Debug, thiserror::Error)]
pub enum ConsoleError {
    /// The state database failed.
    #[error("state database: {0}")]
    Db(#[from] sqlx::Error),
    /// A stored value does not parse.
    #[error("corrupt stored value: {0}")]
    Corrupt(String),
    /// Not signed in.
    #[error("sign in first")]
    Unauthenticated,
    /// Signed in without the role the action needs.
    #[error("this needs the {0} role")]
    Forbidden(&'static str),
    /// A form came without its session's CSRF token.
    #[error("the form's CSRF token is missing or wrong: reload the page")]
    Csrf,
    /// No such handoff.
    #[error("no handoff {0}")]
    NotFound(String),
    /// The handoff is not in a state that allows the action (closed, claimed by someone
    /// else, already approved, ...).
    #[error("{0}")]
    Conflict(String),
    /// The request is malformed.
    #[error("{0}")]
    BadRequest(String),
    /// Kafka or the codec failed.
    #[error("could not publish: {0}")]
    Publish(String),
    /// The store or the write gate failed; the action can be retried.
    #[error("{0}")]
    Unavailable(String),
    /// A template failed to render.
    #[error("template: {0}")]
    Render(#[from] askama::Error),
    /// Password hashing failed.
    #[error("password hash: {0}")]
    Hash(String),
}

impl ConsoleError {
    /// The HTTP status of the error.
    pub fn status(&self) -> StatusCode {
        match self {
            ConsoleError::Unauthenticated => StatusCode::UNAUTHORIZED,
            ConsoleError::Forbidden(_) | ConsoleError::Csrf => StatusCode::FORBIDDEN,
            ConsoleError::NotFound(_) => StatusCode::NOT_FOUND,
            ConsoleError::Conflict(_) => StatusCode::CONFLICT,
            ConsoleError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ConsoleError::Unavailable(_) | ConsoleError::Publish(_) => {
                StatusCode::SERVICE_UNAVAILABLE
            }
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for ConsoleError {
    fn into_response(self) -> Response {
        let status = self.status();
        if status.is_server_error() {
            tracing::error!(error = %self, "console request failed");
        } else {
            tracing::info!(error = %self, status = status.as_u16(), "console request refused");
        }
        let body = super::views::ErrorPage {
            user: String::new(),
            csrf: String::new(),
            status: status.as_u16(),
            message: self.to_string(),
        };
        (status, super::views::html(&body)).into_response()
    }
}
