//! Ingestion of the three document sources into an [`Index`].
//!
//! * JSONL help-center exports, one `{id, title, content}` object per line;
//!   content is markdown and is split into passages by headings.
//! * A directory of markdown files, one article per file: the id is the file's
//!   path relative to the directory without `.md`, the title its first `#`
//!   heading (or the file stem).
//! * A policy markdown file (such as the retail store's `policy.md`): every
//!   `##` section becomes its own document `<file stem>#<section slug>` so that
//!   replies cite the exact section and editing one section re-indexes only it.
//! * ABCD-style agent guidelines JSON (`{flow: {description, subflows:
//!   {name: {instructions: [..], actions: [{button, text, subtext: [..]}]}}}}`):
//!   one document per subflow, id `<flow-slug>/<subflow-slug>`, one passage for
//!   the instructions and one per action step.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::document::Document;
use crate::error::RetrievalError;
use crate::index::{ChangeSet, Index};
use crate::markdown::{heading, slug};

#[derive(Debug, Deserialize)]
struct JsonlDoc {
    id: String,
    #[serde(default)]
    title: String,
    content: String,
}

fn source_key(kind: &str, path: &Path) -> String {
    let p = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    format!("{kind}:{}", p.display())
}

/// Parses a help-center JSONL export into documents.
pub fn read_jsonl(path: &Path) -> Result<Vec<Document>, RetrievalError> {
    let raw = fs::read_to_string(path).map_err(|e| RetrievalError::io(path, e))?;
    let mut docs = Vec::new();
    let mut seen = HashSet::new();
    for (n, line) in raw.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let d: JsonlDoc = serde_json::from_str(line).map_err(|source| RetrievalError::Json {
            path: path.to_path_buf(),
            line: n + 1,
            source,
        })?;
        check_id(path, &d.id, &mut seen)?;
        docs.push(Document::from_markdown(&d.id, &d.title, "", &d.content));
    }
    Ok(docs)
}

fn check_id(path: &Path, id: &str, seen: &mut HashSet<String>) -> Result<(), RetrievalError> {
    if id.trim().is_empty() {
        return Err(RetrievalError::InvalidDocument {
            path: path.to_path_buf(),
            reason: "empty document id".into(),
        });
    }
    if !seen.insert(id.to_string()) {
        return Err(RetrievalError::InvalidDocument {
            path: path.to_path_buf(),
            reason: format!("duplicate document id {id}"),
        });
    }
    Ok(())
}

/// Reads every `*.md` file under `dir` (recursively) as one article.
pub fn read_markdown_dir(dir: &Path) -> Result<Vec<Document>, RetrievalError> {
    let mut files = Vec::new();
    collect_md(dir, &mut files)?;
    files.sort();
    let mut docs = Vec::new();
    for file in files {
        let content = fs::read_to_string(&file).map_err(|e| RetrievalError::io(&file, e))?;
        let rel = file.strip_prefix(dir).unwrap_or(&file).with_extension("");
        let id = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        let title = content
            .lines()
            .find_map(|l| {
                heading(l)
                    .filter(|(lvl, _)| *lvl == 1)
                    .map(|(_, t)| t.to_string())
            })
            .unwrap_or_else(|| id.clone());
        docs.push(Document::from_markdown(&id, &title, "", &content));
    }
    Ok(docs)
}

fn collect_md(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), RetrievalError> {
    let rd = fs::read_dir(dir).map_err(|e| RetrievalError::io(dir, e))?;
    for entry in rd {
        let entry = entry.map_err(|e| RetrievalError::io(dir, e))?;
        let path = entry.path();
        if path.is_dir() {
            collect_md(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
    Ok(())
}

/// Splits a policy markdown file into one document per `##` section (text
/// before the first `##`, under the `#` title, becomes `<stem>#overview`).
pub fn read_policy_markdown(path: &Path) -> Result<Vec<Document>, RetrievalError> {
    let content = fs::read_to_string(path).map_err(|e| RetrievalError::io(path, e))?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "policy".into());
    let mut doc_title = stem.clone();
    let mut parts: Vec<(String, String)> = vec![("Overview".into(), String::new())];
    let mut in_fence = false;
    for line in content.lines() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
        }
        match heading(line).filter(|_| !in_fence) {
            Some((1, t)) => {
                doc_title = t.to_string();
                continue;
            }
            Some((2, t)) => parts.push((t.to_string(), String::new())),
            _ => {}
        }
        if let Some((_, body)) = parts.last_mut() {
            body.push_str(line);
            body.push('\n');
        }
    }
    let mut seen = HashSet::new();
    let mut docs = Vec::new();
    for (section, body) in parts {
        if body
            .lines()
            .all(|l| l.trim().is_empty() || heading(l).is_some())
        {
            continue;
        }
        let id = format!("{stem}#{}", slug(&section));
        check_id(path, &id, &mut seen)?;
        let title = format!("{doc_title}: {section}");
        docs.push(Document::from_markdown(&id, &title, "", &body));
    }
    Ok(docs)
}

#[derive(Debug, Deserialize)]
struct GuidelineFlow {
    #[serde(default)]
    description: String,
    subflows: BTreeMap<String, GuidelineSubflow>,
}

#[derive(Debug, Deserialize)]
struct GuidelineSubflow {
    #[serde(default)]
    instructions: Vec<String>,
    #[serde(default)]
    actions: Vec<GuidelineAction>,
}

#[derive(Debug, Deserialize)]
struct GuidelineAction {
    #[serde(default)]
    button: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    subtext: Vec<String>,
}

