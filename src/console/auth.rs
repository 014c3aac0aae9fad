//! Who is asking: the session cookie (after the sign-in form) or, when configured, an
//! identity header set by a trusted reverse proxy; and the CSRF check of every form.
//!
//! Cookies are `HttpOnly`, `SameSite=Strict`, `Path=/`, and `Secure` behind TLS
//! ([`super::config::SecureCookies`]). Every POST behind the session layer must carry the
//! session's CSRF token in its `csrf` field, checked here before any handler runs, so no
//! form can forget it. The sign-in form, which has no session yet, carries a token that must
//! equal its own cookie (double submit).

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};

use super::config::SecureCookies;
use super::error::ConsoleError;
use super::server::Console;
use super::sessions::{random_token, same_secret, Session};
use super::views::{html, LoginPage};

/// The session cookie.
pub const SESSION_COOKIE: &str = "fd_session";
/// The sign-in form's double-submit cookie.
pub const LOGIN_COOKIE: &str = "fd_login";
/// The largest form body read (a reply is at most a few kilobytes).
const MAX_FORM_BYTES: usize = 256 * 1024;

impl Console {
    /// Whether the peer is a configured reverse proxy.
    fn is_trusted_proxy(&self, peer: SocketAddr) -> bool {
        self.cfg.trusted_proxies.contains(&peer.ip())
    }

    /// Whether cookies set on this request carry `Secure`.
    fn secure(&self, peer: SocketAddr, headers: &HeaderMap) -> bool {
        match self.cfg.secure_cookies {
            SecureCookies::Always => true,
            SecureCookies::Never => false,
            SecureCookies::Auto => {
                self.is_trusted_proxy(peer)
                    && headers
                        .get("x-forwarded-proto")
                        .and_then(|v| v.to_str().ok())
                        .is_some_and(|v| v.eq_ignore_ascii_case("https"))
            }
        }
    }

    /// The name a trusted proxy vouches for, if the console is told to believe one.
    fn proxied_user(&self, peer: SocketAddr, headers: &HeaderMap) -> Option<String> {
        let header = self.cfg.identity_header.as_deref()?;
        if !self.is_trusted_proxy(peer) {
            return None;
        }
        let name = headers.get(header)?.to_str().ok()?.trim();
        (!name.is_empty()).then(|| name.to_owned())
    }

    fn cookie(&self, name: &'static str, value: String, secure: bool) -> Cookie<'static> {
        Cookie::build((name, value))
            .http_only(true)
            .same_site(SameSite::Strict)
            .secure(secure)
            .path("/")
            .build()
    }

    /// The session of the request: its cookie's, or a new one for the user a trusted proxy
    /// names (returned with the cookie to set).
    async fn session(
        &self,
        peer: SocketAddr,
        headers: &HeaderMap,
        jar: &CookieJar,
    ) -> Result<(Option<Session>, Option<Cookie<'static>>), ConsoleError> {
        let existing = match jar.get(SESSION_COOKIE) {
            Some(c) => self.sessions.find(c.value()).await?,
            None => None,
        };
        let Some(name) = self.proxied_user(peer, headers) else {
            return Ok((existing, None));
        };
        if let Some(s) = existing.filter(|s| s.user.username == name) {
            return Ok((Some(s), None));
        }
        let user = self
            .users
            .find(&name)
            .await?
            .ok_or(ConsoleError::Forbidden(
                "console user (the proxy's user is not registered)",
            ))?;
        let (token, session) = self.sessions.create(user).await?;
        let cookie = self.cookie(SESSION_COOKIE, token, self.secure(peer, headers));
        Ok((Some(session), Some(cookie)))
    }
}

/// Reads a urlencoded body and checks its `csrf` field against `expected`; returns the
/// body to hand on.
async fn check_csrf(body: Body, expected: &str) -> Result<axum::body::Bytes, ConsoleError> {
    let bytes = axum::body::to_bytes(body, MAX_FORM_BYTES)
        .await
        .map_err(|e| ConsoleError::BadRequest(e.to_string()))?;
    let fields: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes)
        .map_err(|e| ConsoleError::BadRequest(e.to_string()))?;
    let sent = fields
        .iter()
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.as_str())
        .unwrap_or_default();
    if sent.is_empty() || !same_secret(sent, expected) {
        return Err(ConsoleError::Csrf);
    }
    Ok(bytes)
}

