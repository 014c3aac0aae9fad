//! The `[llm]` config section and its one build step: providers, budgets and roles.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::anthropic::{AnthropicConfig, AnthropicProvider};
use crate::budget::Budget;
use crate::error::ConfigError;
use crate::fallback::FallbackPolicy;
use crate::openai::{OpenAiCompatConfig, OpenAiCompatProvider};
use crate::pricing::{Ledger, PriceTable};
use crate::provider::Provider;
use crate::role::Role;
use crate::roles::{Llm, RoleClient, RoleConfig};
use crate::secret::read_key;

/// One configured provider account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ProviderConfig {
    /// Anthropic Messages API.
    Anthropic(AnthropicConfig),
    /// OpenAI-compatible Chat Completions.
    OpenaiCompat(OpenAiCompatConfig),
}

/// Which provider and model serves each role. An absent role stays on the offline path.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RolesConfig {
    /// Intent classification when the offline router is unsure (a cheap, fast model).
    #[serde(default)]
    pub router_fallback: Option<RoleConfig>,
    /// Planning and tool-argument extraction.
    #[serde(default)]
    pub planner: Option<RoleConfig>,
    /// Writing the reply to the customer.
    #[serde(default)]
    pub reply: Option<RoleConfig>,
    /// The summary handed to a human with a handoff.
    #[serde(default)]
    pub summary: Option<RoleConfig>,
}

impl RolesConfig {
    /// Whether no role is configured (everything stays on the offline path).
    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }

    fn iter(&self) -> impl Iterator<Item = (Role, &RoleConfig)> {
        [
            (Role::RouterFallback, &self.router_fallback),
            (Role::Planner, &self.planner),
            (Role::Reply, &self.reply),
            (Role::Summary, &self.summary),
        ]
        .into_iter()
        .filter_map(|(r, c)| c.as_ref().map(|c| (r, c)))
    }
}

/// The `[llm]` section. Empty by default: no roles, no network, no keys.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LlmConfig {
    /// Provider accounts by name.
    #[serde(default)]
    pub providers: BTreeMap<String, ProviderConfig>,
    /// Role → provider and model.
    #[serde(default)]
    pub roles: RolesConfig,
    /// Model → price, for cost accounting.
    #[serde(default)]
    pub prices: PriceTable,
    /// When a stage stops pausing for a model and falls back.
    #[serde(default)]
    pub fallback: FallbackPolicy,
}

impl LlmConfig {
    /// Builds the configured roles, reading keys from the process environment.
    pub fn build(&self) -> Result<Llm, ConfigError> {
        self.build_with_env(&|name| std::env::var(name).ok())
    }

