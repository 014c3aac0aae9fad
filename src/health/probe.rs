//! Readiness checks: each [`Probe`] answers whether one dependency can be reached now,
//! within its own short timeout, so a slow dependency makes `/readyz` fail rather than hang.

use std::sync::Arc;
use std::time::Duration;

use rdkafka::admin::AdminClient;
use rdkafka::client::DefaultClientContext;

use crate::config::KafkaConfig;
use crate::state::StateDb;

/// How long one probe may take.
pub const PROBE_TIMEOUT: Duration = Duration::from_secs(2);

/// One readiness check.
#[async_trait::async_trait]
pub trait Probe: Send + Sync {
    /// Short, stable name (`broker`, `database`, `store`), shown in `/readyz`.
    fn name(&self) -> &'static str;
    /// `Ok` when the dependency answered; the error says what failed.
    async fn check(&self) -> Result<(), String>;
}

/// The Kafka cluster answers a metadata request.
pub struct BrokerProbe {
    admin: Arc<AdminClient<DefaultClientContext>>,
}

impl BrokerProbe {
    /// A probe with its own client (created once, reused by every check).
    pub fn new(
        brokers: &str,
        cfg: &KafkaConfig,
    ) -> Result<BrokerProbe, crate::kafka::KafkaSetupError> {
        Ok(BrokerProbe {
            admin: Arc::new(crate::kafka::admin(brokers, cfg)?),
        })
    }
}

#[async_trait::async_trait]
impl Probe for BrokerProbe {
    fn name(&self) -> &'static str {
        "broker"
    }

    async fn check(&self) -> Result<(), String> {
        let admin = self.admin.clone();
        // librdkafka's metadata call blocks its thread.
        let brokers = tokio::task::spawn_blocking(move || {
            admin
                .inner()
                .fetch_metadata(None, PROBE_TIMEOUT)
                .map(|m| m.brokers().len())
        })
        .await
        .map_err(|e| format!("metadata task failed: {e}"))?
        .map_err(|e| format!("metadata request failed: {e}"))?;
        if brokers == 0 {
            return Err("metadata lists no brokers".to_owned());
        }
        Ok(())
    }
}

/// The state database answers `SELECT 1`.
pub struct DatabaseProbe {
    state: StateDb,
}

impl DatabaseProbe {
    /// A probe on the process's state database.
    pub fn new(state: StateDb) -> DatabaseProbe {
        DatabaseProbe { state }
    }
}

#[async_trait::async_trait]
impl Probe for DatabaseProbe {
    fn name(&self) -> &'static str {
        "database"
    }

    async fn check(&self) -> Result<(), String> {
        let query = sqlx::query("SELECT 1").execute(self.state.pool());
        match tokio::time::timeout(PROBE_TIMEOUT, query).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) => Err(format!("query failed: {e}")),
            Err(_) => Err(format!("no answer within {PROBE_TIMEOUT:?}")),
        }
    }
}

/// The store's API answers HTTP at its base URL (any status below 500: a store need not
/// serve its root, but a server error or no answer means tool calls would fail).
pub struct StoreProbe {
    url: String,
    client: reqwest::Client,
}

impl StoreProbe {
    /// A probe of `base_url`.
    pub fn new(base_url: &str) -> Result<StoreProbe, reqwest::Error> {
        Ok(StoreProbe {
            url: base_url.to_owned(),
            client: reqwest::Client::builder().timeout(PROBE_TIMEOUT).build()?,
        })
    }
}

#[async_trait::async_trait]
impl Probe for StoreProbe {
    fn name(&self) -> &'static str {
        "store"
    }

    async fn check(&self) -> Result<(), String> {
        let response = self
            .client
            .get(&self.url)
            .send()
            .await
            .map_err(|e| format!("{}: {e}", self.url))?;
        if response.status().is_server_error() {
            return Err(format!("{}: {}", self.url, response.status()));
        }
        Ok(())
    }
}
