//! Errors raised while loading and checking a tool configuration.
//!
//! Calls never return errors; they return a [`crate::ToolCallRecord`].

use std::path::PathBuf;

/// Why a tool configuration could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The config file could not be read.
    #[error("cannot read tool config {path}: {source}")]
    Read {
        /// The file that was read.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The config is not valid TOML for [`crate::ToolsConfig`].
    #[error("invalid tool config: {0}")]
    Toml(#[from] toml::de::Error),
    /// A tool's JSON schema is not valid JSON or not a valid JSON Schema.
    #[error("tool `{tool}`: invalid JSON schema: {message}")]
    Schema {
        /// The tool name.
        tool: String,
        /// What is wrong.
        message: String,
    },
    /// A tool's URL template cannot be parsed.
    #[error("tool `{tool}`: invalid url template: {source}")]
    Template {
        /// The tool name.
        tool: String,
        /// The parse error.
        #[source]
        source: crate::template::TemplateError,
    },
    /// The config is well-formed but inconsistent (duplicate names, unknown
    /// arguments, missing authentication tools...).
    #[error("invalid tool config: {0}")]
    Invalid(String),
    /// The HTTP client could not be built.
    #[error("cannot build http client: {0}")]
    Client(#[from] reqwest::Error),
}