/// Reads ABCD-style agent guidelines into one document per subflow.
pub fn read_guidelines_json(path: &Path) -> Result<Vec<Document>, RetrievalError> {
    let raw = fs::read_to_string(path).map_err(|e| RetrievalError::io(path, e))?;
    let flows: BTreeMap<String, GuidelineFlow> =
        serde_json::from_str(&raw).map_err(|source| RetrievalError::Json {
            path: path.to_path_buf(),
            line: 0,
            source,
        })?;
    let mut docs = Vec::new();
    let mut seen = HashSet::new();
    for (flow_name, flow) in &flows {
        for (sub_name, sub) in &flow.subflows {
            let id = format!("{}/{}", slug(flow_name), slug(sub_name));
            check_id(path, &id, &mut seen)?;
            let mut md = String::new();
            if !sub.instructions.is_empty() || !flow.description.is_empty() {
                md.push_str("## Overview\n");
                if !flow.description.is_empty() {
                    md.push_str(&format!("{flow_name} ({}).\n", flow.description));
                }
                for line in &sub.instructions {
                    md.push_str(line);
                    md.push('\n');
                }
            }
            for (n, action) in sub.actions.iter().enumerate() {
                let name = if action.button.is_empty() {
                    format!("Step {}", n + 1)
                } else {
                    format!("Step {}: {}", n + 1, action.button)
                };
                md.push_str(&format!("## {name}\n{}\n", action.text));
                for item in &action.subtext {
                    md.push_str(&format!("- {item}\n"));
                }
            }
            let title = format!("{flow_name}: {sub_name}");
            docs.push(Document::from_markdown(&id, &title, "", &md));
        }
    }
    Ok(docs)
}

impl Index {
    /// Ingests ABCD-style agent guidelines JSON, one document per subflow.
    pub fn ingest_guidelines_json(
        &mut self,
        path: impl AsRef<Path>,
    ) -> Result<ChangeSet, RetrievalError> {
        let path = path.as_ref();
        let docs = read_guidelines_json(path)?;
        self.replace_source(&source_key("guidelines", path), docs)
    }

    /// Ingests a help-center JSONL file (`{id, title, content}` per line).
    pub fn ingest_jsonl(&mut self, path: impl AsRef<Path>) -> Result<ChangeSet, RetrievalError> {
        let path = path.as_ref();
        let docs = read_jsonl(path)?;
        self.replace_source(&source_key("jsonl", path), docs)
    }

    /// Ingests a directory of markdown articles (one per file).
    pub fn ingest_markdown_dir(
        &mut self,
        dir: impl AsRef<Path>,
    ) -> Result<ChangeSet, RetrievalError> {
        let dir = dir.as_ref();
        let docs = read_markdown_dir(dir)?;
        self.replace_source(&source_key("markdown", dir), docs)
    }

    /// Ingests a policy markdown file, one document per `##` section.
    pub fn ingest_policy_markdown(
        &mut self,
        path: impl AsRef<Path>,
    ) -> Result<ChangeSet, RetrievalError> {
        let path = path.as_ref();
        let docs = read_policy_markdown(path)?;
        self.replace_source(&source_key("policy", path), docs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_sections_become_documents() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("policy.md");
        fs::write(&p, "# Store policy\nBe nice.\n## Cancel order\nOnly pending.\n### Fees\nNone.\n## Returns\nWithin 30 days.\n").unwrap();
        let docs = read_policy_markdown(&p).unwrap();
        let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(
            ids,
            vec!["policy#overview", "policy#cancel-order", "policy#returns"]
        );
        assert_eq!(docs[1].title, "Store policy: Cancel order");
        assert_eq!(docs[1].passages.len(), 2);
    }

    #[test]
    fn jsonl_rejects_duplicates_and_bad_lines() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("d.jsonl");
        fs::write(&p, "{\"id\":\"a\",\"title\":\"A\",\"content\":\"x\"}\n{\"id\":\"a\",\"title\":\"A\",\"content\":\"y\"}\n").unwrap();
        assert!(matches!(
            read_jsonl(&p),
            Err(RetrievalError::InvalidDocument { .. })
        ));
        fs::write(&p, "{\"id\":\"a\"\n").unwrap();
        assert!(matches!(
            read_jsonl(&p),
            Err(RetrievalError::Json { line: 1, .. })
        ));
    }

    #[test]
    fn guidelines_subflows_become_documents() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("g.json");
        fs::write(&p, r#"{"Product Defect": {"description": "refunds and returns", "subflows": {"Initiate Refund": {"instructions": ["Customer wants money back."], "actions": [{"type": "interaction", "button": "Pull up Account", "text": "Ask for the full name.", "subtext": ["Or the Account ID"]}]}}}}"#).unwrap();
        let docs = read_guidelines_json(&p).unwrap();
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].id, "product-defect/initiate-refund");
        assert_eq!(docs[0].title, "Product Defect: Initiate Refund");
        let sections: Vec<&str> = docs[0]
            .passages
            .iter()
            .map(|p| p.section.as_str())
            .collect();
        assert_eq!(sections, vec!["Overview", "Step 1: Pull up Account"]);
        assert!(docs[0].passages[1].text.contains("- Or the Account ID"));
    }

    #[test]
    fn markdown_dir_ids_and_titles() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("faq")).unwrap();
        fs::write(
            dir.path().join("faq/shipping.md"),
            "# Shipping times\n## Standard\n3-5 days.\n",
        )
        .unwrap();
        fs::write(dir.path().join("notes.txt"), "ignored").unwrap();
        let docs = read_markdown_dir(dir.path()).unwrap();
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].id, "faq/shipping");
        assert_eq!(docs[0].title, "Shipping times");
    }
}
