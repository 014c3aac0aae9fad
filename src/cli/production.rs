//! What `frontdesk run` will not start on unless told it is a demo (`--demo`): the embedded
//! broker (an in-process mock that nothing else reaches and that keeps nothing), and
//! declared topics with a single replica (one broker lost, their records lost).

use crate::config::Config;

/// The flag, and its environment variable, that allow both.
pub const DEMO_FLAG: &str = "--demo (or FRONTDESK_DEMO=true)";

/// Fails with the reason and the flag to pass when `cfg` points `frontdesk run` at the
/// embedded broker or at declared topics with one replica.
pub async fn refuse_unsafe(cfg: &Config) -> anyhow::Result<()> {
    anyhow::ensure!(
        !cfg.kafka.is_embedded(),
        "frontdesk run refuses the embedded broker: it lives in this process, nothing else \
         can reach it and it keeps nothing across a restart. Set kafka.brokers \
         (FRONTDESK__KAFKA__BROKERS) to your cluster, or pass {DEMO_FLAG} to run a demo"
    );
    let topics = crate::pipeline::topics(cfg)?;
    let existing = crate::topics::existing(&cfg.kafka.brokers, &cfg.kafka, &topics).await?;
    let mut single: Vec<&str> = existing
        .iter()
        .filter(|(_, e)| e.min_replicas < 2)
        .map(|(name, _)| name.as_str())
        .collect();
    single.sort_unstable();
    anyhow::ensure!(
        single.is_empty(),
        "frontdesk run refuses topics with a single replica (a broker lost is their records \
         lost): {}. Create them with topics.replication_factor of 2 or more \
         (FRONTDESK__TOPICS__REPLICATION_FACTOR=3 frontdesk topics apply reports the drift), \
         or pass {DEMO_FLAG} to run a demo or test on them",
        single.join(", ")
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_embedded_broker_is_refused_with_the_flag_named() {
        let cfg = Config::default();
        assert!(cfg.kafka.is_embedded());
        let e = refuse_unsafe(&cfg).await.unwrap_err().to_string();
        assert!(e.contains("embedded broker") && e.contains("--demo"), "{e}");
    }

    #[tokio::test]
    async fn topics_with_one_replica_are_refused_with_the_flag_named() {
        let broker = crate::kafka::EmbeddedBroker::start(1).unwrap();
        let mut cfg = Config::default();
        cfg.kafka.brokers = broker.bootstrap_servers().to_owned();
        cfg.topics.prefix = "single".to_owned();
        // No topic yet: nothing to refuse.
        refuse_unsafe(&cfg).await.unwrap();
        crate::pipeline::topics(&cfg)
            .unwrap()
            .apply_embedded(&broker)
            .unwrap();
        let e = refuse_unsafe(&cfg).await.unwrap_err().to_string();
        assert!(
            e.contains("single replica") && e.contains("single.routed") && e.contains("--demo"),
            "{e}"
        );
    }
}
