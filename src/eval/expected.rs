//! The labelled end state of a case: its labelled actions applied to a fresh store.

use std::collections::HashMap;

use frontdesk_sandbox::{Seed, Store};
use tokio::sync::Mutex;

use super::case::LabelledAction;

/// Digests of labelled end states, cached by action list (many cases share one: e.g. every
/// case that must write nothing has the seed's digest).
pub struct Expected {
    seed: Seed,
    cache: Mutex<HashMap<String, String>>,
}

impl Expected {
    /// Over `seed`.
    pub fn new(seed: Seed) -> Expected {
        Expected {
            seed,
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// The digest of a fresh store after `actions`, applied in order. A labelled action
    /// the store refuses (tau-bench labels a few that fail, e.g. a gift card without the
    /// balance) changes nothing, exactly as it did when the label was recorded.
    pub async fn digest(
        &self,
        actions: &[LabelledAction],
    ) -> Result<String, frontdesk_sandbox::StoreError> {
        let key = serde_json::to_string(actions).unwrap_or_default();
        if let Some(d) = self.cache.lock().await.get(&key) {
            return Ok(d.clone());
        }
        let store = Store::open_seeded("sqlite::memory:", &self.seed).await?;
        for (i, a) in actions.iter().enumerate() {
            // Refused labelled writes are part of the label: see above.
            let _ = store
                .apply(&a.name, &a.arguments, Some(&format!("label-{i}")))
                .await;
        }
        let d = store.digest().await?;
        store.close().await;
        self.cache.lock().await.insert(key, d.clone());
        Ok(d)
    }
}
