//! The in-memory rate limit: a direct governor limiter per action, **per instance** (N
//! instances of the stage allow N times the rate). The per-conversation and per-customer
//! limits are counted in the database by the [`crate::Ledger`], so they hold across
//! instances and restarts.
//!
//! governor cannot give a cell back, so a [`crate::Gate::release`] returns the persisted
//! reservation but not the action's cell; it replenishes with time.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use governor::clock::Clock as _;
use governor::middleware::NoOpMiddleware;
use governor::nanos::Nanos;
use governor::state::{InMemoryState, NotKeyed};
use governor::{Quota, RateLimiter};
use serde_json::json;

use crate::clock::{Clock, GovernorClock};
use crate::config::LimitsConfig;
use crate::error::LimitsError;
use crate::request::{Decision, DenyRule, WriteRequest};

type Direct = RateLimiter<NotKeyed, InMemoryState, GovernorClock, NoOpMiddleware<Nanos>>;

/// `n` cells per `window`: a burst of `n`, one replenished every `window / n`.
fn quota(n: u32, window: Duration) -> Result<Quota, LimitsError> {
    let n = NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN);
    Quota::with_period(window / n.get())
        .map(|q| q.allow_burst(n))
        .ok_or_else(|| LimitsError::Config(format!("{n} per {window:?} is not a valid rate")))
}

/// The per-action limiters of one gate (one per action name seen: bounded by the tools).
#[derive(Debug)]
pub(crate) struct RateLimits {
    cfg: Arc<LimitsConfig>,
    clock: GovernorClock,
    actions: Mutex<HashMap<String, Arc<Direct>>>,
}

impl RateLimits {
    pub(crate) fn new(cfg: Arc<LimitsConfig>, clock: Arc<dyn Clock>) -> RateLimits {
        RateLimits {
            cfg,
            clock: GovernorClock(clock),
            actions: Mutex::new(HashMap::new()),
        }
    }

    fn action_limiter(&self, action: &str) -> Result<Arc<Direct>, LimitsError> {
        let mut map = self.actions.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(l) = map.get(action) {
            return Ok(l.clone());
        }
        let q = quota(self.cfg.global_per_minute(action), Duration::from_secs(60))?;
        let l = Arc::new(RateLimiter::direct_with_clock(q, self.clock.clone()));
        map.insert(action.to_owned(), l.clone());
        Ok(l)
    }

    /// Consumes one cell of the action's limiter; a denial if there is none.
    pub(crate) fn check(&self, req: &WriteRequest) -> Result<Option<Decision>, LimitsError> {
        let per_minute = self.cfg.global_per_minute(&req.action);
        let Err(not_until) = self.action_limiter(&req.action)?.check() else {
            return Ok(None);
        };
        let wait = not_until.wait_time_from(self.clock.now());
        Ok(Some(Decision::Deny {
            rule: DenyRule::GlobalActionRate,
            reason: format!(
                "The action {} is over its rate of {per_minute} per minute (per instance).",
                req.action
            ),
            inputs: json!({
                "action": req.action,
                "per_minute": per_minute,
                "retry_after_ms": u64::try_from(wait.as_millis()).unwrap_or(u64::MAX),
                "policy_version": self.cfg.policy_version,
            }),
        }))
    }
}

/// The denial of the daily cap.
pub(crate) fn daily_cap_denial(cfg: &LimitsConfig, req: &WriteRequest, day: &str) -> Decision {
    let cap = cfg.rates.customer_daily_cap;
    Decision::Deny {
        rule: DenyRule::CustomerDailyCap,
        reason: format!("This customer reached the cap of {cap} write(s) for {day} (UTC)."),
        inputs: json!({
            "action": req.action,
            "customer_id": req.customer_id,
            "day": day,
            "cap": cap,
            "policy_version": cfg.policy_version,
        }),
    }
}

/// The denial of the conversation's limit: `count` writes already in the window.
pub(crate) fn conversation_denial(cfg: &LimitsConfig, req: &WriteRequest, count: i64) -> Decision {
    let r = &cfg.rates;
    Decision::Deny {
        rule: DenyRule::ConversationRate,
        reason: format!(
            "This conversation already made {count} write(s) within {}.",
            humantime_serde::re::humantime::format_duration(r.conversation_window)
        ),
        inputs: json!({
            "action": req.action,
            "conversation_id": req.conversation_id,
            "max_writes": r.conversation_max_writes,
            "window_ms": u64::try_from(r.conversation_window.as_millis()).unwrap_or(u64::MAX),
            "policy_version": cfg.policy_version,
        }),
    }
}
