//! The tools stage's bound on tickets planned at once (`agent.max_concurrent_plans`): a
//! backlog of large customers holds at most that many customers' store reads.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use frontdesk::config::Config;
use frontdesk::messages::{Band, Channel, Envelope, Route, RoutedIntent, Ticket};
use frontdesk::runtime::{Outcome, Stage, StageContext};
use frontdesk::stages::tools::ToolsStage;
use frontdesk_planner::{ConversationState, Plan, PlanError, PlanRequest, Planner, ToolRunner};

/// A planner that counts how many plans run at once.
#[derive(Default)]
struct Counting {
    now: AtomicUsize,
    peak: AtomicUsize,
}

#[async_trait]
impl Planner for Counting {
    async fn plan(&self, req: &PlanRequest, _: &dyn ToolRunner) -> Result<Plan, PlanError> {
        let now = self.now.fetch_add(1, Ordering::SeqCst) + 1;
        self.peak.fetch_max(now, Ordering::SeqCst);
        tokio::time::sleep(Duration::from_millis(50)).await;
        self.now.fetch_sub(1, Ordering::SeqCst);
        let mut p = Plan::ask(
            Vec::new(),
            ConversationState::default(),
            "Which one?".into(),
        );
        p.state = req.state.clone();
        Ok(p)
    }
}

fn stage(planner: Arc<Counting>) -> ToolsStage {
    let cfg = Config::load(None).unwrap();
    let mut tc = frontdesk_tools::ToolsConfig::from_path(
        frontdesk::config::resolve_path(&cfg.agent.tools).unwrap(),
    )
    .unwrap();
    // never called: the planner reads nothing
    tc.executor.base_url = "http://127.0.0.1:9".into();
    let executor = frontdesk_tools::Executor::from_config(&tc).unwrap();
    ToolsStage::new(Some(Arc::new(executor)), planner, None, None, 0.5)
}

fn ticket(n: usize) -> Envelope {
    let mut t = Ticket::new(
        format!("t{n}"),
        format!("c{n}"),
        Channel::Email,
        "where is my order?",
    );
    t.customer.email = Some(format!("someone{n}@example.com"));
    let mut env = Envelope::new(t);
    env.route = Some(Route {
        intents: vec![RoutedIntent {
            intent: "order_status".into(),
            confidence: 0.9,
            band: Band::Conditional,
        }],
        band: Band::Conditional,
        allow_list: vec!["get_order_details".into()],
        out_of_scope: false,
        model: "test".into(),
    });
    env
}

/// Runs `n` tickets through `stage` at once; every one is forwarded with a plan verdict.
async fn run_all(stage: &ToolsStage, n: usize) {
    let ctx = StageContext::new("t", 0, 0, 1);
    let outs = futures::future::join_all((0..n).map(|i| stage.process(ticket(i), &ctx))).await;
    for out in outs {
        match out.unwrap() {
            Outcome::Forward(env) => assert!(env.plan.is_some(), "planned: {:?}", env.decisions),
            other => panic!("the tools stage forwards: {other:?}"),
        }
    }
}

#[tokio::test]
async fn at_most_max_concurrent_plans_tickets_are_planned_at_once() {
    let planner = Arc::new(Counting::default());
    let bounded = stage(planner.clone()).with_max_concurrent_plans(2);
    run_all(&bounded, 8).await;
    assert_eq!(planner.peak.load(Ordering::SeqCst), 2);

    // without the bound the same eight tickets are all planned together
    let planner = Arc::new(Counting::default());
    run_all(&stage(planner.clone()), 8).await;
    assert_eq!(planner.peak.load(Ordering::SeqCst), 8);
}

#[test]
fn the_shipped_bound_is_set_and_zero_is_refused() {
    let cfg = Config::load(None).unwrap();
    assert!(cfg.agent.max_concurrent_plans >= 1);
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("f.toml");
    std::fs::write(&f, "[agent]\nmax_concurrent_plans = 0\n").unwrap();
    let err = Config::load(Some(&f)).unwrap_err().to_string();
    assert!(err.contains("max_concurrent_plans"), "{err}");
}
