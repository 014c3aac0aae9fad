//! In-memory rate limits (governor, per instance): a keyed limiter per conversation, a keyed
//! limiter per customer and UTC day, and a direct limiter per action. The keyed limiters are
//! swept with `retain_recent` every `sweep_every_checks` checks, so their memory is bounded
//! by the keys active within one replenish period.
//!
//! governor cannot give a cell back, so a [`crate::Gate::release`] returns the persisted
//! daily-cap slot but not these cells; they replenish with time.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use governor::clock::Clock as _;
use governor::middleware::NoOpMiddleware;
use governor::nanos::Nanos;
use governor::state::keyed::DashMapStateStore;
use governor::state::{InMemoryState, NotKeyed};
use governor::{NotUntil, Quota, RateLimiter};
use serde_json::json;

use crate::clock::{Clock, GovernorClock};
use crate::config::LimitsConfig;
use crate::error::LimitsError;
use crate::request::{Decision, DenyRule, WriteRequest};

type Keyed<K> = RateLimiter<K, DashMapStateStore<K>, GovernorClock, NoOpMiddleware<Nanos>>;
type Direct = RateLimiter<NotKeyed, InMemoryState, GovernorClock, NoOpMiddleware<Nanos>>;

const DAY: Duration = Duration::from_secs(24 * 3600);

/// How many keys the keyed limiters hold (for observing that memory stays bounded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LimiterSizes {
    /// Conversations with live state.
    pub conversations: usize,
    /// (customer, day) pairs with live state.
    pub customers: usize,
}

impl LimiterSizes {
    /// Both together.
    pub fn total(&self) -> usize {
        self.conversations + self.customers
    }
}

/// The governor limiters of one gate.
#[derive(Debug)]
pub(crate) struct RateLimits {
    cfg: Arc<LimitsConfig>,
    clock: GovernorClock,
    conversation: Keyed<String>,
    customer: Option<Keyed<(String, String)>>,
    actions: Mutex<HashMap<String, Arc<Direct>>>,
    checks: AtomicU64,
}

fn nonzero(n: u32) -> NonZeroU32 {
    NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN)
}

/// `n` cells per `window`: a burst of `n`, one replenished every `window / n`.
fn quota(n: u32, window: Duration) -> Result<Quota, LimitsError> {
    let n = nonzero(n);
    Quota::with_period(window / n.get())
        .map(|q| q.allow_burst(n))
        .ok_or_else(|| LimitsError::Config(format!("{n} per {window:?} is not a valid rate")))
}

impl RateLimits {
    pub(crate) fn new(
        cfg: Arc<LimitsConfig>,
        clock: Arc<dyn Clock>,
    ) -> Result<RateLimits, LimitsError> {
        let clock = GovernorClock(clock);
        let r = &cfg.rates;
        let conversation = RateLimiter::dashmap_with_clock(
            quota(r.conversation_max_writes, r.conversation_window)?,
            clock.clone(),
        );
        let customer = if r.customer_daily_cap == 0 {
            None
        } else {
            Some(RateLimiter::dashmap_with_clock(
                quota(r.customer_daily_cap, DAY)?,
                clock.clone(),
            ))
        };
        Ok(RateLimits {
            cfg,
            clock,
            conversation,
            customer,
            actions: Mutex::new(HashMap::new()),
            checks: AtomicU64::new(0),
        })
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

    fn retry_after_ms(&self, not_until: &NotUntil<Nanos>) -> u64 {
        let wait = not_until.wait_time_from(self.clock.now());
        u64::try_from(wait.as_millis()).unwrap_or(u64::MAX)
    }

    /// Consumes one cell of each limiter, in order conversation, action, customer; the first
    /// that is exhausted denies (cells taken before it stay taken).
    pub(crate) fn check(
        &self,
        req: &WriteRequest,
        day: &str,
    ) -> Result<Option<Decision>, LimitsError> {
        self.maybe_sweep();
        let r = &self.cfg.rates;
        let version = &self.cfg.policy_version;
        if let Err(nu) = self.conversation.check_key(&req.conversation_id) {
            return Ok(Some(Decision::Deny {
                rule: DenyRule::ConversationRate,
                reason: format!(
                    "This conversation already made {} write(s) within {}.",
                    r.conversation_max_writes,
                    humantime_serde::re::humantime::format_duration(r.conversation_window)
                ),
                inputs: json!({
                    "action": req.action,
                    "conversation_id": req.conversation_id,
                    "max_writes": r.conversation_max_writes,
                    "window_ms": u64::try_from(r.conversation_window.as_millis()).unwrap_or(u64::MAX),
                    "retry_after_ms": self.retry_after_ms(&nu),
                    "policy_version": version,
                }),
            }));
        }
        let per_minute = self.cfg.global_per_minute(&req.action);
        if let Err(nu) = self.action_limiter(&req.action)?.check() {
            return Ok(Some(Decision::Deny {
                rule: DenyRule::GlobalActionRate,
                reason: format!(
                    "The action {} is over its rate of {per_minute} per minute.",
                    req.action
                ),
                inputs: json!({
                    "action": req.action,
                    "per_minute": per_minute,
                    "retry_after_ms": self.retry_after_ms(&nu),
                    "policy_version": version,
                }),
            }));
        }
        if let Some(customer) = &self.customer {
            if customer
                .check_key(&(req.customer_id.clone(), day.to_owned()))
                .is_err()
            {
                return Ok(Some(daily_cap_denial(&self.cfg, req, day, "in_memory")));
            }
        }
        Ok(None)
    }

    fn maybe_sweep(&self) {
        let n = self.checks.fetch_add(1, Ordering::Relaxed) + 1;
        // (not `is_multiple_of`: the workspace declares rust-version 1.85)
        if n.checked_rem(self.cfg.rates.sweep_every_checks) == Some(0) {
            self.retain_recent();
        }
    }

    /// Drops keys whose state is back to fresh and shrinks the maps.
    pub(crate) fn retain_recent(&self) {
        self.conversation.retain_recent();
        self.conversation.shrink_to_fit();
        if let Some(c) = &self.customer {
            c.retain_recent();
            c.shrink_to_fit();
        }
    }

    pub(crate) fn sizes(&self) -> LimiterSizes {
        LimiterSizes {
            conversations: self.conversation.len(),
            customers: self.customer.as_ref().map_or(0, |c| c.len()),
        }
    }
}

/// The denial of the daily cap; `source` says whether the in-memory limiter or the
/// persisted ledger said no.
pub(crate) fn daily_cap_denial(
    cfg: &LimitsConfig,
    req: &WriteRequest,
    day: &str,
    source: &str,
) -> Decision {
    let cap = cfg.rates.customer_daily_cap;
    Decision::Deny {
        rule: DenyRule::CustomerDailyCap,
        reason: format!("This customer reached the cap of {cap} write(s) for {day} (UTC)."),
        inputs: json!({
            "action": req.action,
            "customer_id": req.customer_id,
            "day": day,
            "cap": cap,
            "source": source,
            "policy_version": cfg.policy_version,
        }),
    }
}
