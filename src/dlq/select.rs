//! Which dead letters a command acts on.

use super::Letter;

/// A selection of dead letters; an empty selection takes them all.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Error kinds (`DeadLetter::error_kind`: `invalid_avro`, `panic`, ...); any if empty.
    pub reasons: Vec<String>,
    /// Stages that dead-lettered; any if empty.
    pub stages: Vec<String>,
    /// Failed at or after (ms since the epoch).
    pub since_ms: Option<i64>,
    /// Failed before (ms since the epoch).
    pub until_ms: Option<i64>,
    /// Only this partition of the dead-letter topic.
    pub partition: Option<i32>,
    /// Only offsets in this inclusive range of the dead-letter topic.
    pub offsets: Option<(i64, i64)>,
}

impl Selection {
    /// Whether `l` is selected.
    pub fn matches(&self, l: &Letter) -> bool {
        let d = &l.letter;
        (self.reasons.is_empty() || self.reasons.contains(&d.error_kind))
            && (self.stages.is_empty() || self.stages.contains(&d.stage))
            && self.since_ms.is_none_or(|t| d.failed_at >= t)
            && self.until_ms.is_none_or(|t| d.failed_at < t)
            && self.partition.is_none_or(|p| l.partition == p)
            && self
                .offsets
                .is_none_or(|(a, b)| (a..=b).contains(&l.offset))
    }
}

/// A point in time: RFC 3339 (`2026-12-04T10:00:00Z`), or a duration before `now_ms`
/// (`90m`, `2h`, `3days`).
pub fn parse_time(s: &str, now_ms: i64) -> Result<i64, String> {
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s) {
        return Ok(t.timestamp_millis());
    }
    humantime_serde::re::humantime::parse_duration(s)
        .map(|d| now_ms - i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .map_err(|_| format!("`{s}` is neither an RFC 3339 time nor a duration like 2h"))
}

/// An offset range: `A..B` (inclusive) or one offset `A`.
pub fn parse_offsets(s: &str) -> Result<(i64, i64), String> {
    let bad = || format!("`{s}` is not an offset or a range A..B");
    match s.split_once("..") {
        Some((a, b)) => {
            let (a, b) = (
                a.trim().parse().map_err(|_| bad())?,
                b.trim().parse().map_err(|_| bad())?,
            );
            if a > b {
                return Err(bad());
            }
            Ok((a, b))
        }
        None => s.trim().parse().map(|a| (a, a)).map_err(|_| bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::DeadLetter;

    fn letter(partition: i32, offset: i64, kind: &str, stage: &str, at: i64) -> Letter {
        Letter {
            partition,
            offset,
            letter: DeadLetter {
                original_value: None,
                original_key: None,
                source_topic: "in".into(),
                source_partition: 0,
                source_offset: 0,
                stage: stage.into(),
                error_kind: kind.into(),
                reason: String::new(),
                headers: Default::default(),
                failed_at: at,
            },
        }
    }

    #[test]
    fn every_filter_narrows_the_selection() {
        let all = [
            letter(0, 1, "panic", "tools", 100),
            letter(0, 2, "invalid_avro", "router", 200),
            letter(1, 3, "panic", "router", 300),
        ];
        let pick = |s: Selection| -> Vec<i64> {
            all.iter()
                .filter(|l| s.matches(l))
                .map(|l| l.offset)
                .collect()
        };
        assert_eq!(pick(Selection::default()), [1, 2, 3]);
        let panics = Selection {
            reasons: vec!["panic".into()],
            ..Default::default()
        };
        assert_eq!(pick(panics), [1, 3]);
        let router_since = Selection {
            stages: vec!["router".into()],
            since_ms: Some(250),
            ..Default::default()
        };
        assert_eq!(pick(router_since), [3]);
        let range = Selection {
            partition: Some(0),
            offsets: Some((2, 9)),
            until_ms: Some(201),
            ..Default::default()
        };
        assert_eq!(pick(range), [2]);
    }

    #[test]
    fn times_and_offsets_parse() {
        assert_eq!(
            parse_time("2h", 10_000_000).unwrap(),
            10_000_000 - 7_200_000
        );
        assert_eq!(parse_time("1970-01-01T00:00:01Z", 0).unwrap(), 1000);
        assert!(parse_time("yesterday-ish", 0).is_err());
        assert_eq!(parse_offsets("3..7").unwrap(), (3, 7));
        assert_eq!(parse_offsets("5").unwrap(), (5, 5));
        assert!(parse_offsets("7..3").is_err());
    }
}