    /// Builds the configured roles, reading keys through `env`. Only providers some role uses
    /// are built, so an unused provider needs no key.
    pub fn build_with_env(&self, env: &dyn Fn(&str) -> Option<String>) -> Result<Llm, ConfigError> {
        type Built = (Arc<dyn Provider>, Option<Arc<Budget>>);
        let mut built: HashMap<&str, Built> = HashMap::new();
        let mut roles = HashMap::new();
        for (role, rc) in self.roles.iter() {
            if rc.max_tokens == 0 {
                return Err(ConfigError::ZeroMaxTokens { role });
            }
            let name = rc.provider.as_str();
            if !built.contains_key(name) {
                let pc = self
                    .providers
                    .get(name)
                    .ok_or_else(|| ConfigError::UnknownProvider {
                        role,
                        provider: name.to_owned(),
                    })?;
                let entry: Built = match pc {
                    ProviderConfig::Anthropic(c) => {
                        let key = read_key(&c.api_key_env, env)?;
                        (
                            Arc::new(AnthropicProvider::new(c, key)),
                            c.budget.as_ref().map(|b| Arc::new(Budget::new(b))),
                        )
                    }
                    ProviderConfig::OpenaiCompat(c) => {
                        let key = match &c.api_key_env {
                            Some(var) => Some(read_key(var, env)?),
                            None => None,
                        };
                        (
                            Arc::new(OpenAiCompatProvider::new(c, key)),
                            c.budget.as_ref().map(|b| Arc::new(Budget::new(b))),
                        )
                    }
                };
                built.insert(name, entry);
            }
            let (provider, budget) = built[name].clone();
            roles.insert(role, RoleClient::new(role, rc.clone(), provider, budget));
        }
        Ok(Llm::new(
            roles,
            Arc::new(Ledger::new(self.prices.clone())),
            self.fallback.clone(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = r#"
[providers.claude]
kind = "anthropic"
api_key_env = "FD_TEST_ANTHROPIC_KEY"
timeout = "20s"
retry = { max_retries = 2, base_delay = "250ms", max_delay = "10s", max_retry_after = "30s" }
budget = { requests_per_minute = 50, tokens_per_minute = 40000, max_wait = "1s" }

[providers.local]
kind = "openai_compat"
base_url = "http://127.0.0.1:11434"

[roles.router_fallback]
provider = "claude"
model = "claude-haiku-4-5"
max_tokens = 32
timeout = "5s"
temperature = 0.0

[roles.reply]
provider = "local"
model = "llama3.1:8b"
max_tokens = 400

[prices."claude-haiku-4-5"]
input_usd_per_mtok = 1.0
output_usd_per_mtok = 5.0
"#;

    #[test]
    fn example_config_builds_with_a_key() {
        let cfg: LlmConfig = toml::from_str(EXAMPLE).unwrap();
        let env = |n: &str| (n == "FD_TEST_ANTHROPIC_KEY").then(|| "sk-ant-xyz".to_owned());
        let llm = cfg.build_with_env(&env).unwrap();
        assert!(llm.role(Role::RouterFallback).is_some());
        assert!(llm.role(Role::Reply).is_some());
        assert!(llm.role(Role::Planner).is_none());
        assert!(!format!("{llm:?}").contains("sk-ant-xyz"));
        assert!(!cfg.roles.is_empty());
        assert!(RolesConfig::default().is_empty());
    }

    #[test]
    fn roles_on_one_provider_share_its_budget() {
        let mut cfg: LlmConfig = toml::from_str(EXAMPLE).unwrap();
        // a second role on the budgeted provider, and one on the unbudgeted one
        cfg.roles.summary = cfg.roles.router_fallback.clone();
        let env = |n: &str| (n == "FD_TEST_ANTHROPIC_KEY").then(|| "sk-ant-xyz".to_owned());
        let llm = cfg.build_with_env(&env).unwrap();
        let (router, summary, reply) = (
            llm.role(Role::RouterFallback).unwrap(),
            llm.role(Role::Summary).unwrap(),
            llm.role(Role::Reply).unwrap(),
        );
        assert!(router.shares_budget_with(summary));
        assert!(!router.shares_budget_with(reply));
    }

    #[test]
    fn a_missing_key_is_a_config_error() {
        let cfg: LlmConfig = toml::from_str(EXAMPLE).unwrap();
        let err = cfg.build_with_env(&|_| None).unwrap_err();
        assert_eq!(
            err,
            ConfigError::MissingKey {
                var: "FD_TEST_ANTHROPIC_KEY".into()
            }
        );
    }

    #[test]
    fn unknown_keys_and_providers_are_errors() {
        let bad = "[providers.a]\nkind = \"anthropic\"\napi_key = \"sk-in-config\"\n";
        assert!(toml::from_str::<LlmConfig>(bad).is_err());
        let bad = "[roles.planner]\nprovider = \"a\"\nmodel = \"m\"\nmax_tokens = 1\nextra = 1\n";
        assert!(toml::from_str::<LlmConfig>(bad).is_err());
        let cfg: LlmConfig = toml::from_str(
            "[roles.planner]\nprovider = \"nope\"\nmodel = \"m\"\nmax_tokens = 10\n",
        )
        .unwrap();
        assert!(matches!(
            cfg.build_with_env(&|_| None),
            Err(ConfigError::UnknownProvider { .. })
        ));
    }

    #[test]
    fn the_readme_example_parses_and_builds() {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Root {
            llm: LlmConfig,
        }
        let readme = include_str!("../README.md");
        let start = readme.find("```toml\n").unwrap() + "```toml\n".len();
        let len = readme[start..].find("```").unwrap();
        let root: Root = toml::from_str(&readme[start..start + len]).unwrap();
        assert_eq!(root.llm.providers.len(), 3);
        let llm = root
            .llm
            .build_with_env(&|n| (n == "ANTHROPIC_API_KEY").then(|| "k".to_owned()))
            .unwrap();
        assert!(llm.role(Role::RouterFallback).is_some());
    }

    #[test]
    fn the_default_is_offline() {
        let llm = LlmConfig::default().build_with_env(&|_| None).unwrap();
        assert!(llm.role(Role::Reply).is_none());
    }
}
