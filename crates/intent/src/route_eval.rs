//! Scoring routes on labelled e-mails: does each e-mail route to what it
//! asks for, with a band and an allow-list under which the tools stage may
//! act, and does an ordinary e-mail stay away from a person?
//!
//! A case is one JSON object per line: `text` (the body), optional
//! `subject` and `id`, and `intents`, the registry intents the customer
//! asks for (first = the main request). It is routed the way the router
//! stage routes a ticket: subject, a newline, then the body.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::classifier::Classifier;
use crate::registry::{Band, Registry, Route};

/// One labelled e-mail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RouteCase {
    /// A name for reports.
    #[serde(default)]
    pub id: String,
    /// The subject line, when the e-mail has one.
    #[serde(default)]
    pub subject: Option<String>,
    /// The body.
    pub text: String,
    /// The registry intents asked for, the main request first.
    pub intents: Vec<String>,
}

impl RouteCase {
    /// The text the router stage classifies ([`crate::letter::routed_text`]).
    pub fn routed_text(&self) -> String {
        crate::letter::routed_text(self.subject.as_deref(), &self.text)
    }
}

/// Errors reading route cases.
#[derive(Debug, thiserror::Error)]
pub enum RouteCaseError {
    /// The file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A line is not a case.
    #[error("{path}:{line}: {source}")]
    Json {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// The underlying error.
        #[source]
        source: serde_json::Error,
    },
    /// A case names an intent the registry does not have.
    #[error("{path}:{line}: intent `{intent}` is not in the registry")]
    UnknownIntent {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// The intent.
        intent: String,
    },
}

/// Reads route cases (JSON lines; blank lines skipped), checking each
/// intent against `registry`.
pub fn load_route_cases(
    path: impl AsRef<Path>,
    registry: &Registry,
) -> Result<Vec<RouteCase>, RouteCaseError> {
    let path = path.as_ref();
    let text = std::fs::read_to_string(path).map_err(|source| RouteCaseError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut cases = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let case: RouteCase =
            serde_json::from_str(line).map_err(|source| RouteCaseError::Json {
                path: path.to_path_buf(),
                line: i + 1,
                source,
            })?;
        if let Some(intent) = case
            .intents
            .iter()
            .find(|i| !registry.intents.contains_key(*i))
        {
            return Err(RouteCaseError::UnknownIntent {
                path: path.to_path_buf(),
                line: i + 1,
                intent: intent.clone(),
            });
        }
        cases.push(case);
    }
    Ok(cases)
}

/// How one case routed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RouteOutcome {
    /// The case's id.
    pub id: String,
    /// The intents asked for.
    pub expected: Vec<String>,
    /// The route's intents with their confidence.
    pub routed: Vec<(String, f64)>,
    /// The route's band.
    pub band: Band,
    /// The main request is among the routed intents.
    pub main_routed: bool,
    /// Every request is among the routed intents.
    pub all_routed: bool,
    /// The route lets the pipeline do what was asked: for a case that asks
    /// for a person (an always-escalate intent), the route escalates; for any
    /// other, it does not, every routed intent clears the confidence gate,
    /// and the allow-list holds the tools of every intent asked for.
    pub actionable: bool,
}

/// What `frontdesk router eval --routes` prints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RouteReport {
    /// Number of cases.
    pub cases: usize,
    /// Share of cases whose main request was routed.
    pub main_routed: f64,
    /// Share of cases whose every request was routed.
    pub all_routed: f64,
    /// Share of cases whose route lets the pipeline do what was asked.
    pub actionable: f64,
    /// Cases that ask for a person (an always-escalate intent).
    pub escalate_cases: usize,
    /// Share of those routed to a person.
    pub escalate_recall: f64,
    /// Share of the other cases routed to a person anyway through an
    /// always-escalate intent (out-of-scope routes are counted apart).
    pub false_escalation: f64,
    /// Share of cases routed out of scope.
    pub out_of_scope: f64,
    /// Per case, in file order (left out when empty).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub outcomes: Vec<RouteOutcome>,
}

/// Routes every case and scores the routes; `min_route_confidence` is the
/// pipeline's gate below which a routed intent hands the ticket off
/// (`agent.min_route_confidence`, 0.5 by default).
pub fn evaluate_routes<C: Classifier + ?Sized>(
    registry: &Registry,
    classifier: &C,
    cases: &[RouteCase],
    min_route_confidence: f64,
) -> RouteReport {
    let outcomes: Vec<RouteOutcome> = cases
        .iter()
        .map(|case| {
            let route = registry.route(classifier, &case.routed_text());
            outcome(registry, case, &route, min_route_confidence)
        })
        .collect();
    let escalates = |o: &RouteOutcome| {
        o.expected
            .iter()
            .any(|i| registry.intents.get(i).map(|s| s.band) == Some(Band::AlwaysEscalate))
    };
    let share = |n: usize, d: usize| if d == 0 { 0.0 } else { n as f64 / d as f64 };
    let count = |f: &dyn Fn(&RouteOutcome) -> bool| outcomes.iter().filter(|o| f(o)).count();
    let n = outcomes.len();
    let escalate_cases = count(&|o| escalates(o));
    RouteReport {
        cases: n,
        main_routed: share(count(&|o| o.main_routed), n),
        all_routed: share(count(&|o| o.all_routed), n),
        actionable: share(count(&|o| o.actionable), n),
        escalate_cases,
        escalate_recall: share(
            count(&|o| escalates(o) && o.band == Band::AlwaysEscalate),
            escalate_cases,
        ),
        false_escalation: share(
            count(&|o| !escalates(o) && !o.routed.is_empty() && o.band == Band::AlwaysEscalate),
            n - escalate_cases,
        ),
        out_of_scope: share(count(&|o| o.routed.is_empty()), n),
        outcomes,
    }
}