/// The session layer: no page or action without a session; every POST's CSRF token
/// checked. A page asked for without one redirects to the sign-in form.
pub async fn require_session(
    State(console): State<Arc<Console>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    req: Request,
    next: Next,
) -> Response {
    let jar = CookieJar::from_headers(req.headers());
    let (session, set) = match console.session(peer, req.headers(), &jar).await {
        Ok(s) => s,
        Err(e) => return e.into_response(),
    };
    let Some(session) = session else {
        return if req.method() == Method::GET {
            Redirect::to("/login").into_response()
        } else {
            ConsoleError::Unauthenticated.into_response()
        };
    };
    let (mut parts, body) = req.into_parts();
    let body = if parts.method == Method::POST {
        match check_csrf(body, &session.csrf).await {
            Ok(bytes) => Body::from(bytes),
            Err(e) => {
                tracing::warn!(user = %session.user.username, path = %parts.uri.path(), "form refused: CSRF token missing or wrong");
                return e.into_response();
            }
        }
    } else {
        body
    };
    parts.extensions.insert(session);
    let response = next.run(Request::from_parts(parts, body)).await;
    match set {
        Some(cookie) => (jar.add(cookie), response).into_response(),
        None => response,
    }
}

/// `GET /login`: the sign-in form, with the browser's double-submit token (made on its
/// first visit and kept until it signs in, so two open sign-in pages both work).
pub async fn login_page(
    State(console): State<Arc<Console>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    jar: CookieJar,
) -> Response {
    login_form(&console, peer, &headers, jar, None)
}

fn login_form(
    console: &Console,
    peer: SocketAddr,
    headers: &HeaderMap,
    jar: CookieJar,
    error: Option<String>,
) -> Response {
    let token = jar
        .get(LOGIN_COOKIE)
        .map(|c| c.value().to_owned())
        .filter(|t| t.len() >= 32)
        .unwrap_or_else(random_token);
    let cookie = console.cookie(LOGIN_COOKIE, token.clone(), console.secure(peer, headers));
    let page = LoginPage {
        user: String::new(),
        csrf: token,
        error,
    };
    (jar.add(cookie), html(&page)).into_response()
}

/// The sign-in form's fields.
#[derive(serde::Deserialize)]
pub struct LoginForm {
    username: String,
    password: String,
    #[serde(default)]
    csrf: String,
}

/// `POST /login`: checks the password, starts a session, goes to the queue.
pub async fn login(
    State(console): State<Arc<Console>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    jar: CookieJar,
    Form(form): Form<LoginForm>,
) -> Response {
    let expected = jar.get(LOGIN_COOKIE).map(|c| c.value().to_owned());
    if form.csrf.is_empty() || !expected.is_some_and(|e| same_secret(&e, &form.csrf)) {
        return ConsoleError::Csrf.into_response();
    }
    let user = match console
        .users
        .verify(form.username.trim(), &form.password)
        .await
    {
        Ok(Some(user)) => user,
        Ok(None) => {
            tracing::info!(user = %form.username.trim(), "sign-in refused");
            let error = Some("Wrong user or password.".to_owned());
            return login_form(&console, peer, &headers, jar, error);
        }
        Err(e) => return e.into_response(),
    };
    match console.sessions.create(user).await {
        Ok((token, session)) => {
            tracing::info!(user = %session.user.username, "signed in");
            let secure = console.secure(peer, &headers);
            let jar = jar
                .remove(Cookie::build(LOGIN_COOKIE).path("/"))
                .add(console.cookie(SESSION_COOKIE, token, secure));
            (jar, Redirect::to("/")).into_response()
        }
        Err(e) => e.into_response(),
    }
}

/// `POST /logout` (behind the session layer, so CSRF-checked): ends the session.
pub async fn logout(State(console): State<Arc<Console>>, jar: CookieJar) -> Response {
    if let Some(c) = jar.get(SESSION_COOKIE) {
        if let Err(e) = console.sessions.delete(c.value()).await {
            return e.into_response();
        }
    }
    let jar = jar.remove(Cookie::build(SESSION_COOKIE).path("/"));
    (jar, Redirect::to("/login")).into_response()
}
