//! The gate: ceilings, then an earlier reservation of the same idempotency key, then the
//! per-instance action rate, then the persisted conversation window and daily cap.

use std::sync::Arc;

use crate::ceilings::check_ceilings;
use crate::clock::{Clock, SystemClock};
use crate::config::LimitsConfig;
use crate::error::LimitsError;
use crate::ledger::{Ledger, ReserveLimits, ReserveOutcome};
use crate::rate::{conversation_denial, daily_cap_denial, RateLimits};
use crate::request::{Decision, Reservation, WriteRequest};

/// The write-action gate of one instance. Share it (`Arc`) across tasks; several instances
/// (processes) share the conversation and customer limits through the ledger's database.
#[derive(Debug)]
pub struct Gate {
    cfg: Arc<LimitsConfig>,
    clock: Arc<dyn Clock>,
    rates: RateLimits,
    ledger: Ledger,
}

impl Gate {
    /// A gate on the real clock. Validates the config.
    pub fn new(cfg: LimitsConfig, ledger: Ledger) -> Result<Gate, LimitsError> {
        Gate::with_clock(cfg, ledger, Arc::new(SystemClock::default()))
    }

    /// A gate on the given clock (tests use [`crate::ManualClock`]).
    pub fn with_clock(
        cfg: LimitsConfig,
        ledger: Ledger,
        clock: Arc<dyn Clock>,
    ) -> Result<Gate, LimitsError> {
        cfg.validate()?;
        let cfg = Arc::new(cfg);
        let rates = RateLimits::new(cfg.clone(), clock.clone());
        Ok(Gate {
            cfg,
            clock,
            rates,
            ledger,
        })
    }

    /// The config in force.
    pub fn config(&self) -> &LimitsConfig {
        &self.cfg
    }

    /// The policy version (for decision records).
    pub fn policy_version(&self) -> &str {
        &self.cfg.policy_version
    }

    /// The ledger.
    pub fn ledger(&self) -> &Ledger {
        &self.ledger
    }

    /// Decides a write and, if allowed, holds a daily-cap slot for it.
    ///
    /// Order: value ceilings (nothing consumed; a ceiling denial means "hand off with the
    /// action pre-drafted"); an earlier reservation of the same idempotency key is returned
    /// as is (a redelivery consumes nothing); the action's rate (in memory, per instance);
    /// the ledger's atomic reservation within the conversation's window and the customer's
    /// daily cap (in the database, across instances and restarts).
    ///
    /// On a transient failure of the write, retry it with the same idempotency key (the
    /// reservation is re-used); release only when the write will not be retried.
    pub async fn check_and_reserve(&self, req: &WriteRequest) -> Result<Decision, LimitsError> {
        req.validate()?;
        if let Some(denied) = check_ceilings(&self.cfg, req) {
            return Ok(self.log(req, denied));
        }
        self.reserve(req).await
    }

    /// Decides a write a person approved (the agent-assist console): as
    /// [`Gate::check_and_reserve`], except that a value ceiling does not deny it, because the
    /// approval is what a ceiling asks for. Everything else still applies: an unlisted action
    /// is denied, the rates and the daily cap count it, and an earlier reservation of the same
    /// idempotency key is returned as is (so a second approval of the same write consumes
    /// nothing).
    pub async fn check_and_reserve_approved(
        &self,
        req: &WriteRequest,
    ) -> Result<Decision, LimitsError> {
        req.validate()?;
        if let Some(denied) = check_ceilings(&self.cfg, req) {
            if !denied.needs_approval() {
                return Ok(self.log(req, denied));
            }
        }
        self.reserve(req).await
    }

    /// The part of a decision after the ceilings: an earlier reservation of the key, the
    /// rates, the daily cap.
    async fn reserve(&self, req: &WriteRequest) -> Result<Decision, LimitsError> {
        if let Some(reservation) = self.ledger.find(&req.idempotency_key).await? {
            return Ok(self.log(req, Decision::Allow { reservation }));
        }
        let day = self.clock.today();
        let cap = self.cfg.rates.customer_daily_cap;
        if cap == 0 {
            return Ok(self.log(req, daily_cap_denial(&self.cfg, req, &day)));
        }
        if let Some(denied) = self.rates.check(req)? {
            return Ok(self.log(req, denied));
        }
        let limits = ReserveLimits {
            daily_cap: cap,
            conversation_max_writes: self.cfg.rates.conversation_max_writes,
            conversation_window_ms: i64::try_from(self.cfg.rates.conversation_window.as_millis())
                .unwrap_or(i64::MAX),
        };
        let decision = match self
            .ledger
            .reserve(req, &day, limits, self.clock.unix_ms())
            .await?
        {
            ReserveOutcome::Reserved(reservation) | ReserveOutcome::Reused(reservation) => {
                Decision::Allow { reservation }
            }
            ReserveOutcome::CapReached => daily_cap_denial(&self.cfg, req, &day),
            ReserveOutcome::ConversationLimit(count) => conversation_denial(&self.cfg, req, count),
        };
        Ok(self.log(req, decision))
    }

    /// Gives back the reservation of a write that failed and will not be retried (its daily-cap
    /// slot and its place in the conversation's window). Returns whether a slot was released
    /// (false if already released). The action's in-memory cell is not given back (governor
    /// cannot); it replenishes with time.
    pub async fn release(&self, reservation: &Reservation) -> Result<bool, LimitsError> {
        let released = self
            .ledger
            .release(&reservation.idempotency_key, self.clock.unix_ms())
            .await?;
        tracing::debug!(
            idempotency_key = %reservation.idempotency_key,
            released,
            "Released a write reservation."
        );
        Ok(released)
    }

    fn log(&self, req: &WriteRequest, decision: Decision) -> Decision {
        match &decision {
            Decision::Allow { reservation } => tracing::debug!(
                action = %req.action,
                ticket_id = %req.ticket_id,
                reused = reservation.reused,
                count = reservation.count,
                "Write allowed."
            ),
            Decision::Deny { rule, .. } => tracing::info!(
                action = %req.action,
                ticket_id = %req.ticket_id,
                rule = rule.as_str(),
                "Write denied."
            ),
        }
        decision
    }
}