fn outcome(
    registry: &Registry,
    case: &RouteCase,
    route: &Route,
    min_route_confidence: f64,
) -> RouteOutcome {
    let routed = |i: &String| route.intents.iter().any(|r| &r.intent == i);
    let wants_person = case
        .intents
        .iter()
        .any(|i| registry.intents.get(i).map(|s| s.band) == Some(Band::AlwaysEscalate));
    let actionable = if wants_person {
        route.band == Band::AlwaysEscalate
    } else {
        route.band != Band::AlwaysEscalate
            && !route.out_of_scope
            && route
                .intents
                .iter()
                .all(|r| r.confidence >= min_route_confidence)
            && case.intents.iter().all(|i| {
                registry.intents.get(i).is_some_and(|spec| {
                    spec.tools
                        .iter()
                        .all(|t| route.allow_list.iter().any(|a| a == t))
                })
            })
    };
    RouteOutcome {
        id: case.id.clone(),
        expected: case.intents.clone(),
        routed: route
            .intents
            .iter()
            .map(|r| (r.intent.clone(), r.confidence))
            .collect(),
        band: route.band,
        main_routed: case.intents.first().is_some_and(routed),
        all_routed: case.intents.iter().all(routed),
        actionable,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classifier::Classification;

    const REGISTRY: &str = r#"
[intents.order_status]
description = "where is my order"
band = "autonomous"
tools = ["get_order_details"]
threshold = 0.3

[intents.cancel_order]
description = "cancel"
band = "conditional"
tools = ["cancel_pending_order", "get_order_details"]
threshold = 0.3

[intents.human_agent]
description = "a person"
band = "always_escalate"
threshold = 0.3
"#;

    /// Reads the intent off the text's first word, at a confidence set by
    /// its second ("sure" 0.9, else 0.4).
    struct FirstWord;
    impl Classifier for FirstWord {
        fn classify(&self, text: &str) -> Classification {
            let mut words = text.split_whitespace();
            let label = words.next().unwrap_or("oos").to_string();
            let conf = if words.next() == Some("sure") {
                0.9
            } else {
                0.4
            };
            Classification {
                out_of_scope: label == "oos",
                top: vec![(label, conf)],
            }
        }
    }

    fn case(text: &str, intents: &[&str]) -> RouteCase {
        RouteCase {
            id: text.to_string(),
            subject: None,
            text: text.to_string(),
            intents: intents.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn scores_requests_actions_and_escalations() {
        let registry = Registry::from_toml_str(REGISTRY).unwrap();
        let cases = [
            case("cancel_order sure", &["cancel_order"]),
            // routed, but below the pipeline's gate: not actionable
            case("cancel_order maybe", &["cancel_order"]),
            // the wrong intent: its allow-list lacks the cancel tool
            case("order_status sure", &["cancel_order"]),
            case("human_agent sure", &["human_agent"]),
            // an ordinary e-mail sent to a person
            case("human_agent sure", &["order_status"]),
            case("oos sure", &["order_status"]),
        ];
        let r = evaluate_routes(&registry, &FirstWord, &cases, 0.5);
        assert_eq!(r.cases, 6);
        let actionable: Vec<bool> = r.outcomes.iter().map(|o| o.actionable).collect();
        assert_eq!(actionable, [true, false, false, true, false, false]);
        assert!((r.main_routed - 3.0 / 6.0).abs() < 1e-9, "{r:?}");
        assert_eq!(r.escalate_cases, 1);
        assert_eq!(r.escalate_recall, 1.0);
        assert!((r.false_escalation - 1.0 / 5.0).abs() < 1e-9, "{r:?}");
        assert!((r.out_of_scope - 1.0 / 6.0).abs() < 1e-9, "{r:?}");
    }

    #[test]
    fn rejects_intents_the_registry_lacks() {
        let registry = Registry::from_toml_str(REGISTRY).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cases.jsonl");
        std::fs::write(
            &path,
            "{\"text\": \"cancel it\", \"intents\": [\"cancel_order\"]}\n\n\
             {\"text\": \"x\", \"intents\": [\"launch_rockets\"]}\n",
        )
        .unwrap();
        assert!(matches!(
            load_route_cases(&path, &registry),
            Err(RouteCaseError::UnknownIntent { line: 3, .. })
        ));
        std::fs::write(
            &path,
            "{\"text\": \"cancel it\", \"intents\": [\"cancel_order\"]}\n",
        )
        .unwrap();
        let cases = load_route_cases(&path, &registry).unwrap();
        assert_eq!(cases[0].routed_text(), "cancel it");
    }
}
