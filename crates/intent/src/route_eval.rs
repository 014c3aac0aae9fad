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
    /// The text the router stage classifies: subject, newline, body.
    pub fn routed_text(&self) -> String {
        match &self.subject {
            Some(s) => format!("{s}\n{}", self.text),
            None => self.text.clone(),
        }
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
