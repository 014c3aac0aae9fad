//! The gate: ceilings, then an earlier reservation of the same idempotency key, then the
//! in-memory rate limits, then the persisted daily cap.

use std::sync::Arc;

use crate::ceilings::check_ceilings;
use crate::clock::{Clock, SystemClock};
use crate::config::LimitsConfig;
use crate::error::LimitsError;
use crate::ledger::{Ledger, ReserveOutcome};
use crate::rate::{daily_cap_denial, LimiterSizes, RateLimits};
use crate::request::{Decision, Reservation, WriteRequest};

/// The write-action gate of one instance. Share it (`Arc`) across tasks; several instances
/// (processes) share the daily cap through the ledger's database.
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
        let rates = RateLimits::new(cfg.clone(), clock.clone())?;
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
    /// as is (a redelivery consumes nothing); the rate limiters conversation, action and
    /// customer (in memory); the ledger's atomic daily-cap reservation.
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
            return Ok(self.log(req, daily_cap_denial(&self.cfg, req, &day, "config")));
        }
        if let Some(denied) = self.rates.check(req, &day)? {
            return Ok(self.log(req, denied));
        }
        let decision = match self
            .ledger
            .reserve(req, &day, cap, self.clock.unix_ms())
            .await?
        {
            ReserveOutcome::Reserved(reservation) | ReserveOutcome::Reused(reservation) => {
                Decision::Allow { reservation }
            }
            ReserveOutcome::CapReached => daily_cap_denial(&self.cfg, req, &day, "ledger"),
        };
        Ok(self.log(req, decision))
    }

    /// Gives back the daily-cap slot of a write that failed and will not be retried. Returns
    /// whether a slot was released (false if already released). The in-memory rate limiters'
    /// cells are not given back (governor cannot); they replenish with time.
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

    /// Drops the keyed limiters' keys that are back at their fresh state (also done every
    /// `rates.sweep_every_checks` checks).
    pub fn retain_recent(&self) {
        self.rates.retain_recent();
    }

    /// How many keys the keyed limiters hold.
    pub fn limiter_len(&self) -> LimiterSizes {
        self.rates.sizes()
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
