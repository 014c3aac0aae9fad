//! Broker faults on the embedded mock cluster: request errors on the APIs the stages use,
//! a broker down and back up, and partition leaders moved between brokers. A broker brought
//! back up is checked to accept connections again (its port is probed), so a run that stalls
//! says whether a broker stayed away.

use std::collections::BTreeMap;
use std::time::Duration;

use rand::seq::SliceRandom;
use rand::Rng;
use rdkafka::types::{RDKafkaApiKey, RDKafkaRespErr};

use crate::kafka::{BrokerFault, EmbeddedBroker};

/// Brokers of the chaos cluster (leaders move between them; one at a time goes down).
pub const BROKERS: i32 = 3;

/// Injects one random fault on `broker`, whose topics are `topics` (name, partitions);
/// returns its kind (for the report). A broker taken down is brought back up after a
/// short outage before this returns.
pub async fn inject_one(
    broker: &EmbeddedBroker,
    topics: &[(String, i32)],
) -> anyhow::Result<&'static str> {
    let (kind, fault, after) = {
        let mut rng = rand::thread_rng();
        match rng.gen_range(0..3) {
            0 => {
                let (api, errors): (RDKafkaApiKey, &[RDKafkaRespErr]) = *[
                    (
                        RDKafkaApiKey::Produce,
                        &[
                            RDKafkaRespErr::RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION,
                            RDKafkaRespErr::RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT,
                        ][..],
                    ),
                    (
                        RDKafkaApiKey::Fetch,
                        &[
                            RDKafkaRespErr::RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION,
                            RDKafkaRespErr::RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE,
                        ][..],
                    ),
                    (
                        RDKafkaApiKey::OffsetCommit,
                        &[RDKafkaRespErr::RD_KAFKA_RESP_ERR_NOT_COORDINATOR][..],
                    ),
                    (
                        RDKafkaApiKey::Heartbeat,
                        &[RDKafkaRespErr::RD_KAFKA_RESP_ERR_NOT_COORDINATOR][..],
                    ),
                ]
                .choose(&mut rng)
                .expect("a non-empty list");
                let n = rng.gen_range(3..12);
                let errors: Vec<RDKafkaRespErr> = (0..n)
                    .map(|_| *errors.choose(&mut rng).expect("errors"))
                    .collect();
                (
                    "request_errors",
                    BrokerFault::RequestErrors { api, errors },
                    None,
                )
            }
            1 => {
                let id = rng.gen_range(1..=BROKERS);
                let outage = Duration::from_millis(rng.gen_range(500..3000));
                (
                    "broker_down",
                    BrokerFault::BrokerDown(id),
                    Some((id, outage)),
                )
            }
            _ => {
                let (topic, partitions) = topics.choose(&mut rng).cloned().unwrap_or_default();
                (
                    "leader_change",
                    BrokerFault::Leader {
                        topic,
                        partition: rng.gen_range(0..partitions.max(1)),
                        broker: rng.gen_range(1..=BROKERS),
                    },
                    None,
                )
            }
        }
    };
    broker.inject(fault)?;
    if let Some((id, outage)) = after {
        tokio::time::sleep(outage).await;
        broker.inject(BrokerFault::BrokerUp(id))?;
        if !accepts(broker, id).await {
            tracing::error!(id, "a mock broker set up again refuses connections");
            return Ok("broker_not_back");
        }
    }
    Ok(kind)
}

/// Whether broker `id` accepts a TCP connection within a few seconds.
pub async fn accepts(broker: &EmbeddedBroker, id: i32) -> bool {
    let Some(addr) = usize::try_from(id - 1)
        .ok()
        .and_then(|i| broker.bootstrap_servers().split(',').nth(i))
    else {
        return false;
    };
    for _ in 0..20 {
        let connect = tokio::net::TcpStream::connect(addr);
        if let Ok(Ok(_)) = tokio::time::timeout(Duration::from_millis(250), connect).await {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    false
}

/// Faults injected, by kind.
pub type FaultCounts = BTreeMap<&'static str, usize>;
